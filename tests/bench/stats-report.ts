import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../electron/core/infra/db/connection';
import { migrate, schemaVersion } from '../../electron/core/infra/db/migrate';
import { value } from '../../electron/core/infra/db/sql';
import { periodReportData, statsContextOf } from '../../electron/core/documents/period-reports';
import { accountSlot, unwrapSlot } from '../../electron/core/infra/key-slots';
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { reportXlsx } from '../../electron/core/stats/report-xlsx';
import { computeStats } from '../../electron/core/stats/figures';
import { periodReport } from '../../shared/documents/period-report';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { ms, summarize } from './stats';
import { benchDatabase } from './store';

/**
 * `npm run bench -- stats`: the monthly figures and the monthly report (PDF and Excel) on the
 * 1,000,000-visit encrypted bench database. The store bench's database is copied once and given
 * what the figures read: leaders, units, categories, places, a duty roster, and 100,000 cases
 * with their assignments, closures, supervisions, extensions and follow-ups.
 *
 * "Proportional to the period, not to the history" (issue 17) is measured on the same month in
 * two databases that differ only in history: the full one (ten years, 2016–2025, 1,000,000
 * visits) and its last year alone (2025, 100,000 visits, built from the same visits the same way),
 * so June 2025 holds the same rows in both.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MONTH = { from: '2025-06-01', to: '2025-06-30' };
/** The bench's "today": after the data, so every figure counts as of the range's end. */
const TODAY = '2026-01-10';
/** The first day of the short history: the last of the store bench's ten years. */
const RECENT_FROM = '2025-01-01';

function enrich(db: Db, firstDay = '2016-01-01'): void {
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  db.transaction(() => {
    for (let i = 1; i <= 8; i++)
      run(
        'INSERT INTO leaders (id, name, post, sort) VALUES (?, ?, ?, ?)',
        i,
        `领导${'甲乙丙丁戊己庚辛'[i - 1]}`,
        '副县长',
        i,
      );
    for (let i = 1; i <= 20; i++) run('INSERT INTO units (id, name) VALUES (?, ?)', i, `县第${i}局`);
    for (let i = 1; i <= 19; i++) run('INSERT OR IGNORE INTO categories (id, name) VALUES (?, ?)', i, `类别${i}`);
    for (let i = 1; i <= 12; i++) run('INSERT INTO localities (id, name) VALUES (?, ?)', i, `第${i}镇`);
  })();
  // Visits: who received them, how many came, what about, where, and every fifth a repeat.
  run(`UPDATE visits SET leader_id = id % 8 + 1, head_count = CASE WHEN id % 40 = 0 THEN 8 WHEN id % 7 = 0 THEN 2 ELSE 1 END,
       category_id = id % 19 + 1, locality_id = id % 12 + 1, repeat_count = CASE WHEN id % 5 = 0 THEN 1 ELSE 0 END`);
  // A weekday roster: one leader at the hall each working day, and one outside visit a week.
  db.transaction(() => {
    const slot = db.prepare(
      "INSERT INTO duty_slots (date, session, start_time, end_time, form) VALUES (?, 'morning', '08:30', '11:30', ?)",
    );
    const who = db.prepare('INSERT INTO duty_slot_leaders (slot_id, leader_id) VALUES (?, ?)');
    let n = 0;
    for (let t = Date.parse(`${firstDay}T00:00:00Z`); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
      const date = d.toISOString().slice(0, 10);
      who.run(Number(slot.run(date, 'regular').lastInsertRowid), (n % 8) + 1);
      if (d.getUTCDay() === 3) who.run(Number(slot.run(date, 'outside').lastInsertRowid), ((n + 3) % 8) + 1);
      n++;
    }
  })();
  // 100,000 cases, one for every tenth visit, and what happened to them.
  db.transaction(() => {
    run(`INSERT INTO cases (id, case_no, petitioner_id, title, demand, category_id, locality_id, owning_leader_id, accepted_on, deadline_rule, deadline_on, deadline_basis, stage, status)
         SELECT v.id / 10, 'XF' || v.id, vp.petitioner_id, '征地拆迁补偿', v.demand, v.category_id, v.locality_id, v.leader_id, v.date, 'answer_60_days', date(v.date, '+60 days'),
           '{"unit":"calendar","days":60}', 'handling', CASE WHEN v.id % 100 < 80 THEN 'closed' WHEN v.id % 100 < 95 THEN 'received' ELSE 'accepted' END
         FROM visits v JOIN visit_petitioners vp ON vp.visit_id = v.id WHERE v.id % 10 = 0`);
    run(`INSERT INTO case_visits (case_id, visit_id) SELECT id, id * 10 FROM cases`);
    run(
      `INSERT INTO assignments (id, case_id, assignment_no, instruction, deadline_on, assigned_at) SELECT id, id, 'JB' || id, '请核实办理。', date(accepted_on, '+20 days'), accepted_on || 'T03:00:00.000Z' FROM cases WHERE status <> 'accepted'`,
    );
    run(`INSERT INTO assignment_units (assignment_id, unit_id, role) SELECT id, id % 20 + 1, 'lead' FROM assignments`);
    run(`INSERT INTO closures (case_id, stage, unit_id, findings, outcome, basis, answer_date, answer_way, satisfaction, stopped, closed_at)
         SELECT id, 'handling', id % 20 + 1, '经核实', CASE id % 3 WHEN 0 THEN 'support' WHEN 1 THEN 'explain' ELSE 'reject' END, '条例',
           date(accepted_on, '+' || (20 + id % 50) || ' days'), 'written_delivered', CASE id % 4 WHEN 0 THEN 'satisfied' WHEN 1 THEN 'basically_satisfied' WHEN 2 THEN 'unsatisfied' ELSE 'unknown' END,
           id % 2, date(accepted_on, '+' || (20 + id % 50) || ' days') || 'T06:00:00.000Z' FROM cases WHERE status = 'closed'`);
    run(`INSERT INTO supervisions (case_id, assignment_id, supervision_no, reason, level, answer_by, issued_at)
         SELECT id, id, 'DB' || id, 'due', CASE id % 3 WHEN 0 THEN 'ordinary' WHEN 1 THEN 'yellow' ELSE 'red' END, date(accepted_on, '+30 days'), date(accepted_on, '+25 days') || 'T01:00:00.000Z' FROM cases WHERE id % 10 = 3`);
    run(`INSERT INTO extensions (case_id, days, reason, approver, approved_on, previous_deadline_on, new_deadline_on)
         SELECT id, 30, '情况复杂', '县长', date(accepted_on, '+50 days'), deadline_on, date(deadline_on, '+30 days') FROM cases WHERE id % 20 = 7`);
    run(
      `INSERT INTO follow_ups (case_id, at, way, by_name, result, satisfaction) SELECT case_id, date(answer_date, '+5 days') || 'T02:00:00.000Z', 'phone', '回访组', '满意', 'satisfied' FROM closures WHERE case_id % 2 = 0`,
    );
  })();
  db.pragma('optimize');
}

