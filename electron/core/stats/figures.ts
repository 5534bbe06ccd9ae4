import { FORM } from '../../../shared/domain/labels';
import { RECEPTION_FORMS } from '../../../shared/domain/duty';
import { prorated, weekStarts, type StatsFigures, type StatsInput } from '../../../shared/domain/stats';
import { HANDLING_DEADLINE, OVERDUE_CASES_AS_OF } from '../cases/deadline-sql';
import { DECISIONS_IN_RANGE } from '../visits/acceptance';
import type { Db } from '../infra/db/connection';
import { all, one } from '../infra/db/sql';

/**
 * The figures engine (统计). Every figure is one SQL query over the range [@from, @to] of China
 * days; the queries are the constants below, and docs/stats.md quotes each of them word for word
 * (a unit test keeps the two the same). Visit `date`, case `accepted_on`, closure `answer_date`
 * and extension `approved_on` are China days already; instants (`issued_at`, follow-up `at`,
 * `assigned_at`) are UTC, and their China days date(x, '+8 hours') are stored beside them as
 * indexed columns (`issued_on`, `done_on`, `assigned_on`; migration 0013). Visit figures sum the
 * day roll-ups of visits (visit_day_sizes, visit_day_keys, visit_day_forms; migration 0014, kept
 * by triggers on visits): a few dozen rows a day, however many visits the day had. Every query
 * reads its period through an index, so a month's figures read that month's rows, not the whole history;
 * the one stock figure, overdue, reads the cases overdue on the day (OVERDUE_CASES_AS_OF).
 *
 * Parameters: @from, @to; @asOf = the earlier of @to and today (stock figures such as overdue
 * are counted as of that day, and duty days after it have not happened yet); @groupSize = the
 * largest visit that is not a group (settings.maxRepresentatives: a visit of more people must
 * choose representatives, shared/domain/registration.ts).
 */

const CLOSED_IN_RANGE = "cl.stage = 'handling' AND cl.answer_date BETWEEN @from AND @to";
/** The cases overdue as of @asOf: the one rule (shared/domain/deadlines.ts) in its SQL form, electron/core/cases/deadline-sql.ts. */
const OVERDUE = `(${OVERDUE_CASES_AS_OF}) o`;
const DUTY_DAYS = (
  form: string,
) => `SELECT dl.leader_id AS k, count(DISTINCT s.date) AS n FROM duty_slots s JOIN duty_slot_leaders dl ON dl.slot_id = s.id
  WHERE s.date BETWEEN @from AND @asOf AND s.cancelled = 0 AND ${form}
    AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.slot_id = s.id AND a.leader_id = dl.leader_id)
  GROUP BY dl.leader_id`;
/** A visit figure split by leader, category or locality (key 0 = none; a leader must be named) from the day roll-up. */
const DAY_KEYS = (dimension: 'leader' | 'category' | 'locality', figure: 'visits' | 'people') =>
  `SELECT key AS k, sum(${figure}) AS n FROM visit_day_keys WHERE dimension = '${dimension}' AND date BETWEEN @from AND @to${dimension === 'leader' ? ' AND key <> 0' : ''} GROUP BY key`;
const WEEK = (column: string) => `date(${column}, 'weekday 0', '-6 days')`;

/** Totals: each query returns one row `n`, or rows (k, n) for a figure split by a key. */
export const TOTAL_QUERIES = {
  visits: 'SELECT coalesce(sum(visits), 0) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to',
  people: 'SELECT coalesce(sum(head_count * visits), 0) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to',
  groupVisits:
    'SELECT coalesce(sum(visits), 0) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to AND head_count > @groupSize',
  firstVisits:
    'SELECT coalesce(sum(visits), 0) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to AND repeated = 0',
  repeatVisits:
    'SELECT coalesce(sum(visits), 0) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to AND repeated > 0',
  casesAccepted: 'SELECT count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to',
  casesClosed: `SELECT count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE}`,
  closedOnTime: `SELECT count(*) AS n FROM closures cl JOIN cases c ON c.id = cl.case_id WHERE ${CLOSED_IN_RANGE} AND cl.answer_date <= ${HANDLING_DEADLINE}`,
  overdue: `SELECT count(*) AS n FROM ${OVERDUE}`,
  extended: 'SELECT count(*) AS n FROM extensions WHERE approved_on BETWEEN @from AND @to',
  supervised: 'SELECT level AS k, count(*) AS n FROM supervisions WHERE issued_on BETWEEN @from AND @to GROUP BY level',
  outcomes: `SELECT cl.outcome AS k, count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE} GROUP BY cl.outcome`,
  satisfaction: `SELECT cl.satisfaction AS k, count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE} GROUP BY cl.satisfaction`,
  decisions: `SELECT d.decision AS k, count(*) AS n FROM (${DECISIONS_IN_RANGE}) d GROUP BY d.decision`,
  decisionsLate: `SELECT count(*) AS n FROM (${DECISIONS_IN_RANGE}) d WHERE d.decided_on > d.due_on`,
  followUps: 'SELECT count(*) AS n FROM follow_ups WHERE done_on BETWEEN @from AND @to',
  stopped: `SELECT count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE} AND cl.stopped = 1`,
} as const;

