import { cnDate, dotDate, footer, GRID, header, label, PORTRAIT_MARGINS, title, type Stamp } from './layout';
import { FONT, type Block, type Content, type DocDefinition, type TableCell } from './types';

/** 一案一卷: a cover, the contents page (卷内目录) and every document of the case, as one PDF/A-2b file. */

export interface FolderPart {
  /** Anchor of the part's first page, used by the contents page. */
  id: string;
  title: string;
  docNo: string;
  date: string;
  responsible: string;
  doc: DocDefinition;
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
  retention: string;
  archivist: string;
  archivedOn: string;
  parts: FolderPart[];
}

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
    { text: p.responsible },
    { text: p.docNo || '—' },
    { text: p.title },
    { text: dotDate(p.date), alignment: 'center' },
    { pageReference: p.id, alignment: 'center' },
  ]);
  return [
    { ...title('卷内目录'), pageBreak: 'before' },
    { text: `案件编号：${d.caseNo}`, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: [26, 54, 98, '*', 62, 40],
        headerRows: 1,
        body: [[label('序号'), label('责任者'), label('文号'), label('题名'), label('日期'), label('页号')], ...rows],
      },
      layout: GRID,
      fontSize: 10.5,
    },
  ];
}

/** Each part starts on a new page; its first block carries the anchor the contents page refers to. */
function partContent(part: FolderPart): Content[] {
  const [first, ...rest] = part.doc.content;
  const head: Block =
    typeof first === 'string' || Array.isArray(first) || first === undefined ? { text: part.title } : first;
  return [{ ...head, id: part.id, pageBreak: 'before' }, ...rest];
}

export function caseFolder(d: FolderData, stamp: Stamp): DocDefinition {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    header: header(stamp, `信访事项档案　${d.caseNo}`),
    footer: footer(stamp),
    content: [...coverPage(d, stamp), ...contentsPage(d), ...d.parts.flatMap(partContent)],
    defaultStyle: { font: FONT.body, fontSize: 12, lineHeight: 1.25 },
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
