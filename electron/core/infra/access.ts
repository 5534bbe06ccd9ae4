import type { AuditActor } from './audit-chain';
import { value } from './db/sql';
import type { Session } from './sessions';
import type { Store } from './store';

export function actorOf(session: Session | null): AuditActor {
  return session
    ? { id: session.accountId, name: `${session.displayName}(${session.username})` }
    : { id: null, name: '系统' };
}

/**
 * Whether the session's account must still replace the password an administrator gave it (a
 * new account, a reset); asked on every call that needs a session, so a cached statement. With
 * the database closed nothing can be read, and every method that needs it refuses on its own.
 */
export function mustChangePassword(store: Store, session: Session): boolean {
  if (!store.isOpen()) return false;
  return (
    value<number>(store.database, 'SELECT must_change_password FROM accounts WHERE id = ?', session.accountId) === 1
  );
}
