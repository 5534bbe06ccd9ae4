import type { WorkCalendar } from './calendar';
import { daysLeft, deadlineRuns, isDueSoon, isPastDeadline } from './deadlines';
import type { Settings } from './settings';

/**
 * The morning supervision list (督办提醒): which open cases the hall must chase today and how
 * hard. Windows are counted in working days, so a deadline just after a long holiday shows up
 * before the holiday starts, while there is still someone at the unit to answer.
 */
/** Why a notice is issued (督办单 reason); the morning list finds the first three by itself. */
export const SUPERVISION_REASONS = [
  'overdue',
  'assignment_overdue',
  'due',
  'no_receipt',
  'no_answer',
  'shirking',
] as const;
export type SupervisionReason = (typeof SUPERVISION_REASONS)[number];
export const SUPERVISION_LEVELS = ['ordinary', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const SUPERVISION_REASON_LABELS: Record<SupervisionReason, string> = {
  overdue: '已超期',
  assignment_overdue: '超过交办期限',
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

/** A case that owes an answer, as the list needs it; dates are China days. */
export interface SupervisionCandidate {
  caseId: number;
  caseNo: string;
  title: string;
  status: string;
  /** 办理期限: the case's answer deadline in its current stage (cases.deadline_on). */
  deadlineOn: string;
  /** 交办期限: the current assignment's deadline for its unit; null when the case has not been assigned in this stage. */
  assignmentDeadlineOn: string | null;
  assignedOn: string | null;
  receivedOn: string | null;
  supervisedCount: number;
  lastSupervisedOn: string | null;
}

/** A listed case: the candidate as given (with whatever the caller carried along), plus the verdict. */
export type SupervisionItem<T extends SupervisionCandidate = SupervisionCandidate> = T & {
  reasons: SupervisionReason[];
  /** Calendar days to the 办理期限; negative when the case is overdue (as the ledger counts them). */
  daysLeft: number;
  /** The date the unit is chased against (chaseDeadline): 交办期限 or 办理期限, whichever governs. */
  chaseOn: string;
  level: SupervisionLevel;
  /** A 督办单 can be issued now: a unit is working on the case (交办, 签收, 延期). */
  canSupervise: boolean;
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

const REASON_RANK: Record<SupervisionReason, number> = {
  overdue: 0,
  assignment_overdue: 1,
  due: 2,
  no_receipt: 3,
  no_answer: 4,
  shirking: 5,
};

/**
 * The list: every case past its 办理期限 (已超期 — the same cases the ledger's 只看超期, 统计 and
 * the reports count, shared/domain/deadlines.ts), including those no 督办单 can be sent for yet
 * (not assigned, or a 复查 / 复核 pending: listed so nobody loses sight of them); and, among
 * the cases a unit is working on, those past the unit's 交办期限 (超过交办期限), those whose
 * 办理期限 or 交办期限 is due (即将到期), and those not received in time (交办后未签收).
 */
export function morningList<T extends SupervisionCandidate>(
  rows: readonly T[],
  today: string,
  cal: WorkCalendar,
  s: Thresholds,
): SupervisionItem<T>[] {
  const answerBy = cal.addWorkingDays(today, ANSWER_WORKING_DAYS).date;
  const items: SupervisionItem<T>[] = [];
  for (const r of rows) {
    if (!deadlineRuns(r.status)) continue;
    const canSupervise = (SUPERVISABLE_STATUSES as readonly string[]).includes(r.status);
    const chaseOn = canSupervise ? chaseDeadline(r.status, r.deadlineOn, r.assignmentDeadlineOn) : r.deadlineOn;
    const reasons: SupervisionReason[] = [];
    if (isPastDeadline(r.deadlineOn, today)) reasons.push('overdue');
    else if (canSupervise && isPastDeadline(chaseOn, today)) reasons.push('assignment_overdue');
    else if (canSupervise && isDueSoon(chaseOn, today, s.superviseDueWorkingDays, cal)) reasons.push('due');
    if (
      r.status === 'assigned' &&
      r.assignedOn &&
      r.receivedOn === null &&
      cal.addWorkingDays(r.assignedOn, s.superviseReceiptWorkingDays).date <= today
    )
      reasons.push('no_receipt');
    if (reasons.length === 0) continue;
    items.push({
      ...r,
      reasons,
      daysLeft: daysLeft(r.deadlineOn, today),
      chaseOn,
      level: proposeLevel(Math.max(0, -daysLeft(chaseOn, today)), r.supervisedCount, s),
      canSupervise,
      supervisedToday: r.lastSupervisedOn === today,
      answerBy,
    });
  }
  // Most urgent first: overdue cases, then units past their 交办期限, then due; longest late first.
  return items.sort(
    (a, b) =>
      REASON_RANK[a.reasons[0]!] - REASON_RANK[b.reasons[0]!] ||
      daysLeft(a.chaseOn, today) - daysLeft(b.chaseOn, today) ||
      a.caseNo.localeCompare(b.caseNo),
  );
}
