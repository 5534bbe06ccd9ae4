import { scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { readAccount } from '../accounts/account-rows';
import {
  accountSlot,
  DEFAULT_KDF,
  keyThroughSharedSlot,
  readKeyring,
  unwrapSlot,
  type KeyringFile,
} from '../infra/key-slots';
import type { GateCall, PasswordGate } from '../infra/password-gate';
import type { Session, SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';

export interface RestoreCore {
  store: Store;
  sessions: SessionStore;
  gate: PasswordGate;
}

/** What a password proved: the keyring it opened, that keyring's file key, and whose slot it was. */
interface Proof {
  keyring: KeyringFile;
  key: Buffer;
  accountId: number;
}

/** The live keyring, or null when it is missing or unreadable (then a backup's own is used). */
function liveKeyring(store: Store): KeyringFile | null {
  if (!fs.existsSync(store.files.keyring)) return null;
  try {
    return readKeyring(store.files.keyring);
  } catch {
    return null;
  }
}

/** Checks a name and password through the gate against `keyring`. */
function prove(gate: PasswordGate, keyring: KeyringFile | null, username: string, password: string, call: GateCall) {
  return gate.check(username, call, (): Proof | null => {
    const slot = keyring ? accountSlot(keyring, username) : undefined;
    if (!keyring || !slot?.accountId) {
      // The same work for an unknown name as for a wrong password: timing says nothing.
      const kdf = keyring?.slots[0]?.kdf ?? DEFAULT_KDF;
      scryptSync(password, 'hall-keyring:no-such-account', 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r });
      return null;
    }
    const key = unwrapSlot(keyring, slot, password);
    return key ? { keyring, key, accountId: slot.accountId } : null;
  });
}

/**
 * The key of a backup file, found from a proof: the backup's keyring shares a slot with the
 * proven keyring (the usual case), or the same password opens the backup's own keyring (a
 * backup from before a password change, or written by an older version).
 */
function backupKey(store: Store, file: string, proof: Proof, username: string, password: string): Buffer {
  const own = store.backupKeyring(file);
  if (!own) return Buffer.from(proof.key);
  const shared = keyThroughSharedSlot(proof.keyring, proof.key, own);
  if (shared) return shared;
  const slot = accountSlot(own, username);
  const key = slot ? unwrapSlot(own, slot, password) : null;
  if (key) return key;
  throw new HallError(
    'DATA_PROBLEM',
    '这个备份的密钥文件与当前的密钥文件没有共同的密码或恢复码，也打不开这个密码：请用备份当时的管理员密码恢复。',
  );
}

/**
 * Restores `file` and audits it; then sessions whose account is absent, disabled or changed in
 * the restored data end at once.
 */
export function restoreWith(
  core: RestoreCore,
  file: string,
  proof: Proof,
  actor: { username: string; password: string; detail: Record<string, unknown> },
  requireAdminInBackup: boolean,
): { keptAside: string | null } {
  const { store, sessions } = core;
  const key = backupKey(store, file, proof, actor.username, actor.password);
  try {
    if (requireAdminInBackup) {
      if (store.roleInBackup(file, key, proof.accountId) !== 'admin')
        throw new HallError('FORBIDDEN', '恢复备份需要备份中的管理员账号。');
    }
    const result = store.restore(file, key, { keyring: proof.keyring, key: proof.key });
    const me = readAccount(store.database, proof.accountId);
    store.audit(me ? { id: me.id, name: `${me.displayName}(${me.username})` } : { id: null, name: actor.username }, {
      action: 'backup.restore',
      entity: 'backup',
      entityId: path.basename(file),
      detail: {
        ...actor.detail,
        keptAside: result.keptAside ? path.basename(result.keptAside) : null,
        offLineage: store.backupsOffLineage(),
      },
    });
    sessions.retain((s: Session) => {
      const row = readAccount(store.database, s.accountId);
      return row?.active === true && row.username === s.username && row.role === s.role;
    });
    return { keptAside: result.keptAside ? path.basename(result.keptAside) : null };
  } finally {
    key.fill(0);
  }
}

/**
 * Restores a backup file for an administrator proven by name and password, without a session:
 * for `hall restore` and for the login screen when the live database cannot be opened. The
 * password is checked through the gate against the live keyring (against the backup's own only
 * when there is no usable live keyring), and the account must be an active administrator in
 * the backup. When the live database opens with that key, the account must be an active
 * administrator there too: a working office is restored by its administrator, not by a name.
 */
export function restoreAsAdmin(
  core: RestoreCore,
  file: string,
  username: string,
  password: string,
  call: GateCall,
): { keptAside: string | null } {
  const { store } = core;
  const proof = prove(core.gate, liveKeyring(store) ?? store.backupKeyring(file), username, password, call);
  try {
    if (liveOpens(store, proof.key)) {
      const me = readAccount(store.database, proof.accountId);
      if (!me?.active || me.role !== 'admin') throw new HallError('FORBIDDEN', '恢复备份需要管理员账号。');
    }
    return restoreWith(core, file, proof, { username, password, detail: { host: call.host } }, true);
  } finally {
    proof.key.fill(0);
    if (core.sessions.size === 0) store.close();
  }
}

/** True when the live database opens (and is then open) with `key`. */
export function liveOpens(store: Store, key: Buffer): boolean {
  if (store.isOpen()) return store.holdsKey(key);
  try {
    store.open(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The login screen's remedy, only for a database that cannot be opened at all: the newest
 * backup (a kept-aside live database counts, so nothing older than it is ever chosen) that
 * opens and passes its checks.
 */
export function restoreLatestAsAdmin(
  core: RestoreCore,
  username: string,
  password: string,
  call: GateCall,
): { restored: string; keptAside: string | null } {
  const { store } = core;
  const proof = prove(core.gate, liveKeyring(store), username, password, call);
  try {
    if (liveOpens(store, proof.key))
      throw new HallError('RULE_VIOLATION', '数据库可以正常打开，请登录后在“设置 › 备份与恢复”中选择备份恢复。');
    const backups = store.listBackups();
    if (backups.length === 0) throw new HallError('NOT_FOUND', '没有可用的备份。');
    let lastError: unknown = null;
    for (const backup of backups) {
      try {
        const result = restoreWith(core, backup.file, proof, { username, password, detail: { host: call.host } }, true);
        return { restored: backup.name, ...result };
      } catch (error) {
        if (error instanceof HallError && error.code === 'FORBIDDEN') throw error;
        lastError = error;
      }
    }
    throw lastError instanceof HallError ? lastError : new HallError('DATA_PROBLEM', '所有备份都无法通过校验。');
  } finally {
    proof.key.fill(0);
    if (core.sessions.size === 0) store.close();
  }
}

/** A logged-in administrator's restore, the password asked again as for any destructive act. */
export function restoreAsSession(
  core: RestoreCore,
  file: string,
  session: Session,
  password: string,
  call: GateCall,
): { keptAside: string | null } {
  const { store } = core;
  const keyring = store.keyring();
  const proof = core.gate.check(
    session.username,
    call,
    (): Proof | null => {
      const slot = accountSlot(keyring, session.username);
      const key = slot ? unwrapSlot(keyring, slot, password) : null;
      if (key && store.holdsKey(key)) return { keyring, key, accountId: session.accountId };
      key?.fill(0);
      return null;
    },
    { message: '密码不正确，未恢复。', fields: [{ path: 'password', message: '密码不正确' }] },
  );
  try {
    return restoreWith(core, file, proof, { username: session.username, password, detail: { host: call.host } }, false);
  } finally {
    proof.key.fill(0);
  }
}
