import { addDaysIso, addMonths, type WorkCalendar } from './calendar';
import { isAnswered } from './case-status';
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
  /** e.g. 自受理之日起60日（原10月4日为节假日，顺延） */
  label: string;
}

/** What a rolled deadline's label adds: （原10月4日为节假日，顺延）; nothing when it was not rolled. */
export function rolledSuffix(r: { raw: string; rolled: boolean }, cal: WorkCalendar): string {
  return r.rolled ? `（${cal.rolledNote(r.raw)}）` : '';
}

/** `days` calendar days from `from`, rolled past a holiday; labelled `what` and the count. */
function calendarDeadline(from: string, days: number, what: string, cal: WorkCalendar): Deadline {
  const r = cal.addCalendarDays(from, days, true);
  return {
    date: r.date,
    unit: 'calendar',
    amount: days,
    rolled: r.rolled,
    unknownYears: r.unknownYears,
    label: `${what}${days}日${rolledSuffix({ raw: addDaysIso(from, days), rolled: r.rolled }, cal)}`,
  };
}

/**
 * The petitioner's own windows (条例 art 35–36): 复查 may be asked within `days` of receiving the
 * written answer, 复核 within `days` of receiving the 复查 opinion. Each counts from the paper it
 * contests, on the day the petitioner received it, and rolls past a holiday like any deadline.
 */
export const REQUEST_WINDOW_PAPERS = { review: '书面答复', rereview: '复查意见' } as const;
export type RequestWindowKind = keyof typeof REQUEST_WINDOW_PAPERS;

export interface RequestWindow {
  kind: RequestWindowKind;
  /** The paper it counts from: 书面答复 or 复查意见. */
  paper: string;
  /** The day the petitioner received that paper. */
  from: string;
  days: number;
  /** The last day a request is accepted, after rolling. */
  last: string;
  rolled: boolean;
  unknownYears: number[];
  /** e.g. 应在收到复查意见之日（2026-11-24）起30日内申请（截至2026-12-24） */
  label: string;
}

export function requestWindow(
  kind: RequestWindowKind,
  receivedOn: string,
  days: number,
  cal: WorkCalendar,
): RequestWindow {
  const r = cal.roll(addDaysIso(receivedOn, days));
  const paper = REQUEST_WINDOW_PAPERS[kind];
  const until = r.rolled ? `截至${r.date}，${cal.rolledNote(r.raw)}` : `截至${r.date}`;
  return {
    kind,
    paper,
    from: receivedOn,
    days,
    last: r.date,
    rolled: r.rolled,
    unknownYears: r.unknownYears,
    label: `应在收到${paper}之日（${receivedOn}）起${days}日内申请（${until}）`,
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
      const r = cal.roll(addMonths(from, s.hardMatterMonths));
      return {
        date: r.date,
        unit: 'months',
        amount: s.hardMatterMonths,
        rolled: r.rolled,
        unknownYears: cal.workingDaysBetween(from, r.date).unknownYears,
        label: `疑难事项，自交办之日起${s.hardMatterMonths}个月${rolledSuffix(r, cal)}`,
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

/**
 * The two deadlines a case carries, named apart on every screen and print:
 * - 办理期限 — the case's answer deadline: the day by which the office owes the petitioner an
 *   answer in the stage the case is in (handling with any approved extension, or the 复查 / 复核
 *   answer period). `cases.deadline_on`. Overdue and due are counted against this one.
 * - 交办期限 — a unit's assignment deadline: the day by which the unit must report back on a
 *   交办单 (`assignments.deadline_on`); it may come before the case's (a leader's visit gives
 *   the unit 15 working days inside a 60-day answer period). 督办 chases units against it.
 */
export const CASE_DEADLINE_LABEL = '办理期限';
export const ASSIGNMENT_DEADLINE_LABEL = '交办期限';

/** Whether the case's 办理期限 runs in this status: an answer is owed (handling, 复查 or 复核 pending). */
export const deadlineRuns = (status: string): boolean => !isAnswered(status);

/**
 * Overdue (超期) on `today`: the deadline day has passed. The deadline day itself is the last
 * day allowed (今日到期), so a deadline of the 26th is overdue from the 27th. `today` is a China
 * day (chinaDay of the clock): at 00:30 China time it is already the next day.
 */
export const isPastDeadline = (deadline: string, today: string): boolean => deadline < today;

/** The last deadline still "due" (即将到期) on `today`: `workingDays` working days out, so a holiday does not hide it. */
export const dueHorizon = (today: string, workingDays: number, cal: WorkCalendar): string =>
  cal.addWorkingDays(today, workingDays).date;

/**
 * Due (即将到期) on `today`: not yet overdue, and the deadline falls no later than
 * `workingDays` working days out (today included). Counting working days is deliberate: on
 * 30 September a deadline of 9 October is three working days away, listed before the National
 * Day week, not on the day it falls.
 */
export const isDueSoon = (deadline: string, today: string, workingDays: number, cal: WorkCalendar): boolean =>
  !isPastDeadline(deadline, today) && deadline <= dueHorizon(today, workingDays, cal);

/** Where a case stands against its 办理期限: the one rule behind 督办, the ledger, 统计 and every report. */
export type DeadlineStanding = 'answered' | 'overdue' | 'due' | 'running';
export const DEADLINE_STANDING_LABELS: Record<DeadlineStanding, string> = {
  answered: '已答复',
  overdue: '已超期',
  due: '即将到期',
  running: '办理中',
};

export function deadlineStanding(
  status: string,
  deadline: string,
  today: string,
  dueWorkingDays: number,
  cal: WorkCalendar,
): DeadlineStanding {
  if (!deadlineRuns(status)) return 'answered';
  if (isPastDeadline(deadline, today)) return 'overdue';
  return isDueSoon(deadline, today, dueWorkingDays, cal) ? 'due' : 'running';
}
