import { eq } from 'drizzle-orm';
import type { AccountView } from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import { orm } from '../infra/db/orm';
import { accounts } from '../infra/db/schema';

/** The columns of an account that login (auth) and account administration (accounts) read. */
export const ACCOUNT_FIELDS = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  role: accounts.role,
  leaderId: accounts.leaderId,
  active: accounts.active,
  mustChangePassword: accounts.mustChangePassword,
  createdAt: accounts.createdAt,
};

/** An account as stored (drizzle: booleans are booleans). */
export type AccountRow = Pick<typeof accounts.$inferSelect, keyof typeof ACCOUNT_FIELDS>;

export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    leaderId: row.leaderId,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt,
  };
}

export function readAccount(db: Db, id: number): AccountRow | undefined {
  return orm(db).select(ACCOUNT_FIELDS).from(accounts).where(eq(accounts.id, id)).get();
}

export function readAccountByName(db: Db, username: string): AccountRow | undefined {
  return orm(db).select(ACCOUNT_FIELDS).from(accounts).where(eq(accounts.username, username)).get();
}
