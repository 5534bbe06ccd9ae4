import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { Db } from '../../electron/core/infra/db/connection';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { all, value } from '../../electron/core/infra/db/sql';
import { BREAKDOWN_QUERIES, TOTAL_QUERIES } from '../../electron/core/stats/figures';
import type { MethodInput } from '../../shared/contract';
import { ADMIN, demoCore, must, registerVisit, saveLeader, testCore, visitInput } from '../helpers/core';
import { addDaysIso } from '../../shared/domain/calendar';
import { tempDir } from '../helpers/tmp';

/**
 * Migration 0016 keeps day roll-ups of the visits (visit_day_sizes, visit_day_keys,
 * visit_day_forms) by triggers, and the visit figures sum them instead of reading every visit.
 * Here the new statements are held to the definitions they replace, written out below as they
 * were (straight over `visits`): on the demo data for every month of 2026, a year, three years
 * and the days around week boundaries; after registrations at 23:59 and 00:30 China time,
 * corrections from one category, locality and head count to another, a leader changed, a date
 * moved and a visit deleted; and after the migration fills the roll-ups of a store that already
 * holds visits.
 */

/** The visit figures before migration 0016, by the name the engine gives them. */
const OLD: Record<string, string> = {
  visits: 'SELECT count(*) AS n FROM visits WHERE date BETWEEN @from AND @to',
  people: 'SELECT coalesce(sum(head_count), 0) AS n FROM visits WHERE date BETWEEN @from AND @to',
  groupVisits: 'SELECT count(*) AS n FROM visits WHERE date BETWEEN @from AND @to AND head_count > @groupSize',
  firstVisits: 'SELECT count(*) AS n FROM visits WHERE date BETWEEN @from AND @to AND repeat_count = 0',
  repeatVisits: 'SELECT count(*) AS n FROM visits WHERE date BETWEEN @from AND @to AND repeat_count > 0',
  'byLeader.visits':
    'SELECT leader_id AS k, count(*) AS n FROM visits WHERE date BETWEEN @from AND @to AND leader_id IS NOT NULL GROUP BY leader_id',
  'byLeader.people':
    'SELECT leader_id AS k, sum(head_count) AS n FROM visits WHERE date BETWEEN @from AND @to AND leader_id IS NOT NULL GROUP BY leader_id',
  'byCategory.visits':
    'SELECT coalesce(category_id, 0) AS k, count(*) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k',
  'byCategory.people':
    'SELECT coalesce(category_id, 0) AS k, sum(head_count) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k',
  'byLocality.visits':
    'SELECT coalesce(locality_id, 0) AS k, count(*) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k',
  'byLocality.people':
    'SELECT coalesce(locality_id, 0) AS k, sum(head_count) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k',
  'byForm.visits':
    'SELECT coalesce(s.form, v.form) AS k, count(*) AS n FROM visits v LEFT JOIN duty_slots s ON s.id = v.slot_id WHERE v.date BETWEEN @from AND @to GROUP BY k',
  'byForm.people':
    'SELECT coalesce(s.form, v.form) AS k, sum(v.head_count) AS n FROM visits v LEFT JOIN duty_slots s ON s.id = v.slot_id WHERE v.date BETWEEN @from AND @to GROUP BY k',
  'byWeek.visits':
    "SELECT date(date, 'weekday 0', '-6 days') AS k, count(*) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k",
  'byWeek.people':
    "SELECT date(date, 'weekday 0', '-6 days') AS k, sum(head_count) AS n FROM visits WHERE date BETWEEN @from AND @to GROUP BY k",
};

const NEW: Record<string, string> = {
  ...TOTAL_QUERIES,
  ...Object.fromEntries(
    Object.entries(BREAKDOWN_QUERIES).flatMap(([b, qs]) => Object.entries(qs).map(([k, sql]) => [`${b}.${k}`, sql])),
  ),
};

