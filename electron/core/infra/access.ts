import type { AuditActor } from './audit-chain';
import { value } from './db/sql';
import type { Session } from './sessions';
import type { Store } from './store';

/**
 * The leader whose cases a session may see: a 接访领导 account sees only the cases its leader
 * owns; other roles see all (null). A leader account without a leader sees none (-1).
 */
export function ownCasesOnly(store: Store, session: Session | null): number | null {
  if (session?.role !== 'leader') return null;
  // Asked on every ledger call: a cached statement, not a query built each time.
  return value<number | null>(store.database, 'SELECT leader_id FROM accounts WHERE id = ?', session.accountId) ?? -1;
}

export function actorOf(session: Session | null): AuditActor {
  return session ? { id: session.accountId, name: `${session.displayName}(${session.username})` } : { id: null, name: '系统' };
}
