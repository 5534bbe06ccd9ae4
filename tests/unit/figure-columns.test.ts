import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { OVERDUE_AS_OF } from '../../electron/core/cases/deadline-sql';
import { openDatabase, type Db } from '../../electron/core/infra/db/connection';
import { migrate } from '../../electron/core/infra/db/migrate';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { all, one as oneRow, value } from '../../electron/core/infra/db/sql';
import { availableMoves, type CaseStage } from '../../shared/domain/case-machine';
import type { CaseStatus } from '../../shared/domain/case-status';
import { BREAKDOWN_QUERIES, TOTAL_QUERIES } from '../../electron/core/stats/figures';
import {
  ADMIN,
  caller,
  demoCore,
  must,
  officeOnClock,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { addDaysIso } from '../../shared/domain/calendar';
import { tempDir } from '../helpers/tmp';

/**
 * Migration 0013 stores what the figures read (the handling deadline, the first handling answer,
 * the China day of an assignment, a supervision and a follow-up) as indexed columns, and the
 * figures read them instead of computing them from every case. Here the new statements are held
 * to the definitions they replace, written out below as they were: on the demo data over every
 * month and day of its year, on hand-made edge cases, and after random sequences of moves.
 */

const OLD_HANDLING_DEADLINE = "coalesce(json_extract(c.deadline_basis, '$.handlingDeadline'), c.deadline_on)";
const OLD_OVERDUE = `((c.accepted_on <= @asOf AND ${OLD_HANDLING_DEADLINE} < @asOf
  AND NOT EXISTS (SELECT 1 FROM closures cl WHERE cl.case_id = c.id AND cl.stage = 'handling' AND cl.answer_date <= @asOf))
  OR c.id IN (SELECT r.case_id FROM reviews r WHERE r.requested_on <= @asOf AND (r.decided_on IS NULL OR r.decided_on > @asOf) AND r.deadline_on < @asOf))`;
const OLD_DECISIONS = `SELECT v.id AS visit_id,
    coalesce(d.decision, CASE WHEN cv.case_id IS NOT NULL THEN 'accept' ELSE 'refuse' END) AS decision,
    coalesce(d.decided_on, c.accepted_on, v.date) AS decided_on,
    coalesce(d.due_on, date(v.date, '+' || @acceptDays || ' days')) AS due_on
  FROM visits v LEFT JOIN acceptance_decisions d ON d.visit_id = v.id
    LEFT JOIN case_visits cv ON cv.visit_id = v.id LEFT JOIN cases c ON c.id = cv.case_id
  WHERE d.id IS NOT NULL OR cv.case_id IS NOT NULL OR v.legal_channel <> 'none'`;

/** The queries before migration 0013, by the name the engine gives them. */
const OLD: Record<string, string> = {
  closedOnTime: `SELECT count(*) AS n FROM closures cl JOIN cases c ON c.id = cl.case_id WHERE cl.stage = 'handling' AND cl.answer_date BETWEEN @from AND @to AND cl.answer_date <= ${OLD_HANDLING_DEADLINE}`,
  overdue: `SELECT count(*) AS n FROM cases c WHERE ${OLD_OVERDUE}`,
  supervised:
    "SELECT level AS k, count(*) AS n FROM supervisions WHERE date(issued_at, '+8 hours') BETWEEN @from AND @to GROUP BY level",
  decisions: `SELECT d.decision AS k, count(*) AS n FROM (${OLD_DECISIONS}) d WHERE d.decided_on BETWEEN @from AND @to GROUP BY d.decision`,
  decisionsLate: `SELECT count(*) AS n FROM (${OLD_DECISIONS}) d WHERE d.decided_on BETWEEN @from AND @to AND d.decided_on > d.due_on`,
  followUps: "SELECT count(*) AS n FROM follow_ups WHERE date(at, '+8 hours') BETWEEN @from AND @to",
  'byLeader.overdue': `SELECT c.owning_leader_id AS k, count(*) AS n FROM cases c WHERE ${OLD_OVERDUE} AND c.owning_leader_id IS NOT NULL GROUP BY c.owning_leader_id`,
  'byUnit.casesAssigned': `SELECT au.unit_id AS k, count(DISTINCT a.case_id) AS n FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead'
  WHERE date(a.assigned_at, '+8 hours') BETWEEN @from AND @to GROUP BY au.unit_id`,
  'byUnit.closedOnTime': `SELECT cl.unit_id AS k, count(*) AS n FROM closures cl JOIN cases c ON c.id = cl.case_id
  WHERE cl.stage = 'handling' AND cl.answer_date BETWEEN @from AND @to AND cl.answer_date <= ${OLD_HANDLING_DEADLINE} AND cl.unit_id IS NOT NULL GROUP BY cl.unit_id`,
  'byUnit.overdue': `SELECT c.lead_unit_id AS k, count(*) AS n FROM cases c WHERE ${OLD_OVERDUE} AND c.lead_unit_id IS NOT NULL GROUP BY c.lead_unit_id`,
  'byUnit.supervised': `SELECT au.unit_id AS k, count(*) AS n FROM supervisions s JOIN assignment_units au ON au.assignment_id = s.assignment_id AND au.role = 'lead'
  WHERE date(s.issued_at, '+8 hours') BETWEEN @from AND @to GROUP BY au.unit_id`,
};

/** Every query of the engine, by name. */
const NEW: Record<string, string> = {
  ...TOTAL_QUERIES,
  ...Object.fromEntries(
    Object.entries(BREAKDOWN_QUERIES).flatMap(([b, qs]) => Object.entries(qs).map(([k, sql]) => [`${b}.${k}`, sql])),
  ),
};

type Params = Record<string, string | number>;

function rows(db: Db, sql: string, params: Params): string[] {
  const used = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, params[m[1]!]!]));
  return all<Record<string, unknown>>(db, sql, used)
    .map((r) => JSON.stringify(r))
    .sort();
}