/** Breakdowns: each query returns rows (k, n), k the leader, unit, category, locality, form or week. */
export const BREAKDOWN_QUERIES = {
  byLeader: {
    visits: DAY_KEYS('leader', 'visits'),
    people: DAY_KEYS('leader', 'people'),
    casesAccepted:
      'SELECT owning_leader_id AS k, count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to AND owning_leader_id IS NOT NULL GROUP BY owning_leader_id',
    casesClosed: `SELECT c.owning_leader_id AS k, count(*) AS n FROM closures cl JOIN cases c ON c.id = cl.case_id WHERE ${CLOSED_IN_RANGE} AND c.owning_leader_id IS NOT NULL GROUP BY c.owning_leader_id`,
    overdue: `SELECT o.owning_leader_id AS k, count(*) AS n FROM ${OVERDUE} WHERE o.owning_leader_id IS NOT NULL GROUP BY o.owning_leader_id`,
    receptions: DUTY_DAYS("s.form <> 'outside'"),
    outsideVisits: DUTY_DAYS("s.form = 'outside'"),
  },
  byUnit: {
    casesAssigned: `SELECT au.unit_id AS k, count(DISTINCT a.case_id) AS n FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead'
  WHERE a.assigned_on BETWEEN @from AND @to GROUP BY au.unit_id`,
    casesClosed: `SELECT cl.unit_id AS k, count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE} AND cl.unit_id IS NOT NULL GROUP BY cl.unit_id`,
    closedOnTime: `SELECT cl.unit_id AS k, count(*) AS n FROM closures cl JOIN cases c ON c.id = cl.case_id
  WHERE ${CLOSED_IN_RANGE} AND cl.answer_date <= ${HANDLING_DEADLINE} AND cl.unit_id IS NOT NULL GROUP BY cl.unit_id`,
    overdue: `SELECT o.lead_unit_id AS k, count(*) AS n FROM ${OVERDUE} WHERE o.lead_unit_id IS NOT NULL GROUP BY o.lead_unit_id`,
    supervised: `SELECT au.unit_id AS k, count(*) AS n FROM supervisions s JOIN assignment_units au ON au.assignment_id = s.assignment_id AND au.role = 'lead'
  WHERE s.issued_on BETWEEN @from AND @to GROUP BY au.unit_id`,
  },
  byCategory: {
    visits: DAY_KEYS('category', 'visits'),
    people: DAY_KEYS('category', 'people'),
    casesAccepted:
      'SELECT coalesce(category_id, 0) AS k, count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to GROUP BY k',
  },
  byLocality: {
    visits: DAY_KEYS('locality', 'visits'),
    people: DAY_KEYS('locality', 'people'),
    casesAccepted:
      'SELECT coalesce(locality_id, 0) AS k, count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to GROUP BY k',
  },
  byForm: {
    visits:
      'SELECT coalesce(s.form, r.form) AS k, sum(r.visits) AS n FROM visit_day_forms r LEFT JOIN duty_slots s ON s.id = r.slot_id WHERE r.date BETWEEN @from AND @to GROUP BY k',
    people:
      'SELECT coalesce(s.form, r.form) AS k, sum(r.people) AS n FROM visit_day_forms r LEFT JOIN duty_slots s ON s.id = r.slot_id WHERE r.date BETWEEN @from AND @to GROUP BY k',
  },
  byWeek: {
    visits: `SELECT ${WEEK('date')} AS k, sum(visits) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to GROUP BY k`,
    people: `SELECT ${WEEK('date')} AS k, sum(head_count * visits) AS n FROM visit_day_sizes WHERE date BETWEEN @from AND @to GROUP BY k`,
    casesAccepted: `SELECT ${WEEK('accepted_on')} AS k, count(*) AS n FROM cases WHERE accepted_on BETWEEN @from AND @to GROUP BY k`,
    casesClosed: `SELECT ${WEEK('cl.answer_date')} AS k, count(*) AS n FROM closures cl WHERE ${CLOSED_IN_RANGE} GROUP BY k`,
  },
} as const;

