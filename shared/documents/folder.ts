import {
  cnDate,
  cnDateTime,
  dotDate,
  fitted,
  footer,
  GRID,
  header,
  keepWithSignOff,
  label,
  MARKER_STYLES,
  PORTRAIT_MARGINS,
  signature,
  signatures,
  title,
  type Stamp,
} from './layout';
import { FONT, type Block, type Content, type DocDefinition, type TableCell } from './types';

/**
 * 一案一卷: a cover with the 档号 and 保管期限, the contents page (卷内目录), every document of the
 * case in date order, and the 卷内备考表, as one PDF/A-2b file. The contents and the 备考表 name
 * pages by reference: the start of each part is its first block, its end an invisible mark laid
 * on the page where the part ends, so the numbers are the pages as printed.
 */

export interface FolderPart {
  /** Anchor of the part's first page, used by the contents page. */
  id: string;
  title: string;
  docNo: string;
  date: string;
  responsible: string;
  doc: DocDefinition;
}

/** A 材料 the document camera captured for the case or one of its visits: listed, not reproduced. */
export interface FolderMaterial {
  title: string;
  pages: number;
  /** When it was added (an instant) and by whom. */
  addedAt: string;
  addedBy: string;
}

export interface FolderData {
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  category: string;
  locality: string;
  owningLeader: string;
  acceptedOn: string;
  closedOn: string | null;
  /** 档号, from the office's pattern (shared/domain/archive.ts). */
  archiveNo: string;
  retention: string;
  /** Why the period: the facts of the rule the case meets. */
  retentionBasis: string;
  archivist: string;
  archivedOn: string;
  /** The 备考表's 情况说明: one line each (what is missing, which copy). */
  notes: string[];
  parts: FolderPart[];
  /** Absent on a folder without 材料 (and on copies printed before 材料 were kept). */
  materials?: FolderMaterial[];
}

const endOf = (id: string) => `${id}-end`;

function coverPage(d: FolderData, stamp: Stamp): Content[] {
  const row = (l: string, v: string): TableCell[] => [
    label(l, { margin: [0, 3, 0, 3] }),
    { text: v || '—', margin: [0, 3, 0, 3] },
  ];
  return [
    { text: stamp.office, alignment: 'center', fontSize: 16, margin: [0, 10, 0, 20] },
    {
      text: '信访事项档案',
      alignment: 'center',
      font: FONT.heading,
      bold: true,
      fontSize: 30,
      characterSpacing: 6,
      margin: [0, 0, 0, 30],
    },
    {
      table: {
        widths: [110, '*'],
        body: [
          row('档号', d.archiveNo),
          row('案件编号', d.caseNo),
          row('信访事项', d.caseTitle),
          row('信访人', d.petitioner),
          row('问题类别', d.category),
          row('问题属地', d.locality),
          row('包案领导', d.owningLeader),
          row('受理日期', cnDate(d.acceptedOn)),
          row('办结日期', cnDate(d.closedOn)),
          row('保管期限', d.retention),
          row('卷内文件', `${d.parts.length} 件`),
          row('立卷人', d.archivist),
          row('立卷日期', cnDate(d.archivedOn)),
        ],
      },
      layout: GRID,
      margin: [30, 0, 30, 0],
    },
  ];
}

function contentsPage(d: FolderData): Content[] {
  const rows: TableCell[][] = d.parts.map((p, i) => [
    { text: String(i + 1), alignment: 'center' },
    // A number on one line (清信访登〔2026〕12号), set smaller when long, like the 责任者.
    p.docNo ? fitted(p.docNo, 100, 10) : { text: '—' },
    fitted(p.responsible, 66, 10),
    { text: p.title },
    { text: dotDate(p.date), alignment: 'center', noWrap: true },
    { text: [{ text: '', pageReference: p.id }], alignment: 'center' },
    { text: [{ text: '', pageReference: endOf(p.id) }], alignment: 'center' },
  ]);
  const head = (t: string): TableCell => label(t, { rowSpan: 2 });
  return [
    { ...title('卷内目录'), pageBreak: 'before' },
    { text: `档号：${d.archiveNo}　案件编号：${d.caseNo}`, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: [20, 100, 66, '*', 50, 28, 28],
        headerRows: 2,
        dontBreakRows: true,
        body: [
          [head('序号'), head('文号'), head('责任者'), head('题名'), head('日期'), label('页号', { colSpan: 2 }), {}],
          [{}, {}, {}, {}, {}, label('起'), label('止')],
          ...rows,
        ],
      },
      layout: GRID,
      fontSize: 10,
    },
    ...materialsList(d.materials ?? []),
  ];
}

