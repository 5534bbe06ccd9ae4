import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { CASE_STATUSES } from '../../shared/domain/case-status';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { all, one, value, values } from '../../electron/core/infra/db/sql';
import { silentLogger } from '../../electron/core/infra/log';
import { accountSlot, readKeyring, unwrapSlot } from '../../electron/core/infra/key-slots';
import { hall, hallInit, hallPrint, passwordFile } from '../helpers/cli';
import { allFiles, snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'counter pass 2026';

/** Reads rows straight from an encrypted database, with the key unwrapped from its keyring. */
function withDb<T>(
  dataDir: string,
  fn: (db: ReturnType<typeof openDatabase>) => T,
  dbFile = path.join(dataDir, 'hall.db'),
  keyringFile = path.join(dataDir, 'hall.keyring.json'),
): T {
  const keyring = readKeyring(keyringFile);
  const key = unwrapSlot(keyring, accountSlot(keyring, 'admin')!, PASSWORD)!;
  const db = openDatabase(dbFile, { key });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface TableRow {
  name: string;
  sql: string;
}

/** What the demo must keep out of every file: a petitioner's name, ID number, phone and address (all filled in the demo). */
interface PetitionerSecrets {
  name: string;
  id_number: string;
  phone: string;
  address: string;
}

function dumpRecords(db: ReturnType<typeof openDatabase>): Record<string, unknown[]> {
  const tables = all<TableRow>(
    db,
    "SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name",
  );
  // The full-text index keeps some of its own tables WITHOUT ROWID.
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${/WITHOUT ROWID/i.test(t.sql) ? 1 : 'rowid'}`).all(),
    ]),
  );
}

describe('hall CLI on a real encrypted store', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let pw: string;

  beforeAll(() => {
    pw = passwordFile(tmp.dir, PASSWORD);
    const init = hallInit(data, pw);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/恢复码/);
    const demo = hall(data, ['demo', '--user', 'admin', '--password-file', pw]);
    expect(demo.code, demo.err).toBe(0);
    expect(demo.out).toMatch(/来访 \d+ 批次/);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('fills a demo with rare-character names and cases in every state', () => {
    withDb(data, (db) => {
      const names = values<string>(db, 'SELECT name FROM petitioners').join('');
      for (const ch of ['堃', '喆', '䶮', '𠮷']) expect(names).toContain(ch);
      const statuses = values<string>(db, 'SELECT DISTINCT status FROM cases').sort();
      expect(statuses).toEqual([...CASE_STATUSES].sort());
      expect(value<number>(db, 'SELECT count(*) FROM visits')).toBeGreaterThan(200);
      expect(value<number>(db, 'SELECT count(DISTINCT date) FROM duty_slots')).toBeGreaterThan(20);
    });
    const again = hall(data, ['demo', '--user', 'admin', '--password-file', pw]);
    expect(again.code).toBe(4);
    expect(again.err).toMatch(/已有来访记录/);
  });

  it('leaves no name, ID number or phone of the demo readable in any file of the data folder', () => {
    const backup = hall(data, [
      'backup',
      '--out',
      path.join(data, 'backups', 'manual-check.db'),
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(backup.code, backup.err).toBe(0);
    const secrets = withDb(data, (db) =>
      all<PetitionerSecrets>(db, 'SELECT name, id_number, phone, address FROM petitioners').flatMap((r) => [
        r.name,
        r.id_number,
        r.phone,
        r.address,
      ]),
    );
    expect(secrets.length).toBeGreaterThan(500);
    const files = allFiles(data);
    expect(files.some((f) => f.endsWith('-wal') || f.endsWith('.db'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets)
        if (secret.length >= 2)
          expect(bytes.includes(Buffer.from(secret)), `${secret} in ${path.basename(file)}`).toBe(false);
    }
  });

  it('exits 3 on a wrong password and changes no file', () => {
    const before = snapshot(data);
    const wrong = hall(data, [
      'audit',
      'verify',
      '--user',
      'admin',
      '--password-file',
      passwordFile(tmp.dir, 'not the password'),
    ]);
    expect(wrong.code).toBe(3);
    expect(wrong.err).toMatch(/用户名或密码不正确/);
    expect(hall(data, ['audit', 'verify'], { HALL_USER: 'admin', HALL_PASSWORD: 'nope' }).code).toBe(3);
    expect(snapshot(data)).toEqual(before);
    expect(hall(data, ['audit', 'verify', '--user', 'admin']).code).toBe(2);
    expect(hall(data, ['restore']).code).toBe(2);
  });

  it('verifies the audit chain, and names the entry altered in a copy', () => {
    const ok = hall(data, ['audit', 'verify'], { HALL_USER: 'admin', HALL_PASSWORD: PASSWORD });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/哈希链校验通过/);

    const copy = path.join(tmp.dir, 'copy');
    fs.cpSync(data, copy, { recursive: true });
    withDb(copy, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET actor_name = '某人' WHERE seq = 3").run();
    });
    const broken = hall(copy, ['audit', 'verify'], { HALL_USER: 'admin', HALL_PASSWORD: PASSWORD });
    expect(broken.code).toBe(4);
    expect(broken.err).toMatch(/第 3 条：记录内容被改动/);
  });

  it('restores a backup to an identical set of records', () => {
    const file = path.join(tmp.dir, 'restore-me.db');
    expect(hall(data, ['backup', '--out', file, '--user', 'admin', '--password-file', pw]).code).toBe(0);
    const atBackup = withDb(data, dumpRecords);
    // Change the store through the app's own core, as a day's work would.
    const core = createCore({ dataDir: data, host: 'cli', runtime: 'test', log: silentLogger });
    return (async () => {
      await core.router.call('auth.login', { username: 'admin', password: PASSWORD }, { host: 'cli', clientId: 't' });
      await core.router.call(
        'accounts.create',
        { username: 'op9', displayName: '新接待员', role: 'operator', password: 'operator pw 9' },
        { host: 'cli', clientId: 't' },
      );
      await core.router.call('settings.update', { officeName: '改过的名称' }, { host: 'cli', clientId: 't' });
      core.close();
      expect(withDb(data, dumpRecords)).not.toEqual(atBackup);
      const restored = hall(data, ['restore', file, '--user', 'admin', '--password-file', pw]);
      expect(restored.code, restored.err).toBe(0);
      expect(restored.out).toMatch(/原数据库已另存为/);
      expect(withDb(data, dumpRecords)).toEqual(atBackup);
    })();
  });

  it('prints by record and as a sample, with usage errors for what is missing', () => {
    const out = path.join(tmp.dir, 'reg.pdf');
    const r = hallPrint(data, 'registration', 1, out, pw);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/信访事项登记单 清信访登〔\d{4}〕[1-9]\d*号.*核验码 [0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const sample = path.join(tmp.dir, 'sample.pdf');
    const s = hall(data, ['print', 'folder', '--sample', '--out', sample]);
    expect(s.code, s.err).toBe(0);
    expect(fs.statSync(sample).size).toBeGreaterThan(10_000);
    expect(hall(data, ['print', 'poster', '--sample', '--out', sample]).code).toBe(2);
    expect(hall(data, ['print', 'registration', '--out', sample]).code).toBe(2);
    expect(hallPrint(data, 'closure', 999999, sample, pw).code).toBe(4);
  });

  it('looks up earlier visits by ID number or phone as masked JSON', () => {
    const known = withDb(data, (db) =>
      one<Pick<PetitionerSecrets, 'id_number' | 'phone'>>(
        db,
        'SELECT p.id_number, p.phone FROM petitioners p JOIN visit_petitioners vp ON vp.petitioner_id = p.id LIMIT 1',
      )!,
    );
    const byId = hall(data, [
      'visit',
      'lookup',
      '--id-number',
      known.id_number,
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(byId.code, byId.err).toBe(0);
    const rows = JSON.parse(byId.out) as { idNumber: string; visitNo: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(byId.out).not.toContain(known.id_number);
    expect(rows[0]!.idNumber).toBe(`${known.id_number.slice(0, 6)}********${known.id_number.slice(-4)}`);
    expect(
      JSON.parse(hall(data, ['visit', 'lookup', '--phone', known.phone, '--user', 'admin', '--password-file', pw]).out)
        .length,
    ).toBeGreaterThan(0);
    expect(hall(data, ['visit', 'lookup']).code).toBe(2);
    // A number with a wrong check digit is refused in Chinese, as registration refuses it: exit 2, not [].
    const wrong = hall(data, [
      'visit',
      'lookup',
      '--id-number',
      '110105194912310021',
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toBe('');
    expect(wrong.err).toMatch(/^--id-number：身份证号.*校验/);
  });

  it('rotates the recovery code without touching account slots', () => {
    const before = readKeyring(path.join(data, 'hall.keyring.json'));
    const r = hall(data, ['rekey', '--user', 'admin', '--password-file', pw]);
    expect(r.code, r.err).toBe(0);
    const after = readKeyring(path.join(data, 'hall.keyring.json'));
    expect(after.slots.find((s) => s.kind === 'recovery')!.id).not.toBe(
      before.slots.find((s) => s.kind === 'recovery')!.id,
    );
    expect(after.slots.filter((s) => s.kind === 'account')).toEqual(before.slots.filter((s) => s.kind === 'account'));
    expect(after.keyId).toBe(before.keyId);
  });

  it('rekeys the database itself and still opens with the new key', () => {
    const before = readKeyring(path.join(data, 'hall.keyring.json'));
    const refused = hall(data, ['rekey', '--database', '--user', 'admin', '--password-file', pw]);
    expect(refused.code).toBe(2);
    const r = hall(data, ['rekey', '--database', '--yes', '--user', 'admin', '--password-file', pw]);
    expect(r.code, r.err).toBe(0);
    const after = readKeyring(path.join(data, 'hall.keyring.json'));
    expect(after.keyId).not.toBe(before.keyId);
    const ok = hall(data, ['audit', 'verify', '--user', 'admin', '--password-file', pw]);
    expect(ok.code, ok.err).toBe(0);
  });
});
