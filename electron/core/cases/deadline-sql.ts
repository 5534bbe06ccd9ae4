import { OPEN_STATUSES } from '../../../shared/domain/case-status';
import { inList } from '../infra/db/sql';

/**
 * The SQL of the one rule in shared/domain/deadlines.ts (办理期限, overdue), for the queries
 * that count or filter many cases. Two forms of the same rule:
 *
 * - now (督办, the ledger): the case's status still owes an answer and `cases.deadline_on` (the
 *   办理期限 of the stage it is in) is before today — what `deadlineStanding` says of a row;
 * - as of a day (统计, every report, the quarterly report), rebuilt from the dated records so a
 *   past month is counted as it stood at its end: the handling stage runs from acceptance until
 *   the handling closure's answer date, a 复查 / 复核 from its request until its decision.
 *
 * On today the two agree (tests/unit/figures-agree.test.ts checks it on the demo data).
 * Parameters are named: `@asOf` (a China day). The case table is aliased `c`.
 */

/**
 * The handling stage's deadline: a review request overwrites cases.deadline_on and keeps this one
 * in deadline_basis. `cases.handling_deadline` is coalesce(json_extract(deadline_basis,
 * '$.handlingDeadline'), deadline_on), kept by triggers on cases (migration 0013) whoever writes
 * the case, so it has an index.
 */
export const HANDLING_DEADLINE = 'c.handling_deadline';

/**
 * No handling answer yet on @asOf: `cases.handling_answered_on` is the earliest answer date of the
 * case's handling closures (kept by triggers on closures, migration 0013), null while there is none.
 */
const HANDLING_UNANSWERED = '(c.handling_answered_on IS NULL OR c.handling_answered_on > @asOf)';

/** The handling stage is overdue on @asOf: accepted by then, its deadline before it, no answer by then. */
const HANDLING_OVERDUE = `c.accepted_on <= @asOf AND ${HANDLING_DEADLINE} < @asOf`;

/** A 复查 or 复核 asked for by @asOf and not decided by then, `extra` narrowing it. */
const REVIEW_PENDING = (extra = '') =>
  `c.id IN (SELECT r.case_id FROM reviews r WHERE r.requested_on <= @asOf AND (r.decided_on IS NULL OR r.decided_on > @asOf)${extra})`;
const REVIEW_OVERDUE = REVIEW_PENDING(' AND r.deadline_on < @asOf');

/** An answer is owed on @asOf: accepted and not answered in handling, or a review pending. */
export const RUNNING_AS_OF = `((c.accepted_on <= @asOf AND ${HANDLING_UNANSWERED}) OR ${REVIEW_PENDING()})`;

/** Overdue on @asOf: an answer is owed and the deadline of the stage that owes it is before @asOf. */
export const OVERDUE_AS_OF = `((${HANDLING_OVERDUE} AND ${HANDLING_UNANSWERED})
  OR ${REVIEW_OVERDUE})`;

/**
 * The same cases as OVERDUE_AS_OF, as rows (id, owning_leader_id, lead_unit_id), for the figures
 * that count them: three disjoint parts, each a range of an index, so a count reads the cases
 * overdue on that day (and those answered after it) rather than every case since the start —
 * unanswered (cases_handling_open from its nulls), answered only after @asOf (the same index from
 * @asOf on; both read from the index alone), and a review overdue on a case not counted already.
 */
export const OVERDUE_CASES_AS_OF = `SELECT c.id, c.owning_leader_id, c.lead_unit_id FROM cases c
    WHERE c.handling_answered_on IS NULL AND ${HANDLING_OVERDUE}
  UNION ALL SELECT c.id, c.owning_leader_id, c.lead_unit_id FROM cases c
    WHERE c.handling_answered_on > @asOf AND ${HANDLING_OVERDUE}
  UNION ALL SELECT c.id, c.owning_leader_id, c.lead_unit_id FROM cases c
    WHERE ${REVIEW_OVERDUE} AND NOT (${HANDLING_OVERDUE} AND ${HANDLING_UNANSWERED})`;

/** The 办理期限 running on @asOf: the pending review's, else the handling stage's. */
export const DEADLINE_AS_OF = `coalesce((SELECT r.deadline_on FROM reviews r WHERE r.case_id = c.id AND r.requested_on <= @asOf
  AND (r.decided_on IS NULL OR r.decided_on > @asOf) ORDER BY r.id DESC LIMIT 1), ${HANDLING_DEADLINE})`;

/** Overdue now, by the case's status (positional: the statuses, then today). */
export function overdueNow(today: string): { sql: string; params: string[] } {
  const open = inList(OPEN_STATUSES);
  return { sql: `c.status IN ${open.sql} AND c.deadline_on < ?`, params: [...open.params, today] };
}
