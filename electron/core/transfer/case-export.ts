import type { InferSelectModel } from 'drizzle-orm';
import {
  CASE_EXPORT_FORMAT,
  CASE_EXPORT_VERSION,
  type CaseExportDocument,
  type ExportedCase,
} from '../../../shared/domain/case-export';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/mask';
import { deadlineBasisLabel } from '../../../shared/domain/deadlines';
import { caseDocuments } from '../cases/view';
import type { Db } from '../infra/db/connection';
import type {
  assignments,
  cases,
  assignmentUnits,
  closures,
  extensions,
  followUps,
  interviewParticipants,
  interviews,
  interviewTurns,
  petitioners,
  receipts,
  reviews,
  supervisions,
  visitPetitioners,
  visits,
} from '../infra/db/schema';
import { all, inList, one } from '../infra/db/sql';

/**
 * Cases as the exchange JSON (shared/domain/case-export.ts): everything the hall recorded about
 * each case, read straight from the tables. Masked unless `full`; the caller decides who may
 * ask for full values and audits it.
 *
 * Each query names its columns, aliased to the schema's names; its row type is picked from the
 * schema, with joined names and 0/1 flags (raw SQL gives numbers, not booleans) spelled out.
 */
const flag = (v: number) => v === 1;

export function exportCases(
  db: Db,
  caseIds: number[],
  options: { full: boolean; office: string; exportedAt: string; scope: CaseExportDocument['scope'] },
): CaseExportDocument {
  const { full } = options;
  const name = (v: string) => (full ? v : maskName(v));
  return {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    office: options.office,
    exportedAt: options.exportedAt,
    masked: !full,
    scope: options.scope,
    cases: caseIds.map((id) => oneCase(db, id, full, name)),
  };
}

/** A case with the names of its category, locality and owning leader. */
interface CaseRow extends Pick<
  InferSelectModel<typeof cases>,
  'caseNo' | 'title' | 'demand' | 'petitionerId' | 'acceptedOn' | 'deadlineRule' | 'deadlineOn' | 'stage'
> {
  category: string | null;
  locality: string | null;
  leader: string | null;
  /** JSON text, as stored. */
  deadlineBasis: string;
  status: ExportedCase['status'];
  final: number;
  isBacklog: number;
}

type PetitionerRow = Pick<
  InferSelectModel<typeof petitioners>,
  'name' | 'sex' | 'idNumber' | 'birthDate' | 'phone' | 'address'
>;

/** A visit with the names of its category, locality and leader. */
interface VisitRow extends Pick<
  InferSelectModel<typeof visits>,
  'id' | 'visitNo' | 'date' | 'form' | 'headCount' | 'demand' | 'facts' | 'earlierHandling' | 'repeatCount'
> {
  category: string | null;
  locality: string | null;
  leader: string | null;
  accepted: number;
}

interface VisitPetitionerRow extends Pick<InferSelectModel<typeof visitPetitioners>, 'petitionerId'> {
  isPrimary: number;
  isRepresentative: number;
}

/** An interview with its leader's name. */
interface InterviewRow extends Pick<
  InferSelectModel<typeof interviews>,
  'id' | 'visitId' | 'startedAt' | 'endedAt' | 'place' | 'opinion' | 'disposition' | 'petitionerResponse'
> {
  leader: string | null;
}

type ParticipantRow = Pick<InferSelectModel<typeof interviewParticipants>, 'kind' | 'name'>;
type TurnRow = Pick<InferSelectModel<typeof interviewTurns>, 'seq' | 'speaker' | 'speakerName' | 'text' | 'at'>;
type AssignmentRow = Pick<
  InferSelectModel<typeof assignments>,
  'id' | 'assignmentNo' | 'stage' | 'instruction' | 'reportRequirements' | 'deadlineOn' | 'assignedAt'
>;

/** A unit of an assignment, by name. */
interface AssignmentUnitRow extends Pick<InferSelectModel<typeof assignmentUnits>, 'role'> {
  name: string;
}

/** A receipt with the name of the unit that signed it. */
interface ReceiptRow extends Pick<InferSelectModel<typeof receipts>, 'signedBy' | 'signedAt'> {
  unit: string;
}

