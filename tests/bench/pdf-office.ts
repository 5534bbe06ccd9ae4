// The office route the issue compares printing with: the same slip as an Office file, turned into
// a PDF by LibreOffice (`soffice --headless --convert-to pdf`). Only LibreOffice Calc may be
// installed (Debian's libreoffice-calc has no Writer, and Writer refuses .docx/.fodt/.html), so
// the slip goes in as .xlsx: the title, every paragraph and every grid row of the same
// definition, in the same body font, one sheet fitted to A4.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Content, DocDefinition, TextRun } from '../../shared/documents/types';

function plain(text: string | (string | TextRun)[] | TextRun['text'] | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text.map((t) => (typeof t === 'string' ? t : plain(t.text))).join('');
}

/** The slip's lines as sheet rows: a paragraph is one cell, a grid row one row of cells. */
function rows(node: Content | null, out: string[][]): void {
  if (node === null) return;
  if (typeof node === 'string') {
    out.push([node]);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((n) => rows(n, out));
    return;
  }
  if (node.text !== undefined) out.push([plain(node.text)]);
  node.stack?.forEach((n) => rows(n, out));
  if (node.columns) {
    const cells: string[][] = [];
    for (const c of node.columns) {
      const inner: string[][] = [];
      rows(c, inner);
      cells.push(inner.map((r) => r.join(' ')));
    }
    const height = Math.max(0, ...cells.map((c) => c.length));
    for (let i = 0; i < height; i++) out.push(cells.map((c) => c[i] ?? ''));
  }
  for (const row of node.table?.body ?? [])
    out.push(
      row.map((cell) => {
        const inner: string[][] = [];
        rows(cell, inner);
        return inner.map((r) => r.join(' ')).join('\n');
      }),
    );
}

export async function slipXlsx(def: DocDefinition, font: string, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('slip', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lines: string[][] = [];
  if (def.header) rows(def.header(1, 1), lines);
  def.content.forEach((c) => rows(c, lines));
  if (def.footer) rows(def.footer(1, 1), lines);
  const width = Math.max(1, ...lines.map((l) => l.length));
  ws.columns = Array.from({ length: width }, () => ({ width: 90 / width }));
  for (const line of lines) {
    const row = ws.addRow(line);
    row.font = { name: font, size: 12 };
    row.alignment = { wrapText: true, vertical: 'top' };
    if (line.length === 1 && width > 1) ws.mergeCells(row.number, 1, row.number, width);
  }
  await wb.xlsx.writeFile(file);
}

/** Whether `soffice` is on the PATH. */
export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts each file in its own soffice run (what a clerk's "export as PDF" pays), then all of
 * them in one run (LibreOffice's best case), with a private profile so a running LibreOffice or
 * another bench does not interfere. Returns milliseconds per document for both.
 */
export function sofficeTimes(files: string[]): { single: number[]; batchPerDoc: number } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-soffice-'));
  const profile = `-env:UserInstallation=file://${path.join(work, 'profile')}`;
  const convert = (inputs: string[]) => {
    const t = performance.now();
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', work, ...inputs], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    for (const f of inputs)
      if (!fs.existsSync(path.join(work, `${path.basename(f, '.xlsx')}.pdf`)))
        throw new Error(`soffice made no PDF of ${f}`);
    return performance.now() - t;
  };
  try {
    convert(files.slice(0, 1)); // the first run creates the profile: not counted
    const single = files.map((f) => convert([f]));
    const batchPerDoc = convert(files) / files.length;
    return { single, batchPerDoc };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
