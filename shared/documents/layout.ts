import { chinaDay, chinaMinute, weekdayOf } from '../domain/calendar';
import {
  FONT,
  type Block,
  type Content,
  type DocDefinition,
  type PageNode,
  type PageNodes,
  type TableCell,
  type TableLayout,
  type TextRun,
} from './types';

/** Millimetres to PDF points. */
export const mm = (n: number): number => (n * 72) / 25.4;

export const A4 = { width: 595.28, height: 841.89 };
/** GB/T 9704-like margins: 37 mm top, 28 mm binding (left), 26 mm right, 35 mm bottom. */
export const PORTRAIT_MARGINS: [number, number, number, number] = [mm(28), mm(37), mm(26), mm(35)];
/** Landscape ledgers bind on the top edge: the binding margin moves there. */
export const LANDSCAPE_MARGINS: [number, number, number, number] = [mm(20), mm(30), mm(20), mm(22)];
export const TEXT_WIDTH = A4.width - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[2];

/** What every printed document carries so a copy can be checked against the record. */
export interface Stamp {
  office: string;
  /** Document number, e.g. 〔2026〕第0001号; empty when the kind has none. */
  docNo: string;
  /** Short verification code printed under the QR code, e.g. 7K2M-9QXD. */
  code: string;
  /** What the QR code holds: the code, and a prefix of the content hash. */
  qr: string;
}

export const GRID: TableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export const LABEL_FILL = '#f0f0f0';

/** A label cell: shaded, never wrapped mid-word when it can help it. */
export function label(text: string, extra: Partial<TableCell> = {}): TableCell {
  return { text, fillColor: LABEL_FILL, bold: true, alignment: 'center', ...extra };
}

/** A value cell: empty values print as a dash, never as nothing. */
export function value(text: string | null | undefined, extra: Partial<TableCell> = {}): TableCell {
  const shown = text === null || text === undefined || text.trim() === '' ? '—' : text;
  return { text: shown, ...extra };
}

/** Empty cells pdfmake needs after a colSpan. */
export function spanFill(n: number): TableCell[] {
  return Array.from({ length: n }, () => ({ text: '' }));
}

/** A cell holding a label and its value across the rest of the row (of a 4-column grid). */
export function wideRow(l: string, v: string | null | undefined, columns = 4): TableCell[] {
  return [label(l), value(v, { colSpan: columns - 1 }), ...spanFill(columns - 2)];
}

/**
 * Text longer than this may not fit on one page: pdfmake drops what an unbreakable block (a row
 * that may not break, a kept-together group) has beyond its first page, so such text must flow.
 */
export const FITS_ON_A_PAGE = 600;

function textLength(c: unknown): number {
  if (typeof c === 'string') return c.length;
  if (Array.isArray(c)) return c.reduce((n: number, x) => n + textLength(x), 0);
  if (c && typeof c === 'object') {
    const o = c as { text?: unknown; stack?: unknown };
    return textLength(o.text ?? o.stack ?? '');
  }
  return 0;
}

/** Whether every row of a table is short enough to be kept whole on a page. */
function rowsFit(body: TableCell[][]): boolean {
  return body.every((row) => textLength(row) < FITS_ON_A_PAGE);
}

/**
 * A grid of labelled cells. Rows never break across pages (GB/T 9704: a row is read whole),
 * unless a row holds text too long for one page, which then flows on rather than being clipped.
 */
export function grid(body: TableCell[][], widths: (number | string)[] = [78, '*', 78, '*']): Block {
  return { table: { widths, body, dontBreakRows: rowsFit(body) }, layout: GRID, margin: [0, 0, 0, 10] };
}

/**
 * The 落款 (issuer, date, seal) and signature lines: one block that never breaks, marked so the
 * body's last lines can be kept with it (keepWithSignOff).
 */
export const SIGN_OFF = 'signOff';
/** The body's last block: it moves to the next page with the sign-off rather than leave it alone there. */
export const KEEP = 'keepWithSignOff';

/**
 * pdfmake tells pageBreakBefore only about nodes that drew a line of text, never a stack or a
 * table: a one-point blank line at the top of a block carries its mark.
 */
function marker(style: string): Block {
  return { text: ' ', fontSize: 1, lineHeight: 1, style };
}

export function signOff(blocks: Content[], margin: [number, number, number, number] = [0, 6, 0, 0]): Block {
  // The mark follows the block: inside an unbreakable block pdfmake numbers pages from the
  // block's own first page, so a mark there would always say page 1.
  return { stack: [{ stack: blocks, unbreakable: true }, marker(SIGN_OFF)], margin };
}

