import { z } from 'zod';
import { addDaysIso, daysInMonth, weekdayOf, type WorkCalendar } from './calendar';

/**
 * Roster rules and the dates they give. A rule names when a leader (or several) receives:
 * every working day, on given weekdays, on day N of the month, on the k-th weekday of the
 * month, or on listed dates; "shift" moves a date that is not a working day to the next one
 * ("遇法定节假日顺延下一个工作日").
 */
export const ruleParams = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('every_working_day') }),
  z.object({
    kind: z.literal('weekly'),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1, '至少选择一个星期几'),
  }),
  z.object({ kind: z.literal('monthly_day'), day: z.number().int().min(1).max(31) }),
  z.object({
    kind: z.literal('monthly_nth_weekday'),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
    weekday: z.number().int().min(0).max(6),
  }),
  z.object({
    kind: z.literal('once'),
    dates: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为“年-月-日”格式，如 2026-10-09'))
      .min(1, '至少一个日期'),
  }),
]);
export type RuleParams = z.infer<typeof ruleParams>;

export interface RuleDate {
  date: string;
  /** The date the rule named, when it was moved to the next working day. */
  shiftedFrom: string | null;
}

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

export function describeRule(p: RuleParams, shift: boolean): string {
  const s = shift ? '，遇节假日顺延' : '';
  switch (p.kind) {
    case 'every_working_day':
      return '每个工作日';
    case 'weekly':
      return `每周${p.weekdays.map((w) => WEEKDAY_NAMES[w]).join('、')}${s}`;
    case 'monthly_day':
      return `每月${p.day}日${s}`;
    case 'monthly_nth_weekday':
      return `每月${p.nth === -1 ? '最后一个' : `第${p.nth}个`}星期${WEEKDAY_NAMES[p.weekday]}${s}`;
    case 'once':
      return `指定日期：${p.dates.join('、')}`;
  }
}

/** Nominal dates of a rule in [from, to], before any shift. */
function nominal(p: RuleParams, from: string, to: string, cal: WorkCalendar): string[] {
  const out: string[] = [];
  switch (p.kind) {
    case 'every_working_day':
      for (let d = from; d <= to; d = addDaysIso(d, 1)) if (cal.isWorkingDay(d)) out.push(d);
      return out;
    case 'weekly':
      for (let d = from; d <= to; d = addDaysIso(d, 1)) if (p.weekdays.includes(weekdayOf(d))) out.push(d);
      return out;
    case 'once':
      return p.dates.filter((d) => d >= from && d <= to).sort();
    case 'monthly_day':
    case 'monthly_nth_weekday': {
      let y = Number(from.slice(0, 4));
      let m = Number(from.slice(5, 7));
      for (;;) {
        const first = `${y}-${String(m).padStart(2, '0')}-01`;
        if (first > to) break;
        const last = daysInMonth(y, m);
        let day: number;
        if (p.kind === 'monthly_day') day = Math.min(p.day, last);
        else if (p.nth === -1) {
          day = last;
          while (weekdayOf(`${first.slice(0, 8)}${String(day).padStart(2, '0')}`) !== p.weekday) day--;
        } else {
          day = 1 + ((p.weekday - weekdayOf(first) + 7) % 7) + (p.nth - 1) * 7;
        }
        const date = `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
        if (day <= last && date >= from && date <= to) out.push(date);
        m++;
        if (m > 12) {
          m = 1;
          y++;
        }
      }
      return out;
    }
  }
}

/** The dates a rule gives in [from, to], shifted past non-working days when asked. */
export function ruleDates(p: RuleParams, shift: boolean, from: string, to: string, cal: WorkCalendar): RuleDate[] {
  const seen = new Set<string>();
  const out: RuleDate[] = [];
  for (const d of nominal(p, from, to, cal)) {
    const date = shift && p.kind !== 'every_working_day' ? cal.nextWorkingDay(d) : d;
    if (seen.has(date)) continue;
    seen.add(date);
    out.push({ date, shiftedFrom: date === d ? null : d });
  }
  return out;
}