export interface StatsContext {
  /** Today as a China day. */
  today: string;
  /** settings.maxRepresentatives: a visit of more people is a group visit (集体访). */
  groupSize: number;
  /** settings.monthlyReceptions and settings.quarterlyOutsideVisits: each leader's duty. */
  monthlyReceptions: number;
  quarterlyOutsideVisits: number;
  /** settings.acceptDecisionDays: the last day of an acceptance decision derived for an old visit. */
  acceptDays: number;
}

type Params = Record<string, string | number>;
type Keyed = Map<string | number, number>;

function bind(sql: string, params: Params): Params {
  const out: Params = {};
  for (const m of sql.matchAll(/@(\w+)/g)) out[m[1]!] = params[m[1]!]!;
  return out;
}

/** A total: one row `n` (null for the sum of no rows). */
interface TotalRow {
  n: number | null;
}

/** A figure split by a key. */
interface KeyedRow {
  k: string | number;
  n: number | null;
}

/** A leader as the breakdown lists them; `active` is the stored 0/1. */
interface LeaderRow {
  id: number;
  name: string;
  active: number;
}

/** A unit, category or locality by id. */
interface NameRow {
  id: number;
  name: string;
}

function single(db: Db, sql: string, params: Params): number {
  return Number(one<TotalRow>(db, sql, bind(sql, params))!.n ?? 0);
}

function keyed(db: Db, sql: string, params: Params): Keyed {
  const rows = all<KeyedRow>(db, sql, bind(sql, params));
  return new Map(rows.map((r) => [r.k, Number(r.n ?? 0)]));
}

function columns<T extends Record<string, string>>(db: Db, queries: T, params: Params): { [K in keyof T]: Keyed } {
  return Object.fromEntries(Object.entries(queries).map(([name, sql]) => [name, keyed(db, sql, params)])) as {
    [K in keyof T]: Keyed;
  };
}

const get = (m: Keyed, k: string | number) => m.get(k) ?? 0;
const anyNonZero = (cols: Record<string, Keyed>, k: string | number) =>
  Object.values(cols).some((m) => get(m, k) !== 0);

