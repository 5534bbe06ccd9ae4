import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { isLegacySlot, readKeyring, writeKeyring, type KeySlot } from '../../electron/core/infra/key-slots';
import { ADMIN, caller, must, TEST_KDF, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('password history and the keyring format', () => {
  const tmp = tempDir();
  let core: Core;
  beforeEach(async () => {
    core = testCore(tmp.dir);
    await must(core, 'admin')('setup.init', ADMIN);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('refuses the current password and the 5 before it at the field, and allows the one before those', async () => {
    const change = caller(core, 'admin');
    const passwords = [ADMIN.password, ...[2, 3, 4, 5, 6, 7].map((n) => `history pass ${n}${n}`)];
    for (let i = 1; i < passwords.length; i++)
      expect(
        await change('auth.changePassword', { currentPassword: passwords[i - 1]!, newPassword: passwords[i]! }),
      ).toMatchObject({ ok: true });
    const current = passwords.at(-1)!;
    for (const old of passwords.slice(1))
      expect(await change('auth.changePassword', { currentPassword: current, newPassword: old })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'newPassword' }] },
      });
    // The keyring keeps 5 retired boxes, no more, and the first password has left them.
    const slot = readKeyring(core.store.files.keyring).slots.find((s) => s.username === 'admin')!;
    expect(slot.retired).toHaveLength(5);
    expect(
      await change('auth.changePassword', { currentPassword: current, newPassword: ADMIN.password }),
    ).toMatchObject({ ok: true });
  });

  it('an administrator reset cannot bring back a recent password either', async () => {
    const admin = must(core, 'admin');
    await admin('accounts.create', {
      username: 'op',
      displayName: '李接待',
      role: 'operator',
      password: 'operator first 1',
    });
    const op = (await admin('accounts.list', {})).find((a) => a.username === 'op')!;
    expect(
      await caller(core, 'admin')('accounts.resetPassword', { accountId: op.id, newPassword: 'operator first 1' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'newPassword' }] } });
  });

  it('a version-1 slot still opens, is upgraded at login, and never goes into a backup keyring', async () => {
    await must(core, 'admin')('auth.logout', {});
    // Write the administrator's slot as the previous version did: the file key wrapped directly.
    const keyring = readKeyring(core.store.files.keyring);
    const slot = keyring.slots.find((s) => s.username === 'admin')!;
    const opened = await caller(core, 'probe')('auth.login', { username: 'admin', password: ADMIN.password });
    expect(opened.ok).toBe(true);
    const fileKey = Buffer.from(core.store.currentKey());
    await must(core, 'probe')('auth.logout', {});
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const wrappingKey = scryptSync(ADMIN.password, salt, 32, { ...TEST_KDF, maxmem: 256 * TEST_KDF.N * TEST_KDF.r });
    const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
    cipher.setAAD(Buffer.from(`hall-keyring:v1:${keyring.keyId}:${slot.id}:account:${slot.accountId}:admin`));
    const wrapped = Buffer.concat([cipher.update(fileKey), cipher.final()]);
    const legacy: KeySlot = {
      id: slot.id,
      kind: 'account',
      accountId: slot.accountId,
      username: 'admin',
      kdf: TEST_KDF,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      wrapped: wrapped.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      createdAt: slot.createdAt,
    };
    writeKeyring(core.store.files.keyring, {
      ...keyring,
      version: 1,
      slots: keyring.slots.map((s) => (s.id === slot.id ? legacy : s)),
    });
    expect(isLegacySlot(readKeyring(core.store.files.keyring).slots.find((s) => s.username === 'admin')!)).toBe(true);

    await must(core, 'admin')('auth.login', { username: 'admin', password: ADMIN.password });
    const upgraded = readKeyring(core.store.files.keyring).slots.find((s) => s.username === 'admin')!;
    expect(isLegacySlot(upgraded)).toBe(false);
    const backup = await must(core, 'admin')('backup.create', {});
    const own = readKeyring(`${core.store.files.backups}/${backup.name}.keyring.json`);
    expect(own.slots.every((s) => !isLegacySlot(s))).toBe(true);
    expect(own.slots.some((s) => s.username === 'admin')).toBe(true);
  });
});