/** Each changed query gives what its old form gave, for the range and the day. */
function expectSameFigures(db: Db, from: string, to: string, asOf: string): void {
  const params = { from, to, asOf, groupSize: 5, acceptDays: 15 };
  for (const [name, old] of Object.entries(OLD))
    expect(rows(db, NEW[name]!, params), `${name} ${from}..${to} as of ${asOf}`).toEqual(rows(db, old, params));
}

/** The stored columns equal the expressions they stand for, on every row. */
function expectColumnsTrue(db: Db): void {
  const wrong = (sql: string) => all<Record<string, unknown>>(db, sql);
  expect(
    wrong(`SELECT c.id, c.handling_deadline, c.handling_answered_on FROM cases c
      WHERE c.handling_deadline IS NOT ${OLD_HANDLING_DEADLINE}
         OR c.handling_answered_on IS NOT (SELECT min(answer_date) FROM closures cl WHERE cl.case_id = c.id AND cl.stage = 'handling')`),
  ).toEqual([]);
  expect(
    wrong(
      "SELECT id, assigned_at, assigned_on FROM assignments WHERE assigned_on IS NOT date(assigned_at, '+8 hours')",
    ),
  ).toEqual([]);
  expect(
    wrong("SELECT id, issued_at, issued_on FROM supervisions WHERE issued_on IS NOT date(issued_at, '+8 hours')"),
  ).toEqual([]);
  expect(wrong("SELECT id, at, done_on FROM follow_ups WHERE done_on IS NOT date(at, '+8 hours')")).toEqual([]);
}

