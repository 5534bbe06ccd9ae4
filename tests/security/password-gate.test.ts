import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { changeDatabaseKey, restoreFromPath } from '../../electron/core';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/** A clock the test moves by hand, shared by the cores that stand for separate processes. */
function clock(start = Date.parse('2026-11-23T08:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** The audited failures, each with its detail parsed: who, from which host, at which check. */
async function failures(core: Core, clientId = 'auditor') {
  const audit = await must(core, clientId)('audit.list', { limit: 200 });
  return audit.entries
    .filter((e) => e.action === 'auth.loginFailed')
    .map((e) => JSON.parse(e.detail) as { username: string; host: string; check: string });
}

describe('one gate for every password check (issue 13, findings 1 and 6)', () => {
  const tmp = tempDir();
  const time = clock();
  let core: Core;

  beforeEach(async () => {
    core = testCore(tmp.dir, { now: time.now });
    await must(core, 'admin')('setup.init', ADMIN);
    await must(core, 'admin')('backup.create', {});
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('restoreLatest is no password oracle: throttled with login, audited, and refused for a healthy database', async () => {
    await must(core, 'admin')('auth.logout', {});
    const anon = caller(core, 'attacker');
    for (let i = 0; i < 5; i++)
      expect(await anon('auth.login', { username: 'admin', password: `guess ${i}` })).toMatchObject({
        error: { code: 'WRONG_CREDENTIALS' },
      });
    // Locked out at login, so locked out here too: the guess is not even tried.
    expect(await anon('backup.restoreLatest', { username: 'admin', password: ADMIN.password })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    time.advance(60 * 60_000);
    expect(await anon('backup.restoreLatest', { username: 'admin', password: 'guess 6' })).toMatchObject({
      error: { code: 'WRONG_CREDENTIALS' },
    });
    // The right password on a database that opens restores nothing: that is for a logged-in administrator.
    time.advance(60 * 60_000);
    expect(await anon('backup.restoreLatest', { username: 'admin', password: ADMIN.password })).toMatchObject({
      error: { code: 'RULE_VIOLATION' },
    });
    expect(core.store.listBackups().some((b) => b.reason === 'replaced')).toBe(false);
    await must(core, 'auditor')('auth.login', { username: 'admin', password: ADMIN.password });
    const failed = await failures(core);
    expect(failed).toHaveLength(6);
    expect(failed.map((f) => f.check)).toEqual(expect.arrayContaining(['auth.login', 'backup.restoreLatest']));
  });

  it('throttles and audits the CLI across processes: each command is a core of its own', async () => {
    await must(core, 'admin')('auth.logout', {});
    core.close();
    for (let i = 0; i < 5; i++) {
      const cli = testCore(tmp.dir, { now: time.now });
      expect(await caller(cli, 'cli')('auth.login', { username: 'admin', password: `wrong ${i}` })).toMatchObject({
        error: { code: 'WRONG_CREDENTIALS' },
      });
      cli.close();
    }
    const next = testCore(tmp.dir, { now: time.now });
    expect(await caller(next, 'cli')('auth.login', { username: 'admin', password: ADMIN.password })).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    next.close();
    time.advance(60 * 60_000);
    core = testCore(tmp.dir, { now: time.now });
    await must(core, 'auditor')('auth.login', { username: 'admin', password: ADMIN.password });
    const failed = await failures(core);
    expect(failed).toHaveLength(5);
    expect(failed.every((f) => f.host === 'cli')).toBe(true);
  });

  it('throttles changing a password, restoring and rekeying the same way, each failure audited with its check', async () => {
    const admin = caller(core, 'admin');
    const wrong = [
      () => admin('auth.changePassword', { currentPassword: 'not mine 1', newPassword: 'another pass 22' }),
      () => admin('backup.restore', { name: core.store.listBackups()[0]!.name, password: 'not mine 2' }),
      () => Promise.resolve(codeOf(() => changeDatabaseKey(core, { host: 'cli', clientId: 'admin' }, 'not mine 3'))),
      () =>
        Promise.resolve(
          codeOf(() =>
            restoreFromPath(
              core,
              { host: 'cli', clientId: 'x' },
              {
                file: core.store.listBackups()[0]!.file,
                username: 'admin',
                password: 'not mine 4',
              },
            ),
          ),
        ),
      () => admin('auth.changePassword', { currentPassword: 'not mine 5', newPassword: 'another pass 22' }),
    ];
    const answers: unknown[] = [];
    for (const attempt of wrong) answers.push(await attempt());
    expect(answers.map((a) => JSON.stringify(a).includes('WRONG_CREDENTIALS'))).toEqual([true, true, true, true, true]);
    // The field that was wrong is named, for the form.
    expect(answers[0]).toMatchObject({ error: { fields: [{ path: 'currentPassword' }] } });
    expect(
      await admin('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'x pass 123 y' }),
    ).toMatchObject({
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const failed = await failures(core, 'admin');
    expect(new Set(failed.map((f) => f.check))).toEqual(
      new Set(['auth.changePassword', 'backup.restore', 'keyring.rekeyDatabase', 'restore.file']),
    );
  });

  it('a restore ends the sessions of accounts absent from the restored data', async () => {
    const admin = must(core, 'admin');
    const { name } = (await admin('backup.list', {}))[0]!;
    await admin('accounts.create', {
      username: 'later',
      displayName: '后来者',
      role: 'archivist',
      password: 'later pass 12',
    });
    const later = caller(core, 'later');
    await must(core, 'later')('auth.login', { username: 'later', password: 'later pass 12' });
    expect(await later('auth.session', {})).toMatchObject({ ok: true, value: { account: { username: 'later' } } });
    await admin('backup.restore', { name, password: ADMIN.password });
    expect(await later('audit.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true });
  });
});

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