type SupervisionRow = Pick<
  InferSelectModel<typeof supervisions>,
  | 'supervisionNo'
  | 'assignmentId'
  | 'reason'
  | 'level'
  | 'requirements'
  | 'answerBy'
  | 'issuedAt'
  | 'receiptSignedBy'
  | 'receiptAt'
>;
type ExtensionRow = Pick<
  InferSelectModel<typeof extensions>,
  'days' | 'reason' | 'approver' | 'approvedOn' | 'previousDeadlineOn' | 'newDeadlineOn' | 'petitionerNotifiedOn'
>;

/** A closure with the name of its unit. */
interface ClosureRow extends Pick<
  InferSelectModel<typeof closures>,
  'stage' | 'findings' | 'outcome' | 'basis' | 'answerDate' | 'answerWay' | 'satisfaction' | 'officeReview' | 'closedAt'
> {
  unit: string | null;
  stopped: number;
}

type FollowUpRow = Pick<InferSelectModel<typeof followUps>, 'at' | 'way' | 'byName' | 'result' | 'satisfaction'>;
type ReviewRow = Pick<
  InferSelectModel<typeof reviews>,
  'kind' | 'requestedOn' | 'body' | 'deadlineOn' | 'result' | 'decidedOn'
>;

function oneCase(db: Db, caseId: number, full: boolean, name: (v: string) => string): ExportedCase {
  const c = one<CaseRow>(
    db,
    `SELECT c.case_no AS caseNo, c.title, c.demand, c.petitioner_id AS petitionerId, cat.name AS category, loc.name AS locality, l.name AS leader,
            c.accepted_on AS acceptedOn, c.deadline_rule AS deadlineRule, c.deadline_on AS deadlineOn, c.deadline_basis AS deadlineBasis,
            c.status, c.stage, c.final, c.is_backlog AS isBacklog
     FROM cases c
     LEFT JOIN categories cat ON cat.id = c.category_id LEFT JOIN localities loc ON loc.id = c.locality_id LEFT JOIN leaders l ON l.id = c.owning_leader_id WHERE c.id = ?`,
    caseId,
  )!;
  const visitRows = all<VisitRow>(
    db,
    `SELECT v.id, v.visit_no AS visitNo, v.date, v.form, v.head_count AS headCount, cat.name AS category, loc.name AS locality, v.demand, v.facts,
            v.earlier_handling AS earlierHandling, l.name AS leader, v.accepted, v.repeat_count AS repeatCount
     FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
     LEFT JOIN categories cat ON cat.id = v.category_id LEFT JOIN localities loc ON loc.id = v.locality_id LEFT JOIN leaders l ON l.id = v.leader_id
     WHERE cv.case_id = ? ORDER BY v.date, v.id`,
    caseId,
  );
  // The case's petitioner first, then everyone who came on its visits, each once.
  const refs = new Map<number, string>();
  const people: ExportedCase['petitioners'] = [];
  const person = (pid: number): string => {
    const known = refs.get(pid);
    if (known) return known;
    const p = one<PetitionerRow>(
      db,
      'SELECT name, sex, id_number AS idNumber, birth_date AS birthDate, phone, address FROM petitioners WHERE id = ?',
      pid,
    )!;
    const ref = `p${refs.size + 1}`;
    refs.set(pid, ref);
    people.push({
      ref,
      name: name(p.name),
      sex: p.sex,
      idNumber: p.idNumber ? (full ? p.idNumber : maskIdNumber(p.idNumber)) : null,
      birthDate: full ? p.birthDate : null,
      phone: p.phone ? (full ? p.phone : maskPhone(p.phone)) : null,
      address: full ? p.address : null,
    });
    return ref;
  };
  person(c.petitionerId);
  const visitNo = new Map<number, string>();
  const exportedVisits: ExportedCase['visits'] = visitRows.map((v) => {
    visitNo.set(v.id, v.visitNo);
    const links = all<VisitPetitionerRow>(
      db,
      'SELECT petitioner_id AS petitionerId, is_primary AS isPrimary, is_representative AS isRepresentative FROM visit_petitioners WHERE visit_id = ? ORDER BY is_primary DESC, petitioner_id',
      v.id,
    );
    return {
      visitNo: v.visitNo,
      date: v.date,
      form: v.form,
      headCount: v.headCount,
      category: v.category,
      locality: v.locality,
      demand: v.demand,
      facts: v.facts,
      earlierHandling: v.earlierHandling,
      leader: v.leader,
      accepted: flag(v.accepted),
      repeatCount: v.repeatCount,
      petitioners: links.map((l) => ({
        ref: person(l.petitionerId),
        primary: flag(l.isPrimary),
        representative: flag(l.isRepresentative),
      })),
    };
  });
  const visitIds = [...visitNo.keys()];
  const inVisits = inList(visitIds);
  const interviewRows = all<InterviewRow>(
    db,
    `SELECT i.id, i.visit_id AS visitId, i.started_at AS startedAt, i.ended_at AS endedAt, i.place, l.name AS leader, i.opinion, i.disposition,
            i.petitioner_response AS petitionerResponse
     FROM interviews i LEFT JOIN leaders l ON l.id = i.leader_id WHERE i.visit_id IN ${inVisits.sql} ORDER BY i.started_at, i.id`,
    ...inVisits.params,
  );
  const exportedInterviews = interviewRows.map((i) => ({
    visitNo: visitNo.get(i.visitId) ?? '',
    startedAt: i.startedAt,
    endedAt: i.endedAt,
    place: i.place,
    leader: i.leader,
    // Staff, lawyers and deputies by name; a participant of another kind may be the petitioner's companion.
    participants: all<ParticipantRow>(
      db,
      // Draft rows (no name yet) of a record still being typed are not participants.
      "SELECT kind, name FROM interview_participants WHERE interview_id = ? AND trim(name) <> '' ORDER BY id",
      i.id,
    ).map((p) => ({
      kind: p.kind,
      name: p.kind === 'other' ? name(p.name) : p.name,
    })),
    turns: all<TurnRow>(
      db,
      'SELECT seq, speaker, speaker_name AS speakerName, text, at FROM interview_turns WHERE interview_id = ? ORDER BY seq',
      i.id,
    ).map((t) => ({
      seq: t.seq,
      speaker: t.speaker,
      speakerName: t.speaker === 'petitioner' || t.speaker === 'other' ? name(t.speakerName) : t.speakerName,
      text: t.text,
      at: t.at,
    })),
    opinion: i.opinion,
    disposition: i.disposition ?? null,
    petitionerResponse: i.petitionerResponse,
  }));
  const assignmentNo = new Map<number, string>();
  const exportedAssignments = all<AssignmentRow>(
    db,
    `SELECT id, assignment_no AS assignmentNo, stage, instruction, report_requirements AS reportRequirements, deadline_on AS deadlineOn, assigned_at AS assignedAt
     FROM assignments WHERE case_id = ? ORDER BY id`,
    caseId,
  ).map((a) => {
    assignmentNo.set(a.id, a.assignmentNo);
    return {
      assignmentNo: a.assignmentNo,
      stage: a.stage,
      instruction: a.instruction,
      reportRequirements: a.reportRequirements,
      deadlineOn: a.deadlineOn,
      assignedAt: a.assignedAt,
      units: all<AssignmentUnitRow>(
        db,
        "SELECT u.name, au.role FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = ? ORDER BY au.role = 'assist', u.name",
        a.id,
      ).map((u) => ({
        name: u.name,
        role: u.role,
      })),
      receipts: all<ReceiptRow>(
        db,
        'SELECT u.name AS unit, r.signed_by AS signedBy, r.signed_at AS signedAt FROM receipts r JOIN units u ON u.id = r.unit_id WHERE r.assignment_id = ? ORDER BY r.id',
        a.id,
      ).map((r) => ({
        unit: r.unit,
        signedBy: r.signedBy,
        signedAt: r.signedAt,
      })),
    };
  });
  const documents = caseDocuments(db, caseId, visitIds);
  return {
    caseNo: c.caseNo,
    title: c.title,
    demand: c.demand,
    category: c.category,
    locality: c.locality,
    owningLeader: c.leader,
    acceptedOn: c.acceptedOn,
    deadlineRule: c.deadlineRule,
    deadlineOn: c.deadlineOn,
    deadlineLabel: deadlineBasisLabel(c.deadlineBasis),
    status: c.status,
    stage: c.stage,
    final: flag(c.final),
    backlog: flag(c.isBacklog),
    petitioners: people,
    visits: exportedVisits,
    interviews: exportedInterviews,
    assignments: exportedAssignments,
    supervisions: all<SupervisionRow>(
      db,
      `SELECT supervision_no AS supervisionNo, assignment_id AS assignmentId, reason, level, requirements, answer_by AS answerBy, issued_at AS issuedAt,
              receipt_signed_by AS receiptSignedBy, receipt_at AS receiptAt
       FROM supervisions WHERE case_id = ? ORDER BY id`,
      caseId,
    ).map((v) => ({
      supervisionNo: v.supervisionNo,
      assignmentNo: v.assignmentId === null ? null : (assignmentNo.get(v.assignmentId) ?? null),
      reason: v.reason,
      level: v.level,
      requirements: v.requirements,
      answerBy: v.answerBy,
      issuedAt: v.issuedAt,
      receiptSignedBy: v.receiptSignedBy,
      receiptAt: v.receiptAt,
    })),
    extensions: all<ExtensionRow>(
      db,
      `SELECT days, reason, approver, approved_on AS approvedOn, previous_deadline_on AS previousDeadlineOn, new_deadline_on AS newDeadlineOn,
              petitioner_notified_on AS petitionerNotifiedOn
       FROM extensions WHERE case_id = ? ORDER BY id`,
      caseId,
    ).map((e) => ({
      days: e.days,
      reason: e.reason,
      approver: e.approver,
      approvedOn: e.approvedOn,
      previousDeadlineOn: e.previousDeadlineOn,
      newDeadlineOn: e.newDeadlineOn,
      petitionerNotifiedOn: e.petitionerNotifiedOn,
    })),
    closures: all<ClosureRow>(
      db,
      `SELECT cl.stage, u.name AS unit, cl.findings, cl.outcome, cl.basis, cl.answer_date AS answerDate, cl.answer_way AS answerWay, cl.satisfaction, cl.stopped,
              cl.office_review AS officeReview, cl.closed_at AS closedAt
       FROM closures cl LEFT JOIN units u ON u.id = cl.unit_id WHERE cl.case_id = ? ORDER BY cl.id`,
      caseId,
    ).map((x) => ({
      stage: x.stage,
      unit: x.unit,
      findings: x.findings,
      outcome: x.outcome,
      basis: x.basis,
      answerDate: x.answerDate,
      answerWay: x.answerWay,
      satisfaction: x.satisfaction,
      stopped: flag(x.stopped),
      officeReview: x.officeReview,
      closedAt: x.closedAt,
    })),
    followUps: all<FollowUpRow>(
      db,
      'SELECT at, way, by_name AS byName, result, satisfaction FROM follow_ups WHERE case_id = ? ORDER BY id',
      caseId,
    ).map((f) => ({
      at: f.at,
      way: f.way,
      byName: f.byName,
      result: f.result,
      satisfaction: f.satisfaction,
    })),
    reviews: all<ReviewRow>(
      db,
      'SELECT kind, requested_on AS requestedOn, body, deadline_on AS deadlineOn, result, decided_on AS decidedOn FROM reviews WHERE case_id = ? ORDER BY id',
      caseId,
    ).map((r) => ({
      kind: r.kind,
      requestedOn: r.requestedOn,
      body: r.body,
      deadlineOn: r.deadlineOn,
      result: r.result,
      decidedOn: r.decidedOn,
    })),
    documents: documents.map((d) => ({
      kind: d.kind,
      docNo: d.docNo,
      verifyCode: d.code,
      version: d.version,
      pages: d.pages,
      printedAt: d.createdAt,
    })),
  };
}