describe('the figures on the demo data equal their definitions before migration 0013', () => {
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

  it('keeps the columns true for everything the demo wrote', () => {
    const db = core.store.database;
    expectColumnsTrue(db);
    // The demo has what the columns are about: review requests (the handling deadline kept in
    // deadline_basis), extensions, answers late and on time.
    expect(value<number>(db, 'SELECT count(*) FROM cases WHERE handling_deadline <> deadline_on')).toBeGreaterThan(0);
    expect(value<number>(db, 'SELECT count(*) FROM extensions')).toBeGreaterThan(0);
    expect(value<number>(db, 'SELECT count(*) FROM cases WHERE handling_answered_on IS NOT NULL')).toBeGreaterThan(0);
  });

  it('gives the same figures for every month, and overdue as of every day of the year', () => {
    const db = core.store.database;
    for (let m = 1; m <= 12; m++) {
      const from = `2026-${String(m).padStart(2, '0')}-01`;
      const to = addDaysIso(m === 12 ? '2027-01-01' : `2026-${String(m + 1).padStart(2, '0')}-01`, -1);
      expectSameFigures(db, from, to, to < '2026-11-23' ? to : '2026-11-23');
    }
    expectSameFigures(db, '2025-11-24', '2026-11-23', '2026-11-23');
    for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDaysIso(day, 1))
      expect(
        rows(db, `SELECT c.id FROM cases c WHERE ${OVERDUE_AS_OF}`, { asOf: day }),
        `overdue as of ${day}`,
      ).toEqual(rows(db, `SELECT c.id FROM cases c WHERE ${OLD_OVERDUE}`, { asOf: day }));
  });

  it('reads a month through indexes, never the whole of cases or visits', () => {
    const db = core.store.database;
    const params = { from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-23', groupSize: 5, acceptDays: 15 };
    for (const [name, sql] of Object.entries(NEW)) {
      const plan = rows(db, `EXPLAIN QUERY PLAN ${sql}`, params).join('\n');
      expect(plan, name).not.toMatch(
        /SCAN (c|cases|v|visits|cl|closures|a|assignments|s|supervisions|follow_ups|extensions)\b(?! USING)/,
      );
      // The stock of overdue cases grows with the history: it is counted from the index alone.
      if (name.endsWith('overdue'))
        expect(plan, name).toMatch(
          /COVERING INDEX cases_handling_open \(handling_answered_on=\? AND handling_deadline<\?\)/,
        );
      // A period's visits likewise: no lookup of each row in the table of every visit.
      expect(plan, name).not.toMatch(/SEARCH (v|visits) USING INDEX/);
    }
  });
});

