import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { value } from '../../electron/core/infra/db/sql';
import { HallError } from '../../shared/contract';
import {
  backupToPath,
  changeDatabaseKey,
  fillDemoData,
  restoreFromPath,
  rotateRecoveryCode,
  type CallContext,
  type Core,
} from '../../electron/core';
import { accountSlot, readKeyring, recoverySlot, unwrapSlot } from '../../electron/core/infra/key-slots';
import { ADMIN, createAndLogin, must, OPERATOR, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const ADMIN_CTX: CallContext = { host: 'cli', clientId: 'admin' };

/** The code of the HallError `fn` throws. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HallError) return error.code;
    throw error;
  }
  throw new Error('did not throw');
}

describe("core's operations for hosts", () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;

  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(path.join(tmp.dir, 'data'));
    await must(core, ADMIN_CTX.clientId)('setup.init', ADMIN);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const audited = async (action: string) =>
    (await must(core, ADMIN_CTX.clientId)('audit.list', { limit: 50 })).entries.filter((e) => e.action === action);

  it('act only for an active administrator, with the codes the router uses', async () => {
    const out = path.join(tmp.dir, 'b.db');
    expect(codeOf(() => backupToPath(core, { host: 'cli', clientId: 'nobody' }, out))).toBe('UNAUTHENTICATED');
    await createAndLogin(must(core, ADMIN_CTX.clientId), core, 'op', OPERATOR);
    const op = { host: 'cli', clientId: 'op' } as const;
    for (const run of [
      () => backupToPath(core, op, out),
      () => rotateRecoveryCode(core, op),
      () => changeDatabaseKey(core, op, 'operator pass 1'),
      () => fillDemoData(core, op),
    ])
      expect(codeOf(run)).toBe('FORBIDDEN');
    core.sessions.lock(ADMIN_CTX.clientId);
    expect(codeOf(() => rotateRecoveryCode(core, ADMIN_CTX))).toBe('SESSION_LOCKED');
    expect(fs.existsSync(out)).toBe(false);
  });

  it("backs up to a path under a key of its own, with a keyring of today's slots beside it, audited as backup.create", async () => {
    const info = await backupToPath(core, ADMIN_CTX, path.join(tmp.dir, 'usb', '..', 'hall.db'));
    expect(info.file).toBe(path.join(tmp.dir, 'hall.db'));
    expect(info.keyringFile).toBe(`${info.file}.keyring.json`);
    expect(fs.statSync(info.file).size).toBe(info.size);
    const own = readKeyring(info.keyringFile);
    const live = core.store.keyring();
    expect(own.keyId).not.toBe(live.keyId);
    expect(own.slots.map((s) => s.id)).toEqual(live.slots.map((s) => s.id));
    expect(unwrapSlot(own, accountSlot(own, 'admin')!, ADMIN.password)?.toString('hex')).not.toBe(
      core.store.currentKey().toString('hex'),
    );
    expect((await audited('backup.create')).map((e) => e.entityId)).toEqual(['hall.db']);
  });

  it('restores from a path for an administrator of the backup, and says when the file is missing', async () => {
    const { file } = await backupToPath(core, ADMIN_CTX, path.join(tmp.dir, 'keep.db'));
    expect(
      codeOf(() =>
        restoreFromPath(core, ADMIN_CTX, {
          file: path.join(tmp.dir, 'none.db'),
          username: 'admin',
          password: ADMIN.password,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(() => restoreFromPath(core, ADMIN_CTX, { file, username: 'admin', password: 'wrong password' })),
    ).toBe('WRONG_CREDENTIALS');
    expect(restoreFromPath(core, ADMIN_CTX, { file, username: 'admin', password: ADMIN.password })).toMatchObject({
      file,
      keptAside: expect.stringMatching(/^hall-.*-replaced\.db$/),
    });
  });

  it('rotates the recovery code: the new one opens the keyring, the account slots stay', async () => {
    const before = core.store.keyring();
    const { recoveryCode } = rotateRecoveryCode(core, ADMIN_CTX);
    const after = core.store.keyring();
    expect(after.keyId).toBe(before.keyId);
    expect(after.slots.filter((s) => s.kind === 'account')).toEqual(before.slots.filter((s) => s.kind === 'account'));
    expect(unwrapSlot(after, recoverySlot(after)!, recoveryCode)?.toString('hex')).toBe(
      core.store.currentKey().toString('hex'),
    );
    expect(await audited('keyring.rotateRecovery')).toHaveLength(1);
  });

  it("changes the database key only with the administrator's own password", async () => {
    const before = core.store.keyring();
    expect(codeOf(() => changeDatabaseKey(core, ADMIN_CTX, 'not my password'))).toBe('WRONG_CREDENTIALS');
    expect(core.store.keyring()).toEqual(before);
    const { recoveryCode } = await changeDatabaseKey(core, ADMIN_CTX, ADMIN.password);
    const after = core.store.keyring();
    expect(after.keyId).not.toBe(before.keyId);
    expect(unwrapSlot(after, recoverySlot(after)!, recoveryCode)).not.toBeNull();
    expect(core.store.listBackups().map((b) => b.reason)).toContain('pre-rekey');
    expect(await audited('keyring.rekeyDatabase')).toHaveLength(1);
    core.close();
    core = testCore(path.join(tmp.dir, 'data'));
    await must(core, ADMIN_CTX.clientId)('auth.login', { username: 'admin', password: ADMIN.password });
  });

  it('fills the demo once, then refuses with DATABASE_NOT_EMPTY and changes nothing', async () => {
    const summary = fillDemoData(core, ADMIN_CTX, new Date('2026-11-23T02:00:00Z'));
    expect(summary.visits).toBeGreaterThan(0);
    let refused: unknown;
    try {
      fillDemoData(core, ADMIN_CTX, new Date('2026-11-23T02:00:00Z'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HallError);
    expect((refused as HallError).toBody()).toEqual({
      code: 'DATABASE_NOT_EMPTY',
      message: '数据库中已有来访记录，演示数据只能填入新的数据库。',
    });
    expect(await audited('demo.fill')).toHaveLength(1);
  });

  it('dates nothing of the demo after the day it is filled: no extension, closure or follow-up from the future', () => {
    // Filled on 2026-11-23 (China time); every dated step must be on or before that day.
    fillDemoData(core, ADMIN_CTX, new Date('2026-11-23T02:00:00Z'));
    const after = (sql: string) => value<number>(core.store.database, sql, '2026-11-23')!;
    expect(after('SELECT count(*) FROM extensions WHERE approved_on > ?')).toBe(0);
    expect(after('SELECT count(*) FROM extensions WHERE petitioner_notified_on > ?')).toBe(0);
    expect(after('SELECT count(*) FROM extensions WHERE approved_on <= ?')).toBeGreaterThan(0);
    expect(after('SELECT count(*) FROM closures WHERE answer_date > ?')).toBe(0);
    expect(after('SELECT count(*) FROM follow_ups WHERE substr(at, 1, 10) > ?')).toBe(0);
    expect(after('SELECT count(*) FROM visits WHERE date > ?')).toBe(0);
    expect(after('SELECT count(*) FROM supervisions WHERE substr(issued_at, 1, 10) > ?')).toBe(0);
  });
});
