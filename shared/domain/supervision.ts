import type { WorkCalendar } from './calendar';
import { daysLeft } from './deadlines';
import type { Settings } from './settings';

/**
 * The morning supervision list (督办提醒): which open cases the hall must chase today and how
 * hard. Windows are counted in working days, so a deadline just after a long holiday shows up
 * before the holiday starts, while there is still someone at the unit to answer.
 */
/** Why a notice is issued (督办单 reason); the morning list finds the first three by itself. */
export const SUPERVISION_REASONS = ['overdue', 'due', 'no_receipt', 'no_answer', 'shirking'] as const;
export type SupervisionReason = (typeof SUPERVISION_REASONS)[number];
export const SUPERVISION_LEVELS = ['ordinary', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const SUPERVISION_REASON_LABELS: Record<SupervisionReason, string> = {
  overdue: '已超期',
  due: '即将到期',
  no_receipt: '交办后未签收',
  no_answer: '未按要求答复',
  shirking: '推诿扯皮',
};
export const SUPERVISION_LEVEL_LABELS: Record<SupervisionLevel, string> = {
  ordinary: '一般督办',
  yellow: '黄牌督办',
  red: '红牌督办',
};

/** An open case as the list needs it; dates are local (Beijing) days. */
export interface SupervisionCandidate {
  caseId: number;
  caseNo: string;
  title: string;
  status: string;
  deadlineOn: string;
  assignedOn: string | null;
  receivedOn: string | null;
  supervisedCount: number;
  lastSupervisedOn: string | null;
}

/** A listed case: the candidate as given (with whatever the caller carried along), plus the verdict. */
export type SupervisionItem<T extends SupervisionCandidate = SupervisionCandidate> = T & {
  reasons: SupervisionReason[];
  /** Calendar days to the deadline; negative when overdue. */
  daysLeft: number;
  level: SupervisionLevel;
  /** A notice was already issued today: listing it again must not invite a second one. */
  supervisedToday: boolean;
  /** Proposed answer-by date for the notice: three working days out, so never inside a holiday. */
  answerBy: string;
};

const ANSWER_WORKING_DAYS = 3;

type Thresholds = Pick<
  Settings,
  'superviseDueWorkingDays' | 'superviseReceiptWorkingDays' | 'superviseYellowOverdueDays' | 'superviseRedOverdueDays'
>;

/**
 * The date a unit is chased against: its assignment's deadline when that comes first (a
 * leader's visit gives the unit 15 working days inside the 60-day answer period), the case's
 * own deadline once an extension has been approved for it.
 */
export function chaseDeadline(status: string, caseDeadline: string, assignmentDeadline: string | null): string {
  if (status === 'extended' || assignmentDeadline === null) return caseDeadline;
  return assignmentDeadline < caseDeadline ? assignmentDeadline : caseDeadline;
}

/** Only cases a unit is working on can be chased; the state machine allows 督办 from these. */
export const SUPERVISABLE_STATUSES = ['assigned', 'received', 'extended'] as const;

export function proposeLevel(overdueDays: number, supervisedBefore: number, s: Thresholds): SupervisionLevel {
  const base = overdueDays >= s.superviseRedOverdueDays ? 2 : overdueDays >= s.superviseYellowOverdueDays ? 1 : 0;
  // A case that was already chased and is still listed gets the next card up.
  return SUPERVISION_LEVELS[Math.min(2, base + (supervisedBefore > 0 ? 1 : 0))]!;
}

export function morningList<T extends SupervisionCandidate>(
  rows: readonly T[],
  today: string,
  cal: WorkCalendar,
  s: Thresholds,
): SupervisionItem<T>[] {
  const dueBy = cal.addWorkingDays(today, s.superviseDueWorkingDays).date;
  const answerBy = cal.addWorkingDays(today, ANSWER_WORKING_DAYS).date;
  const items: SupervisionItem<T>[] = [];
  for (const r of rows) {
    if (!(SUPERVISABLE_STATUSES as readonly string[]).includes(r.status)) continue;
    const reasons: SupervisionReason[] = [];
    if (r.deadlineOn < today) reasons.push('overdue');
    else if (r.deadlineOn <= dueBy) reasons.push('due');
    if (
      r.status === 'assigned' &&
      r.assignedOn &&
      r.receivedOn === null &&
      cal.addWorkingDays(r.assignedOn, s.superviseReceiptWorkingDays).date <= today
    )
      reasons.push('no_receipt');
    if (reasons.length === 0) continue;
    const left = daysLeft(r.deadlineOn, today);
    items.push({
      ...r,
      reasons,
      daysLeft: left,
      level: proposeLevel(Math.max(0, -left), r.supervisedCount, s),
      supervisedToday: r.lastSupervisedOn === today,
      answerBy,
    });
  }
  // Most urgent first: overdue longest, then nearest deadline.
  return items.sort((a, b) => a.daysLeft - b.daysLeft || a.caseNo.localeCompare(b.caseNo));
}
