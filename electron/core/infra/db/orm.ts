import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
} from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { BetterSQLiteSession } from 'drizzle-orm/better-sqlite3/session';
import { BaseSQLiteDatabase, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

const instances = new WeakMap<Db, Orm>();

/**
 * drizzle's query builder over an open connection, for plain create/read/update of master data
 * (people, accounts, settings, roster): rows are typed from the schema, booleans are booleans.
 * Raw SQL stays where drizzle does not fit (see infra/db/sql.ts and docs/architecture.md).
 *
 * Built from drizzle's session, not with `drizzle()` from 'drizzle-orm/better-sqlite3': that
 * module imports the `better-sqlite3` package, which is not installed (the driver here is
 * better-sqlite3-multiple-ciphers, with the same API), so loading it would fail at run time.
 */
export function orm(db: Db): Orm {
  let o = instances.get(db);
  if (!o) instances.set(db, (o = connect(db)));
  return o;
}

function connect(db: Db): Orm {
  const dialect = new SQLiteSyncDialect();
  const tables = extractTablesRelationalConfig<ExtractTablesWithRelations<typeof schema>>(
    schema,
    createTableRelationsHelpers,
  );
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new BetterSQLiteSession<typeof schema, ExtractTablesWithRelations<typeof schema>>(
    db,
    dialect,
    relational,
  );
  return Object.assign(
    new BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>('sync', dialect, session, relational),
    { $client: db },
  );
}
