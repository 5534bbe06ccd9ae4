import { actorOf } from '../infra/access';
import {
  isLegacySlot,
  makeSlot,
  newDatabaseKey,
  newRecoveryCode,
  rebindKeyring,
  recoverySlot,
  withSlot,
} from '../infra/key-slots';
import { unwrapOwn } from '../auth/keys';
import type { CallContext } from '../infra/router';
import { adminSession, type OperationCore } from './access';

/**
 * A new recovery code in place of the old one, with a new slot key: the old code opens neither
 * the live keyring nor anything written from now on, only backups made before (which the backup
 * list marks for re-encryption). Returns the code, to be shown once.
 */
export function rotateRecoveryCode({ store, sessions }: OperationCore, ctx: CallContext): { recoveryCode: string } {
  const me = adminSession(sessions, ctx);
  const recoveryCode = newRecoveryCode();
  const keyring = store.keyring();
  const key = store.currentKey();
  store.write(actorOf(me), (_db, audit) => {
    audit({ action: 'keyring.rotateRecovery', entity: 'keyring' });
    store.saveKeyring(withSlot(keyring, makeSlot(keyring, key, recoveryCode, { kind: 'recovery' })));
  });
  return { recoveryCode };
}

/**
 * A new database key and a new recovery code: a backup first, then a re-encrypted copy of the
 * database replaces the live file, and every slot is bound to the new key through its escrow
 * (key-slots.ts), so every account keeps its password. The old key and the old recovery code
 * no longer open the live file; backups made before still open with the old code and are
 * marked for re-encryption in the backup list. Returns the new code, to be shown once.
 */
export function changeDatabaseKey(
  { store, sessions, gate, backups }: OperationCore,
  ctx: CallContext,
  password: string,
): Promise<{ recoveryCode: string; dropped: number }> {
  const me = adminSession(sessions, ctx);
  const current = store.keyring();
  gate.check(
    me.username,
    { host: ctx.host, check: 'keyring.rekeyDatabase' },
    () => {
      const proven = unwrapOwn(current, me.username, password);
      const holds = proven !== null && store.holdsKey(proven);
      proven?.fill(0);
      return holds ? true : null;
    },
    { message: '密码不正确，未更换数据库密钥。', fields: [{ path: 'password', message: '密码不正确' }] },
  );

  // After any backup in progress, and none starts until the new key is in place: the backup
  // before the rekey is made like every other (in the worker), then the live file is replaced.
  return backups.exclusive(async (backup) => {
    await backup('pre-rekey');
    const keyring = store.keyring();
    const recoveryCode = newRecoveryCode();
    const newKey = newDatabaseKey();
    let dropped = 0;
    try {
      const rebound = rebindKeyring(keyring, store.currentKey(), newKey);
      dropped = rebound.dropped - (recoverySlot(keyring) && isLegacySlot(recoverySlot(keyring)!) ? 1 : 0);
      store.rekeyDatabase(
        newKey,
        withSlot(rebound.keyring, makeSlot(rebound.keyring, newKey, recoveryCode, { kind: 'recovery' })),
      );
    } finally {
      newKey.fill(0);
    }
    store.audit(actorOf(me), { action: 'keyring.rekeyDatabase', entity: 'keyring', detail: { dropped } });
    return { recoveryCode, dropped };
  });
}
