import path from 'node:path';
import { HallError } from '../../../shared/contract';
import { verifyAudit } from '../infra/audit-chain';
import { accountSlot, unwrapSlot } from '../infra/key-slots';
import { restoreLatestAsAdmin } from '../backup/restore';
import type { Handler } from '../infra/router';
import type { SessionStore } from '../infra/sessions';
import type { BackupInfo, Store } from '../infra/store';
import { actorOf } from '../auth/handlers';

export interface AdminDeps {
  store: Store;
  sessions: SessionStore;
}

const backupView = (b: BackupInfo) => ({ name: b.name, reason: b.reason, createdAt: b.createdAt, size: b.size });

/** Settings, backups and the audit trail: the administrator's tools. */
export function adminHandlers({ store, sessions }: AdminDeps) {
  const getSettings: Handler<'settings.get'> = () => store.settings();

  const updateSettings: Handler<'settings.update'> = (input, call) => {
    const before = store.settings();
    store.write(actorOf(call.session), (db, audit) => {
      store.putSettings(db, input);
      audit({ action: 'settings.update', entity: 'settings', before, after: { ...before, ...input }, detail: { keys: Object.keys(input) } });
    });
    const after = store.settings();
    sessions.setIdleLock(after.idleLockMinutes * 60_000);
    return after;
  };

  const listBackups: Handler<'backup.list'> = () => store.listBackups().map(backupView);

  const createBackup: Handler<'backup.create'> = (_input, call) => {
    const info = store.backup('manual');
    store.audit(actorOf(call.session), { action: 'backup.create', entity: 'backup', entityId: info.name });
    return backupView(info);
  };

  const restoreBackup: Handler<'backup.restore'> = (input, call) => {
    const session = call.session!;
    const info = store.listBackups().find((b) => b.name === input.name);
    if (!info) throw new HallError('NOT_FOUND', '没有这个备份。');
    // Restoring replaces everything: the password is asked again, as for any destructive act.
    const keyring = store.keyring();
    const slot = accountSlot(keyring, session.username);
    const key = slot ? unwrapSlot(keyring, slot, input.password) : null;
    if (!key || !store.holdsKey(key)) throw new HallError('WRONG_CREDENTIALS', '密码不正确，未恢复。', [{ path: 'password', message: '密码不正确' }]);
    const result = store.restore(info.file, key, keyring);
    key.fill(0);
    store.audit(actorOf(session), { action: 'backup.restore', entity: 'backup', entityId: info.name, detail: { keptAside: result.keptAside ? path.basename(result.keptAside) : null } });
    return { restored: info.name, keptAside: result.keptAside ? path.basename(result.keptAside) : null };
  };

  const restoreLatest: Handler<'backup.restoreLatest'> = (input, call) => {
    // Only for a store that cannot be opened: a working one is restored from 设置 › 备份.
    if (store.isOpen()) throw new HallError('RULE_VIOLATION', '数据库运行正常，请登录后在“设置 › 备份与恢复”中恢复。');
    const result = restoreLatestAsAdmin(store, input.username, input.password, call.host);
    if (sessions.size === 0) store.close();
    return result;
  };

  const listAudit: Handler<'audit.list'> = (input) => {
    const db = store.database;
    const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const entries = db
      .prepare(
        `SELECT seq, at, actor_name AS actorName, action, entity, entity_id AS entityId, detail FROM audit_log
         WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit) as {
      seq: number;
      at: string;
      actorName: string;
      action: string;
      entity: string;
      entityId: string | null;
      detail: string;
    }[];
    return { entries, total };
  };

  const verify: Handler<'audit.verify'> = () => {
    const v = verifyAudit(store.database);
    return v.ok ? { ok: true, count: v.count, brokenSeq: null, reason: null } : { ok: false, count: v.count, brokenSeq: v.brokenSeq, reason: v.reason };
  };

  return {
    'settings.get': getSettings,
    'settings.update': updateSettings,
    'backup.list': listBackups,
    'backup.create': createBackup,
    'backup.restore': restoreBackup,
    'backup.restoreLatest': restoreLatest,
    'audit.list': listAudit,
    'audit.verify': verify,
  };
}
