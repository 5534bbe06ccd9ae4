import { HallError } from '../../../shared/contract';
import { chinaMinute } from '../../../shared/domain/calendar';
import { REVEAL_ACTION, REVEAL_WINDOW_MS, revealReasonProblem, type RevealReason } from '../../../shared/domain/reveal';
import type { AuditActor, AuditInput } from './audit-chain';
import type { Db } from './db/connection';
import { one } from './db/sql';

/**
 * Reveals of full ID numbers and phones (issue 13): on screen (petitioners.reveal) or on a full
 * printed copy (documents.print). Each is one audit entry of REVEAL_ACTION with its reason, and
 * the hourly limit counts those entries: the account's reveals whose time is within the 60
 * minutes before `now`. The audit trail is the count, so it survives restarts and has no second
 * store to disagree with.
 */

interface WindowRow {
  count: number;
  oldest: string | null;
}

/** The account's reveals within the hour before `now`, and the time of the oldest of them. */
export function revealsInWindow(db: Db, accountId: number, now: Date): WindowRow {
  const since = new Date(now.getTime() - REVEAL_WINDOW_MS).toISOString();
  return one<WindowRow>(
    db,
    'SELECT count(*) AS count, min(at) AS oldest FROM audit_log WHERE at > ? AND action = ? AND actor_id = ?',
    since,
    REVEAL_ACTION,
    accountId,
  )!;
}

/**
 * The handler's own check of a reason, after the contract's: the same rule, so a caller that
 * slips past the schema is still refused at the field. `path` is where the reason sits in the input.
 */
export function checkRevealReason(reason: unknown, path = 'reason'): RevealReason {
  const given = (reason ?? {}) as { kind?: unknown; text?: unknown };
  const problem =
    reason === undefined || reason === null
      ? ({ field: null, message: '请选择查看理由' } as const)
      : revealReasonProblem(given);
  if (problem)
    throw new HallError('BAD_INPUT', undefined, [
      { path: problem.field ? `${path}.${problem.field}` : path, message: problem.message },
    ]);
  return { kind: given.kind as RevealReason['kind'], text: typeof given.text === 'string' ? given.text.trim() : '' };
}

/** Refuses, revealing nothing, when the account has had `limit` reveals within the hour. */
export function checkRevealLimit(db: Db, actor: AuditActor, now: Date, limit: number): void {
  if (actor.id === null) throw new HallError('UNAUTHENTICATED');
  const used = revealsInWindow(db, actor.id, now);
  if (used.count < limit) return;
  const next = used.oldest ? chinaMinute(new Date(new Date(used.oldest).getTime() + REVEAL_WINDOW_MS)).slice(11) : '';
  throw new HallError(
    'RULE_VIOLATION',
    `一小时内查看完整个人信息已达 ${limit} 次上限${next ? `，${next} 后可再查看` : ''}；查看脱敏信息不受限制。`,
  );
}

/**
 * Records one reveal inside the caller's write: the limit is checked in the same transaction as
 * the entry is written, so two calls cannot both take the last one.
 */
export function recordReveal(
  db: Db,
  audit: (entry: AuditInput) => void,
  reveal: { actor: AuditActor; now: Date; limit: number; reason: RevealReason },
  entry: { entity: string; entityId: number; detail: Record<string, string | number> },
): void {
  checkRevealLimit(db, reveal.actor, reveal.now, reveal.limit);
  audit({
    action: REVEAL_ACTION,
    entity: entry.entity,
    entityId: entry.entityId,
    // The reason as chosen and as typed (bounded, shared/domain/reveal.ts): the account's own words.
    detail: { ...entry.detail, reason: reveal.reason.kind, reasonText: reveal.reason.text },
  });
}