describe('edge cases written by hand', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: Awaited<ReturnType<typeof officeOnClock>>['admin'];
  let day: (iso: string) => Promise<void>;

  beforeAll(async () => {
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-11-02'));
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('counts an assignment made at 00:30 China time on its China day, and closures on and after the deadline', async () => {
    const leader = (await saveLeader(admin, '张领导')).id;
    const unit = (await saveUnit(admin, '县住建局')).id;
    const move = (caseId: number, input: Record<string, unknown>) => admin('cases.move', { caseId, ...input } as never);
    const open = async (name: string) => {
      const visitId = await registerVisit(admin, name, '反映问题');
      return (
        await admin('cases.create', {
          visitId,
          title: '事项',
          owningLeaderId: leader,
          deadlineRule: 'visit_15_working_days',
          joinExisting: false,
        })
      ).caseId;
    };
    const assign = (caseId: number) =>
      move(caseId, {
        move: 'assign',
        instruction: '请核实办理。',
        leadUnitId: unit,
        assistUnitIds: [],
        reportRequirements: '',
        deadlineRule: 'visit_15_working_days',
      });
    const close = (caseId: number, answerDate: string) =>
      move(caseId, {
        move: 'close',
        findings: '经核实',
        outcome: 'support',
        basis: '条例',
        answerDate,
        answerWay: 'written_delivered',
        satisfaction: 'satisfied',
        stopped: false,
      });
    const onDeadline = await open('甲');
    const dayAfter = await open('乙');
    const extended = await open('丙');
    const reviewed = await open('丁');
    for (const c of [onDeadline, dayAfter, extended, reviewed]) {
      await assign(c);
      await move(c, { move: 'receive', signedBy: '刘科长' });
    }
    const db = core.store.database;
    // 15 working days from Monday 2 November 2026: Monday 23 November.
    const deadline = value<string>(db, 'SELECT handling_deadline FROM cases WHERE id = ?', onDeadline)!;
    expect(deadline).toBe('2026-11-23');
    await day('2026-11-20');
    await move(extended, { move: 'extend', days: 30, reason: '需要调查', approver: '林县长' });
    await day('2026-11-25');
    await close(onDeadline, '2026-11-23'); // the 15th working day: on time
    await close(dayAfter, '2026-11-24'); // the 16th: late
    await close(reviewed, '2026-11-25');
    await day('2026-11-26');
    await move(reviewed, { move: 'requestReview', requestedOn: '2026-11-26', body: '县人民政府' });
    // The review's deadline is in cases.deadline_on now; the handling deadline stays.
    expect(one(db, reviewed)).toMatchObject({ handling_deadline: '2026-11-23', handling_answered_on: '2026-11-25' });
    expect(value<string>(db, 'SELECT deadline_on FROM cases WHERE id = ?', reviewed)).not.toBe('2026-11-23');
    expect(value<string>(db, 'SELECT handling_deadline FROM cases WHERE id = ?', extended)).toBe(
      value<string>(db, 'SELECT new_deadline_on FROM extensions WHERE case_id = ?', extended),
    );

    // 00:30 China time on 27 November is 16:30 UTC on the 26th: assigned on the 27th.
    const late = await open('戊');
    core.close();
    const at = { t: Date.parse('2026-11-27T00:30:00+08:00') };
    core = testCore(tmp.dir, { now: () => new Date(at.t) });
    admin = must(core, 'admin');
    await admin('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await admin('cases.move', {
      caseId: late,
      move: 'assign',
      instruction: '请核实办理。',
      leadUnitId: unit,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    const db2 = core.store.database;
    expect(
      value<string>(db2, 'SELECT assigned_at FROM assignments WHERE case_id = ? ORDER BY id DESC LIMIT 1', late),
    ).toMatch(/^2026-11-26T16:30/);
    expect(
      value<string>(db2, 'SELECT assigned_on FROM assignments WHERE case_id = ? ORDER BY id DESC LIMIT 1', late),
    ).toBe('2026-11-27');
    const f27 = await admin('stats.figures', { from: '2026-11-27', to: '2026-11-27' });
    expect(f27.byUnit.find((u) => u.id === unit)?.casesAssigned).toBe(1);
    const f26 = await admin('stats.figures', { from: '2026-11-26', to: '2026-11-26' });
    expect(f26.byUnit.find((u) => u.id === unit)?.casesAssigned ?? 0).toBe(0);

    // On time: answered on the deadline day; late: the day after; overdue on the 24th, not on the 23rd.
    const nov = await admin('stats.figures', { from: '2026-11-01', to: '2026-11-26' });
    expect(nov.totals.casesClosed).toBe(3);
    expect(nov.totals.closedOnTime).toBe(1);
    for (let d = '2026-11-20'; d <= '2026-11-27'; d = addDaysIso(d, 1)) expectSameFigures(db2, '2026-11-01', d, d);
    const overdueOn = (d: string) =>
      all<{ id: number }>(db2, `SELECT c.id FROM cases c WHERE ${OVERDUE_AS_OF} ORDER BY c.id`, { asOf: d }).map(
        (r) => r.id,
      );
    // Answered the day after its deadline: closed late, yet on no day both past the deadline and unanswered.
    for (const d of ['2026-11-23', '2026-11-24', '2026-11-25']) expect(overdueOn(d)).not.toContain(dayAfter);
    expect(overdueOn('2026-11-24')).not.toContain(onDeadline);
    // Answered two days late: overdue on the day between; then its review runs to its own deadline.
    expect(overdueOn('2026-11-23')).not.toContain(reviewed);
    expect(overdueOn('2026-11-24')).toContain(reviewed);
    expect(overdueOn('2026-11-25')).not.toContain(reviewed);
    expectColumnsTrue(db2);
  });

  it('follows a closure however it is written: a second answer, a corrected date, a removed answer', () => {
    const db = core.store.database;
    const write = (fn: Parameters<Core['store']['write']>[1]) =>
      expect(() => core.store.write({ id: 1, name: 'test' }, fn)).toThrow('roll back');
    const caseId = value<number>(
      db,
      'SELECT id FROM cases WHERE handling_answered_on IS NOT NULL ORDER BY id LIMIT 1',
    )!;
    const first = value<string>(db, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)!;
    write((w) => {
      // An imported earlier answer (a case reopened after its first answer was superseded).
      const id = Number(
        w
          .prepare(
            "INSERT INTO closures (case_id, stage, findings, outcome, basis, answer_date, answer_way, satisfaction, closed_at) VALUES (?, 'handling', '旧', 'explain', '条例', '2026-11-10', 'written_delivered', 'unknown', '2026-11-10T02:00:00.000Z')",
          )
          .run(caseId).lastInsertRowid,
      );
      expect(value<string>(w, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBe('2026-11-10');
      w.prepare("UPDATE closures SET answer_date = '2026-11-12' WHERE id = ?").run(id);
      expect(value<string>(w, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBe('2026-11-12');
      w.prepare("UPDATE closures SET stage = 'review' WHERE id = ?").run(id);
      expect(value<string>(w, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBe(first);
      w.prepare("UPDATE closures SET stage = 'handling' WHERE id = ?").run(id);
      w.prepare('DELETE FROM closures WHERE id = ?').run(id);
      expect(value<string>(w, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBe(first);
      w.prepare("DELETE FROM closures WHERE case_id = ? AND stage = 'handling'").run(caseId);
      expect(value<string | null>(w, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBeNull();
      expectColumnsTrue(w);
      throw new Error('roll back');
    });
    // Rolled back with the transaction, like everything else.
    expect(value<string>(db, 'SELECT handling_answered_on FROM cases WHERE id = ?', caseId)).toBe(first);
  });
});

function one(db: Db, caseId: number) {
  return all<Record<string, unknown>>(
    db,
    'SELECT handling_deadline, handling_answered_on FROM cases WHERE id = ?',
    caseId,
  )[0];
}

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('after random sequences of moves the columns equal what the old expressions compute', () => {
  it.each([1, 2, 3])(
    'seed %i',
    async (seed) => {
      const tmp = tempDir();
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const clock = { t: Date.parse('2026-09-01T10:00:00+08:00') };
      const core = testCore(tmp.dir, { now: () => new Date(clock.t) });
      try {
        const admin = must(core, 'admin');
        await admin('setup.init', ADMIN);
        await admin('settings.update', { idleLockMinutes: 240 });
        const units = [(await saveUnit(admin, '县住建局')).id, (await saveUnit(admin, '县人社局')).id];
        const leader = (await saveLeader(admin, '张领导')).id;
        const call = caller(core, 'admin');
        const today = () => new Date(clock.t + 8 * 3_600_000).toISOString().slice(0, 10);
        const cases: number[] = [];
        const moved = new Set<string>();
        const db = core.store.database;
        for (let step = 0; step < 120; step++) {
          // Minutes to days later, at any time of day (00:30 China time included).
          clock.t += Math.floor(rnd() * 3) * 86_400_000 + pick([0, 30, 14 * 60, 16 * 60 + 30]) * 60_000;
          // Idle for days the session locks, or ends: unlock, or log in again.
          if (!(await call('auth.unlock', { password: ADMIN.password })).ok)
            await admin('auth.login', { username: ADMIN.username, password: ADMIN.password });
          if (cases.length < 3 || rnd() < 0.15) {
            const visitId = await registerVisit(admin, `人${step}`, '反映问题');
            const res = await call('cases.create', {
              visitId,
              title: '事项',
              owningLeaderId: leader,
              deadlineRule: pick(['visit_15_working_days', 'answer_60_days'] as const),
              joinExisting: false,
            });
            if (res.ok) cases.push(res.value.caseId);
            continue;
          }
          const caseId = pick(cases);
          const t = today();
          const back = (n: number) => addDaysIso(t, -n);
          const inputs = [
            {
              move: 'assign',
              instruction: '请核实办理。',
              leadUnitId: pick(units),
              assistUnitIds: [],
              reportRequirements: '',
              deadlineRule: 'visit_15_working_days',
            },
            { move: 'receive', signedBy: '刘科长' },
            {
              move: 'supervise',
              reason: 'due',
              level: pick(['ordinary', 'yellow', 'red']),
              requirements: '',
              answerBy: addDaysIso(t, 3),
            },
            { move: 'extend', days: 1 + Math.floor(rnd() * 30), reason: '需要调查', approver: '林县长' },
            {
              move: 'close',
              findings: '经核实',
              outcome: 'support',
              basis: '条例',
              answerDate: back(Math.floor(rnd() * 3)),
              deliveredOn: null,
              answerWay: 'written_delivered',
              satisfaction: 'satisfied',
              stopped: false,
            },
            { move: 'followUp', way: 'phone', byName: '回访组', result: '满意', satisfaction: 'satisfied' },
            { move: 'requestReview', requestedOn: t, body: '县人民政府' },
            { move: 'decideReview', result: '维持', decidedOn: t, deliveredOn: null },
            { move: 'requestRereview', requestedOn: t, body: '市人民政府' },
            { move: 'decideRereview', result: '维持', decidedOn: t, deliveredOn: null },
          ] as const;
          // A move the case's state allows (refusals are the state machine's business, tested elsewhere).
          const state = oneRow<{ status: CaseStatus; stage: CaseStage }>(
            db,
            'SELECT status, stage FROM cases WHERE id = ?',
            caseId,
          )!;
          const extended = value<number>(db, 'SELECT count(*) FROM extensions WHERE case_id = ?', caseId)!;
          const allowed = availableMoves(state.status, state.stage, 'admin', extended);
          const choices = inputs.filter((i) => allowed.includes(i.move));
          if (choices.length === 0) continue;
          const move = pick(choices);
          const res = await call('cases.move', { caseId, ...move } as never);
          if (res.ok) moved.add(move.move);
        }
        expectColumnsTrue(db);
        // The sequences reach answers, extensions and reviews.
        for (const m of ['assign', 'close', 'extend', 'requestReview']) expect(moved, m).toContain(m);
        const first = value<string>(db, 'SELECT min(accepted_on) FROM cases')!;
        const last = today();
        for (let d = first; d <= addDaysIso(last, 2); d = addDaysIso(d, 1)) expectSameFigures(db, first, d, d);
      } finally {
        core.close();
        tmp.cleanup();
      }
    },
    120_000,
  );
});

describe('the lookups that keep handling_answered_on', () => {
  it("read a case's own closures (closures_case), never every handling closure", () => {
    const tmp = tempDir();
    const db = openDatabase(path.join(tmp.dir, 'hall.db'), { key: randomBytes(32) });
    try {
      migrate(db, () => {});
      // The backfill and every trigger body, with the row they run for as a parameter.
      const migration = MIGRATIONS.find((m) => m.tag === '0013_figure_columns')!.statements.join('\n');
      const triggers = all<{ sql: string }>(
        db,
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'closures_handling_answered_%'",
      );
      expect(triggers).toHaveLength(3);
      const lookups = [migration, ...triggers.map((t) => t.sql)].flatMap((text) =>
        [...text.matchAll(/\(SELECT min\([^)]*\) FROM closures[^)]*\)/g)].map((m) => m[0]),
      );
      expect(lookups.length).toBeGreaterThanOrEqual(4);
      for (const lookup of lookups) {
        const sql = lookup.slice(1, -1).replace(/(NEW|OLD)\.case_id|cases\.id/g, '?');
        const plan = all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`, 1)
          .map((r) => r.detail)
          .join(' | ');
        expect(plan, lookup).toMatch(/closures_case \(case_id=\?\)/);
      }
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});

describe('migration 0013 on a store that already holds cases', () => {
  it('fills the answer dates in one pass, computes the rest, and a stray instant does not stop it', () => {
    const tmp = tempDir();
    const db = openDatabase(path.join(tmp.dir, 'hall.db'), { key: randomBytes(32) });
    try {
      const version = MIGRATIONS.findIndex((m) => m.tag === '0013_figure_columns');
      migrate(db, () => {}, MIGRATIONS.slice(0, version));
      const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
      const person = run("INSERT INTO petitioners (name) VALUES ('欧阳娜娜')");
      const open = (no: string, basis: string) =>
        run(
          `INSERT INTO cases (case_no, petitioner_id, title, demand, accepted_on, deadline_rule, deadline_on, deadline_basis, status)
           VALUES (?, ?, '事项', '诉求', '2026-03-02', 'answer_60_days', '2026-05-01', ?, 'closed')`,
          no,
          person,
          basis,
        );
      const reviewed = open('XF1', '{"handlingDeadline":"2026-04-20"}');
      const plain = open('XF2', '{}');
      const none = open('XF3', '{}');
      // Not JSON (nothing writes it so): the upgrade goes on, the deadline is deadline_on.
      const broken = open('XF4', 'not json');
      const answer = (caseId: number, stage: string, day: string) =>
        run(
          `INSERT INTO closures (case_id, stage, findings, outcome, basis, answer_date, answer_way, satisfaction, closed_at)
           VALUES (?, ?, '经核实', 'support', '条例', ?, 'written_delivered', 'satisfied', '2026-04-01T02:00:00Z')`,
          caseId,
          stage,
          day,
        );
      answer(reviewed, 'handling', '2026-04-22');
      answer(reviewed, 'review', '2026-05-10');
      answer(plain, 'handling', '2026-04-30');
      answer(plain, 'handling', '2026-04-28');
      // 00:30 China time on 2 March, and a value that is no instant (SQLite refuses date('now') in a generated column).
      run(
        "INSERT INTO assignments (case_id, assignment_no, instruction, deadline_on, assigned_at) VALUES (?, 'JB1', '办理', '2026-03-20', '2026-03-01T16:30:00.000Z')",
        plain,
      );
      run(
        "INSERT INTO assignments (case_id, assignment_no, instruction, deadline_on, assigned_at) VALUES (?, 'JB2', '办理', '2026-03-20', 'now')",
        none,
      );
      migrate(db, () => {});
      expect(all(db, 'SELECT id, handling_deadline, handling_answered_on FROM cases ORDER BY id')).toEqual([
        { id: reviewed, handling_deadline: '2026-04-20', handling_answered_on: '2026-04-22' },
        { id: plain, handling_deadline: '2026-05-01', handling_answered_on: '2026-04-28' },
        { id: none, handling_deadline: '2026-05-01', handling_answered_on: null },
        { id: broken, handling_deadline: '2026-05-01', handling_answered_on: null },
      ]);
      // And the triggers keep it after the upgrade.
      run('UPDATE cases SET deadline_basis = \'{"handlingDeadline":"2026-04-25"}\' WHERE id = ?', broken);
      expect(value<string>(db, 'SELECT handling_deadline FROM cases WHERE id = ?', broken)).toBe('2026-04-25');
      expect(all(db, 'SELECT assignment_no, assigned_on FROM assignments ORDER BY id')).toEqual([
        { assignment_no: 'JB1', assigned_on: '2026-03-02' },
        { assignment_no: 'JB2', assigned_on: null },
      ]);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
