import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { checkPages } from '../../electron/core/infra/db/page-check';
import { newDatabaseKey } from '../../electron/core/infra/key-slots';
import { ADMIN, caller, must, saveUnit, testCore } from '../helpers/core';
import { flipPage, unitDataPage } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

/** Overwrites `count` bytes in the middle of a file, as a failing disk or a bad copy would. */
function flipMiddle(file: string, count = 16): number {
  const bytes = fs.readFileSync(file);
  const at = Math.floor(bytes.length / 2);
  for (let i = 0; i < count; i++) bytes[at + i] = bytes[at + i]! ^ 0xff;
  fs.writeFileSync(file, bytes);
  return Math.floor(at / 4096) + 1;
}

describe('the page check (issue 13: damage detected at open)', () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it('passes every page the driver writes and names a page with flipped bytes, or a cut file', async () => {
    const key = newDatabaseKey();
    const file = path.join(tmp.dir, 'pages.db');
    const db = openDatabase(file, { key });
    db.exec('CREATE TABLE t (x TEXT)');
    const put = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) put.run(`第 ${i} 行 ${'字'.repeat(i % 40)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const healthy = await checkPages(file, key);
    expect(healthy.pages).toBeGreaterThan(20);
    expect(healthy).toMatchObject({ damaged: [], truncated: false });
    // Another key sees every page as wrong: the check really reads the HMACs.
    expect((await checkPages(file, newDatabaseKey())).damaged.length).toBe(20);

    const page = flipMiddle(file);
    expect(await checkPages(file, key)).toMatchObject({ damaged: [page], truncated: false });
    fs.truncateSync(file, fs.statSync(file).size - 100);
    expect((await checkPages(file, key)).truncated).toBe(true);
  });
});

describe('a store with damage or a full disk (issue 13, finding 6)', () => {
  const tmp = tempDir();
  let core: Core;
  beforeEach(async () => {
    core = testCore(tmp.dir, { dailyBackup: true });
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    // Enough units for several pages of unit rows: the damage goes into one of them (unitDataPage).
    for (let i = 0; i < 150; i++) await saveUnit(admin, `单位 ${i} ${'长名称'.repeat(15)}`, '联系人'.repeat(6));
    await admin('backup.create', {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    core.close();
    tmp.cleanup();
  });

  it('16 flipped bytes mid-file stop every write, say so, fail audit verify, and leave the restore open', async () => {
    const page = unitDataPage(core.store.database);
    await must(core, 'admin')('auth.logout', {});
    flipPage(core.store.files.database, page);
    const admin = must(core, 'admin');
    await admin('auth.login', { username: 'admin', password: ADMIN.password });
    await core.store.pagesChecked();
    expect((await admin('auth.session', {})).notice).toMatch(/数据库文件已损坏.*已停止保存/);
    const before = fs.readFileSync(core.store.files.auditHead);
    expect(await caller(core, 'admin')('settings.update', { idleLockMinutes: 20 })).toMatchObject({
      ok: false,
      error: { code: 'DATA_PROBLEM' },
    });
    expect(fs.readFileSync(core.store.files.auditHead).equals(before)).toBe(true);
    const verdict = await admin('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.breaks[0]).toMatchObject({ seq: 0, reason: expect.stringMatching(/校验不符/) });

    const [backup] = await admin('backup.list', {});
    await admin('backup.restore', { name: backup!.name, password: ADMIN.password });
    await core.store.pagesChecked();
    expect((await admin('auth.session', {})).notice).toBeNull();
    await admin('settings.update', { idleLockMinutes: 20 });
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a full disk with the daily backup due does not block login: the login goes on and says what happened', async () => {
    await must(core, 'admin')('auth.logout', {});
    for (const b of core.store.listBackups()) fs.rmSync(b.file);
    // The background backup checks the free space on this thread before it copies anything.
    const real = fs.statfsSync;
    const space = vi
      .spyOn(fs, 'statfsSync')
      .mockImplementation(((dir: string) => ({ ...real(dir), bavail: 10, bsize: 4096 })) as typeof fs.statfsSync);
    const session = await must(core, 'admin')('auth.login', { username: 'admin', password: ADMIN.password });
    expect(session.account?.username).toBe('admin');
    expect(session.notice).toMatch(/自动备份未完成（磁盘空间不足）/);
    expect(fs.readdirSync(core.store.files.backups).filter((f) => f.includes('.partial'))).toEqual([]);
    space.mockRestore();
    await must(core, 'admin')('backup.create', {});
    expect((await must(core, 'admin')('auth.session', {})).notice).toBeNull();
  });
});
