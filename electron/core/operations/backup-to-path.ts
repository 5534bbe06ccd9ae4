import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { restoreAsAdmin } from '../backup/restore';
import { actorOf } from '../infra/access';
import type { CallContext } from '../infra/router';
import { adminSession, type OperationCore } from './access';

export interface BackupToPathResult {
  /** The backup, resolved to an absolute path. */
  file: string;
  /** Its keyring: today's passwords and recovery code, bound to this backup's own key. */
  keyringFile: string;
  size: number;
}

/**
 * An administrator's backup to a file of their choosing (a USB stick), made and checked like
 * every backup (in the worker thread, with `backup.progress` events) and audited as
 * `backup.create`. Not a contract method: a page must never name a path on this machine. The
 * caller's session is checked before this returns; the promise settles when the copy is checked.
 */
export function backupToPath(
  { store, sessions, backups }: OperationCore,
  ctx: CallContext,
  file: string,
): Promise<BackupToPathResult> {
  const me = adminSession(sessions, ctx);
  const target = path.resolve(file);
  return backups.run('manual', target).then((info) => {
    store.audit(actorOf(me), { action: 'backup.create', entity: 'backup', entityId: path.basename(target) });
    return { file: info.file, keyringFile: `${info.file}.keyring.json`, size: info.size };
  });
}

/**
 * Restores a backup file for an administrator of that backup, proven by username and password.
 * Needs no session: it must work when the live database cannot be opened at all.
 */
export function restoreFromPath(
  core: OperationCore,
  ctx: CallContext,
  input: { file: string; username: string; password: string },
): { file: string; keptAside: string | null } {
  const file = path.resolve(input.file);
  if (!fs.existsSync(file)) throw new HallError('NOT_FOUND', `找不到备份文件 ${file}`);
  return {
    file,
    ...restoreAsAdmin(core, file, input.username, input.password, { host: ctx.host, check: 'restore.file' }),
  };
}
