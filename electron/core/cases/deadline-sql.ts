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

/** The handling stage's deadline: a review request overwrites cases.deadline_on and keeps this one in deadline_basis. */
export const HANDLING_DEADLINE = "coalesce(json_extract(c.deadline_basis, '$.handlingDeadline'), c.deadline_on)";

/** No handling answer yet on @asOf. */
const HANDLING_UNANSWERED =
  "NOT EXISTS (SELECT 1 FROM closures cl WHERE cl.case_id = c.id AND cl.stage = 'handling' AND cl.answer_date <= @asOf)";

/** A 复查 or 复核 asked for by @asOf and not decided by then, `extra` narrowing it. */
const REVIEW_PENDING = (extra = '') =>
  `c.id IN (SELECT r.case_id FROM reviews r WHERE r.requested_on <= @asOf AND (r.decided_on IS NULL OR r.decided_on > @asOf)${extra})`;

/** An answer is owed on @asOf: accepted and not answered in handling, or a review pending. */
export const RUNNING_AS_OF = `((c.accepted_on <= @asOf AND ${HANDLING_UNANSWERED}) OR ${REVIEW_PENDING()})`;

/** Overdue on @asOf: an answer is owed and the deadline of the stage that owes it is before @asOf. */
export const OVERDUE_AS_OF = `((c.accepted_on <= @asOf AND ${HANDLING_DEADLINE} < @asOf AND ${HANDLING_UNANSWERED})
  OR ${REVIEW_PENDING(' AND r.deadline_on < @asOf')})`;

/** The 办理期限 running on @asOf: the pending review's, else the handling stage's. */
export const DEADLINE_AS_OF = `coalesce((SELECT r.deadline_on FROM reviews r WHERE r.case_id = c.id AND r.requested_on <= @asOf
  AND (r.decided_on IS NULL OR r.decided_on > @asOf) ORDER BY r.id DESC LIMIT 1), ${HANDLING_DEADLINE})`;

/** Overdue now, by the case's status (positional: the statuses, then today). */
export function overdueNow(today: string): { sql: string; params: string[] } {
  const open = inList(OPEN_STATUSES);
  return { sql: `c.status IN ${open.sql} AND c.deadline_on < ?`, params: [...open.params, today] };
}
