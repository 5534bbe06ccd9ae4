import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { OVERDUE_AS_OF, RUNNING_AS_OF } from '../../electron/core/cases/deadline-sql';
import { loadRecord } from '../../electron/core/documents/loaders';
import { periodReportData } from '../../electron/core/documents/period-reports';
import { all, value, values } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { quarterRecord } from '../../shared/documents/quarterly';
import { chinaDay } from '../../shared/domain/calendar';
import { ADMIN, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/**
 * Done-when of issue 14: 督办, the ledger's 只看超期, 统计, the daily / weekly / monthly reports
 * (their data and the Excel sheet `hall report … --out x.xlsx` writes) and the quarterly reports
 * name the same overdue cases, on the demo data, on three days: before National Day 2026, in
 * the holiday, and in late November. Each day the demo is filled a month and a half earlier
 * and read on the day, so cases have run past their deadlines, been answered, extended and
 * reviewed in between; one instant is 00:30 China time, when UTC is still on the day before.
 */
const DAYS = [
  { label: 'before National Day', now: '2026-09-29T10:00:00+08:00', filled: '2026-08-20T10:00:00+08:00' },
  {
    label: 'during the holiday, at 00:30 China time',
    now: '2026-10-05T00:30:00+08:00',
    filled: '2026-08-25T10:00:00+08:00',
  },
  { label: 'late November', now: '2026-11-25T09:00:00+08:00', filled: '2026-10-28T10:00:00+08:00' },
];

/** The value beside a heading in the report's Excel sheet. */
async function sheetFigure(base64: string, label: string): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const row = (sheet.getRows(1, sheet.rowCount) ?? []).find((r) => r.getCell(1).value === label);
  if (!row) throw new Error(`no row ${label}`);
  return Number(row.getCell(2).value);
}

describe.each(DAYS)('overdue cases agree everywhere on the demo data, $label', ({ now, filled }) => {
  const tmp = tempDir();
  const clock = { t: Date.parse(filled) };
  let core: Core;
  const admin = () => must(core, 'admin');
  const today = chinaDay(new Date(Date.parse(now)));
  let expected: number[] = [];

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    await admin()('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date(clock.t));
    clock.t = Date.parse(now);
    await admin()('auth.unlock', { password: ADMIN.password });
    // The rule itself, as of today, in its SQL form.
    expected = values<number>(core.store.database, `SELECT c.id FROM cases c WHERE ${OVERDUE_AS_OF} ORDER BY c.id`, {
      asOf: today,
    });
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('has overdue cases to agree on, in more than one status', () => {
    expect(expected.length).toBeGreaterThan(3);
    const statuses = new Set(
      values<string>(core.store.database, `SELECT DISTINCT status FROM cases WHERE id IN (${expected.join(',')})`),
    );
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('督办 lists exactly those as 已超期, and its clock is the China day', async () => {
    const list = await admin()('supervise.list', {});
    expect(list.on).toBe(today);
    const overdue = list.items.filter((i) => i.reasons.includes('overdue'));
    expect(overdue.map((i) => i.caseId).sort((a, b) => a - b)).toEqual(expected);
    for (const i of overdue) expect(i.daysLeft).toBeLessThan(0);
    // A unit late against its 交办期限 is told apart, never counted as an overdue case.
    for (const i of list.items.filter((x) => x.reasons.includes('assignment_overdue'))) {
      expect(expected).not.toContain(i.caseId);
      expect(i.assignmentDeadlineOn! < today).toBe(true);
      expect(i.deadlineOn >= today).toBe(true);
    }
  });

  it('the ledger’s 只看超期 holds exactly those, and its rows say 超期', async () => {
    const page = await admin()('ledger.query', { overdue: true, limit: 200 });
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((r) => r.caseId).sort((a, b) => a - b)).toEqual(expected);
    expect(page.rows.every((r) => r.overdue && r.daysLeft! < 0)).toBe(true);
    // Every page of the whole ledger: the rows marked 超期 are the same cases.
    const marked: number[] = [];
    for (let offset = 0, total = 1; offset < total; offset += 200) {
      const p = await admin()('ledger.query', { limit: 200, offset });
      total = p.total;
      marked.push(...p.rows.filter((r) => r.overdue).map((r) => r.caseId));
    }
    expect(marked.sort((a, b) => a - b)).toEqual(expected);
  });

  it('统计 counts them today, by leader and in total', async () => {
    const month = `${today.slice(0, 7)}-01`;
    for (const range of [
      { from: today, to: today },
      { from: month, to: today },
    ]) {
      const f = await admin()('stats.figures', range);
      expect(f.totals.overdue).toBe(expected.length);
      expect(f.byLeader.reduce((a, l) => a + l.overdue, 0)).toBe(expected.length);
    }
  });

  it('the daily, weekly and monthly reports and their Excel sheets print the same 超期未办结', async () => {
    const db = core.store.database;
    for (const report of ['daily', 'weekly', 'monthly'] as const) {
      const data = periodReportData(db, report, today, today, '王管理');
      expect(data.figures.find((f) => f.label === '超期未办结')?.value, report).toBe(expected.length);
      // A zero report never stands above a figure that is not zero (here at least 超期未办结).
      expect(data.zero).toBe(false);
      const sheet = await admin()('stats.report', { report, date: today });
      expect(await sheetFigure(sheet.base64, '超期未办结'), report).toBe(expected.length);
    }
  });

  it('the quarterly reports add up, and their overdue cases are the same', () => {
    const db = core.store.database;
    const year = Number(today.slice(0, 4));
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const leaders = values<number>(db, 'SELECT id FROM leaders ORDER BY id');
    let overdue = 0;
    for (const id of leaders) {
      const q = loadRecord(db, 'quarterly', quarterRecord(id, year, quarter), { today, actorName: '王管理' });
      const fig = (label: string) => Number(q.figures.find((f) => f.label === label)!.value);
      expect(q.asOf).toBe(today);
      expect(fig('包案信访事项')).toBe(fig('其中已办结') + fig('未办结'));
      expect(fig('未办结')).toBe(q.open.length);
      expect(fig('其中超过办理期限')).toBe(q.open.filter((c) => c.overdueDays > 0).length);
      const running = value<number>(
        db,
        `SELECT count(*) FROM cases c WHERE c.owning_leader_id = @leader AND ${RUNNING_AS_OF}`,
        { leader: id, asOf: today },
      );
      expect(q.open.length).toBe(running);
      overdue += fig('其中超过办理期限');
    }
    const owned = all<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM cases c WHERE c.owning_leader_id IS NOT NULL AND ${OVERDUE_AS_OF}`,
      { asOf: today },
    )[0]!.n;
    expect(overdue).toBe(owned);
  });
});
