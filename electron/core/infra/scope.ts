import { HallError, type Scope, type ScopeTarget } from '../../../shared/contract';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import type { DocumentKind } from '../../../shared/documents/kinds';
import { ownCasesOnly } from './access';
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
 * handlers of `filtered` lists narrow their query with `reachableLeader`.
 */

/** The leader whose records the session reaches, or null for the whole office (-1: none at all). */
export const reachableLeader = ownCasesOnly;

type Target = 'case' | 'visit' | 'interview' | 'petitioner' | 'ticket' | 'summons' | 'appointment' | 'leader';

/** For each kind of record: whether leader `@leader` reaches record `@id`. */
const REACH: Record<Target, string> = {
  case: 'SELECT 1 FROM cases WHERE id = @id AND owning_leader_id = @leader',
  visit: `SELECT 1 FROM visits v WHERE v.id = @id AND (v.leader_id = @leader OR EXISTS (
            SELECT 1 FROM case_visits cv JOIN cases c ON c.id = cv.case_id WHERE cv.visit_id = v.id AND c.owning_leader_id = @leader))`,
  interview: `SELECT 1 FROM interviews i JOIN visits v ON v.id = i.visit_id WHERE i.id = @id AND (i.leader_id = @leader OR v.leader_id = @leader OR EXISTS (
            SELECT 1 FROM case_visits cv JOIN cases c ON c.id = cv.case_id WHERE cv.visit_id = v.id AND c.owning_leader_id = @leader))`,
  petitioner: `SELECT 1 WHERE EXISTS (SELECT 1 FROM cases WHERE petitioner_id = @id AND owning_leader_id = @leader)
            OR EXISTS (SELECT 1 FROM visit_petitioners vp JOIN visits v ON v.id = vp.visit_id WHERE vp.petitioner_id = @id AND (v.leader_id = @leader OR EXISTS (
              SELECT 1 FROM case_visits cv JOIN cases c ON c.id = cv.case_id WHERE cv.visit_id = v.id AND c.owning_leader_id = @leader)))`,
  ticket: `SELECT 1 FROM tickets t JOIN visits v ON v.id = t.visit_id WHERE t.id = @id AND (t.leader_id = @leader OR v.leader_id = @leader)`,
  summons: `SELECT 1 FROM summons s JOIN visits v ON v.id = s.visit_id WHERE s.id = @id AND (v.leader_id = @leader OR EXISTS (
            SELECT 1 FROM case_visits cv JOIN cases c ON c.id = cv.case_id WHERE cv.visit_id = v.id AND c.owning_leader_id = @leader))`,
  appointment: `SELECT 1 FROM appointments a WHERE a.id = @id AND (a.leader_id = @leader OR a.case_id IN (SELECT id FROM cases WHERE owning_leader_id = @leader))`,
  leader: 'SELECT 1 WHERE @id = @leader',
};

/** The case a printed record belongs to, for kinds recorded against a case's step. */
const CASE_OF_STEP: Partial<Record<DocumentKind, string>> = {
  assignment: 'SELECT case_id FROM assignments WHERE id = ?',
  supervision: 'SELECT case_id FROM supervisions WHERE id = ?',
  extension: 'SELECT case_id FROM extensions WHERE id = ?',
  responsibility: 'SELECT case_id FROM responsibilities WHERE id = ?',
};

/** What a document of each kind is printed from, as a record the policy knows. */
function documentTarget(db: Db, kind: DocumentKind, recordId: number): { target: Target; id: number } | 'office' | 'everyone' {
  switch (kind) {
    case 'registration':
    case 'guidance':
      return { target: 'visit', id: recordId };
    case 'interview':
      return { target: 'interview', id: recordId };
    case 'closure':
    case 'folder':
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

const REFUSED = '只能查看和办理本人包案的案件和分派给本人的来访。';

/**
 * Refuses the call unless the session reaches every record the input names. A field that is
 * absent (an optional target such as cases.create's joinExisting) names nothing.
 */
export function enforceScope(store: Store, session: Session | null, scope: Scope, input: Record<string, unknown>): void {
  if (!Array.isArray(scope)) return;
  const leaderId = reachableLeader(store, session);
  if (leaderId === null) return;
  const db = store.database;
  for (const t of scope as readonly ScopeTarget[]) {
    if ('owner' in t) {
      const [typeField, idField] = t.owner;
      const id = input[idField];
      if (typeof id === 'number' && !reaches(db, leaderId, input[typeField] === 'interview' ? 'interview' : 'visit', id)) throw new HallError('FORBIDDEN', REFUSED);
      continue;
    }
    if ('document' in t) {
      const [kindField, recordField] = t.document;
      const found = documentTarget(db, input[kindField] as DocumentKind, Number(input[recordField]));
      if (found === 'everyone') continue;
      if (found === 'office' || !reaches(db, leaderId, found.target, found.id)) throw new HallError('FORBIDDEN', REFUSED);
      continue;
    }
    const [target, field] = Object.entries(t)[0] as [Target, string];
    const id = input[field];
    if (id === undefined || id === null) continue;
    if (typeof id !== 'number' || !reaches(db, leaderId, target, id)) throw new HallError('FORBIDDEN', REFUSED);
  }
}
