import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { AuditAction, AuditValue, SettingChange } from '../../../shared/domain/audit';
import type { Db } from './db/connection';
import { iterate, one, run } from './db/sql';
import { keyFingerprint } from './key-slots';

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
  /** One of shared/domain/audit.ts's codes: each has its Chinese words for the audit screen. */
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /**
   * Small facts about the action; never names, ID numbers, phones or grievance text. (A reveal's
   * reason text is the account's own short justification, infra/reveals.ts.)
   */
  detail?: Record<string, AuditValue | SettingChange[]>;
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
  const body = canonical([
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.action,
    row.entity,
    row.entityId,
    row.beforeDigest,
    row.afterDigest,
    row.detail,
  ]);
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

export interface AuditBreak {
  seq: number;
  reason: string;
}

/** Every break found (not only the first: a real edit after a first break must not hide). */
export interface AuditVerdict {
  ok: boolean;
  count: number;
  breaks: AuditBreak[];
}

/** At most this many breaks are listed; the count of entries is always complete. */
const MAX_BREAKS = 100;

/** The chain's head: how many entries, and the hash of the last. */
export interface AuditHead {
  count: number;
  hash: string;
}

/** The head as sealed outside the database (data folder, backups): see docs/data.md. */
export interface SealedHead extends AuditHead {
  seal: string;
  at: string;
  /** Fingerprint of the database key the seal was made with (a rekey changes it). */
  keyId: string;
}

export function auditHead(db: Db): AuditHead {
  const row = one<{ seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return row ? { count: row.seq, hash: row.hash } : { count: 0, hash: GENESIS_HASH };
}

/**
 * The head's seal: an HMAC under a key derived from the database key. Whoever recomputes the
 * tail of the chain or drops its last entries inside the database cannot make a matching seal
 * without the key, and the sealed copy outside the database still names the old head.
 */
export function sealOf(key: Buffer, head: AuditHead): string {
  const sealKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'hall-audit-head-seal', 32));
  return createHmac('sha256', sealKey).update(`${head.count}:${head.hash}`).digest('hex');
}

/** A short fingerprint of the head for paper (the day summary): 12 hex digits of the seal. */
export function headFingerprint(sealed: Pick<SealedHead, 'count' | 'seal'>): string {
  return `${sealed.count}-${sealed.seal.slice(0, 12).toUpperCase()}`;
}

/**
 * Walks the whole chain and lists every entry whose content or link does not match. Each sealed
 * head kept outside the database (the data folder's, every backup's) must be a prefix of the
 * chain: a chain shorter than a seal, or different at a sealed entry, names a deleted tail or a
 * recomputed chain. `live` is the data folder's head, which must exist once the office is set up.
 */
export function verifyAudit(
  db: Db,
  sealed?: { key: Buffer; live: SealedHead | null; others?: { label: string; head: SealedHead; key?: Buffer }[] },
): AuditVerdict {
  const rows = iterate<AuditRow>(
    db,
    `SELECT seq, at, actor_id AS actorId, actor_name AS actorName, action, entity, entity_id AS entityId, before_digest AS beforeDigest,
            after_digest AS afterDigest, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
  );
  const breaks: AuditBreak[] = [];
  const broken = (seq: number, reason: string) => {
    if (breaks.length < MAX_BREAKS) breaks.push({ seq, reason });
  };
  const heads = sealed
    ? [
        ...(sealed.live ? [{ label: '数据目录的链头', head: sealed.live, key: sealed.key }] : []),
        ...(sealed.others ?? []),
      ]
    : [];
  const wanted = new Set(heads.map((h) => h.head.count));
  const hashAt = new Map<number, string>();
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) broken(row.seq, `缺少第 ${expectedSeq} 条记录`);
    else if (row.prevHash !== prev) broken(row.seq, '与前一条记录的链接不符');
    if (entryHash(row) !== row.hash) broken(row.seq, '记录内容被改动');
    // Go on from what is stored, so each later entry is judged on its own.
    prev = row.hash;
    expectedSeq = row.seq + 1;
    if (wanted.has(row.seq)) hashAt.set(row.seq, row.hash);
  }
  if (sealed) {
    if (!sealed.live) broken(count, '没有封存的链头（数据目录中的 hall.audit-head.json 缺失）');
    for (const { label, head, key } of heads) {
      // Each head is sealed with the key of its own file; one whose key cannot be reached (a
      // backup sharing no slot with the live keyring) is checked by content only.
      if (key && head.keyId === keyFingerprint(key) && sealOf(key, head) !== head.seal)
        broken(head.count, `${label}签名不符：链头文件被改动`);
      else if (count < head.count)
        broken(count + 1, `记录被截断：${label}封存时共 ${head.count} 条，现在只有 ${count} 条`);
      else if (head.count > 0 && hashAt.get(head.count) !== head.hash)
        broken(head.count, `第 ${head.count} 条与${label}不符：此前的记录被重新计算`);
    }
  }
  return { ok: breaks.length === 0, count, breaks };
}
