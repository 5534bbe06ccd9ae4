import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { integrityCheck } from '../../electron/core/infra/db/connection';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, backupKey, must, saveUnit, testCore } from '../helpers/core';
import { ROOT } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/**
 * kill -9 at every step of restore, rekey, backup and backup re-encryption (issue 13, finding
 * 5): each case copies one prepared office, runs the operation in a child process that dies at
 * the named step (electron/core/infra/crash-points.ts), then opens the folder as the app would.
 */
const STEPS = {
  restore: ['restore:staged', 'swap:journal', 'swap:aside', 'swap:database', 'swap:keyring'],
  rekey: ['rekey:copied', 'rekey:staged', 'swap:journal', 'swap:database', 'swap:keyring'],
  backup: ['backup:copied', 'backup:reencrypted'],
  reencrypt: ['reencrypt:staged', 'reencrypt:database'],
} as const;

/** Names a step may leave behind only while it runs: none may survive the next start. */
const LEFTOVERS = /\.restoring|\.rekeying|\.partial|\.next$|hall\.swap\.json|\.tmp$/;

function countMarks(core: Core): number {
  return value<number>(core.store.database, "SELECT count(*) FROM units WHERE name LIKE 'mark-%'") ?? 0;
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('kill -9 at every step of restore, rekey, backup and re-encryption', () => {
  const tmp = tempDir();
  const prepared = path.join(tmp.dir, 'prepared');
  let oldBackup = '';

  beforeAll(async () => {
    const core = testCore(prepared);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await saveUnit(admin, 'mark-before');
    oldBackup = (await admin('backup.create', {})).name;
    // After the backup: data the restore replaces (and must keep aside), and a revoked secret
    // that makes the backup a candidate for re-encryption.
    await saveUnit(admin, 'mark-after');
    await admin('accounts.create', {
      username: 'op',
      displayName: '李接待',
      role: 'operator',
      password: 'operator 123',
    });
    const op = (await admin('accounts.list', {})).find((a) => a.username === 'op')!;
    await admin('accounts.resetPassword', { accountId: op.id, newPassword: 'operator 456' });
    core.close();
  }, 60_000);
  afterAll(() => tmp.cleanup());

  const cases = Object.entries(STEPS).flatMap(([operation, steps]) => steps.map((step) => ({ operation, step })));

  it.each(cases)(
    '$operation killed at $step: opens with the newest complete data and a verified chain',
    async ({ operation, step }) => {
      const dir = path.join(tmp.dir, `${operation}-${step.replace(':', '-')}`);
      fs.cpSync(prepared, dir, { recursive: true });
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'tests/helpers/crash-swap.ts'), dir, operation, oldBackup],
        { cwd: ROOT, env: { ...process.env, HALL_CRASH_AT: step }, encoding: 'utf8', timeout: 60_000 },
      );
      // The step must be reached: a run that finishes proves nothing about the step.
      expect(child.signal, child.stderr).toBe('SIGKILL');

      const core = testCore(dir);
      try {
        await must(core, 'after')('auth.login', { username: 'admin', password: ADMIN.password });
        expect(integrityCheck(core.store.database)).toEqual([]);
        expect(await must(core, 'after')('audit.verify', {})).toMatchObject({ ok: true });
        expect(allFiles(dir).filter((f) => LEFTOVERS.test(f))).toEqual([]);
        const marks = countMarks(core);
        const keptAside = core.store.listBackups().filter((b) => b.reason === 'replaced');
        if (operation === 'restore') {
          // Rolled back (the live data is still there) or finished (the live data is kept aside).
          expect(marks === 2 || (marks === 1 && keptAside.length === 1)).toBe(true);
          // A restore finished at start is audited then, as the system.
          const audit = await must(core, 'after')('audit.list', { limit: 20 });
          expect(audit.entries.some((e) => e.action === 'backup.restore')).toBe(marks === 1);
        } else expect(marks).toBe(2);
        // Every backup on the list opens with its key and is intact.
        for (const b of core.store.listBackups())
          expect(() => core.store.checkBackup(b.file, backupKey(core, b.file)), b.name).not.toThrow();
      } finally {
        core.close();
      }
    },
    90_000,
  );
});

describe('a process starting while another one backs up', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('leaves the other one’s staged files alone while it lives, and clears them once it is dead', async () => {
    const core = testCore(tmp.dir);
    await must(core, 'admin')('setup.init', ADMIN);
    core.close();
    // A live process (a sleeping child) holds the busy marker, as the app does while it backs up.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const marker = path.join(tmp.dir, `hall.busy-${other.pid}`);
    const staged = path.join(tmp.dir, 'backups', 'hall-20261129-100000000-daily.db.partial');
    fs.writeFileSync(marker, '');
    fs.mkdirSync(path.dirname(staged), { recursive: true });
    fs.writeFileSync(staged, 'half a copy');
    testCore(tmp.dir).close();
    expect(fs.existsSync(staged)).toBe(true);
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    testCore(tmp.dir).close();
    expect(fs.existsSync(staged)).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
