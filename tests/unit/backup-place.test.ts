import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeDatabaseKey, restoreFromPath, type Core } from '../../electron/core';
import { accountSlot, readKeyring, unwrapSlot } from '../../electron/core/infra/key-slots';
import { openDatabase, quickCheck } from '../../electron/core/infra/db/connection';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, caller, must, saveUnit, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/**
 * The second backup place (settings.backupPlace, electron/core/backup/place.ts and
 * background.ts): present, missing, full, killed mid-copy, restored from; and restore and
 * rekey against a backup in progress.
 */

const ADMIN_CTX = { host: 'cli', clientId: 'test' } as const;

/** What is in a folder, the hall's files only. */
const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('hall-')) : []);

function keyOf(file: string): Buffer {
  const own = readKeyring(`${file}.keyring.json`);
  return unwrapSlot(own, accountSlot(own, ADMIN.username)!, ADMIN.password)!;
}

async function audited(core: Core, action: string) {
  const { entries } = await must(core)('audit.list', { limit: 100 });
  return entries.filter((e) => e.action === action);
}

describe('the second backup place', () => {
  const tmp = tempDir();
  const usb = tempDir('hall-usb-');
  let core: Core;

  beforeEach(async () => {
    fs.mkdirSync(usb.dir, { recursive: true });
    core = testCore(tmp.dir);
    const admin = must(core);
    await admin('setup.init', ADMIN);
    for (let i = 0; i < 20; i++) await saveUnit(admin, `单位 ${i}`, '联系人');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    core.close();
    tmp.cleanup();
    usb.cleanup();
  });

  it('is checked when chosen: a folder that is missing, relative, a file or inside the data folder is refused at the field, and nothing changes', async () => {
    const call = caller(core);
    const file = path.join(usb.dir, 'a-file');
    fs.writeFileSync(file, 'x');
    for (const [dir, words] of [
      [path.join(usb.dir, 'not-plugged-in'), /找不到文件夹.*U盘未插入/],
      ['backups', /完整的文件夹路径/],
      [file, /不是文件夹/],
      [path.join(tmp.dir, 'backups'), /不能在数据目录之内/],
    ] as const) {
      if (dir === path.join(tmp.dir, 'backups')) fs.mkdirSync(dir, { recursive: true });
      const r = await call('settings.update', { backupPlace: dir });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.fields?.[0]).toMatchObject({ path: 'backupPlace', message: expect.stringMatching(words) });
      }
    }
    expect((await must(core)('settings.get', {})).backupPlace).toBe('');
    // A folder that is there and writable is kept; '' turns the place off again.
    expect((await must(core)('settings.update', { backupPlace: usb.dir })).backupPlace).toBe(usb.dir);
    expect(fs.readdirSync(usb.dir).filter((f) => f.startsWith('.hall-probe'))).toEqual([]);
    expect((await must(core)('settings.update', { backupPlace: '' })).backupPlace).toBe('');
  });

  it('receives a checked copy of each backup, with its keyring, under the same retention; audited', async () => {
    const admin = must(core);
    await admin('settings.update', { backupPlace: usb.dir, backupKeep: 1, backupWeeks: 0, backupMonths: 0 });
    const phases: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'backup.progress') phases.push((payload as { phase: string }).phase);
    });
    const made = await admin('backup.create', {});
    expect(phases).toEqual(expect.arrayContaining(['copy', 'encrypt', 'check', 'place', 'done']));
    expect(phases.indexOf('place')).toBeGreaterThan(phases.indexOf('check'));
    const copy = path.join(usb.dir, made.name);
    expect(listing(usb.dir).sort()).toEqual([made.name, `${made.name}.audit-head.json`, `${made.name}.keyring.json`]);
    // The same bytes as the local backup, opened with the backup's own key (the admin's password
    // through its keyring) and whole.
    expect(fs.readFileSync(copy).equals(fs.readFileSync(path.join(core.store.files.backups, made.name)))).toBe(true);
    const db = openDatabase(copy, { key: keyOf(copy), readonly: true });
    expect(quickCheck(db)).toEqual([]);
    db.close();
    const status = await admin('backup.status', {});
    expect(status.place).toMatchObject({ dir: usb.dir, problem: null, copies: 1, last: { name: made.name, ok: true } });
    expect(status.warnings).toEqual([]);
    expect((await audited(core, 'backup.placeCopy')).map((e) => e.entityId)).toEqual([made.name]);
    expect((await admin('auth.session', {})).notice).toBeNull();

    // Daily backups on three days, one kept a day: the place keeps what the backups' folder keeps.
    core.close();
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      core = testCore(tmp.dir, { now: () => new Date(`${day}T09:00:00+08:00`), dailyBackup: true });
      await must(core)('auth.login', { username: ADMIN.username, password: ADMIN.password });
      await core.backups.settle(60_000);
      core.close();
    }
    core = testCore(tmp.dir);
    const local = core.store.listBackups().map((b) => b.name);
    expect(local.filter((n) => n.endsWith('-daily.db'))).toHaveLength(1);
    expect(
      listing(usb.dir)
        .filter((f) => f.endsWith('.db'))
        .sort(),
    ).toEqual([...local].sort());
  });

  it('missing when a backup is made (USB drive pulled): the local backup stands, the staff and the audit trail are told', async () => {
    const admin = must(core);
    await admin('settings.update', { backupPlace: usb.dir });
    fs.rmSync(usb.dir, { recursive: true });
    const made = await admin('backup.create', {});
    expect(core.store.listBackups().map((b) => b.name)).toEqual([made.name]);
    const notice = (await admin('auth.session', {})).notice;
    expect(notice).toMatch(/第二备份位置不可用：找不到文件夹/);
    const status = await admin('backup.status', {});
    expect(status.place.problem).toMatch(/U盘未插入/);
    expect(status.place.last).toMatchObject({
      name: made.name,
      ok: false,
      message: expect.stringMatching(/本机的备份已完成/),
    });
    expect(status.warnings.join()).toMatch(/第二备份位置不可用/);
    const failed = await audited(core, 'backup.placeFailed');
    expect(failed.map((e) => e.entityId)).toEqual([made.name]);
    // Plugged in again: the next backup goes there and the notice clears.
    fs.mkdirSync(usb.dir);
    const next = await admin('backup.create', {});
    expect(listing(usb.dir)).toContain(next.name);
    expect((await admin('auth.session', {})).notice).toBeNull();
  });

  it('full before the copy: nothing is written there, the local backup stands, and the staff are told', async () => {
    const admin = must(core);
    await admin('settings.update', { backupPlace: usb.dir });
    // The place's file system says 1 MiB free; the backups' folder has room.
    const statfs = fs.statfsSync;
    vi.spyOn(fs, 'statfsSync').mockImplementation(((dir: fs.PathLike) =>
      String(dir).startsWith(usb.dir)
        ? { ...statfs(dir), bavail: 256, bsize: 4096 }
        : statfs(dir)) as typeof fs.statfsSync);
    const made = await admin('backup.create', {});
    expect(core.store.listBackups().map((b) => b.name)).toEqual([made.name]);
    expect(listing(usb.dir)).toEqual([]);
    const status = await admin('backup.status', {});
    expect(status.place.last).toMatchObject({
      ok: false,
      message: expect.stringMatching(/剩余 1 MiB，放不下这份备份/),
    });
    expect(status.place.space).toMatchObject({ short: true });
    expect((await admin('auth.session', {})).notice).toMatch(/第二备份位置只剩 1 MiB/);
    expect(await audited(core, 'backup.spaceShort')).toHaveLength(1);
  });

  it("space running short in the backups' folder is said while the next backup still fits, before one fails", async () => {
    const admin = must(core);
    const size = fs.statSync(core.store.files.database).size;
    let free = size + 100 * 2 ** 20; // fits one more (size + 64 MiB) but not the margin (size + 128 MiB)
    const statfs = fs.statfsSync;
    vi.spyOn(fs, 'statfsSync').mockImplementation(((dir: fs.PathLike) =>
      String(dir).startsWith(core.store.files.backups)
        ? { ...statfs(dir), bavail: Math.floor(free / 4096), bsize: 4096 }
        : statfs(dir)) as typeof fs.statfsSync);
    const made = await admin('backup.create', {});
    expect(made.reason).toBe('manual');
    expect((await admin('auth.session', {})).notice).toMatch(/本机备份所在磁盘只剩 \d+ MiB，下一次备份需要约/);
    expect((await admin('backup.status', {})).local).toMatchObject({ short: true });
    expect(await audited(core, 'backup.spaceShort')).toHaveLength(1);
    // Below what a backup needs: refused at once, with the same words, and nothing written.
    free = size + 10 * 2 ** 20;
    const r = await caller(core)('backup.create', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'DISK_FULL', message: expect.stringMatching(/不足以再存一份备份/) },
    });
    expect(core.store.listBackups()).toHaveLength(1);
    // Room again: the next backup clears the warning.
    vi.restoreAllMocks();
    await admin('backup.create', {});
    expect((await admin('auth.session', {})).notice).toBeNull();
  });

  it('full in the middle of the copy (a real 256 KiB tmpfs): the half copy is removed, the local backup stands', async (ctx) => {
    const mount = path.join(usb.dir, 'tiny');
    fs.mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]).status === 0;
    if (!mounted) ctx.skip(); // needs root; the statfs case above runs everywhere
    try {
      const admin = must(core);
      expect(fs.statSync(core.store.files.database).size).toBeGreaterThan(256 * 1024);
      await admin('settings.update', { backupPlace: mount });
      // statfs says there is room (a network share may not know): the copy meets the real ENOSPC.
      const statfs = fs.statfsSync;
      vi.spyOn(fs, 'statfsSync').mockImplementation(((dir: fs.PathLike) =>
        String(dir).startsWith(mount)
          ? { ...statfs(dir), bavail: 2 ** 20, bsize: 4096 }
          : statfs(dir)) as typeof fs.statfsSync);
      const made = await admin('backup.create', {});
      expect(core.store.listBackups().map((b) => b.name)).toEqual([made.name]);
      expect(fs.readdirSync(mount)).toEqual([]);
      expect((await admin('backup.status', {})).place.last).toMatchObject({
        ok: false,
        message: expect.stringMatching(/磁盘已满/),
      });
    } finally {
      spawnSync('umount', [mount]);
    }
  });

  it('a process killed in the middle of the copy leaves only a partial file there, which the next copy removes', async () => {
    await must(core)('settings.update', { backupPlace: usb.dir });
    core.close();
    for (const step of ['place:copying', 'place:copied', 'place:sidecars']) {
      const script = path.join(tmp.dir, 'child.mjs');
      fs.writeFileSync(
        script,
        `const { createCore } = await import(${JSON.stringify(path.resolve('electron/core/index.ts'))});
         const core = createCore({ dataDir: ${JSON.stringify(tmp.dir)}, host: 'cli', runtime: 'test', backupStepDelayMs: 5 });
         const login = await core.router.call('auth.login', ${JSON.stringify({ username: ADMIN.username, password: ADMIN.password })}, { host: 'cli', clientId: 'child' });
         if (!login.ok) process.exit(3);
         await core.router.call('backup.create', {}, { host: 'cli', clientId: 'child' });
         process.exit(4);`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, HALL_CRASH_AT: step },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const signal = await new Promise((resolve) => child.once('exit', (_code, s) => resolve(s)));
      expect(signal, `${step}: ${stderr}`).toBe('SIGKILL');
      fs.rmSync(script);
      // Nothing half-made is listed there: no copy without its checks, no backup name at all.
      expect(
        listing(usb.dir).filter((f) => f.endsWith('.db')),
        step,
      ).toEqual([]);
      expect(
        listing(usb.dir).some((f) => f.includes('.partial')),
        step,
      ).toBe(true);
    }
    core = testCore(tmp.dir);
    await must(core)('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const made = await must(core)('backup.create', {});
    expect(listing(usb.dir).sort()).toEqual([made.name, `${made.name}.audit-head.json`, `${made.name}.keyring.json`]);
  }, 120_000);

  it('restores from the second place only what passes the checks', async () => {
    const admin = must(core);
    await admin('settings.update', { backupPlace: usb.dir });
    const made = await admin('backup.create', {});
    await saveUnit(admin, '备份之后的单位', '联系人');
    const copy = path.join(usb.dir, made.name);
    // A changed byte in the copy (a failing stick): refused, and the live data is untouched.
    const damaged = path.join(usb.dir, 'hall-20000101-000000000-manual.db');
    fs.copyFileSync(copy, damaged);
    fs.copyFileSync(`${copy}.keyring.json`, `${damaged}.keyring.json`);
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.from([0xff, 0x00, 0xff]), 0, 3, 3 * 4096 + 100);
    fs.closeSync(fd);
    expect(() =>
      restoreFromPath(core, ADMIN_CTX, { file: damaged, username: ADMIN.username, password: ADMIN.password }),
    ).toThrow(/损坏|校验/);
    const after = () =>
      core.store.database.prepare("SELECT count(*) AS n FROM units WHERE name = '备份之后的单位'").get();
    expect(after()).toEqual({ n: 1 });
    // The intact copy restores, as from the backups' folder.
    const r = restoreFromPath(core, ADMIN_CTX, { file: copy, username: ADMIN.username, password: ADMIN.password });
    expect(r.file).toBe(copy);
    core.close();
    core = testCore(tmp.dir);
    await must(core)('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(after()).toEqual({ n: 0 });
  });
});

