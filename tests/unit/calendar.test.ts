import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  addMonths,
  chinaDay,
  chinaInstant,
  chinaMinute,
  isIsoDate,
  isoWeekOf,
  unknownYearsWarning,
  weekdayOf,
  WorkCalendar,
} from '../../shared/domain/calendar';

const cal = new WorkCalendar();

describe('working-day calendar: official holiday blocks and make-up days', () => {
  // State Council notices for 2024-2026: each holiday block and the weekend days worked instead.
  const BLOCKS = [
    { name: '2024 春节', off: ['2024-02-10', '2024-02-17'], work: ['2024-02-04', '2024-02-18'] },
    { name: '2024 国庆', off: ['2024-10-01', '2024-10-07'], work: ['2024-09-29', '2024-10-12'] },
    { name: '2025 春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { name: '2025 国庆中秋', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
    { name: '2026 春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
    { name: '2026 国庆', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
  ];

  it.each(BLOCKS)(
    '$name: every day of the block is off, the make-up weekend days are working days',
    ({ off, work }) => {
      for (
        let d = off[0]!;
        d <= off[1]!;
        d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      )
        expect(cal.isWorkingDay(d), d).toBe(false);
      for (const d of work) {
        expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
        expect(cal.isWorkingDay(d), d).toBe(true);
      }
    },
  );

  it('names holidays and make-up days in Chinese', () => {
    expect(cal.day('2026-02-17')).toMatchObject({ working: false, name: '春节', source: 'official' });
    expect(cal.day('2026-02-14')).toMatchObject({ working: true, name: '春节调休' });
    expect(cal.day('2026-11-21')).toMatchObject({ working: false, name: null, source: 'week' });
  });

  it('counts 15 working days from the day after, across National Day', () => {
    // Accepted Tuesday 2026-09-29: 9-30 is 1; 10-01..10-07 off; 10-08, 10-09, 10-10 (make-up
    // Saturday) are 2-4; 10-12..10-16 are 5-9; 10-19..10-23 are 10-14; 10-26 is the 15th.
    expect(cal.addWorkingDays('2026-09-29', 15)).toEqual({ date: '2026-10-26', unknownYears: [] });
    expect(cal.addWorkingDays('2026-09-29', 0).date).toBe('2026-09-29');
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-26').count).toBe(15);
  });

  it('rolls a calendar-day deadline that falls on a holiday to the next working day', () => {
    // 60 days from 2025-12-18 is 2026-02-16, inside the Spring Festival block.
    expect(cal.addCalendarDays('2025-12-18', 60, true)).toEqual({ date: '2026-02-24', rolled: true, unknownYears: [] });
    expect(cal.addCalendarDays('2025-12-18', 60, false)).toEqual({
      date: '2026-02-16',
      rolled: false,
      unknownYears: [],
    });
    expect(cal.addCalendarDays('2026-09-01', 19, true)).toEqual({
      date: '2026-09-20',
      rolled: false,
      unknownYears: [],
    });
  });

  it('crosses the year boundary over New Year', () => {
    // 2025-12-29 (Mon) + 5 working days: 12-30, 12-31, (1-1..1-3 off), 1-4 make-up Sunday, 1-5, 1-6.
    expect(cal.addWorkingDays('2025-12-29', 5).date).toBe('2026-01-06');
  });

  it('warns when a result reaches a year without official data, and an override for 2027 settles it', () => {
    const r = cal.addWorkingDays('2026-12-20', 15);
    expect(r.unknownYears).toEqual([2027]);
    expect(unknownYearsWarning(r.unknownYears)).toMatch(/2027年尚无官方节假日安排/);
    expect(cal.hasYear(2027)).toBe(false);

    // The administrator enters the 2027 New Year notice: 1-1..1-3 off (Fri-Sun).
    const withNotice = new WorkCalendar([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    ]);
    expect(withNotice.hasYear(2027)).toBe(true);
    expect(withNotice.day('2027-01-01')).toMatchObject({ working: false, name: '元旦', source: 'override' });
    expect(withNotice.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', unknownYears: [] });
    expect(unknownYearsWarning([])).toBeNull();
  });

  it('lets an override beat the package', () => {
    const c = new WorkCalendar([{ date: '2026-10-08', kind: 'workday', name: '临时调整' }]);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(c.isWorkingDay('2026-10-05')).toBe(false);
    const off = new WorkCalendar([{ date: '2026-11-23', kind: 'holiday', name: '本地假日' }]);
    expect(off.isWorkingDay('2026-11-23')).toBe(false);
  });
});

describe('Beijing time and the stored UTC instants', () => {
  it('turns a Beijing wall-clock time or day into the UTC instant, and back', () => {
    expect(chinaInstant('2026-11-23T09:30')).toBe('2026-11-23T01:30:00.000Z');
    expect(chinaInstant('2026-11-23T23:59:59')).toBe('2026-11-23T15:59:59.000Z');
    expect(chinaInstant('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaMinute(chinaInstant('2027-01-01T07:59')!)).toBe('2027-01-01 07:59');
    expect(chinaDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });

  it('refuses a time that does not exist instead of rolling it over', () => {
    for (const local of [
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-11-23T24:00',
      '2026-11-23T10:60',
      '2026-11-23 10:00',
      '',
    ])
      expect(chinaInstant(local), local).toBeNull();
  });
});

describe('days that are not China instants', () => {
  it('counts ISO weeks by their Thursday, across New Year', () => {
    expect(isoWeekOf('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf('2026-09-28')).toEqual({ year: 2026, week: 40 });
  });
});

describe('day arithmetic on day numbers', () => {
  it('agrees with the proleptic Gregorian calendar on every day from 1900 to 2100', () => {
    const reference = new Date(Date.UTC(1900, 0, 1));
    let day = '1900-01-01';
    while (day <= '2100-12-31') {
      const expected = reference.toISOString().slice(0, 10);
      expect(day).toBe(expected);
      expect(weekdayOf(day)).toBe(reference.getUTCDay());
      expect(isIsoDate(day)).toBe(true);
      // 23:59 China time is still the day; 00:30 China time is already the next (UTC: 16:30 the day before).
      expect(chinaMinute(new Date(`${day}T15:59:00Z`))).toBe(`${day} 23:59`);
      expect(chinaMinute(new Date(`${day}T16:30:00Z`))).toBe(`${addDaysIso(day, 1)} 00:30`);
      reference.setUTCDate(reference.getUTCDate() + 1);
      day = addDaysIso(day, 1);
    }
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysIso('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', -12)).toBe('2025-11-30');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
  });
});
