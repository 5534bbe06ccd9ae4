import { HallError } from '../../../shared/contract';
import { chinaDay, chinaMinute } from '../../../shared/domain/calendar';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/domain/case-status';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import { daysLeft, isPastDeadline } from '../../../shared/domain/deadlines';
import {
  ANSWER_WAY,
  DISPOSITION,
  FORM,
  labelOf,
  labelOr,
  LEGAL_CHANNEL,
  OUTCOME,
  SATISFACTION,
  SESSION,
  SEX,
  SPEAKER,
  SUPERVISION_LEVEL,
  SUPERVISION_REASON,
} from '../../../shared/domain/labels';
import { maskName } from '../../../shared/domain/mask';
import { matterHeading } from '../../../shared/domain/text';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain/settings';
import { monthRange, weekRange } from '../../../shared/domain/stats';
import type { DocumentKind, KindData } from '../../../shared/documents/kinds';
import { DEADLINE_AS_OF, OVERDUE_AS_OF, RUNNING_AS_OF } from '../cases/deadline-sql';
import type { Db } from '../infra/db/connection';
import { all, one, value, values } from '../infra/db/sql';
import { periodReportData, recordDate } from './period-reports';
import * as papers from './case-papers';
import { caseRetention } from './folder';
import { materialsOf } from '../attachments/materials';

/**
 * Reads what each printed document shows, straight from the database. The same function
 * serves printing and verification, so "does this copy match the record" compares like with
 * like. Values printed on A4 archive slips are the full record; the ticket masks the name.
 */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The row a document is printed from, or NOT_FOUND. */
export function record<T>(db: Db, sql: string, ...params: unknown[]): T {
  const row = one<T>(db, sql, ...params);
  if (!row) throw new HallError('NOT_FOUND', '没有找到要打印的记录。');
  return row;
}

interface LeaderRow {
  name: string;
  post: string;
}

export function leaderOf(db: Db, id: number | null | undefined): LeaderRow | null {
  if (id === null || id === undefined) return null;
  return one<LeaderRow>(db, 'SELECT name, post FROM leaders WHERE id = ?', id) ?? null;
}

export function setting<K extends keyof Settings>(db: Db, key: K, fallback: Settings[K]): Settings[K] {
  const json = value<string>(db, 'SELECT value FROM settings WHERE key = ?', key);
  return json !== undefined ? (JSON.parse(json) as Settings[K]) : fallback;
}

export const office = (db: Db): string => setting(db, 'officeName', '');

interface AttachmentDataRow {
  mime: string;
  data: Buffer | null;
}

function attachmentDataUrl(db: Db, id: number | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const row = one<AttachmentDataRow>(db, 'SELECT mime, data FROM attachments WHERE id = ?', id);
  return row?.data ? `data:${row.mime};base64,${row.data.toString('base64')}` : null;
}

/** A visit with its category, locality and registrar by name. */
interface RegistrationRow {
  visit_no: string;
  date: string;
  arrived_at: string;
  matter_key: string | null;
  leader_id: number | null;
  head_count: number;
  demand: string;
  facts: string;
  earlier_handling: string;
  legal_channel: string;
  guidance: string | null;
  category: string | null;
  locality: string | null;
  registrar: string | null;
}

/** A petitioner of a visit; `is_representative` is the stored 0/1. */
interface VisitPersonRow {
  name: string;
  sex: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  workplace: string | null;
  is_representative: number;
}

/** An earlier visit on the same matter. */
interface EarlierVisitRow {
  date: string;
  leader: string | null;
  category: string | null;
}

