import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hall, passwordFile } from '../helpers/cli';
import { must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'clock pass 2026';
// 00:30 in Beijing is still 9 October's eve in UTC: a day read in UTC would be the 8th.
const HALL_NOW = '2026-10-09T00:30+08:00';

/** `HALL_NOW=… hall …`: the CLI on a test clock counts the China day of the set instant. */
describe('hall on a test clock (HALL_NOW)', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let creds: string[];

  beforeAll(() => {
    creds = ['--user', 'admin', '--password-file', passwordFile(tmp.dir, PASSWORD)];
    const init = hall(data, ['init', '--office', '清河县信访局', ...creds, '--name', '王管理'], { HALL_NOW });
    expect(init.code, init.err).toBe(0);
    const demo = hall(data, ['demo', ...creds], { HALL_NOW });
    expect(demo.code, demo.err).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('registers and reports on the China day of the set instant', () => {
    const list = hall(data, ['supervise', 'list', '--json', ...creds], { HALL_NOW });
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as { on: string }).on).toBe('2026-10-09');
    // The demo registered its last visits on the test clock's day, not the machine's.
    const ledger = hall(data, ['case', 'list', '--json', ...creds], { HALL_NOW });
    expect(ledger.code, ledger.err).toBe(0);
    const accepted = (JSON.parse(ledger.out) as { acceptedOn: string }[]).map((c) => c.acceptedOn).sort();
    expect(accepted.at(-1)).toBe('2026-10-09');
  });

  it('records each opening on the test clock in the audit trail, with the instant', async () => {
    const core = testCore(data);
    try {
      await must(core, 'a')('auth.login', { username: 'admin', password: PASSWORD });
      const entries = (await must(core, 'a')('audit.list', { limit: 500 })).entries;
      const marks = entries.filter((e) => e.action === 'system.testClock');
      // init, demo, and the commands above each opened the store on the test clock.
      expect(marks.length).toBeGreaterThanOrEqual(3);
      for (const m of marks) expect(JSON.stringify(m)).toContain('2026-10-08T16:30:00.000Z');
    } finally {
      core.close();
    }
  });

  it('refuses a bad HALL_NOW before it opens the store, naming the variable', () => {
    const r = hall(data, ['supervise', 'list', '--json', ...creds], { HALL_NOW: '2026-10-09 09:00' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('HALL_NOW');
    expect(r.out).toBe('');
  });
});
