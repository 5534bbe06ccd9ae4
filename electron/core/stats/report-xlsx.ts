import type ExcelJS from 'exceljs';
import { newWorkbook } from '../infra/workbook';
import type { PeriodReportData } from '../../../shared/documents/period-report';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A report (daily, weekly, monthly) as one Excel sheet an office can open and send on: the
 * office, title, period and due date, the key figures (项目 / 数值 / 说明), each breakdown table
 * under its heading with a Chinese header row, the situation in words and who prepared it.
 * Counts are numbers, not text, so the sheet adds up. One sheet, so a CSV of it is the whole report.
 */
export async function reportXlsx(d: PeriodReportData, office: string, docNo: string): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = '信访接待大厅';
  wb.title = d.title;
  const ws = wb.addWorksheet(d.report === 'daily' ? '日报' : d.report === 'weekly' ? '周报' : '月报', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [30, 12, 12, 12, 12, 12, 14, 12, 12, 12];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const bold = (row: ExcelJS.Row) => (row.font = { bold: true });
  const grey = (row: ExcelJS.Row, cells: number) => {
    for (let i = 1; i <= cells; i++)
      row.getCell(i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
  };

  ws.addRow([office]).font = { bold: true, size: 16, color: { argb: 'FFC00000' } };
  ws.addRow([d.title]).font = { bold: true, size: 14 };
  ws.addRow([d.period]);
  ws.addRow([d.due]);
  if (docNo) ws.addRow([`文号：${docNo}`]);
  if (d.zero)
    bold(
      ws.addRow([
        d.report === 'daily'
          ? '今日无信访事项，零报告。'
          : d.report === 'weekly'
            ? '本周无信访事项，零报告。'
            : '本月无信访事项，零报告。',
      ]),
    );
  ws.addRow([]);

  let n = 0;
  bold(ws.addRow([`${NUMERALS[n++]}、主要数据`]));
  const fh = ws.addRow(['项目', '数值', '说明']);
  bold(fh);
  grey(fh, 3);
  for (const f of d.figures) ws.addRow([f.label, f.value, f.note ?? '']);
  for (const t of d.tables) {
    ws.addRow([]);
    bold(ws.addRow([`${NUMERALS[n++]}、${t.title}`]));
    if (t.rows.length === 0) {
      ws.addRow([t.empty]);
      continue;
    }
    const h = ws.addRow(t.head);
    bold(h);
    grey(h, t.head.length);
    for (const r of t.rows) ws.addRow(r);
    if (t.note) ws.addRow([t.note]).font = { italic: true, size: 9 };
  }
  ws.addRow([]);
  bold(ws.addRow([`${NUMERALS[n++]}、情况说明`]));
  ws.addRow([d.notes]);
  ws.addRow([]);
  ws.addRow([`填报单位：${office}`]);
  ws.addRow([`填报人：${d.preparedBy}`]);
  ws.addRow([`填报日期：${d.preparedOn}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
