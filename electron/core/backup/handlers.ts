import path from 'node:path';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { actorOf } from '../infra/access';
import { accountSlot, unwrapSlot } from '../infra/key-slots';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { SessionStore } from '../infra/sessions';
import type { BackupInfo, Store } from '../infra/store';
import { restoreLatestAsAdmin } from './restore';

export interface BackupDeps {
  store: Store;
  sessions: SessionStore;
}

/** Backups of the encrypted database: list, make one, restore one. */
export function backupHandlers(deps: BackupDeps): AreaHandlers<'backup'> {
  return {
    'backup.list': () => deps.store.listBackups().map(backupView),
    'backup.create': (_input, call) => createBackup(deps, call),
    'backup.restore': (input, call) => restoreBackup(deps, input, call),
    'backup.restoreLatest': (input, call) => restoreLatest(deps, input, call),
  };
}

const backupView = (b: BackupInfo) => ({ name: b.name, reason: b.reason, createdAt: b.createdAt, size: b.size });

function createBackup({ store }: BackupDeps, call: ServiceCall) {
  const info = store.backup('manual');
  store.audit(actorOf(call.session), { action: 'backup.create', entity: 'backup', entityId: info.name });
  return backupView(info);
}

function restoreBackup({ store }: BackupDeps, input: MethodParsedInput<'backup.restore'>, call: ServiceCall) {
  const session = call.session!;
  const info = store.listBackups().find((b) => b.name === input.name);
  if (!info) throw new HallError('NOT_FOUND', '没有这个备份。');
  // Restoring replaces everything: the password is asked again, as for any destructive act.
  const keyring = store.keyring();
  const slot = accountSlot(keyring, session.username);
  const key = slot ? unwrapSlot(keyring, slot, input.password) : null;
  if (!key || !store.holdsKey(key))
    throw new HallError('WRONG_CREDENTIALS', '密码不正确，未恢复。', [{ path: 'password', message: '密码不正确' }]);
  const result = store.restore(info.file, key, keyring);
  key.fill(0);
  store.audit(actorOf(session), {
    action: 'backup.restore',
    entity: 'backup',
    entityId: info.name,
    detail: { keptAside: result.keptAside ? path.basename(result.keptAside) : null },
  });
  return { restored: info.name, keptAside: result.keptAside ? path.basename(result.keptAside) : null };
}

function restoreLatest(
  { store, sessions }: BackupDeps,
  input: MethodParsedInput<'backup.restoreLatest'>,
  call: ServiceCall,
) {
  // Only for a store that cannot be opened: a working one is restored from 设置 › 备份.
  if (store.isOpen()) throw new HallError('RULE_VIOLATION', '数据库运行正常，请登录后在“设置 › 备份与恢复”中恢复。');
  const result = restoreLatestAsAdmin(store, input.username, input.password, call.host);
  if (sessions.size === 0) store.close();
  return result;
}
