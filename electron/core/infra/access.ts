import type { AuditActor } from './audit-chain';
import type { Session } from './sessions';

export function actorOf(session: Session | null): AuditActor {
  return session
    ? { id: session.accountId, name: `${session.displayName}(${session.username})` }
    : { id: null, name: '系统' };
}
