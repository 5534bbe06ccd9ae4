import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { DOCUMENT_KINDS, KINDS, layoutOf, type DocumentKind } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import type { LedgerData } from '../../shared/documents/reports';
import { hasSoffice, slipXlsx, sofficeTimes } from './pdf-office';
import { ms, summarize } from './stats';

const WARM_RUNS = 50;
const COLD_RUNS = 5;
const FOLDERS = Number(process.env.BENCH_FOLDERS ?? 1000);
const ROOT = path.resolve(__dirname, '..', '..');
const HALL = path.join(ROOT, 'out', 'cli', 'hall.cjs');
/** The slips LibreOffice converts side by side with the app (one soffice run each takes seconds). */
const OFFICE_KINDS: DocumentKind[] = ['acceptance', 'assignment', 'closure'];

const GOAL_WARM_MS = 60;
const GOAL_COLD_MS = 700;
const GOAL_SLIP_KIB = 60;
const GOAL_OFFICE_RATIO = 25;

const definition = (kind: DocumentKind) => layoutOf(kind, sampleData(kind), sampleStamp(kind));

/**
 * A cold `hall print <kind> --sample` as a user runs it: the built CLI in a fresh Node process,
 * timed from spawning it to its exit (Node's start, loading the CLI, reading the fonts, the
 * render, writing the file). CPU seconds from /usr/bin/time when it is there: on a loaded machine
 * they say more than the wall time.
 */
