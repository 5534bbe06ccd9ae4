import { z } from 'zod';
import official from 'chinese-days/dist/chinese-days.json';

/**
 * The working-day calendar. Official holidays and make-up working days (调休) come from the
 * chinese-days package (the State Council's yearly notices); the administrator's overrides win
 * over it, because next year's notice is published before the package knows it. Dates are ISO
 * `YYYY-MM-DD` strings; arithmetic is done in UTC so no time zone can shift a day.
 */
export interface CalendarOverride {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface DayInfo {
  date: string;
  working: boolean;
  /** Holiday or make-up day name, e.g. 春节; null for an ordinary day. */
  name: string | null;
  source: 'override' | 'official' | 'week';
}

/** A computed date, and whether it relied on a year with no official holiday data. */
export interface CalendarResult {
  date: string;
  /** Years touched by the computation that have no official data (weekends assumed only). */
  unknownYears: number[];
}

export interface RolledResult extends CalendarResult {
  /** True when the date fell on a non-working day and moved to the next working day. */
  rolled: boolean;
}

interface OfficialData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return isValidDay(y, m, d);
}

// Day arithmetic is integer arithmetic on day numbers (days since 1970-01-01, proleptic
// Gregorian), never a Date read in UTC or local time: a day has no time zone, so no time zone
// can move it (H. Hinnant's days_from_civil / civil_from_days).
const MS_PER_DAY = 86_400_000;

function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function dayNumberOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

function isoOfDayNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return isoOf(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDaysIso(date: string, n: number): string {
  return isoOfDayNumber(dayNumberOf(date) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: string): number {
  return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

/** Days in a month (month 1–12); 29 for February of a leap year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year, month (1–12) and day name a real calendar day. */
export function isValidDay(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The same day `months` months later; a day the target month lacks becomes its last (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return isoOf(year, month, Math.min(d, daysInMonth(year, month)));
}

/** "Spring Festival,春节,4" → 春节 */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

export class WorkCalendar {
  private readonly overrides = new Map<string, CalendarOverride>();
  private readonly knownYears = new Set<number>();

  constructor(
    overrides: readonly CalendarOverride[] = [],
    private readonly data: OfficialData = official as OfficialData,
  ) {
    for (const o of overrides) this.overrides.set(o.date, o);
    for (const day of Object.keys(data.holidays)) this.knownYears.add(Number(day.slice(0, 4)));
    // An administrator who enters a year's holidays has published that year's calendar.
    for (const o of overrides) if (o.kind === 'holiday') this.knownYears.add(Number(o.date.slice(0, 4)));
  }

  /** Whether a year's holidays are known (official data or the administrator's entries). */
  hasYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  /** The last year with official data from the package. */
  lastOfficialYear(): number {
    return Math.max(...Object.keys(this.data.holidays).map((d) => Number(d.slice(0, 4))));
  }

  day(date: string): DayInfo {
    const o = this.overrides.get(date);
    if (o) return { date, working: o.kind === 'workday', name: o.name || null, source: 'override' };
    const holiday = this.data.holidays[date];
    if (holiday) return { date, working: false, name: chineseName(holiday), source: 'official' };
    const makeUp = this.data.workdays[date];
    if (makeUp) return { date, working: true, name: `${chineseName(makeUp)}调休`, source: 'official' };
    const w = weekdayOf(date);
    return { date, working: w !== 0 && w !== 6, name: null, source: 'week' };
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  private unknown(from: string, to: string): number[] {
    const out: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!this.hasYear(y)) out.push(y);
    return out;
  }

  /** The next working day on or after `date`. */
  nextWorkingDay(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDaysIso(d, 1);
    return d;
  }

  /**
   * N working days counted from the day after `from`, the way "15 个工作日内" is counted. N = 0
   * is `from` itself.
   */
  addWorkingDays(from: string, n: number): CalendarResult {
    let d = from;
    for (let left = n; left > 0;) {
      d = addDaysIso(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return { date: d, unknownYears: this.unknown(from, d) };
  }

  /**
   * The one rule for rolling (brief §5): a deadline that lands on a non-working day — the
   * office's, a petitioner's window or a report's due date — moves to the next working day.
   */
  roll(raw: string): RolledResult & { raw: string } {
    const date = this.nextWorkingDay(raw);
    return { raw, date, rolled: date !== raw, unknownYears: this.unknown(raw, date) };
  }

  /** N calendar days after `from`; with `rollForward`, a holiday or weekend moves to the next working day. */
  addCalendarDays(from: string, n: number, rollForward: boolean): RolledResult {
    const raw = addDaysIso(from, n);
    const date = rollForward ? this.roll(raw).date : raw;
    return { date, rolled: date !== raw, unknownYears: this.unknown(from, date) };
  }

  /** Why a date was rolled, for its label: 原10月4日为节假日，顺延 / 原10月18日为星期日，顺延. */
  rolledNote(raw: string): string {
    const day = this.day(raw);
    const why = day.source !== 'week' ? '节假日' : weekdayOf(raw) === 0 ? '星期日' : '星期六';
    return `原${Number(raw.slice(5, 7))}月${Number(raw.slice(8, 10))}日为${why}，顺延`;
  }

  /** Working days in (from, to]: after `from`, up to and including `to`. */
  workingDaysBetween(from: string, to: string): { count: number; unknownYears: number[] } {
    let count = 0;
    for (let d = addDaysIso(from, 1); d <= to; d = addDaysIso(d, 1)) if (this.isWorkingDay(d)) count++;
    return { count, unknownYears: this.unknown(from, to) };
  }
}

/** The warning a screen or the CLI shows when a result leaned on a year without official data. */
export function unknownYearsWarning(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  return `注意：${years.join('、')}年尚无官方节假日安排，结果只按周末计算。请管理员在“排班 › 节假日”中录入国务院办公厅通知后再确认。`;
}

/** Beijing time is UTC+8 all year (no daylight saving). Every conversion goes through the three functions below. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** An instant in Beijing time as YYYY-MM-DD HH:mm; the hall keeps UTC timestamps. */
export function chinaMinute(at: Date | string): string {
  const local = new Date(at).getTime() + CHINA_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const minutes = Math.floor((local - day * MS_PER_DAY) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `${isoOfDayNumber(day)} ${hh}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The Beijing calendar day of an instant: the hall counts China days. */
export function chinaDay(at: Date | string): string {
  return chinaMinute(at).slice(0, 10);
}

/**
 * A Beijing wall-clock time, `YYYY-MM-DDTHH:MM` (seconds optional) or a day (its first moment),
 * as the UTC instant the hall stores (ISO text); null when there is no such time (30 February, 24:00).
 */
export function chinaInstant(local: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m || !isIsoDate(m[1]!)) return null;
  const hours = Number(m[2] ?? 0);
  const minutes = Number(m[3] ?? 0);
  const seconds = Number(m[4] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return new Date(
    dayNumberOf(m[1]!) * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 - CHINA_OFFSET_MS,
  ).toISOString();
}

/** A day as `YYYY-MM-DD`: the one schema for every date field of the contract and the domain. */
export const isoDate = z.string().refine(isIsoDate, '日期应为“年-月-日”格式，如 2026-10-09');

/** ISO-8601 week of a Monday: the year and number of the week its Thursday falls in. */
export function isoWeekOf(monday: string): { year: number; week: number } {
  const thursday = addDaysIso(monday, 3);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysFromNewYear(thursday) / 7) + 1 };
}

/** Days from 1 January of the day's own year (0 on New Year's Day). */
function daysFromNewYear(day: string): number {
  return dayNumberOf(day) - dayNumberOf(`${day.slice(0, 4)}-01-01`);
}

/**
 * The calendar day a spreadsheet date cell holds. exceljs gives a date cell as that day's UTC
 * midnight (a spreadsheet day has no time zone), so its day is read in UTC, never as a China
 * instant of an event.
 */
export function spreadsheetDay(cell: Date): string {
  return isoOfDayNumber(Math.floor(cell.getTime() / MS_PER_DAY));
}
