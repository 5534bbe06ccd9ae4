import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/infra/db/connection';
import { LATEST_SCHEMA, migrate, schemaVersion } from '../../electron/core/infra/db/migrate';
import { value } from '../../electron/core/infra/db/sql';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
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
    db.prepare(
      "INSERT INTO audit_log (seq, at, actor_name, action, entity, prev_hash, hash) VALUES (1, 'now', '甲', 'x', 'y', 'p', 'h')",
    ).run();
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
    db.prepare(
      "INSERT INTO duty_slots (date, session, start_time, end_time, form) VALUES ('2026-11-23', 'morning', '08:30', '11:30', 'regular')",
    ).run();
    expect(migrate(db, () => {}, MIGRATIONS.slice(0, 3))).toEqual({ from: 2, to: 3 });
    expect(db.prepare('SELECT date, rule_date FROM duty_slots').all()).toEqual([
      { date: '2026-11-23', rule_date: null },
    ]);
  });

  it('0003 and 0004 (ledger) fill the copies and the search indexes of a version-3 database, and keep them after', () => {
    migrate(db, () => {}, MIGRATIONS.slice(0, 3));
    const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
    const leader = run("INSERT INTO leaders (name, post) VALUES ('林海堃', '县长')");
    const category = run("INSERT INTO categories (name) VALUES ('城乡建设')");
    const locality = run("INSERT INTO localities (name) VALUES ('河口镇')");
    const lead = run("INSERT INTO units (name) VALUES ('县住建局')");
    const assist = run("INSERT INTO units (name) VALUES ('河口镇人民政府')");
    const person = run("INSERT INTO petitioners (name) VALUES ('欧阳娜娜')");
    const visit = run(
      "INSERT INTO visits (visit_no, date, arrived_at, demand) VALUES ('DJ1', '2026-03-02', '2026-03-02T01:00:00Z', '安置房逾期未交付')",
    );
    const interview = run("INSERT INTO interviews (visit_id, started_at) VALUES (?, '2026-03-02T01:10:00Z')", visit);
    run(
      "INSERT INTO interview_turns (interview_id, seq, speaker, text) VALUES (?, 1, 'petitioner', '开发商说要等到明年端午节才交房')",
      interview,
    );
    const caseId = run(
      `INSERT INTO cases (case_no, petitioner_id, title, demand, category_id, locality_id, owning_leader_id, accepted_on, deadline_rule, deadline_on, deadline_basis, status)
       VALUES ('XF20260001', ?, '安置房问题', '安置房逾期未交付', ?, ?, ?, '2026-03-02', 'answer_60_days', '2026-05-01', '{}', 'closed')`,
      person,
      category,
      locality,
      leader,
    );
    run('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)', caseId, visit);
    const assignment = run(
      "INSERT INTO assignments (case_id, assignment_no, instruction, deadline_on, assigned_at) VALUES (?, 'JB1', '请住建局牵头核实', '2026-03-20', 'now')",
      caseId,
    );
    run(
      "INSERT INTO assignment_units (assignment_id, unit_id, role) VALUES (?, ?, 'lead'), (?, ?, 'assist')",
      assignment,
      lead,
      assignment,
      assist,
    );
    run(
      "INSERT INTO closures (case_id, stage, findings, outcome, basis, answer_date, answer_way, satisfaction, closed_at) VALUES (?, 'handling', '经核实安置房主体已封顶', 'support', '条例', '2026-04-01', 'written_delivered', 'satisfied', 'now')",
      caseId,
    );

    expect(migrate(db, () => {})).toEqual({ from: 3, to: LATEST_SCHEMA });
    const row = () =>
      db
        .prepare(
          'SELECT leader_name, category_name, locality_name, lead_unit_id, units_label, outcome FROM cases WHERE id = ?',
        )
        .get(caseId);
    expect(row()).toEqual({
      leader_name: '林海堃',
      category_name: '城乡建设',
      locality_name: '河口镇',
      lead_unit_id: lead,
      units_label: '县住建局、河口镇人民政府',
      outcome: 'support',
    });
    const find = (table: string, q: string) =>
      db.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?`).all(q);
    expect(find('case_fts', '"端午节"')).toEqual([{ id: caseId }]);
    expect(find('case_fts', '"主体已封顶"')).toEqual([{ id: caseId }]);
    expect(find('case_fts2', '"封顶"')).toEqual([{ id: caseId }]);
    expect(db.prepare('SELECT unit_id FROM case_units WHERE case_id = ? ORDER BY unit_id').pluck().all(caseId)).toEqual(
      [lead, assist],
    );
    expect(db.prepare('SELECT status, leader_id, n FROM ledger_counts').all()).toEqual([
      { status: 'closed', leader_id: leader, n: 1 },
    ]);
    // Renames and new records reach the copies and the indexes through the triggers.
    db.prepare("UPDATE units SET name = '县住房和城乡建设局' WHERE id = ?").run(lead);
    db.prepare("UPDATE leaders SET name = '林海' WHERE id = ?").run(leader);
    run(
      "INSERT INTO follow_ups (case_id, at, way, by_name, result, satisfaction) VALUES (?, 'now', 'phone', '回访组', '信访人对交房时间仍有异议', 'unsatisfied')",
      caseId,
    );
    expect(row()).toMatchObject({ leader_name: '林海', units_label: '县住房和城乡建设局、河口镇人民政府' });
    db.prepare("UPDATE cases SET status = 'followed_up', owning_leader_id = NULL WHERE id = ?").run(caseId);
    expect(db.prepare('SELECT status, leader_id, n FROM ledger_counts WHERE n > 0').all()).toEqual([
      { status: 'followed_up', leader_id: 0, n: 1 },
    ]);
    expect(row()).toMatchObject({ leader_name: null });
    expect(find('case_fts', '"交房时间"')).toEqual([{ id: caseId }]);
    db.prepare('DELETE FROM interview_turns WHERE interview_id = ?').run(interview);
    expect(find('case_fts', '"端午节"')).toEqual([]);
    expect(find('case_fts2', '"端午"')).toEqual([]);
  });

  it('0006 (clock defaults) stamps new rows with the hall clock in a version-5 database, its rows and triggers kept', () => {
    db.close();
    // A connection on a rehearsal clock, as the store opens it with HALL_NOW set.
    db = openDatabase(file, { key, now: () => new Date('2026-10-09T01:00:00.000Z') });
    migrate(db, () => {}, MIGRATIONS.slice(0, 6));
    db.prepare("INSERT INTO accounts (username, display_name, role) VALUES ('a', '甲', 'admin')").run();
    const before = value<string>(db, "SELECT created_at FROM accounts WHERE username = 'a'")!;
    expect(before).not.toBe('2026-10-09T01:00:00.000Z');
    const triggers = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'").pluck().get();
    expect(migrate(db, () => {}, MIGRATIONS.slice(0, 7))).toEqual({ from: 6, to: 7 });
    db.prepare("INSERT INTO accounts (username, display_name, role) VALUES ('b', '乙', 'admin')").run();
    expect(db.prepare('SELECT username, created_at, updated_at FROM accounts ORDER BY id').all()).toEqual([
      { username: 'a', created_at: before, updated_at: before },
      { username: 'b', created_at: '2026-10-09T01:00:00.000Z', updated_at: '2026-10-09T01:00:00.000Z' },
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%''now''%'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'").pluck().get()).toBe(triggers);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Defensive mode is back on: the schema cannot be written by a statement any more.
    db.pragma('writable_schema = ON');
    expect(() => db.prepare("UPDATE sqlite_schema SET sql = sql WHERE name = 'accounts'").run()).toThrow();
  });

  it('0008 (official numbers) gives a store on the old default the new pattern and keeps printed numbers', () => {
    migrate(db, () => {}, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('docNumberPattern', ?, 'x')").run(
      JSON.stringify('〔{year}〕第{seq}号'),
    );
    db.prepare(
      "INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, verify_code) VALUES ('registration', '〔2026〕第0001号', '来访登记', 1, 1, 'h', 'AAAA-0001')",
    ).run();
    expect(migrate(db, () => {})).toEqual({ from: 4, to: LATEST_SCHEMA });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'docNumberPattern'").pluck().get()).toBe(
      JSON.stringify('{organ}{kind}〔{year}〕{seq}号'),
    );
    expect(db.prepare('SELECT doc_no, snapshot FROM documents').get()).toEqual({
      doc_no: '〔2026〕第0001号',
      snapshot: null,
    });
  });

  it('0008 keeps an office’s own pattern printing 4-digit serials', () => {
    migrate(db, () => {}, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('docNumberPattern', ?, 'x')").run(
      JSON.stringify('清信〔{year}〕第{seq}号'),
    );
    migrate(db, () => {});
    expect(db.prepare("SELECT value FROM settings WHERE key = 'docNumberPattern'").pluck().get()).toBe(
      JSON.stringify('清信〔{year}〕第{seq:4}号'),
    );
  });

  it('refuses a database made by a newer app and does not touch it', () => {
    migrate(db, () => {});
    db.prepare(
      "INSERT INTO schema_migrations (version, tag, hash, applied_at) VALUES (99, 'future', 'f', 'now')",
    ).run();
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
    const bad = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA + 1,
        tag: 'bad',
        hash: 'b',
        statements: ['INSERT INTO leader_scopes (leader_id) VALUES (999)', 'CREATE TABLE never_here (x)'],
      },
    ];
    expect(() => migrate(db, () => {}, bad)).toThrow(/引用错误/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'never_here'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM leader_scopes').get()).toEqual({ n: 0 });
  });
});
