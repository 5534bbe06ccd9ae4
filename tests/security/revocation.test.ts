import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { changeDatabaseKey, rotateRecoveryCode } from '../../electron/core';
import { openDatabase } from '../../electron/core/infra/db/connection';
import {
  accountSlot,
  normalizeRecoveryCode,
  readKeyring,
  recoverySlot,
  unwrapSlot,
  type KeySlot,
} from '../../electron/core/infra/key-slots';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const ADMIN_CTX = { host: 'cli' as const, clientId: 'admin' };

/** Every keyring file in the data folder: the live one and each backup's. */
function keyringFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('keyring.json')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/**
 * The attack of the review: take an old secret to every keyring file on disk, unwrap whatever
 * it opens, and try each key on the live database. Returns the files whose key opened it.
 */
function liveOpenedBy(core: Core, pick: (slots: KeySlot[]) => KeySlot | undefined, secret: string): string[] {
  const opened: string[] = [];
  for (const file of keyringFiles(core.store.files.dir)) {
    const keyring = readKeyring(file);
    const slot = pick(keyring.slots);
    const key = slot ? unwrapSlot(keyring, slot, secret) : null;
    if (!key) continue;
    try {
      const db = openDatabase(core.store.files.database, { key, readonly: true });
      db.close();
      opened.push(path.relative(core.store.files.dir, file));
    } catch {
      // The key of another file: the live database refuses it, which is the point.
    }
  }
  return opened;
}

/** How many keyring files an old secret still opens (backups made before it was revoked). */
function filesOpenedBy(core: Core, pick: (slots: KeySlot[]) => KeySlot | undefined, secret: string): number {
  return keyringFiles(core.store.files.dir).filter((file) => {
    const keyring = readKeyring(file);
    const slot = pick(keyring.slots);
    return slot ? unwrapSlot(keyring, slot, secret) !== null : false;
  }).length;
}

const byName = (username: string) => (slots: KeySlot[]) =>
  slots.find((s) => s.kind === 'account' && s.username === username);
const recovery = (slots: KeySlot[]) => slots.find((s) => s.kind === 'recovery');

