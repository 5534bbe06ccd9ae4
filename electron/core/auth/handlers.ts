import fs from 'node:fs';
import { HallError, type MethodParsedInput, type SessionView } from '../../../shared/contract';
import { DEFAULT_CATEGORIES, DEFAULT_SUBCATEGORIES } from '../../../shared/domain/categories';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { appendAudit } from '../infra/audit-chain';
import { openDatabase } from '../infra/db/connection';
import { migrate } from '../infra/db/migrate';
import {
  accountSlot,
  DEFAULT_KDF,
  isLegacySlot,
  makeSlot,
  newDatabaseKey,
  newRecoveryCode,
  withoutAccount,
  withSlot,
  writeKeyring,
  type KdfParams,
} from '../infra/key-slots';
import { actorOf } from '../infra/access';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import { readAccount, readAccountByName, toAccountView, type AccountRow } from '../accounts/account-rows';
import type { Session, SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';
import type { GateCall, PasswordGate } from '../infra/password-gate';
import type { Upgrades } from './upgrade';
import { firstKeyring, unwrapFor, unwrapOwn, unwrapRecovery, withPassword, type UnwrappedKey } from './keys';

export interface AuthDeps {
  store: Store;
  sessions: SessionStore;
  gate: PasswordGate;
  now: () => Date;
  kdf?: KdfParams;
  onOpened?: () => void;
  /** Database upgrades a login waits for (./upgrade.ts); without it a login migrates on this thread. */
  upgrades?: Upgrades;
  /** How long a login waits for an upgrade before answering "upgrading" (default 1.5 s): a short one needs no screen. */
  upgradeAnswerMs?: number;
}

/** What the auth handlers share: their deps and the KDF. */
interface Auth extends AuthDeps {
  kdf: KdfParams;
  /** Connections whose login waits for the upgrade, by client id: their session begins when it is done. */
  waiting: Map<string, { call: ServiceCall; username: string; failed: boolean }>;
}

/**
 * First run, login, idle unlock, password change and recovery. A password is checked by
 * unwrapping its key slot (./keys.ts): there is no password hash to steal, and a wrong
 * password opens nothing.
 */
export function authHandlers(deps: AuthDeps): AreaHandlers<'auth'> {
  const auth: Auth = { ...deps, kdf: deps.kdf ?? DEFAULT_KDF, waiting: new Map() };
  return {
    'setup.init': (input, call) => setupInit(auth, input, call),
    'auth.session': (_input, call) => sessionView(auth, call.clientId),
    'auth.login': (input, call) => login(auth, input, call),
    'auth.unlock': (input, call) => unlock(auth, input, call),
    'auth.logout': (_input, call) => logout(auth, call),
    'auth.changePassword': (input, call) => changePassword(auth, input, call),
    'auth.recover': (input, call) => recover(auth, input, call),
  };
}

function setupInit(auth: Auth, input: MethodParsedInput<'setup.init'>, call: ServiceCall) {
  const { store } = auth;
  if (fs.existsSync(store.files.keyring)) throw new HallError('ALREADY_INITIALIZED');
  // A database without its keyring is an office whose keyring was lost or moved, not a first
  // run: a new office would push its records aside for anyone who can reach the first screen.
  // The keyring can come back from a backup; until then nothing here may change.
  if (fs.existsSync(store.files.database))
    throw new HallError(
      'DATA_PROBLEM',
      `数据目录中已有数据库，但打开它所需的密钥文件 hall.keyring.json 不见了，因此不能重新初始化。请从备份或原来的数据目录中找回 hall.keyring.json，放回数据目录（${store.files.dir}）后再登录。本次没有做任何改动。`,
    );
  fs.mkdirSync(store.files.dir, { recursive: true, mode: 0o700 });
  const key = newDatabaseKey();
  const staging = `${store.files.database}.init`;
  for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
  // Build the whole database under a staging name, write the keyring, then rename:
  // a crash at any step leaves either nothing or a complete, openable store.
  const accountId = buildFirstDatabase(staging, key, input, auth.now);
  const recoveryCode = newRecoveryCode();
  writeKeyring(
    store.files.keyring,
    firstKeyring(key, { accountId, username: input.username }, input.password, recoveryCode, auth.kdf),
  );
  fs.renameSync(staging, store.files.database);
  openWith(auth, key);
  key.fill(0);
  const view = startSession(auth, call, readAccount(store.database, accountId)!);
  return { recoveryCode, account: view.account! };
}

/** The new database at `file`: migrated, default settings and categories, the first administrator; returns the administrator's id. */
function buildFirstDatabase(
  file: string,
  key: Buffer,
  input: MethodParsedInput<'setup.init'>,
  clock: () => Date,
): number {
  const db = openDatabase(file, { key, now: clock });
  let accountId = 0;
  try {
    migrate(db, () => {});
    const now = clock();
    db.transaction(() => {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries({ ...DEFAULT_SETTINGS, officeName: input.officeName }))
        put.run(k, JSON.stringify(v));
      const category = db.prepare('INSERT INTO categories (name, sort) VALUES (?, ?)');
      const subcategory = db.prepare('INSERT INTO categories (name, parent_id, sort) VALUES (?, ?, ?)');
      DEFAULT_CATEGORIES.forEach((name, i) => {
        const parent = category.run(name, i).lastInsertRowid;
        DEFAULT_SUBCATEGORIES[name]?.forEach((sub, j) => subcategory.run(sub, parent, j));
      });
      accountId = Number(
        db
          .prepare("INSERT INTO accounts (username, display_name, role) VALUES (?, ?, 'admin')")
          .run(input.username, input.displayName).lastInsertRowid,
      );
      const actor = { id: accountId, name: `${input.displayName}(${input.username})` };
      appendAudit(db, actor, { action: 'setup.init', entity: 'office', detail: { schemaVersion: 0 } }, now);
      appendAudit(
        db,
        actor,
        { action: 'account.create', entity: 'account', entityId: accountId, detail: { role: 'admin' } },
        now,
      );
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  return accountId;
}

async function login(auth: Auth, input: MethodParsedInput<'auth.login'>, call: ServiceCall): Promise<SessionView> {
  const { store, gate } = auth;
  const username = input.username.trim();
  const via: GateCall = { host: call.host, check: 'auth.login' };
  gate.refuseIfThrottled(username);
  const found = unwrapFor(store, auth.kdf, username, input.password);
  if (!found) return gate.fail(username, via);
  auth.waiting.delete(call.clientId);
  let upgrade: Promise<void> | null = null;
  try {
    upgradeLegacySlot(auth, found, username, input.password);
    // A login while one runs joins it; the first login of a store that needs one starts it.
    const upgrades = auth.upgrades;
    upgrade = upgrades && (upgrades.running() || !store.isOpen()) ? upgrades.startIfNeeded(found.key) : null;
    if (upgrade) {
      const key = Buffer.from(found.key);
      auth.waiting.set(call.clientId, { call, username, failed: false });
      const finished = upgrade.then(
        () => {
          try {
            finishUpgradeLogins(auth, key);
          } finally {
            key.fill(0);
          }
        },
        () => {
          key.fill(0);
          // Their screens show the failure until they log in again.
          for (const entry of auth.waiting.values()) entry.failed = true;
        },
      );
      // A short upgrade answers as a plain login: no screen flashes by.
      const answered = await Promise.race([
        finished.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(resolve, auth.upgradeAnswerMs ?? 1500, false).unref()),
      ]);
      if (!answered) return sessionView(auth, call.clientId);
      if (!store.isOpen()) {
        auth.waiting.delete(call.clientId);
        throw new HallError('DATA_PROBLEM', auth.upgrades!.view()?.message ?? '数据库升级未能完成。');
      }
      auth.waiting.delete(call.clientId);
      return sessionView(auth, call.clientId);
    }
    openWith(auth, found.key);
  } finally {
    found.key.fill(0);
  }
  const row = readAccount(store.database, found.accountId);
  if (!row?.active || row.username !== username) return gate.fail(username, via);
  gate.succeed(username);
  return startSession(auth, call, row);
}

/** The upgrade is done: the store opens and every login that waited for it begins its session (or fails, as a login would). */
function finishUpgradeLogins(auth: Auth, key: Buffer): void {
  openWith(auth, key);
  for (const [clientId, { call, username, failed }] of auth.waiting) {
    if (failed) continue;
    auth.waiting.delete(clientId);
    const row = readAccountByName(auth.store.database, username);
    if (!row?.active) {
      try {
        auth.gate.fail(username, { host: call.host, check: 'auth.login' });
      } catch {
        // Counted and audited; the screen finds no session and goes back to the login.
      }
      continue;
    }
    auth.gate.succeed(username);
    startSession(auth, call, row);
  }
}

/** A version-1 slot becomes a version-2 one while its password is at hand (key-slots.ts). */
function upgradeLegacySlot(auth: Auth, found: UnwrappedKey, username: string, password: string): void {
  const slot = accountSlot(found.keyring, username);
  if (!slot || !isLegacySlot(slot)) return;
  const account = { kind: 'account' as const, accountId: found.accountId, username };
  // The same password again, on purpose: made against the keyring without the old slot, so the
  // reuse rule (which would see the same password) does not apply to a format upgrade.
  const fresh = makeSlot(withoutAccount(found.keyring, found.accountId), found.key, password, account, auth.kdf);
  auth.store.saveKeyring(withSlot(found.keyring, fresh));
}

function unlock(auth: Auth, input: MethodParsedInput<'auth.unlock'>, call: ServiceCall) {
  const { store, sessions, gate } = auth;
  const locked = sessions.lockedSession(call.clientId);
  if (!locked) throw new HallError('UNAUTHENTICATED');
  gate.check(locked.username, { host: call.host, check: 'auth.unlock' }, () => {
    const found = unwrapFor(store, auth.kdf, locked.username, input.password);
    const holds = found !== null && store.holdsKey(found.key);
    found?.key.fill(0);
    return holds ? true : null;
  });
  sessions.unlock(call.clientId);
  store.audit(actorOf(locked), { action: 'auth.unlock', entity: 'account', entityId: locked.accountId });
  return sessionView(auth, call.clientId);
}

function logout({ store, sessions, waiting }: Auth, call: ServiceCall) {
  waiting.delete(call.clientId);
  const session = sessions.peek(call.clientId) ?? sessions.lockedSession(call.clientId);
  if (session && store.isOpen())
    store.audit(actorOf(session), { action: 'auth.logout', entity: 'account', entityId: session.accountId });
  sessions.close(call.clientId);
  // The last one out closes the database: the key leaves memory.
  if (sessions.size === 0) store.close();
  return { ok: true as const };
}

function changePassword(
  { store, gate, kdf }: Auth,
  input: MethodParsedInput<'auth.changePassword'>,
  call: ServiceCall,
) {
  const session = call.session!;
  const keyring = store.keyring();
  const key = gate.check(
    session.username,
    { host: call.host, check: 'auth.changePassword' },
    () => {
      const own = unwrapOwn(keyring, session.username, input.currentPassword);
      if (own && store.holdsKey(own)) return own;
      own?.fill(0);
      return null;
    },
    { message: '当前密码不正确。', fields: [{ path: 'currentPassword', message: '当前密码不正确' }] },
  );
  try {
    store.write(actorOf(session), (db, audit) => {
      db.prepare('UPDATE accounts SET must_change_password = 0, updated_at = hall_now() WHERE id = ?').run(
        session.accountId,
      );
      audit({ action: 'auth.changePassword', entity: 'account', entityId: session.accountId });
      store.saveKeyring(
        withPassword(
          keyring,
          key,
          { accountId: session.accountId, username: session.username },
          input.newPassword,
          kdf,
        ),
      );
    });
  } finally {
    key.fill(0);
  }
  return { ok: true as const };
}

function recover(auth: Auth, input: MethodParsedInput<'auth.recover'>, call: ServiceCall) {
  const { store, sessions, gate } = auth;
  const keyring = store.keyring();
  const key = gate.check(
    '#recovery',
    { host: call.host, check: 'auth.recover' },
    () => unwrapRecovery(keyring, input.recoveryCode),
    { message: '恢复码不正确。', fields: [{ path: 'recoveryCode', message: '恢复码不正确' }] },
  );
  const wasOpen = store.isOpen();
  try {
    openWith(auth, key);
    const row = readAccountByName(store.database, input.username);
    if (!row || row.role !== 'admin' || !row.active)
      throw new HallError('NOT_FOUND', '恢复码只能用于管理员账号，请确认用户名。');
    store.write({ id: row.id, name: `${row.displayName}(${row.username})` }, (_db, audit) => {
      audit({ action: 'auth.recover', entity: 'account', entityId: row.id, detail: { host: call.host } });
      store.saveKeyring(
        withPassword(keyring, key, { accountId: row.id, username: row.username }, input.newPassword, auth.kdf),
      );
    });
  } finally {
    key.fill(0);
    if (!wasOpen && sessions.size === 0) store.close();
  }
  return { ok: true as const };
}

function sessionView({ store, sessions, waiting, upgrades }: Auth, clientId: string): SessionView {
  const state = sessions.check(clientId, false);
  if (state.kind === 'none') {
    const upgrade = waiting.has(clientId) ? (upgrades?.view() ?? null) : null;
    return { account: null, locked: false, lockedUsername: null, idleLockMinutes: null, notice: null, upgrade };
  }
  const row = store.isOpen() ? readAccount(store.database, state.session.accountId) : undefined;
  const idle = store.isOpen() ? store.settings().idleLockMinutes : null;
  if (state.kind === 'locked')
    return {
      account: null,
      locked: true,
      lockedUsername: state.session.username,
      idleLockMinutes: idle,
      notice: null,
      upgrade: null,
    };
  return {
    account: row ? toAccountView(row) : null,
    locked: false,
    lockedUsername: null,
    idleLockMinutes: idle,
    notice: store.notice(),
    upgrade: null,
  };
}

/** Opens the store with a key; on first opening, starts the idle lock, writes the failures seen while closed and tells the host (which starts the daily backup in the background). */
function openWith(auth: Auth, key: Buffer): void {
  const { store, sessions, gate } = auth;
  const wasOpen = store.isOpen();
  store.open(key);
  if (!wasOpen) {
    sessions.setIdleLock(store.settings().idleLockMinutes * 60_000);
    gate.flushPending();
    auth.onOpened?.();
  }
}

function startSession(auth: Auth, call: ServiceCall, row: AccountRow): SessionView {
  const session: Session = { accountId: row.id, username: row.username, displayName: row.displayName, role: row.role };
  auth.sessions.open(call.clientId, session);
  auth.store.audit(actorOf(session), {
    action: 'auth.login',
    entity: 'account',
    entityId: row.id,
    detail: { host: call.host },
  });
  return sessionView(auth, call.clientId);
}