/** All the figures for [from, to]. */
export function computeStats(db: Db, range: StatsInput, ctx: StatsContext): StatsFigures {
  const { from, to } = range;
  const asOf = ctx.today < to ? ctx.today : to;
  const params: Params = { from, to, asOf, groupSize: ctx.groupSize, acceptDays: ctx.acceptDays };
  const q = TOTAL_QUERIES;
  const n = (sql: string) => single(db, sql, params);
  const k = (sql: string) => keyed(db, sql, params);

  const supervised = k(q.supervised);
  const outcomes = k(q.outcomes);
  const satisfaction = k(q.satisfaction);
  const decisions = k(q.decisions);
  const decided = [...decisions.values()].reduce((a, b) => a + b, 0);
  const late = n(q.decisionsLate);
  const totals: StatsFigures['totals'] = {
    visits: n(q.visits),
    people: n(q.people),
    groupVisits: n(q.groupVisits),
    firstVisits: n(q.firstVisits),
    repeatVisits: n(q.repeatVisits),
    casesAccepted: n(q.casesAccepted),
    casesClosed: n(q.casesClosed),
    closedOnTime: n(q.closedOnTime),
    overdue: n(q.overdue),
    extended: n(q.extended),
    supervised: {
      ordinary: get(supervised, 'ordinary'),
      yellow: get(supervised, 'yellow'),
      red: get(supervised, 'red'),
      total: [...supervised.values()].reduce((a, b) => a + b, 0),
    },
    outcomes: { support: get(outcomes, 'support'), explain: get(outcomes, 'explain'), reject: get(outcomes, 'reject') },
    satisfaction: {
      satisfied: get(satisfaction, 'satisfied'),
      basically_satisfied: get(satisfaction, 'basically_satisfied'),
      unsatisfied: get(satisfaction, 'unsatisfied'),
      unknown: get(satisfaction, 'unknown'),
    },
    decisions: {
      accepted: get(decisions, 'accept'),
      refused: get(decisions, 'refuse'),
      transferred: get(decisions, 'transfer'),
      final: get(decisions, 'final'),
      onTime: decided - late,
      late,
    },
    followUps: n(q.followUps),
    stopped: n(q.stopped),
  };

  const b = BREAKDOWN_QUERIES;
  const receptionQuota = prorated(from, to, ctx.monthlyReceptions, 1);
  const outsideQuota = prorated(from, to, ctx.quarterlyOutsideVisits, 3);
  const lc = columns(db, b.byLeader, params);
  const leaders = all<LeaderRow>(db, 'SELECT id, name, active FROM leaders ORDER BY sort, id');
  const byLeader = leaders
    // A leader no longer active is listed only for a range in which they did something.
    .filter((l) => l.active === 1 || anyNonZero(lc, l.id))
    .map((l) => ({
      id: l.id,
      name: l.name,
      visits: get(lc.visits, l.id),
      people: get(lc.people, l.id),
      casesAccepted: get(lc.casesAccepted, l.id),
      casesClosed: get(lc.casesClosed, l.id),
      overdue: get(lc.overdue, l.id),
      receptions: get(lc.receptions, l.id),
      outsideVisits: get(lc.outsideVisits, l.id),
      receptionQuota,
      outsideQuota,
    }));

  const uc = columns(db, b.byUnit, params);
  const units = all<NameRow>(db, 'SELECT id, name FROM units ORDER BY id');
  const byUnit = units
    .filter((u) => anyNonZero(uc, u.id))
    .map((u) => ({
      id: u.id,
      name: u.name,
      casesAssigned: get(uc.casesAssigned, u.id),
      casesClosed: get(uc.casesClosed, u.id),
      closedOnTime: get(uc.closedOnTime, u.id),
      overdue: get(uc.overdue, u.id),
      supervised: get(uc.supervised, u.id),
    }))
    .sort((x, y) => y.casesAssigned - x.casesAssigned || y.casesClosed - x.casesClosed || x.id - y.id);

  const named = (
    table: 'categories' | 'localities',
    none: string,
    cols: Record<'visits' | 'people' | 'casesAccepted', Keyed>,
  ) => {
    const names = new Map(all<NameRow>(db, `SELECT id, name FROM ${table}`).map((r) => [r.id, r.name]));
    const ids = new Set<number>([...cols.visits.keys(), ...cols.casesAccepted.keys()].map(Number));
    return [...ids]
      .filter((id) => anyNonZero(cols, id))
      .map((id) => ({
        id,
        name: id === 0 ? none : (names.get(id) ?? `#${id}`),
        visits: get(cols.visits, id),
        people: get(cols.people, id),
        casesAccepted: get(cols.casesAccepted, id),
      }))
      .sort((x, y) => y.visits - x.visits || y.casesAccepted - x.casesAccepted || x.id - y.id);
  };
  const byCategory = named('categories', '未分类', columns(db, b.byCategory, params));
  const byLocality = named('localities', '未填写属地', columns(db, b.byLocality, params));

  const fc = columns(db, b.byForm, params);
  const byForm = RECEPTION_FORMS.map((form) => ({
    form,
    label: FORM[form],
    visits: get(fc.visits, form),
    people: get(fc.people, form),
  }));

  const wc = columns(db, b.byWeek, params);
  const byWeek = weekStarts(from, to).map((weekStart) => ({
    weekStart,
    visits: get(wc.visits, weekStart),
    people: get(wc.people, weekStart),
    casesAccepted: get(wc.casesAccepted, weekStart),
    casesClosed: get(wc.casesClosed, weekStart),
  }));

  return { from, to, totals, byLeader, byUnit, byCategory, byLocality, byForm, byWeek };
}
