import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../../electron/core/infra/db/connection';
import { LATEST_SCHEMA, schemaVersion } from '../../electron/core/infra/db/migrate';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, must, testCore } from '../helpers/core';
import { oldStore } from '../helpers/old-store';
import { ROOT } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/**
 * kill -9 during an upgrade (issue 17): at the backup before it, at the first statement, after
 * the last statement of every migration (between two migrations of the one transaction) and
 * after the commit. Each case copies one store at schema 5, runs the login in a child process
 * that dies at the step, then logs in as the app would: the store opens, upgrades, and keeps
 * every visit.
 */
const FROM = 5;
const pending = MIGRATIONS.slice(FROM);
const STEPS = [
  ...new Set([
    'backup:copied',
    'upgrade:0:1',
    ...pending.map((m, i) => `upgrade:${i}:${m.statements.length}`),
    'upgrade:committed',
  ]),
];

describe('kill -9 at the steps of an upgrade', () => {
  const tmp = tempDir();
  const prepared = path.join(tmp.dir, 'prepared');

  beforeAll(() => {
    fs.mkdirSync(prepared, { mode: 0o700 });
    oldStore(prepared, FROM, 100);
  });
  afterAll(() => tmp.cleanup());

  it.each(STEPS)(
    'killed at %s: the store opens, upgrades and keeps its data',
    async (step) => {
      const dir = path.join(tmp.dir, step.replace(/:/g, '-'));
      fs.cpSync(prepared, dir, { recursive: true });
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'tests/helpers/crash-upgrade.ts'), dir],
        { cwd: ROOT, env: { ...process.env, HALL_CRASH_AT: step }, encoding: 'utf8', timeout: 60_000 },
      );
      expect(child.signal, child.stderr).toBe('SIGKILL');

      const core = testCore(dir, { upgradeAnswerMs: 60_000 });
      try {
        const view = await must(core, 'after')('auth.login', { username: ADMIN.username, password: ADMIN.password });
        expect(view.account?.username, view.upgrade?.message ?? '').toBe(ADMIN.username);
        const db = core.store.database;
        expect(schemaVersion(db)).toBe(LATEST_SCHEMA);
        expect(value<number>(db, 'SELECT count(*) FROM visits')).toBe(100);
        expect(integrityCheck(db)).toEqual([]);
        expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('.partial'))).toEqual([]);
      } finally {
        core.close();
      }
    },
    120_000,
  );
});
