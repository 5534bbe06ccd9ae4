import type { AccountView } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import type { Db } from '../infra/db/connection';

/** An account as stored; read by login (auth) and by account administration (accounts). */
export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  leader_id: number | null;
  active: number;
  must_change_password: number;
  created_at: string;
}

export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    leaderId: row.leader_id,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  };
}

export const ACCOUNT_COLUMNS = 'id, username, display_name, role, leader_id, active, must_change_password, created_at';

export function readAccount(db: Db, id: number): AccountRow | undefined {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`).get(id) as AccountRow | undefined;
}

export function readAccountByName(db: Db, username: string): AccountRow | undefined {
  return db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE username = ?`).get(username) as AccountRow | undefined;
}
