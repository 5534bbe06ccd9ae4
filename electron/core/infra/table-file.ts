import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook';

/**
 * Lists as files others can open: one sheet of XLSX (a title and a line saying what the rows
 * are above a frozen header row) or CSV (the header row and the rows only, so a script or
 * another system reads it as data). Every export of a list goes through here.
 */
export type TableCell = string | number | null | undefined;

export interface TableFile {
  /** Name of the worksheet. */
  sheet: string;
  /** First line of the sheet (XLSX only). */
  title?: string;
  /** Second line: the filter in words (XLSX only). */
  subtitle?: string;
  headers: string[];
  rows: TableCell[][];
  /** Column widths in characters (XLSX). */
  widths?: number[];
}

export const TABLE_FORMATS = ['xlsx', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** One worksheet per table: optional title and subtitle lines, then the bold header row, frozen. */
export async function tableXlsx(...tables: TableFile[]): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = '信访接待大厅';
  for (const t of tables) addSheet(wb, t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet(wb: ExcelJS.Workbook, t: TableFile): void {
  const above = (t.title !== undefined ? 1 : 0) + (t.subtitle !== undefined ? 1 : 0);
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: above + 1 }] });
  if (t.title !== undefined) ws.addRow([t.title]).font = { bold: true, size: 14 };
  if (t.subtitle !== undefined) ws.addRow([t.subtitle]);
  ws.addRow(t.headers).font = { bold: true };
  t.headers.forEach((_, i) => (ws.getColumn(i + 1).width = t.widths?.[i] ?? 12));
  for (const r of t.rows) ws.addRow(r.map((c) => c ?? ''));
}

const BOM = '\uFEFF';

/** Text Excel would take for a formula (=, +, @, a tab, or - before something not a number). */
const FORMULA_LIKE = /^(?:[=+@\t\r]|-(?![\d.]))/;

/**
 * RFC 4180: a field with a comma, a quote or a line break is quoted, and quotes are doubled.
 * Text that Excel would run as a formula gets a leading apostrophe (OWASP "CSV injection");
 * numbers, dates and negative day counts are never touched.
 */
export function csvField(value: TableCell): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_LIKE.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark (Excel on Windows then reads Chinese correctly), CRLF line ends, the header row first. */
export function tableCsv(t: TableFile): Buffer {
  const lines = [t.headers, ...t.rows].map((r) => r.map(csvField).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

export async function tableFile(t: TableFile, format: TableFormat): Promise<Buffer> {
  return format === 'csv' ? tableCsv(t) : tableXlsx(t);
}
