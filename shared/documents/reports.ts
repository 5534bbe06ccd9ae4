import {
  a4,
  cnDate,
  cnWeekday,
  docNumberLine,
  fitted,
  GRID,
  issuer,
  keep,
  label,
  LANDSCAPE_MARGINS,
  mm,
  paragraph,
  section,
  signOff,
  title,
  unbroken,
  type Stamp,
} from './layout';
import { FONT, type Content, type DocDefinition, type TableCell } from './types';

/** The public notice, the ledger, the day summary and the queue ticket (the period reports are in period-report.ts). */

export interface NoticeSlot {
  date: string;
  time: string;
  leader: string;
  post: string;
  portfolio: string;
  place: string;
  form: string;
  note: string;
}

export interface NoticeData {
  period: string;
  slots: NoticeSlot[];
  publishedOn: string;
  contact: string;
}

export function rosterNotice(d: NoticeData, stamp: Stamp): DocDefinition {
  const head = ['日期', '时间', '接访领导', '职务', '分管工作', '地点', '形式'].map((t) => label(t, { noWrap: true }));
  // Column widths that fit a date, a time range, a name with its note and a nine-character post on one line.
  const widths = [64, 72, 96, 110, '*', 100, 56];
  const size = 11.5;
  const rows: TableCell[][] = d.slots.map((s) => [
    // Date and weekday are one cell and one row: never 11月11日 on one page and 星期三 on the next.
    { stack: [fitted(cnDate(s.date).slice(5), 64, size), fitted(cnWeekday(s.date), 64, size)], alignment: 'center' },
    { ...fitted(s.time, 72, size), alignment: 'center' },
    {
      stack: [fitted(s.leader, 96, size), ...(s.note ? [fitted(`（${s.note}）`, 96, size)] : [])],
      bold: true,
      alignment: 'center',
    },
    { text: unbroken(s.post) },
    { text: unbroken(s.portfolio) },
    { text: s.place },
    { ...fitted(s.form, 56, size), alignment: 'center' },
  ]);
  // A poster for the hall's wall: landscape, large print.
  return a4(
    '领导接访公示',
    stamp,
    [
      title('领导干部接访安排公示'),
      { text: d.period, alignment: 'center', fontSize: 14, margin: [0, 0, 0, 12] },
      {
        table: {
          widths,
          headerRows: 1,
          dontBreakRows: true,
          body: [
            head,
            ...(rows.length
              ? rows
              : [[{ text: '本期无接访安排', colSpan: 7, alignment: 'center' } as TableCell, '', '', '', '', '', '']]),
          ],
        },
        layout: GRID,
        fontSize: 11.5,
        lineHeight: 1.15,
      },
      keep(paragraph(`\u3000\u3000欢迎群众按公示时间到场反映诉求。${d.contact ? `联系电话：${d.contact}。` : ''}`)),
      signOff(issuer(stamp.office, cnDate(d.publishedOn))),
    ],
    undefined,
    'landscape',
  );
}

export interface LedgerRow {
  caseNo: string;
  acceptedOn: string;
  petitioner: string;
  category: string;
  locality: string;
  summary: string;
  leader: string;
  unit: string;
  deadline: string;
  status: string;
  /** 剩N日 / 超期N日, empty once answered; with outcome, given by the ledger export (台账导出). */
  daysLeft?: string;
  /** 支持 / 解释 / 不支持, empty before a closure. */
  outcome?: string;
}

export interface LedgerData {
  title: string;
  filter: string;
  rows: LedgerRow[];
}

/**
 * The ledger: landscape, its header row repeated on every page. Rows that carry days left and
 * outcome (the ledger export) get those two columns. A stamp without a code (an export, not a
 * registered print) shows neither QR code nor verification code.
 */
