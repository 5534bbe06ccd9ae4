// Sessions that end (issue 13): idle time counts from what the user does, not from polls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ADMIN, caller, loginAsNew, must, testCore } from '../helpers/core';
import { freshOffice } from '../helpers/office';
import { tempDir } from '../helpers/tmp';

describe('the idle lock', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const clock = { t: Date.parse('2026-11-30T01:00:00Z') };

  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    await must(core, 'desk')('setup.init', ADMIN);
    await must(core, 'desk')('settings.update', { idleLockMinutes: 5 });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('locks a page left open even though it checks its session every 30 s and refreshes the queue', async () => {
    // Was: the page's 30-second auth.session call counted as activity, so the lock never came.
    const desk = caller(core, 'desk');
    for (let s = 0; s <= 6 * 60; s += 30) {
      clock.t += 30_000;
      await desk('auth.session', {});
      await desk('queue.today', {});
    }
    expect(await desk('auth.session', {})).toMatchObject({ ok: true, value: { locked: true, account: null } });
    expect(await desk('units.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('stays open while the user works', async () => {
    const desk = caller(core, 'desk');
    for (let s = 0; s <= 6 * 60; s += 60) {
      clock.t += 60_000;
      expect(await desk('units.list', {})).toMatchObject({ ok: true });
    }
    expect(await desk('auth.session', {})).toMatchObject({ ok: true, value: { locked: false } });
  });
});

describe('an administrator’s password reset', () => {
  const office = freshOffice();

  it('ends every session of that account at once', async () => {
    const admin = must(office.core, 'admin');
    const account = await admin('accounts.create', {
      username: 'desk',
      displayName: '李前台',
      role: 'operator',
      password: 'operator pass 1',
      leaderId: null,
    });
    await loginAsNew(office.core, 'desk', { username: 'desk', password: 'operator pass 1' });
    expect(await caller(office.core, 'desk')('units.list', {})).toMatchObject({ ok: true });
    // Was: the reset wrote a new slot, but the window logged in with the old password went on working.
    await admin('accounts.resetPassword', { accountId: account.id, newPassword: 'fresh start 2026' });
    expect(await caller(office.core, 'desk')('units.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // The administrator's own session is untouched.
    expect(await caller(office.core, 'admin')('units.list', {})).toMatchObject({ ok: true });
  });
});
