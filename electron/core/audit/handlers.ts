import type { MethodParsedInput } from '../../../shared/contract';
import { auditActionLabel, auditDetailText, auditEntityLabel } from '../../../shared/domain/audit';
import { chinaDay, chinaInstant, chinaMinute, addDaysIso } from '../../../shared/domain/calendar';
import { actorOf } from '../infra/access';
import type { AuditRow } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, value } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { tableFile } from '../infra/table-file';
import { auditRefs, recordKeys, recordLabel } from './records';

export interface AuditDeps {
  store: Store;
  now: () => Date;
}

/** The audit trail: read it page by page in words, filter it, export it, and check its hash chain. */
export function auditHandlers(deps: AuditDeps): AreaHandlers<'audit'> {
  return {
    'audit.list': (input) => listAudit(deps, input),
    'audit.export': (input, call) => exportAudit(deps, input, call),
    'audit.verify': () => verify(deps),
  };
}

/** At most this many entries go into one exported file. */
export const AUDIT_EXPORT_MAX = 100_000;

/** An entry as the audit screen reads it: no digests, no hashes. */
type AuditEntryRow = Pick<
  AuditRow,
  'seq' | 'at' | 'actorId' | 'actorName' | 'action' | 'entity' | 'entityId' | 'detail'
>;

type Filter = Pick<MethodParsedInput<'audit.list'>, 'actorId' | 'action' | 'record' | 'from' | 'to'>;

/**
 * The WHERE clause of the filters; null when a typed record number matches no record (then no
 * entry can). Days are China days: from 00:00 Beijing time of `from` to before 00:00 of the day after `to`.
 */
function where(db: Db, f: Filter): { sql: string; params: unknown[] } | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, param: unknown) => {
    parts.push(sql);
    params.push(param);
  };
  if (f.actorId !== undefined) add('actor_id = ?', f.actorId);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.from) add('at >= ?', chinaInstant(f.from));
  if (f.to) add('at < ?', chinaInstant(addDaysIso(f.to, 1)));
  if (f.record) {
    const keys = recordKeys(db, f.record);
    if (keys.length === 0) return null;
    // One (entity, entity_id IN …) per kind: each is a range of the audit_entity index.
    parts.push(
      `(${keys.map((k) => `(entity = ? AND entity_id IN (${k.ids.map(() => '?').join(',')}))`).join(' OR ')})`,
    );
    for (const k of keys) params.push(k.entity, ...k.ids);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

const COLUMNS = 'seq, at, actor_id AS actorId, actor_name AS actorName, action, entity, entity_id AS entityId, detail';

/** The entries in words: the action, the record by its number, the facts as a sentence. */
function readable(db: Db, rows: AuditEntryRow[]) {
  const refs = auditRefs(db);
  return rows.map((r) => ({
    ...r,
    actionLabel: auditActionLabel(r.action),
    entityLabel: auditEntityLabel(r.entity),
    record: recordLabel(db, r.entity, r.entityId),
    text: auditDetailText(r.action, r.detail, refs),
  }));
}

function listAudit({ store }: AuditDeps, input: MethodParsedInput<'audit.list'>) {
  const db = store.database;
  const w = where(db, input);
  if (!w) return { entries: [], total: 0 };
  const total = value<number>(db, `SELECT count(*) FROM audit_log WHERE ${w.sql}`, ...w.params)!;
  const rows = all<AuditEntryRow>(
    db,
    `SELECT ${COLUMNS} FROM audit_log WHERE ${w.sql} AND seq < ? ORDER BY seq DESC LIMIT ?`,
    ...w.params,
    input.beforeSeq ?? Number.MAX_SAFE_INTEGER,
    input.limit,
  );
  return { entries: readable(db, rows), total };
}

/** The filters in words, for the sheet's second line. */
function describe(db: Db, f: Filter): string {
  const parts: string[] = [];
  if (f.actorId !== undefined)
    parts.push(
      `操作人 ${value<string>(db, "SELECT display_name || '(' || username || ')' FROM accounts WHERE id = ?", f.actorId) ?? f.actorId}`,
    );
  if (f.action) parts.push(`操作 ${auditActionLabel(f.action)}`);
  if (f.record) parts.push(`记录 ${f.record}`);
  if (f.from || f.to) parts.push(`日期 ${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  return parts.length ? parts.join('　') : '全部记录';
}

async function exportAudit({ store, now }: AuditDeps, input: MethodParsedInput<'audit.export'>, call: ServiceCall) {
  const db = store.database;
  const w = where(db, input);
  const rows = w
    ? all<AuditEntryRow>(
        db,
        `SELECT ${COLUMNS} FROM audit_log WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`,
        ...w.params,
        AUDIT_EXPORT_MAX,
      )
    : [];
  const entries = readable(db, rows);
  const today = chinaDay(now());
  const buffer = await tableFile(
    {
      sheet: '审计日志',
      title: `${store.settings().officeName} 审计日志`,
      subtitle: `${describe(db, input)}　导出于 ${chinaMinute(now())}`,
      headers: ['序号', '时间', '操作人', '操作', '对象', '说明'],
      rows: entries.map((e) => [
        e.seq,
        chinaMinute(e.at),
        e.actorName,
        e.actionLabel,
        `${e.entityLabel}${e.record ? ` ${e.record}` : ''}`,
        e.text,
      ]),
      widths: [8, 18, 20, 18, 36, 60],
    },
    input.format,
  );
  // The export is itself an entry, after the rows were read: it does not list itself.
  store.audit(actorOf(call.session), {
    action: 'audit.export',
    entity: 'audit',
    detail: {
      format: input.format,
      rows: entries.length,
      ...(input.actorId !== undefined ? { actorId: input.actorId } : {}),
      ...(input.action ? { filterAction: input.action } : {}),
      ...(input.record ? { record: input.record } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    },
  });
  return { fileName: `审计日志-${today}.${input.format}`, base64: buffer.toString('base64'), rows: entries.length };
}

async function verify({ store }: AuditDeps) {
  const v = await store.verifyAudit();
  const first = v.breaks[0];
  return { ok: v.ok, count: v.count, brokenSeq: first?.seq ?? null, reason: first?.reason ?? null, breaks: v.breaks };
}