export function ledger(d: LedgerData, stamp: Stamp): DocDefinition {
  const extra = d.rows.some((r) => r.daysLeft !== undefined || r.outcome !== undefined);
  const cols = [
    '序号',
    '案件编号',
    '受理日期',
    '信访人',
    '类别',
    '属地',
    '反映问题',
    '包案领导',
    '责任单位',
    '办理期限',
    ...(extra ? ['剩余天数'] : []),
    '状态',
    ...(extra ? ['办理结果'] : []),
  ];
  const head = cols.map((t) => label(t, { noWrap: true }));
  // Widths that hold a ten-character category and a twelve-character unit; a longer name is set
  // smaller rather than broken.
  const widths = extra
    ? [18, 52, 48, 36, 86, 40, '*', 40, 96, 48, 40, 36, 34]
    : [18, 52, 48, 40, 86, 44, '*', 40, 100, 48, 36];
  const w = (i: number) => widths[i] as number;
  const size = 8.5;
  const body: TableCell[][] = d.rows.map((r, i) => [
    { text: String(i + 1), alignment: 'center' },
    fitted(r.caseNo, w(1), size),
    fitted(r.acceptedOn, w(2), size),
    fitted(r.petitioner, w(3), size),
    fitted(r.category, w(4), size),
    fitted(r.locality, w(5), size),
    { text: r.summary },
    fitted(r.leader, w(7), size),
    fitted(r.unit, w(8), size),
    fitted(r.deadline, w(9), size),
    ...(extra ? [{ text: r.daysLeft ?? '', alignment: 'center' } as TableCell] : []),
    { text: r.status, alignment: 'center' },
    ...(extra ? [{ text: r.outcome ?? '', alignment: 'center' } as TableCell] : []),
  ]);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: LANDSCAPE_MARGINS,
    header: () => ({
      columns: [
        { text: `${stamp.office}　${d.title}`, fontSize: 10, bold: true, width: '*' },
        stamp.code
          ? {
              stack: [
                // 20 mm: a QR code under 18 mm does not scan reliably from a 100 dpi copy.
                { qr: stamp.qr, fit: mm(20), eccLevel: 'M', alignment: 'right' },
                { text: stamp.code, fontSize: 6, alignment: 'right' },
              ],
              width: 80,
            }
          : { text: '', width: 80 },
      ],
      margin: [LANDSCAPE_MARGINS[0], mm(6), LANDSCAPE_MARGINS[2], 0],
    }),
    footer: (page, count) => ({
      text: `第 ${page} 页 共 ${count} 页${stamp.code ? `　核验码 ${stamp.code}` : ''}`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, mm(8), 0, 0],
    }),
    content: [
      title(d.title),
      // The count goes with the filter over the table: 共 N 件 alone under it made a page of its own.
      { text: `${d.filter}　共 ${d.rows.length} 件`, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 8] },
      {
        table: { widths, headerRows: 1, dontBreakRows: true, body: [head, ...body] },
        layout: { ...GRID, paddingTop: () => 2, paddingBottom: () => 2, paddingLeft: () => 3, paddingRight: () => 3 },
        fontSize: 8.5,
      },
    ],
    defaultStyle: { font: FONT.body, fontSize: 9, lineHeight: 1.15 },
    info: { title: d.title, author: stamp.office, creator: '信访接待大厅', producer: '信访接待大厅' },
  };
}

export interface ReportFigure {
  label: string;
  value: string;
}

/** The report's key figures, two label–value pairs to a row. */
export function figureGrid(figures: ReportFigure[]): Content {
  const rows: TableCell[][] = [];
  for (let i = 0; i < figures.length; i += 2) {
    const a = figures[i]!;
    const b = figures[i + 1];
    rows.push([
      label(a.label),
      { text: a.value, alignment: 'center' },
      b ? label(b.label) : { text: '' },
      { text: b?.value ?? '', alignment: 'center' },
    ]);
  }
  return { table: { widths: ['*', 70, '*', 70], body: rows }, layout: GRID, margin: [0, 0, 0, 8] };
}

