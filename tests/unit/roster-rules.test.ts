import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../shared/domain/calendar';
import { describeRule, ruleDates, ruleParams } from '../../shared/domain/roster';

const cal = new WorkCalendar();
const year = (p: Parameters<typeof ruleDates>[0]) => ruleDates(p, true, '2026-01-01', '2026-12-31', cal);

describe('roster rules over 2026', () => {
  it('monthly on the 20th, shifted past holidays', () => {
    expect(year({ kind: 'monthly_day', day: 20 })).toEqual([
      { date: '2026-01-20', shiftedFrom: null },
      { date: '2026-02-24', shiftedFrom: '2026-02-20' }, // Spring Festival 2-15..2-23
      { date: '2026-03-20', shiftedFrom: null },
      { date: '2026-04-20', shiftedFrom: null },
      { date: '2026-05-20', shiftedFrom: null },
      { date: '2026-06-22', shiftedFrom: '2026-06-20' }, // Saturday in the Dragon Boat block
      { date: '2026-07-20', shiftedFrom: null },
      { date: '2026-08-20', shiftedFrom: null },
      { date: '2026-09-20', shiftedFrom: null }, // a Sunday, but a make-up working day
      { date: '2026-10-20', shiftedFrom: null },
      { date: '2026-11-20', shiftedFrom: null },
      { date: '2026-12-21', shiftedFrom: '2026-12-20' }, // Sunday
    ]);
  });

  it('the first Monday of each month, shifted', () => {
    expect(year({ kind: 'monthly_nth_weekday', nth: 1, weekday: 1 })).toEqual([
      { date: '2026-01-05', shiftedFrom: null },
      { date: '2026-02-02', shiftedFrom: null },
      { date: '2026-03-02', shiftedFrom: null },
      { date: '2026-04-07', shiftedFrom: '2026-04-06' }, // Qingming 4-4..4-6
      { date: '2026-05-06', shiftedFrom: '2026-05-04' }, // Labour Day 5-1..5-5
      { date: '2026-06-01', shiftedFrom: null },
      { date: '2026-07-06', shiftedFrom: null },
      { date: '2026-08-03', shiftedFrom: null },
      { date: '2026-09-07', shiftedFrom: null },
      { date: '2026-10-08', shiftedFrom: '2026-10-05' }, // National Day 10-1..10-7
      { date: '2026-11-02', shiftedFrom: null },
      { date: '2026-12-07', shiftedFrom: null },
    ]);
  });

  it('every working day includes make-up weekends and skips holidays', () => {
    const dates = ruleDates({ kind: 'every_working_day' }, true, '2026-09-28', '2026-10-11', cal).map((d) => d.date);
    expect(dates).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('weekly on Tuesdays and Thursdays, shifted, never twice on one day', () => {
    const dates = ruleDates({ kind: 'weekly', weekdays: [2, 4] }, true, '2026-09-28', '2026-10-11', cal).map(
      (d) => d.date,
    );
    // 9-29 Tue, 10-01 Thu → 10-08, 10-06 Tue → 10-08 (same day once), 10-08 Thu.
    expect(dates).toEqual(['2026-09-29', '2026-10-08']);
    const unshifted = ruleDates({ kind: 'weekly', weekdays: [2, 4] }, false, '2026-09-28', '2026-10-11', cal).map(
      (d) => d.date,
    );
    expect(unshifted).toEqual(['2026-09-29', '2026-10-01', '2026-10-06', '2026-10-08']);
  });

  it('the last Friday, day 31 in short months, and one-off dates', () => {
    expect(
      ruleDates({ kind: 'monthly_nth_weekday', nth: -1, weekday: 5 }, false, '2026-02-01', '2026-03-31', cal).map(
        (d) => d.date,
      ),
    ).toEqual(['2026-02-27', '2026-03-27']);
    expect(
      ruleDates({ kind: 'monthly_day', day: 31 }, false, '2026-02-01', '2026-04-30', cal).map((d) => d.date),
    ).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(
      ruleDates({ kind: 'once', dates: ['2026-12-01', '2026-10-01'] }, true, '2026-01-01', '2026-12-31', cal),
    ).toEqual([
      { date: '2026-10-08', shiftedFrom: '2026-10-01' },
      { date: '2026-12-01', shiftedFrom: null },
    ]);
  });

  it('validates rule parameters and describes them in Chinese', () => {
    expect(ruleParams.safeParse({ kind: 'weekly', weekdays: [] }).success).toBe(false);
    expect(ruleParams.safeParse({ kind: 'monthly_nth_weekday', nth: 5, weekday: 1 }).success).toBe(false);
    expect(describeRule({ kind: 'monthly_day', day: 20 }, true)).toBe('每月20日，遇节假日顺延');
    expect(describeRule({ kind: 'monthly_nth_weekday', nth: 1, weekday: 1 }, true)).toBe(
      '每月第1个星期一，遇节假日顺延',
    );
  });
});
