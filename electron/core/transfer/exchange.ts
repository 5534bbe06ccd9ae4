import type { InferSelectModel } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { CASE_EXPORT_MAX, type CaseExportDocument } from '../../../shared/domain/case-export';

import type { Role } from '../../../shared/domain/roles';
import { exportCases } from './case-export';
import type { TransferDeps } from './handlers';
import { historyTemplate, planHistoryImport } from './history';
import type { cases } from '../infra/db/schema';
import { one, value, values } from '../infra/db/sql';
import type { ServiceCall } from '../infra/router';
import { actorOf } from '../infra/access';
import { caseReachableSql, reachableLeader, reachFilter } from '../infra/scope';

/** Roles that may export personal data unmasked (`full`): the administrator only (see docs/exports.md). */
export const FULL_EXPORT_ROLES: readonly Role[] = ['admin'];

/**
 * Exports others can read (the supervision list as XLSX/CSV, cases as the exchange JSON) and
 * the import of older records. Every export and import is audited with counts and the filter,
 * never a name or any other personal value.
 */
export function exportCasesFile(
  { store, now }: TransferDeps,
  input: MethodParsedInput<'export.cases'>,
  call: ServiceCall,
) {
  const session = call.session!;
  // Refused before anything is read or written: no file, no audit entry.
  if (input.full && !FULL_EXPORT_ROLES.includes(session.role))
    throw new HallError('FORBIDDEN', '只有管理员可以导出未脱敏的完整数据。');
  const db = store.database;
  // A leader exports the cases they own (infra/scope.ts).
  const only = reachableLeader(store, session);
  const reach = reachFilter(only, caseReachableSql('cases'));
  let ids: number[];
  let scope: CaseExportDocument['scope'];
  if (input.caseId !== undefined) {
    const c = one<Pick<InferSelectModel<typeof cases>, 'id' | 'caseNo'>>(
      db,
      `SELECT id, case_no AS caseNo FROM cases WHERE id = ? AND ${reach.sql}`,
      input.caseId,
      ...reach.params,
    );
    if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
    ids = [c.id];
    scope = { caseNo: c.caseNo };
  } else {
    const from = input.from!;
    const to = input.to!;
    const count = value<number>(
      db,
      `SELECT count(*) FROM cases WHERE accepted_on BETWEEN ? AND ? AND ${reach.sql}`,
      from,
      to,
      ...reach.params,
    )!;
    if (count > CASE_EXPORT_MAX)
      throw new HallError(
        'RULE_VIOLATION',
        `受理日期在此范围内的案件有 ${count} 件，一次最多导出 ${CASE_EXPORT_MAX} 件，请缩小日期范围。`,
      );
    ids = values<number>(
      db,
      `SELECT id FROM cases WHERE accepted_on BETWEEN ? AND ? AND ${reach.sql} ORDER BY accepted_on, id`,
      from,
      to,
      ...reach.params,
    );
    scope = { acceptedFrom: from, acceptedTo: to };
  }
  const exportedAt = now().toISOString();
  const doc = exportCases(db, ids, { full: input.full, office: store.settings().officeName, exportedAt, scope });
  // What was exported and how, never whose: the case number is the office's own reference.
  store.audit(actorOf(session), {
    action: input.full ? 'export.cases.full' : 'export.cases',
    entity: 'case',
    entityId: input.caseId ?? null,
    detail: {
      ...('caseNo' in scope ? { caseNo: scope.caseNo } : scope),
      full: input.full,
      cases: ids.length,
      onlyLeaderId: only,
    },
  });
  const name = 'caseNo' in scope ? scope.caseNo : `${scope.acceptedFrom}至${scope.acceptedTo}`;
  return {
    fileName: `信访案件-${name}${input.full ? '-完整' : ''}.json`,
    base64: Buffer.from(JSON.stringify(doc, null, 2), 'utf8').toString('base64'),
    cases: ids.length,
    masked: !input.full,
  };
}

export async function importTemplate() {
  return { fileName: '历史来访与案件导入模板.xlsx', base64: (await historyTemplate()).toString('base64') };
}

export async function importHistory(
  { store, now }: TransferDeps,
  input: MethodParsedInput<'import.history'>,
  call: ServiceCall,
) {
  const plan = await planHistoryImport(store.database, Buffer.from(input.base64, 'base64'), chinaDay(now()));
  const summary = { rows: plan.rows, visits: plan.visits, cases: plan.cases, errors: plan.errors };
  if (plan.errors.length > 0 || input.dryRun) return { ...summary, imported: false };
  // One transaction: every row and the audit entry land together, or nothing does.
  store.write(actorOf(call.session), (_db, audit) => {
    const done = plan.apply(call.session!.accountId);
    audit({
      action: 'import.history',
      entity: 'import',
      detail: { rows: plan.rows, visits: plan.visits, cases: plan.cases, newPetitioners: done.petitioners },
    });
  });
  return { ...summary, imported: true };
}
