import { createHash } from 'node:crypto';
import type { Db } from './db/connection';
import { iterate, one, run } from './db/sql';

/**
 * The audit trail. Each entry says who did what to which record, with digests (not copies)
 * of the record before and after, so the trail proves a change without holding personal data.
 * Entries are chained: hash = sha256(previous hash + this entry), and triggers refuse any
 * UPDATE or DELETE, so altering history needs the key and still breaks the chain.
 */
export interface AuditActor {
  id: number | null;
  name: string;
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Small facts about the action; never names, ID numbers, phones or grievance text. */
  detail?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON (sorted keys) so the same record always digests the same. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function digest(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return createHash('sha256').update(canonical(value)).digest('hex');
}

export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const body = canonical([row.seq, row.at, row.actorId, row.actorName, row.action, row.entity, row.entityId, row.beforeDigest, row.afterDigest, row.detail]);
  return createHash('sha256').update(row.prevHash).update(body).digest('hex');
}

/** Appends one entry. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, actor: AuditActor, input: AuditInput, at: Date): AuditRow {
  const last = one<Pick<AuditRow, 'seq' | 'hash'>>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    beforeDigest: digest(input.before),
    afterDigest: digest(input.after),
    detail: canonical(input.detail ?? {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const full: AuditRow = { ...row, hash: entryHash(row) };
  run(
    db,
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before_digest, after_digest, detail, prev_hash, hash)
     VALUES (@seq, @at, @actorId, @actorName, @action, @entity, @entityId, @beforeDigest, @afterDigest, @detail, @prevHash, @hash)`,
    full,
  );
  return full;
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks the whole chain; names the first entry whose content or link does not match. */
export function verifyAudit(db: Db): AuditVerdict {
  const rows = iterate<AuditRow>(
    db,
    `SELECT seq, at, actor_id AS actorId, actor_name AS actorName, action, entity, entity_id AS entityId, before_digest AS beforeDigest,
            after_digest AS afterDigest, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
  );
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) return { ok: false, count, brokenSeq: row.seq, reason: `缺少第 ${expectedSeq} 条记录` };
    if (row.prevHash !== prev) return { ok: false, count, brokenSeq: row.seq, reason: '与前一条记录的链接不符' };
    if (entryHash(row) !== row.hash) return { ok: false, count, brokenSeq: row.seq, reason: '记录内容被改动' };
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, count };
}
