/**
 * The subset of pdfmake's document definition the slips use, typed here so that shared/
 * stays free of the PDF library. The engine in electron/core/pdf renders it.
 */
export type Margin = number | [number, number] | [number, number, number, number];
export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface TextRun {
  text: string | TextRun[];
  noWrap?: boolean;
  bold?: boolean;
  fontSize?: number;
  font?: string;
  color?: string;
  decoration?: 'underline';
  /** The page number of the block with this id (the folder's contents and 备考表). */
  pageReference?: string;
}

export interface TableCell extends Block {
  colSpan?: number;
  rowSpan?: number;
  fillColor?: string;
  border?: [boolean, boolean, boolean, boolean];
}

export interface Block {
  text?: string | (string | TextRun)[];
  stack?: Content[];
  columns?: Content[];
  table?: {
    widths: (number | string)[];
    body: (TableCell | string)[][];
    headerRows?: number;
    dontBreakRows?: boolean;
    keepWithHeaderRows?: number;
  };
  layout?: string | TableLayout;
  qr?: string;
  fit?: number | [number, number];
  image?: string;
  width?: number | string;
  height?: number;
  canvas?: CanvasLine[];
  pageReference?: string;
  id?: string;
  style?: string | string[];
  bold?: boolean;
  fontSize?: number;
  font?: string;
  color?: string;
  alignment?: Alignment;
  margin?: Margin;
  lineHeight?: number;
  characterSpacing?: number;
  pageBreak?: 'before' | 'after';
  unbreakable?: boolean;
  headlineLevel?: number;
  preserveLeadingSpaces?: boolean;
  noWrap?: boolean;
  eccLevel?: 'L' | 'M' | 'Q' | 'H';
  columnGap?: number;
  /** Placed on the current page without moving the flow (the folder's end-of-part marks). */
  absolutePosition?: { x: number; y: number };
}

export interface CanvasLine {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  lineColor?: string;
}

export interface TableLayout {
  hLineWidth?: (i: number, node: { table: { body: unknown[] } }) => number;
  vLineWidth?: (i: number, node: { table: { widths?: unknown[] } }) => number;
  hLineColor?: (i: number) => string;
  vLineColor?: (i: number) => string;
  paddingLeft?: (i: number) => number;
  paddingRight?: (i: number) => number;
  paddingTop?: (i: number) => number;
  paddingBottom?: (i: number) => number;
  fillColor?: (rowIndex: number) => string | null;
}

export type Content = string | Block | Content[];

export interface PageSize {
  width: number;
  height: number | 'auto';
}

export interface DocDefinition {
  pageSize: 'A4' | PageSize;
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  content: Content[];
  header?: (currentPage: number, pageCount: number) => Content | null;
  footer?: (currentPage: number, pageCount: number) => Content | null;
  defaultStyle: { font: string; fontSize: number; lineHeight?: number };
  styles?: Record<string, Omit<Block, 'text' | 'stack' | 'table' | 'columns'>>;
  images?: Record<string, string>;
  info?: { title?: string; author?: string; subject?: string; creator?: string; producer?: string };
  /** Decides, after a first layout, whether a node should start a new page (pdfmake's pageBreakBefore). */
  pageBreakBefore?: (node: PageNode, nodes: PageNodes) => boolean;
  /** Drawn across every page; a draft says 草稿 (shared/documents/draft.ts). */
  watermark?: { text: string; font?: string; color?: string; opacity?: number; bold?: boolean; fontSize?: number };
  /** PDF/A-2b for the archive folder. */
  version?: '1.7';
  subset?: 'PDF/A-2b';
  language?: string;
}

/** What pdfmake tells a pageBreakBefore callback about one laid-out node. */
export interface PageNode {
  style?: string | string[];
  pageNumbers: number[];
}

export interface PageNodes {
  getFollowingNodesOnPage(): PageNode[];
  getNodesOnNextPage(): PageNode[];
}

/** Font families every layout may name; the engine maps them to real fonts at run time. */
export const FONT = {
  body: 'Body',
  heading: 'Heading',
  sans: 'Sans',
} as const;
