import type { ErrorCode } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';

export interface Session {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
}

interface Entry {
  session: Session;
  lastActive: number;
  locked: boolean;
}

export type SessionState =
  { kind: 'none' } | { kind: 'locked'; session: Session } | { kind: 'active'; session: Session };

/** What a call that needs a session gets: the session it runs as, or the code that refuses it. */
export type Admission =
  | { ok: true; session: Session }
  | { ok: false; code: Extract<ErrorCode, 'UNAUTHENTICATED' | 'SESSION_LOCKED' | 'PASSWORD_CHANGE_REQUIRED'> };

/**
 * Logged-in accounts by connection (window, browser cookie, CLI process). A session idle for
 * longer than the lock time is locked: it keeps its identity but needs the password again.
 */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();

  /**
   * `mustChangePassword` reads whether the session's account must still replace the password
   * an administrator gave it. It is asked on every admission, not remembered at login, so the
   * change lifts the restriction at once and a reset imposes it at once.
   */
  constructor(
    private readonly now: () => number,
    private idleLockMs: number,
    private readonly mustChangePassword: (session: Session) => boolean = () => false,
  ) {}

  setIdleLock(ms: number): void {
    this.idleLockMs = ms;
  }

  open(clientId: string, session: Session): void {
    this.entries.set(clientId, { session, lastActive: this.now(), locked: false });
  }

  close(clientId: string): void {
    this.entries.delete(clientId);
  }

  closeAccount(accountId: number): void {
    for (const [id, entry] of this.entries) if (entry.session.accountId === accountId) this.entries.delete(id);
  }

  /** Ends every session `keep` refuses (after a restore: accounts absent, disabled or changed in the restored data). */
  retain(keep: (session: Session) => boolean): void {
    for (const [id, entry] of this.entries) if (!keep(entry.session)) this.entries.delete(id);
  }

  /** Locks an entry that has been idle too long; every read of a session goes through here. */
  private current(clientId: string): Entry | undefined {
    const entry = this.entries.get(clientId);
    if (entry && !entry.locked && this.idleLockMs > 0 && this.now() - entry.lastActive > this.idleLockMs)
      entry.locked = true;
    return entry;
  }

  /**
   * Checks a caller and, if it is active and `activity` holds, counts the call as the user's
   * activity. Background calls (polls, refreshes on events) pass false: idle time counts from
   * what the user does, not from what the page does by itself.
   */
  check(clientId: string, activity = true): SessionState {
    const entry = this.current(clientId);
    if (!entry) return { kind: 'none' };
    if (entry.locked) return { kind: 'locked', session: entry.session };
    if (activity) entry.lastActive = this.now();
    return { kind: 'active', session: entry.session };
  }

  /**
   * The one gate of every call that needs a session (the router, core's operations, the desktop
   * host's printer): no session, an idle-locked one, or one whose account must first replace
   * the password an administrator gave it, unless the call is that change (`passwordChange`).
   * `activity` as for `check`.
   */
  admit(clientId: string, { activity = true, passwordChange = false } = {}): Admission {
    const state = this.check(clientId, activity);
    if (state.kind === 'none') return { ok: false, code: 'UNAUTHENTICATED' };
    if (state.kind === 'locked') return { ok: false, code: 'SESSION_LOCKED' };
    if (!passwordChange && this.mustChangePassword(state.session))
      return { ok: false, code: 'PASSWORD_CHANGE_REQUIRED' };
    return { ok: true, session: state.session };
  }

  /** The session of a caller without counting activity (for public methods). */
  peek(clientId: string): Session | null {
    const entry = this.current(clientId);
    return entry && !entry.locked ? entry.session : null;
  }

  lock(clientId: string): void {
    const entry = this.entries.get(clientId);
    if (entry) entry.locked = true;
  }

  unlock(clientId: string): void {
    const entry = this.entries.get(clientId);
    if (entry) {
      entry.locked = false;
      entry.lastActive = this.now();
    }
  }

  lockedSession(clientId: string): Session | null {
    const entry = this.current(clientId);
    return entry?.locked ? entry.session : null;
  }

  /** Locks every idle session now; returns the connections that were locked (for events). */
  sweep(): string[] {
    const now = this.now();
    const locked: string[] = [];
    for (const [id, entry] of this.entries) {
      if (!entry.locked && this.idleLockMs > 0 && now - entry.lastActive > this.idleLockMs) {
        entry.locked = true;
        locked.push(id);
      }
    }
    return locked;
  }

  get size(): number {
    return this.entries.size;
  }
}
