import { HallError } from '../../../../shared/contract';
import type { Db } from './connection';
import { MIGRATIONS, type Migration } from './migrations.generated';
import { all, one, value } from './sql';
import { machineTime } from '../clock';

export const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** A statement that opens the table definitions for an in-place edit (migration 0006). */
const editsDefinitions = (statement: string) => /writable_schema\s*=\s*ON/i.test(statement);

export function schemaVersion(db: Db): number {
  const exists = one(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  if (!exists) return 0;
  return value<number | null>(db, 'SELECT max(version) FROM schema_migrations') ?? 0;
}

/**
 * Brings a database to the app's schema. A database made by a newer app is refused before
 * anything is written. Pending migrations run after `beforeMigrate` (a backup) in one
 * transaction, with foreign keys off outside it (drizzle's table rebuilds would otherwise
 * cascade-delete) and foreign_key_check inside it, so a violation rolls everything back.
 */
export function migrate(
  db: Db,
  beforeMigrate: (from: number) => void,
  migrations: Migration[] = MIGRATIONS,
): { from: number; to: number } {
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
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  if (from > 0) beforeMigrate(from);

  // A migration that edits table definitions in place (0006: column defaults) needs SQLite's
  // defensive mode off for writable_schema, and the schema version bumped so every connection
  // reads the edited definitions. Only the app's own, hash-checked migrations run like this.
  const editsSchema = pending.some((m) => m.statements.some(editsDefinitions));
  db.pragma('foreign_keys = OFF');
  if (editsSchema) db.unsafeMode(true);
  try {
    db.transaction(() => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const record = db.prepare('INSERT INTO schema_migrations (version, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
      for (const m of pending) {
        for (const statement of m.statements) db.exec(statement);
        // After an in-place edit of table definitions, a new schema version makes the connection
        // read them again before the next migration: an ALTER TABLE on the old parse would write
        // its column at the old offset into the edited text.
        if (m.statements.some(editsDefinitions)) {
          const version = db.pragma('schema_version', { simple: true }) as number;
          db.pragma(`schema_version = ${version + 1}`);
        }
        // Machine time: when the schema really changed on this machine, even during a rehearsal.
        record.run(m.version, m.tag, m.hash, machineTime());
      }
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0)
        throw new HallError(
          'DATA_PROBLEM',
          `数据库升级后发现 ${violations.length} 处引用错误，升级已撤销，数据保持原样。`,
        );
    })();
  } finally {
    if (editsSchema) db.unsafeMode(false);
    db.pragma('foreign_keys = ON');
  }
  return { from, to: pending.at(-1)!.version };
}
