import { chinaDay, type WorkCalendar } from '../../../shared/domain/calendar';
import type { Settings } from '../../../shared/domain/settings';
import { OPEN_STATUSES } from '../../../shared/domain/case-status';
import { morningList, type SupervisionCandidate, type SupervisionItem } from '../../../shared/domain/supervision';
import type { Db } from '../infra/db/connection';
import { all, inList } from '../infra/db/sql';
import { caseReachableSql, reachFilter } from '../infra/scope';

export type SupervisionRow = SupervisionItem<SupervisionCandidate & { leader: string | null; leadUnit: string | null }>;

interface Raw {
  id: number;
  case_no: string;
  title: string;
  status: string;
  deadline_on: string;
  assigned_at: string | null;
  assignment_deadline: string | null;
  received_at: string | null;
  supervised: number;
  last_supervised_at: string | null;
  leader: string | null;
  lead_unit: string | null;
}

/**
 * Cases that owe an answer (the statuses the 办理期限 runs in) with what the morning list needs,
 * for the current stage only: a receipt from the first round does not count for a review. The
 * rules that pick and rank them live in shared/ (supervision.ts, deadlines.ts).
 */
export function supervisionList(
  db: Db,
  today: string,
  cal: WorkCalendar,
  settings: Settings,
  leader: number | null = null,
): SupervisionRow[] {
  const statuses = inList(OPEN_STATUSES);
  // A leader's list: the cases they own (infra/scope.ts).
  const reach = reachFilter(leader, caseReachableSql('c'));
  const rows = all<Raw>(
    db,
    `WITH cur AS (
         SELECT c.*, (SELECT a.id FROM assignments a WHERE a.case_id = c.id AND a.stage = c.stage ORDER BY a.id DESC LIMIT 1) AS assignment_id
         FROM cases c WHERE c.status IN ${statuses.sql} AND ${reach.sql}
       )
       SELECT cur.id, cur.case_no, cur.title, cur.status, cur.deadline_on,
              a.assigned_at, a.deadline_on AS assignment_deadline,
              (SELECT MIN(r.signed_at) FROM receipts r WHERE r.assignment_id = cur.assignment_id) AS received_at,
              (SELECT COUNT(*) FROM supervisions s WHERE s.case_id = cur.id AND s.issued_at >= COALESCE(a.assigned_at, '')) AS supervised,
              (SELECT MAX(s.issued_at) FROM supervisions s WHERE s.case_id = cur.id) AS last_supervised_at,
              l.name AS leader,
              (SELECT u.name FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = cur.assignment_id AND au.role = 'lead') AS lead_unit
       FROM cur
       LEFT JOIN assignments a ON a.id = cur.assignment_id
       LEFT JOIN leaders l ON l.id = cur.owning_leader_id`,
    ...statuses.params,
    ...reach.params,
  );
  const candidates = rows.map((r) => ({
    caseId: r.id,
    caseNo: r.case_no,
    title: r.title,
    status: r.status,
    deadlineOn: r.deadline_on,
    assignmentDeadlineOn: r.assignment_deadline,
    assignedOn: r.assigned_at ? chinaDay(r.assigned_at) : null,
    receivedOn: r.received_at ? chinaDay(r.received_at) : null,
    supervisedCount: r.supervised,
    lastSupervisedOn: r.last_supervised_at ? chinaDay(r.last_supervised_at) : null,
    leader: r.leader,
    leadUnit: r.lead_unit,
  }));
  return morningList(candidates, today, cal, settings);
}
