import { CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/domain/case-status';
import { daysLeftLabel } from '../../../shared/domain/deadlines';
import { OUTCOME } from '../../../shared/domain/labels';
import { LEDGER_COLUMNS, LEDGER_HEADERS, type LedgerColumn } from '../../../shared/domain/ledger';
import type { LedgerData } from '../../../shared/documents/reports';
import type { Db } from '../infra/db/connection';
import { value } from '../infra/db/sql';
import type { LedgerQuery, LedgerRow } from './query';
import { tableFile, type TableFile, type TableFormat } from '../infra/table-file';

/** The ledger as a file: an Excel sheet with a Chinese header row, or the data of the printed ledger. */

/** One line saying what the rows are, in words: printed under the title and on the sheet. */
export function describeFilter(db: Db, f: LedgerQuery): string {
  const name = (table: string, id: number | undefined) =>
    id ? (value<string>(db, `SELECT name FROM ${table} WHERE id = ?`, id) ?? `#${id}`) : null;
  const parts: string[] = [];
  if (f.from || f.to) parts.push(`受理日期 ${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  const leader = name('leaders', f.leaderId);
  if (leader) parts.push(`包案领导 ${leader}`);
  const unit = name('units', f.unitId);
  if (unit) parts.push(`责任单位 ${unit}`);
  const category = name('categories', f.categoryId);
  if (category) parts.push(`类别 ${category}`);
  const locality = name('localities', f.localityId);
  if (locality) parts.push(`属地 ${locality}`);
  parts.push(f.statuses?.length ? `状态 ${f.statuses.map((s) => CASE_STATUS_LABELS[s]).join('、')}` : '全部状态');
  if (f.overdue) parts.push('仅超期');
  if (f.text?.trim()) parts.push(`检索“${f.text.trim()}”`);
  if (f.sort) parts.push(`按${LEDGER_HEADERS[f.sort.column]}${f.sort.order === 'asc' ? '升序' : '降序'}`);
  return parts.join('　');
}

const statusLabel = (s: CaseStatus) => CASE_STATUS_LABELS[s];
const daysText = (r: LedgerRow) => (r.daysLeft === null ? '' : daysLeftLabel(r.daysLeft));

function cell(r: LedgerRow, c: LedgerColumn): string | number {
  switch (c) {
    case 'status':
      return statusLabel(r.status);
    case 'outcome':
      return r.outcome ? OUTCOME[r.outcome] : '';
    case 'daysLeft':
      return r.daysLeft ?? '';
    default:
      return r[c] ?? '';
  }
}

/** The ledger as a table: 序号 and every ledger column, statuses and outcomes in Chinese. */
export function ledgerTable(rows: LedgerRow[], title: string, filter: string): TableFile {
  return {
    sheet: '信访事项台账',
    title,
    subtitle: filter,
    headers: ['序号', ...LEDGER_COLUMNS.map((c) => LEDGER_HEADERS[c])],
    rows: rows.map((r, i) => [i + 1, ...LEDGER_COLUMNS.map((c) => cell(r, c))]),
    widths: [6, 14, 12, 10, 16, 20, 10, 30, 10, 12, 10, 10],
  };
}

/** The sheet (a title line with the filter, the header row frozen, one row per case) or the CSV (header and rows). */
export function ledgerFile(rows: LedgerRow[], title: string, filter: string, format: TableFormat): Promise<Buffer> {
  return tableFile(ledgerTable(rows, title, filter), format);
}

/** The printed ledger's data (the `ledger` layout in shared/documents/reports.ts). */
export function ledgerPdfData(rows: LedgerRow[], title: string, filter: string): LedgerData {
  return {
    title,
    filter,
    rows: rows.map((r) => ({
      caseNo: r.caseNo,
      acceptedOn: r.acceptedOn,
      petitioner: r.petitioner,
      category: r.category ?? '',
      locality: r.locality ?? '',
      summary: r.title,
      leader: r.leader ?? '',
      unit: r.units ?? '',
      deadline: r.deadlineOn,
      status: statusLabel(r.status),
      daysLeft: daysText(r),
      outcome: r.outcome ? OUTCOME[r.outcome] : '',
    })),
  };
}