/** Copies the rows of `table` that `where` selects from one database into another (the columns the source has). */
function copyRows(from: Db, to: Db, table: string, where: string, ...args: unknown[]): number {
  const select = from.prepare(`SELECT * FROM ${table} WHERE ${where}`);
  const columns = select.columns().map((c) => c.name);
  const insert = to.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let n = 0;
  to.transaction(() => {
    for (const row of select.raw().iterate(...args)) {
      insert.run(...(row as unknown[]));
      n++;
    }
  })();
  return n;
}

/**
 * The stats database for a history: `full` is the store bench's ten years, `recent` its last
 * year only (copied row by row into a new database with the same key). Built once and cached
 * beside the store bench's database; a cached one made before a migration is migrated here (and
 * the migration timed).
 */
function open(history: 'full' | 'recent'): Db {
  const { encFile, keyring, password } = benchDatabase();
  const file = path.join(path.dirname(encFile), history === 'full' ? 'stats.db' : 'stats-recent.db');
  const key = unwrapSlot(keyring, accountSlot(keyring, 'admin')!, password)!;
  if (!fs.existsSync(file)) {
    const t0 = performance.now();
    if (history === 'full') fs.copyFileSync(encFile, `${file}.building`);
    const db = openDatabase(`${file}.building`, { key });
    migrate(db, () => {});
    if (history === 'recent') {
      const source = openDatabase(encFile, { key, readonly: true });
      const visits = copyRows(source, db, 'visits', 'date >= ?', RECENT_FROM);
      copyRows(
        source,
        db,
        'petitioners',
        'id IN (SELECT vp.petitioner_id FROM visit_petitioners vp JOIN visits v ON v.id = vp.visit_id WHERE v.date >= ?)',
        RECENT_FROM,
      );
      copyRows(source, db, 'visit_petitioners', 'visit_id IN (SELECT id FROM visits WHERE date >= ?)', RECENT_FROM);
      source.close();
      console.log(`copied ${visits.toLocaleString()} visits from ${RECENT_FROM} on`);
    }
    enrich(db, history === 'full' ? '2016-01-01' : RECENT_FROM);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    fs.renameSync(`${file}.building`, file);
    console.log(
      `built ${path.basename(file)} (${history === 'full' ? 'copy of the store bench' : 'its last year'}, with cases) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const db = openDatabase(file, { key });
  const t0 = performance.now();
  const before = schemaVersion(db);
  migrate(db, () => {});
  if (schemaVersion(db) !== before)
    console.log(
      `migrated ${path.basename(file)} (${value<number>(db, 'SELECT count(*) AS n FROM cases')!.toLocaleString()} cases) from schema ${before} to ${schemaVersion(db)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  return db;
}

async function timed(runs: number, fn: () => unknown): Promise<ReturnType<typeof summarize>> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return summarize(times);
}

const sizeOf = (db: Db) => {
  const count = (sql: string) => value<number>(db, sql)!.toLocaleString();
  return `${count('SELECT count(*) AS n FROM visits')} visits, ${count('SELECT count(*) AS n FROM cases')} cases, ${count('SELECT count(*) AS n FROM closures')} closures`;
};

const line = (label: string, s: ReturnType<typeof summarize>, size: string) =>
  console.log(`${label.padEnd(42)} median ${ms(s.median).padStart(10)}   p95 ${ms(s.p95).padStart(10)}   (${size})`);

export async function benchStatsReport(): Promise<void> {
  const ctx = statsContextOf({ ...DEFAULT_SETTINGS, officeName: '清河县信访局' }, TODAY);
  const month = MONTH.from.slice(0, 7);

  // The same month on a year of history and on ten years.
  const recent = open('recent');
  const recentSize = sizeOf(recent);
  const monthRecent = computeStats(recent, MONTH, ctx);
  const onRecent = await timed(RUNS, () => computeStats(recent, MONTH, ctx));
  recent.close();
  const db = open('full');
  const fullSize = sizeOf(db);
  const f = computeStats(db, MONTH, ctx);
  console.log(`\nstats bench (encrypted), ${RUNS} runs each; today ${TODAY}`);
  console.log(`  short history: ${recentSize} (${RECENT_FROM} to 2025-12-31)`);
  console.log(`  full history:  ${fullSize} (2016-01-01 to 2025-12-31)`);
  for (const [label, m] of [
    ['short', monthRecent],
    ['full', f],
  ] as const)
    console.log(
      `month ${month} (${label}): ${m.totals.visits} visits, ${m.totals.people} people, ${m.totals.casesAccepted} cases accepted, ${m.totals.casesClosed} closed, ${m.totals.overdue} overdue`,
    );
  const visitsOf = (size: string) => size.split(' ')[0];
  line(`monthly figures, ${month}`, onRecent, `${visitsOf(recentSize)} visits`);
  const onFull = await timed(RUNS, () => computeStats(db, MONTH, ctx));
  line(`monthly figures, ${month}`, onFull, `${visitsOf(fullSize)} visits`);
  console.log(
    `ratio ${visitsOf(fullSize)} / ${visitsOf(recentSize)} visits: ${(onFull.median / onRecent.median).toFixed(2)}× (median)   goal: ≤ 1.5×`,
  );

  const engine = pdfEngine(() => discoverFonts());
  const stamp = { office: '清河县信访局', docNo: '〔2026〕第0001号', code: 'BNCH-0001', qr: 'HALL1:BNCH-0001:0' };
  await engine.render(periodReport(periodReportData(db, 'monthly', MONTH.from, TODAY, 'bench'), stamp)); // fonts loaded once, as in the app
  const size = `${visitsOf(fullSize)} visits`;
  line(
    'monthly report data (figures + quarter)',
    await timed(RUNS, () => periodReportData(db, 'monthly', MONTH.from, TODAY, 'bench')),
    size,
  );
  line(
    'monthly report PDF (data + render)',
    await timed(RUNS, async () =>
      engine.render(periodReport(periodReportData(db, 'monthly', MONTH.from, TODAY, 'bench'), stamp)),
    ),
    size,
  );
  line(
    'monthly report XLSX (data + sheet)',
    await timed(RUNS, async () =>
      reportXlsx(periodReportData(db, 'monthly', MONTH.from, TODAY, 'bench'), '清河县信访局', ''),
    ),
    size,
  );
  console.log('goal: monthly report under 2 s');
  line(
    'figures for a year (2025)',
    await timed(3, () => computeStats(db, { from: '2025-01-01', to: '2025-12-31' }, ctx)),
    size,
  );
  line(
    'figures for three years (2023-2025)',
    await timed(3, () => computeStats(db, { from: '2023-01-01', to: '2025-12-31' }, ctx)),
    size,
  );
  console.log('goal: three years of figures under 1 s');
  db.close();
}
