import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, one, value, values } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { BREAKDOWN_QUERIES, TOTAL_QUERIES } from '../../electron/core/stats/figures';
import type { MethodInput } from '../../shared/contract';
import { prorated, weekStart } from '../../shared/domain/stats';
import {
  ADMIN,
  caller,
  mover,
  must,
  officeOnClock,
  rawCaller,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
  type MoveInput,
} from '../helpers/core';
import { hall, passwordFile } from '../helpers/cli';
import { ROOT } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/**
 * Each figure of a small hand-made November, counted by hand below; then, on the demo data,
 * every figure `hall stats` prints against a count written here in SQL of its own.
 */
describe('figures of a hand-made month, through the contract', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let at: (day: string) => Promise<void>;
  const id = { l1: 0, l2: 0, u1: 0, u2: 0, catA: 0, catB: 0, townX: 0, townY: 0 };

  const person = (name: string, idNumber = '', isRepresentative = false) => ({
    name,
    sex: 'unknown' as const,
    idNumber,
    phone: '',
    address: '',
    isRepresentative,
  });
  const register = (more: Partial<MethodInput<'visits.register'>>) =>
    registerVisit(admin, '张三', '反映问题', { petitioners: [person('张三')], ...more });
  const open = async (visitId: number, owningLeaderId: number) =>
    (
      await admin('cases.create', {
        visitId,
        title: '事项',
        owningLeaderId,
        deadlineRule: 'visit_15_working_days',
        joinExisting: true,
      })
    ).caseId;
  const move = (caseId: number, input: MoveInput) => mover(admin)(caseId, input);
  const assign = (caseId: number, leadUnitId: number) =>
    move(caseId, {
      move: 'assign',
      instruction: '请核实办理。',
      leadUnitId,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
  type Supervise = Extract<MoveInput, { move: 'supervise' }>;
  /** Every supervision of the month asks for an answer by 30 November. */
  const supervise = (caseId: number, reason: Supervise['reason'], level: Supervise['level'], requirements: string) =>
    move(caseId, { move: 'supervise', reason, level, requirements, answerBy: '2026-11-30' });
  type Close = Extract<MoveInput, { move: 'close' }>;
  const close = (
    caseId: number,
    answerDate: string,
    outcome: Close['outcome'],
    satisfaction: Close['satisfaction'],
    stopped: boolean,
  ) =>
    move(caseId, {
      move: 'close',
      findings: '经核实',
      outcome,
      basis: '条例',
      answerDate,
      answerWay: 'written_delivered',
      satisfaction,
      stopped,
    });
  const duty = async (leaderId: number, dates: string[], form: 'regular' | 'outside') => {
    const rule = await admin('roster.saveRule', {
      name: `值班${leaderId}${form}`,
      params: { kind: 'once', dates },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '08:30',
      endTime: '11:30',
      form,
      roomId: null,
      place: form === 'outside' ? '城关镇' : null,
      leaderIds: [leaderId],
      validFrom: '2026-10-01',
      validTo: null,
    });
    await admin('roster.generate', { ruleId: rule.id, from: '2026-10-01', to: '2026-12-31' });
  };

  beforeAll(async () => {
    ({ core, admin, day: at } = await officeOnClock(tmp.dir, '2026-10-30'));
    id.l1 = (await saveLeader(admin, '张领导')).id;
    id.l2 = (await saveLeader(admin, '李领导')).id;
    id.u1 = (await saveUnit(admin, '县住建局')).id;
    id.u2 = (await saveUnit(admin, '县人社局')).id;
    const db = core.store.database;
    id.catA = value<number>(db, "SELECT id FROM categories WHERE name = '城乡建设（征地拆迁）'")!;
    id.catB = value<number>(db, "SELECT id FROM categories WHERE name = '劳动和社会保障'")!;
    core.store.write({ id: 1, name: 'test' }, (w) => {
      id.townX = Number(w.prepare("INSERT INTO localities (name) VALUES ('东坝镇')").run().lastInsertRowid);
      id.townY = Number(w.prepare("INSERT INTO localities (name) VALUES ('西河乡')").run().lastInsertRowid);
    });
    // 张: at the hall 2 and 3 November, out in a township on the 10th, and on 2 December; 李: the 4th, the 6th (absent) and 31 October.
    await duty(id.l1, ['2026-11-02', '2026-11-03', '2026-12-02'], 'regular');
    await duty(id.l1, ['2026-11-10'], 'outside');
    await duty(id.l2, ['2026-10-31', '2026-11-04', '2026-11-06'], 'regular');
    const sixth = (await admin('roster.slots', { from: '2026-11-06', to: '2026-11-06' })) as unknown as
      { id: number }[] | { slots: { id: number }[] };
    const slotId = (Array.isArray(sixth) ? sixth : sixth.slots)[0]!.id;
    await admin('roster.markAbsent', { slotId, leaderId: id.l2, reason: '外出开会' });

    // 31 October (before the month): a case owned by 李, answered late on 27 November, then a review is asked for.
    await at('2026-10-31');
    const v8 = await register({ categoryId: id.catB, petitioners: [person('王五')] });
    const c5 = await open(v8, id.l2);
    await assign(c5, id.u2);
    await move(c5, { move: 'receive', signedBy: '刘科长' });

    // 2 November, 张 on duty: one person, a group of 7 (two representatives), five people (not a group).
    await at('2026-11-02');
    const v1 = await register({ categoryId: id.catA, localityId: id.townX, petitioners: [person('赵一')] });
    const v2 = await register({
      categoryId: id.catA,
      localityId: id.townY,
      headCount: 7,
      petitioners: [person('钱二', '', true), person('孙二', '', true)],
    });
    const v3 = await register({
      categoryId: id.catB,
      localityId: id.townX,
      headCount: 5,
      petitioners: [person('周三')],
    });
    const c1 = await open(v1, id.l1);
    const c2 = await open(v2, id.l1);
    const c3 = await open(v3, id.l1);
    expect(c1).toBeGreaterThan(0);
    for (const c of [c2, c3]) await assign(c, id.u1);
    // 3 November: 赵一 comes back about the same matter.
    await at('2026-11-03');
    await register({ categoryId: id.catA, localityId: id.townX, petitioners: [person('赵一')], continuesVisitId: v1 });
    await move(c3, { move: 'receive', signedBy: '陈科长' });
    // 4 November, 李 on duty: two people with no category or place, and one sent to the court.
    await at('2026-11-04');
    const v5 = await register({ headCount: 2, petitioners: [person('吴四'), person('郑四')] });
    await register({ petitioners: [person('冯六')], legalChannel: 'litigation' });
    const c4 = await open(v5, id.l2);
    await assign(c4, id.u2);
    await at('2026-11-05');
    await move(c4, { move: 'receive', signedBy: '刘科长' });
    await at('2026-11-20');
    await close(c3, '2026-11-20', 'support', 'satisfied', true);
    await move(c4, { move: 'extend', days: 30, reason: '需要调查', approver: '林县长' });
    await at('2026-11-21');
    await supervise(c4, 'due', 'ordinary', '请按期答复');
    await at('2026-11-24');
    await supervise(c2, 'overdue', 'yellow', '请尽快签收');
    await at('2026-11-25');
    await move(c3, { move: 'followUp', way: 'phone', byName: '回访组', result: '满意', satisfaction: 'satisfied' });
    await at('2026-11-26');
    await supervise(c4, 'no_answer', 'red', '请立即答复');
    await at('2026-11-28');
    await close(c4, '2026-11-28', 'explain', 'basically_satisfied', false);
    // Recorded on 2 December with the answer dated 27 November: late against its handling deadline.
    await at('2026-12-01');
    await register({ categoryId: id.catA, petitioners: [person('后来')] });
    await at('2026-12-02');
    await close(c5, '2026-11-27', 'reject', 'unsatisfied', false);
    await at('2026-12-03');
    await move(c5, { move: 'requestReview', requestedOn: '2026-12-03', body: '县人民政府' });
    await at('2026-12-10');
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('counts every figure of November as counted by hand', async () => {
    const f = await admin('stats.figures', { from: '2026-11-01', to: '2026-11-30' });
    expect(f.totals).toEqual({
      visits: 6, // 2 Nov ×3, 3 Nov, 4 Nov ×2
      people: 17, // 1 + 7 + 5 + 1 + 2 + 1
      groupVisits: 1, // the 7; five people may all represent themselves
      firstVisits: 5,
      repeatVisits: 1,
      casesAccepted: 4, // the repeat visit joins its case; 31 October and 1 December are outside
      casesClosed: 3, // answered 20, 27 and 28 November
      closedOnTime: 2, // the 27 November answer was late against its 15-working-day deadline, though the review's deadline is later
      overdue: 2, // the first two cases of 2 November: due 23 November, unanswered on the 30th
      extended: 1,
      supervised: { ordinary: 1, yellow: 1, red: 1, total: 3 },
      outcomes: { support: 1, explain: 1, reject: 1 },
      satisfaction: { satisfied: 1, basically_satisfied: 1, unsatisfied: 1, unknown: 0 },
      // 受理: the four cases opened in November; 不予受理: 冯六 sent to the court. The repeat visit
      // of 3 November is still waiting for its decision.
      decisions: { accepted: 4, refused: 1, transferred: 0, final: 0, onTime: 5, late: 0 },
      followUps: 1,
      stopped: 1,
    });
    expect(f.byLeader).toEqual([
      {
        id: id.l1,
        name: '张领导',
        visits: 4,
        people: 14,
        casesAccepted: 3,
        casesClosed: 1,
        overdue: 2,
        receptions: 2,
        outsideVisits: 1,
        receptionQuota: 1,
        outsideQuota: 0,
      },
      // The 6th does not count: 李 was absent.
      {
        id: id.l2,
        name: '李领导',
        visits: 2,
        people: 3,
        casesAccepted: 1,
        casesClosed: 2,
        overdue: 0,
        receptions: 1,
        outsideVisits: 0,
        receptionQuota: 1,
        outsideQuota: 0,
      },
    ]);
    expect(f.byUnit).toEqual([
      { id: id.u1, name: '县住建局', casesAssigned: 2, casesClosed: 1, closedOnTime: 1, overdue: 1, supervised: 1 }, // the unassigned case has no unit
      { id: id.u2, name: '县人社局', casesAssigned: 1, casesClosed: 2, closedOnTime: 1, overdue: 0, supervised: 2 },
    ]);
    expect(f.byCategory).toEqual([
      { id: id.catA, name: '城乡建设（征地拆迁）', visits: 3, people: 9, casesAccepted: 2 },
      { id: 0, name: '未分类', visits: 2, people: 3, casesAccepted: 1 },
      { id: id.catB, name: '劳动和社会保障', visits: 1, people: 5, casesAccepted: 1 },
    ]);
    expect(f.byLocality).toEqual([
      { id: id.townX, name: '东坝镇', visits: 3, people: 7, casesAccepted: 2 },
      { id: 0, name: '未填写属地', visits: 2, people: 3, casesAccepted: 1 },
      { id: id.townY, name: '西河乡', visits: 1, people: 7, casesAccepted: 1 },
    ]);
    expect(f.byForm).toEqual([
      { form: 'regular', label: '定期接访', visits: 6, people: 17 },
      { form: 'appointment', label: '约访', visits: 0, people: 0 },
      { form: 'outside', label: '下访', visits: 0, people: 0 },
      { form: 'joint', label: '联合接访', visits: 0, people: 0 },
    ]);
    expect(f.byWeek).toEqual([
      { weekStart: '2026-10-26', visits: 0, people: 0, casesAccepted: 0, casesClosed: 0 },
      { weekStart: '2026-11-02', visits: 6, people: 17, casesAccepted: 4, casesClosed: 0 },
      { weekStart: '2026-11-09', visits: 0, people: 0, casesAccepted: 0, casesClosed: 0 },
      { weekStart: '2026-11-16', visits: 0, people: 0, casesAccepted: 0, casesClosed: 1 },
      { weekStart: '2026-11-23', visits: 0, people: 0, casesAccepted: 0, casesClosed: 2 },
      { weekStart: '2026-11-30', visits: 0, people: 0, casesAccepted: 0, casesClosed: 0 },
    ]);
  });

  it('counts overdue as of the range end, and a quarter asks for an outside visit', async () => {
    // On 24 November the case answered on the 27th was still open and late as well.
    const f = await admin('stats.figures', { from: '2026-11-01', to: '2026-11-24' });
    expect(f.totals.overdue).toBe(3);
    const q = await admin('stats.figures', { from: '2026-10-01', to: '2026-12-31' });
    expect(q.byLeader.map((l) => [l.name, l.receptions, l.outsideVisits, l.receptionQuota, l.outsideQuota])).toEqual([
      ['张领导', 3, 1, 3, 1], // 2 and 3 November, 2 December (before today, 10 December); the 10th outside
      ['李领导', 2, 0, 3, 1], // 31 October and 4 November; absent on the 6th
    ]);
  });

  it('refuses a range that ends before it starts or runs longer than three years, at the field', async () => {
    const call = caller(core, 'admin');
    expect(await call('stats.figures', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'to' }] },
    });
    expect(await call('stats.figures', { from: '2020-01-01', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'to' }] },
    });
    expect(
      await rawCaller(core, 'admin')('stats.figures', { from: '2026-11-01', to: '2026-11-30', extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('writes the zero report for a day nobody came, and the weekly and monthly reports from the same figures', async () => {
    const zero = await core.documents.print('daily-report', 20261101, { id: 1, name: '王管理' });
    expect(zero.docNo).toMatch(/^报〔2026〕[1-9]\d*号$/);
    const file = await admin('stats.report', { report: 'monthly', date: '2026-11-17' });
    expect(file.fileName).toBe('信访工作月报-2026-11.xlsx');
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(await caller(core, 'admin')('documents.print', { kind: 'weekly-report', recordId: 20261104 })).toMatchObject(
      { ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('20261102') } },
    );
  });
});

describe('the queries in docs/stats.md', () => {
  it("are the engine's, word for word", () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/stats.md'), 'utf8');
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    const text = squash(doc);
    for (const sql of [
      ...Object.values(TOTAL_QUERIES),
      ...Object.values(BREAKDOWN_QUERIES).flatMap((b) => Object.values(b)),
    ])
      expect(text, sql).toContain(squash(sql));
  });

  it('prorates a duty to the range', () => {
    expect(prorated('2026-11-01', '2026-11-30', 1, 1)).toBe(1);
    expect(prorated('2026-11-16', '2026-11-22', 1, 1)).toBe(0);
    expect(prorated('2026-10-01', '2026-12-31', 1, 3)).toBe(1);
    expect(prorated('2026-01-01', '2026-12-31', 1, 1)).toBe(12);
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });
});

/** A handling-stage answer with the case's owner and deadlines. */
interface AnswerRow {
  case_id: number;
  unit_id: number | null;
  owning_leader_id: number | null;
  outcome: string;
  satisfaction: string;
  stopped: number;
  answer_date: string;
  deadline_on: string;
  deadline_basis: string;
}

/** A case with the day of its first handling-stage answer. */
interface AnsweredCaseRow {
  id: number;
  accepted_on: string;
  deadline_on: string;
  deadline_basis: string;
  answered: string | null;
  owning_leader_id: number | null;
  lead_unit_id: number | null;
}

interface SupervisionLevelRow {
  level: string;
  unit_id: number | null;
}

interface NameRow {
  id: number;
  name: string;
}

interface AssignedRow {
  unit_id: number;
  n: number;
}

interface FormRow {
  n: number;
  p: number | null;
}

describe('hall stats on the demo data equals counts written here', () => {
  const tmp = tempDir();
  const TODAY = new Date('2026-11-23T02:00:00Z');
  let figures: Record<string, unknown> & { totals: Record<string, unknown> };
  let core: Core;

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => TODAY });
    await must(core, 'a')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, TODAY);
    core.close();
    const run = hall(tmp.dir, [
      'stats',
      '--from',
      '2026-10-15',
      '--to',
      '2026-11-20',
      '--user',
      ADMIN.username,
      '--password-file',
      passwordFile(tmp.dir, ADMIN.password),
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    figures = JSON.parse(run.out) as typeof figures;
    core = testCore(tmp.dir, { now: () => TODAY });
    await must(core, 'a')('auth.login', { username: ADMIN.username, password: ADMIN.password });
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('matches every figure', () => {
    const db = core.store.database;
    const from = '2026-10-15';
    const to = '2026-11-20';
    const asOf = to; // the CLI runs today, after the range
    const n = (sql: string, ...p: unknown[]) => Number(value<number | null>(db, sql, ...p) ?? 0);
    const visitsIn = 'FROM visits WHERE date >= ? AND date <= ?';
    // Handling-stage answers dated in the range; the deadline they ran to (a review keeps it aside).
    const answers = all<AnswerRow>(
      db,
      "SELECT cl.*, c.owning_leader_id, c.deadline_on, c.deadline_basis FROM closures cl JOIN cases c ON c.id = cl.case_id WHERE cl.stage = 'handling' AND cl.answer_date >= ? AND cl.answer_date <= ?",
      from,
      to,
    );
    const deadlineOf = (r: { deadline_on: string; deadline_basis: string }) =>
      (JSON.parse(r.deadline_basis) as { handlingDeadline?: string }).handlingDeadline ?? r.deadline_on;
    const countBy = <T>(rows: T[], key: (r: T) => unknown, filter: (r: T) => boolean = () => true) =>
      rows.filter(filter).reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<unknown, number>());
    const allCases = all<AnsweredCaseRow>(
      db,
      "SELECT c.*, (SELECT min(answer_date) FROM closures cl WHERE cl.case_id = c.id AND cl.stage = 'handling') AS answered FROM cases c",
    );
    // A 复查 / 复核 asked for by then, undecided then, and past its own answer deadline.
    const lateReviews = new Set(
      values<number>(
        db,
        'SELECT case_id FROM reviews WHERE requested_on <= ? AND (decided_on IS NULL OR decided_on > ?) AND deadline_on < ?',
        asOf,
        asOf,
        asOf,
      ),
    );
    const overdue = allCases.filter(
      (c) =>
        (c.accepted_on <= asOf && deadlineOf(c) < asOf && !(c.answered && c.answered <= asOf)) || lateReviews.has(c.id),
    );
    const supervisions = all<SupervisionLevelRow>(
      db,
      "SELECT s.level, au.unit_id FROM supervisions s LEFT JOIN assignment_units au ON au.assignment_id = s.assignment_id AND au.role = 'lead' WHERE substr(datetime(s.issued_at, '+8 hours'), 1, 10) BETWEEN ? AND ?",
      from,
      to,
    );
    // The demo stores no decisions: each visit in a case was accepted on the case's day, each
    // guided visit refused on its own; late is after the visit day + 15 (not rolled for these).
    const plus15 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    const decided = all<{ accepted_on: string | null; date: string; legal_channel: string }>(
      db,
      'SELECT c.accepted_on, v.date, v.legal_channel FROM visits v LEFT JOIN case_visits cv ON cv.visit_id = v.id LEFT JOIN cases c ON c.id = cv.case_id',
    )
      .flatMap((r) =>
        r.accepted_on
          ? [{ kind: 'accept', on: r.accepted_on, visit: r.date }]
          : r.legal_channel !== 'none'
            ? [{ kind: 'refuse', on: r.date, visit: r.date }]
            : [],
      )
      .filter((d) => d.on >= from && d.on <= to);
    const t = figures.totals;
    expect(t).toEqual({
      visits: n(`SELECT count(*) AS n ${visitsIn}`, from, to),
      people: n(`SELECT sum(head_count) AS n ${visitsIn}`, from, to),
      groupVisits: n(`SELECT count(*) AS n ${visitsIn} AND head_count >= 6`, from, to),
      firstVisits: n(`SELECT count(*) AS n ${visitsIn} AND repeat_count = 0`, from, to),
      repeatVisits: n(`SELECT count(*) AS n ${visitsIn} AND repeat_count >= 1`, from, to),
      casesAccepted: n('SELECT count(*) AS n FROM cases WHERE accepted_on >= ? AND accepted_on <= ?', from, to),
      casesClosed: answers.length,
      closedOnTime: answers.filter((r) => r.answer_date <= deadlineOf(r)).length,
      overdue: overdue.length,
      extended: n('SELECT count(*) AS n FROM extensions WHERE approved_on >= ? AND approved_on <= ?', from, to),
      supervised: {
        ordinary: supervisions.filter((s) => s.level === 'ordinary').length,
        yellow: supervisions.filter((s) => s.level === 'yellow').length,
        red: supervisions.filter((s) => s.level === 'red').length,
        total: supervisions.length,
      },
      outcomes: Object.fromEntries(
        ['support', 'explain', 'reject'].map((k) => [k, answers.filter((r) => r.outcome === k).length]),
      ),
      satisfaction: Object.fromEntries(
        ['satisfied', 'basically_satisfied', 'unsatisfied', 'unknown'].map((k) => [
          k,
          answers.filter((r) => r.satisfaction === k).length,
        ]),
      ),
      decisions: {
        accepted: decided.filter((d) => d.kind === 'accept').length,
        refused: decided.filter((d) => d.kind === 'refuse').length,
        transferred: 0,
        final: 0,
        onTime: decided.filter((d) => d.on <= plus15(d.visit)).length,
        late: decided.filter((d) => d.on > plus15(d.visit)).length,
      },
      followUps: n(
        "SELECT count(*) AS n FROM follow_ups WHERE substr(datetime(at, '+8 hours'), 1, 10) BETWEEN ? AND ?",
        from,
        to,
      ),
      stopped: answers.filter((r) => r.stopped === 1).length,
    });
    expect(t.visits).toBeGreaterThan(100);
    expect(t.casesClosed).toBeGreaterThan(10);

    type Row = Record<string, number | string>;
    const leaders = all<NameRow>(db, 'SELECT id, name FROM leaders WHERE active = 1 ORDER BY sort, id');
    const closedBy = countBy(answers, (r) => r.owning_leader_id);
    const overdueBy = countBy(overdue, (c) => c.owning_leader_id);
    const days = (form: string) =>
      `SELECT count(DISTINCT s.date) AS n FROM duty_slots s JOIN duty_slot_leaders dl ON dl.slot_id = s.id LEFT JOIN absences a ON a.slot_id = s.id AND a.leader_id = dl.leader_id
       WHERE dl.leader_id = ? AND s.date >= ? AND s.date <= ? AND s.cancelled = 0 AND a.id IS NULL AND ${form}`;
    expect(figures.byLeader).toEqual(
      leaders.map((l) => ({
        id: l.id,
        name: l.name,
        visits: n(`SELECT count(*) AS n ${visitsIn} AND leader_id = ?`, from, to, l.id),
        people: n(`SELECT sum(head_count) AS n ${visitsIn} AND leader_id = ?`, from, to, l.id),
        casesAccepted: n(
          'SELECT count(*) AS n FROM cases WHERE accepted_on >= ? AND accepted_on <= ? AND owning_leader_id = ?',
          from,
          to,
          l.id,
        ),
        casesClosed: closedBy.get(l.id) ?? 0,
        overdue: overdueBy.get(l.id) ?? 0,
        receptions: n(days("s.form != 'outside'"), l.id, from, asOf),
        outsideVisits: n(days("s.form = 'outside'"), l.id, from, asOf),
        receptionQuota: 1, // 17 days of October and 20 of November: 17/31 + 20/30 = 1.21
        outsideQuota: 0, // 37 of 92 days of the quarter
      })),
    );

    const units = all<NameRow>(db, 'SELECT id, name FROM units');
    const assigned = all<AssignedRow>(
      db,
      "SELECT au.unit_id, count(DISTINCT a.case_id) AS n FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id WHERE au.role = 'lead' AND substr(datetime(a.assigned_at, '+8 hours'), 1, 10) BETWEEN ? AND ? GROUP BY au.unit_id",
      from,
      to,
    );
    const unitRows: Row[] = units
      .map((u) => ({
        id: u.id,
        name: u.name,
        casesAssigned: assigned.find((a) => a.unit_id === u.id)?.n ?? 0,
        casesClosed: answers.filter((r) => r.unit_id === u.id).length,
        closedOnTime: answers.filter((r) => r.unit_id === u.id && r.answer_date <= deadlineOf(r)).length,
        overdue: overdue.filter((c) => c.lead_unit_id === u.id).length,
        supervised: supervisions.filter((s) => s.unit_id === u.id).length,
      }))
      .filter((r) => r.casesAssigned + r.casesClosed + r.closedOnTime + r.overdue + r.supervised > 0);
    expect(figures.byUnit).toEqual(expect.arrayContaining(unitRows));
    expect((figures.byUnit as Row[]).length).toBe(unitRows.length);

    for (const [key, table, column, none] of [
      ['byCategory', 'categories', 'category_id', '未分类'],
      ['byLocality', 'localities', 'locality_id', '未填写属地'],
    ] as const) {
      const names = new Map(all<NameRow>(db, `SELECT id, name FROM ${table}`).map((r) => [r.id, r.name]));
      const ids = new Set([
        ...values<number>(db, `SELECT DISTINCT ifnull(${column}, 0) AS k ${visitsIn}`, from, to),
        ...values<number>(
          db,
          `SELECT DISTINCT ifnull(${column}, 0) AS k FROM cases WHERE accepted_on >= ? AND accepted_on <= ?`,
          from,
          to,
        ),
      ]);
      const expected = [...ids].map((k) => ({
        id: k,
        name: k === 0 ? none : names.get(k),
        visits: n(`SELECT count(*) AS n ${visitsIn} AND ifnull(${column}, 0) = ?`, from, to, k),
        people: n(`SELECT sum(head_count) AS n ${visitsIn} AND ifnull(${column}, 0) = ?`, from, to, k),
        casesAccepted: n(
          `SELECT count(*) AS n FROM cases WHERE accepted_on >= ? AND accepted_on <= ? AND ifnull(${column}, 0) = ?`,
          from,
          to,
          k,
        ),
      }));
      expect(figures[key], key).toEqual(expect.arrayContaining(expected));
      expect((figures[key] as Row[]).length).toBe(expected.length);
    }

    const formOf = `SELECT count(*) AS n, sum(v.head_count) AS p FROM visits v LEFT JOIN duty_slots s ON s.id = v.slot_id WHERE v.date >= ? AND v.date <= ? AND ifnull(s.form, v.form) = ?`;
    expect(figures.byForm).toEqual(
      (['regular', 'appointment', 'outside', 'joint'] as const).map((form) => {
        const r = one<FormRow>(db, formOf, from, to, form)!;
        return {
          form,
          label: { regular: '定期接访', appointment: '约访', outside: '下访', joint: '联合接访' }[form],
          visits: r.n,
          people: r.p ?? 0,
        };
      }),
    );

    const weeks: Row[] = [];
    for (
      let monday = '2026-10-12';
      monday <= to;
      monday = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)
    ) {
      const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const lo = monday < from ? from : monday;
      const hi = sunday > to ? to : sunday;
      weeks.push({
        weekStart: monday,
        visits: n(`SELECT count(*) AS n ${visitsIn}`, lo, hi),
        people: n(`SELECT sum(head_count) AS n ${visitsIn}`, lo, hi),
        casesAccepted: n('SELECT count(*) AS n FROM cases WHERE accepted_on >= ? AND accepted_on <= ?', lo, hi),
        casesClosed: answers.filter((r) => r.answer_date >= lo && r.answer_date <= hi).length,
      });
    }
    expect(figures.byWeek).toEqual(weeks);
  });
});