describe('revocation holds at the file level (issue 13, finding 2)', () => {
  const tmp = tempDir();
  let core: Core;
  let recoveryCode: string;
  const admin = () => must(core, 'admin');

  beforeEach(async () => {
    core = testCore(tmp.dir);
    recoveryCode = (await must(core, 'admin')('setup.init', ADMIN)).recoveryCode;
    await admin()('accounts.create', {
      username: 'op',
      displayName: '李接待',
      role: 'operator',
      password: 'operator old 1',
    });
    await admin()('accounts.create', {
      username: 'gone',
      displayName: '赵离职',
      role: 'operator',
      password: 'leaver pass 1',
    });
    // A backup made while every old secret was valid: its keyring holds all of them.
    await admin()('backup.create', {});
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('an old operator password opens no key to the live database after the password is changed', async () => {
    expect(liveOpenedBy(core, byName('op'), 'operator old 1')).toEqual(['hall.keyring.json']);
    await must(core, 'op')('auth.login', { username: 'op', password: 'operator old 1' });
    await must(core, 'op')('auth.changePassword', {
      currentPassword: 'operator old 1',
      newPassword: 'operator new 22',
    });
    expect(liveOpenedBy(core, byName('op'), 'operator old 1')).toEqual([]);
    // It still opens the backup made before, which the list says, and one action re-encrypts.
    expect(filesOpenedBy(core, byName('op'), 'operator old 1')).toBe(1);
    const [backup] = await admin()('backup.list', {});
    expect(backup).toMatchObject({ revoked: 1, sharesLiveKey: false });
    expect(await admin()('backup.reencrypt', {})).toEqual({ reencrypted: [backup!.name], failed: [] });
    expect(filesOpenedBy(core, byName('op'), 'operator old 1')).toBe(0);
    expect(filesOpenedBy(core, byName('op'), 'operator new 22')).toBe(2);
    expect((await admin()('backup.list', {}))[0]).toMatchObject({ revoked: 0 });
    expect(await admin()('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a reset password and a removed account open no key to the live database', async () => {
    const accounts = await admin()('accounts.list', {});
    const op = accounts.find((a) => a.username === 'op')!;
    const gone = accounts.find((a) => a.username === 'gone')!;
    await admin()('accounts.resetPassword', { accountId: op.id, newPassword: 'reset by admin 3' });
    await admin()('accounts.remove', { accountId: gone.id });
    expect(liveOpenedBy(core, byName('op'), 'operator old 1')).toEqual([]);
    expect(liveOpenedBy(core, byName('gone'), 'leaver pass 1')).toEqual([]);
    expect((await admin()('backup.list', {}))[0]!.revoked).toBe(2);
  });

  it('a rotated recovery code opens no key to the live database', () => {
    expect(liveOpenedBy(core, recovery, normalizeRecoveryCode(recoveryCode))).toEqual(['hall.keyring.json']);
    rotateRecoveryCode(core, ADMIN_CTX);
    expect(liveOpenedBy(core, recovery, normalizeRecoveryCode(recoveryCode))).toEqual([]);
  });

  it('rekey: the old key and recovery code stop opening the live file, every password keeps working', async () => {
    const oldKey = Buffer.from(core.store.currentKey());
    const { recoveryCode: fresh } = await changeDatabaseKey(core, ADMIN_CTX, ADMIN.password);
    expect(() => openDatabase(core.store.files.database, { key: oldKey, readonly: true })).toThrow();
    expect(liveOpenedBy(core, recovery, normalizeRecoveryCode(recoveryCode))).toEqual([]);
    expect(liveOpenedBy(core, recovery, normalizeRecoveryCode(fresh))).toEqual(['hall.keyring.json']);
    // Every account keeps its password (their slots were bound to the new key, not remade).
    const live = readKeyring(core.store.files.keyring);
    expect(unwrapSlot(live, accountSlot(live, 'op')!, 'operator old 1')?.equals(core.store.currentKey())).toBe(true);
    expect(await caller(core, 'op2')('auth.login', { username: 'op', password: 'operator old 1' })).toMatchObject({
      ok: true,
    });
    // Backups made before say so (the old recovery code is in their keyrings).
    const list = await admin()('backup.list', {});
    expect(list.filter((b) => b.revoked > 0).map((b) => b.reason)).toEqual(
      expect.arrayContaining(['pre-rekey', 'manual']),
    );
    expect(recoverySlot(live)).toBeDefined();
    expect(await admin()('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a backup never shares the live key, and a restore brings back data, not old passwords', async () => {
    const [backup] = await admin()('backup.list', {});
    expect(readKeyring(`${path.join(core.store.files.backups, backup!.name)}.keyring.json`).keyId).not.toBe(
      core.store.keyring().keyId,
    );
    await must(core, 'admin')('auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'admin new pass 9',
    });
    await admin()('backup.restore', { name: backup!.name, password: 'admin new pass 9' });
    await admin()('auth.logout', {});
    expect(await caller(core, 'x')('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await caller(core, 'x')('auth.login', { username: 'admin', password: 'admin new pass 9' })).toMatchObject({
      ok: true,
    });
    expect(liveOpenedBy(core, byName('admin'), ADMIN.password)).toEqual([]);
    expect(await must(core, 'x')('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('restoreLatest with the old password after a change restores nothing and brings no old keyring back', async () => {
    await must(core, 'admin')('auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'admin new pass 9',
    });
    await must(core, 'admin')('auth.logout', {});
    // The live file is damaged, so the login screen's remedy is open at all.
    const bytes = fs.readFileSync(core.store.files.database);
    bytes.fill(0x5a, 0, 4096);
    fs.writeFileSync(core.store.files.database, bytes);
    const anon = caller(core, 'anon');
    expect(await anon('backup.restoreLatest', { username: 'admin', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await anon('backup.restoreLatest', { username: 'admin', password: 'admin new pass 9' })).toMatchObject({
      ok: true,
    });
    expect(await anon('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await anon('auth.login', { username: 'admin', password: 'admin new pass 9' })).toMatchObject({ ok: true });
    expect(await must(core, 'anon')('audit.verify', {})).toMatchObject({ ok: true });
  });
});