function registration(db: Db, id: number): KindData['registration'] {
  const v = record<RegistrationRow>(
    db,
    `SELECT v.*, c.name AS category, l.name AS locality, a.display_name AS registrar FROM visits v
     LEFT JOIN categories c ON c.id = v.category_id LEFT JOIN localities l ON l.id = v.locality_id
     LEFT JOIN accounts a ON a.id = v.registrar_id WHERE v.id = ?`,
    id,
  );
  const people = all<VisitPersonRow>(
    db,
    `SELECT p.*, vp.is_representative FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id
     WHERE vp.visit_id = ? ORDER BY vp.is_primary DESC, p.id`,
    id,
  );
  const earlier = v.matter_key
    ? all<EarlierVisitRow>(
        db,
        `SELECT v.date, l.name AS leader, c.name AS category FROM visits v LEFT JOIN leaders l ON l.id = v.leader_id
         LEFT JOIN categories c ON c.id = v.category_id WHERE v.matter_key = ? AND v.id <> ? AND v.date <= ? ORDER BY v.date`,
        v.matter_key,
        id,
        v.date,
      )
    : [];
  const arrived = Number(chinaMinute(str(v.arrived_at)).slice(11, 13));
  return {
    visitNo: str(v.visit_no),
    date: str(v.date),
    session: arrived < 12 ? SESSION.morning : SESSION.afternoon,
    leader: leaderOf(db, v.leader_id),
    petitioners: people.map((p) => ({
      name: str(p.name),
      sex: labelOf(SEX, str(p.sex)),
      idNumber: str(p.id_number),
      phone: str(p.phone),
      address: str(p.address || p.workplace),
    })),
    headCount: Number(v.head_count),
    representatives: people.filter((p) => p.is_representative === 1).map((p) => str(p.name)),
    repeat: {
      count: earlier.length,
      earlier: earlier.map((e) => ({ date: str(e.date), leader: str(e.leader), matter: str(e.category) })),
    },
    locality: str(v.locality),
    category: str(v.category),
    demand: str(v.demand),
    facts: str(v.facts),
    earlierHandling: str(v.earlier_handling),
    legalChannel: labelOf(LEGAL_CHANNEL, str(v.legal_channel)) + (v.guidance ? ` ${str(v.guidance)}` : ''),
    attachments: values<string>(
      db,
      "SELECT name FROM attachments WHERE owner_type = 'visit' AND owner_id = ? AND kind <> 'signature' ORDER BY id",
      id,
    ).map((name) => str(name)),
    registrar: str(v.registrar),
    petitionerSignature: attachmentDataUrl(
      db,
      value<number>(
        db,
        "SELECT id FROM attachments WHERE owner_type = 'visit' AND owner_id = ? AND kind = 'signature' ORDER BY id DESC LIMIT 1",
        id,
      ),
    ),
  };
}

/** What the guidance notice shows of a visit. */
interface GuidanceVisitRow {
  visit_no: string;
  date: string;
  demand: string;
  legal_channel: string;
}

function guidance(db: Db, id: number): KindData['guidance'] {
  const v = record<GuidanceVisitRow>(db, 'SELECT * FROM visits WHERE id = ?', id);
  if (v.legal_channel === 'none') throw new HallError('RULE_VIOLATION', '该来访已受理，不需要不予受理告知书。');
  const names = values<string>(
    db,
    'SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ? ORDER BY vp.is_primary DESC, p.id',
    id,
  ).map((name) => str(name));
  return {
    petitioner: names.join('、'),
    visitNo: str(v.visit_no),
    date: str(v.date),
    demand: str(v.demand),
    channel: labelOf(LEGAL_CHANNEL, str(v.legal_channel)),
    office: office(db),
  };
}

/** An interview with its clerk by name. */
interface InterviewRow {
  visit_id: number;
  leader_id: number | null;
  place: string;
  started_at: string;
  ended_at: string | null;
  opinion: string;
  disposition: string | null;
  petitioner_response: string;
  signature_id: number | null;
  clerk: string | null;
}

interface ParticipantRow {
  kind: string;
  name: string;
}

interface TurnRow {
  speaker: string;
  speaker_name: string;
  text: string;
}

const OTHER_KINDS: Record<string, string> = { lawyer: '律师', deputy: '代表委员', other: '其他' };

function interview(db: Db, id: number): KindData['interview'] {
  const i = record<InterviewRow>(
    db,
    'SELECT i.*, a.display_name AS clerk FROM interviews i LEFT JOIN accounts a ON a.id = i.clerk_id WHERE i.id = ?',
    id,
  );
  const parts = all<ParticipantRow>(
    db,
    // A row without a name is a draft in the record being typed, not a participant.
    "SELECT kind, name FROM interview_participants WHERE interview_id = ? AND trim(name) <> '' ORDER BY id",
    id,
  );
  const petitioners = values<string>(
    db,
    'SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ? ORDER BY vp.is_primary DESC, p.id',
    i.visit_id,
  ).map((name) => str(name));
  const leader = leaderOf(db, i.leader_id);
  const named = (kind: string) => parts.filter((p) => p.kind === kind).map((p) => str(p.name));
  // 记录人 is the clerk entered among the participants; the account that opened the record only when none was.
  const clerks = named('clerk');
  const others = parts.filter((p) => p.kind in OTHER_KINDS);
  // Who spoke, by name as entered: a typed speaker name first, else the one person in that role.
  const byRole: Record<string, string[]> = {
    leader: named('leader').length ? named('leader') : leader ? [leader.name] : [],
    petitioner: petitioners.slice(0, 1),
    unit: named('unit'),
    clerk: clerks.length ? clerks : i.clerk ? [str(i.clerk)] : [],
    other: others.map((p) => str(p.name)),
  };
  const speakerOf = (t: TurnRow): string => {
    const role = labelOf(SPEAKER, str(t.speaker));
    const candidates = byRole[str(t.speaker)] ?? [];
    const name = str(t.speaker_name).trim() || (candidates.length === 1 ? candidates[0]! : '');
    return name && name !== role ? `${name}（${role}）` : role;
  };
  return {
    draft: i.ended_at === null,
    place: str(i.place),
    startedAt: str(i.started_at),
    endedAt: i.ended_at ? str(i.ended_at) : null,
    leader,
    clerk: clerks.length ? clerks.join('、') : str(i.clerk),
    units: named('unit'),
    others: others.map((p) => `${str(p.name)}（${OTHER_KINDS[p.kind]}）`),
    petitioners,
    turns: all<TurnRow>(
      db,
      'SELECT speaker, speaker_name, text FROM interview_turns WHERE interview_id = ? ORDER BY seq',
      id,
    ).map((t) => ({ speaker: speakerOf(t), text: str(t.text) })),
    opinion: str(i.opinion),
    disposition: labelOf(DISPOSITION, str(i.disposition)),
    response: str(i.petitioner_response),
    signatures: { petitioner: attachmentDataUrl(db, i.signature_id), clerk: null, leader: null },
  };
}

