import { HallError } from '../../../../shared/contract';
import type { Db } from './connection';
import { MIGRATIONS, type Migration } from './migrations.generated';
import { all, one, value } from './sql';
import { machineTime } from '../clock';

export const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Db): number {
  const exists = one(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  if (!exists) return 0;
  return value<number | null>(db, 'SELECT max(version) FROM schema_migrations') ?? 0;
}

/**
 * The migrations a database still needs, or a refusal before anything is written: a database
 * made by a newer app, or one whose applied migrations differ from this app's.
 */
export function pendingMigrations(
  db: Db,
  migrations: Migration[] = MIGRATIONS,
): { from: number; pending: Migration[] } {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest)
    throw new HallError(
      'DATA_PROBLEM',
      `数据库由更新版本的软件创建（结构版本 ${from}），本软件只支持到版本 ${latest}。请升级软件；数据库未做任何改动。`,
    );
  if (from > 0) {
    const applied = all<Pick<Migration, 'version' | 'hash'>>(
      db,
      'SELECT version, hash FROM schema_migrations ORDER BY version',
    );
    for (const row of applied) {
      const known = migrations.find((m) => m.version === row.version);
      if (!known || known.hash !== row.hash)
        throw new HallError(
          'DATA_PROBLEM',
          `数据库结构版本 ${row.version} 与本软件不一致，请联系技术支持；数据库未做任何改动。`,
        );
    }
  }
  return { from, pending: migrations.filter((m) => m.version > from) };
}

/**
 * Called after each statement of a migration: which migration (index in the pending list) and
 * how many of its statements are done; the closing foreign_key_check counts as one more
 * statement of the last migration.
 */
export type MigrationReport = (migration: number, statementsDone: number) => void;

/**
 * Brings a database to the app's schema on this thread. A database made by a newer app is
 * refused before anything is written. Pending migrations run after `beforeMigrate` (a backup)
 * in one transaction (applyMigrations). A store that may need long migrations at login goes
 * through the upgrade worker instead (auth/upgrade.ts), which runs the same applyMigrations.
 */
export function migrate(
  db: Db,
  beforeMigrate: (from: number) => void,
  migrations: Migration[] = MIGRATIONS,
  report?: MigrationReport,
): { from: number; to: number } {
  const { from, pending } = pendingMigrations(db, migrations);
  if (pending.length === 0) return { from, to: from };
  if (from > 0) beforeMigrate(from);
  try {
    applyMigrations(db, pending, machineTime(), report ?? (() => {}));
  } catch (error) {
    throw migrationError(error);
  }
  return { from, to: pending.at(-1)!.version };
}

/** applyMigrations' own errors as the contract's; a driver's pass through. */
export function migrationError(error: unknown): unknown {
  const violations = (error as { violations?: unknown } | null)?.violations;
  if (typeof violations === 'number')
    return new HallError('DATA_PROBLEM', `数据库升级后发现 ${violations} 处引用错误，升级已撤销，数据保持原样。`);
  return error;
}

/**
 * Runs `pending` in one transaction, with foreign keys off outside it (drizzle's table rebuilds
 * would otherwise cascade-delete) and foreign_key_check inside it, so a violation rolls
 * everything back. `appliedAt` is machine time: when the schema really changed on this machine,
 * even during a rehearsal.
 *
 * Self-contained on purpose (no imports, no closures over this module): the upgrade worker
 * (db/upgrade-worker.ts) runs this function's own text on its connection, so the app applies a
 * migration one way on either thread. A foreign-key violation throws an error carrying
 * `violations` (see migrationError).
 */
export function applyMigrations(
  db: Db,
  pending: Migration[],
  appliedAt: string,
  report: (migration: number, statementsDone: number) => void,
): void {
  // A migration that edits table definitions in place (0006: column defaults) needs SQLite's
  // defensive mode off for writable_schema, and the schema version bumped so every connection
  // reads the edited definitions. Only the app's own, hash-checked migrations run like this.
  const editsDefinitions = (statement: string) => /writable_schema\s*=\s*ON/i.test(statement);
  const editsSchema = pending.some((m) => m.statements.some(editsDefinitions));
  db.pragma('foreign_keys = OFF');
  if (editsSchema) db.unsafeMode(true);
  try {
    db.transaction(() => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const record = db.prepare('INSERT INTO schema_migrations (version, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
      pending.forEach((m, index) => {
        m.statements.forEach((statement, done) => {
          db.exec(statement);
          report(index, done + 1);
        });
        // After an in-place edit of table definitions, a new schema version makes the connection
        // read them again before the next migration: an ALTER TABLE on the old parse would write
        // its column at the old offset into the edited text.
        if (m.statements.some(editsDefinitions)) {
          const version = db.pragma('schema_version', { simple: true }) as number;
          db.pragma(`schema_version = ${version + 1}`);
        }
        record.run(m.version, m.tag, m.hash, appliedAt);
      });
      // Table by table (in name order), each reported as one more statement of the last
      // migration: at a million visits the check is most of an upgrade's time, and one pragma
      // over every table would leave the progress standing still for it.
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all()
        .map(String);
      let violations = 0;
      const last = pending.length - 1;
      const ran = pending.at(-1)?.statements.length ?? 0;
      tables.forEach((table, i) => {
        violations += (db.pragma(`foreign_key_check("${table.replace(/"/g, '""')}")`) as unknown[]).length;
        report(last, ran + 1 + i);
      });
      if (violations > 0) throw Object.assign(new Error('foreign key violations'), { violations });
    })();
  } finally {
    if (editsSchema) db.unsafeMode(false);
    db.pragma('foreign_keys = ON');
  }
}
