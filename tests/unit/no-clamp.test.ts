// Out-of-range input is refused at its field, never clamped (issue 16, item 7): an extension of
// 45 days was saved as 30 without a word. The contract allows up to 90 (the largest setting);
// the rule layer holds it to the office's setting and names the field, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import {
  assignCase,
  createCase,
  must,
  officeOnClock,
  registerVisit,
  saveLeader,
  rawCaller,
  saveUnit,
} from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const LATIN = /[A-Za-z]/;

describe('an extension beyond the setting', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let caseId = 0;

  beforeAll(async () => {
    ({ core, admin } = await officeOnClock(tmp.dir, '2026-10-12'));
    const leaderId = (await saveLeader(admin, '吴晓喆')).id;
    const unitId = (await saveUnit(admin, '县住房和城乡建设局')).id;
    caseId = await createCase(
      admin,
      await registerVisit(admin, '欧阳安', '安置房逾期交付'),
      '安置房逾期交付',
      leaderId,
    );
    await assignCase(admin, caseId, unitId);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  const extend = (days: unknown) =>
    rawCaller(core, 'admin')('cases.move', { move: 'extend', caseId, days, reason: '需要调查', approver: '吴晓喆' });
  const deadline = () => value<string>(core.store.database, 'SELECT deadline_on FROM cases WHERE id = ?', caseId);

  it('refuses 45 days when the setting allows 30, at the days field, in Chinese, and changes nothing', async () => {
    const before = deadline();
    const r = await extend(45);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('RULE_VIOLATION');
    expect(r.error.fields).toEqual([{ path: 'days', message: '延长天数最多30日（设置中的延期最长天数）' }]);
    expect(r.error.message).not.toMatch(LATIN);
    expect(deadline()).toBe(before);
    expect(value<number>(core.store.database, 'SELECT count(*) FROM extensions WHERE case_id = ?', caseId)).toBe(0);
  });

  it('refuses what the contract refuses with the field named, and no Latin letter', async () => {
    for (const [days, message] of [
      [91, '天数不能大于90'],
      [0, '延长天数至少1日'],
      [1.5, '天数应为整数'],
      ['45', '天数应为数字'],
    ] as const) {
      const r = await extend(days);
      expect(r.ok, String(days)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.fields?.map((f) => f.path)).toEqual(['days']);
      expect(r.error.fields?.[0]?.message).toContain(message);
      expect(r.error.fields?.[0]?.message).not.toMatch(LATIN);
    }
  });

  it('takes 30 days, the most the setting allows', async () => {
    const r = await extend(30);
    expect(r.ok).toBe(true);
  });
});