export interface TicketData {
  code: string;
  maskedName: string;
  leader: string;
  room: string;
  issuedAt: string;
  ahead: number;
  waitMinutes: number;
}

/** The 80 mm queue receipt: number, masked name, leader, room, time. No full personal data. */
export function queueTicket(d: TicketData, stamp: Stamp): DocDefinition {
  const width = mm(80);
  return {
    pageSize: { width, height: 'auto' },
    pageMargins: [mm(4), mm(4), mm(4), mm(6)],
    content: [
      { text: stamp.office, alignment: 'center', fontSize: 10, bold: true },
      { text: '信访接待大厅 排队号', alignment: 'center', fontSize: 9, margin: [0, 2, 0, 4] },
      { text: d.code, alignment: 'center', fontSize: 40, bold: true, font: FONT.heading, margin: [0, 0, 0, 4] },
      { text: `来访人：${d.maskedName}`, fontSize: 11 },
      { text: `接访领导：${d.leader}`, fontSize: 11 },
      { text: `接待室：${d.room}`, fontSize: 11 },
      { text: `取号时间：${d.issuedAt}`, fontSize: 10 },
      { text: `前面还有 ${d.ahead} 位，预计等候约 ${d.waitMinutes} 分钟`, fontSize: 10, margin: [0, 2, 0, 6] },
      {
        columns: [
          { qr: stamp.qr, fit: 56, width: 64 },
          { text: `请留意大厅显示屏叫号。过号请到窗口重新排队。\n核验码 ${stamp.code}`, fontSize: 8, width: '*' },
        ],
      },
    ],
    defaultStyle: { font: FONT.body, fontSize: 10, lineHeight: 1.2 },
    info: { title: `排队号 ${d.code}`, author: stamp.office, creator: '信访接待大厅', producer: '信访接待大厅' },
  };
}

export interface DaySummaryData {
  date: string;
  figures: ReportFigure[];
  byLeader: { name: string; visits: number; people: number }[];
  byCategory: { name: string; visits: number }[];
  preparedBy: string;
  /** The audit chain's sealed head when printed ("entries-fingerprint"): paper anchors the chain. */
  auditHead: string;
}

/** 日终汇总: the day's visits, people, groups and repeats, by leader and by category. */
export function daySummary(d: DaySummaryData, stamp: Stamp): DocDefinition {
  return a4('来访接待日汇总', stamp, [
    title(`${cnDate(d.date)}来访接待情况`),
    docNumberLine(stamp),
    section('一、当日数据'),
    figureGrid(d.figures),
    section('二、按接访领导'),
    d.byLeader.length
      ? {
          table: {
            widths: ['*', 90, 90],
            headerRows: 1,
            body: [
              [label('接访领导'), label('批次'), label('人次')],
              ...d.byLeader.map((l): TableCell[] => [
                { text: l.name },
                { text: String(l.visits), alignment: 'center' },
                { text: String(l.people), alignment: 'center' },
              ]),
            ],
          },
          layout: GRID,
          margin: [0, 0, 0, 8],
        }
      : paragraph('当日无来访。'),
    keep({
      stack: [
        section('三、按问题类别'),
        d.byCategory.length
          ? {
              table: {
                widths: ['*', 90],
                headerRows: 1,
                body: [
                  [label('类别'), label('批次')],
                  ...d.byCategory.map((c): TableCell[] => [
                    { text: c.name },
                    { text: String(c.visits), alignment: 'center' },
                  ]),
                ],
              },
              layout: GRID,
            }
          : paragraph('当日无来访。'),
      ],
    }),
    signOff([
      { text: `${stamp.office}　填报人：${d.preparedBy}`, alignment: 'right', margin: [0, 24, 20, 0] },
      {
        text: `审计记录链头：${d.auditHead}（打印时共有的审计记录条数与其封存指纹，供日后核对审计记录未被删改）`,
        fontSize: 8,
        color: '#555555',
        margin: [0, 16, 0, 0],
      },
    ]),
  ]);
}
