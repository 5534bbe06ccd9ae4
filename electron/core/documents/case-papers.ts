import { HallError } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-status';
import { ANSWER_WAY, FOLLOW_UP_WAY, labelOf, labelOr, OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { KindData } from '../../../shared/documents/kinds';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import { caseRow, leaderOf, office, record, setting, str } from './loaders';

/**
 * Loaders of the papers a case folder holds beside the 四单一记录 (shared/documents/case-papers.ts):
 * each reads its record straight from the database, like loaders.ts, for printing and verifying.
 */

/** The day the petitioner first came on the matter. */
const firstVisit = (db: Db, caseId: number): string =>
  str(
    value<string>(
      db,
      'SELECT min(v.date) FROM case_visits cv JOIN visits v ON v.id = cv.visit_id WHERE cv.case_id = ?',
      caseId,
    ),
  );

const reviewRequestDays = (db: Db) => setting(db, 'reviewRequestDays', DEFAULT_SETTINGS.reviewRequestDays);

interface DecisionNoticeRow {
  decision: string;
  decided_on: string;
  organ: string | null;
  case_id: number | null;
  visit_no: string;
  date: string;
  demand: string;
  name: string;
}

/** The decision a 转送告知书 or 不再受理告知书 prints from, with its visit and petitioner. */
function decisionNotice(db: Db, decisionId: number, decision: 'transfer' | 'final'): DecisionNoticeRow {
  const d = record<DecisionNoticeRow>(
    db,
    `SELECT d.decision, d.decided_on, d.organ, d.case_id, v.visit_no, v.date, v.demand, p.name
       FROM acceptance_decisions d JOIN visits v ON v.id = d.visit_id
       JOIN visit_petitioners vp ON vp.visit_id = v.id AND vp.is_primary = 1 JOIN petitioners p ON p.id = vp.petitioner_id
       WHERE d.id = ?`,
    decisionId,
  );
  if (d.decision !== decision)
    throw new HallError(
      'RULE_VIOLATION',
      decision === 'transfer' ? '该受理决定不是转送。' : '该受理决定不是不再受理。',
    );
  return d;
}

export function transferNotice(db: Db, decisionId: number): KindData['transfer-notice'] {
  const d = decisionNotice(db, decisionId, 'transfer');
  return {
    petitioner: str(d.name),
    visitNo: str(d.visit_no),
    visitDate: str(d.date),
    demand: str(d.demand),
    organ: str(d.organ),
    decidedOn: str(d.decided_on),
    office: office(db),
  };
}

export function finalNotice(db: Db, decisionId: number): KindData['final-notice'] {
  const d = decisionNotice(db, decisionId, 'final');
  const caseNo = d.case_id === null ? '' : str(value<string>(db, 'SELECT case_no FROM cases WHERE id = ?', d.case_id));
  const rereviewOn =
    d.case_id === null
      ? undefined
      : value<string>(
          db,
          "SELECT decided_on FROM reviews WHERE case_id = ? AND kind = 'rereview' AND decided_on IS NOT NULL ORDER BY id DESC LIMIT 1",
          d.case_id,
        );
  return {
    petitioner: str(d.name),
    visitNo: str(d.visit_no),
    visitDate: str(d.date),
    demand: str(d.demand),
    caseNo,
    rereviewOn: rereviewOn ? str(rereviewOn) : null,
    decidedOn: str(d.decided_on),
    office: office(db),
  };
}

export function acceptance(db: Db, caseId: number): KindData['acceptance'] {
  const c = caseRow(db, caseId);
  // The notice gives the answer deadline set at acceptance, not one a later 复查 replaced.
  const basis = JSON.parse(str(value<string>(db, 'SELECT deadline_basis FROM cases WHERE id = ?', caseId))) as {
    handlingDeadline?: string;
  };
  const extended = value<string>(
    db,
    'SELECT previous_deadline_on FROM extensions WHERE case_id = ? ORDER BY id LIMIT 1',
    caseId,
  );
  return {
    petitioner: str(c.petitioner),
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    visitDate: firstVisit(db, caseId),
    acceptedOn: str(c.accepted_on),
    deadline: str(extended ?? basis.handlingDeadline ?? c.deadline_on),
    owningLeader: str(c.leader),
    office: office(db),
  };
}

interface AnswerRow {
  case_id: number;
  findings: string;
  outcome: string;
  basis: string;
  answer_date: string;
  answer_way: string;
  unit: string | null;
}

export function answer(db: Db, closureId: number): KindData['answer'] {
  const cl = record<AnswerRow>(
    db,
    'SELECT cl.*, u.name AS unit FROM closures cl LEFT JOIN units u ON u.id = cl.unit_id WHERE cl.id = ?',
    closureId,
  );
  const c = caseRow(db, cl.case_id);
  return {
    petitioner: str(c.petitioner),
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    visitDate: firstVisit(db, cl.case_id),
    unit: str(cl.unit),
    findings: str(cl.findings),
    outcome: labelOf(OUTCOME, str(cl.outcome)),
    basis: str(cl.basis),
    answerDate: str(cl.answer_date),
    answerWay: labelOf(ANSWER_WAY, str(cl.answer_way)),
    reviewRequestDays: reviewRequestDays(db),
    office: office(db),
  };
}

interface FollowUpRow {
  case_id: number;
  at: string;
  way: string;
  by_name: string;
  result: string;
  satisfaction: string;
}

export function followUp(db: Db, id: number): KindData['follow-up'] {
  const f = record<FollowUpRow>(db, 'SELECT * FROM follow_ups WHERE id = ?', id);
  const c = caseRow(db, f.case_id);
  return {
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    petitioner: str(c.petitioner),
    at: str(f.at),
    way: labelOf(FOLLOW_UP_WAY, str(f.way)),
    byName: str(f.by_name),
    result: str(f.result),
    satisfaction: labelOf(SATISFACTION, str(f.satisfaction)),
  };
}

interface ReviewRow {
  id: number;
  case_id: number;
  kind: 'review' | 'rereview';
  requested_on: string;
  body: string;
  deadline_on: string;
  result: string | null;
  decided_on: string | null;
}

interface ContestedAnswerRow {
  outcome: string;
  answer_date: string;
}

export function reviewRequest(db: Db, id: number): KindData['review-request'] {
  const r = record<ReviewRow>(db, 'SELECT * FROM reviews WHERE id = ?', id);
  const c = caseRow(db, r.case_id);
  // 复查 contests the answer; 复核 contests the 复查 opinion.
  let contested = '';
  let contestedOn: string | null = null;
  if (r.kind === 'review') {
    const a = one<ContestedAnswerRow>(
      db,
      'SELECT outcome, answer_date FROM closures WHERE case_id = ? AND answer_date <= ? ORDER BY answer_date DESC, id DESC LIMIT 1',
      r.case_id,
      r.requested_on,
    );
    contested = a ? `答复意见：${labelOf(OUTCOME, str(a.outcome))}` : '答复意见';
    contestedOn = a ? str(a.answer_date) : null;
  } else {
    const prior = one<ReviewRow>(
      db,
      "SELECT * FROM reviews WHERE case_id = ? AND kind = 'review' AND id < ? ORDER BY id DESC LIMIT 1",
      r.case_id,
      r.id,
    );
    contested = prior?.result ? `复查意见：${str(prior.result)}` : '复查意见';
    contestedOn = prior?.decided_on ? str(prior.decided_on) : null;
  }
  return {
    kind: r.kind === 'review' ? '复查' : '复核',
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    petitioner: str(c.petitioner),
    contested,
    contestedOn,
    requestedOn: str(r.requested_on),
    body: str(r.body),
    deadline: str(r.deadline_on),
  };
}

export function reviewOpinion(db: Db, id: number): KindData['review-opinion'] {
  const r = record<ReviewRow>(db, 'SELECT * FROM reviews WHERE id = ?', id);
  if (r.result === null || r.decided_on === null)
    throw new HallError('NOT_FOUND', `该${r.kind === 'review' ? '复查' : '复核'}尚未作出意见。`);
  const c = caseRow(db, r.case_id);
  return {
    kind: r.kind === 'review' ? '复查' : '复核',
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    petitioner: str(c.petitioner),
    requestedOn: str(r.requested_on),
    body: str(r.body),
    result: str(r.result),
    decidedOn: str(r.decided_on),
    reviewRequestDays: reviewRequestDays(db),
  };
}

interface ReportRow {
  case_id: number;
  leader_id: number;
  findings: string;
  measures: string;
  stability_measures: string;
  result: string;
  signed_on: string;
}

export function investigation(db: Db, id: number): KindData['investigation'] {
  const r = record<ReportRow>(db, 'SELECT * FROM investigation_reports WHERE id = ?', id);
  const c = caseRow(db, r.case_id);
  const answered = value<string>(
    db,
    'SELECT answer_date FROM closures WHERE case_id = ? AND answer_date <= ? ORDER BY answer_date DESC LIMIT 1',
    r.case_id,
    r.signed_on,
  );
  return {
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    petitioner: str(c.petitioner),
    leader: leaderOf(db, r.leader_id) ?? { name: '', post: '' },
    unit: str(value<string>(db, 'SELECT units_label FROM cases WHERE id = ?', r.case_id)),
    acceptedOn: str(c.accepted_on),
    answeredOn: answered === undefined ? null : str(answered),
    findings: str(r.findings),
    measures: str(r.measures),
    stabilityMeasures: str(r.stability_measures),
    result: str(r.result),
    signedOn: str(r.signed_on),
  };
}

/** A step of the case as the 台账 extract lists it; `rank` orders steps of one day as the procedure runs. */
interface Step {
  date: string;
  rank: number;
  event: string;
  detail: string;
}

interface LedgerCaseRow {
  status: string;
  units_label: string | null;
  deadline_on: string;
}

export function ledgerExtract(db: Db, caseId: number): KindData['ledger-extract'] {
  const c = caseRow(db, caseId);
  const l = record<LedgerCaseRow>(db, 'SELECT status, units_label, deadline_on FROM cases WHERE id = ?', caseId);
  const steps: Step[] = [];
  const add = (date: string, rank: number, event: string, detail: string) =>
    steps.push({ date: str(date).slice(0, 10), rank, event, detail });
  for (const v of all<{ date: string; visit_no: string; head_count: number }>(
    db,
    'SELECT v.date, v.visit_no, v.head_count FROM case_visits cv JOIN visits v ON v.id = cv.visit_id WHERE cv.case_id = ? ORDER BY v.date, v.id',
    caseId,
  ))
    add(v.date, 0, '来访登记', `${str(v.visit_no)}，${Number(v.head_count)}人`);
  add(str(c.accepted_on), 1, '受理', `${str(c.case_no)}，包案领导${str(c.leader) || '未定'}`);
  for (const a of all<{ assigned_at: string; assignment_no: string; deadline_on: string; id: number }>(
    db,
    'SELECT id, assigned_at, assignment_no, deadline_on FROM assignments WHERE case_id = ? ORDER BY id',
    caseId,
  )) {
    const lead = str(
      value<string>(
        db,
        "SELECT u.name FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = ? AND au.role = 'lead'",
        a.id,
      ),
    );
    add(chinaDay(str(a.assigned_at)), 3, '交办', `${str(a.assignment_no)}交${lead}，限${str(a.deadline_on)}`);
    for (const r of all<{ signed_at: string; signed_by: string }>(
      db,
      'SELECT signed_at, signed_by FROM receipts WHERE assignment_id = ? ORDER BY id',
      a.id,
    ))
      add(chinaDay(str(r.signed_at)), 4, '签收', `${lead}${str(r.signed_by)}签收`);
  }
  for (const s of all<{ issued_at: string; supervision_no: string; answer_by: string }>(
    db,
    'SELECT issued_at, supervision_no, answer_by FROM supervisions WHERE case_id = ? ORDER BY issued_at, id',
    caseId,
  ))
    add(chinaDay(str(s.issued_at)), 5, '督办', `${str(s.supervision_no)}，限${str(s.answer_by)}答复`);
  for (const e of all<{ approved_on: string; days: number; new_deadline_on: string }>(
    db,
    'SELECT approved_on, days, new_deadline_on FROM extensions WHERE case_id = ? ORDER BY id',
    caseId,
  ))
    add(e.approved_on, 6, '延期', `延长${Number(e.days)}日至${str(e.new_deadline_on)}`);
  for (const cl of all<{ answer_date: string; outcome: string }>(
    db,
    'SELECT answer_date, outcome FROM closures WHERE case_id = ? ORDER BY id',
    caseId,
  ))
    add(cl.answer_date, 7, '办结答复', `处理意见：${labelOf(OUTCOME, str(cl.outcome))}`);
  for (const f of all<{ at: string; satisfaction: string }>(
    db,
    'SELECT at, satisfaction FROM follow_ups WHERE case_id = ? ORDER BY id',
    caseId,
  ))
    add(chinaDay(str(f.at)), 8, '回访', labelOf(SATISFACTION, str(f.satisfaction)));
  for (const r of all<{ signed_on: string }>(
    db,
    'SELECT signed_on FROM investigation_reports WHERE case_id = ? ORDER BY id',
    caseId,
  ))
    add(r.signed_on, 9, '查办报告', '包案领导签字');
  for (const r of all<ReviewRow>(db, 'SELECT * FROM reviews WHERE case_id = ? ORDER BY id', caseId)) {
    const w = r.kind === 'review' ? '复查' : '复核';
    add(r.requested_on, 10, `申请${w}`, str(r.body));
    if (r.decided_on) add(r.decided_on, 11, `${w}意见`, str(r.result));
  }
  steps.sort((a, b) => a.date.localeCompare(b.date) || a.rank - b.rank);
  return {
    caseNo: str(c.case_no),
    acceptedOn: str(c.accepted_on),
    petitioner: str(c.petitioner),
    category: str(c.category),
    locality: str(c.locality),
    summary: str(c.title),
    leader: str(c.leader),
    unit: str(l.units_label),
    deadline: str(l.deadline_on),
    status: labelOr(CASE_STATUS_LABELS, str(l.status)),
    events: steps.map(({ date, event, detail }) => ({ date, event, detail })),
    asOf: steps.at(-1)?.date ?? str(c.accepted_on),
  };
}
