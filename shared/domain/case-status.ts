/** The states a case (信访事项) passes through; the moves between them come with the case issue. */
export const CASE_STATUSES = [
  'accepted',
  'assigned',
  'received',
  'extended',
  'closed',
  'followed_up',
  'in_review',
  'in_rereview',
  'final',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  accepted: '已受理',
  assigned: '已交办',
  received: '已签收',
  extended: '已延期',
  closed: '已办结',
  followed_up: '已回访',
  in_review: '复查中',
  in_rereview: '复核中',
  final: '已终结',
};

/** Answered: the deadline no longer runs, so no days left are shown and the case cannot be overdue. */
export const ANSWERED_STATUSES = ['closed', 'followed_up', 'final'] as const satisfies readonly CaseStatus[];

export const isAnswered = (status: string): boolean => (ANSWERED_STATUSES as readonly string[]).includes(status);

/** Not yet settled: handled, being reviewed or re-reviewed. Days left count only for these. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !isAnswered(s));
