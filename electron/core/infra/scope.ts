import { HallError, type Scope, type ScopeTarget } from '../../../shared/contract';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import { officeWideDocument, type DocumentKind } from '../../../shared/documents/kinds';
import type { Db } from './db/connection';
import { value } from './db/sql';
import type { Session } from './sessions';
import type { Store } from './store';

/**
 * The one access policy (docs/data.md, "who reaches what"). A 接访领导 account reaches the cases
 * its leader owns (包案) and the visits queued to that leader, with everything of those: their
 * interviews, documents, attachments, signatures, petitioners, tickets, summons and appointments.
 * Every other role reaches the whole office; what a role may DO is the contract's `access`.
 *
 * The router calls `enforceScope` before every handler whose method names records in its input;
 * handlers of `filtered` lists narrow their query with `reachableLeader` and the predicates below.
 */

/**
 * The leader whose records the session reaches: null for the whole office (every role but
 * 接访领导), the account's leader for a 接访领导 account, -1 (no one's) for one not linked to a leader.
 * The one source of "who reaches what" for the router's checks and the handlers' lists alike.
 */
export function reachableLeader(store: Store, session: Session | null): number | null {
  if (session?.role !== 'leader') return null;
  // Asked on every list call: a cached statement, not a query built each time.
  return value<number | null>(store.database, 'SELECT leader_id FROM accounts WHERE id = ?', session.accountId) ?? -1;
}

/*
 * The policy as SQL predicates over a row of the list's own query (`alias` names its table),
 * with the leader bound as the named parameter `@leader`. The REACH checks below and every
 * `filtered` list use these, so the rule is written once. Inner aliases are prefixed `reach_`
 * so they do not clash with the caller's.
 */

/** Leader @leader reaches case `c`: they own it (包案). */
export const caseReachableSql = (c: string) => `${c}.owning_leader_id = @leader`;

/** Leader @leader reaches visit `v`: it is queued to them, or belongs to a case they own. */
export const visitReachableSql = (v: string) =>
  `(${v}.leader_id = @leader OR EXISTS (SELECT 1 FROM case_visits reach_cv JOIN cases reach_c ON reach_c.id = reach_cv.case_id WHERE reach_cv.visit_id = ${v}.id AND ${caseReachableSql('reach_c')}))`;

/** Leader @leader reaches interview `i` of visit `v`: they held it, or they reach the visit. */
export const interviewReachableSql = (i: string, v: string) => `(${i}.leader_id = @leader OR ${visitReachableSql(v)})`;

/** Leader @leader reaches petitioner `p`: of a case they own, or of a visit they reach. */
export const petitionerReachableSql = (p: string) =>
  `(EXISTS (SELECT 1 FROM cases reach_pc WHERE reach_pc.petitioner_id = ${p}.id AND ${caseReachableSql('reach_pc')})
    OR EXISTS (SELECT 1 FROM visit_petitioners reach_vp JOIN visits reach_v ON reach_v.id = reach_vp.visit_id WHERE reach_vp.petitioner_id = ${p}.id AND ${visitReachableSql('reach_v')}))`;

/** Leader @leader reaches ticket `t` of visit `v`: it is in their queue, or the visit is queued to them. */
export const ticketReachableSql = (t: string, v: string) => `(${t}.leader_id = @leader OR ${v}.leader_id = @leader)`;

/** Leader @leader reaches summons `s` of visit `v`: through the visit. */
export const summonsReachableSql = (v: string) => visitReachableSql(v);

/** Leader @leader reaches appointment `a`: booked with them, or for a case they own. */
export const appointmentReachableSql = (a: string) =>
  `(${a}.leader_id = @leader OR EXISTS (SELECT 1 FROM cases reach_ac WHERE reach_ac.id = ${a}.case_id AND ${caseReachableSql('reach_ac')}))`;

/** Leader @leader reaches leader `expr`'s queue and quarterly report: their own. */
export const leaderReachableSql = (expr: string) => `${expr} = @leader`;

/**
 * A list's narrowing for the session's leader: `sql` is a predicate to AND into the WHERE clause
 * (`1` for the whole office) and `params` its binding, to pass after the positional ones.
 */
export function reachFilter(
  leader: number | null,
  predicate: string,
): { sql: string; params: [] | [{ leader: number }] } {
  return { sql: leader === null ? '1' : predicate, params: reachParams(leader) };
}

/** The binding of `@leader` for a query whose predicates come from `reachFilter` (none for the whole office). */
export function reachParams(leader: number | null): [] | [{ leader: number }] {
  return leader === null ? [] : [{ leader }];
}

export { officeWideDocument };

type Target = 'case' | 'visit' | 'interview' | 'petitioner' | 'ticket' | 'summons' | 'appointment' | 'leader';

