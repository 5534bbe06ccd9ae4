import { HallError } from '../../../shared/contract';
import {
  ACCEPT_NOTICE,
  acceptanceDue,
  DELAY_REASON_REQUIRED,
  isLateDecision,
  type AcceptDecision,
  type DecideInput,
} from '../../../shared/domain/acceptance';
import type { WorkCalendar } from '../../../shared/domain/calendar';
import { daysLeft } from '../../../shared/domain/deadlines';
import { maskName } from '../../../shared/domain/mask';
import type { AuditInput } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import { reachFilter, visitReachableSql } from '../infra/scope';

/**
 * The acceptance decision on a visit (受理告知, 信访工作条例 art 22–23). A visit that is not
 * settled on the spot waits for one of four decisions by its last day (shared/domain/acceptance.ts):
 * 受理 (cases.create records it, electron/core/cases/moves.ts), 不予受理, 转送/交办 and 不再受理
 * (visits.decide). Each decision is a row of acceptance_decisions.
 *
 * Visits decided before that table existed are derived, never rewritten: a visit in a case was
 * accepted on the case's accepted_on, a visit guided to a legal channel was not accepted on the
 * day it came. Their last day is counted in SQL without rolling past a holiday (SQL has no
 * calendar), which only matters for those old visits; every new decision stores its rolled day.
 */

/** Ended interviews that settled the visit on the spot (当场答复, 解释说明): nothing is left to decide. */
const SETTLED_ON_THE_SPOT = `EXISTS (SELECT 1 FROM interviews si WHERE si.visit_id = v.id AND si.ended_at IS NOT NULL AND si.disposition IN ('on_the_spot', 'explained'))`;

/**
 * Every visit decided in [@from, @to], stored or derived: (decision, decided_on, due_on), one row
 * per visit and case it joined. @acceptDays is settings.acceptDecisionDays. 统计 counts these
 * (electron/core/stats/figures.ts, docs/stats.md). Three disjoint parts, each read through the
 * index of its own day (decided_on, the case's accepted_on, the visit's date), so a month reads
 * that month: a stored decision; a visit in a case with none stored (受理 on the case's acceptance
 * day); a visit in no case, with none stored, guided to a legal channel (不予受理 on the visit day).
 */
export const DECISIONS_IN_RANGE = `SELECT d.decision AS decision, d.decided_on AS decided_on, d.due_on AS due_on
    FROM acceptance_decisions d LEFT JOIN case_visits cv ON cv.visit_id = d.visit_id
    WHERE d.decided_on BETWEEN @from AND @to
  UNION ALL SELECT 'accept', c.accepted_on, date(v.date, '+' || @acceptDays || ' days')
    FROM cases c JOIN case_visits cv ON cv.case_id = c.id JOIN visits v ON v.id = cv.visit_id
    WHERE c.accepted_on BETWEEN @from AND @to AND NOT EXISTS (SELECT 1 FROM acceptance_decisions d WHERE d.visit_id = v.id)
  UNION ALL SELECT 'refuse', v.date, date(v.date, '+' || @acceptDays || ' days')
    FROM visits v WHERE v.date BETWEEN @from AND @to AND v.legal_channel <> 'none'
      AND NOT EXISTS (SELECT 1 FROM acceptance_decisions d WHERE d.visit_id = v.id)
      AND NOT EXISTS (SELECT 1 FROM case_visits cv WHERE cv.visit_id = v.id)`;

/** A visit still waiting: no decision stored, none to derive, not settled on the spot. */
const WAITING = `NOT EXISTS (SELECT 1 FROM acceptance_decisions d WHERE d.visit_id = v.id)
  AND NOT EXISTS (SELECT 1 FROM case_visits cv WHERE cv.visit_id = v.id)
  AND v.legal_channel = 'none' AND NOT ${SETTLED_ON_THE_SPOT}`;

/** The final (三级终结) case of a matter, if it has one. */
export function finalCaseOf(db: Db, matterKey: string | null): { id: number; case_no: string } | undefined {
  if (!matterKey) return undefined;
  return one<{ id: number; case_no: string }>(
    db,
    'SELECT c.id, c.case_no FROM case_visits cv JOIN cases c ON c.id = cv.case_id JOIN visits v ON v.id = cv.visit_id WHERE v.matter_key = ? AND c.final = 1 ORDER BY c.id DESC LIMIT 1',
    matterKey,
  );
}

export const FINAL_MATTER_REFUSED = '该事项已经复查、复核，属三级终结事项，不再受理；如属新的事项，请在登记时说明理由';

