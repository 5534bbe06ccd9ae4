import { addMonths, type WorkCalendar } from './calendar';
import type { Settings } from './settings';

/**
 * Case deadlines (brief §5) computed on the working-day calendar. Every deadline says how it
 * was counted — calendar or working days — and whether it was rolled past a holiday, because
 * a date alone invites the argument.
 */
export const DEADLINE_RULES = [
  'answer_60_days',
  'visit_15_working_days',
  'hard_2_months',
  'backlog_60_working_days',
  'custom',
] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];
/** Names of the rules for choosing one; the days come from the settings and show on the result. */
export const DEADLINE_RULE_LABELS: Record<DeadlineRule, string> = {
  answer_60_days: '一般事项（自受理之日起按日计算）',
  visit_15_working_days: '领导接访一般事项（按工作日计算）',
  hard_2_months: '疑难复杂事项（按月计算）',
  backlog_60_working_days: '信访积案（按工作日计算）',
  custom: '自定期限',
};

export interface Deadline {
  date: string;
  unit: 'calendar' | 'working' | 'months';
  amount: number;
  rolled: boolean;
  unknownYears: number[];
  /** e.g. 自受理之日起60日（遇节假日顺延） */
  label: string;
}

const ROLLED = '（到期日遇节假日，顺延至工作日）';

/** `days` calendar days from `from`, rolled past a holiday; labelled `what` and the count. */
function calendarDeadline(from: string, days: number, what: string, cal: WorkCalendar): Deadline {
  const r = cal.addCalendarDays(from, days, true);
  return {
    date: r.date,
    unit: 'calendar',
    amount: days,
    rolled: r.rolled,
    unknownYears: r.unknownYears,
    label: `${what}${days}日${r.rolled ? ROLLED : ''}`,
  };
}

export function caseDeadline(
  rule: DeadlineRule,
  from: string,
  cal: WorkCalendar,
  s: Pick<Settings, 'answerDays' | 'visitWorkingDays' | 'hardMatterMonths' | 'backlogWorkingDays'>,
  custom?: { amount: number; unit: 'calendar' | 'working' },
): Deadline {
  const working = (n: number, what: string): Deadline => {
    const r = cal.addWorkingDays(from, n);
    return {
      date: r.date,
      unit: 'working',
      amount: n,
      rolled: false,
      unknownYears: r.unknownYears,
      label: `${what}${n}个工作日`,
    };
  };
  const calendar = (n: number, what: string) => calendarDeadline(from, n, what, cal);
  switch (rule) {
    case 'answer_60_days':
      return calendar(s.answerDays, '自受理之日起');
    case 'visit_15_working_days':
      return working(s.visitWorkingDays, '领导接访交办事项，自交办之日起');
    case 'backlog_60_working_days':
      return working(s.backlogWorkingDays, '信访积案，自交办之日起');
    case 'hard_2_months': {
      const raw = addMonths(from, s.hardMatterMonths);
      const date = cal.nextWorkingDay(raw);
      return {
        date,
        unit: 'months',
        amount: s.hardMatterMonths,
        rolled: date !== raw,
        unknownYears: cal.workingDaysBetween(from, date).unknownYears,
        label: `疑难事项，自交办之日起${s.hardMatterMonths}个月${date !== raw ? ROLLED : ''}`,
      };
    }
    case 'custom':
      if (!custom) throw new Error('custom deadline needs an amount and a unit');
      return custom.unit === 'working' ? working(custom.amount, '自定期限：') : calendar(custom.amount, '自定期限：');
  }
}

/** An extension of at most `max` days from the current deadline, rolled past a holiday. */
export function extendDeadline(current: string, days: number, max: number, cal: WorkCalendar): Deadline {
  if (days < 1 || days > max) throw new RangeError(`extension must be 1..${max} days`);
  return calendarDeadline(current, days, '延期', cal);
}

/** 剩N日 / 超期N日, as a list or a slip says it. */
export function daysLeftLabel(days: number): string {
  return days < 0 ? `超期${-days}日` : days === 0 ? '今日到期' : `剩${days}日`;
}

/** How a stored deadline was counted (cases.deadline_basis), with its extension: 自受理之日起60日；延期30日. */
export function deadlineBasisLabel(basisJson: string | null): string {
  if (!basisJson) return '';
  const basis = JSON.parse(basisJson) as { label?: string; extended?: { label?: string } };
  return [basis.label, basis.extended?.label].filter(Boolean).join('；');
}

/** Days left until a deadline (negative: overdue), in calendar days. */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
