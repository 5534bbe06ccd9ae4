import fs from 'node:fs';
import path from 'node:path';
import { HallError, type FieldIssue, type HostKind } from '../../../shared/contract';
import { writeFileAtomic } from './fs-safe';
import type { Store } from './store';

/** Which check a failure came from, as the audit names it. */
export type GateCheck =
  | 'auth.login'
  | 'auth.unlock'
  | 'auth.changePassword'
  | 'auth.recover'
  | 'backup.restore'
  | 'backup.restoreLatest'
  | 'restore.file'
  | 'keyring.rekeyDatabase';

export interface GateCall {
  host: HostKind;
  check: GateCheck;
}

export interface Refusal {
  message?: string;
  fields?: FieldIssue[];
}

interface Failure {
  username: string;
  host: HostKind;
  check: GateCheck;
  at: string;
}

interface GateState {
  /** Per lower-cased name: failures in a row, and until when the next try waits (epoch ms). */
  throttle: Record<string, { count: number; until: number }>;
  /** Failures seen while the database was closed, written to the audit log when it opens. */
  pending: Failure[];
}

const FREE_TRIES = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/**
 * The one gate every password and recovery-code check passes (login, unlock, change password,
 * restore, recovery, rekey; window, preview and CLI alike): after 5 wrong tries for a name each
 * further try waits longer (30 s, 60 s … up to an hour), and every failure is audited with its
 * host and check. The counters live in a small file beside the keyring, so a CLI command (a
 * process of its own) is throttled as the app is, and failures seen while the database is
 * locked are audited when it next opens.
 */
export class PasswordGate {
  private readonly file: string;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {
    this.file = path.join(store.files.dir, 'hall.auth-failures.json');
  }

  /**
   * Runs `attempt` for `name` unless the name is throttled. A null answer is a failure:
   * counted, audited and refused with WRONG_CREDENTIALS (`refusal` says what and where, in a form).
   */
  check<T>(name: string, call: GateCall, attempt: () => T | null, refusal?: Refusal): T {
    this.refuseIfThrottled(name);
    const result = attempt();
    if (result === null) this.fail(name, call, refusal);
    this.succeed(name);
    return result;
  }

  refuseIfThrottled(name: string): void {
    const entry = this.read().throttle[name.toLowerCase()];
    const wait = entry ? entry.until - this.now().getTime() : 0;
    if (wait > 0) throw new HallError('ACCOUNT_LOCKED', `密码错误次数过多，请在 ${Math.ceil(wait / 1000)} 秒后再试。`);
  }

  /** Records a failure (counter and audit) and refuses. */
  fail(name: string, call: GateCall, refusal: Refusal = {}): never {
    const state = this.read();
    const key = name.toLowerCase();
    const entry = state.throttle[key] ?? { count: 0, until: 0 };
    entry.count++;
    const over = entry.count - FREE_TRIES;
    entry.until = over >= 0 ? this.now().getTime() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** over) : 0;
    state.throttle[key] = entry;
    const failure: Failure = { username: name, host: call.host, check: call.check, at: this.now().toISOString() };
    let audited = false;
    if (this.store.isOpen()) {
      try {
        this.auditFailures([failure]);
        audited = true;
      } catch {
        // A full disk must not turn a wrong password into another error: keep it pending.
      }
    }
    if (!audited) state.pending.push(failure);
    this.write(state);
    throw new HallError('WRONG_CREDENTIALS', refusal.message, refusal.fields);
  }

  succeed(name: string): void {
    const state = this.read();
    if (!(name.toLowerCase() in state.throttle)) return;
    delete state.throttle[name.toLowerCase()];
    this.write(state);
  }

  /** Writes the failures seen while the database was closed; called once it is open. */
  flushPending(): void {
    const state = this.read();
    if (state.pending.length === 0) return;
    this.auditFailures(state.pending);
    state.pending = [];
    this.write(state);
  }

  private auditFailures(failures: Failure[]): void {
    this.store.write({ id: null, name: '系统' }, (_db, audit) => {
      for (const f of failures)
        audit({
          action: 'auth.loginFailed',
          entity: 'account',
          detail: { username: f.username, host: f.host, check: f.check, at: f.at },
        });
    });
  }

  private read(): GateState {
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<GateState>;
      return {
        throttle: raw.throttle && typeof raw.throttle === 'object' ? raw.throttle : {},
        pending: Array.isArray(raw.pending) ? raw.pending.slice(-1000) : [],
      };
    } catch {
      return { throttle: {}, pending: [] };
    }
  }

  private write(state: GateState): void {
    if (!fs.existsSync(this.store.files.dir)) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(state));
    } catch {
      // A full disk keeps the counters of this process only; the refusal itself stands.
    }
  }
}