interface PendingRow {
  id: number;
  visit_no: string;
  date: string;
  name: string;
  demand: string;
  leader: string | null;
  matter_key: string | null;
  final_after_review: number;
}

export interface PendingVisit {
  visitId: number;
  visitNo: string;
  date: string;
  petitioner: string;
  demand: string;
  leader: string | null;
  /** The matter is final (三级终结): only 不再受理 (or 不予受理) is open. */
  finalMatter: boolean;
  dueOn: string;
  /** Calendar days left to the last day; negative: overdue. */
  daysLeft: number;
  overdue: boolean;
}

/** 待受理告知: every visit waiting for its decision, oldest first (the most urgent on top). */
export function pendingVisits(
  db: Db,
  ctx: { today: string; cal: WorkCalendar; days: number; leader: number | null },
): PendingVisit[] {
  const reach = reachFilter(ctx.leader, visitReachableSql('v'));
  const rows = all<PendingRow>(
    db,
    `SELECT v.id, v.visit_no, v.date, p.name, v.demand, l.name AS leader, v.matter_key, v.final_after_review
       FROM visits v JOIN visit_petitioners vp ON vp.visit_id = v.id AND vp.is_primary = 1 JOIN petitioners p ON p.id = vp.petitioner_id
       LEFT JOIN leaders l ON l.id = v.leader_id
       WHERE ${WAITING} AND ${reach.sql}
       ORDER BY v.date, v.id`,
    ...reach.params,
  );
  return rows.map((r) => {
    const dueOn = acceptanceDue(r.date, ctx.days, ctx.cal);
    const left = daysLeft(dueOn, ctx.today);
    return {
      visitId: r.id,
      visitNo: r.visit_no,
      date: r.date,
      petitioner: maskName(r.name),
      demand: r.demand,
      leader: r.leader,
      finalMatter: r.final_after_review === 1 || finalCaseOf(db, r.matter_key) !== undefined,
      dueOn,
      daysLeft: left,
      overdue: left < 0,
    };
  });
}

interface DecidedRow {
  id: number;
  visit_id: number;
  visit_no: string;
  name: string;
  decision: AcceptDecision;
  decided_on: string;
  due_on: string;
  delay_reason: string | null;
  organ: string | null;
  case_id: number | null;
  case_no: string | null;
}

/** The latest stored decisions with the notice each printed: the visits' documents. */
export function recentDecisions(db: Db, leader: number | null, limit = 100) {
  const reach = reachFilter(leader, visitReachableSql('v'));
  return all<DecidedRow>(
    db,
    `SELECT d.id, d.visit_id, v.visit_no, p.name, d.decision, d.decided_on, d.due_on, d.delay_reason, d.organ, d.case_id, c.case_no
       FROM acceptance_decisions d JOIN visits v ON v.id = d.visit_id
       JOIN visit_petitioners vp ON vp.visit_id = v.id AND vp.is_primary = 1 JOIN petitioners p ON p.id = vp.petitioner_id
       LEFT JOIN cases c ON c.id = d.case_id
       WHERE ${reach.sql} ORDER BY d.id DESC LIMIT ${Number(limit)}`,
    ...reach.params,
  ).map((r) => ({
    decisionId: r.id,
    visitId: r.visit_id,
    visitNo: r.visit_no,
    petitioner: maskName(r.name),
    decision: r.decision,
    decidedOn: r.decided_on,
    dueOn: r.due_on,
    late: isLateDecision(r.decided_on, r.due_on),
    delayReason: r.delay_reason,
    organ: r.organ,
    caseNo: r.case_no,
    notice: noticeOf(r.decision, { decisionId: r.id, visitId: r.visit_id, caseId: r.case_id }),
  }));
}

/** The document that tells the petitioner, and the record it prints from. */
export function noticeOf(
  decision: AcceptDecision,
  ids: { decisionId: number; visitId: number; caseId: number | null },
): { kind: (typeof ACCEPT_NOTICE)[AcceptDecision]; recordId: number } | null {
  const kind = ACCEPT_NOTICE[decision];
  if (decision === 'accept') return ids.caseId === null ? null : { kind, recordId: ids.caseId };
  if (decision === 'refuse') return { kind, recordId: ids.visitId };
  return { kind, recordId: ids.decisionId };
}

export interface DecisionContext {
  today: string;
  cal: WorkCalendar;
  days: number;
  actorId: number | null;
  audit: (entry: AuditInput) => void;
}

interface VisitToDecideRow {
  id: number;
  date: string;
  matter_key: string | null;
  final_after_review: number;
}