/** What each roll-up must hold: its rows computed afresh from every visit. */
const FRESH: Record<string, [string, string]> = {
  visit_day_sizes: [
    'SELECT date, head_count, repeated, visits FROM visit_day_sizes',
    'SELECT date, head_count, min(repeat_count, 1) AS repeated, count(*) AS visits FROM visits GROUP BY 1, 2, 3',
  ],
  visit_day_keys: [
    'SELECT dimension, date, key, visits, people FROM visit_day_keys',
    `SELECT 'leader' AS dimension, date, coalesce(leader_id, 0) AS key, count(*) AS visits, sum(head_count) AS people FROM visits GROUP BY 2, 3
     UNION ALL SELECT 'category', date, coalesce(category_id, 0), count(*), sum(head_count) FROM visits GROUP BY 2, 3
     UNION ALL SELECT 'locality', date, coalesce(locality_id, 0), count(*), sum(head_count) FROM visits GROUP BY 2, 3`,
  ],
  visit_day_forms: [
    'SELECT date, slot_id, form, visits, people FROM visit_day_forms',
    'SELECT date, coalesce(slot_id, 0) AS slot_id, form, count(*) AS visits, sum(head_count) AS people FROM visits GROUP BY 1, 2, 3',
  ],
};

type Params = Record<string, string | number>;

function rows(db: Db, sql: string, params: Params = {}): string[] {
  const used = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, params[m[1]!]!]));
  return all<Record<string, unknown>>(db, sql, used)
    .map((r) => JSON.stringify(r))
    .sort();
}

function expectRollupsTrue(db: Db, when: string): void {
  for (const [table, [kept, fresh]] of Object.entries(FRESH))
    expect(rows(db, kept), `${table} ${when}`).toEqual(rows(db, fresh));
}

function expectSameFigures(db: Db, from: string, to: string, groupSize = 5): void {
  const params = { from, to, groupSize };
  for (const [name, old] of Object.entries(OLD))
    expect(rows(db, NEW[name]!, params), `${name} ${from}..${to} (group > ${groupSize})`).toEqual(
      rows(db, old, params),
    );
}

