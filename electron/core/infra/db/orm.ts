import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Db } from './connection';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

const instances = new WeakMap<Db, Orm>();

/**
 * drizzle's query builder over an open connection, for plain create/read/update of master data
 * (people, accounts, settings, roster): rows are typed from the schema, booleans are booleans.
 * Raw SQL stays where drizzle does not fit (see infra/db/sql.ts and docs/architecture.md).
 */
export function orm(db: Db): Orm {
  let o = instances.get(db);
  if (!o) instances.set(db, (o = drizzle(db, { schema })));
  return o;
}