/** A case with its petitioner, category, locality and owning leader by name; `final` is the stored 0/1. */
export interface CaseRow {
  case_no: string;
  title: string;
  demand: string;
  accepted_on: string;
  deadline_on: string;
  final: number;
  petitioner: string;
  phone: string | null;
  address: string | null;
  category: string | null;
  locality: string | null;
  leader: string | null;
}

export function caseRow(db: Db, id: number): CaseRow {
  return record<CaseRow>(
    db,
    `SELECT c.*, p.name AS petitioner, p.phone, p.address, cat.name AS category, loc.name AS locality, l.name AS leader
     FROM cases c JOIN petitioners p ON p.id = c.petitioner_id LEFT JOIN categories cat ON cat.id = c.category_id
     LEFT JOIN localities loc ON loc.id = c.locality_id LEFT JOIN leaders l ON l.id = c.owning_leader_id WHERE c.id = ?`,
    id,
  );
}

interface AssignmentUnitRow {
  name: string;
  role: string;
}

export function unitsOf(db: Db, assignmentId: number): { lead: string; assist: string[] } {
  const units = all<AssignmentUnitRow>(
    db,
    'SELECT u.name, au.role FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = ? ORDER BY au.role DESC, u.name',
    assignmentId,
  );
  return {
    lead: units
      .filter((u) => u.role === 'lead')
      .map((u) => str(u.name))
      .join('、'),
    assist: units.filter((u) => u.role === 'assist').map((u) => str(u.name)),
  };
}

interface AssignmentRow {
  case_id: number;
  assignment_no: string;
  instruction: string;
  report_requirements: string;
  deadline_on: string;
  assigned_at: string;
}

interface ReceiptRow {
  signed_by: string;
  signed_at: string;
}

function assignment(db: Db, id: number): KindData['assignment'] {
  const a = record<AssignmentRow>(db, 'SELECT * FROM assignments WHERE id = ?', id);
  const c = caseRow(db, a.case_id);
  const units = unitsOf(db, id);
  const receipt = one<ReceiptRow>(
    db,
    'SELECT signed_by, signed_at FROM receipts WHERE assignment_id = ? ORDER BY id LIMIT 1',
    id,
  );
  return {
    assignmentNo: str(a.assignment_no),
    date: chinaDay(str(a.assigned_at)),
    petitioner: { name: str(c.petitioner), phone: str(c.phone), address: str(c.address) },
    summary: str(c.title),
    demand: str(c.demand),
    instruction: str(a.instruction),
    leader: str(c.leader),
    leadUnit: units.lead,
    assistingUnits: units.assist,
    deadline: str(a.deadline_on),
    deadlineNote: `受理日期 ${str(c.accepted_on)}，案件办理期限 ${str(c.deadline_on)}`,
    reportRequirements: str(a.report_requirements),
    office: office(db),
    receipt: receipt ? { signedBy: str(receipt.signed_by), signedAt: str(receipt.signed_at) } : null,
  };
}

/** A supervision with its assignment's number. */
interface SupervisionRow {
  case_id: number;
  assignment_id: number | null;
  supervision_no: string;
  reason: string;
  level: string;
  requirements: string;
  answer_by: string;
  issued_at: string;
  receipt_signed_by: string | null;
  receipt_at: string | null;
  assignment_no: string | null;
}

