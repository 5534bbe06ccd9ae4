import {
  a4,
  cnDate,
  fitted,
  GRID,
  keep,
  label,
  mm,
  paragraph,
  SEAL,
  section,
  signOff,
  TEXT_WIDTH,
  title,
  type Stamp,
} from './layout';
import { FONT, type Content, type DocDefinition, type TableCell } from './types';

/**
 * The reports the hall sends upward — the daily (zero) report, the weekly and the monthly
 * report — as one layout. The data is built from the figures engine (electron/core/stats.ts) by
 * electron/core/documents/period-reports.ts; the Excel copy is written from the same data, so
 * paper and sheet carry the same numbers.
 */
export type PeriodReportKind = 'daily' | 'weekly' | 'monthly';

/** The monthly report's table of leaders against their duty quota: its heading row, one source for the report, the sample and the tests. */
export const MONTHLY_LEADER_HEAD = [
  '领导',
  '接待批次',
  '接待人次',
  '接访天数',
  '应接访天数',
  '本季度下访',
  '每季度应下访',
  '包案受理',
  '包案办结',
  '超期未办结',
];

/** The key figures a daily report keeps: what a day shows. One list for the report and its sample. */
export const DAILY_FIGURES = [
  '来访批次',
  '来访人次',
  '集体访批次',
  '重复访批次',
  '受理信访事项',
  '办结信访事项',
  '督办',
  '超期未办结',
];

/** One key figure: a count, with an optional remark (a rate, a split). */
export interface KeyFigure {
  label: string;
  value: number;
  note?: string;
}

/** A breakdown table; `empty` is printed instead when it has no rows. */
export interface ReportTable {
  title: string;
  head: string[];
  rows: (string | number)[][];
  /** Column widths on paper; the first is usually '*'. */
  widths: (number | string)[];
  empty: string;
  /** A line under the table (e.g. where a requirement comes from). */
  note?: string;
}