/** For each kind of record: whether leader `@leader` reaches record `@id`. */
const REACH: Record<Target, string> = {
  case: `SELECT 1 FROM cases c WHERE c.id = @id AND ${caseReachableSql('c')}`,
  visit: `SELECT 1 FROM visits v WHERE v.id = @id AND ${visitReachableSql('v')}`,
  interview: `SELECT 1 FROM interviews i JOIN visits v ON v.id = i.visit_id WHERE i.id = @id AND ${interviewReachableSql('i', 'v')}`,
  petitioner: `SELECT 1 FROM petitioners p WHERE p.id = @id AND ${petitionerReachableSql('p')}`,
  ticket: `SELECT 1 FROM tickets t JOIN visits v ON v.id = t.visit_id WHERE t.id = @id AND ${ticketReachableSql('t', 'v')}`,
  summons: `SELECT 1 FROM summons s JOIN visits v ON v.id = s.visit_id WHERE s.id = @id AND ${summonsReachableSql('v')}`,
  appointment: `SELECT 1 FROM appointments a WHERE a.id = @id AND ${appointmentReachableSql('a')}`,
  leader: `SELECT 1 WHERE ${leaderReachableSql('@id')}`,
};

/** The case a printed record belongs to, for kinds recorded against a case's step. */
const CASE_OF_STEP: Partial<Record<DocumentKind, string>> = {
  assignment: 'SELECT case_id FROM assignments WHERE id = ?',
  supervision: 'SELECT case_id FROM supervisions WHERE id = ?',
  extension: 'SELECT case_id FROM extensions WHERE id = ?',
  responsibility: 'SELECT case_id FROM responsibilities WHERE id = ?',
  answer: 'SELECT case_id FROM closures WHERE id = ?',
  'follow-up': 'SELECT case_id FROM follow_ups WHERE id = ?',
  'review-request': 'SELECT case_id FROM reviews WHERE id = ?',
  'review-opinion': 'SELECT case_id FROM reviews WHERE id = ?',
  investigation: 'SELECT case_id FROM investigation_reports WHERE id = ?',
};

/** What a document of each kind is printed from, as a record the policy knows. */
function documentTarget(
  db: Db,
  kind: DocumentKind,
  recordId: number,
): { target: Target; id: number } | 'office' | 'everyone' {
  if (officeWideDocument(kind)) return 'office';
  switch (kind) {
    case 'registration':
    case 'guidance':
      return { target: 'visit', id: recordId };
    case 'transfer-notice':
    case 'final-notice':
      return {
        target: 'visit',
        id: value<number>(db, 'SELECT visit_id FROM acceptance_decisions WHERE id = ?', recordId) ?? 0,
      };
    case 'interview':
      return { target: 'interview', id: recordId };
    case 'closure':
    case 'folder':
    case 'acceptance':
    case 'ledger-extract':
      return { target: 'case', id: recordId };
    case 'appointment':
      return { target: 'appointment', id: recordId };
    case 'ticket':
      return { target: 'ticket', id: recordId };
    case 'quarterly':
      return { target: 'leader', id: parseQuarterRecord(recordId)?.leaderId ?? 0 };
    case 'assignment':
    case 'supervision':
    case 'extension':
    case 'responsibility':
    case 'answer':
    case 'follow-up':
    case 'review-request':
    case 'review-opinion':
    case 'investigation':
      return { target: 'case', id: value<number>(db, CASE_OF_STEP[kind]!, recordId) ?? 0 };
    // Lists of every visitor or case of a year or a day: the whole office's petitioners.
    case 'ledger':
    case 'day-summary':
      return 'office';
    // The published roster and the reports: figures and leaders' names, no petitioner.
    case 'notice':
    case 'notice-month':
    case 'monthly-report':
    case 'weekly-report':
    case 'daily-report':
      return 'everyone';
  }
}

function reaches(db: Db, leaderId: number, target: Target, id: number): boolean {
  return value<number>(db, REACH[target], { id, leader: leaderId }) !== undefined;
}

/** Whether leader `leaderId` reaches the record a document of `kind` is printed from. */
export function leaderReachesDocument(db: Db, leaderId: number, kind: DocumentKind, recordId: number): boolean {
  const found = documentTarget(db, kind, recordId);
  return found === 'everyone' || (found !== 'office' && reaches(db, leaderId, found.target, found.id));
}

const REFUSED = '只能查看和办理本人包案的案件和分派给本人的来访。';

/**
 * Refuses the call unless the session reaches every record the input names. A field that is
 * absent (an optional target such as cases.create's joinExisting) names nothing.
 */
export function enforceScope(
  store: Store,
  session: Session | null,
  scope: Scope,
  input: Record<string, unknown>,
): void {
  if (!Array.isArray(scope)) return;
  const leaderId = reachableLeader(store, session);
  if (leaderId === null) return;
  const db = store.database;
  for (const t of scope as readonly ScopeTarget[]) {
    if ('owner' in t) {
      const [typeField, idField] = t.owner;
      const id = input[idField];
      const type = input[typeField];
      // A 材料 may belong to a case (attachments.capture); signatures and files to a visit or interview.
      const target: Target = type === 'interview' || type === 'case' ? type : 'visit';
      if (typeof id === 'number' && !reaches(db, leaderId, target, id)) throw new HallError('FORBIDDEN', REFUSED);
      continue;
    }
    if ('document' in t) {
      const [kindField, recordField] = t.document;
      if (!leaderReachesDocument(db, leaderId, input[kindField] as DocumentKind, Number(input[recordField])))
        throw new HallError('FORBIDDEN', REFUSED);
      continue;
    }
    const [target, field] = Object.entries(t)[0] as [Target, string];
    const id = input[field];
    if (id === undefined || id === null) continue;
    if (typeof id !== 'number' || !reaches(db, leaderId, target, id)) throw new HallError('FORBIDDEN', REFUSED);
  }
}