function supervision(db: Db, id: number): KindData['supervision'] {
  const s = record<SupervisionRow>(
    db,
    'SELECT s.*, a.assignment_no FROM supervisions s LEFT JOIN assignments a ON a.id = s.assignment_id WHERE s.id = ?',
    id,
  );
  const c = caseRow(db, s.case_id);
  return {
    supervisionNo: str(s.supervision_no),
    assignmentNo: str(s.assignment_no),
    caseTitle: matterHeading(str(c.petitioner), str(c.title)),
    unit: s.assignment_id ? unitsOf(db, s.assignment_id).lead : '',
    reason: labelOf(SUPERVISION_REASON, str(s.reason)),
    level: labelOf(SUPERVISION_LEVEL, str(s.level)),
    requirements: str(s.requirements),
    answerBy: str(s.answer_by),
    issuedAt: str(s.issued_at),
    office: office(db),
    receipt: s.receipt_signed_by ? { signedBy: str(s.receipt_signed_by), signedAt: str(s.receipt_at) } : null,
  };
}

interface ExtensionRow {
  case_id: number;
  days: number;
  reason: string;
  approver: string;
  approved_on: string;
  previous_deadline_on: string;
  new_deadline_on: string;
}

function extension(db: Db, id: number): KindData['extension'] {
  const e = record<ExtensionRow>(db, 'SELECT * FROM extensions WHERE id = ?', id);
  const c = caseRow(db, e.case_id);
  return {
    petitioner: str(c.petitioner),
    caseNo: str(c.case_no),
    caseTitle: str(c.title),
    acceptedOn: str(c.accepted_on),
    previousDeadline: str(e.previous_deadline_on),
    newDeadline: str(e.new_deadline_on),
    days: Number(e.days),
    reason: str(e.reason),
    approver: str(e.approver),
    approvedOn: str(e.approved_on),
    office: office(db),
  };
}

/** A closure with its unit by name; `stopped` is the stored 0/1. */
interface ClosureRow {
  findings: string;
  outcome: string;
  basis: string;
  answer_date: string;
  answer_way: string;
  satisfaction: string;
  stopped: number;
  office_review: string;
  unit: string | null;
}

function closure(db: Db, caseId: number): KindData['closure'] {
  const c = caseRow(db, caseId);
  const cl = one<ClosureRow>(
    db,
    'SELECT cl.*, u.name AS unit FROM closures cl LEFT JOIN units u ON u.id = cl.unit_id WHERE cl.case_id = ? ORDER BY cl.id DESC LIMIT 1',
    caseId,
  );
  if (!cl) throw new HallError('NOT_FOUND', `案件 ${str(c.case_no)} 尚未办结，没有办结单。`);
  const assignmentNo = value<string>(
    db,
    'SELECT assignment_no FROM assignments WHERE case_id = ? ORDER BY id LIMIT 1',
    caseId,
  );
  return {
    assignmentNo: str(assignmentNo),
    caseTitle: matterHeading(str(c.petitioner), str(c.title)),
    unit: str(cl.unit),
    findings: str(cl.findings),
    outcome: labelOf(OUTCOME, str(cl.outcome)),
    basis: str(cl.basis),
    answerDate: str(cl.answer_date),
    answerWay: labelOf(ANSWER_WAY, str(cl.answer_way)),
    satisfaction: labelOf(SATISFACTION, str(cl.satisfaction)),
    stopped: cl.stopped === 1,
    officeReview: str(cl.office_review),
    owningLeader: str(c.leader),
  };
}

/** A letter of responsibility with its unit by name. */
interface ResponsibilityRow {
  case_id: number;
  leader_id: number;
  responsible_person: string;
  goal: string;
  measures: string;
  deadline_on: string;
  signed_on: string | null;
  unit: string | null;
}

function responsibility(db: Db, id: number): KindData['responsibility'] {
  const r = record<ResponsibilityRow>(
    db,
    'SELECT r.*, u.name AS unit FROM responsibilities r LEFT JOIN units u ON u.id = r.unit_id WHERE r.id = ?',
    id,
  );
  const c = caseRow(db, r.case_id);
  return {
    caseNo: str(c.case_no),
    caseTitle: matterHeading(str(c.petitioner), str(c.title)),
    petitioner: str(c.petitioner),
    leader: leaderOf(db, r.leader_id) ?? { name: '', post: '' },
    unit: str(r.unit),
    responsiblePerson: str(r.responsible_person),
    goal: str(r.goal),
    measures: str(r.measures),
    deadline: str(r.deadline_on),
    signedOn: r.signed_on ? str(r.signed_on) : null,
  };
}

/** An appointment with the petitioner's name and address. */
interface AppointmentRow {
  leader_id: number;
  at: string;
  place: string;
  purpose: string;
  petitioner_notified_on: string | null;
  leader_notified_on: string | null;
  booked_at: string | null;
  petitioner: string;
  address: string | null;
}

