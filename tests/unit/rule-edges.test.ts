import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../shared/domain/calendar';
import { caseDeadline, extendDeadline } from '../../shared/domain/deadlines';
import { checkVisitRules } from '../../shared/domain/registration';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

/**
 * Numbers of the brief §5 at their edges, with the defaults (docs/rules.md names this file for
 * each): the last value allowed and the first refused or escalated.
 */
const cal = new WorkCalendar();
const s = DEFAULT_SETTINGS;

const person = (isRepresentative: boolean) => ({
  name: '代表',
  sex: 'unknown' as const,
  idNumber: null,
  birthDate: null,
  phone: null,
  address: null,
  isRepresentative,
});
const group = (headCount: number, reps: number) => ({
  headCount,
  petitioners: Array.from({ length: Math.max(reps, 1) }, (_, i) => person(i < reps)),
});

describe('the numbers of §5 at their edges', () => {
  it('extends by 30 days, not 31', () => {
    // 30 days from 8 September is Thursday 8 October; 31 is more than the regulation allows.
    expect(extendDeadline('2026-09-08', 30, s.extensionMaxDays, cal).date).toBe('2026-10-08');
    expect(() => extendDeadline('2026-09-08', 31, s.extensionMaxDays, cal)).toThrow(RangeError);
  });

  it('counts 60 working days for a backlog case across Mid-Autumn and National Day', () => {
    // From 1 September: 21 working days in September (20 September worked, 25th off), 18 in
    // October (1–7 off, Saturday the 10th worked), 21 in November: day 60 is 30 November.
    expect(caseDeadline('backlog_60_working_days', '2026-09-01', cal, s)).toMatchObject({
      date: '2026-11-30',
      unit: 'working',
      amount: 60,
    });
  });

  it('lets 5 people come without representatives, and stops 6 until at most 5 are named', () => {
    expect(checkVisitRules(group(5, 0), 0, s).blocking).toEqual([]);
    expect(checkVisitRules(group(6, 0), 0, s).blocking).toHaveLength(1);
    expect(checkVisitRules(group(6, 5), 0, s).blocking).toEqual([]);
    expect(checkVisitRules(group(6, 6), 0, s).blocking).toEqual([
      { path: 'petitioners', message: '代表不能超过5名，现有6名' },
    ]);
  });

  it('calls the principal leader for a group of 20, not of 19', () => {
    expect(checkVisitRules(group(19, 1), 0, s).needsPrincipal).toBe(false);
    expect(checkVisitRules(group(20, 1), 0, s)).toMatchObject({ needsPrincipal: true });
  });

  it('sends the third visit on a matter to the principal leader, not the second', () => {
    expect(checkVisitRules(group(1, 0), 1, s).needsPrincipal).toBe(false);
    expect(checkVisitRules(group(1, 0), 2, s)).toMatchObject({
      needsPrincipal: true,
      alerts: ['同一事项第3次来访，由主要领导接待'],
    });
  });
});
