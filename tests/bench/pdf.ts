import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { DOCUMENT_KINDS, KINDS, layoutOf, type DocumentKind } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import type { LedgerData } from '../../shared/documents/reports';
import { ms, summarize } from './stats';

const WARM_RUNS = 50;
const FOLDERS = Number(process.env.BENCH_FOLDERS ?? 1000);

const definition = (kind: DocumentKind) => layoutOf(kind, sampleData(kind), sampleStamp(kind));

/**
 * Cold: a fresh process. `render` runs from creating the engine (reading fonts) to the first PDF;
 * `process` from the process's start, imports included (tsx transpiling the sources adds to it).
 */
function cold(kind: DocumentKind): { render: number; process: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'pdf-cold.ts'), kind], {
    encoding: 'utf8',
  });
  const [render, whole] = out.trim().split(' ').map(Number);
  return { render: render!, process: whole! };
}

export async function benchPdf(): Promise<void> {
  const plan = discoverFonts();
  console.log(
    `pdf bench: fonts ${plan.source} (body ${path.basename(plan.body.normal.file)}), ${WARM_RUNS} warm documents per kind\n`,
  );
  console.log('kind              pages   cold render / from process start   warm median / p95');
  const engine = pdfEngine(() => plan);
  for (const kind of DOCUMENT_KINDS) {
    const coldMs = cold(kind);
    const def = definition(kind);
    const first = await engine.render(def);
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = performance.now();
      await engine.render(definition(kind));
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    console.log(
      `${kind.padEnd(16)}  ${String(first.pages).padStart(5)}   ${`${ms(coldMs.render)} / ${ms(coldMs.process)}`.padEnd(32)}  ${ms(s.median)} / ${ms(s.p95)}${first.pages > 1 ? '  (not a one-page slip)' : ''}`,
    );
  }
  console.log(
    'goals: warm one-page slip < 60 ms median; cold `hall print` < 700 ms (issue 17; the process column is the nearest measure here)\n',
  );

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