function appointment(db: Db, id: number): KindData['appointment'] {
  const a = record<AppointmentRow>(
    db,
    'SELECT a.*, p.name AS petitioner, p.address FROM appointments a JOIN petitioners p ON p.id = a.petitioner_id WHERE a.id = ?',
    id,
  );
  return {
    petitioner: str(a.petitioner),
    address: str(a.address),
    leader: leaderOf(db, a.leader_id) ?? { name: '', post: '' },
    at: str(a.at),
    place: str(a.place),
    purpose: str(a.purpose),
    office: office(db),
    // Issued when the petitioner is told, else the day it was booked (appointments from before
    // booked_at was kept: the day the leader was told): never the day of the meeting itself.
    issuedOn:
      str(a.petitioner_notified_on) ||
      (a.booked_at ? chinaDay(a.booked_at) : '') ||
      str(a.leader_notified_on) ||
      chinaDay(str(a.at)),
    contactPhone: setting(db, 'officePhone', ''),
  };
}

/** The notice of what is on duty from `from` to `to`, leaving out absent leaders and naming substitutes. */
/** A leader on duty in a slot, with the room and the leader they stand in for by name. */
interface DutyRow {
  date: string;
  start_time: string;
  end_time: string;
  form: string;
  place: string | null;
  room: string | null;
  name: string;
  post: string;
  portfolio: string;
  replaced: string | null;
}

function noticeOf(db: Db, from: string, to: string, period: string, today: string): KindData['notice'] {
  const rows = all<DutyRow>(
    db,
    `SELECT s.date, s.start_time, s.end_time, s.form, s.place, r.name AS room, l.name, l.post, l.portfolio, sub.name AS replaced
     FROM duty_slots s JOIN duty_slot_leaders dl ON dl.slot_id = s.id JOIN leaders l ON l.id = dl.leader_id
     LEFT JOIN leaders sub ON sub.id = dl.substitute_for_id LEFT JOIN rooms r ON r.id = s.room_id
     WHERE s.date BETWEEN ? AND ? AND s.cancelled = 0
       AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.slot_id = s.id AND a.leader_id = dl.leader_id)
     ORDER BY s.date, s.start_time, dl.id`,
    from,
    to,
  );
  return {
    period,
    slots: rows.map((r) => ({
      date: str(r.date),
      time: `${str(r.start_time)}-${str(r.end_time)}`,
      leader: str(r.name),
      post: str(r.post),
      portfolio: str(r.portfolio),
      place: str(r.place || r.room),
      form: labelOf(FORM, str(r.form)),
      note: r.replaced ? `代${str(r.replaced)}` : '',
    })),
    publishedOn: today,
    contact: setting(db, 'officePhone', ''),
  };
}

/** The week (Monday to Sunday) holding `date`. */
export function weekNoticeOf(db: Db, date: string, today: string): KindData['notice'] {
  const { from: monday, to: sunday } = weekRange(date);
  return noticeOf(
    db,
    monday,
    sunday,
    `${monday.slice(0, 4)}年${Number(monday.slice(5, 7))}月${Number(monday.slice(8))}日至${Number(sunday.slice(5, 7))}月${Number(sunday.slice(8))}日`,
    today,
  );
}

interface SlotDateRow {
  date: string;
}

/** The week (Monday to Sunday) that holds duty slot `slotId`. */
function weekNotice(db: Db, slotId: number, today: string): KindData['notice'] {
  return weekNoticeOf(db, str(record<SlotDateRow>(db, 'SELECT date FROM duty_slots WHERE id = ?', slotId).date), today);
}

/** A whole month (YYYYMM). */
function monthNotice(db: Db, yyyymm: number, today: string): KindData['notice'] {
  const y = Math.floor(yyyymm / 100);
  const m = yyyymm % 100;
  if (y < 2000 || m < 1 || m > 12) throw new HallError('BAD_INPUT', '月份应写成 YYYYMM，例如 202611。');
  const { from, to } = monthRange(`${y}-${String(m).padStart(2, '0')}`)!;
  return noticeOf(db, from, to, `${y}年${m}月`, today);
}

/** A line of the yearly ledger. */
interface LedgerLineRow {
  case_no: string;
  accepted_on: string;
  title: string;
  deadline_on: string;
  status: string;
  petitioner: string;
  category: string | null;
  locality: string | null;
  leader: string | null;
  unit: string | null;
}

