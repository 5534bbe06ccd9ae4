import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { verifyAudit } from '../../electron/core/infra/audit-chain';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { readKeyring } from '../../electron/core/infra/key-slots';
import { ADMIN, backupKey, caller, createAndLogin, loginAsNew, must, newPasswordOf, testCore } from '../helpers/core';
import { snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

describe('the encrypted store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: { t: number };
  const OP1 = { username: 'op1', displayName: '李接待', role: 'operator', password: 'operator pass 1' } as const;

  beforeEach(() => {
    tmp = tempDir();
    clock = { t: Date.parse('2026-11-23T08:00:00Z') };
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  async function init() {
    return must(core, 'admin-window')('setup.init', ADMIN);
  }

  it('sets up an office: admin session, recovery code, two key slots, nothing readable on disk', async () => {
    expect(core.store.state()).toBe('uninitialized');
    const result = await init();
    expect(result.recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(result.account).toMatchObject({ username: 'admin', role: 'admin' });
    expect(core.store.state()).toBe('open');
    const keyring = readKeyring(core.store.files.keyring);
    expect(keyring.slots.map((s) => s.kind).sort()).toEqual(['account', 'recovery']);
    core.store.close();
    for (const file of Object.keys(snapshot(tmp.dir))) {
      const bytes = fs.readFileSync(path.join(tmp.dir, file));
      expect(bytes.includes(Buffer.from(ADMIN.officeName)), file).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3')), file).toBe(false);
    }
    expect(await caller(core)('setup.init', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_INITIALIZED' },
    });
  });

  it('opens nothing and changes no file but the failure counter for a wrong password, then opens for the right one', async () => {
    await init();
    await must(core, 'admin-window')('auth.logout', {});
    expect(core.store.state()).toBe('locked');
    const before = snapshot(tmp.dir);
    const call = caller(core, 'w2');
    expect(await call('auth.login', { username: 'admin', password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await call('auth.login', { username: 'nobody', password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(core.store.state()).toBe('locked');
    expect(snapshot(tmp.dir)).toEqual(before);
    expect(await call('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const session = await must(core, 'w2')('auth.login', { username: 'admin', password: ADMIN.password });
    expect(session.account?.username).toBe('admin');
    // The failed tries made while the database was closed are in the audit trail now.
    const audit = await must(core, 'w2')('audit.list', { limit: 50 });
    expect(audit.entries.filter((e) => e.action === 'auth.loginFailed')).toHaveLength(2);
  });

  it('locks a name out with a growing delay after 5 wrong passwords', async () => {
    await init();
    const call = caller(core, 'w2');
    for (let i = 0; i < 5; i++)
      expect(await call('auth.login', { username: 'admin', password: 'nope-nope' })).toMatchObject({
        error: { code: 'WRONG_CREDENTIALS' },
      });
    const locked = await call('auth.login', { username: 'admin', password: ADMIN.password });
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    clock.t += 31_000;
    expect(await call('auth.login', { username: 'admin', password: 'nope-nope' })).toMatchObject({
      error: { code: 'WRONG_CREDENTIALS' },
    });
    clock.t += 31_000;
    expect(await call('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    clock.t += 31_000;
    expect(await call('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
  });

  it('locks an idle session and asks for the password again', async () => {
    await init();
    const call = caller(core, 'admin-window');
    clock.t += 11 * 60_000;
    expect(await call('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await call('auth.session', {})).toMatchObject({
      ok: true,
      value: { locked: true, lockedUsername: 'admin' },
    });
    expect(await call('auth.unlock', { password: 'not it at all' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await call('auth.unlock', { password: ADMIN.password })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect(await call('accounts.list', {})).toMatchObject({ ok: true });
  });

  it('enforces roles in the router: an operator cannot manage accounts or read the audit trail', async () => {
    await init();
    const admin = must(core, 'admin-window');
    const op = await admin('accounts.create', OP1);
    expect(op.mustChangePassword).toBe(true);
    const opCall = caller(core, 'op-window');
    await loginAsNew(core, 'op-window', { username: 'op1', password: 'operator pass 1' });
    expect(await opCall('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await opCall('audit.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await opCall('backup.create', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await opCall('settings.update', { idleLockMinutes: 99 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await opCall('settings.get', {})).toMatchObject({ ok: true, value: { idleLockMinutes: 10 } });
  });

  it('changes a password by rewrapping only that slot; reset and remove work on slots too', async () => {
    await init();
    const admin = must(core, 'admin-window');
    const op = await createAndLogin(admin, core, 'op', OP1);
    const before = readKeyring(core.store.files.keyring).slots;
    await must(core, 'op')('auth.changePassword', {
      currentPassword: newPasswordOf(OP1),
      newPassword: 'operator pass 2',
    });
    const after = readKeyring(core.store.files.keyring).slots;
    const untouched = (slots: typeof before) =>
      slots
        .filter((s) => s.username !== 'op1')
        .map((s) => s.id)
        .sort();
    expect(untouched(after)).toEqual(untouched(before));
    expect(after.find((s) => s.username === 'op1')!.id).not.toBe(before.find((s) => s.username === 'op1')!.id);
    expect(await caller(core, 'x')('auth.login', { username: 'op1', password: 'operator pass 1' })).toMatchObject({
      ok: false,
    });
    expect(await caller(core, 'x')('auth.login', { username: 'op1', password: 'operator pass 2' })).toMatchObject({
      ok: true,
    });

    await admin('accounts.resetPassword', { accountId: op.id, newPassword: 'fresh start 9' });
    expect(await caller(core, 'y')('auth.login', { username: 'op1', password: 'operator pass 2' })).toMatchObject({
      ok: false,
    });
    expect(await caller(core, 'y')('auth.login', { username: 'op1', password: 'fresh start 9' })).toMatchObject({
      ok: true,
      value: { account: { mustChangePassword: true } },
    });

    await admin('accounts.remove', { accountId: op.id });
    expect(readKeyring(core.store.files.keyring).slots.some((s) => s.username === 'op1')).toBe(false);
    expect(await caller(core, 'y')('accounts.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await caller(core, 'z')('auth.login', { username: 'op1', password: 'fresh start 9' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await caller(core, 'admin-window')('accounts.remove', { accountId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
  });

  it('lets the recovery code set a new administrator password', async () => {
    const { recoveryCode } = await init();
    await must(core, 'admin-window')('auth.logout', {});
    const call = caller(core, 'r');
    expect(
      await call('auth.recover', {
        recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA',
        username: 'admin',
        newPassword: 'brand new 12',
      }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect(
      await call('auth.recover', {
        recoveryCode: recoveryCode.toLowerCase().replace(/-/g, ' '),
        username: 'admin',
        newPassword: 'brand new 12',
      }),
    ).toMatchObject({ ok: true });
    expect(core.store.state()).toBe('locked');
    expect(await call('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: false });
    expect(await call('auth.login', { username: 'admin', password: 'brand new 12' })).toMatchObject({ ok: true });
  });

  it('keeps an append-only, hash-chained audit trail that names the first altered entry', async () => {
    await init();
    const admin = must(core, 'admin-window');
    await admin('settings.update', { idleLockMinutes: 15 });
    await admin('accounts.create', {
      username: 'arch',
      displayName: '赵档案',
      role: 'archivist',
      password: 'archivist pw',
    });
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true, brokenSeq: null });
    const db = core.store.database;
    expect(() => db.prepare("UPDATE audit_log SET actor_name = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);

    const copy = path.join(tmp.dir, 'tampered.db');
    core.store.backup('manual', copy);
    const tampered = openDatabase(copy, { key: backupKey(core, copy) });
    tampered.exec('DROP TRIGGER audit_log_no_update');
    tampered.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 4").run();
    expect(verifyAudit(tampered)).toMatchObject({ ok: false, breaks: [{ seq: 4, reason: '记录内容被改动' }] });
    tampered.close();
  });

  it('reports a full disk at save, keeps nothing half-written, and goes on working', async () => {
    await init();
    const admin = must(core, 'admin-window');
    const db = core.store.database;
    // Simulate a full disk: cap the file at its size, then fill what is left.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const filler = db.prepare(
      "INSERT INTO accounts (username, display_name, role, active) VALUES (?, '填充', 'operator', 0)",
    );
    let n = 0;
    for (const size of [200, 20, 1]) {
      for (;;) {
        try {
          filler.run(`filler-${n++}-` + 'x'.repeat(size));
        } catch (e) {
          expect((e as { code?: string }).code).toBe('SQLITE_FULL');
          break;
        }
      }
    }
    const keyringBefore = fs.readFileSync(core.store.files.keyring);
    const auditBefore = db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const result = await caller(core, 'admin-window')('accounts.create', {
      username: 'full',
      displayName: '满盘',
      role: 'operator',
      password: 'disk is full',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DISK_FULL', message: expect.stringMatching(/磁盘空间不足/) },
    });
    expect(db.prepare("SELECT count(*) AS n FROM accounts WHERE username = 'full'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
    expect(fs.readFileSync(core.store.files.keyring).equals(keyringBefore)).toBe(true);

    db.prepare("DELETE FROM accounts WHERE username LIKE 'filler-%'").run();
    db.pragma('max_page_count = 1073741823');
    await admin('accounts.create', {
      username: 'full',
      displayName: '满盘',
      role: 'operator',
      password: 'disk is full',
    });
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('refuses a damaged database with a clear message and overwrites nothing', async () => {
    await init();
    await must(core, 'admin-window')('backup.create', {});
    await must(core, 'admin-window')('auth.logout', {});
    const file = core.store.files.database;
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096, 8192);
    fs.writeFileSync(file, bytes);
    const before = snapshot(tmp.dir);
    const result = await caller(core, 'w')('auth.login', { username: 'admin', password: ADMIN.password });
    expect(result).toMatchObject({ ok: false, error: { code: 'DATA_PROBLEM' } });
    if (!result.ok) expect(result.error.message).toMatch(/损坏.*备份恢复/);
    expect(snapshot(tmp.dir)).toEqual(before);

    // The offer: an administrator restores the latest good backup; the damaged file is kept.
    const call = caller(core, 'w');
    expect(await call('backup.restoreLatest', { username: 'admin', password: 'wrong again' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(snapshot(tmp.dir)).toEqual(before);
    const restored = await must(core, 'w')('backup.restoreLatest', { username: 'admin', password: ADMIN.password });
    expect(restored.keptAside).toMatch(/^hall-.*-replaced\.db$/);
    const kept = fs.readFileSync(path.join(core.store.files.backups, restored.keptAside!));
    expect(kept.equals(bytes)).toBe(true);
    expect(await call('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await must(core, 'w')('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('backs up and restores to an identical set of records, keeping the replaced database aside', async () => {
    await init();
    const admin = must(core, 'admin-window');
    await admin('accounts.create', OP1);
    const backup = await admin('backup.create', {});
    const dump = () => ({
      accounts: core.store.database.prepare('SELECT * FROM accounts ORDER BY id').all(),
      settings: core.store.database.prepare('SELECT * FROM settings ORDER BY key').all(),
    });
    const atBackup = dump();
    await admin('accounts.create', {
      username: 'op2',
      displayName: '周接待',
      role: 'operator',
      password: 'operator pass 2',
    });
    await admin('settings.update', { officeName: '另一个信访局' });
    expect(dump()).not.toEqual(atBackup);
    expect(
      await caller(core, 'admin-window')('backup.restore', { name: backup.name, password: 'wrong one' }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    const restored = await admin('backup.restore', { name: backup.name, password: ADMIN.password });
    expect(restored.keptAside).toMatch(/^hall-.*-replaced\.db$/);
    expect(dump()).toEqual(atBackup);
    expect(fs.existsSync(path.join(core.store.files.backups, restored.keptAside!))).toBe(true);
  });
});

describe('the daily backup', () => {
  it('is due again at 00:30 China time, while UTC is still on the day before', async () => {
    const tmp = tempDir();
    const clock = { t: Date.parse('2026-11-29T12:00:00Z') }; // 20:00 on 29 November in the hall
    const core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    try {
      await must(core, 'admin')('setup.init', ADMIN);
      const first = await core.backups.startIfDue();
      expect(first?.reason ?? 'already taken').toMatch(/daily|already taken/);
      expect(await core.backups.startIfDue()).toBeNull();
      clock.t = Date.parse('2026-11-29T16:30:00Z'); // 00:30 on 30 November in the hall
      expect(core.store.backupDue()).toBe(true);
      expect((await core.backups.startIfDue())?.reason).toBe('daily');
      expect(await core.backups.startIfDue()).toBeNull();
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
