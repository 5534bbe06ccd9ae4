import { HallError } from '../../../shared/contract';
import type { CallContext } from '../infra/router';
import type { Session, SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';
import type { PasswordGate } from '../infra/password-gate';
import type { BackgroundBackups } from '../backup/background';

/**
 * What an operation needs of the core: its store, its sessions and the password gate. `Core` has both, so a host
 * passes its core as it is.
 */
export interface OperationCore {
  store: Store;
  sessions: SessionStore;
  gate: PasswordGate;
  /** The one way a backup is made (backup/background.ts): in a worker thread, with progress. */
  backups: BackgroundBackups;
}

/**
 * The caller's session, which must be an administrator's: the same checks, in the same order
 * and with the same codes, as the router makes for a method open to administrators only.
 */
export function adminSession(sessions: SessionStore, ctx: CallContext): Session {
  const admitted = sessions.admit(ctx.clientId);
  if (!admitted.ok) throw new HallError(admitted.code);
  if (admitted.session.role !== 'admin') throw new HallError('FORBIDDEN', '此操作需要管理员账号。');
  return admitted.session;
}
