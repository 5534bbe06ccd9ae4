import { z } from 'zod';
import {
  addDaysIso,
  daysInMonth,
  isIsoDate,
  isoDate,
  weekdayOf,
  type RolledResult,
  type WorkCalendar,
} from './calendar';

/**
 * The figures the hall reports upward (统计): their input, their shape and the pure date
 * arithmetic behind the weekly, monthly and daily reports. The queries are in
 * electron/core/stats.ts and documented one by one in docs/stats.md.
 */

/** The longest range one call may ask for: three years (1,096 days, a leap day included). */
export const STATS_MAX_DAYS = 1096;

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const statsInput = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((v) => !isIsoDate(v.from) || !isIsoDate(v.to) || v.from <= v.to, {
    path: ['to'],
    message: '截止日期不能早于起始日期',
  })
  .refine((v) => !isIsoDate(v.from) || !isIsoDate(v.to) || daysBetween(v.from, v.to) < STATS_MAX_DAYS, {
    path: ['to'],
    message: '统计区间最长3年',
  });
export type StatsInput = z.output<typeof statsInput>;

const n = z.number().int();

export const statsFigures = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({
    visits: n,
    people: n,
    groupVisits: n,
    firstVisits: n,
    repeatVisits: n,
    casesAccepted: n,
    casesClosed: n,
    closedOnTime: n,
    overdue: n,
    extended: n,
    supervised: z.object({ ordinary: n, yellow: n, red: n, total: n }),
    outcomes: z.object({ support: n, explain: n, reject: n }),
    satisfaction: z.object({ satisfied: n, basically_satisfied: n, unsatisfied: n, unknown: n }),
    /** Acceptance decisions (受理告知) made in the range, by decision, and on time or late. */
    decisions: z.object({ accepted: n, refused: n, transferred: n, final: n, onTime: n, late: n }),
    followUps: n,
    stopped: n,
  }),
  byLeader: z.array(
    z.object({
      id: n,
      name: z.string(),
      visits: n,
      people: n,
      casesAccepted: n,
      casesClosed: n,
      overdue: n,
      receptions: n,
      outsideVisits: n,
      receptionQuota: n,
      outsideQuota: n,
    }),
  ),
  byUnit: z.array(
    z.object({ id: n, name: z.string(), casesAssigned: n, casesClosed: n, closedOnTime: n, overdue: n, supervised: n }),
  ),
  byCategory: z.array(z.object({ id: n, name: z.string(), visits: n, people: n, casesAccepted: n })),
  byLocality: z.array(z.object({ id: n, name: z.string(), visits: n, people: n, casesAccepted: n })),
  byForm: z.array(z.object({ form: z.string(), label: z.string(), visits: n, people: n })),
  byWeek: z.array(z.object({ weekStart: z.string(), visits: n, people: n, casesAccepted: n, casesClosed: n })),
});
export type StatsFigures = z.infer<typeof statsFigures>;

/** The Monday of the week (Monday to Sunday) holding `date`. */
export function weekStart(date: string): string {
  return addDaysIso(date, -((weekdayOf(date) + 6) % 7));
}

/** Every Monday from the week of `from` to the week of `to`. */
export function weekStarts(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = weekStart(from); d <= to; d = addDaysIso(d, 7)) out.push(d);
  return out;
}

/** `YYYY-MM` → its first and last day; null when it is not a month. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, mo)).padStart(2, '0')}` };
}

/** The Monday-to-Sunday week holding `date`. */
export function weekRange(date: string): { from: string; to: string } {
  const from = weekStart(date);
  return { from, to: addDaysIso(from, 6) };
}

/**
 * A duty requirement for a range: `perPeriod` for each whole month (or quarter), and for a
 * part of one the same share of it, the sum rounded half up. A calendar month asks for
 * `monthlyReceptions`; a week asks for none (a quarter of a day rounds to 0).
 */
export function prorated(from: string, to: string, perPeriod: number, monthsPerPeriod: 1 | 3): number {
  let share = 0;
  let y = Number(from.slice(0, 4));
  let m = Math.floor((Number(from.slice(5, 7)) - 1) / monthsPerPeriod) * monthsPerPeriod + 1;
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > to) break;
    const endMonth = m + monthsPerPeriod - 1;
    const end = `${y}-${String(endMonth).padStart(2, '0')}-${String(daysInMonth(y, endMonth)).padStart(2, '0')}`;
    const lo = from > start ? from : start;
    const hi = to < end ? to : end;
    if (lo <= hi) share += (daysBetween(lo, hi) + 1) / (daysBetween(start, end) + 1);
    m += monthsPerPeriod;
    if (m > 12) {
      m -= 12;
      y++;
    }
  }
  return Math.floor(share * perPeriod + 0.5 + 1e-9);
}

/**
 * When each report is due (seed 003): the weekly by the Friday of its week, the monthly by the
 * given day of next month, the daily the same day. A due date on a non-working day rolls to the
 * next working day by the one rule (WorkCalendar.roll): September 2026's report, due on 4
 * October, a National Day holiday, is due on 8 October.
 */
export function weeklyDue(weekMonday: string, cal: WorkCalendar): RolledResult & { raw: string } {
  return cal.roll(addDaysIso(weekMonday, 4));
}

export function monthlyDue(month: string, dueDay: number, cal: WorkCalendar): RolledResult & { raw: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return cal.roll(`${ny}-${String(nm).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`);
}

/** A share as 12.3%, or — when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

/** The reports sent upward: the daily (zero) report, the weekly and the monthly report. */
export const REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The period of a report holding `date`: the day, its Monday-to-Sunday week or its month. */
export function reportPeriod(report: ReportKind, date: string): { from: string; to: string } {
  if (report === 'daily') return { from: date, to: date };
  if (report === 'weekly') return weekRange(date);
  return monthRange(date.slice(0, 7))!;
}

/** The document kind and record number a report prints from: 日报 YYYYMMDD, 周报 its Monday, 月报 YYYYMM. */
export function reportRecord(report: ReportKind, date: string): { kind: `${ReportKind}-report`; recordId: number } {
  const { from } = reportPeriod(report, date);
  const recordId = Number(report === 'monthly' ? from.slice(0, 7).replace('-', '') : from.replaceAll('-', ''));
  return { kind: `${report}-report`, recordId };
}

/** The daily (zero) report is due the same day by this time (seed 003: 每天下午15:30之前). */
export const DAILY_REPORT_DUE_TIME = '15:30';

/** Every count in a nested figure object, in order (a split such as supervised by level included). */
function counts(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (v && typeof v === 'object') return Object.values(v).flatMap(counts);
  return [];
}

/**
 * A zero report (零报告) says 无信访事项 only when every figure of the period is zero —
 * visits, cases accepted and closed, overdue, extensions, supervision, follow-ups — so it can
 * never stand above a figure that is not.
 */
export function isZeroReport(totals: StatsFigures['totals']): boolean {
  return counts(totals).every((n) => n === 0);
}
