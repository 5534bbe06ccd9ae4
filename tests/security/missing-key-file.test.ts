// A database whose keyring is gone is not a first run (issue 13, medium findings): an anonymous
// setup.init moved the office's database aside and set up a new office in its place.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { hall, hallInit, passwordFile } from '../helpers/cli';
import { snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

const INTRUDER = {
  officeName: '冒名县信访局',
  username: 'intruder',
  displayName: '冒名者',
  password: 'take it over 1',
};
const REFUSAL = /密钥文件 hall\.keyring\.json 不见了[\s\S]*从备份或原来的数据目录中找回[\s\S]*本次没有做任何改动/;

describe('setup.init with a database and no keyring', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  /** The keyring moved out of the data folder, as a careless copy or an attacker would leave it. */
  function loseKeyring(dataDir: string): string {
    const kept = path.join(tmp.dir, 'kept.keyring.json');
    fs.renameSync(path.join(dataDir, 'hall.keyring.json'), kept);
    return kept;
  }

  it('is refused through the router with DATA_PROBLEM, and nothing on disk changes', async () => {
    const data = path.join(tmp.dir, 'data');
    const first = testCore(data);
    await must(first, 'admin')('setup.init', ADMIN);
    first.close();
    const kept = loseKeyring(data);
    const before = snapshot(data);

    const core = testCore(data);
    try {
      const result = await caller(core, 'stranger')('setup.init', INTRUDER);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'DATA_PROBLEM', message: expect.stringMatching(REFUSAL) },
      });
      expect(snapshot(data)).toEqual(before);
      expect(await caller(core, 'stranger')('auth.session', {})).toMatchObject({ value: { account: null } });
    } finally {
      core.close();
    }

    // The keyring put back opens the same office, with its own administrator.
    fs.renameSync(kept, path.join(data, 'hall.keyring.json'));
    const again = testCore(data);
    try {
      const login = await caller(again, 'admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect(login).toMatchObject({ ok: true });
      expect(await must(again, 'admin')('system.info', {})).toMatchObject({ office: ADMIN.officeName });
    } finally {
      again.close();
    }
  });

  it('is refused to `hall init` with the data exit code, and nothing on disk changes', () => {
    const data = path.join(tmp.dir, 'data');
    const pw = passwordFile(tmp.dir, 'counter pass 2026');
    expect(hallInit(data, pw).code).toBe(0);
    const kept = loseKeyring(data);
    const before = snapshot(data);

    const other = passwordFile(tmp.dir, INTRUDER.password);
    const r = hall(data, [
      'init',
      '--office',
      INTRUDER.officeName,
      '--user',
      INTRUDER.username,
      '--password-file',
      other,
    ]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(REFUSAL);
    expect(r.out).not.toMatch(/恢复码/);
    expect(snapshot(data)).toEqual(before);

    fs.renameSync(kept, path.join(data, 'hall.keyring.json'));
    const stats = hall(data, [
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(stats.code, stats.err).toBe(0);
  });
});