function ledgerOf(db: Db, year: number): KindData['ledger'] {
  const rows = all<LedgerLineRow>(
    db,
    `SELECT c.case_no, c.accepted_on, c.title, c.deadline_on, c.status, p.name AS petitioner, cat.name AS category, loc.name AS locality, l.name AS leader,
       (SELECT u.name FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead' JOIN units u ON u.id = au.unit_id
        WHERE a.case_id = c.id ORDER BY a.id LIMIT 1) AS unit
     FROM cases c JOIN petitioners p ON p.id = c.petitioner_id LEFT JOIN categories cat ON cat.id = c.category_id
     LEFT JOIN localities loc ON loc.id = c.locality_id LEFT JOIN leaders l ON l.id = c.owning_leader_id
     WHERE c.accepted_on BETWEEN ? AND ? ORDER BY c.accepted_on, c.id`,
    `${year}-01-01`,
    `${year}-12-31`,
  );
  return {
    title: `${year}年信访事项台账`,
    filter: `受理日期 ${year}-01-01 至 ${year}-12-31　全部状态`,
    rows: rows.map((r) => ({
      caseNo: str(r.case_no),
      acceptedOn: str(r.accepted_on),
      petitioner: maskName(str(r.petitioner)),
      category: str(r.category),
      locality: str(r.locality),
      summary: str(r.title),
      leader: str(r.leader),
      unit: str(r.unit),
      deadline: str(r.deadline_on),
      status: labelOr(CASE_STATUS_LABELS, str(r.status)),
    })),
  };
}

/** An open case of the leader's, with its last supervision and receipt. */
interface QuarterCaseRow {
  id: number;
  case_no: string;
  accepted_on: string;
  title: string;
  status: string;
  deadline_on: string;
  name: string;
  unit: string | null;
  last_supervised: string | null;
  last_level: string | null;
  supervisions: number;
  received: string | null;
}

/**
 * The owning leader's quarterly account of the cases they own that are not settled (seed 001).
 * Its figures are counted over one set of cases on one day (asOf: the quarter's end, or today
 * while it runs) with the one rule of 办理期限 and overdue (cases/deadline-sql.ts): 包案 =
 * 已办结 + 未办结, and 其中超过办理期限 is a part of 未办结; the table lists exactly 未办结.
 */
function quarterlyOf(db: Db, record: number, today: string): KindData['quarterly'] {
  const q = parseQuarterRecord(record);
  if (!q) throw new HallError('BAD_INPUT', '季度报告的编号应为 领导编号×100000＋年×10＋季度，例如 320264。');
  const leader = leaderOf(db, q.leaderId);
  if (!leader) throw new HallError('NOT_FOUND', '没有这位领导。');
  const asOf = today < q.to ? today : q.to;
  const params = { leader: q.leaderId, from: q.from, to: q.to, asOf };
  const n = (sql: string) => Number(value<number>(db, sql, params));
  const rows = all<QuarterCaseRow>(
    db,
    `SELECT c.id, c.case_no, c.accepted_on, c.title, c.status, ${DEADLINE_AS_OF} AS deadline_on, p.name, u.name AS unit, ls.issued_at AS last_supervised, ls.level AS last_level,
       (SELECT count(*) FROM supervisions s WHERE s.case_id = c.id AND date(s.issued_at, '+8 hours') <= @asOf) AS supervisions,
       (SELECT r.signed_at FROM receipts r JOIN assignments a ON a.id = r.assignment_id WHERE a.case_id = c.id AND date(r.signed_at, '+8 hours') <= @asOf ORDER BY r.id DESC LIMIT 1) AS received
     FROM cases c JOIN petitioners p ON p.id = c.petitioner_id LEFT JOIN units u ON u.id = c.lead_unit_id
       LEFT JOIN supervisions ls ON ls.id = (SELECT max(s.id) FROM supervisions s WHERE s.case_id = c.id AND date(s.issued_at, '+8 hours') <= @asOf)
     WHERE c.owning_leader_id = @leader AND ${RUNNING_AS_OF} ORDER BY deadline_on, c.id`,
    params,
  );
  const openRows = rows.map((r) => {
    const status = str(r.status) as CaseStatus;
    const progress = [
      r.received ? `${chinaDay(str(r.received))}责任单位签收` : status === 'accepted' ? '待交办' : '责任单位未签收',
      Number(r.supervisions)
        ? `督办${Number(r.supervisions)}次（最近${chinaDay(str(r.last_supervised))}，${labelOf(SUPERVISION_LEVEL, str(r.last_level))}）`
        : '',
    ]
      .filter(Boolean)
      .join('；');
    return {
      caseNo: str(r.case_no),
      acceptedOn: str(r.accepted_on),
      petitioner: maskName(str(r.name)),
      title: str(r.title),
      unit: str(r.unit),
      deadline: str(r.deadline_on),
      status: labelOr(CASE_STATUS_LABELS, status),
      overdueDays: isPastDeadline(str(r.deadline_on), asOf) ? -daysLeft(str(r.deadline_on), asOf) : 0,
      progress,
    };
  });
  const owned = n('SELECT count(*) AS n FROM cases c WHERE c.owning_leader_id = @leader AND c.accepted_on <= @asOf');
  const overdue = n(`SELECT count(*) AS n FROM cases c WHERE c.owning_leader_id = @leader AND ${OVERDUE_AS_OF}`);
  return {
    leader,
    year: q.year,
    quarter: q.quarter,
    asOf,
    figures: [
      { label: '包案信访事项', value: String(owned) },
      { label: '其中已办结', value: String(owned - openRows.length) },
      { label: '未办结', value: String(openRows.length) },
      { label: '其中超过办理期限', value: String(overdue) },
      {
        label: '本季度新增',
        value: String(
          n('SELECT count(*) AS n FROM cases WHERE owning_leader_id = @leader AND accepted_on BETWEEN @from AND @asOf'),
        ),
      },
      {
        label: '本季度督办',
        value: String(
          n(
            "SELECT count(*) AS n FROM supervisions s JOIN cases c ON c.id = s.case_id WHERE c.owning_leader_id = @leader AND date(s.issued_at, '+8 hours') BETWEEN @from AND @asOf",
          ),
        ),
      },
    ],
    open: openRows,
  };
}

