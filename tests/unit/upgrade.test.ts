import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { bigrams } from '../../electron/core/infra/db/bigrams';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { applyMigrations, LATEST_SCHEMA, schemaVersion } from '../../electron/core/infra/db/migrate';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { value } from '../../electron/core/infra/db/sql';
import { statementWeights, UpgradeTracker } from '../../electron/core/infra/db/upgrade-estimate';
import { accountSlot, readKeyring, unwrapSlot } from '../../electron/core/infra/key-slots';
import type { SessionView } from '../../shared/contract';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { oldStore } from '../helpers/old-store';
import { tempDir } from '../helpers/tmp';

const FROM = 5;
const pending = MIGRATIONS.slice(FROM);
const statements = pending.reduce((n, m) => n + m.statements.length, 0);

describe('the upgrade estimate', () => {
  it('weighs a statement by the rows it must visit: an index or an update by its table, a new table or column by none', () => {
    const tmp = tempDir();
    try {
      oldStore(tmp.dir, FROM, 300);
      const keyring = readKeyring(path.join(tmp.dir, 'hall.keyring.json'));
      const key = unwrapSlot(keyring, accountSlot(keyring, ADMIN.username)!, ADMIN.password)!;
      const db = openDatabase(path.join(tmp.dir, 'hall.db'), { key, readonly: true });
      const weights = statementWeights(db, pending);
      const tables = value<number>(
        db,
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )!;
      db.close();
      // One entry per statement, and the closing foreign_key_check at the end of the last.
      expect(weights.map((w) => w.length)).toEqual(
        pending.map((m, i) => m.statements.length + (i === pending.length - 1 ? tables : 0)),
      );
      const flat = pending.flatMap((m) => m.statements).map((s, i) => [s, weights.flat()[i]!] as const);
      for (const [statement, weight] of flat) {
        const sql = statement.replace(/^(\s*--[^\n]*\n)+/, '');
        // A new table or column costs nothing per row, even when it refers to visits.
        if (/^\s*(CREATE TABLE|ALTER TABLE \S+ ADD)/i.test(sql)) expect(weight, sql).toBe(1);
        // An index on visits, an UPDATE of it, a copy of it: at least its 300 rows.
        else if (
          /^\s*(CREATE (UNIQUE )?INDEX \S+ ON `visits`|UPDATE `?visits`?|INSERT INTO .* FROM `?visits`?)/i.test(sql)
        )
          expect(weight, sql).toBeGreaterThanOrEqual(301);
      }
      // foreign_key_check, table by table: visits by its rows.
      expect(Math.max(...weights.at(-1)!.slice(pending.at(-1)!.statements.length))).toBeGreaterThanOrEqual(301);
    } finally {
      tmp.cleanup();
    }
  });

  it('starts from the prior rate, then learns this machine rate, and never passes a running statement', () => {
    let t = 0;
    const tracker = new UpgradeTracker([[1000, 1000], [8000]], () => t, 1000);
    // Nothing done: 10,000 rows at the prior 1,000 rows/s.
    expect(tracker.estimate()).toEqual({ fraction: 0, remainingSeconds: 10 });
    // The first statement took 4 s (250 rows/s): measured, the rest (9,000 rows) takes 36 s.
    t = 4000;
    tracker.done(0, 1);
    expect(tracker.estimate()).toEqual({ fraction: 0.1, remainingSeconds: 36 });
    // Two seconds into the second: the bar moves at the measured rate.
    t = 6000;
    expect(tracker.estimate().fraction).toBeCloseTo(0.15);
    // Far longer than expected: held at 95 % of that statement, and the time left stays above zero.
    t = 600_000;
    const late = tracker.estimate();
    expect(late.fraction).toBeCloseTo(0.195);
    expect(late.remainingSeconds).toBeGreaterThan(0);
    t = 604_000;
    tracker.done(0, 2);
    tracker.done(1, 1);
    expect(tracker.estimate()).toEqual({ fraction: 1, remainingSeconds: 0 });
  });

  it('applies migrations through the text the worker runs: the function is self-contained', () => {
    // What the worker does with the two functions: rebuilt from their text alone, nothing in scope.
    const rebuilt = new Function(`return (${bigrams.toString()})`)() as typeof bigrams;
    expect(rebuilt('清河县河口镇 拆迁')).toBe(bigrams('清河县河口镇 拆迁'));
    expect(rebuilt(null)).toBe('');
    expect(() => new Function(`return (${applyMigrations.toString()})`)()).not.toThrow();
  });
});

