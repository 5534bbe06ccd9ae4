import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Block, Content, DocDefinition, TextRun } from '../../../../shared/documents/types';
import { FONT } from '../../../../shared/documents/types';
import { flattenSubset } from './cff-subset';
import { planKey, type FontFace, type FontFamily, type FontPlan } from './fonts';

/**
 * The one long-lived PDF renderer. Three things make it fast and correct:
 * 1. Font files are read once into memory and parsed once: pdfkit would otherwise read and
 *    parse a 17 MB CJK font for every document (the naive path takes over 200 ms a slip).
 * 2. Every text run is checked against its font's character map; characters the font lacks
 *    (𠮷, 䶮 … in 仿宋) are drawn from the first font of the plan's fallback chain that has
 *    them (a serif first, then the Ext B–G fonts, the bundled sans last). What no font has is
 *    reported, never silently lost.
 * 3. No network and no file access from documents: images come as data URLs.
 */

interface TableEntry {
  offset: number;
  length: number;
}

interface GlyphFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { id: number; path: { commands: unknown[] } };
  directory?: { tables?: Record<string, TableEntry | undefined> };
  loca?: { offsets: number[] };
  stream?: { buffer: Uint8Array };
  /** fontkit's decoded tables by tag, filled on first use. */
  _tables?: Record<string, unknown>;
  /** Set on a collection (.ttc) opened without a face name. */
  fonts?: { postscriptName: string }[];
}

const SPACE = /^\s$/u;

/**
 * Whether a font really draws a code point. A TrueType font may map a character to an empty
 * glyph (AR PL UKai maps 䶮 to one), which prints as nothing at all: for those the glyph's record
 * is looked at too, without decoding its outline (a cold print looks at every character once):
 * no bytes or no contours is empty, contours draw, and a composite glyph is drawn out to see.
 * CFF fonts are taken at their character map.
 */
function draws(font: GlyphFont, cp: number): boolean {
  if (!font.hasGlyphForCodePoint(cp)) return false;
  const glyf = font.directory?.tables?.glyf;
  if (!glyf || SPACE.test(String.fromCodePoint(cp))) return true;
  const glyph = font.glyphForCodePoint(cp);
  const offsets = font.loca?.offsets;
  const bytes = font.stream?.buffer;
  const start = offsets?.[glyph.id];
  const end = offsets?.[glyph.id + 1];
  if (bytes && start !== undefined && end !== undefined) {
    if (end <= start) return false;
    const at = glyf.offset + start;
    const contours = (((bytes[at]! << 8) | bytes[at + 1]!) << 16) >> 16;
    if (contours >= 0) return contours > 0;
  }
  return glyph.path.commands.length > 0;
}

/**
 * pdfkit reads four numbers of a font's 'post' table (italic angle, underline, fixed pitch);
 * fontkit would decode all of it, with every glyph's name (AR PL UKai has 20,000), tens of
 * milliseconds of a cold print. The header is read here; the names are decoded if anything asks.
 */