interface DayLeaderRow {
  name: string;
  visits: number;
  people: number | null;
}

interface DayCategoryRow {
  name: string;
  visits: number;
}

function daySummaryOf(db: Db, yyyymmdd: number, ctx: LoadContext): KindData['day-summary'] {
  const s = String(yyyymmdd);
  const date = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  if (!/^\d{8}$/.test(s) || Number.isNaN(Date.parse(date)))
    throw new HallError('BAD_INPUT', '日期应写成 YYYYMMDD，例如 20261123。');
  const n = (sql: string, ...more: unknown[]) => Number(value<number | null>(db, sql, date, ...more) ?? 0);
  return {
    date,
    figures: [
      { label: '来访批次', value: String(n('SELECT count(*) AS n FROM visits WHERE date = ?')) },
      { label: '来访人次', value: String(n('SELECT sum(head_count) AS n FROM visits WHERE date = ?')) },
      // A group visit has more people than may be representatives, as at registration and in 统计.
      {
        label: '集体访',
        value: String(
          n(
            'SELECT count(*) AS n FROM visits WHERE date = ? AND head_count > ?',
            setting(db, 'maxRepresentatives', DEFAULT_SETTINGS.maxRepresentatives),
          ),
        ),
      },
      { label: '重复访', value: String(n('SELECT count(*) AS n FROM visits WHERE date = ? AND repeat_count > 0')) },
      {
        label: '引导至法定途径',
        value: String(n("SELECT count(*) AS n FROM visits WHERE date = ? AND legal_channel <> 'none'")),
      },
      {
        label: '未接待（改约）',
        value: String(
          n("SELECT count(*) AS n FROM visits WHERE date = ? AND status IN ('left', 'queued', 'registered')"),
        ),
      },
    ],
    byLeader: all<DayLeaderRow>(
      db,
      'SELECT l.name, count(*) AS visits, sum(v.head_count) AS people FROM visits v JOIN leaders l ON l.id = v.leader_id WHERE v.date = ? GROUP BY l.id ORDER BY visits DESC',
      date,
    ).map((r) => ({
      name: str(r.name),
      visits: Number(r.visits),
      people: Number(r.people),
    })),
    byCategory: all<DayCategoryRow>(
      db,
      'SELECT c.name, count(*) AS visits FROM visits v JOIN categories c ON c.id = v.category_id WHERE v.date = ? GROUP BY c.id ORDER BY visits DESC',
      date,
    ).map((r) => ({ name: str(r.name), visits: Number(r.visits) })),
    preparedBy: ctx.actorName,
    auditHead: ctx.auditHead ?? '（未封存）',
  };
}

/** A ticket with its leader, room and petitioner by name. */
interface TicketRow {
  code: string;
  date: string;
  leader_id: number | null;
  position: number;
  created_at: string;
  leader: string | null;
  post: string | null;
  room: string | null;
  petitioner: string | null;
}

