import { HallError } from '../../../shared/contract';
import { actorOf } from '../infra/access';
import {
  accountSlot,
  createKeyring,
  makeSlot,
  newDatabaseKey,
  newRecoveryCode,
  unwrapSlot,
  withSlot,
} from '../infra/key-slots';
import type { CallContext } from '../infra/router';
import { adminSession, type OperationCore } from './access';

/**
 * A new recovery code in place of the old one, which stops working at once. The database key
 * and every account slot stay as they are. Returns the code, to be shown once.
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
 * A new database key: a backup first, then the database is re-encrypted and the keyring holds
 * only the calling administrator (with `password`, which must be theirs) and a new recovery
 * code. Every other account needs its password reset by an administrator afterwards.
 */
export function changeDatabaseKey(
  { store, sessions }: OperationCore,
  ctx: CallContext,
  password: string,
): { recoveryCode: string } {
  const me = adminSession(sessions, ctx);
  const current = store.keyring();
  const slot = accountSlot(current, me.username);
  const proven = slot ? unwrapSlot(current, slot, password) : null;
  const holds = proven !== null && store.holdsKey(proven);
  proven?.fill(0);
  if (!holds)
    throw new HallError('WRONG_CREDENTIALS', '密码不正确，未更换数据库密钥。', [
      { path: 'password', message: '密码不正确' },
    ]);

  const recoveryCode = newRecoveryCode();
  const newKey = newDatabaseKey();
  try {
    let keyring = createKeyring(newKey);
    keyring = withSlot(
      keyring,
      makeSlot(keyring, newKey, password, { kind: 'account', accountId: me.accountId, username: me.username }),
    );
    keyring = withSlot(keyring, makeSlot(keyring, newKey, recoveryCode, { kind: 'recovery' }));
    store.backup('pre-rekey');
    store.rekeyDatabase(newKey, keyring);
  } finally {
    newKey.fill(0);
  }
  store.audit(actorOf(me), { action: 'keyring.rekeyDatabase', entity: 'keyring' });
  return { recoveryCode };
}
