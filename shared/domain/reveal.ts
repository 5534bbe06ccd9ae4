import { z } from 'zod';

/**
 * Seeing a petitioner's full ID number or phone, on screen or on a printed copy, is a recorded
 * act (issue 13): it takes a reason from this short list (text required for 其他), is audited
 * with it, and counts toward the account's hourly limit (settings: revealsPerHour).
 */
export const REVEAL_REASONS = ['verify_identity', 'contact', 'assignment', 'archive', 'other'] as const;
export type RevealReasonKind = (typeof REVEAL_REASONS)[number];

export const REVEAL_REASON_LABELS = {
  verify_identity: '核实身份',
  contact: '联系信访人',
  assignment: '办理交办',
  archive: '档案查阅',
  other: '其他',
} as const satisfies Record<RevealReasonKind, string>;

/** The free text's bound, in characters. */
export const REVEAL_TEXT_MAX = 100;

/** The window the hourly limit counts over: the 60 minutes before `now`. */
export const REVEAL_WINDOW_MS = 60 * 60 * 1000;

/** The audit action of every reveal, on screen or on paper: the limit counts these. */
export const REVEAL_ACTION = 'petitioner.reveal';

export interface RevealReason {
  kind: RevealReasonKind;
  text: string;
}

const OTHER_NEEDS_TEXT = '选择“其他”时请写明理由';

/** What is wrong with a reason, as a field (`kind` or `text`) and a Chinese message; null when fine. */
export function revealReasonProblem(reason: {
  kind?: unknown;
  text?: unknown;
}): { field: 'kind' | 'text'; message: string } | null {
  if (typeof reason.kind !== 'string' || !(REVEAL_REASONS as readonly string[]).includes(reason.kind))
    return { field: 'kind', message: '请选择查看理由' };
  const text = typeof reason.text === 'string' ? reason.text.trim() : '';
  if (reason.kind === 'other' && text === '') return { field: 'text', message: OTHER_NEEDS_TEXT };
  if (text.length > REVEAL_TEXT_MAX) return { field: 'text', message: `理由最多${REVEAL_TEXT_MAX}字` };
  return null;
}

/** The reason as the contract takes it: a kind from the list and a text (required for 其他). */
export const revealReasonSchema = z
  .object(
    {
      kind: z.enum(REVEAL_REASONS, { error: '请选择查看理由' }),
      text: z.string({ error: '理由应为文字' }).trim().max(REVEAL_TEXT_MAX, `理由最多${REVEAL_TEXT_MAX}字`).default(''),
    },
    { error: '请选择查看理由' },
  )
  .strict()
  // The list and the length are checked above; what is left of revealReasonProblem is 其他's text.
  .superRefine((reason, ctx) => {
    if (reason.kind === 'other' && reason.text === '')
      ctx.addIssue({ code: 'custom', path: ['text'], message: OTHER_NEEDS_TEXT });
  });

/** How a reason reads in the audit trail and messages: 联系信访人, or 其他：… */
export function revealReasonText(reason: RevealReason): string {
  const label = REVEAL_REASON_LABELS[reason.kind];
  return reason.text ? `${label}：${reason.text}` : label;
}
