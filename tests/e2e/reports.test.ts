import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { MONTHLY_LEADER_HEAD } from '../../shared/documents/period-report';
import type { StatsFigures } from '../../shared/domain/stats';
import { hall, passwordFile } from '../helpers/cli';
import { ADMIN, must, testCore } from '../helpers/core';
import { pdfFonts, pdfPages, pdfText, renderPages, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

const TODAY = new Date('2026-11-23T02:00:00Z');

/**
 * The monthly report as the office sends it: the Excel sheet opened by LibreOffice (converted to
 * CSV in UTF-8) carries the same Chinese text and numbers as `hall stats`, and the PDF passes the
 * print checks. LibreOffice is required: `apt-get install -y --no-install-recommends libreoffice-calc`.
 */
function libreOffice(): string {
  for (const bin of ['libreoffice', 'soffice'])
    if (spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0) return bin;
  throw new Error(
    'LibreOffice is not installed, so the report sheet cannot be checked: run `apt-get install -y --no-install-recommends libreoffice-calc` (.ci/run does).',
  );
}

/** RFC 4180 enough for LibreOffice's output: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line === '') continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    while (cells.length && cells.at(-1) === '') cells.pop();
    rows.push(cells);
  }
  return rows;
}

describe('the monthly report as Excel and PDF, from the demo data', () => {
  const tmp = tempDir();
  const creds = () => ['--user', ADMIN.username, '--password-file', passwordFile(tmp.dir, ADMIN.password)];
  let figures: StatsFigures;

  beforeAll(async () => {
    const core = testCore(tmp.dir, { now: () => TODAY });
    await must(core, 'a')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, TODAY);
    core.close();
    const run = hall(tmp.dir, ['stats', '--from', '2026-11-01', '--to', '2026-11-30', ...creds()]);
    expect(run.code, run.err).toBe(0);
    figures = JSON.parse(run.out) as StatsFigures;
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('opens in LibreOffice with the Chinese headings and the same numbers as hall stats', () => {
    const office = libreOffice();
    const xlsx = path.join(tmp.dir, '2026-11.xlsx');
    const made = hall(tmp.dir, ['report', 'monthly', '--month', '2026-11', '--out', xlsx, ...creds()]);
    expect(made.code, made.err).toBe(0);
    const outDir = path.join(tmp.dir, 'csv');
    // 44,34,76: comma, double quote, UTF-8 — without it LibreOffice writes the system's 8-bit code page and Chinese becomes "?".
    const conv = spawnSync(
      office,
      [
        '--headless',
        `-env:UserInstallation=file://${path.join(tmp.dir, 'lo-profile')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        outDir,
        xlsx,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(conv.status, conv.stderr).toBe(0);
    const rows = parseCsv(fs.readFileSync(path.join(outDir, '2026-11.csv'), 'utf8'));
    const first = rows.map((r) => r[0] ?? '');
    expect(first.slice(0, 4)).toEqual([
      ADMIN.officeName,
      '2026年11月信访工作情况报告',
      '统计时段：2026年11月1日至11月30日',
      '报送时限：2026年12月4日（次月4日）前',
    ]);
    for (const heading of [
      '一、主要数据',
      '二、按问题类别',
      '三、按问题属地',
      '四、按接访形式',
      '五、领导接访下访情况',
      '六、办结信访事项的办理结果和满意度',
      '七、责任单位办理情况',
      '八、逐周情况',
      '九、情况说明',
    ])
      expect(first, heading).toContain(heading);

    const t = figures.totals;
    const figure = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(
      Object.fromEntries(
        [
          '来访批次',
          '来访人次',
          '集体访批次',
          '重复访批次',
          '首次来访批次',
          '受理信访事项',
          '办结信访事项',
          '按期办结',
          '超期未办结',
          '延期办理',
          '督办',
          '回访',
          '息诉罢访',
          '满意及基本满意',
        ].map((l) => [l, figure(l)]),
      ),
    ).toEqual({
      来访批次: String(t.visits),
      来访人次: String(t.people),
      集体访批次: String(t.groupVisits),
      重复访批次: String(t.repeatVisits),
      首次来访批次: String(t.firstVisits),
      受理信访事项: String(t.casesAccepted),
      办结信访事项: String(t.casesClosed),
      按期办结: String(t.closedOnTime),
      超期未办结: String(t.overdue),
      延期办理: String(t.extended),
      督办: String(t.supervised.total),
      回访: String(t.followUps),
      息诉罢访: String(t.stopped),
      满意及基本满意: String(t.satisfaction.satisfied + t.satisfaction.basically_satisfied),
    });
    expect(t.visits).toBeGreaterThan(100);

    const has = (cells: (string | number)[]) => expect(rows, cells.join(',')).toContainEqual(cells.map(String));
    has(['问题类别', '来访批次', '来访人次', '受理件数']);
    for (const c of figures.byCategory) has([c.name, c.visits, c.people, c.casesAccepted]);
    for (const l of figures.byLocality) has([l.name, l.visits, l.people, l.casesAccepted]);
    for (const f of figures.byForm) has([f.label, f.visits, f.people]);
    has(MONTHLY_LEADER_HEAD);
    for (const l of figures.byLeader) {
      const row = rows.find((r) => r[0] === l.name)!;
      expect(row, l.name).toBeDefined();
      expect([row[1], row[2], row[3], row[4], row[7], row[8], row[9]]).toEqual(
        [l.visits, l.people, l.receptions, l.receptionQuota, l.casesAccepted, l.casesClosed, l.overdue].map(String),
      );
    }
    for (const u of figures.byUnit)
      has([u.name, u.casesAssigned, u.casesClosed, u.closedOnTime, u.overdue, u.supervised]);
    expect(rows.find((r) => r[0] === '办理结果：支持')?.[1]).toBe(String(t.outcomes.support));
    expect(rows.find((r) => r[0] === '信访人评价：不满意')?.[1]).toBe(String(t.satisfaction.unsatisfied));
    expect(rows.some((r) => (r[0] ?? '').startsWith(`本月共接待群众来访${t.visits}批${t.people}人次`))).toBe(true);
  }, 180_000);

  it('prints the monthly report with a number, its labels and only embedded subset fonts', () => {
    const pdf = path.join(tmp.dir, '2026-11.pdf');
    const made = hall(tmp.dir, ['report', 'monthly', '--month', '2026-11', '--out', pdf, ...creds()]);
    expect(made.code, made.err).toBe(0);
    const docNo = /\S*报〔2026〕[1-9]\d*号/.exec(made.out)?.[0];
    expect(docNo).toBeDefined();
    const buf = fs.readFileSync(pdf);
    const text = squash(pdfText(buf));
    for (const l of [
      ADMIN.officeName,
      '2026年11月信访工作情况报告',
      '报送时限',
      '主要数据',
      '来访批次',
      '按问题类别',
      '领导接访下访情况',
      '责任单位办理情况',
      '逐周情况',
      '情况说明',
      '填报人',
      docNo!,
    ])
      expect(text, l).toContain(squash(l));
    expect(text).toContain(squash(`本月共接待群众来访${figures.totals.visits}批${figures.totals.people}人次`));
    const fonts = pdfFonts(buf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true });
    expect(renderPages(buf)).toBe(pdfPages(buf));
  }, 60_000);

  it('prints a zero report only for a day on which every figure is zero', () => {
    // National Day, before the demo's first visit: nothing at all happened and nothing was overdue.
    for (const ext of ['pdf', 'xlsx']) {
      const out = path.join(tmp.dir, `2026-10-01.${ext}`);
      const made = hall(tmp.dir, ['report', 'daily', '--date', '2026-10-01', '--out', out, ...creds()]);
      expect(made.code, made.err).toBe(0);
    }
    const text = squash(pdfText(fs.readFileSync(path.join(tmp.dir, '2026-10-01.pdf'))));
    for (const l of [
      '2026年10月1日信访工作日报',
      '今日无信访事项，零报告。',
      '今日无来访，无新受理信访事项。',
      '报送时限：当日15:30前',
    ])
      expect(text, l).toContain(squash(l));
    // A Sunday nobody came, but cases were answered and others were overdue: no zero report.
    const sunday = path.join(tmp.dir, '2026-11-22.pdf');
    expect(hall(tmp.dir, ['report', 'daily', '--date', '2026-11-22', '--out', sunday, ...creds()]).code).toBe(0);
    const busy = squash(pdfText(fs.readFileSync(sunday)));
    expect(busy).toContain('今日无来访，无新受理信访事项。');
    expect(busy).not.toContain('零报告');
    expect(busy).toMatch(/超期未办结\d+/);
    expect(
      hall(tmp.dir, ['report', 'weekly', '--week', '2026-11-25', '--out', path.join(tmp.dir, 'w.txt'), ...creds()])
        .code,
    ).toBe(2);
  }, 60_000);
});