describe('a login that needs an upgrade', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;

  beforeEach(() => {
    tmp = tempDir();
    oldStore(tmp.dir, FROM);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  /** Asks as the upgrade screen does until the session begins; returns every answer seen. */
  async function waitForSession(clientId: string): Promise<SessionView[]> {
    const seen: SessionView[] = [];
    for (let i = 0; i < 400; i++) {
      const view = await must(core, clientId)('auth.session', {});
      seen.push(view);
      if (view.account || view.upgrade?.phase === 'failed' || !view.upgrade) return seen;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the upgrade did not finish');
  }

  it('answers "upgrading" at once, says step, percent and time left while it runs, then begins the session', async () => {
    core = testCore(tmp.dir, { upgradeStatementDelayMs: 40, upgradeAnswerMs: 100 });
    const started = performance.now();
    const answer = await must(core, 'w1')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // The login did not wait for statements × 40 ms.
    expect(performance.now() - started).toBeLessThan((statements * 40) / 2);
    expect(answer.account).toBeNull();
    expect(answer.upgrade).toMatchObject({ steps: pending.length + 1, message: null });
    // Another connection sees no upgrade (it did not log in) and may not open the store meanwhile.
    expect((await must(core, 'other')('auth.session', {})).upgrade).toBeNull();
    const seen = await waitForSession('w1');
    const during = seen.filter((v) => v.upgrade?.phase === 'migrate').map((v) => v.upgrade!);
    expect(during.length).toBeGreaterThan(3);
    // Steps go forward 2…m, percent never back, the estimate is said.
    for (let i = 1; i < during.length; i++) {
      expect(during[i]!.step).toBeGreaterThanOrEqual(during[i - 1]!.step);
      expect(during[i]!.percent).toBeGreaterThanOrEqual(during[i - 1]!.percent);
    }
    expect(during.every((u) => u.remainingSeconds !== null && u.step >= 2 && u.step <= pending.length + 1)).toBe(true);
    expect(during[0]!.backup).toMatch(/^hall-.*-pre-migrate-v5\.db$/);
    const last = seen.at(-1)!;
    expect(last.account).toMatchObject({ username: ADMIN.username });
    expect(last.upgrade).toBeNull();
    expect(schemaVersion(core.store.database)).toBe(LATEST_SCHEMA);
    // The visits came through, and the backup taken first is listed.
    expect(core.store.database.prepare('SELECT count(*) AS n FROM visits').get()).toEqual({ n: 200 });
    const backups = () => fs.readdirSync(path.join(tmp.dir, 'backups')).filter((f) => f.endsWith('.db'));
    expect(backups()).toEqual([during[0]!.backup]);
    // The session works as any other.
    expect((await must(core, 'w1')('auth.session', {})).account?.username).toBe(ADMIN.username);
  });

  it('an upgrade done within the answer window answers as a plain login', async () => {
    core = testCore(tmp.dir, { upgradeAnswerMs: 30_000 });
    const answer = await must(core, 'w1')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(answer.account).toMatchObject({ username: ADMIN.username });
    expect(answer.upgrade).toBeNull();
    expect(schemaVersion(core.store.database)).toBe(LATEST_SCHEMA);
  });

  it('a wrong password starts nothing; a second login joins the upgrade and both sessions begin', async () => {
    core = testCore(tmp.dir, { upgradeStatementDelayMs: 20, upgradeAnswerMs: 50 });
    expect(await caller(core, 'w1')('auth.login', { username: ADMIN.username, password: 'wrong one 1' })).toMatchObject(
      {
        ok: false,
        error: { code: 'WRONG_CREDENTIALS' },
      },
    );
    expect(fs.existsSync(path.join(tmp.dir, 'backups'))).toBe(false);
    const first = await must(core, 'w1')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const second = await must(core, 'w2')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(first.upgrade && second.upgrade).toBeTruthy();
    // Recovery (which opens the store) waits: nothing else opens the file while it migrates.
    expect((await waitForSession('w1')).at(-1)!.account).toBeTruthy();
    expect((await must(core, 'w2')('auth.session', {})).account).toBeTruthy();
    expect(fs.readdirSync(path.join(tmp.dir, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });

  it('a migration that fails leaves the store as it was, and the screen says so with the backup', async () => {
    // A visit pointing at a petitioner that does not exist: foreign_key_check fails at the end.
    const keyring = readKeyring(path.join(tmp.dir, 'hall.keyring.json'));
    const key = unwrapSlot(keyring, accountSlot(keyring, ADMIN.username)!, ADMIN.password)!;
    const db = openDatabase(path.join(tmp.dir, 'hall.db'), { key });
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO visit_petitioners (visit_id, petitioner_id, is_primary) VALUES (1, 9999, 0)').run();
    db.close();
    core = testCore(tmp.dir, { upgradeStatementDelayMs: 5, upgradeAnswerMs: 20 });
    await must(core, 'w1')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const last = (await waitForSession('w1')).at(-1)!;
    expect(last.account).toBeNull();
    expect(last.upgrade).toMatchObject({ phase: 'failed' });
    expect(last.upgrade!.message).toMatch(/引用错误.*升级已撤销.*hall-.*-pre-migrate-v5\.db/);
    expect(core.store.state()).toBe('locked');
    const check = openDatabase(path.join(tmp.dir, 'hall.db'), { key, readonly: true });
    expect(schemaVersion(check)).toBe(FROM);
    check.close();
    key.fill(0);
  });
});
