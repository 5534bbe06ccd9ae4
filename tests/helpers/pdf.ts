import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** poppler's tools, run on a PDF buffer written to a temp file. */
export function withPdf<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Text in reading order (cell by cell); `layout` keeps the page's columns instead. */
export const pdfText = (pdf: Buffer, pages?: [number, number], layout = false): string =>
  withPdf(pdf, (f) =>
    execFileSync(
      'pdftotext',
      [...(pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : []), ...(layout ? ['-layout'] : []), f, '-'],
      { encoding: 'utf8' },
    ),
  );

/** Text with every kind of white space removed, so words split by layout still match. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

export interface FontRow {
  name: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Buffer): FontRow[] {
  const out = withPdf(pdf, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID: read from the right, names have no spaces.
      const n = cols.length;
      return { name: cols[0]!, embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
    });
}

export function pdfPages(pdf: Buffer): number {
  const info = withPdf(pdf, (f) => execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function pdfMeta(pdf: Buffer): string {
  return withPdf(pdf, (f) => execFileSync('pdfinfo', ['-meta', f], { encoding: 'utf8' }));
}

/** Renders every page with pdftoppm; returns the number of images it wrote. */
export function renderPages(pdf: Buffer, dpi = 40): number {
  return withPdf(pdf, (f) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), f, path.join(path.dirname(f), 'page')]);
    return fs.readdirSync(path.dirname(f)).filter((n) => n.startsWith('page') && n.endsWith('.png')).length;
  });
}

/** Page 1 as an 8-bit grey bitmap (PGM), for looking at what was drawn. */
export function greyPixels(pdf: Buffer, dpi = 72): { width: number; height: number; data: Buffer } {
  return withPdf(pdf, (f) => {
    const out = path.join(path.dirname(f), 'grey');
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', f, out]);
    const bytes = fs.readFileSync(`${out}.pgm`);
    // P5\n<w> <h>\n255\n<data>
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 50).toString('latin1'))!;
    return { width: Number(header[1]), height: Number(header[2]), data: bytes.subarray(header[0].length) };
  });
}