function ticket(db: Db, id: number): KindData['ticket'] {
  const t = record<TicketRow>(
    db,
    `SELECT t.*, l.name AS leader, l.post, r.name AS room,
       (SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = t.visit_id ORDER BY vp.is_primary DESC LIMIT 1) AS petitioner
     FROM tickets t LEFT JOIN leaders l ON l.id = t.leader_id LEFT JOIN rooms r ON r.id = t.room_id WHERE t.id = ?`,
    id,
  );
  const ahead = Number(
    value<number>(
      db,
      "SELECT count(*) AS n FROM tickets WHERE date = ? AND leader_id IS ? AND status = 'waiting' AND position < ?",
      t.date,
      t.leader_id,
      t.position,
    ),
  );
  return {
    code: str(t.code),
    maskedName: maskName(str(t.petitioner)),
    leader: `${str(t.leader)} ${str(t.post)}`.trim(),
    room: str(t.room),
    issuedAt: chinaMinute(str(t.created_at)),
    ahead,
    waitMinutes: ahead * 15,
  };
}

export interface LoadContext {
  today: string;
  actorName: string;
  /** The audit chain's sealed head as printed on the day summary (headFingerprint). */
  auditHead?: string;
}

/**
 * Fields that change at print time, not with the record: left out of the content hash, and
 * taken new when an unchanged record's frozen copy is printed again. Everything else is what
 * the paper says and is hashed: a report's figures and tables too.
 */
export const VOLATILE: Partial<Record<DocumentKind, string[]>> = {
  notice: ['publishedOn'],
  'notice-month': ['publishedOn'],
  'monthly-report': ['preparedOn', 'preparedBy'],
  'weekly-report': ['preparedOn', 'preparedBy'],
  'daily-report': ['preparedOn', 'preparedBy'],
  // 截至: the day of printing; the figures and the open cases as of then are the content.
  quarterly: ['asOf'],
  // The head moves with every write (this print's audit entry too): shown, not part of the content.
  'day-summary': ['preparedBy', 'auditHead'],
  ticket: ['ahead', 'waitMinutes'],
};

export function loadRecord<K extends Exclude<DocumentKind, 'folder'>>(
  db: Db,
  kind: K,
  id: number,
  ctx: LoadContext,
): KindData[K] {
  const loaders: { [P in Exclude<DocumentKind, 'folder'>]: () => KindData[P] } = {
    registration: () => registration(db, id),
    interview: () => interview(db, id),
    assignment: () => assignment(db, id),
    supervision: () => supervision(db, id),
    extension: () => extension(db, id),
    closure: () => closure(db, id),
    responsibility: () => responsibility(db, id),
    appointment: () => appointment(db, id),
    notice: () => weekNotice(db, id, ctx.today),
    'notice-month': () => monthNotice(db, id, ctx.today),
    ledger: () => ledgerOf(db, id),
    'monthly-report': () => periodReportData(db, 'monthly', recordDate('monthly', id), ctx.today, ctx.actorName),
    'weekly-report': () => periodReportData(db, 'weekly', recordDate('weekly', id), ctx.today, ctx.actorName),
    'daily-report': () => periodReportData(db, 'daily', recordDate('daily', id), ctx.today, ctx.actorName),
    quarterly: () => quarterlyOf(db, id, ctx.today),
    ticket: () => ticket(db, id),
    guidance: () => guidance(db, id),
    'day-summary': () => daySummaryOf(db, id, ctx),
    acceptance: () => papers.acceptance(db, id),
    'transfer-notice': () => papers.transferNotice(db, id),
    'final-notice': () => papers.finalNotice(db, id),
    answer: () => papers.answer(db, id),
    'follow-up': () => papers.followUp(db, id),
    'review-request': () => papers.reviewRequest(db, id),
    'review-opinion': () => papers.reviewOpinion(db, id),
    investigation: () => papers.investigation(db, id),
    'ledger-extract': () => papers.ledgerExtract(db, id),
  };
  return loaders[kind]() as KindData[K];
}

export function folderCover(
  db: Db,
  caseId: number,
): Omit<KindData['folder'], 'parts' | 'archivist' | 'archivedOn' | 'archiveNo' | 'retentionBasis' | 'notes'> {
  const c = caseRow(db, caseId);
  const answerDate = value<string>(
    db,
    'SELECT answer_date FROM closures WHERE case_id = ? ORDER BY id DESC LIMIT 1',
    caseId,
  );
  const materials = materialsOf(db, 'case', caseId).map((m) => ({
    title: m.title,
    pages: m.pages,
    addedAt: m.createdAt,
    addedBy: m.createdBy,
  }));
  return {
    caseNo: str(c.case_no),
    caseTitle: matterHeading(str(c.petitioner), str(c.title)),
    petitioner: str(c.petitioner),
    category: str(c.category),
    locality: str(c.locality),
    owningLeader: str(c.leader),
    acceptedOn: str(c.accepted_on),
    closedOn: answerDate !== undefined ? str(answerDate) : null,
    retention: caseRetention(db, caseId).period,
    // Only a folder with 材料 carries the list, so copies printed before 材料 existed keep their hash.
    ...(materials.length > 0 ? { materials } : {}),
  };
}
