import { chinaDay } from '../../../shared/domain/calendar';
import {
  formatArchiveNo,
  RETENTION_FACT_LABELS,
  RETENTION_FACTS,
  retentionOf,
  type CaseFacts,
  type RetentionPeriod,
  type RetentionRule,
} from '../../../shared/domain/archive';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { DocumentKind } from '../../../shared/documents/kinds';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import { nextNumber } from '../infra/numbering';
import { caseRow, office, setting, str } from './loaders';

/** A kind a folder holds (everything but the folder itself). */
export type PartKind = Exclude<DocumentKind, 'folder'>;

export interface FolderItem {
  kind: PartKind;
  id: number;
  /** The China day the document is dated. */
  date: string;
  responsible: string;
  /** The title in the contents when it says more than the kind's label (复查 or 复核). */
  title?: string;
}

/**
 * The order of documents dated the same day, as the procedure runs: a visit is registered and
 * heard before the case is accepted, assigned before it is received, answered before the answer
 * is followed up; the 台账 extract closes the folder.
 */
const STEP: Record<PartKind, number> = {
  registration: 0,
  interview: 1,
  guidance: 2,
  acceptance: 3,
  'transfer-notice': 3,
  'final-notice': 3,
  responsibility: 4,
  appointment: 5,
  assignment: 6,
  supervision: 7,
  extension: 8,
  closure: 9,
  answer: 10,
  'follow-up': 11,
  investigation: 12,
  'review-request': 13,
  'review-opinion': 14,
  'ledger-extract': 99,
  // Not filed in a case folder.
  notice: 100,
  'notice-month': 100,
  ledger: 100,
  'monthly-report': 100,
  'weekly-report': 100,
  'daily-report': 100,
  quarterly: 100,
  'day-summary': 100,
  ticket: 100,
};

type Row<K extends string> = { id: number } & Record<K, string>;

/**
 * Every document of a case, in date order (same day: in the order of the procedure, then as
 * recorded): 登记单 and 接谈记录 of each visit, 受理告知书 (or 不予受理告知书), 责任书, 约访通知书,
 * 交办单 with its receipt, 督办单, 延期告知书, 办结单 with the written answer, 回访记录, 查办报告,
 * 复查/复核 requests and opinions, and the 台账 extract.
 */
export function folderContents(db: Db, caseId: number): FolderItem[] {
  const c = caseRow(db, caseId);
  const hall = office(db);
  const items: (FolderItem & { instant: string })[] = [];
  const add = (kind: PartKind, id: number, when: string, responsible: string, title?: string) =>
    items.push({
      kind,
      id: Number(id),
      // Instants are stored in UTC: the paper is dated by the China day.
      date: when.length > 10 ? chinaDay(when) : when,
      instant: when,
      responsible,
      ...(title ? { title } : {}),
    });
  for (const v of all<Row<'date' | 'legal_channel'>>(
    db,
    'SELECT v.id, v.date, v.legal_channel FROM case_visits cv JOIN visits v ON v.id = cv.visit_id WHERE cv.case_id = ?',
    caseId,
  )) {
    add('registration', v.id, str(v.date), hall);
    if (v.legal_channel !== 'none') add('guidance', v.id, str(v.date), hall);
    for (const i of all<Row<'started_at'>>(db, 'SELECT id, started_at FROM interviews WHERE visit_id = ?', v.id))
      add('interview', i.id, str(i.started_at), hall);
  }
  add('acceptance', caseId, str(c.accepted_on), hall);
  // 不再受理: a later visit on the matter, refused as final, is filed with the final case.
  for (const d of all<Row<'decided_on'>>(
    db,
    "SELECT id, decided_on FROM acceptance_decisions WHERE case_id = ? AND decision = 'final'",
    caseId,
  ))
    add('final-notice', d.id, str(d.decided_on), hall);
  for (const r of all<Row<'signed_on'>>(db, 'SELECT id, signed_on FROM responsibilities WHERE case_id = ?', caseId))
    add('responsibility', r.id, str(r.signed_on) || str(c.accepted_on), str(c.leader));
  for (const a of all<Row<'at' | 'notified'>>(
    db,
    'SELECT id, at, petitioner_notified_on AS notified FROM appointments WHERE case_id = ?',
    caseId,
  ))
    add('appointment', a.id, str(a.notified) || str(a.at), hall);
  for (const a of all<Row<'assigned_at'>>(db, 'SELECT id, assigned_at FROM assignments WHERE case_id = ?', caseId))
    add('assignment', a.id, str(a.assigned_at), hall);
  for (const s of all<Row<'issued_at'>>(db, 'SELECT id, issued_at FROM supervisions WHERE case_id = ?', caseId))
    add('supervision', s.id, str(s.issued_at), hall);
  for (const e of all<Row<'approved_on'>>(db, 'SELECT id, approved_on FROM extensions WHERE case_id = ?', caseId))
    add('extension', e.id, str(e.approved_on), hall);
  const closures = all<Row<'closed_at' | 'answer_date' | 'unit'>>(
    db,
    'SELECT cl.id, cl.closed_at, cl.answer_date, u.name AS unit FROM closures cl LEFT JOIN units u ON u.id = cl.unit_id WHERE cl.case_id = ? ORDER BY cl.id',
    caseId,
  );
  // The 办结单 prints the case's latest closure; each closure's answer is filed.
  const last = closures.at(-1);
  if (last) add('closure', caseId, str(last.closed_at), str(last.unit) || hall);
  for (const cl of closures) add('answer', cl.id, str(cl.answer_date), str(cl.unit) || hall);
  for (const f of all<Row<'at'>>(db, 'SELECT id, at FROM follow_ups WHERE case_id = ?', caseId))
    add('follow-up', f.id, str(f.at), hall);
  for (const r of all<Row<'signed_on'>>(
    db,
    'SELECT id, signed_on FROM investigation_reports WHERE case_id = ?',
    caseId,
  ))
    add('investigation', r.id, str(r.signed_on), str(c.leader));
  for (const r of all<Row<'kind' | 'requested_on' | 'decided_on' | 'body'>>(
    db,
    'SELECT id, kind, requested_on, decided_on, body FROM reviews WHERE case_id = ?',
    caseId,
  )) {
    const w = r.kind === 'review' ? '复查' : '复核';
    add('review-request', r.id, str(r.requested_on), str(c.petitioner), `信访事项${w}申请登记表`);
    if (r.decided_on) add('review-opinion', r.id, str(r.decided_on), str(r.body), `信访事项${w}意见书`);
  }
  const dated = items.map((i) => i.date);
  add(
    'ledger-extract',
    caseId,
    dated.reduce((a, b) => (b > a ? b : a), str(c.accepted_on)),
    hall,
  );
  items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || STEP[a.kind] - STEP[b.kind] || a.instant.localeCompare(b.instant) || a.id - b.id,
  );
  return items.map(({ instant: _instant, ...item }) => item);
}

