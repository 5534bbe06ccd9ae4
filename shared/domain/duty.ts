/**
 * Duty slots (值班) and the roster rules that make them: their lists and rules, one source for
 * the schema, the contract, the core and the screens (labels: `FORM` and `SESSION` in `labels.ts`,
 * checked against these lists).
 *
 * The forms of reception (接访形式) a roster rule and a duty slot have and a visit was received
 * in: 定期接访 at the hall, 约访, 下访 where the problem is, 联合接访 with several leaders or units.
 * Statistics count visits by the form of the duty slot they were received at (docs/stats.md).
 */
export const RECEPTION_FORMS = ['regular', 'appointment', 'outside', 'joint'] as const;
export type ReceptionForm = (typeof RECEPTION_FORMS)[number];

/** The part of the day a duty covers; a custom one has only its times. */
export const SLOT_SESSIONS = ['morning', 'afternoon', 'full_day', 'custom'] as const;
export type SlotSessionName = (typeof SLOT_SESSIONS)[number];

/** A duty's start or end time, HH:MM on the 24-hour clock. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 下访 goes out to where the problem is, so a duty of that form names the place. */
export const OUTSIDE_PLACE_MESSAGE = '下访须填写地点';

/** Whether a duty (rule, slot or imported row) breaks the place rule: 下访 without a place. */
export function lacksOutsidePlace(form: string | null | undefined, place: string | null | undefined): boolean {
  return form === 'outside' && !place;
}