describe('the visit figures on the demo data equal their definitions before migration 0016', () => {
  const tmp = tempDir();
  let core: Core;
  const TODAY = new Date('2026-11-23T02:00:00Z');

  beforeAll(async () => {
    core = await demoCore(tmp.dir, TODAY);
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('keeps the roll-ups equal to the visits the demo wrote', () => {
    const db = core.store.database;
    expectRollupsTrue(db, 'after the demo');
    // The demo has what the roll-ups split by: group visits, repeats, visits with a leader, a
    // category, a locality and a duty slot (visits without any of them are written below).
    for (const where of [
      'head_count > 5',
      'repeat_count > 0',
      'leader_id IS NOT NULL',
      'category_id IS NOT NULL',
      'locality_id IS NOT NULL',
      'slot_id IS NOT NULL',
    ])
      expect(value<number>(db, `SELECT count(*) FROM visits WHERE ${where}`), where).toBeGreaterThan(0);
  });

  it('gives the same figures for every month of 2026, a year, three years and around week boundaries', () => {
    const db = core.store.database;
    for (let m = 1; m <= 12; m++) {
      const from = `2026-${String(m).padStart(2, '0')}-01`;
      const to = addDaysIso(m === 12 ? '2027-01-01' : `2026-${String(m + 1).padStart(2, '0')}-01`, -1);
      expectSameFigures(db, from, to);
    }
    expectSameFigures(db, '2025-11-24', '2026-11-23');
    expectSameFigures(db, '2024-01-01', '2026-12-31');
    expectSameFigures(db, '2024-01-01', '2026-12-31', 1);
    // Ranges that start and end on every day of three weeks: a Sunday and the Monday after it
    // fall in different weeks.
    for (let from = '2026-11-08'; from <= '2026-11-29'; from = addDaysIso(from, 1))
      for (const len of [0, 1, 6]) expectSameFigures(db, from, addDaysIso(from, len));
  });

  it('reads the roll-ups, never the visits', () => {
    const db = core.store.database;
    for (const name of Object.keys(OLD)) {
      const plan = rows(db, `EXPLAIN QUERY PLAN ${NEW[name]!}`, { from: '2024-01-01', to: '2026-12-31', groupSize: 5 });
      expect(plan.join('\n'), name).not.toMatch(/\bvisits\b/);
      expect(plan.join('\n'), name).toMatch(/SEARCH \w+ USING (INDEX|PRIMARY KEY)/);
    }
  });

  it('reads only the guided visits for the refusals it derives, not every visit of the range', () => {
    const db = core.store.database;
    for (const name of ['decisions', 'decisionsLate']) {
      const params = { from: '2024-01-01', to: '2026-12-31', acceptDays: 15 };
      const plan = rows(db, `EXPLAIN QUERY PLAN ${NEW[name]!}`, params).join('\n');
      expect(plan, name).toMatch(/SEARCH v USING COVERING INDEX visits_guided \(date>\? AND date<\?\)/);
      expect(plan, name).not.toMatch(/visits_figures/);
    }
    // The demo guides visits to a legal channel; the figure counts them.
    expect(value<number>(db, "SELECT count(*) FROM visits WHERE legal_channel <> 'none'")).toBeGreaterThan(0);
  });

  it('are filled by migration 0016 on a store that already holds visits', () => {
    const db = core.store.database;
    const before = Object.fromEntries(Object.keys(FRESH).map((t) => [t, rows(db, `SELECT * FROM ${t}`)]));
    const migration = MIGRATIONS.find((m) => m.tag.endsWith('_visit_day_rollups'))!;
    // Undo the migration (its triggers, tables and index), then run it again over the demo's visits.
    for (const trigger of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER visit_day_rollups_${trigger}`);
    for (const table of Object.keys(FRESH)) db.exec(`DROP TABLE ${table}`);
    db.exec('DROP INDEX visits_guided');
    // Its statements again, as the migration runner applies them (later migrations stay applied).
    db.transaction(() => {
      for (const statement of migration.statements) db.exec(statement);
    })();
    for (const table of Object.keys(FRESH)) expect(rows(db, `SELECT * FROM ${table}`), table).toEqual(before[table]);
    expect(before.visit_day_keys!.length).toBeGreaterThan(0);
    expectRollupsTrue(db, 'after the migration');
  });
});

describe('the roll-ups follow every write of a visit', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const clock = { t: Date.parse('2026-11-22T15:59:00Z') }; // Sunday 23:59 China time

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  const figures = () => admin('stats.figures', { from: '2026-11-16', to: '2026-11-29' });
  const check = (when: string) => {
    const db = core.store.database;
    expectRollupsTrue(db, when);
    expectSameFigures(db, '2026-11-16', '2026-11-29');
    expectSameFigures(db, '2026-11-22', '2026-11-23');
    expectSameFigures(db, '2026-11-23', '2026-11-23', 2);
  };

  it('counts a visit on its China day and week, and moves it with a correction, a new leader, a new date and a delete', async () => {
    const db = core.store.database;
    const [roads, pay] = [
      (await admin('categories.save', { name: '道路交通', parentId: null, active: true })).id,
      (await admin('categories.save', { name: '劳动工资', parentId: null, active: true })).id,
    ];
    const town = (await admin('localities.save', { name: '城关镇', code: '330424100', parentId: null, active: true }))
      .id;
    const [zhang, li] = [(await saveLeader(admin, '张领导')).id, (await saveLeader(admin, '李领导')).id];

    // Sunday 23:59 and Monday 00:30 China time: two days, two weeks.
    const sunday = await registerVisit(admin, '王五', '道路破损无人修', { categoryId: roads, headCount: 1 });
    clock.t = Date.parse('2026-11-22T16:30:00Z');
    // A group of seven with its representative (a group must choose them).
    const person = {
      name: '赵六',
      sex: 'unknown' as const,
      idNumber: '',
      phone: '',
      address: '',
      isRepresentative: true,
    };
    const monday = (
      await admin(
        'visits.register',
        visitInput([person], '拖欠工资', { categoryId: roads, localityId: town, headCount: 7 }),
      )
    ).visitId;
    expect(value<string>(db, 'SELECT date FROM visits WHERE id = ?', sunday)).toBe('2026-11-22');
    expect(value<string>(db, 'SELECT date FROM visits WHERE id = ?', monday)).toBe('2026-11-23');
    check('after two registrations');
    expect(value<number>(db, 'SELECT count(*) FROM visits WHERE leader_id IS NULL AND slot_id IS NULL')).toBe(2);
    let f = await figures();
    expect(f.byWeek.map((w) => [w.weekStart, w.visits, w.people])).toEqual([
      ['2026-11-16', 1, 1],
      ['2026-11-23', 1, 7],
    ]);
    expect(f.totals.groupVisits).toBe(1);

    // A correction from one category, locality and head count to another (visits/correct.ts).
    const v = await admin('visits.get', { visitId: monday });
    const correction: MethodInput<'visits.correct'> = {
      visitId: monday,
      version: v.version,
      petitioners: v.petitioners.map((p) => ({
        petitionerId: p.petitionerId,
        name: p.name,
        sex: p.sex,
        idNumber: '',
        phone: '',
        address: p.address,
        isRepresentative: p.isRepresentative,
      })),
      headCount: 3,
      categoryId: pay,
      localityId: null,
      demand: v.demand,
      facts: v.facts,
      earlierHandling: v.earlierHandling,
      reason: '',
    };
    await admin('visits.correct', correction);
    check('after a correction');
    f = await figures();
    expect(f.byCategory.map((c) => [c.id, c.visits, c.people]).sort()).toEqual(
      [
        [roads, 1, 1],
        [pay, 1, 3],
      ].sort(),
    );
    expect(f.byLocality.map((l) => [l.id, l.visits, l.people])).toEqual([[0, 2, 4]]);
    expect(f.totals.groupVisits).toBe(0);

    // A leader given and changed (the statement the queue's transfer runs), the date moved, then deleted.
    const setLeader = db.prepare('UPDATE visits SET leader_id = ? WHERE id = ?');
    setLeader.run(zhang, monday);
    check('after a leader is given');
    setLeader.run(li, monday);
    check('after the leader changes');
    f = await figures();
    expect(f.byLeader.map((l) => [l.id, l.visits, l.people])).toEqual([
      [zhang, 0, 0],
      [li, 1, 3],
    ]);
    db.prepare("UPDATE visits SET date = '2026-11-22' WHERE id = ?").run(monday);
    check('after the date moves');
    expect((await figures()).byWeek.map((w) => [w.weekStart, w.visits, w.people])).toEqual([
      ['2026-11-16', 2, 4],
      ['2026-11-23', 0, 0],
    ]);
    // An update that changes no figure column keeps the roll-ups as they were.
    db.prepare("UPDATE visits SET status = 'done', head_count = head_count WHERE id = ?").run(sunday);
    check('after an update that changes nothing counted');
    db.prepare('INSERT INTO visits (visit_no, date, arrived_at, head_count, demand) VALUES (?, ?, ?, ?, ?)').run(
      'DJ-raw',
      '2026-11-29',
      '2026-11-29T01:00:00.000Z',
      2,
      '导入的来访',
    );
    check('after a visit inserted directly');
    db.prepare("DELETE FROM visits WHERE visit_no = 'DJ-raw'").run();
    check('after a delete');
    // A day whose visits are all gone leaves no row behind.
    expect(value<number>(db, "SELECT count(*) FROM visit_day_keys WHERE date = '2026-11-29'")).toBe(0);
    expect(value<number>(db, "SELECT count(*) FROM visit_day_sizes WHERE date = '2026-11-23'")).toBe(0);
  });
});
