import { daysInMonth } from '../domain/calendar';
import {
  a4,
  cnDate,
  docNumberLine,
  fitted,
  GRID,
  keep,
  label,
  paragraph,
  section,
  signature,
  signatures,
  title,
  type Stamp,
} from './layout';
import { figureGrid, type ReportFigure } from './reports';
import type { DocDefinition, TableCell } from './types';

/**
 * 包案领导季度报告: each quarter the owning leader reports to the Party committee on the cases
 * they own that are not yet settled (seed 001: 限期未办结信访问题包案领导每季度…说明包案办理情况).
 * The record number packs leader and quarter: leaderId × 100000 + year × 10 + quarter.
 */
export function quarterRecord(leaderId: number, year: number, quarter: number): number {
  return leaderId * 100_000 + year * 10 + quarter;
}

export function parseQuarterRecord(
  record: number,
): { leaderId: number; year: number; quarter: number; from: string; to: string } | null {
  const quarter = record % 10;
  const year = Math.floor(record / 10) % 10_000;
  const leaderId = Math.floor(record / 100_000);
  if (quarter < 1 || quarter > 4 || year < 2000 || leaderId < 1) return null;
  const first = (quarter - 1) * 3 + 1;
  const last = daysInMonth(year, first + 2);
  return {
    leaderId,
    year,
    quarter,
    from: `${year}-${String(first).padStart(2, '0')}-01`,
    to: `${year}-${String(first + 2).padStart(2, '0')}-${last}`,
  };
}

export const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

export interface QuarterlyCase {
  caseNo: string;
  acceptedOn: string;
  petitioner: string;
  title: string;
  unit: string;
  deadline: string;
  status: string;
  /** Days past the deadline on the report date; 0 when not overdue. */
  overdueDays: number;
  progress: string;
}

export interface QuarterlyData {
  leader: { name: string; post: string };
  year: number;
  quarter: number;
  asOf: string;
  figures: ReportFigure[];
  open: QuarterlyCase[];
}

export function quarterlyReport(d: QuarterlyData, stamp: Stamp): DocDefinition {
  const period = `${d.year}年第${QUARTER_NAMES[d.quarter - 1]}季度`;
  const head = ['序号', '案件编号', '受理日期', '信访人', '反映问题', '责任单位', '办理期限', '状态', '办理进展'].map(
    (t) => label(t),
  );
  // The matter's title is mostly its category (城乡建设（征地拆迁）问题): kept on one line, set smaller if long.
  const widths = [24, 62, 56, 44, 140, 104, 66, 44, '*'];
  const rows: TableCell[][] = d.open.map((c, i) => [
    { text: String(i + 1), alignment: 'center' },
    fitted(c.caseNo, 62, 9),
    fitted(c.acceptedOn, 56, 9),
    fitted(c.petitioner, 44, 9),
    fitted(c.title, 140, 9),
    fitted(c.unit, 104, 9),
    {
      text: c.overdueDays > 0 ? `${c.deadline}\n超期${c.overdueDays}日` : c.deadline,
      color: c.overdueDays > 0 ? '#b00000' : undefined,
    },
    { text: c.status, alignment: 'center' },
    { text: c.progress },
  ]);
  const overdue = d.open.filter((c) => c.overdueDays > 0).length;
  return a4(
    '包案领导季度报告',
    stamp,
    [
      title('包案信访事项办理情况季度报告'),
      docNumberLine(stamp, `${d.leader.post}　${d.leader.name}　${period}`),
      section('一、基本情况'),
      figureGrid(d.figures),
      section('二、未办结信访事项'),
      rows.length
        ? {
            table: { widths, headerRows: 1, dontBreakRows: true, body: [head, ...rows] },
            layout: GRID,
            fontSize: 9,
          }
        : paragraph(`\u3000\u3000截至${cnDate(d.asOf)}无未办结的包案信访事项。`),
      section('三、说明'),
      keep(
        paragraph(
          d.open.length === 0
            ? `\u3000\u3000截至${cnDate(d.asOf)}，本人包案的信访事项均已办结。`
            : `\u3000\u3000截至${cnDate(d.asOf)}，本人包案未办结信访事项${d.open.length}件${overdue ? `，其中超过办理期限${overdue}件，已逐件督促责任单位限期办结` : '，均在办理期限内'}。`,
        ),
      ),
      // The office is in the page header; the leader signs and dates the account.
      signatures([signature('包案领导', null, null)]),
    ],
    `${d.leader.name} ${period}包案信访事项办理情况`,
    'landscape',
  );
}