function postHeader(font: GlyphFont): void {
  const entry = font.directory?.tables?.post;
  const bytes = font.stream?.buffer;
  const tables = font._tables;
  if (!entry || entry.length < 32 || !bytes || !tables || 'post' in tables) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32);
  const header: Record<string, unknown> = {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let full: Record<string, unknown> | undefined;
  for (const key of ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets'])
    Object.defineProperty(header, key, {
      get: () => {
        if (!full) {
          delete tables.post;
          full = (font as unknown as { post: Record<string, unknown> }).post;
        }
        return full[key];
      },
    });
  tables.post = header;
}

type FontkitCreate = (buffer: Buffer | Uint8Array, postscriptName?: string) => GlyphFont;

/** What pdfmake reads font files through (its `virtualfs`): existsSync and readFileSync. */
interface FontFiles {
  existsSync(name: string): boolean;
  readFileSync(name: string): Buffer;
  writeFileSync(name: string, data: unknown): void;
}

interface PdfmakeLike {
  virtualfs: FontFiles;
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

const requireHere = createRequire(__filename);

let parsedFonts: WeakMap<object, Map<string, GlyphFont>> | null = null;
let fontkitCreate: FontkitCreate | null = null;

/**
 * Replaces pdfkit's view of fontkit with one that parses each (buffer, face) once. Must run
 * before pdfkit is first required; fontkit's own exports are read-only getters, hence the
 * module-cache swap rather than an assignment.
 */
function loadPdfmake(): PdfmakeLike {
  const fromPdfkit = createRequire(requireHere.resolve('pdfkit'));
  const fontkitPath = fromPdfkit.resolve('fontkit');
  const fontkit = fromPdfkit('fontkit') as Record<string, unknown> & { create: FontkitCreate };
  if (!parsedFonts) {
    parsedFonts = new WeakMap();
    const cache = parsedFonts;
    const original = fontkit.create;
    const create: FontkitCreate = (buffer, postscriptName) => {
      let faces = cache.get(buffer);
      if (!faces) cache.set(buffer, (faces = new Map()));
      const key = postscriptName ?? '';
      let font = faces.get(key);
      if (!font) {
        font = original(buffer, postscriptName);
        // Subsets of CFF fonts with their subroutines inlined (see cff-subset.ts).
        const parsed = font as GlyphFont & { createSubset?: () => unknown };
        const createSubset = parsed.createSubset;
        if (createSubset) parsed.createSubset = () => flattenSubset(createSubset.call(parsed));
        postHeader(font);
        faces.set(key, font);
      }
      return font;
    };
    fontkitCreate = create;
    const entry = requireHere.cache[fontkitPath];
    if (!entry) throw new Error('fontkit did not load');
    entry.exports = { ...Object.fromEntries(Object.keys(fontkit).map((k) => [k, fontkit[k]])), create };
  }
  const pdfmake = requireHere('pdfmake') as PdfmakeLike;
  pdfmake.virtualfs = fontFiles;
  return pdfmake;
}

export interface RenderResult {
  buffer: Buffer;
  pages: number;
  /** Characters no font could draw (they print as boxes): a copy with any is only a draft. */
  missing: string[];
  /** The fallback fonts (ChainFont labels) that drew some character of this document. */
  fallbacks: string[];
}

/** Font files by path, read once per process and shared by every engine (a new plan reuses them). */
const buffers = new Map<string, Buffer>();

function fontBuffer(file: string): Buffer {
  let buffer = buffers.get(file);
  if (!buffer) {
    buffer = fs.readFileSync(file);
    buffers.set(file, buffer);
  }
  return buffer;
}

/**
 * pdfmake's file system, holding nothing but font files named by the engine, each read when
 * first opened: a plan names four or more CJK files of 17–27 MB, and a slip that never sets a
 * face (the sans, a bold serif fallback) never reads it. pdfmake's own store would need every
 * file read up front.
 */
const fontFiles = {
  files: new Map<string, string>(),
  existsSync(name: string): boolean {
    return this.files.has(name);
  },
  readFileSync(name: string): Buffer {
    const file = this.files.get(name);
    if (!file) throw new Error(`not a font of the print plan: ${name}`);
    return fontBuffer(file);
  },
  writeFileSync(): void {
    throw new Error('documents bring no files: images come as data URLs');
  },
} satisfies FontFiles & { files: Map<string, string> };

/** One face of the plan; its file is read and parsed when a character of a document first needs it. */
class LoadedFace {
  readonly vfsName: string;
  private parsed: { postscriptName: string | undefined; glyphs: GlyphFont } | null = null;

  constructor(private readonly face: FontFace) {
    this.vfsName = `font-${face.file.replace(/[^\w.-]/g, '_')}`;
    fontFiles.files.set(this.vfsName, face.file);
  }

  private load(): { postscriptName: string | undefined; glyphs: GlyphFont } {
    if (!this.parsed) {
      const buffer = fontBuffer(this.face.file);
      let postscriptName = this.face.postscriptName;
      let glyphs = fontkitCreate!(buffer, postscriptName);
      // A collection named without a face (a .ttc added in 设置): its first face.
      if (!postscriptName && glyphs.fonts?.[0]) {
        postscriptName = glyphs.fonts[0].postscriptName;
        glyphs = fontkitCreate!(buffer, postscriptName);
      }
      this.parsed = { postscriptName, glyphs };
    }
    return this.parsed;
  }

  get glyphs(): GlyphFont {
    return this.load().glyphs;
  }

  get postscriptName(): string | undefined {
    return this.face.postscriptName ?? this.load().postscriptName;
  }
}

interface LoadedFamily {
  normal: LoadedFace;
  bold: LoadedFace;
}

const chainName = (i: number) => `Chain${i}`;

/** What one render collects while the text is split into runs. */
interface Collect {
  missing: Set<string>;
  used: Set<number>;
}

export class PdfEngine {
  private readonly pdfmake: PdfmakeLike;
  private readonly families = new Map<string, LoadedFamily>();
  /** The chain's fonts, loaded when a character first needs one (HanaMinB alone is 30 MB). */
  private readonly chain: (LoadedFamily | null)[];
  /** Per primary face and code point: the chain index that draws it, -1 for the face itself, null for none. */
  private readonly choice = new Map<GlyphFont, Map<number, number | null>>();

  constructor(readonly plan: FontPlan) {
    this.pdfmake = loadPdfmake();
    this.pdfmake.setUrlAccessPolicy(() => false);
    this.pdfmake.setLocalAccessPolicy(() => false);
    this.families.set(FONT.body, this.family(plan.body));
    this.families.set(FONT.heading, this.family(plan.heading));
    this.families.set(FONT.sans, this.family(plan.sans));
    this.chain = plan.chain.map(() => null);
  }

  private family(family: FontFamily): LoadedFamily {
    return { normal: new LoadedFace(family.normal), bold: new LoadedFace(family.bold) };
  }

  private chainFont(i: number): LoadedFamily {
    let loaded = this.chain[i];
    if (!loaded) {
      loaded = this.family(this.plan.chain[i]!);
      this.chain[i] = loaded;
      this.families.set(chainName(i), loaded);
    }
    return loaded;
  }

  /** Which font draws a code point: -1 the primary face, i the chain's i-th font, null none. */
  private pick(primary: GlyphFont, cp: number, bold: boolean): number | null {
    let memo = this.choice.get(primary);
    if (!memo) this.choice.set(primary, (memo = new Map()));
    const known = memo.get(cp);
    if (known !== undefined) return known;
    let found: number | null = null;
    if (draws(primary, cp)) found = -1;
    else
      for (let i = 0; i < this.plan.chain.length; i++) {
        const fam = this.chainFont(i);
        if (draws((bold ? fam.bold : fam.normal).glyphs, cp)) {
          found = i;
          break;
        }
      }
    memo.set(cp, found);
    return found;
  }

  /**
   * The characters of `text` that no font of the plan draws in body text: what a name or an
   * address typed at registration would lose on paper.
   */
  missingGlyphs(text: string): string[] {
    const primary = this.families.get(FONT.body)!.normal.glyphs;
    const missing = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x20 && this.pick(primary, cp, false) === null) missing.add(ch);
    }
    return [...missing];
  }

  /** pdfmake rewrites the font table it is given, so each document gets a fresh copy. */
  private fontTable(): Record<string, Record<string, string | [string, string]>> {
    const ref = (f: LoadedFace): string | [string, string] =>
      f.postscriptName ? [f.vfsName, f.postscriptName] : f.vfsName;
    const table: Record<string, Record<string, string | [string, string]>> = {};
    for (const [name, fam] of this.families)
      table[name] = {
        normal: ref(fam.normal),
        bold: ref(fam.bold),
        italics: ref(fam.normal),
        bolditalics: ref(fam.bold),
      };
    return table;
  }

  /**
   * Splits a string into runs so each character is drawn by the first font that has it: the
   * run's own, else the first of the chain. A character none has stays in the run's font (a
   * box on paper) and is reported.
   */
  private runs(text: string, family: string, bold: boolean, collect: Collect): string | TextRun[] {
    const fam = this.families.get(family) ?? this.families.get(FONT.body)!;
    const primary = (bold ? fam.bold : fam.normal).glyphs;
    const out: TextRun[] = [];
    let current = '';
    let currentFont = -1;
    const flush = () => {
      if (current) out.push(currentFont < 0 ? { text: current } : { text: current, font: chainName(currentFont) });
      current = '';
    };
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let font = -1;
      if (cp > 0x20) {
        const picked = this.pick(primary, cp, bold);
        if (picked === null) collect.missing.add(ch);
        else font = picked;
      }
      if (font >= 0) collect.used.add(font);
      if (font !== currentFont) flush();
      currentFont = font;
      current += ch;
    }
    flush();
    return out.length === 1 && !out[0]!.font ? text : out;
  }

  private fixText(
    text: Block['text'] | TextRun['text'],
    family: string,
    bold: boolean,
    collect: Collect,
  ): Block['text'] {
    if (typeof text === 'string') return this.runs(text, family, bold, collect) as Block['text'];
    if (!Array.isArray(text)) return text;
    return text.flatMap((part): (string | TextRun)[] => {
      if (typeof part === 'string') {
        const r = this.runs(part, family, bold, collect);
        return typeof r === 'string' ? [r] : r;
      }
      const f = part.font ?? family;
      const b = part.bold ?? bold;
      const fixed = this.fixText(part.text, f, b, collect);
      // An empty run stays whole: it may carry a page reference (the folder's contents).
      if (!Array.isArray(fixed) || fixed.length === 0) return [{ ...part, text: fixed as TextRun['text'] }];
      // Flat runs that keep the part's own properties (noWrap, size), a fallback font where needed.
      return fixed.map((run): TextRun => (typeof run === 'string' ? { ...part, text: run } : { ...part, ...run }));
    });
  }

  /** Walks the document, carrying the inherited font and weight down to every text. */
  private fix(
    node: Content,
    family: string,
    bold: boolean,
    collect: Collect,
    styles: DocDefinition['styles'],
  ): Content {
    if (typeof node === 'string') return { text: this.runs(node, family, bold, collect) as Block['text'] };
    if (Array.isArray(node)) return node.map((n) => this.fix(n, family, bold, collect, styles));
    const style = typeof node.style === 'string' ? styles?.[node.style] : undefined;
    const f = node.font ?? style?.font ?? family;
    const b = node.bold ?? style?.bold ?? bold;
    const out: Block = { ...node };
    if (node.text !== undefined) out.text = this.fixText(node.text, f, b, collect);
    if (node.stack) out.stack = node.stack.map((n) => this.fix(n, f, b, collect, styles));
    if (node.columns) out.columns = node.columns.map((n) => this.fix(n, f, b, collect, styles));
    if (node.table)
      out.table = {
        ...node.table,
        body: node.table.body.map((row) => row.map((cell) => this.fix(cell, f, b, collect, styles) as Block)),
      };
    return out;
  }

  /**
   * The characters of a document no font draws, without rendering it: the check before a copy
   * is numbered. Header and footer are looked at as on a first page.
   */
  missingIn(doc: DocDefinition): string[] {
    const collect: Collect = { missing: new Set(), used: new Set() };
    const base = doc.defaultStyle.font;
    const walk = (c: Content | null) => c !== null && this.fix(c, base, false, collect, doc.styles);
    doc.content.forEach(walk);
    if (doc.header) walk(doc.header(1, 1));
    if (doc.footer) walk(doc.footer(1, 1));
    return [...collect.missing];
  }

  async render(doc: DocDefinition): Promise<RenderResult> {
    const collect: Collect = { missing: new Set(), used: new Set() };
    const base = doc.defaultStyle.font;
    const fix = (c: Content | null) => (c === null ? null : this.fix(c, base, false, collect, doc.styles));
    let pages = 0;
    const prepared = {
      ...doc,
      content: doc.content.map((c) => fix(c)),
      header: doc.header ? (page: number, count: number) => fix(doc.header!(page, count)) : undefined,
      footer: (page: number, count: number) => {
        pages = Math.max(pages, count);
        return doc.footer ? fix(doc.footer(page, count)) : null;
      },
    };
    this.pdfmake.setFonts(this.fontTable());
    const buffer = await this.pdfmake.createPdf(prepared).getBuffer();
    return {
      buffer,
      pages,
      missing: [...collect.missing],
      fallbacks: [...collect.used].sort((a, b) => a - b).map((i) => this.plan.chain[i]!.label),
    };
  }
}

let shared: { key: string; engine: PdfEngine } | null = null;

/**
 * The process-wide engine, created on first use and again only when the plan changes (a font
 * added in 设置); font files are read once per process either way.
 */
export function pdfEngine(plan: () => FontPlan): PdfEngine {
  const wanted = plan();
  const key = planKey(wanted);
  if (shared?.key !== key) shared = { key, engine: new PdfEngine(wanted) };
  return shared.engine;
}
