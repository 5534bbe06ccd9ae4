import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { accountSlot, readKeyring, unwrapSlot, type KeyringFile } from '../infra/key-slots';
import type { Store } from '../infra/store';

/**
 * Restores a backup for an administrator who proves it with a password. Works when the live
 * database cannot be opened at all (damaged, or the key has changed since the backup): the
 * backup's own keyring is tried first, then the current one, and the account must be an
 * active administrator *in the backup*. Nothing is replaced before every check has passed.
 */
export function restoreAsAdmin(
  store: Store,
  file: string,
  username: string,
  password: string,
  host: string,
): { keptAside: string | null } {
  const keyrings: KeyringFile[] = [];
  if (fs.existsSync(`${file}.keyring.json`)) keyrings.push(readKeyring(`${file}.keyring.json`));
  if (fs.existsSync(store.files.keyring)) keyrings.push(readKeyring(store.files.keyring));
  for (const keyring of keyrings) {
    const slot = accountSlot(keyring, username);
    const key = slot?.accountId ? unwrapSlot(keyring, slot, password) : null;
    if (!key || !slot?.accountId) continue;
    try {
      const { role } = store.checkBackup(file, key, slot.accountId);
      if (role !== 'admin') throw new HallError('FORBIDDEN', '恢复备份需要备份中的管理员账号。');
      const result = store.restore(file, key, keyring);
      store.audit(
        { id: slot.accountId, name: username },
        { action: 'backup.restore', entity: 'backup', entityId: path.basename(file), detail: { host } },
      );
      return { keptAside: result.keptAside ? path.basename(result.keptAside) : null };
    } finally {
      key.fill(0);
    }
  }
  throw new HallError('WRONG_CREDENTIALS', '用户名或密码不正确（已对照备份的密钥文件和当前密钥文件）。');
}

/** The newest backup that opens with the administrator's key and passes its checks. */
export function restoreLatestAsAdmin(
  store: Store,
  username: string,
  password: string,
  host: string,
): { restored: string; keptAside: string | null } {
  const backups = store.listBackups();
  if (backups.length === 0) throw new HallError('NOT_FOUND', '没有可用的备份。');
  let lastError: unknown = null;
  for (const backup of backups) {
    try {
      return { restored: backup.name, ...restoreAsAdmin(store, backup.file, username, password, host) };
    } catch (error) {
      // A wrong password is wrong for every backup: stop at once.
      if (error instanceof HallError && (error.code === 'WRONG_CREDENTIALS' || error.code === 'FORBIDDEN')) throw error;
      lastError = error;
    }
  }
  throw lastError instanceof HallError ? lastError : new HallError('DATA_PROBLEM', '所有备份都无法通过校验。');
}
