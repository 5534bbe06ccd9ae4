import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ADMIN, assignCase, createCase, must, registerVisit, saveLeader, saveUnit, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/**
 * Day 15 and day 16 of a 15-working-day deadline across National Day 2026, as 督办 sees them,
 * and the same at 00:30 China time, when UTC is still on the day before.
 */
describe('the 15th and 16th working day of a deadline, through the router', () => {
  const tmp = tempDir();
  const clock = { t: Date.parse('2026-09-29T10:00:00+08:00') };
  let core: Core;
  let caseId = 0;
  const admin = () => must(core, 'admin');
  const row = async (on?: string) =>
    (await admin()('supervise.list', on ? { on } : {})).items.find((i) => i.caseId === caseId);

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    await admin()('setup.init', ADMIN);
    const leader = (await saveLeader(admin(), '吴晓喆')).id;
    const unit = (await saveUnit(admin(), '县住建局')).id;
    // Registered Tuesday 29 September: 9-30 is day 1, 1–7 October are off, 10 October (a
    // make-up Saturday) works, and Monday 26 October is day 15.
    const visitId = await registerVisit(admin(), '欧阳明', '安置房逾期交付');
    caseId = await createCase(admin(), visitId, '安置房逾期交付', leader);
    await assignCase(admin(), caseId, unit);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('is due, not overdue, on day 15', async () => {
    const item = await row('2026-10-26');
    expect(item).toMatchObject({ deadlineOn: '2026-10-26', daysLeft: 0 });
    expect(item!.reasons).not.toContain('overdue');
  });

  it('is overdue by one day on day 16', async () => {
    const item = await row('2026-10-27');
    expect(item).toMatchObject({ daysLeft: -1 });
    expect(item!.reasons).toContain('overdue');
  });

  it('counts 00:30 China time on 27 October as day 16, though UTC still says the 26th', async () => {
    clock.t = Date.parse('2026-10-27T00:30:00+08:00');
    expect(new Date(clock.t).toISOString().slice(0, 10)).toBe('2026-10-26');
    // Four weeks idle locked the session, as at the counter: unlock as the user would.
    await admin()('auth.unlock', { password: ADMIN.password });
    const list = await admin()('supervise.list', {});
    expect(list.on).toBe('2026-10-27');
    expect(list.items.find((i) => i.caseId === caseId)).toMatchObject({ daysLeft: -1 });
  });
});
