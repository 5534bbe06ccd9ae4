import { HallError, type MethodOutput } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { CASE_EXPORT_MAX, type CaseExportDocument } from '../../../shared/domain/case-export';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-status';
import { daysLeftLabel } from '../../../shared/domain/deadlines';
import { labelOr } from '../../../shared/domain/labels';
import type { Role } from '../../../shared/domain/roles';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS } from '../../../shared/domain/supervision';
import { exportCases } from '../case-export';
import { supervisionList } from '../supervision';
import { historyTemplate, planHistoryImport } from '../transfer/history';
import { tableFile, type TableFile } from '../transfer/table-file';
import type { Handler } from '../router';
import type { Store } from '../store';
import { officeCalendar } from './calendar';
import { actorOf, ownCasesOnly } from './auth';

/** Roles that may export personal data unmasked (`full`): the administrator only (see docs/exports.md). */
export const FULL_EXPORT_ROLES: readonly Role[] = ['admin'];

type SupervisionItem = MethodOutput<'supervise.list'>['items'][number];

/** The morning supervision list as a table: the columns of the 督办 screen, in words. */
export function supervisionTable(on: string, items: SupervisionItem[]): TableFile {
  return {
    sheet: '督办提醒',
    title: `督办提醒（${on}）`,
    subtitle: `即将到期、已超期和交办后未签收的事项，共 ${items.length} 件`,
    headers: ['序号', '案件编号', '事项', '状态', '责任单位', '包案领导', '办理期限', '剩余天数', '原因', '建议等级', '已督办次数', '最近督办', '交办日期', '签收日期', '建议答复期限'],
    rows: items.map((i, n) => [
      n + 1,
      i.caseNo,
      i.title,
      labelOr(CASE_STATUS_LABELS, i.status),
      i.leadUnit ?? '',
      i.leader ?? '',
      i.deadlineOn,
      daysLeftLabel(i.daysLeft),
      i.reasons.map((r) => SUPERVISION_REASON_LABELS[r]).join('、'),
      SUPERVISION_LEVEL_LABELS[i.level],
      i.supervisedCount,
      i.lastSupervisedOn ?? '',
      i.assignedOn ?? '',
      i.receivedOn ?? '',
      i.answerBy,
    ]),
    widths: [6, 14, 30, 10, 20, 10, 12, 12, 20, 10, 10, 12, 12, 12, 12],
  };
}

/**
 * Exports others can read (the supervision list as XLSX/CSV, cases as the exchange JSON) and
 * the import of older records. Every export and import is audited with counts and the filter,
 * never a name or any other personal value.
 */
export function exportHandlers({ store, now }: { store: Store; now: () => Date }) {
  const superviseExport: Handler<'supervise.export'> = async (input, call) => {
    const on = input.on ?? chinaDay(now());
    const items = supervisionList(store.database, on, officeCalendar(store), store.settings());
    const buffer = await tableFile(supervisionTable(on, items), input.format);
    store.audit(actorOf(call.session), { action: 'supervise.export', entity: 'supervision', detail: { on, format: input.format, rows: items.length } });
    return { fileName: `督办提醒-${on}.${input.format}`, base64: buffer.toString('base64'), rows: items.length };
  };

  const casesExport: Handler<'export.cases'> = (input, call) => {
    const session = call.session!;
    // Refused before anything is read or written: no file, no audit entry.
    if (input.full && !FULL_EXPORT_ROLES.includes(session.role)) throw new HallError('FORBIDDEN', '只有管理员可以导出未脱敏的完整数据。');
    const db = store.database;
    const only = ownCasesOnly(store, session);
    const leader = only === null ? '' : ' AND owning_leader_id = ?';
    const leaderArgs = only === null ? [] : [only];
    let ids: number[];
    let scope: CaseExportDocument['scope'];
    if (input.caseId !== undefined) {
      const c = db.prepare(`SELECT id, case_no FROM cases WHERE id = ?${leader}`).get(input.caseId, ...leaderArgs) as { id: number; case_no: string } | undefined;
      if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
      ids = [c.id];
      scope = { caseNo: c.case_no };
    } else {
      const from = input.from!;
      const to = input.to!;
      const count = db.prepare(`SELECT count(*) FROM cases WHERE accepted_on BETWEEN ? AND ?${leader}`).pluck().get(from, to, ...leaderArgs) as number;
      if (count > CASE_EXPORT_MAX) throw new HallError('RULE_VIOLATION', `受理日期在此范围内的案件有 ${count} 件，一次最多导出 ${CASE_EXPORT_MAX} 件，请缩小日期范围。`);
      ids = db.prepare(`SELECT id FROM cases WHERE accepted_on BETWEEN ? AND ?${leader} ORDER BY accepted_on, id`).pluck().all(from, to, ...leaderArgs) as number[];
      scope = { acceptedFrom: from, acceptedTo: to };
    }
    const exportedAt = now().toISOString();
    const doc = exportCases(db, ids, { full: input.full, office: store.settings().officeName, exportedAt, scope });
    // What was exported and how, never whose: the case number is the office's own reference.
    store.audit(actorOf(session), {
      action: input.full ? 'export.cases.full' : 'export.cases',
      entity: 'case',
      entityId: input.caseId ?? null,
      detail: { ...('caseNo' in scope ? { caseNo: scope.caseNo } : scope), full: input.full, cases: ids.length, onlyLeaderId: only },
    });
    const name = 'caseNo' in scope ? scope.caseNo : `${scope.acceptedFrom}至${scope.acceptedTo}`;
    return {
      fileName: `信访案件-${name}${input.full ? '-完整' : ''}.json`,
      base64: Buffer.from(JSON.stringify(doc, null, 2), 'utf8').toString('base64'),
      cases: ids.length,
      masked: !input.full,
    };
  };

  const template: Handler<'import.template'> = async () => ({ fileName: '历史来访与案件导入模板.xlsx', base64: (await historyTemplate()).toString('base64') });

  const importHistory: Handler<'import.history'> = async (input, call) => {
    const plan = await planHistoryImport(store.database, Buffer.from(input.base64, 'base64'), chinaDay(now()));
    const summary = { rows: plan.rows, visits: plan.visits, cases: plan.cases, errors: plan.errors };
    if (plan.errors.length > 0 || input.dryRun) return { ...summary, imported: false };
    // One transaction: every row and the audit entry land together, or nothing does.
    store.write(actorOf(call.session), (_db, audit) => {
      const done = plan.apply(call.session!.accountId);
      audit({ action: 'import.history', entity: 'import', detail: { rows: plan.rows, visits: plan.visits, cases: plan.cases, newPetitioners: done.petitioners } });
    });
    return { ...summary, imported: true };
  };

  return { 'supervise.export': superviseExport, 'export.cases': casesExport, 'import.template': template, 'import.history': importHistory };
}
