import { asc, isNull } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { actorOf } from '../infra/access';
import { orm } from '../infra/db/orm';
import { value } from '../infra/db/sql';
import { accounts } from '../infra/db/schema';
import { DEFAULT_KDF, makeSlot, withoutAccount, withSlot, type KdfParams } from '../infra/key-slots';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';
import { ACCOUNT_FIELDS, readAccount, toAccountView } from './account-rows';
import { requireRows } from '../infra/references';

export interface AccountsDeps {
  store: Store;
  sessions: SessionStore;
  kdf?: KdfParams;
}

/** Account administration: each account has its own key slot, written with the account. */
export function accountsHandlers(deps: AccountsDeps): AreaHandlers<'accounts'> {
  return {
    'accounts.list': () => listAccounts(deps),
    'accounts.create': (input, call) => createAccount(deps, input, call),
    'accounts.resetPassword': (input, call) => resetPassword(deps, input, call),
    'accounts.remove': (input, call) => removeAccount(deps, input, call),
  };
}

function listAccounts({ store }: AccountsDeps) {
  return orm(store.database)
    .select(ACCOUNT_FIELDS)
    .from(accounts)
    .where(isNull(accounts.removedAt))
    .orderBy(asc(accounts.id))
    .all()
    .map(toAccountView);
}

function createAccount(
  { store, kdf = DEFAULT_KDF }: AccountsDeps,
  input: MethodParsedInput<'accounts.create'>,
  call: ServiceCall,
) {
  const key = store.currentKey();
  const id = store.write(actorOf(call.session), (db, audit) => {
    const exists = db.prepare('SELECT 1 FROM accounts WHERE username = ?').get(input.username);
    if (exists)
      throw new HallError('CONFLICT', `用户名“${input.username}”已被使用。`, [
        { path: 'username', message: '用户名已被使用' },
      ]);
    requireRows(db, [{ path: 'leaderId', table: 'leaders', ids: input.leaderId, active: true }]);
    const newId = Number(
      db
        .prepare(
          'INSERT INTO accounts (username, display_name, role, leader_id, must_change_password) VALUES (?, ?, ?, ?, 1)',
        )
        .run(input.username, input.displayName, input.role, input.leaderId).lastInsertRowid,
    );
    audit({ action: 'account.create', entity: 'account', entityId: newId, detail: { role: input.role } });
    const keyring = store.keyring();
    store.saveKeyring(
      withSlot(
        keyring,
        makeSlot(keyring, key, input.password, { kind: 'account', accountId: newId, username: input.username }, kdf),
      ),
    );
    return newId;
  });
  return toAccountView(readAccount(store.database, id)!);
}

function resetPassword(
  { store, sessions, kdf = DEFAULT_KDF }: AccountsDeps,
  input: MethodParsedInput<'accounts.resetPassword'>,
  call: ServiceCall,
) {
  const key = store.currentKey();
  const row = readAccount(store.database, input.accountId);
  if (!row?.active) throw new HallError('NOT_FOUND', '没有这个账号。');
  store.write(actorOf(call.session), (db, audit) => {
    db.prepare('UPDATE accounts SET must_change_password = 1, updated_at = hall_now() WHERE id = ?').run(row.id);
    audit({ action: 'account.resetPassword', entity: 'account', entityId: row.id });
    const keyring = store.keyring();
    store.saveKeyring(
      withSlot(
        keyring,
        makeSlot(keyring, key, input.newPassword, { kind: 'account', accountId: row.id, username: row.username }, kdf),
      ),
    );
  });
  // A reset is for an account whose password is in doubt: whoever is logged in with it is out now.
  sessions.closeAccount(row.id);
  return { ok: true as const };
}

function removeAccount(
  { store, sessions }: AccountsDeps,
  input: MethodParsedInput<'accounts.remove'>,
  call: ServiceCall,
) {
  const session = call.session!;
  if (input.accountId === session.accountId) throw new HallError('RULE_VIOLATION', '不能停用自己正在使用的账号。');
  const row = readAccount(store.database, input.accountId);
  if (!row?.active) throw new HallError('NOT_FOUND', '没有这个账号。');
  store.write(actorOf(session), (db, audit) => {
    if (row.role === 'admin') {
      const admins = value<number>(db, "SELECT count(*) FROM accounts WHERE role = 'admin' AND active = 1");
      if (admins! <= 1) throw new HallError('RULE_VIOLATION', '至少要保留一个管理员账号。');
    }
    db.prepare('UPDATE accounts SET active = 0, removed_at = hall_now(), updated_at = hall_now() WHERE id = ?').run(
      row.id,
    );
    audit({ action: 'account.remove', entity: 'account', entityId: row.id });
    store.saveKeyring(withoutAccount(store.keyring(), row.id));
  });
  sessions.closeAccount(row.id);
  return { ok: true as const };
}
