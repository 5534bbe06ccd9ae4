import fs from 'node:fs';
import { scryptSync } from 'node:crypto';
import { HallError, type SessionView } from '../../../shared/contract';
import { DEFAULT_CATEGORIES } from '../../../shared/domain/categories';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { appendAudit } from '../infra/audit-chain';
import { openDatabase } from '../infra/db/connection';
import { migrate } from '../infra/db/migrate';
import { accountSlot, createKeyring, DEFAULT_KDF, makeSlot, newDatabaseKey, newRecoveryCode, normalizeRecoveryCode, recoverySlot, unwrapSlot, withSlot, writeKeyring, type KdfParams, type KeyringFile } from '../infra/key-slots';
import { actorOf } from '../infra/access';
import type { AreaHandlers, Handler, ServiceCall } from '../infra/router';
import { readAccount, readAccountByName, toAccountView, type AccountRow } from '../accounts/account-rows';
import type { Session, SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';
import type { LoginThrottle } from '../infra/throttle';

export interface AuthDeps {
  store: Store;
  sessions: SessionStore;
  throttle: LoginThrottle;
  now: () => Date;
  kdf?: KdfParams;
  onOpened?: () => void;
}

/**
 * First run, login, idle unlock, password change, recovery and account administration. A
 * password is checked by unwrapping its key slot: there is no password hash to steal, and a
 * wrong password opens nothing.
 */
export function authHandlers(deps: AuthDeps): AreaHandlers<'auth'> {
  const { store, sessions, throttle } = deps;
  const kdf = deps.kdf ?? DEFAULT_KDF;
  /** Failed logins seen while the database was closed, written once it opens. */
  const pendingFailures: { username: string; at: Date }[] = [];

  const account = (id: number) => readAccount(store.database, id);

  function sessionView(clientId: string): SessionView {
    const state = sessions.check(clientId, false);
    if (state.kind === 'none') return { account: null, locked: false, lockedUsername: null, idleLockMinutes: null };
    const row = store.isOpen() ? account(state.session.accountId) : undefined;
    const idle = store.isOpen() ? store.settings().idleLockMinutes : null;
    if (state.kind === 'locked') return { account: null, locked: true, lockedUsername: state.session.username, idleLockMinutes: idle };
    return { account: row ? toAccountView(row) : null, locked: false, lockedUsername: null, idleLockMinutes: idle };
  }

  function refuseIfThrottled(username: string): void {
    const wait = throttle.waitMs(username);
    if (wait > 0) throw new HallError('ACCOUNT_LOCKED', `密码错误次数过多，请在 ${Math.ceil(wait / 1000)} 秒后再试。`);
  }

  function recordFailure(username: string): never {
    throttle.fail(username);
    const at = deps.now();
    if (store.isOpen()) store.audit({ id: null, name: username }, { action: 'auth.loginFailed', entity: 'account', detail: { username } });
    else pendingFailures.push({ username, at });
    throw new HallError('WRONG_CREDENTIALS');
  }

  /** Finds the key for a name and password in the keyring (or a pending one), or null. */
  function unwrapFor(username: string, password: string): { key: Buffer; keyring: KeyringFile; accountId: number } | null {
    if (!fs.existsSync(store.files.keyring)) throw new HallError('NOT_INITIALIZED');
    for (const keyring of store.keyringCandidates()) {
      const slot = accountSlot(keyring, username);
      if (!slot || slot.accountId === null) continue;
      const key = unwrapSlot(keyring, slot, password);
      if (key) return { key, keyring, accountId: slot.accountId };
    }
    // Same work for an unknown name as for a wrong password: timing says nothing.
    scryptSync(password, 'hall-keyring:no-such-account', 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
    return null;
  }

  function openWith(key: Buffer): void {
    const wasOpen = store.isOpen();
    store.open(key);
    if (!wasOpen) {
      sessions.setIdleLock(store.settings().idleLockMinutes * 60_000);
      if (pendingFailures.length > 0) {
        store.write({ id: null, name: '系统' }, (_db, audit) => {
          for (const f of pendingFailures.splice(0)) audit({ action: 'auth.loginFailed', entity: 'account', detail: { username: f.username, at: f.at.toISOString() } });
        });
      }
      store.backupIfDue();
      deps.onOpened?.();
    }
  }

  function startSession(call: ServiceCall, row: AccountRow): SessionView {
    const session: Session = { accountId: row.id, username: row.username, displayName: row.display_name, role: row.role };
    sessions.open(call.clientId, session);
    store.audit(actorOf(session), { action: 'auth.login', entity: 'account', entityId: row.id, detail: { host: call.host } });
    return sessionView(call.clientId);
  }

  const setupInit: Handler<'setup.init'> = (input, call) => {
    if (fs.existsSync(store.files.keyring)) throw new HallError('ALREADY_INITIALIZED');
    fs.mkdirSync(store.files.dir, { recursive: true, mode: 0o700 });
    const key = newDatabaseKey();
    const staging = `${store.files.database}.init`;
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
    if (fs.existsSync(store.files.database)) {
      // A database without a keyring can never be opened again; keep it aside, never delete.
      fs.renameSync(store.files.database, `${store.files.database}.orphan-${Date.now()}`);
    }
    // Build the whole database under a staging name, write the keyring, then rename:
    // a crash at any step leaves either nothing or a complete, openable store.
    const db = openDatabase(staging, { key });
    let accountId = 0;
    try {
      migrate(db, () => {});
      const now = deps.now();
      db.transaction(() => {
        const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
        for (const [k, v] of Object.entries({ ...DEFAULT_SETTINGS, officeName: input.officeName })) put.run(k, JSON.stringify(v));
        const category = db.prepare('INSERT INTO categories (name, sort) VALUES (?, ?)');
        DEFAULT_CATEGORIES.forEach((name, i) => category.run(name, i));
        accountId = Number(
          db.prepare("INSERT INTO accounts (username, display_name, role) VALUES (?, ?, 'admin')").run(input.username, input.displayName).lastInsertRowid,
        );
        const actor = { id: accountId, name: `${input.displayName}(${input.username})` };
        appendAudit(db, actor, { action: 'setup.init', entity: 'office', detail: { schemaVersion: 0 } }, now);
        appendAudit(db, actor, { action: 'account.create', entity: 'account', entityId: accountId, detail: { role: 'admin' } }, now);
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    const recoveryCode = newRecoveryCode();
    let keyring = createKeyring(key);
    keyring = withSlot(keyring, makeSlot(keyring, key, input.password, { kind: 'account', accountId, username: input.username }, kdf));
    keyring = withSlot(keyring, makeSlot(keyring, key, recoveryCode, { kind: 'recovery' }, kdf));
    writeKeyring(store.files.keyring, keyring);
    fs.renameSync(staging, store.files.database);
    openWith(key);
    key.fill(0);
    const view = startSession(call, account(accountId)!);
    return { recoveryCode, account: view.account! };
  };

  const login: Handler<'auth.login'> = (input, call) => {
    const username = input.username.trim();
    refuseIfThrottled(username);
    const found = unwrapFor(username, input.password);
    if (!found) return recordFailure(username);
    try {
      openWith(found.key);
    } finally {
      found.key.fill(0);
    }
    const row = account(found.accountId);
    if (!row || row.active !== 1 || row.username !== username) return recordFailure(username);
    throttle.succeed(username);
    return startSession(call, row);
  };

  const unlock: Handler<'auth.unlock'> = (input, call) => {
    const locked = sessions.lockedSession(call.clientId);
    if (!locked) throw new HallError('UNAUTHENTICATED');
    refuseIfThrottled(locked.username);
    const found = unwrapFor(locked.username, input.password);
    if (!found || !store.holdsKey(found.key)) return recordFailure(locked.username);
    found.key.fill(0);
    throttle.succeed(locked.username);
    sessions.unlock(call.clientId);
    store.audit(actorOf(locked), { action: 'auth.unlock', entity: 'account', entityId: locked.accountId });
    return sessionView(call.clientId);
  };

  const logout: Handler<'auth.logout'> = (_input, call) => {
    const session = sessions.peek(call.clientId) ?? sessions.lockedSession(call.clientId);
    if (session && store.isOpen()) store.audit(actorOf(session), { action: 'auth.logout', entity: 'account', entityId: session.accountId });
    sessions.close(call.clientId);
    // The last one out closes the database: the key leaves memory.
    if (sessions.size === 0) store.close();
    return { ok: true as const };
  };

  const changePassword: Handler<'auth.changePassword'> = (input, call) => {
    const session = call.session!;
    const keyring = store.keyring();
    const slot = accountSlot(keyring, session.username);
    const key = slot ? unwrapSlot(keyring, slot, input.currentPassword) : null;
    if (!key || !store.holdsKey(key)) {
      throttle.fail(session.username);
      throw new HallError('WRONG_CREDENTIALS', '当前密码不正确。');
    }
    store.write(actorOf(session), (db, audit) => {
      db.prepare("UPDATE accounts SET must_change_password = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(session.accountId);
      audit({ action: 'auth.changePassword', entity: 'account', entityId: session.accountId });
      store.saveKeyring(withSlot(keyring, makeSlot(keyring, key, input.newPassword, { kind: 'account', accountId: session.accountId, username: session.username }, kdf)));
    });
    key.fill(0);
    return { ok: true as const };
  };

  const recover: Handler<'auth.recover'> = (input) => {
    refuseIfThrottled('#recovery');
    const keyring = store.keyring();
    const slot = recoverySlot(keyring);
    const key = slot ? unwrapSlot(keyring, slot, normalizeRecoveryCode(input.recoveryCode)) : null;
    if (!key) {
      throttle.fail('#recovery');
      throw new HallError('WRONG_CREDENTIALS', '恢复码不正确。');
    }
    const wasOpen = store.isOpen();
    openWith(key);
    try {
      const row = readAccountByName(store.database, input.username);
      if (!row || row.role !== 'admin' || row.active !== 1) throw new HallError('NOT_FOUND', '恢复码只能用于管理员账号，请确认用户名。');
      store.write({ id: row.id, name: `${row.display_name}(${row.username})` }, (_db, audit) => {
        audit({ action: 'auth.recover', entity: 'account', entityId: row.id });
        store.saveKeyring(withSlot(keyring, makeSlot(keyring, key, input.newPassword, { kind: 'account', accountId: row.id, username: row.username }, kdf)));
      });
    } finally {
      key.fill(0);
      if (!wasOpen && sessions.size === 0) store.close();
    }
    throttle.succeed('#recovery');
    return { ok: true as const };
  };

  return {
    'setup.init': setupInit,
    'auth.session': ((_input, call) => sessionView(call.clientId)) as Handler<'auth.session'>,
    'auth.login': login,
    'auth.unlock': unlock,
    'auth.logout': logout,
    'auth.changePassword': changePassword,
    'auth.recover': recover,
  };
}