function coldCli(kind: DocumentKind, out: string): { wall: number; cpu: number | null } {
  const timer = fs.existsSync('/usr/bin/time');
  const cmd = timer ? '/usr/bin/time' : process.execPath;
  const args = [HALL, 'print', kind, '--sample', '--out', out];
  const t = performance.now();
  const r = spawnSync(cmd, timer ? ['-f', 'cpu %U %S', process.execPath, ...args] : args, { encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`hall print ${kind} --sample failed: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function benchPdf(): Promise<void> {
  if (!fs.existsSync(HALL)) throw new Error(`${HALL} is missing: npm run build`);
  const plan = discoverFonts();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-pdf-bench-'));
  console.log(
    `pdf bench: fonts ${plan.source} (body ${path.basename(plan.body.normal.file)}), ${WARM_RUNS} warm documents per kind, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  console.log('kind              pages       size   warm median / p95       cold `hall print --sample`: wall (cpu)');
  const engine = pdfEngine(() => plan);
  const warm = new Map<DocumentKind, number>();
  const slips: { kind: DocumentKind; size: number }[] = [];
  for (const kind of DOCUMENT_KINDS) {
    const cold = coldCli(kind, path.join(work, `${kind}.pdf`));
    const first = await engine.render(definition(kind));
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = performance.now();
      await engine.render(definition(kind));
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    warm.set(kind, s.median);
    const slip = first.pages === 1;
    if (slip) slips.push({ kind, size: first.buffer.length });
    console.log(
      `${kind.padEnd(16)}  ${String(first.pages).padStart(5)}  ${kib(first.buffer.length).padStart(10)}   ${`${ms(s.median)} / ${ms(s.p95)}`.padEnd(22)}  ${ms(cold.wall)}${cold.cpu === null ? '' : ` (${ms(cold.cpu)})`}${slip ? '' : '  (not a one-page slip)'}`,
    );
  }
  const slowWarm = slips.filter((s) => warm.get(s.kind)! >= GOAL_WARM_MS).map((s) => s.kind);
  const bigSlips = slips.filter((s) => s.size >= GOAL_SLIP_KIB * 1024).map((s) => s.kind);
  console.log(
    `goal: warm one-page slip < ${GOAL_WARM_MS} ms median for every kind: ${slowWarm.length ? `missed by ${slowWarm.join(', ')}` : `met by all ${slips.length}`}`,
  );
  console.log(
    `goal: one-page slips < ${GOAL_SLIP_KIB} KiB: ${bigSlips.length ? `missed by ${bigSlips.join(', ')}` : `met by all ${slips.length}`} (largest ${kib(Math.max(...slips.map((s) => s.size)))})`,
  );

  // The cold print the issue names, several times: the column above is one run per kind.
  for (const kind of ['registration', 'ticket'] as const) {
    const runs = Array.from({ length: COLD_RUNS }, () => coldCli(kind, path.join(work, `${kind}.pdf`)));
    const wall = summarize(runs.map((r) => r.wall));
    const cpu = runs.every((r) => r.cpu !== null) ? summarize(runs.map((r) => r.cpu!)) : null;
    console.log(
      `cold \`hall print ${kind} --sample\` from process start, ${COLD_RUNS} runs: median ${ms(wall.median)} wall${cpu ? `, ${ms(cpu.median)} cpu` : ''}   goal < ${GOAL_COLD_MS} ms`,
    );
  }
  const bare = summarize(
    Array.from({ length: COLD_RUNS }, () => {
      const t = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      return performance.now() - t;
    }),
  );
  console.log(`  (bare \`node -e 0\` on this machine now: ${ms(bare.median)})\n`);

  // LibreOffice on the same slips, side by side in this run.
  if (!hasSoffice())
    console.log('LibreOffice: soffice is not installed, no ratio (apt-get install libreoffice-calc)\n');
  else {
    const files: string[] = [];
    for (const kind of OFFICE_KINDS) {
      const file = path.join(work, `${kind}.xlsx`);
      await slipXlsx(
        definition(kind),
        path.basename(plan.body.normal.file).startsWith('ukai') ? 'AR PL UKai CN' : '仿宋',
        file,
      );
      files.push(file);
    }
    const office = sofficeTimes(files);
    OFFICE_KINDS.forEach((kind, i) => {
      const ratio = office.single[i]! / warm.get(kind)!;
      console.log(
        `LibreOffice ${kind}: soffice .xlsx → PDF ${ms(office.single[i]!)} vs the app's warm ${ms(warm.get(kind)!)} = ${ratio.toFixed(0)}×   goal ≥ ${GOAL_OFFICE_RATIO}×`,
      );
    });
    const appMean = OFFICE_KINDS.reduce((a, k) => a + warm.get(k)!, 0) / OFFICE_KINDS.length;
    console.log(
      `LibreOffice converting the ${OFFICE_KINDS.length} in one run: ${ms(office.batchPerDoc)} a document = ${(office.batchPerDoc / appMean).toFixed(0)}× the app's warm mean ${ms(appMean)}\n`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });

  // A 200-page ledger.
  const base = sampleData('ledger');
  let rows = 3000;
  let ledger: LedgerData = {
    ...base,
    rows: Array.from({ length: rows }, (_, i) => ({
      ...base.rows[i % base.rows.length]!,
      caseNo: `XF${String(i).padStart(8, '0')}`,
    })),
  };
  let probe = await engine.render(KINDS.ledger.layout(ledger, sampleStamp('ledger')));
  rows = Math.round((rows * 200) / probe.pages);
  ledger = {
    ...base,
    rows: Array.from({ length: rows }, (_, i) => ({
      ...base.rows[i % base.rows.length]!,
      caseNo: `XF${String(i).padStart(8, '0')}`,
    })),
  };
  const t0 = performance.now();
  probe = await engine.render(KINDS.ledger.layout(ledger, sampleStamp('ledger')));
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `ledger: ${probe.pages} pages (${rows} rows) in ${secs.toFixed(2)} s = ${(probe.pages / secs).toFixed(1)} pages/s`,
  );

  // A batch of case folders, in its own process so the figure is the batch's alone.
  const [folders, pages, secs2, peak] = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'pdf-batch.ts'), String(FOLDERS)],
    { encoding: 'utf8' },
  )
    .trim()
    .split(' ');
  console.log(`batch: ${folders} folders (${pages} pages) in ${secs2} s, peak RSS ${peak} MiB   goal < 600 MB`);
}
