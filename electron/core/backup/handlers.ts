import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { actorOf } from '../infra/access';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { KeyringFile } from '../infra/key-slots';
import type { BackupInfo, Store } from '../infra/store';
import type { BackgroundBackups } from './background';
import { restoreAsSession, restoreLatestAsAdmin, type RestoreCore } from './restore';

export type BackupDeps = RestoreCore & { backups: BackgroundBackups };

/** Backups of the encrypted database: list, make one, restore one. */
export function backupHandlers(deps: BackupDeps): AreaHandlers<'backup'> {
  return {
    'backup.list': () => {
      const live = deps.store.keyring();
      return deps.store.listBackups().map((b) => backupView(deps.store, b, live));
    },
    'backup.status': () => ({ running: deps.backups.status(), ...deps.backups.spaceReport() }),
    'backup.create': (_input, call) => createBackup(deps, call),
    'backup.reencrypt': (input, call) => reencryptBackups(deps, input, call),
    'backup.restore': (input, call) => restoreBackup(deps, input, call),
    'backup.restoreLatest': (input, call) => restoreLatest(deps, input, call),
  };
}

const backupView = (store: Store, b: BackupInfo, live: KeyringFile) => ({
  name: b.name,
  reason: b.reason,
  createdAt: b.createdAt,
  size: b.size,
  ...store.keyStatus(b.file, live),
});

/** Made in the background like the daily one: the call waits for it, the app does not. */
async function createBackup({ store, backups }: BackupDeps, call: ServiceCall) {
  const info = await backups.run('manual');
  store.audit(actorOf(call.session), { action: 'backup.create', entity: 'backup', entityId: info.name });
  return backupView(store, info, store.keyring());
}

/** One backup by name, or every backup whose keyring holds revoked secrets or the live key. */
function reencryptBackups({ store }: BackupDeps, input: MethodParsedInput<'backup.reencrypt'>, call: ServiceCall) {
  const all = store.listBackups();
  const live = store.keyring();
  const stale = (b: BackupInfo) => {
    const status = store.keyStatus(b.file, live);
    return status.revoked > 0 || status.sharesLiveKey;
  };
  const chosen = input.name ? all.filter((b) => b.name === input.name) : all.filter(stale);
  if (input.name && chosen.length === 0) throw new HallError('NOT_FOUND', '没有这个备份。');
  const reencrypted: string[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const b of chosen) {
    try {
      store.reencryptBackup(b.file);
      reencrypted.push(b.name);
    } catch (error) {
      if (!(error instanceof HallError)) throw error;
      failed.push({ name: b.name, message: error.message });
    }
  }
  store.audit(actorOf(call.session), {
    action: 'backup.reencrypt',
    entity: 'backup',
    detail: { reencrypted, failed: failed.map((f) => f.name) },
  });
  return { reencrypted, failed };
}

/** A restore waits for a backup in progress (and backups asked for meanwhile wait for it): see BackgroundBackups.exclusive. */
function restoreBackup(core: BackupDeps, input: MethodParsedInput<'backup.restore'>, call: ServiceCall) {
  return core.backups.exclusive(() => restoreNamed(core, input, call));
}

function restoreNamed(core: BackupDeps, input: MethodParsedInput<'backup.restore'>, call: ServiceCall) {
  const info = core.store.listBackups().find((b) => b.name === input.name);
  if (!info) throw new HallError('NOT_FOUND', '没有这个备份。');
  const result = restoreAsSession(core, info.file, call.session!, input.password, {
    host: call.host,
    check: 'backup.restore',
  });
  return { restored: info.name, ...result };
}

function restoreLatest(core: BackupDeps, input: MethodParsedInput<'backup.restoreLatest'>, call: ServiceCall) {
  // Only for a store that cannot be opened: a working one is restored from 设置 › 备份.
  if (core.store.isOpen())
    throw new HallError('RULE_VIOLATION', '数据库运行正常，请登录后在“设置 › 备份与恢复”中恢复。');
  return core.backups.exclusive(() =>
    restoreLatestAsAdmin(core, input.username, input.password, { host: call.host, check: 'backup.restoreLatest' }),
  );
}
