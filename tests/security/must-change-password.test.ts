// A password an administrator set must be replaced before anything else (issue 13, medium
// findings): the flag was shown by the renderer only, and such a session could call 42 methods.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupToPath, changeDatabaseKey, fillDemoData, rotateRecoveryCode } from '../../electron/core';
import { contract, HallError, METHOD_NAMES, type MethodName } from '../../shared/contract';
import { caller, loginAsNew, must, rawCaller } from '../helpers/core';
import { freshOffice } from '../helpers/office';

/** What a must-change session may still call: the change itself, and what anyone may call. */
const OPEN: ReadonlySet<MethodName> = new Set([
  'auth.changePassword',
  ...METHOD_NAMES.filter((m) => contract[m].access === 'public'),
]);

const BOSS = { username: 'boss', password: 'given by admin 1' };

describe('an account that must change its password', () => {
  const office = freshOffice();

  /** A second administrator, created by the first: every method is within its role. */
  async function newAdministrator() {
    const account = await must(office.core, 'admin')('accounts.create', {
      username: BOSS.username,
      displayName: '赵主任',
      role: 'admin',
      password: BOSS.password,
      leaderId: null,
    });
    await must(office.core, 'boss')('auth.login', BOSS);
    return account;
  }

  it('is refused every method of the contract but the change and the public ones, and nothing runs', async () => {
    await newAdministrator();
    const audited = (await must(office.core, 'admin')('audit.list', { limit: 1 })).total;
    const boss = rawCaller(office.core, 'boss');
    const refused: string[] = [];
    // auth.logout would end the session the walk needs; it is called last.
    for (const method of METHOD_NAMES.filter((m) => m !== 'auth.logout')) {
      // Input is checked after access: `{}` reaches the refusal for every method.
      const result = await boss(method, {});
      const code = result.ok ? null : result.error.code;
      if (code === 'PASSWORD_CHANGE_REQUIRED') {
        refused.push(method);
        expect(result).toMatchObject({ error: { message: expect.stringMatching(/初始密码/) } });
      }
    }
    expect(refused.sort()).toEqual(METHOD_NAMES.filter((m) => !OPEN.has(m)).sort());
    // What stays open, named: the first screen, login and logout, the gate's restore and
    // recovery, the wall display, and the change. Anyone may call the public ones without a session.
    expect([...OPEN].sort()).toEqual([
      'auth.changePassword',
      'auth.login',
      'auth.logout',
      'auth.recover',
      'auth.session',
      'auth.unlock',
      'backup.restoreLatest',
      'display.notice',
      'display.queue',
      'display.room',
      'setup.init',
      'system.info',
    ]);
    // Refused before any handler: not one audit entry was written.
    expect((await must(office.core, 'admin')('audit.list', { limit: 1 })).total).toBe(audited);
    // The first screen renders, with the change-password form.
    expect(await boss('system.info', {})).toMatchObject({ ok: true });
    expect(await boss('auth.session', {})).toMatchObject({
      ok: true,
      value: { account: { username: 'boss', mustChangePassword: true } },
    });
    expect(await boss('auth.logout', {})).toEqual({ ok: true, value: { ok: true } });
    expect(await boss('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("is refused core's operations for administrators, and nothing is written", async () => {
    await newAdministrator();
    const boss = { host: 'cli', clientId: 'boss' } as const;
    const out = path.join(office.core.store.files.dir, 'elsewhere.db');
    for (const run of [
      () => backupToPath(office.core, boss, out),
      () => rotateRecoveryCode(office.core, boss),
      () => changeDatabaseKey(office.core, boss, BOSS.password),
      () => fillDemoData(office.core, boss),
    ]) {
      let code: string | null = null;
      try {
        await run();
      } catch (error) {
        if (error instanceof HallError) code = error.code;
      }
      expect(code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('is lifted by the change at once, in the same session', async () => {
    await newAdministrator();
    const boss = caller(office.core, 'boss');
    expect(await boss('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(
      await boss('auth.changePassword', { currentPassword: BOSS.password, newPassword: 'chosen by me 2026' }),
    ).toMatchObject({ ok: true });
    expect(await boss('accounts.list', {})).toMatchObject({ ok: true });
    expect(await boss('auth.session', {})).toMatchObject({ value: { account: { mustChangePassword: false } } });
  });

  it('comes back with a reset: the next login may only change the password again', async () => {
    const account = await newAdministrator();
    await loginAsNew(office.core, 'boss', BOSS, 'chosen by me 2026');
    await must(office.core, 'admin')('accounts.resetPassword', {
      accountId: account.id,
      newPassword: 'reset by admin 3',
    });
    await must(office.core, 'boss')('auth.login', { username: BOSS.username, password: 'reset by admin 3' });
    expect(await caller(office.core, 'boss')('cases.list', {})).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    // The first administrator, who set the password, is not held.
    expect(await caller(office.core, 'admin')('accounts.list', {})).toMatchObject({ ok: true });
  });
});