/** Marks the body's last block to stay with the sign-off, when it is short enough to move whole. */
export function keep(block: Block): Block {
  return textLength(block) < FITS_ON_A_PAGE ? { stack: [marker(KEEP), block] } : block;
}

/**
 * A grid whose last row stays with the sign-off that follows: the row is set as a table of its
 * own (same columns, drawn flush under the rest) so it can move to the next page alone.
 */
export function gridKeepingLastRow(body: TableCell[][], widths: (number | string)[] = [78, '*', 78, '*']): Block[] {
  if (body.length < 2) return [keep(grid(body, widths))];
  const head = grid(body.slice(0, -1), widths);
  return [{ ...head, margin: [0, 0, 0, 0] }, keep(grid(body.slice(-1), widths))];
}

/**
 * pdfmake's pageBreakBefore: a page must not hold only the 落款 / signatures (GB/T 9704; a
 * sign-off page can be detached and reused). When the sign-off would begin a page right after
 * the page the kept block ends on, the kept block starts that page instead.
 */
export function keepWithSignOff(node: PageNode, nodes: PageNodes): boolean {
  if (node.style !== KEEP) return false;
  const isSignOff = (n: PageNode) => n.style === SIGN_OFF;
  if (nodes.getFollowingNodesOnPage().some(isSignOff)) return false;
  const next = nodes.getNodesOnNextPage().find(isSignOff);
  const last = node.pageNumbers[node.pageNumbers.length - 1];
  return next !== undefined && last !== undefined && next.pageNumbers[0] === last + 1;
}

/** Styles the markers need to exist as (they only mark; they change nothing drawn). */
export const MARKER_STYLES = { [SIGN_OFF]: {}, [KEEP]: {} };

/** The seal mark at an issuer's name (（盖章）): where the office's seal goes on paper. */
export const SEAL = '（盖章）';

/** The office's 落款: its name with the seal mark, and the date under it, flush right. */
export function issuer(office: string, date: string): Content[] {
  return [
    { text: `${office}${SEAL}`, alignment: 'right', margin: [0, 24, 20, 4] },
    { text: date, alignment: 'right', margin: [0, 0, 20, 0] },
  ];
}

/**
 * Words that must not break across lines: names, posts, units. The text may break only after a
 * list separator (、，；) or before an opening bracket, never inside a word.
 */
export function unbroken(text: string): TextRun[] {
  return text
    .split(/(?<=[、，；;,])|(?=[（(])/u)
    .filter(Boolean)
    .map((t) => ({ text: t, noWrap: true }));
}

/** Rough width of a text in ems: CJK and full-width forms one em, the rest about half. */
function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! > 0x2e7f ? 1 : 0.55;
  return n;
}

/**
 * A name in a cell of a given (content) width: on one line, its size reduced when it would not fit
 * (a 12-character unit in a narrow ledger column), never broken.
 */
export function fitted(text: string, width: number, fontSize: number): TableCell {
  // A table's widths are of the cell's content: padding comes on top.
  const size = Math.min(fontSize, Math.floor((width / Math.max(1, ems(text))) * 10) / 10);
  return { text, noWrap: true, fontSize: size };
}

export function title(text: string): Block {
  return {
    text,
    font: FONT.heading,
    bold: true,
    fontSize: 22,
    alignment: 'center',
    characterSpacing: 2,
    margin: [0, 0, 0, 6],
  };
}

export function docNumberLine(stamp: Stamp, left = ''): Block {
  return {
    columns: [
      { text: left, width: '*', fontSize: 11 },
      { text: stamp.docNo, width: 'auto', fontSize: 11 },
    ],
    margin: [0, 0, 0, 8],
  };
}

export function section(text: string): Block {
  return { text, bold: true, fontSize: 13, margin: [0, 8, 0, 4] };
}

/**
 * Free text the staff typed, set inside a sentence of a template: the sentence supplies its own
 * punctuation, so the typed text's trailing stops and spaces go (no "调查。，经…批准").
 */
export function clause(text: string): string {
  return text.replace(/[\s。．.，,、；;：:！!？?]+$/u, '');
}

/** The addressee of a letter to the petitioner (称呼): "张三：" on a line of its own. */
export function salutation(name: string): Block {
  return { text: `${name}：`, margin: [0, 8, 0, 8], fontSize: 14 };
}

export function paragraph(text: string): Block {
  return { text, margin: [0, 0, 0, 6], lineHeight: 1.35, alignment: 'justify' };
}

