import { CASE_EXPORT_FORMAT, CASE_EXPORT_VERSION, type CaseExportDocument, type ExportedCase } from '../../../shared/domain/case-export';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/mask';
import { deadlineBasisLabel } from '../../../shared/domain/deadlines';
import { caseDocuments } from '../cases/view';
import type { Db } from '../infra/db/connection';

/**
 * Cases as the exchange JSON (shared/domain/case-export.ts): everything the hall recorded about
 * each case, read straight from the tables. Masked unless `full`; the caller decides who may
 * ask for full values and audits it.
 */
type R = Record<string, unknown>;
const all = (db: Db, sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as R[];
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const sn = (v: unknown) => (v === null || v === undefined ? null : String(v));
const b = (v: unknown) => v === 1 || v === true;

export function exportCases(db: Db, caseIds: number[], options: { full: boolean; office: string; exportedAt: string; scope: CaseExportDocument['scope'] }): CaseExportDocument {
  const { full } = options;
  const name = (v: unknown) => (full ? s(v) : maskName(s(v)));
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

function oneCase(db: Db, caseId: number, full: boolean, name: (v: unknown) => string): ExportedCase {
  const c = db
    .prepare(
      `SELECT c.*, cat.name AS category, loc.name AS locality, l.name AS leader FROM cases c
       LEFT JOIN categories cat ON cat.id = c.category_id LEFT JOIN localities loc ON loc.id = c.locality_id LEFT JOIN leaders l ON l.id = c.owning_leader_id WHERE c.id = ?`,
    )
    .get(caseId) as R;
  const visits = all(
    db,
    `SELECT v.*, cat.name AS category, loc.name AS locality, l.name AS leader FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
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
    const p = db.prepare('SELECT * FROM petitioners WHERE id = ?').get(pid) as R;
    const ref = `p${refs.size + 1}`;
    refs.set(pid, ref);
    people.push({
      ref,
      name: name(p.name),
      sex: p.sex as 'male' | 'female' | 'unknown',
      idNumber: p.id_number ? (full ? s(p.id_number) : maskIdNumber(s(p.id_number))) : null,
      birthDate: full ? sn(p.birth_date) : null,
      phone: p.phone ? (full ? s(p.phone) : maskPhone(s(p.phone))) : null,
      address: full ? sn(p.address) : null,
    });
    return ref;
  };
  person(Number(c.petitioner_id));
  const visitNo = new Map<number, string>();
  const exportedVisits: ExportedCase['visits'] = visits.map((v) => {
    visitNo.set(Number(v.id), s(v.visit_no));
    const links = all(db, 'SELECT petitioner_id, is_primary, is_representative FROM visit_petitioners WHERE visit_id = ? ORDER BY is_primary DESC, petitioner_id', v.id);
    return {
      visitNo: s(v.visit_no),
      date: s(v.date),
      form: v.form as ExportedCase['visits'][number]['form'],
      headCount: Number(v.head_count),
      category: sn(v.category),
      locality: sn(v.locality),
      demand: s(v.demand),
      facts: s(v.facts),
      earlierHandling: s(v.earlier_handling),
      leader: sn(v.leader),
      accepted: b(v.accepted),
      repeatCount: Number(v.repeat_count),
      petitioners: links.map((l) => ({ ref: person(Number(l.petitioner_id)), primary: b(l.is_primary), representative: b(l.is_representative) })),
    };
  });
  const visitIds = [...visitNo.keys()];
  const inVisits = visitIds.length ? `IN (${visitIds.join(',')})` : 'IN (NULL)';
  const interviews = all(db, `SELECT i.*, l.name AS leader FROM interviews i LEFT JOIN leaders l ON l.id = i.leader_id WHERE i.visit_id ${inVisits} ORDER BY i.started_at, i.id`).map((i) => ({
    visitNo: visitNo.get(Number(i.visit_id)) ?? '',
    startedAt: s(i.started_at),
    endedAt: sn(i.ended_at),
    place: s(i.place),
    leader: sn(i.leader),
    // Staff, lawyers and deputies by name; a participant of another kind may be the petitioner's companion.
    participants: all(db, 'SELECT kind, name FROM interview_participants WHERE interview_id = ? ORDER BY id', i.id).map((p) => ({
      kind: p.kind as ExportedCase['interviews'][number]['participants'][number]['kind'],
      name: p.kind === 'other' ? name(p.name) : s(p.name),
    })),
    turns: all(db, 'SELECT seq, speaker, speaker_name, text, at FROM interview_turns WHERE interview_id = ? ORDER BY seq', i.id).map((t) => ({
      seq: Number(t.seq),
      speaker: t.speaker as ExportedCase['interviews'][number]['turns'][number]['speaker'],
      speakerName: t.speaker === 'petitioner' || t.speaker === 'other' ? name(t.speaker_name) : s(t.speaker_name),
      text: s(t.text),
      at: sn(t.at),
    })),
    opinion: s(i.opinion),
    disposition: (i.disposition ?? null) as ExportedCase['interviews'][number]['disposition'],
    petitionerResponse: s(i.petitioner_response),
  }));
  const assignmentNo = new Map<number, string>();
  const assignments = all(db, 'SELECT * FROM assignments WHERE case_id = ? ORDER BY id', caseId).map((a) => {
    assignmentNo.set(Number(a.id), s(a.assignment_no));
    return {
      assignmentNo: s(a.assignment_no),
      stage: a.stage as ExportedCase['stage'],
      instruction: s(a.instruction),
      reportRequirements: s(a.report_requirements),
      deadlineOn: s(a.deadline_on),
      assignedAt: s(a.assigned_at),
      units: all(db, "SELECT u.name, au.role FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = ? ORDER BY au.role = 'assist', u.name", a.id).map((u) => ({
        name: s(u.name),
        role: u.role as 'lead' | 'assist',
      })),
      receipts: all(db, 'SELECT u.name AS unit, r.signed_by, r.signed_at FROM receipts r JOIN units u ON u.id = r.unit_id WHERE r.assignment_id = ? ORDER BY r.id', a.id).map((r) => ({
        unit: s(r.unit),
        signedBy: s(r.signed_by),
        signedAt: s(r.signed_at),
      })),
    };
  });
  const documents = caseDocuments(db, caseId, visitIds);
  return {
    caseNo: s(c.case_no),
    title: s(c.title),
    demand: s(c.demand),
    category: sn(c.category),
    locality: sn(c.locality),
    owningLeader: sn(c.leader),
    acceptedOn: s(c.accepted_on),
    deadlineRule: c.deadline_rule as ExportedCase['deadlineRule'],
    deadlineOn: s(c.deadline_on),
    deadlineLabel: deadlineBasisLabel(sn(c.deadline_basis)),
    status: c.status as ExportedCase['status'],
    stage: c.stage as ExportedCase['stage'],
    final: b(c.final),
    backlog: b(c.is_backlog),
    petitioners: people,
    visits: exportedVisits,
    interviews,
    assignments,
    supervisions: all(db, 'SELECT * FROM supervisions WHERE case_id = ? ORDER BY id', caseId).map((v) => ({
      supervisionNo: s(v.supervision_no),
      assignmentNo: v.assignment_id === null ? null : (assignmentNo.get(Number(v.assignment_id)) ?? null),
      reason: v.reason as ExportedCase['supervisions'][number]['reason'],
      level: v.level as ExportedCase['supervisions'][number]['level'],
      requirements: s(v.requirements),
      answerBy: s(v.answer_by),
      issuedAt: s(v.issued_at),
      receiptSignedBy: sn(v.receipt_signed_by),
      receiptAt: sn(v.receipt_at),
    })),
    extensions: all(db, 'SELECT * FROM extensions WHERE case_id = ? ORDER BY id', caseId).map((e) => ({
      days: Number(e.days),
      reason: s(e.reason),
      approver: s(e.approver),
      approvedOn: s(e.approved_on),
      previousDeadlineOn: s(e.previous_deadline_on),
      newDeadlineOn: s(e.new_deadline_on),
      petitionerNotifiedOn: sn(e.petitioner_notified_on),
    })),
    closures: all(db, 'SELECT cl.*, u.name AS unit FROM closures cl LEFT JOIN units u ON u.id = cl.unit_id WHERE cl.case_id = ? ORDER BY cl.id', caseId).map((x) => ({
      stage: x.stage as ExportedCase['stage'],
      unit: sn(x.unit),
      findings: s(x.findings),
      outcome: x.outcome as ExportedCase['closures'][number]['outcome'],
      basis: s(x.basis),
      answerDate: s(x.answer_date),
      answerWay: x.answer_way as ExportedCase['closures'][number]['answerWay'],
      satisfaction: x.satisfaction as ExportedCase['closures'][number]['satisfaction'],
      stopped: b(x.stopped),
      officeReview: s(x.office_review),
      closedAt: s(x.closed_at),
    })),
    followUps: all(db, 'SELECT * FROM follow_ups WHERE case_id = ? ORDER BY id', caseId).map((f) => ({
      at: s(f.at),
      way: f.way as ExportedCase['followUps'][number]['way'],
      byName: s(f.by_name),
      result: s(f.result),
      satisfaction: f.satisfaction as ExportedCase['followUps'][number]['satisfaction'],
    })),
    reviews: all(db, 'SELECT * FROM reviews WHERE case_id = ? ORDER BY id', caseId).map((r) => ({
      kind: r.kind as 'review' | 'rereview',
      requestedOn: s(r.requested_on),
      body: s(r.body),
      deadlineOn: s(r.deadline_on),
      result: sn(r.result),
      decidedOn: sn(r.decided_on),
    })),
    documents: documents.map((d) => ({ kind: d.kind, docNo: d.docNo, verifyCode: d.code, version: d.version, pages: d.pages, printedAt: d.createdAt })),
  };
}