/** The facts the 保管期限 rule looks at (shared/domain/archive.ts), read from the case. */
export function caseFacts(db: Db, caseId: number): CaseFacts {
  const has = (sql: string, ...params: unknown[]) => value<number>(db, sql, caseId, ...params) !== undefined;
  return {
    final:
      has('SELECT 1 FROM cases WHERE id = ? AND final = 1') ||
      has("SELECT 1 FROM reviews WHERE case_id = ? AND kind = 'rereview' AND decided_on IS NOT NULL"),
    reviewed: has("SELECT 1 FROM reviews WHERE case_id = ? AND kind = 'review'"),
    // A group visit as registration, 统计 and the day summary count it: more people than may be representatives.
    group: has(
      'SELECT 1 FROM case_visits cv JOIN visits v ON v.id = cv.visit_id WHERE cv.case_id = ? AND v.head_count > ?',
      setting(db, 'maxRepresentatives', DEFAULT_SETTINGS.maxRepresentatives),
    ),
    backlog: has('SELECT 1 FROM cases WHERE id = ? AND is_backlog = 1'),
  };
}

/** The case's 保管期限 by the office's rule, and the filing year: the year it was last answered, else accepted. */
export function caseRetention(db: Db, caseId: number): { period: RetentionPeriod; year: string; facts: CaseFacts } {
  const facts = caseFacts(db, caseId);
  const period = retentionOf(facts, setting(db, 'retentionRule', DEFAULT_SETTINGS.retentionRule));
  const answered = one<{ d: string | null }>(
    db,
    `SELECT max(coalesce((SELECT max(answer_date) FROM closures WHERE case_id = c.id), ''),
                coalesce((SELECT max(decided_on) FROM reviews WHERE case_id = c.id), '')) AS d
     FROM cases c WHERE c.id = ?`,
    caseId,
  );
  const year = (answered?.d || str(caseRow(db, caseId).accepted_on)).slice(0, 4);
  return { period, year, facts };
}

/** Why the period: each fact of the rule the case meets, with its period (the longest wins). */
export function retentionBasis(facts: CaseFacts, rule: RetentionRule): string {
  const met = RETENTION_FACTS.filter((f) => f !== 'other' && facts[f]);
  return met.length === 0
    ? `${RETENTION_FACT_LABELS.other}`
    : met.map((f) => `${RETENTION_FACT_LABELS[f]}（${rule[f]}）`).join('、');
}

/**
 * The folder's 档号: the one its last print had while the pattern, 全宗号, year and period still
 * give that form (a reprint keeps its number), else the next of the year and period. Inside the
 * print's transaction.
 */
export function archiveNumber(db: Db, caseId: number): string {
  const { period, year } = caseRetention(db, caseId);
  const pattern = setting(db, 'archiveNoPattern', DEFAULT_SETTINGS.archiveNoPattern);
  const fonds = setting(db, 'fondsNo', DEFAULT_SETTINGS.fondsNo);
  const [before = '', after = ''] = formatArchiveNo(pattern.replace('{seq}', '\u0000'), {
    fonds,
    year,
    period,
    seq: 0,
  }).split('\u0000');
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const form = new RegExp(`^${escape(before)}\\d+${escape(after)}$`);
  const earlier = value<string>(
    db,
    "SELECT doc_no FROM documents WHERE kind = 'folder' AND record_id = ? AND doc_no IS NOT NULL ORDER BY id DESC LIMIT 1",
    caseId,
  );
  if (earlier !== undefined && form.test(earlier)) return earlier;
  return nextNumber(db, { kind: 'archive', day: `${year}-01-01`, period, fonds, pattern });
}

/** The 备考表's notes: which of the "六有" papers the folder lacks, and which copy it is. */
export function folderNotes(items: FolderItem[], full: boolean): string[] {
  const has = (k: PartKind) => items.some((i) => i.kind === k);
  const missing = [
    has('answer') ? '' : '书面答复意见书（尚未办结）',
    has('investigation') ? '' : '包案领导查办报告及稳控措施',
    has('follow-up') ? '' : '回访记录',
  ].filter(Boolean);
  return [
    missing.length ? `本卷缺：${missing.join('、')}。` : '“六有”材料齐全；稳控措施见查办报告。',
    full ? '本卷为完整件。' : '本卷为脱敏件：身份证号码和联系电话已隐去部分数字。',
  ];
}
