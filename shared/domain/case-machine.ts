import { CASE_STATUS_LABELS, type CaseStatus } from './case-status';
import type { Role } from './roles';

/**
 * The one state machine of a case (信访事项): every allowed move, from which states, who may
 * make it, and where it leads. Services refuse anything else with a clear error; tests walk
 * every path and every refused move.
 *
 *   accepted ─assign→ assigned ─receive→ received ─close→ closed ─followUp→ followed_up
 *                        │           └─extend→ extended ─close→ closed
 *                        └─extend→ extended
 *   closed|followed_up (handling) ─requestReview→ in_review ─decideReview→ closed (review)
 *   closed|followed_up (review) ─requestRereview→ in_rereview ─decideRereview→ final
 *   supervise: any open state, no change of state.
 */
export const CASE_STAGES = ['handling', 'review', 'rereview'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_MOVES = [
  'assign',
  'receive',
  'supervise',
  'extend',
  'close',
  'followUp',
  'requestReview',
  'decideReview',
  'requestRereview',
  'decideRereview',
] as const;
export type CaseMove = (typeof CASE_MOVES)[number];

interface MoveSpec {
  label: string;
  from: readonly CaseStatus[];
  /** The stage the case must be in, when it matters. */
  stage?: CaseStage;
  /** The state after the move; null keeps the state. */
  to: CaseStatus | null;
  /** The stage after the move, when it changes. */
  toStage?: CaseStage;
  roles: readonly Role[];
}

export const MOVE_SPECS: Record<CaseMove, MoveSpec> = {
  assign: { label: '交办', from: ['accepted'], to: 'assigned', roles: ['leader', 'admin'] },
  receive: { label: '签收', from: ['assigned'], to: 'received', roles: ['operator', 'admin'] },
  supervise: {
    label: '督办',
    from: ['assigned', 'received', 'extended'],
    to: null,
    roles: ['operator', 'leader', 'admin'],
  },
  extend: { label: '延期', from: ['assigned', 'received'], to: 'extended', roles: ['leader', 'admin'] },
  close: { label: '办结', from: ['received', 'extended'], to: 'closed', roles: ['operator', 'leader', 'admin'] },
  followUp: { label: '回访', from: ['closed'], to: 'followed_up', roles: ['operator', 'leader', 'admin'] },
  requestReview: {
    label: '申请复查',
    from: ['closed', 'followed_up'],
    stage: 'handling',
    to: 'in_review',
    toStage: 'review',
    roles: ['operator', 'admin'],
  },
  decideReview: { label: '复查答复', from: ['in_review'], to: 'closed', roles: ['leader', 'admin'] },
  requestRereview: {
    label: '申请复核',
    from: ['closed', 'followed_up'],
    stage: 'review',
    to: 'in_rereview',
    toStage: 'rereview',
    roles: ['operator', 'admin'],
  },
  decideRereview: { label: '复核答复', from: ['in_rereview'], to: 'final', roles: ['leader', 'admin'] },
};

export type MoveCheck =
  | { ok: true; to: CaseStatus; toStage: CaseStage }
  | { ok: false; code: 'FORBIDDEN' | 'RULE_VIOLATION'; message: string };

/** Whether `role` may make `move` on a case in `status` and `stage`; `extensions` counts earlier ones. */
export function checkMove(move: CaseMove, status: CaseStatus, stage: CaseStage, role: Role, extensions = 0): MoveCheck {
  const spec = MOVE_SPECS[move];
  if (!spec.roles.includes(role)) return { ok: false, code: 'FORBIDDEN', message: `当前账号不能${spec.label}。` };
  if (status === 'final')
    return { ok: false, code: 'RULE_VIOLATION', message: '该事项已经复查、复核，属三级终结，不能再办理。' };
  if (move === 'extend' && (extensions > 0 || status === 'extended'))
    return { ok: false, code: 'RULE_VIOLATION', message: '办理期限只能延长一次。' };
  if (!spec.from.includes(status) || (spec.stage && spec.stage !== stage))
    return {
      ok: false,
      code: 'RULE_VIOLATION',
      message: `案件${CASE_STATUS_LABELS[status]}${stage === 'handling' ? '' : stage === 'review' ? '（复查阶段）' : '（复核阶段）'}，不能${spec.label}。`,
    };
  return { ok: true, to: spec.to ?? status, toStage: spec.toStage ?? stage };
}

/** The moves open to a role now, for the buttons a screen shows. */
export function availableMoves(status: CaseStatus, stage: CaseStage, role: Role, extensions = 0): CaseMove[] {
  return CASE_MOVES.filter((m) => checkMove(m, status, stage, role, extensions).ok);
}