/** 卷内附件材料: the 材料 kept with the case (高拍仪 pages), by title, page count, when and by whom. */
function materialsList(materials: FolderMaterial[]): Content[] {
  if (materials.length === 0) return [];
  return [
    { text: '卷内附件材料', font: FONT.heading, fontSize: 14, alignment: 'center', margin: [0, 16, 0, 8] },
    {
      table: {
        widths: [20, '*', 36, 110, 66],
        headerRows: 1,
        dontBreakRows: true,
        body: [
          [label('序号'), label('材料名称'), label('页数'), label('添加时间'), label('添加人')],
          ...materials.map((m, i): TableCell[] => [
            { text: String(i + 1), alignment: 'center' },
            { text: m.title },
            { text: String(m.pages), alignment: 'center' },
            { text: cnDateTime(m.addedAt), alignment: 'center', noWrap: true },
            fitted(m.addedBy || '—', 66, 10),
          ]),
        ],
      },
      layout: GRID,
      fontSize: 10,
    },
  ];
}

/** 卷内备考表: what the folder holds and lacks, who filed it and when, and the checker's line. */
function notesPage(d: FolderData): Content[] {
  const first = d.parts[0];
  const last = d.parts.at(-1);
  const extent: Block = {
    text:
      first && last
        ? [
            `本卷共有文件 ${d.parts.length} 件，自第 `,
            { text: '', pageReference: first.id },
            ' 页至第 ',
            { text: '', pageReference: endOf(last.id) },
            ' 页。',
          ]
        : '本卷没有文件。',
    margin: [0, 0, 0, 4],
  };
  const lines: Content[] = [
    extent,
    { text: `保管期限${d.retention}：${d.retentionBasis}。`, margin: [0, 0, 0, 4] },
    ...d.notes.map((n): Content => ({ text: n, margin: [0, 0, 0, 4] })),
  ];
  return [
    { ...title('卷内备考表'), id: 'backnote', pageBreak: 'before' },
    { text: `档号：${d.archiveNo}`, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: [80, '*'],
        body: [
          [label('本卷情况说明'), { stack: lines, margin: [0, 4, 0, 4] }],
          [label('立卷人'), { text: d.archivist, margin: [0, 4, 0, 4] }],
          [label('立卷日期'), { text: cnDate(d.archivedOn), margin: [0, 4, 0, 4] }],
        ],
      },
      layout: GRID,
      margin: [0, 0, 0, 10],
    },
    signatures([signature('立卷人', null, cnDate(d.archivedOn)), signature('检查人', null)]),
  ];
}

/**
 * Each part starts on a new page; its first block carries the anchor the contents page refers
 * to, and an empty mark placed absolutely (it takes no room, so it can never push a page) on
 * the page where it ends carries the end anchor.
 */
function partContent(part: FolderPart): Content[] {
  const [first, ...rest] = part.doc.content;
  const head: Block =
    typeof first === 'string' || Array.isArray(first) || first === undefined ? { text: part.title } : first;
  return [
    { ...head, id: part.id, pageBreak: 'before' },
    ...rest,
    { text: ' ', id: endOf(part.id), fontSize: 1, absolutePosition: { x: 0, y: 0 } },
  ];
}

export function caseFolder(d: FolderData, stamp: Stamp): DocDefinition {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    header: header(stamp, `信访事项档案　${d.caseNo}`),
    footer: footer(stamp),
    content: [...coverPage(d, stamp), ...contentsPage(d), ...d.parts.flatMap(partContent), ...notesPage(d)],
    defaultStyle: { font: FONT.body, fontSize: 12, lineHeight: 1.25 },
    styles: MARKER_STYLES,
    // Each part keeps its last lines with its sign-off, as it does printed alone.
    pageBreakBefore: keepWithSignOff,
    info: {
      title: `信访事项档案 ${d.caseNo}`,
      author: stamp.office,
      // No subject: the case title names the petitioner, and PDF metadata travels with the file.
      creator: '信访接待大厅',
      producer: '信访接待大厅',
    },
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'zh-CN',
  };
}
