import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { accountSlot, readKeyring, unwrapSlot } from '../../electron/core/infra/key-slots';
import { ADMIN, must, saveUnit, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/** The backups' folder as files: nothing half-made may be in it. */
const files = (core: Core) => (fs.existsSync(core.store.files.backups) ? fs.readdirSync(core.store.files.backups) : []);
const partials = (core: Core) => files(core).filter((f) => f.includes('.partial'));

/** Resolves once the worker has copied its first step (the snapshot is taken by then). */
function copying(core: Core): Promise<void> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((event, payload) => {
      const p = payload as { phase: string; percent: number };
      if (event === 'backup.progress' && p.phase === 'copy' && p.percent > 0) {
        off();
        resolve();
      }
    });
  });
}

function backupKey(file: string): Buffer {
  const own = readKeyring(`${file}.keyring.json`);
  return unwrapSlot(own, accountSlot(own, ADMIN.username)!, ADMIN.password)!;
}

describe('the background backup', () => {
  const tmp = tempDir();
  let core: Core | null = null;
  afterEach(() => {
    core?.close();
    core = null;
    tmp.cleanup();
  });

  async function office(options: Parameters<typeof testCore>[1] = {}) {
    const setup = testCore(tmp.dir);
    const admin = must(setup, 'admin');
    await admin('setup.init', ADMIN);
    for (let i = 0; i < 40; i++) await saveUnit(admin, `单位 ${i}`, '联系人');
    await admin('auth.logout', {});
    setup.close();
    core = testCore(tmp.dir, { dailyBackup: true, ...options });
    return core;
  }

  it('login returns while the daily backup runs; the app writes meanwhile; the backup is encrypted under its own key and restores', async () => {
    // Each copy step waits 1.5 s: the login does not.
    const c = await office({ backupStepDelayMs: 1500 });
    const progress: string[] = [];
    c.events.subscribe((event, payload) => {
      if (event === 'backup.progress') progress.push((payload as { phase: string }).phase);
    });
    const copied = copying(c);
    const session = await must(c, 'admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // The login has returned and the backup is still copying: the login did not wait for it.
    expect(session.account?.username).toBe(ADMIN.username);
    expect(c.backups.status()).toMatchObject({ reason: 'daily', phase: 'copy' });
    // A write while the copy runs: the backup holds the moment it began, the app goes on.
    await copied;
    await saveUnit(must(c, 'admin'), '备份期间新增的单位', '联系人');
    expect(await c.backups.settle(60_000)).toBe(true);
    expect(progress).toEqual(expect.arrayContaining(['copy', 'encrypt', 'check', 'done']));
    const [daily] = c.store.listBackups();
    expect(daily).toMatchObject({ reason: 'daily' });
    expect(partials(c)).toEqual([]);
    // Encrypted: not a plain SQLite file, and its own keyring opens it, not the live key.
    expect(fs.readFileSync(daily!.file).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(() => c.store.checkBackup(daily!.file, c.store.currentKey())).toThrow();
    expect(() => c.store.checkBackup(daily!.file, backupKey(daily!.file))).not.toThrow();
    // Restoring it brings back the moment the backup began: the unit added during the copy is gone.
    const units = () => c.store.database.prepare("SELECT count(*) AS n FROM units WHERE name LIKE '单位 %'").get();
    const during = () =>
      c.store.database.prepare("SELECT count(*) AS n FROM units WHERE name = '备份期间新增的单位'").get();
    expect(during()).toEqual({ n: 1 });
    await must(c, 'admin')('backup.restore', { name: daily!.name, password: ADMIN.password });
    expect(units()).toEqual({ n: 40 });
    expect(during()).toEqual({ n: 0 });
  });

  it('exit waits at most the cap for a backup in progress, then leaves nothing half-made; the next start takes it again', async () => {
    const c = await office({ backupStepDelayMs: 20_000 });
    await must(c, 'admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(c.backups.status()).not.toBeNull();
    const t = performance.now();
    await c.shutdown(300);
    const took = performance.now() - t;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    expect(partials(c)).toEqual([]);
    expect(c.store.listBackups()).toEqual([]);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('hall.busy-'))).toEqual([]);
    core = testCore(tmp.dir, { dailyBackup: true });
    await must(core, 'admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await core.backups.startIfDue()) ?? (await core.backups.settle(60_000))).toBeTruthy();
    expect(core.store.listBackups().map((b) => b.reason)).toEqual(['daily']);
  });

  it('a process killed in the middle of the copy leaves only a partial file, which the next start removes', async () => {
    await office();
    core!.close();
    core = null;
    // A child process logs in and is killed (SIGKILL, as a power cut) halfway through the copy.
    const script = path.join(tmp.dir, 'child.mjs');
    fs.writeFileSync(
      script,
      `const { createCore } = await import(${JSON.stringify(path.resolve('electron/core/index.ts'))});
       const core = createCore({ dataDir: ${JSON.stringify(tmp.dir)}, host: 'cli', runtime: 'test', dailyBackup: true, backupStepDelayMs: 50 });
       const login = await core.router.call('auth.login', ${JSON.stringify({ username: ADMIN.username, password: ADMIN.password })}, { host: 'cli', clientId: 'child' });
       if (!login.ok) process.exit(3);
       setTimeout(() => {}, 60_000);`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, HALL_CRASH_AT: 'backup:copying' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise((resolve) => child.once('exit', (_code, s) => resolve(s)));
    expect(signal, stderr).toBe('SIGKILL');
    const left = fs.readdirSync(path.join(tmp.dir, 'backups'));
    expect(left.some((f) => f.endsWith('-daily.db.partial'))).toBe(true);
    expect(left.filter((f) => f.endsWith('.db'))).toEqual([]);
    fs.rmSync(script);
    core = testCore(tmp.dir);
    expect(partials(core)).toEqual([]);
    expect(files(core)).toEqual([]);
  }, 60_000);

  it('a copy whose staging file vanishes mid-way fails, publishes nothing, and the failure becomes the notice', async () => {
    const c = await office({ backupStepDelayMs: 400 });
    const session = must(c, 'admin');
    const copied = copying(c);
    await session('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await copied;
    // The staging copy is removed while the worker still writes to it (a USB stick pulled, a cleaner).
    for (const f of partials(c)) fs.rmSync(path.join(c.store.files.backups, f));
    expect(await c.backups.settle(60_000)).toBe(true);
    expect(c.store.listBackups()).toEqual([]);
    expect(partials(c)).toEqual([]);
    expect((await session('auth.session', {})).notice).toMatch(/今天的自动备份未完成/);
    // A manual backup afterwards works and clears the notice.
    await session('backup.create', {});
    expect((await session('auth.session', {})).notice).toBeNull();
  });
});
