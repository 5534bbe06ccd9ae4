import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { DOCUMENT_KINDS, KINDS, layoutOf } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import { pdfFonts, pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/** Issue 17: a one-page slip is under 60 KiB (its CJK font subsets hold its glyphs, not the whole font's subroutines). */
const SLIP_LIMIT = 60 * 1024;

const engine = new PdfEngine(discoverFonts({ HOME: '/nonexistent' }, 'linux'));
const render = (kind: (typeof DOCUMENT_KINDS)[number]) =>
  engine.render(layoutOf(kind, sampleData(kind), sampleStamp(kind)));

describe('slip size and text', () => {
  it('keeps every one-page slip under 60 KiB, with its fonts embedded as subsets', async () => {
    let slips = 0;
    for (const kind of DOCUMENT_KINDS) {
      const { buffer, pages } = await render(kind);
      if (pages !== 1) continue;
      slips++;
      expect(buffer.length, `${kind}: ${(buffer.length / 1024).toFixed(1)} KiB`).toBeLessThan(SLIP_LIMIT);
      for (const font of pdfFonts(buffer)) expect(font, kind).toMatchObject({ embedded: true, subset: true });
    }
    // The ticket, 受理告知书, 交办单, 督办单, 办结单 … are one page each: the loop really checked slips.
    expect(slips).toBeGreaterThanOrEqual(15);
  }, 300_000); // every kind, the folder and the ledger included, on a loaded machine

  it('prints text pdftotext reads back as written: titles in 黑体 (CFF), body in 楷, 𠮷 and 䶮 from the fallbacks', async () => {
    const acceptance = squash(pdfText((await render('acceptance')).buffer));
    expect(acceptance).toContain(squash(KINDS.acceptance.label));
    expect(acceptance).toContain('𠮷春燕');
    expect(acceptance).toContain('房屋征收补偿问题');
    expect(acceptance).not.toContain('\uFFFD');
    const registration = squash(pdfText((await render('registration')).buffer));
    expect(registration).toContain(squash(KINDS.registration.label));
    expect(registration).toContain('刘䶮');
    const ticket = squash(pdfText((await render('ticket')).buffer));
    expect(ticket).toContain(squash(KINDS.ticket.label).slice(0, 2));
  });
});

describe('CFF subsets with inlined subroutines', () => {
  const { dir, cleanup } = tempDir('hall-cff-');
  afterAll(cleanup);
  const BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
  const SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
  // Common and rare strokes, Latin, digits and punctuation: glyphs that call many subroutines.
  const TEXT = '信访事项受理告知书交办督办办结鬱龘齉爨靐 ABCxyz 0123456789（）《》、。：；“”〔〕№';

  /** One page of TEXT in a face, by pdfkit alone: the same steps in this process and in a fresh one. */
  const PAGE = `(P, fs, out, file, face, text) => new Promise((done) => {
    const d = new P({ size: 'A5', compress: false, info: { CreationDate: new Date(0) } });
    const s = fs.createWriteStream(out); s.on('finish', done); d.pipe(s);
    d.font(fs.readFileSync(file), face).fontSize(28).text(text); d.end(); })`;

  it.each([
    [BOLD, 'NotoSansCJKsc-Bold'],
    [SERIF, 'NotoSerifCJKsc-Regular'],
  ])('draws %s pixel for pixel as fontkit’s own subset does, in far fewer bytes', async (file, face) => {
    expect(fs.existsSync(file), 'apt-get install fonts-noto-cjk').toBe(true);
    // fontkit's own subsetting: pdfkit in a fresh process where the engine never ran.
    const plain = path.join(dir, 'plain.pdf');
    execFileSync(
      process.execPath,
      ['-e', `(${PAGE})(require('pdfkit'), require('fs'), ...process.argv.slice(1))`, plain, file, face, TEXT],
      {
        cwd: path.resolve(__dirname, '../..'),
      },
    );
    // The engine's: pdfkit loaded after the engine, so its fontkit subsets inline the subroutines.
    const requireHere = createRequire(__filename);
    const page = new Function(`return ${PAGE}`)() as (...a: unknown[]) => Promise<void>;
    const own = path.join(dir, 'own.pdf');
    await page(requireHere('pdfkit'), fs, own, file, face, TEXT);
    const pixels = (f: string) => {
      execFileSync('pdftoppm', ['-r', '60', '-gray', '-singlefile', f, f]);
      return fs.readFileSync(`${f}.pgm`);
    };
    const a = pixels(plain);
    const b = pixels(own);
    expect(b.equals(a)).toBe(true);
    expect(
      b.subarray(20).some((v) => v < 128),
      'the glyphs were drawn',
    ).toBe(true);
    expect(squash(pdfText(fs.readFileSync(own)))).toBe(squash(TEXT));
    expect(fs.statSync(own).size * 4).toBeLessThan(fs.statSync(plain).size);
  });
});
