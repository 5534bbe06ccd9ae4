import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { LATEST_SCHEMA, migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations.generated';
import { tempDir } from '../helpers/tmp';
// @ts-expect-error: a plain .mjs build script without types
import { renderMigrations, outFile } from '../../build/scripts/embed-migrations.mjs';

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const key = randomBytes(32);
  let db: Db;

  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'hall.db');
    db = openDatabase(file, { key });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('embeds exactly the SQL that drizzle-kit generated (run npm run db:generate after a schema change)', () => {
    expect(fs.readFileSync(outFile as string, 'utf8')).toBe((renderMigrations as () => string)());
  });

  it('builds an empty database to the latest version without a backup', () => {
    const backup = vi.fn();
    expect(migrate(db, backup)).toEqual({ from: 0, to: LATEST_SCHEMA });
    expect(backup).not.toHaveBeenCalled();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA);
  });

  it('0001 (append-only audit) upgrades a version-1 database with data, after a backup', () => {
    migrate(db, () => {}, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO accounts (username, display_name, role) VALUES ('a', '甲', 'admin')").run();
    db.prepare("INSERT INTO audit_log (seq, at, actor_name, action, entity, prev_hash, hash) VALUES (1, 'now', '甲', 'x', 'y', 'p', 'h')").run();
    db.prepare("UPDATE audit_log SET action = 'changed' WHERE seq = 1").run();
    const backup = vi.fn();
    expect(migrate(db, backup, MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect(backup).toHaveBeenCalledWith(1);
    expect(db.prepare('SELECT username FROM accounts').all()).toEqual([{ username: 'a' }]);
    expect(() => db.prepare("UPDATE audit_log SET action = 'again' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('0002 (slot rule dates) adds the column to a version-2 database and keeps its slots', () => {
    migrate(db, () => {}, MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO duty_slots (date, session, start_time, end_time, form) VALUES ('2026-11-23', 'morning', '08:30', '11:30', 'regular')").run();
    expect(migrate(db, () => {})).toEqual({ from: 2, to: 3 });
    expect(db.prepare('SELECT date, rule_date FROM duty_slots').all()).toEqual([{ date: '2026-11-23', rule_date: null }]);
  });

  it('refuses a database made by a newer app and does not touch it', () => {
    migrate(db, () => {});
    db.prepare("INSERT INTO schema_migrations (version, tag, hash, applied_at) VALUES (99, 'future', 'f', 'now')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.readFileSync(file);
    expect(() => migrate(db, () => {})).toThrow(/更新版本的软件/);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose applied migration differs from the app’s', () => {
    migrate(db, () => {});
    db.prepare("UPDATE schema_migrations SET hash = 'other' WHERE version = 1").run();
    expect(() => migrate(db, () => {})).toThrow(/不一致/);
  });

  it('rolls a migration back whole when it leaves a broken reference', () => {
    migrate(db, () => {});
    db.prepare("INSERT INTO leaders (name, post) VALUES ('甲', '副县长')").run();
    const bad = [...MIGRATIONS, { version: LATEST_SCHEMA + 1, tag: 'bad', hash: 'b', statements: ['INSERT INTO leader_scopes (leader_id) VALUES (999)', 'CREATE TABLE never_here (x)'] }];
    expect(() => migrate(db, () => {}, bad)).toThrow(/引用错误/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'never_here'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM leader_scopes').get()).toEqual({ n: 0 });
  });
});
