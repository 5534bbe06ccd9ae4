import { chinaDay, chinaMinute, weekdayOf } from '../domain/calendar';
import { FONT, type Block, type Content, type DocDefinition, type TableCell, type TableLayout } from './types';

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

/** A grid of labelled cells; rows may break across pages so long text is never clipped. */
export function grid(body: TableCell[][], widths: (number | string)[] = [78, '*', 78, '*']): Block {
  return { table: { widths, body, dontBreakRows: false }, layout: GRID, margin: [0, 0, 0, 10] };
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

export function signatures(lines: Block[]): Block {
  return { stack: lines, unbreakable: true, margin: [0, 6, 0, 0] };
}

/** "第 X 页 共 Y 页" and the verification code, on every page. */
export function footer(stamp: Stamp, margins = PORTRAIT_MARGINS) {
  return (currentPage: number, pageCount: number): Content => ({
    columns: [
      { text: '', width: '*' },
      { text: `第 ${currentPage} 页 共 ${pageCount} 页`, width: 'auto', fontSize: 10 },
      { text: `核验码 ${stamp.code}`, width: '*', alignment: 'right', fontSize: 8, color: '#555555' },
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
      {
        stack: [
          { qr: stamp.qr, fit: 58, eccLevel: 'M', alignment: 'right' },
          { text: stamp.code, fontSize: 7, alignment: 'right', margin: [0, 1, 0, 0] },
        ],
        width: 90,
      },
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
