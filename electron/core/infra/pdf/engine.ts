import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Block, Content, DocDefinition, TextRun } from '../../../../shared/documents/types';
import { FONT } from '../../../../shared/documents/types';
import type { FontFace, FontFamily, FontPlan } from './fonts';

/**
 * The one long-lived PDF renderer. Three things make it fast and correct:
 * 1. Font files are read once into memory and parsed once: pdfkit would otherwise read and
 *    parse a 17 MB CJK font for every document (the naive path takes over 200 ms a slip).
 * 2. Every text run is checked against its font's character map; characters the font lacks
 *    (𠮷, 䶮 … in 仿宋) are drawn from the bundled fallback font, so no name prints as boxes.
 * 3. No network and no file access from documents: images come as data URLs.
 */

interface GlyphFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

type FontkitCreate = (buffer: Buffer | Uint8Array, postscriptName?: string) => GlyphFont;

interface PdfmakeLike {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
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
      if (!font) faces.set(key, (font = original(buffer, postscriptName)));
      return font;
    };
    fontkitCreate = create;
    const entry = requireHere.cache[fontkitPath];
    if (!entry) throw new Error('fontkit did not load');
    entry.exports = { ...Object.fromEntries(Object.keys(fontkit).map((k) => [k, fontkit[k]])), create };
  }
  return requireHere('pdfmake') as PdfmakeLike;
}

export interface RenderResult {
  buffer: Buffer;
  pages: number;
  /** Characters no font could draw (would print as boxes); empty in practice. */
  missing: string[];
}

interface LoadedFace {
  vfsName: string;
  postscriptName: string | undefined;
  glyphs: GlyphFont;
}

const FALLBACK = 'Fallback';

export class PdfEngine {
  private readonly pdfmake: PdfmakeLike;
  private readonly families = new Map<string, { normal: LoadedFace; bold: LoadedFace }>();
  private readonly loaded = new Map<string, Buffer>();

  constructor(readonly plan: FontPlan) {
    this.pdfmake = loadPdfmake();
    this.pdfmake.setUrlAccessPolicy(() => false);
    this.pdfmake.setLocalAccessPolicy(() => false);
    const add = (name: string, family: FontFamily) =>
      this.families.set(name, { normal: this.face(family.normal), bold: this.face(family.bold) });
    add(FONT.body, plan.body);
    add(FONT.heading, plan.heading);
    add(FONT.sans, plan.sans);
    add(FALLBACK, plan.fallback);
  }

  private face(face: FontFace): LoadedFace {
    const vfsName = `font-${face.file.replace(/[^\w.-]/g, '_')}`;
    let buffer = this.loaded.get(vfsName);
    if (!buffer) {
      buffer = fs.readFileSync(face.file);
      this.loaded.set(vfsName, buffer);
      this.pdfmake.virtualfs.writeFileSync(vfsName, buffer);
    }
    return { vfsName, postscriptName: face.postscriptName, glyphs: fontkitCreate!(buffer, face.postscriptName) };
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

  /** Splits a string into runs so each character is drawn by a font that has it. */
  private runs(text: string, family: string, bold: boolean, missing: Set<string>): string | TextRun[] {
    const fam = this.families.get(family) ?? this.families.get(FONT.body)!;
    const primary = (bold ? fam.bold : fam.normal).glyphs;
    const fallback = (bold ? this.families.get(FALLBACK)!.bold : this.families.get(FALLBACK)!.normal).glyphs;
    const out: TextRun[] = [];
    let current = '';
    let currentFallback = false;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const needs = cp > 0x20 && !primary.hasGlyphForCodePoint(cp);
      if (needs && !fallback.hasGlyphForCodePoint(cp)) missing.add(ch);
      if (needs !== currentFallback && current) {
        out.push(currentFallback ? { text: current, font: FALLBACK } : { text: current });
        current = '';
      }
      currentFallback = needs;
      current += ch;
    }
    if (current) out.push(currentFallback ? { text: current, font: FALLBACK } : { text: current });
    return out.length === 1 && !out[0]!.font ? text : out;
  }

  private fixText(
    text: Block['text'] | TextRun['text'],
    family: string,
    bold: boolean,
    missing: Set<string>,
  ): Block['text'] {
    if (typeof text === 'string') return this.runs(text, family, bold, missing) as Block['text'];
    if (!Array.isArray(text)) return text;
    return text.flatMap((part): (string | TextRun)[] => {
      if (typeof part === 'string') {
        const r = this.runs(part, family, bold, missing);
        return typeof r === 'string' ? [r] : r;
      }
      const f = part.font ?? family;
      const b = part.bold ?? bold;
      const fixed = this.fixText(part.text, f, b, missing);
      if (!Array.isArray(fixed)) return [{ ...part, text: fixed as TextRun['text'] }];
      // Flat runs that keep the part's own properties (noWrap, size), a fallback font where needed.
      return fixed.map((run): TextRun => (typeof run === 'string' ? { ...part, text: run } : { ...part, ...run }));
    });
  }

  /** Walks the document, carrying the inherited font and weight down to every text. */
  private fix(
    node: Content,
    family: string,
    bold: boolean,
    missing: Set<string>,
    styles: DocDefinition['styles'],
  ): Content {
    if (typeof node === 'string') return { text: this.runs(node, family, bold, missing) as Block['text'] };
    if (Array.isArray(node)) return node.map((n) => this.fix(n, family, bold, missing, styles));
    const style = typeof node.style === 'string' ? styles?.[node.style] : undefined;
    const f = node.font ?? style?.font ?? family;
    const b = node.bold ?? style?.bold ?? bold;
    const out: Block = { ...node };
    if (node.text !== undefined) out.text = this.fixText(node.text, f, b, missing);
    if (node.stack) out.stack = node.stack.map((n) => this.fix(n, f, b, missing, styles));
    if (node.columns) out.columns = node.columns.map((n) => this.fix(n, f, b, missing, styles));
    if (node.table)
      out.table = {
        ...node.table,
        body: node.table.body.map((row) => row.map((cell) => this.fix(cell, f, b, missing, styles) as Block)),
      };
    return out;
  }

  async render(doc: DocDefinition): Promise<RenderResult> {
    const missing = new Set<string>();
    const base = doc.defaultStyle.font;
    const fix = (c: Content | null) => (c === null ? null : this.fix(c, base, false, missing, doc.styles));
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
    return { buffer, pages, missing: [...missing] };
  }
}

let shared: PdfEngine | null = null;

/** The process-wide engine, created on first use (fonts are read then, once). */
export function pdfEngine(plan: () => FontPlan): PdfEngine {
  shared ??= new PdfEngine(plan());
  return shared;
}