export interface PeriodReportData {
  report: PeriodReportKind;
  /** 2026年11月信访工作情况报告 */
  title: string;
  from: string;
  to: string;
  /** 统计时段：2026年11月1日至11月30日 */
  period: string;
  /** 报送时限：2026年12月4日前（次月4日前） */
  due: string;
  /** Nothing happened: no visit and no case accepted (零报告). */
  zero: boolean;
  figures: KeyFigure[];
  tables: ReportTable[];
  /** The situation in words (情况说明). */
  notes: string;
  preparedBy: string;
  preparedOn: string;
  /** 主送机关: who the report goes to (settings). */
  addressee: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const RED = '#c00000';

/** In a daily report nothing is written as 无, the way a zero report reads. */
function shown(d: PeriodReportData, f: KeyFigure): TableCell {
  if (d.report === 'daily' && f.value === 0) return { text: '无', alignment: 'center' };
  return {
    text: [String(f.value), ...(f.note ? [{ text: `\n${f.note}`, fontSize: 8.5, color: '#444444' }] : [])],
    alignment: 'center',
  };
}

function figures(d: PeriodReportData): Content {
  const rows: TableCell[][] = [];
  for (let i = 0; i < d.figures.length; i += 2) {
    const a = d.figures[i]!;
    const b = d.figures[i + 1];
    rows.push([label(a.label), shown(d, a), b ? label(b.label) : { text: '' }, b ? shown(d, b) : { text: '' }]);
  }
  return {
    table: { widths: [96, '*', 96, '*'], body: rows, dontBreakRows: true },
    layout: GRID,
    fontSize: 10.5,
    margin: [0, 0, 0, 6],
  };
}

/**
 * A breakdown under its heading. The heading is the table's first (borderless) header row, so
 * it never stays behind at the foot of a page without its table, and repeats over a page break.
 */
function table(heading: Content, t: ReportTable): Content[] {
  if (t.rows.length === 0) return [heading, paragraph(t.empty)];
  const cols = t.head.length;
  const none: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  const top: TableCell[] = [
    { stack: [heading], colSpan: cols, border: none, margin: [-5, 0, 0, 0] },
    ...Array.from({ length: cols - 1 }, (): TableCell => ({ text: '', border: none })),
  ];
  // A heading never breaks ("接待批/次"): set smaller to fit its column where it would.
  const head = t.head.map((h, i) => {
    const w = t.widths[i];
    return typeof w === 'number' ? label(h, fitted(h, w, 9.5)) : label(h, { fontSize: 9.5, noWrap: true });
  });
  const body = t.rows.map((r) =>
    r.map((c, i): TableCell => ({ text: String(c), alignment: i === 0 ? 'left' : 'center' })),
  );
  const out: Content[] = [
    {
      table: {
        widths: t.widths,
        headerRows: 2,
        keepWithHeaderRows: 1,
        body: [top, head, ...body],
        dontBreakRows: true,
      },
      layout: { ...GRID, hLineWidth: (i) => (i === 0 ? 0 : 0.6) },
      fontSize: 9.5,
      lineHeight: 1.1,
      margin: [0, 0, 0, t.note ? 2 : 6],
    },
  ];
  if (t.note) out.push({ text: t.note, fontSize: 9, color: '#444444', margin: [0, 0, 0, 6] });
  return out;
}

export function periodReport(d: PeriodReportData, stamp: Stamp): DocDefinition {
  const kindName = d.report === 'daily' ? '信访工作日报' : d.report === 'weekly' ? '信访工作周报' : '月度信访工作报告';
  let n = 0;
  const head = (text: string) => section(`${NUMERALS[n++]}、${text}`);
  const content: Content[] = [
    // The office's red masthead (版头) and the rule under it, as on an office's own paper.
    {
      text: stamp.office,
      font: FONT.heading,
      bold: true,
      fontSize: 24,
      color: RED,
      alignment: 'center',
      characterSpacing: 3,
      margin: [0, 0, 0, 4],
    },
    // An upward document (上行文): the 发文字号 at the left and 签发人 at the right of one line
    // over the red rule; the signer signs by hand.
    {
      columns: [
        { text: stamp.docNo, width: '*', fontSize: 12, margin: [12, 0, 0, 0] },
        {
          text: ['签发人：', { text: '\u3000\u3000\u3000\u3000', decoration: 'underline' }],
          width: 'auto',
          fontSize: 12,
          margin: [0, 0, 12, 0],
        },
      ],
      margin: [0, 4, 0, 4],
    },
    {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 1.6, lineColor: RED }],
      margin: [0, 0, 0, 10],
    },
    title(d.title),
    { text: d.period, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 2] },
    { text: d.due, alignment: 'center', fontSize: 10, color: '#444444', margin: [0, 0, 0, 8] },
    { text: `${d.addressee}：`, fontSize: 13, margin: [0, 0, 0, 6] },
  ];
  if (d.zero) {
    const zeroText =
      d.report === 'daily'
        ? '今日无信访事项，零报告。'
        : d.report === 'weekly'
          ? '本周无信访事项，零报告。'
          : '本月无信访事项，零报告。';
    content.push({ text: zeroText, bold: true, fontSize: 15, alignment: 'center', margin: [0, 6, 0, 8] });
  }
  content.push(head('主要数据'), figures(d));
  for (const t of d.tables) content.push(...table(head(t.title), t));
  content.push(
    head('情况说明'),
    keep({ ...paragraph(`\u3000\u3000${d.notes}`), preserveLeadingSpaces: true }),
    signOff([
      { text: `${stamp.office}${SEAL}`, alignment: 'right', margin: [0, 16, mm(8), 2] },
      { text: cnDate(d.preparedOn), alignment: 'right', margin: [0, 0, mm(8), 0] },
      {
        columns: [
          { text: `填报人：${d.preparedBy}`, width: '*' },
          { text: '审核人：', width: '*' },
        ],
        fontSize: 10.5,
        margin: [0, 14, 0, 0],
      },
    ]),
  );
  return a4(kindName, stamp, content, d.title);
}