/**
 * A signature line: the captured signature image when there is one, otherwise a blank line
 * for a wet signature, and a date line either way.
 */
export function signature(labelText: string, image: string | null | undefined, date?: string | null): Block {
  const mark: Content = image
    ? { image, fit: [120, 40] }
    : { canvas: [{ type: 'line', x1: 0, y1: 15, x2: 120, y2: 15, lineWidth: 0.6 }] };
  const when = date ?? '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';
  return {
    columns: [
      { text: `${labelText}：`, width: 'auto', margin: [0, image ? 14 : 0, 4, 0] },
      { stack: [mark], width: 130 },
      { text: when, width: '*', alignment: 'right', margin: [0, image ? 14 : 0, 0, 0] },
    ],
    margin: [0, 10, 0, 4],
    unbreakable: true,
  };
}

export function signatures(lines: Content[]): Block {
  return signOff(lines);
}

/** "第 X 页 共 Y 页" and the verification code, on every page. */
export function footer(stamp: Stamp, margins = PORTRAIT_MARGINS) {
  return (currentPage: number, pageCount: number): Content => ({
    columns: [
      { text: '', width: '*' },
      { text: `第 ${currentPage} 页 共 ${pageCount} 页`, width: 'auto', fontSize: 10 },
      { text: stamp.code ? `核验码 ${stamp.code}` : '', width: '*', alignment: 'right', fontSize: 8, color: '#555555' },
    ],
    margin: [margins[0], Math.min(mm(12), margins[3] - 24), margins[2], 0],
  });
}

/** The office's name and the QR code in the top margin of every page. */
export function header(stamp: Stamp, kindName: string, margins = PORTRAIT_MARGINS) {
  return (): Content => ({
    columns: [
      {
        stack: [
          { text: stamp.office, fontSize: 10, bold: true },
          { text: kindName, fontSize: 9, color: '#555555' },
        ],
        width: '*',
        margin: [0, mm(10), 0, 0],
      },
      // A draft has no code: nothing on it can be verified, so it carries no QR code either.
      stamp.code
        ? {
            stack: [
              { qr: stamp.qr, fit: 58, eccLevel: 'M', alignment: 'right' },
              { text: stamp.code, fontSize: 7, alignment: 'right', margin: [0, 1, 0, 0] },
            ],
            width: 90,
          }
        : { text: '', width: 90 },
    ],
    margin: [margins[0], mm(6), margins[2], 0],
  });
}

/** An A4 document with the house header, footer and styles; portrait unless asked. */
export function a4(
  kindName: string,
  stamp: Stamp,
  content: Content[],
  docTitle?: string,
  orientation: 'portrait' | 'landscape' = 'portrait',
): DocDefinition {
  const margins = orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS;
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: margins,
    header: header(stamp, kindName, margins),
    footer: footer(stamp, margins),
    content,
    defaultStyle: { font: FONT.body, fontSize: 12, lineHeight: 1.25 },
    styles: MARKER_STYLES,
    pageBreakBefore: keepWithSignOff,
    info: { title: docTitle ?? kindName, author: stamp.office, creator: '信访接待大厅', producer: '信访接待大厅' },
  };
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * The China day a printed date shows: a day as it is, an instant (the hall stores UTC) as its
 * Beijing day. Every date on paper goes through here, so 00:30 China time never prints as the
 * day before.
 */
function dayOf(text: string): string {
  return isInstant(text) ? chinaDay(text) : text.slice(0, 10);
}

/** UTC text as the hall stores it (…Z or with an offset); a day or a China wall time has no zone. */
const isInstant = (text: string) => /T\d{2}:\d{2}.*(Z|[+-]\d{2}:\d{2})$/.test(text);

/** 2026-11-23 (or an instant on that China day) → 2026年11月23日 */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = dayOf(iso).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 2026-11-23 (or an instant on that China day) → 2026.11.23, as archives write dates in tables. */
export function dotDate(iso: string | null | undefined): string {
  return iso ? dayOf(iso).replace(/-/g, '.') : '';
}

/** 2026-11-23 → 星期一 */
export function cnWeekday(iso: string): string {
  return `星期${WEEKDAYS[weekdayOf(dayOf(iso))]}`;
}

/** An ISO instant in China time (UTC+8, no daylight saving): 2026年11月23日 09:05 */
export function cnDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = isInstant(iso) ? chinaMinute(iso) : iso.replace('T', ' ');
  return `${cnDate(t)} ${t.slice(11, 16)}`;
}
