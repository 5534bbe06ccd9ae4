import type { MethodParsedInput } from '../../../shared/contract';
import type { AuditRow } from '../infra/audit-chain';
import { all, value } from '../infra/db/sql';
import type { AreaHandlers } from '../infra/router';
import type { Store } from '../infra/store';

export interface AuditDeps {
  store: Store;
}

/** The audit trail: read it page by page, and check its hash chain. */
export function auditHandlers(deps: AuditDeps): AreaHandlers<'audit'> {
  return {
    'audit.list': (input) => listAudit(deps, input),
    'audit.verify': () => verify(deps),
  };
}

/** An entry as the audit screen lists it: no digests, no hashes. */
type AuditEntryRow = Pick<AuditRow, 'seq' | 'at' | 'actorName' | 'action' | 'entity' | 'entityId' | 'detail'>;

function listAudit({ store }: AuditDeps, input: MethodParsedInput<'audit.list'>) {
  const db = store.database;
  const total = value<number>(db, 'SELECT count(*) FROM audit_log')!;
  const entries = all<AuditEntryRow>(
    db,
    `SELECT seq, at, actor_name AS actorName, action, entity, entity_id AS entityId, detail FROM audit_log
     WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    input.beforeSeq ?? Number.MAX_SAFE_INTEGER,
    input.limit,
  );
  return { entries, total };
}

async function verify({ store }: AuditDeps) {
  const v = await store.verifyAudit();
  const first = v.breaks[0];
  return { ok: v.ok, count: v.count, brokenSeq: first?.seq ?? null, reason: first?.reason ?? null, breaks: v.breaks };
}
