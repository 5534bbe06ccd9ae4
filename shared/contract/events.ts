import { z } from 'zod';
import { databaseState } from './schemas';

/** Events the back end pushes to every open window (and to SSE clients of the preview host). */
export const events = {
  'system.stateChanged': z.object({ database: databaseState }),
  'session.locked': z.object({ reason: z.enum(['idle', 'logout']) }),
  /** Something in today's queue moved; `called` is set when a number was (re)called. */
  'queue.changed': z.object({
    date: z.string(),
    action: z.enum(['register', 'call', 'recall', 'skip', 'transfer', 'start', 'finish', 'dayEnd']),
    called: z.object({ code: z.string(), room: z.string().nullable(), leader: z.string().nullable() }).nullable(),
  }),
  /**
   * The background backup (electron/core/backup/background.ts): copy → re-encrypt → check →
   * (place: the copy to the second backup place) → done or failed. `message` says what failed,
   * or, when done, what the staff should know (the second place missing, space running short).
   */
  'backup.progress': z.object({
    reason: z.string(),
    phase: z.enum(['copy', 'encrypt', 'check', 'place', 'done', 'failed']),
    percent: z.number().int().min(0).max(100),
    message: z.string().nullable(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
