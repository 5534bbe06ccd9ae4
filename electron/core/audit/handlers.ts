import type { MethodParsedInput } from '../../../shared/contract';
import { verifyAudit } from '../infra/audit-chain';
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

function listAudit({ store }: AuditDeps, input: MethodParsedInput<'audit.list'>) {
  const db = store.database;
  const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const entries = db
    .prepare(
      `SELECT seq, at, actor_name AS actorName, action, entity, entity_id AS entityId, detail FROM audit_log
       WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    )
    .all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit) as {
    seq: number;
    at: string;
    actorName: string;
    action: string;
    entity: string;
    entityId: string | null;
    detail: string;
  }[];
  return { entries, total };
}

function verify({ store }: AuditDeps) {
  const v = verifyAudit(store.database);
  return v.ok ? { ok: true, count: v.count, brokenSeq: null, reason: null } : { ok: false, count: v.count, brokenSeq: v.brokenSeq, reason: v.reason };
}