/**
 * Checks that a visit still waits and whether a decision today is late; a late decision
 * without its reason is refused at the field. Throws before anything is written.
 */
function checkDecision(db: Db, visitId: number, delayReason: string | undefined, ctx: DecisionContext) {
  const v = one<VisitToDecideRow>(
    db,
    'SELECT id, date, matter_key, final_after_review FROM visits WHERE id = ?',
    visitId,
  );
  if (!v) throw new HallError('NOT_FOUND', '没有这次来访。');
  const decided = value<string>(db, 'SELECT decision FROM acceptance_decisions WHERE visit_id = ?', visitId);
  if (decided !== undefined) throw new HallError('CONFLICT', '这次来访已作出受理决定。');
  const dueOn = acceptanceDue(v.date, ctx.days, ctx.cal);
  const late = isLateDecision(ctx.today, dueOn);
  if (late && !delayReason) {
    const message = DELAY_REASON_REQUIRED(ctx.days);
    throw new HallError('BAD_INPUT', message, [{ path: 'delayReason', message }]);
  }
  return { visit: v, dueOn, late };
}

/** Writes the decision row; the caller has checked it with checkDecision. */
function insertDecision(
  db: Db,
  row: {
    visitId: number;
    decision: AcceptDecision;
    dueOn: string;
    late: boolean;
    delayReason: string | undefined;
    caseId: number | null;
    organ: string | null;
  },
  ctx: DecisionContext,
): number {
  const id = Number(
    db
      .prepare(
        'INSERT INTO acceptance_decisions (visit_id, decision, decided_on, due_on, delay_reason, case_id, organ, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        row.visitId,
        row.decision,
        ctx.today,
        row.dueOn,
        row.late ? row.delayReason! : null,
        row.caseId,
        row.organ,
        ctx.actorId,
      ).lastInsertRowid,
  );
  ctx.audit({
    action: `visit.decide`,
    entity: 'visit',
    entityId: row.visitId,
    after: { decision: row.decision, decidedOn: ctx.today, dueOn: row.dueOn },
    detail: {
      late: row.late,
      ...(row.late ? { delayReason: row.delayReason } : {}),
      organ: row.organ,
      caseId: row.caseId,
    },
  });
  return id;
}

/**
 * 受理, from cases.create: checked before the case is written (a late decision without its
 * reason opens nothing), recorded once the case exists. Joining a case decides the new visit too.
 */
export function checkAcceptance(db: Db, visitId: number, delayReason: string | undefined, ctx: DecisionContext) {
  const { visit, dueOn, late } = checkDecision(db, visitId, delayReason, ctx);
  return (caseId: number) =>
    insertDecision(db, { visitId: visit.id, decision: 'accept', dueOn, late, delayReason, caseId, organ: null }, ctx);
}

/** 不予受理, 转送/交办 or 不再受理; returns the decision and the notice to print. */
export function decideVisit(db: Db, input: DecideInput, ctx: DecisionContext) {
  const { visit, dueOn, late } = checkDecision(db, input.visitId, input.delayReason, ctx);
  if (db.prepare('SELECT 1 FROM case_visits WHERE visit_id = ?').get(visit.id))
    throw new HallError('CONFLICT', '这次来访已经立案受理。');
  const finalCase = finalCaseOf(db, visit.matter_key);
  if (input.decision === 'final' && !finalCase && visit.final_after_review !== 1)
    throw new HallError('RULE_VIOLATION', '该事项尚未经复查、复核，不属三级终结事项，不能作不再受理决定。');
  if (input.decision === 'transfer' && finalCase)
    throw new HallError('RULE_VIOLATION', '该事项已三级终结，不再受理，不能转送。');
  if (input.decision === 'refuse')
    db.prepare(
      "UPDATE visits SET legal_channel = ?, accepted = 0, guidance = nullif(?, ''), status = CASE WHEN status IN ('registered', 'queued') THEN 'guided' ELSE status END, updated_at = hall_now() WHERE id = ?",
    ).run(input.legalChannel, input.guidance, visit.id);
  const decisionId = insertDecision(
    db,
    {
      visitId: visit.id,
      decision: input.decision,
      dueOn,
      late,
      delayReason: input.delayReason,
      caseId: input.decision === 'final' ? (finalCase?.id ?? null) : null,
      organ: input.decision === 'transfer' ? input.organ : null,
    },
    ctx,
  );
  return {
    decisionId,
    late,
    dueOn,
    notice: noticeOf(input.decision, { decisionId, visitId: visit.id, caseId: null })!,
  };
}
