import { z } from 'zod';
import type { WorkCalendar } from './calendar';
import type { LegalChannel } from './registration';

/**
 * The acceptance decision (受理告知, 信访工作条例 art 22–23): within `acceptDecisionDays`
 * (15) calendar days of the visit the office decides whether to accept it and tells the
 * petitioner in writing. The four decisions and the notice each prints.
 */
export const ACCEPT_DECISIONS = ['accept', 'refuse', 'transfer', 'final'] as const;
export type AcceptDecision = (typeof ACCEPT_DECISIONS)[number];

export const ACCEPT_DECISION_LABELS: Record<AcceptDecision, string> = {
  accept: '受理',
  refuse: '不予受理',
  transfer: '转送/交办',
  final: '不再受理（三级终结）',
};

/** The notice each decision prints (document kinds, shared/documents/kinds.ts). */
export const ACCEPT_NOTICE = {
  accept: 'acceptance',
  refuse: 'guidance',
  transfer: 'transfer-notice',
  final: 'final-notice',
} as const satisfies Record<AcceptDecision, string>;

/** Why a decision is late, required after the last day; checked by the core against the hall's day. */
const delayReason = z.string().trim().min(2, '请写明逾期原因').max(200, '逾期原因过长').optional();
export const DELAY_REASON_REQUIRED = (days: number) => `已超过${days}日受理告知期限，请写明逾期原因`;

const visitId = z.number().int().positive();
/** The legal channels a matter not accepted is guided to (every channel but none). */
const GUIDED_CHANNELS = [
  'litigation',
  'arbitration',
  'administrative_review',
  'other',
] as const satisfies readonly Exclude<LegalChannel, 'none'>[];

/** 不予受理, 转送/交办 and 不再受理; 受理 goes through cases.create (it opens or joins a case). */
export const decideInput = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('refuse'),
      visitId,
      legalChannel: z.enum(GUIDED_CHANNELS, { message: '请选择法定途径' }),
      guidance: z.string().trim().max(200).default(''),
      delayReason,
    })
    .strict(),
  z
    .object({
      decision: z.literal('transfer'),
      visitId,
      /** The competent organ or the lower level the matter goes to. */
      organ: z.string().trim().min(2, '请填写转送（交办）的机关或单位').max(60, '机关名称过长'),
      delayReason,
    })
    .strict(),
  z.object({ decision: z.literal('final'), visitId, delayReason }).strict(),
]);
export type DecideInput = z.output<typeof decideInput>;
export { delayReason as delayReasonInput };

/**
 * The last day to decide: `days` calendar days after the visit, rolled to the next working day
 * when it falls on a holiday (the office's deadlines roll, shared/domain/deadlines.ts). A visit
 * on 2026-09-01 may be decided up to 2026-09-16 (day 15).
 */
export function acceptanceDue(visitDate: string, days: number, cal: WorkCalendar): string {
  return cal.addCalendarDays(visitDate, days, true).date;
}

/** A decision after its last day is late (counted in 统计) and must say why. */
export const isLateDecision = (decidedOn: string, dueOn: string): boolean => decidedOn > dueOn;