describe('restore and rekey against a backup in progress', () => {
  const tmp = tempDir();
  let core: Core;

  beforeEach(async () => {
    const setup = testCore(tmp.dir);
    const admin = must(setup);
    await admin('setup.init', ADMIN);
    for (let i = 0; i < 20; i++) await saveUnit(admin, `单位 ${i}`, '联系人');
    await admin('backup.create', {});
    setup.close();
    // Each copy step waits: the backup is still copying when the restore or rekey is asked for.
    core = testCore(tmp.dir, { backupStepDelayMs: 150, dailyBackup: true });
    await must(core)('auth.login', { username: ADMIN.username, password: ADMIN.password });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  /** The order things happened in: backup phases (each change once), and the restore or rekey ending. */
  function timeline(): string[] {
    const seen: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event !== 'backup.progress') return;
      const p = payload as { phase: string; reason: string };
      if (seen.at(-1) !== `${p.reason}:${p.phase}`) seen.push(`${p.reason}:${p.phase}`);
    });
    return seen;
  }

  /** Units named `name` in a backup file, opened with its own key. */
  function unitsIn(file: string, name: string): number {
    const db = openDatabase(file, { key: keyOf(file), readonly: true });
    try {
      return value<number>(db, 'SELECT count(*) FROM units WHERE name = ?', name)!;
    } finally {
      db.close();
    }
  }

  it('a restore waits until the backup in progress is done, and a backup asked for meanwhile waits for the restore', async () => {
    const seen = timeline();
    const [older] = core.store.listBackups();
    await saveUnit(must(core), '恢复前新增的单位', '联系人');
    const running = must(core)('backup.create', {});
    await vi.waitFor(() => expect(core.backups.status()?.phase).toBe('copy'));
    let doneAtRestore = -1;
    const restored = must(core)('backup.restore', { name: older!.name, password: ADMIN.password }).then((r) => {
      doneAtRestore = seen.filter((s) => s === 'manual:done').length;
      return r;
    });
    // Asked for while the restore waits: it runs after the restore, on the restored data.
    const after = must(core)('backup.create', {});
    const [first, , second] = await Promise.all([running, restored, after]);
    expect(doneAtRestore).toBeGreaterThanOrEqual(1);
    expect(seen.filter((s) => s === 'manual:done')).toHaveLength(2);
    expect(seen.filter((s) => s.endsWith(':failed'))).toEqual([]);
    // The first backup finished whole, with the data of before the restore; the second holds the restored data.
    expect(unitsIn(path.join(core.store.files.backups, first.name), '恢复前新增的单位')).toBe(1);
    expect(unitsIn(path.join(core.store.files.backups, second.name), '恢复前新增的单位')).toBe(0);
    expect(fs.readdirSync(core.store.files.backups).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('a rekey waits for the backup in progress, then takes its own backup first', async () => {
    const seen = timeline();
    const running = must(core)('backup.create', {});
    await vi.waitFor(() => expect(core.backups.status()?.phase).toBe('copy'));
    const rekeyed = changeDatabaseKey(core, ADMIN_CTX, ADMIN.password).then((r) => {
      seen.push('rekeyed');
      return r;
    });
    await Promise.all([running, rekeyed]);
    expect(seen.filter((s) => s.endsWith(':done') || s === 'rekeyed')).toEqual([
      'manual:done',
      'pre-rekey:done',
      'rekeyed',
    ]);
    expect(core.store.listBackups().map((b) => b.reason)).toContain('pre-rekey');
  });
});
