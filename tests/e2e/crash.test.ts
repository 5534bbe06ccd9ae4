import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck } from '../../electron/core/infra/db/connection';
import { values } from '../../electron/core/infra/db/sql';
import { verifyAudit } from '../../electron/core/infra/audit-chain';
import { ADMIN, must, testCore } from '../helpers/core';
import { ROOT } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/** Starts a writer, lets it commit for a while, kills it with SIGKILL; returns the ids it reported committed. */
function stormRound(dataDir: string, round: number, runMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/helpers/write-storm.ts'), dataDir, String(round)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    let err = '';
    const committed: number[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), runMs);
        else if (line) committed.push(Number(line));
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited by itself: ${err}`)),
    );
  });
}

describe('kill -9 in the middle of a write storm', () => {
  const tmp = tempDir();
  beforeAll(async () => {
    const core = testCore(tmp.dir);
    await must(core, 'setup')('setup.init', ADMIN);
    core.close();
  });
  afterAll(() => tmp.cleanup());

  it('opens after every one of 20 kills, intact, with every committed row present', async () => {
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const committed = await stormRound(tmp.dir, round, 80 + ((round * 37) % 200));
      expect(committed.length, `round ${round} committed nothing`).toBeGreaterThan(0);
      total += committed.length;
      const core = testCore(tmp.dir);
      await must(core, 'check')('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const db = core.store.database;
      expect(integrityCheck(db)).toEqual([]);
      const present = new Set(values<number>(db, 'SELECT id FROM categories WHERE name LIKE ?', `storm-${round}-%`));
      const missing = committed.filter((id) => !present.has(id));
      expect(missing, `round ${round}`).toEqual([]);
      expect(verifyAudit(db).ok).toBe(true);
      core.close();
    }
    expect(total).toBeGreaterThan(200);
  }, 180_000);
});
