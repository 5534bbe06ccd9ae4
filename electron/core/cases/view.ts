import { HallError, type MethodOutput } from '../../../shared/contract';
import { daysLeft, deadlineBasisLabel } from '../../../shared/domain/deadlines';
import { isAnswered } from '../../../shared/domain/case-status';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/mask';
import type { Db } from '../infra/db/connection';
import { all, inList, one, value } from '../infra/db/sql';
import { requestWindowOf, type CaseContext } from './moves';

/** Cases as rows and as one page (案件): read-only views, petitioner names masked. */
export interface CaseListFilter {
  status?: string | undefined;
  leaderId?: number | undefined;
  limit: number;
  offset: number;
}

interface ListRaw {
  id: number;
  case_no: string;
  accepted_on: string;
  name: string;
  title: string;
  status: string;
  stage: string;
  leader: string | null;
  lead_unit: string | null;
  deadline_on: string;
}

export function listCases(db: Db, filter: CaseListFilter, today: string) {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.status) {
    where.push('c.status = ?');
    args.push(filter.status);
  }
  if (filter.leaderId) {
    where.push('c.owning_leader_id = ?');
    args.push(filter.leaderId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = value<number>(db, `SELECT count(*) AS n FROM cases c ${clause}`, ...args)!;
  const rows = all<ListRaw>(
    db,
    `SELECT c.id, c.case_no, c.accepted_on, p.name, c.title, c.status, c.stage, l.name AS leader, lu.name AS lead_unit, c.deadline_on
       FROM cases c JOIN petitioners p ON p.id = c.petitioner_id LEFT JOIN leaders l ON l.id = c.owning_leader_id
       LEFT JOIN units lu ON lu.id = c.lead_unit_id
       ${clause} ORDER BY c.accepted_on DESC, c.id DESC LIMIT ? OFFSET ?`,
    ...args,
    filter.limit,
    filter.offset,
  );
  return {
    total,
    rows: rows.map((r) => ({
      caseId: r.id,
      caseNo: r.case_no,
      acceptedOn: r.accepted_on,
      petitioner: maskName(r.name),
      title: r.title,
      status: r.status,
      stage: r.stage,
      leader: r.leader,
      leadUnit: r.lead_unit,
      deadlineOn: r.deadline_on,
      // Days left mean nothing once the case is answered.
      daysLeft: isAnswered(r.status) ? null : daysLeft(r.deadline_on, today),
    })),
  };
}

/**
 * The rows of a case's page are read under their names in the contract's output (`cases.get`),
 * so each row type is the output item it becomes.
 */
type CaseView = MethodOutput<'cases.get'>;
type CaseDocumentRow = CaseView['documents'][number];

/** The documents printed for a case: each slip is filed under the record it was printed from. */
export function caseDocuments(db: Db, caseId: number, visitIds: number[]) {
  const inVisits = inList(visitIds);
  return all<CaseDocumentRow>(
    db,
    `SELECT kind, doc_no AS docNo, verify_code AS code, record_version AS version, pages, created_at AS createdAt FROM documents
     WHERE (kind IN ('closure', 'folder', 'acceptance', 'ledger-extract') AND record_id = :id)
        OR (kind = 'answer' AND record_id IN (SELECT id FROM closures WHERE case_id = :id))
        OR (kind = 'follow-up' AND record_id IN (SELECT id FROM follow_ups WHERE case_id = :id))
        OR (kind IN ('review-request', 'review-opinion') AND record_id IN (SELECT id FROM reviews WHERE case_id = :id))
        OR (kind = 'investigation' AND record_id IN (SELECT id FROM investigation_reports WHERE case_id = :id))
        OR (kind = 'assignment' AND record_id IN (SELECT id FROM assignments WHERE case_id = :id))
        OR (kind = 'supervision' AND record_id IN (SELECT id FROM supervisions WHERE case_id = :id))
        OR (kind = 'extension' AND record_id IN (SELECT id FROM extensions WHERE case_id = :id))
        OR (kind = 'responsibility' AND record_id IN (SELECT id FROM responsibilities WHERE case_id = :id))
        OR (kind = 'appointment' AND record_id IN (SELECT id FROM appointments WHERE case_id = :id))
        OR (kind IN ('registration', 'guidance') AND record_id IN ${inVisits.sql})
        OR (kind = 'interview' AND record_id IN (SELECT id FROM interviews WHERE visit_id IN ${inVisits.sql}))
     ORDER BY id`,
    ...inVisits.params,
    ...inVisits.params,
    { id: caseId },
  );
}

/** Everything about one case: visits, interviews, slips, supervision, documents and its audit trail. */
interface CaseDetailRow {
  id: number;
  case_no: string;
  title: string;
  demand: string;
  status: string;
  stage: string;
  accepted_on: string;
  deadline_on: string;
  deadline_basis: string;
  /** The stored 0/1. */
  final: number;
  version: number;
  name: string;
  petitioner_id: number;
  id_number: string | null;
  phone: string | null;
  owning_leader_id: number | null;
  leader: string | null;
}

export function caseDetail(db: Db, caseId: number, today: string, rules: Pick<CaseContext, 'cal' | 'settings'>) {
  const c = one<CaseDetailRow>(
    db,
    `SELECT c.id, c.case_no, c.title, c.demand, c.status, c.stage, c.accepted_on, c.deadline_on, c.deadline_basis, c.final, c.version, p.name, c.petitioner_id, p.id_number, p.phone, c.owning_leader_id, l.name AS leader
       FROM cases c JOIN petitioners p ON p.id = c.petitioner_id LEFT JOIN leaders l ON l.id = c.owning_leader_id WHERE c.id = ?`,
    caseId,
  );
  if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
  const visits = all<CaseView['visits'][number]>(
    db,
    'SELECT v.id, v.visit_no AS visitNo, v.date, v.demand FROM case_visits cv JOIN visits v ON v.id = cv.visit_id WHERE cv.case_id = ? ORDER BY v.date, v.id',
    caseId,
  );
  const visitIds = visits.map((v) => v.id);
  const inVisits = inList(visitIds);
  const interviews = all<CaseView['interviews'][number]>(
    db,
    `SELECT id, visit_id AS visitId, started_at AS startedAt, ended_at AS endedAt, disposition, opinion FROM interviews WHERE visit_id IN ${inVisits.sql} ORDER BY started_at`,
    ...inVisits.params,
  );
  const assignments = all<CaseView['assignments'][number]>(
    db,
    `SELECT a.id, a.assignment_no AS assignmentNo, a.stage, a.instruction, a.deadline_on AS deadlineOn, a.assigned_at AS assignedAt,
            (SELECT u.name FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = a.id AND au.role = 'lead') AS leadUnit,
            r.signed_by AS receivedBy, r.signed_at AS receivedAt
     FROM assignments a LEFT JOIN receipts r ON r.id = (SELECT min(id) FROM receipts WHERE assignment_id = a.id) WHERE a.case_id = ? ORDER BY a.id`,
    caseId,
  );
  const supervisions = all<CaseView['supervisions'][number]>(
    db,
    'SELECT id, supervision_no AS supervisionNo, reason, level, answer_by AS answerBy, issued_at AS issuedAt FROM supervisions WHERE case_id = ? ORDER BY id',
    caseId,
  );
  // An extension row keeps only its day; the instant it was granted is in the audit trail (one extension per case).
  const extensions = all<CaseView['extensions'][number]>(
    db,
    `SELECT id, days, reason, approver, approved_on AS approvedOn, new_deadline_on AS newDeadlineOn,
            coalesce((SELECT at FROM audit_log WHERE entity = 'case' AND entity_id = CAST(e.case_id AS TEXT) AND action = 'case.extend' ORDER BY seq LIMIT 1), approved_on) AS at
     FROM extensions e WHERE case_id = ? ORDER BY id`,
    caseId,
  );
  const closures = all<CaseView['closures'][number]>(
    db,
    'SELECT id, stage, outcome, answer_date AS answerDate, delivered_on AS deliveredOn, satisfaction, closed_at AS closedAt FROM closures WHERE case_id = ? ORDER BY id',
    caseId,
  );
  const responsibilities = all<CaseView['responsibilities'][number]>(
    db,
    `SELECT r.id, l.name AS leader, u.name AS unit, r.responsible_person AS responsiblePerson, r.goal, r.deadline_on AS deadlineOn, r.signed_on AS signedOn,
            coalesce((SELECT at FROM audit_log WHERE entity = 'case' AND entity_id = CAST(r.case_id AS TEXT) AND action = 'case.responsibility' AND json_extract(detail, '$.responsibilityId') = r.id), r.signed_on, '') AS at
     FROM responsibilities r JOIN leaders l ON l.id = r.leader_id LEFT JOIN units u ON u.id = r.unit_id WHERE r.case_id = ? ORDER BY r.id`,
    caseId,
  );
  const appointments = all<CaseView['appointments'][number]>(
    db,
    'SELECT a.id, a.at, l.name AS leader, a.place, a.status FROM appointments a JOIN leaders l ON l.id = a.leader_id WHERE a.case_id = ? ORDER BY a.at',
    caseId,
  );
  const followUps = all<CaseView['followUps'][number]>(
    db,
    'SELECT id, at, way, by_name AS byName, result, satisfaction FROM follow_ups WHERE case_id = ? ORDER BY id',
    caseId,
  );
  const reports = all<CaseView['reports'][number]>(
    db,
    'SELECT r.id, l.name AS leader, r.result, r.signed_on AS signedOn, r.created_at AS at FROM investigation_reports r JOIN leaders l ON l.id = r.leader_id WHERE r.case_id = ? ORDER BY r.id',
    caseId,
  );
  const reviews = all<CaseView['reviews'][number]>(
    db,
    'SELECT id, kind, requested_on AS requestedOn, deadline_on AS deadlineOn, result, decided_on AS decidedOn, delivered_on AS deliveredOn FROM reviews WHERE case_id = ? ORDER BY id',
    caseId,
  );
  // The petitioner's window open on an answered case: 复查 after the answer, 复核 after the 复查 opinion.
  const windowKind =
    c.status === 'closed' || c.status === 'followed_up'
      ? c.stage === 'handling'
        ? 'review'
        : c.stage === 'review'
          ? 'rereview'
          : null
      : null;
  const window = windowKind && requestWindowOf(db, caseId, windowKind, rules);
  const documents = caseDocuments(db, caseId, visitIds);
  const audit = all<CaseView['audit'][number]>(
    db,
    "SELECT at, actor_name AS actor, action FROM audit_log WHERE entity = 'case' AND entity_id = ? ORDER BY seq",
    String(caseId),
  );
  return {
    caseId: c.id,
    caseNo: c.case_no,
    title: c.title,
    demand: c.demand,
    petitioner: maskName(c.name),
    petitionerId: c.petitioner_id,
    idNumberMasked: maskIdNumber(c.id_number),
    phoneMasked: maskPhone(c.phone),
    leader: c.leader,
    leaderId: c.owning_leader_id,
    status: c.status,
    stage: c.stage,
    final: c.final === 1,
    acceptedOn: c.accepted_on,
    deadlineOn: c.deadline_on,
    deadlineLabel: deadlineBasisLabel(c.deadline_basis),
    daysLeft: daysLeft(c.deadline_on, today),
    visits,
    interviews,
    assignments,
    supervisions,
    extensions,
    closures,
    followUps,
    responsibilities,
    appointments,
    reports,
    reviews,
    requestWindow: window
      ? {
          kind: window.kind,
          paper: window.paper,
          from: window.from,
          last: window.last,
          rolled: window.rolled,
          label: window.label,
          daysLeft: daysLeft(window.last, today),
        }
      : null,
    documents,
    audit,
  };
}
