import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { PdfEngine } from '../../electron/core/infra/pdf/engine';
import { describeFonts, discoverFonts, fontFileProblem } from '../../electron/core/infra/pdf/fonts';
import { a4, type Stamp } from '../../shared/documents/layout';
import type { DocDefinition } from '../../shared/documents/types';
import { ADMIN, caller, createCase, must, rawCaller, registerVisit, testCore } from '../helpers/core';
import { pdfFonts, pdfMeta, pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

const HANA_A = '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf';
const UKAI = '/usr/share/fonts/truetype/arphic/ukai.ttc';
const RARE = '𪚥'; // U+2A6A5, CJK Ext B: in HanaMinA, in no Noto or Source Han font
const NAMES = ['𠮷', '䶮', '堃', '喆', '龘'];
const STAMP: Stamp = { office: '测试', docNo: '', code: 'TEST-0000', qr: 'HALL1:TEST-0000:x' };

/** Body text only (no header or footer), so the fonts in the PDF are the body's and its fallbacks'. */
/** The 草稿 watermark: drawn across the page, its two characters come out of pdftotext apart. */
const draftMark = (pdf: Buffer) => {
  const text = pdfText(pdf);
  return text.includes('草') && text.includes('稿');
};

const bodyDoc = (text: string): DocDefinition => ({
  ...a4('字形', STAMP, [{ text, fontSize: 14 }]),
  header: undefined,
  footer: undefined,
});

/** CI installs fonts-arphic-ukai and fonts-hanazono (.ci/run); these tests are about them. */
describe('the font plan on this Linux PC', () => {
  it('has the packages CI installs', () => {
    expect(fs.existsSync(HANA_A), 'apt-get install fonts-hanazono').toBe(true);
    expect(fs.existsSync(UKAI), 'apt-get install fonts-arphic-ukai').toBe(true);
  });

  it('sets body text in the free 楷 (no 仿宋 here), titles in 黑体, and chains serif → HanaMinA/B → bundled sans', () => {
    const plan = discoverFonts({ HOME: '/nonexistent' }, 'linux');
    expect(plan.source).toBe('kai');
    expect(plan.body.normal).toEqual({ file: UKAI, postscriptName: 'UKaiCN' });
    expect(plan.heading.normal.postscriptName).toBe('NotoSansCJKsc-Bold');
    expect(plan.chain.map((c) => c.label)).toEqual([
      'Noto Serif CJK SC',
      'HanaMinA',
      'HanaMinB',
      'Source Han Sans SC（随软件提供）',
    ]);
    const lines = describeFonts(plan);
    expect(lines[0]).toBe(`正文：${UKAI}（UKaiCN）`);
    expect(lines.some((l) => l.includes(HANA_A))).toBe(true);
  });

  it('HALL_FONTS=no-rare leaves the Ext B–G fonts out; HALL_FONTS=bundled keeps only the bundled font', () => {
    expect(discoverFonts({ HALL_FONTS: 'no-rare' }, 'linux').chain.map((c) => c.role)).toEqual(['serif', 'bundled']);
    const bundled = discoverFonts({ HALL_FONTS: 'bundled' }, 'linux');
    expect(bundled.source).toBe('bundled');
    expect(bundled.chain.map((c) => c.role)).toEqual(['bundled']);
  });

  it('puts a font the administrator added after the serif and before the system Ext B–G fonts; a vanished file is skipped', () => {
    const plan = discoverFonts({ HALL_FONTS: 'no-rare' }, 'linux', [HANA_A, '/gone/font.ttf']);
    expect(plan.chain.map((c) => [c.label, c.role])).toEqual([
      ['Noto Serif CJK SC', 'serif'],
      ['HanaMinA.ttf', 'added'],
      ['Source Han Sans SC（随软件提供）', 'bundled'],
    ]);
  });
});

describe('the font plan on a Windows PC', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('takes 仿宋 for the body, 方正小标宋 for titles if installed, else 黑体, and SimSun-ExtB for Ext B', () => {
    const fonts = path.join(tmp.dir, 'Fonts');
    fs.mkdirSync(fonts);
    // Names as Windows spells them, in any case: the lookup ignores case as Windows does.
    for (const f of ['SIMFANG.TTF', 'simhei.ttf', 'simsun.ttc', 'simsunb.ttf'])
      fs.writeFileSync(path.join(fonts, f), '');
    let plan = discoverFonts({ WINDIR: tmp.dir }, 'win32');
    expect(plan.source).toBe('fangsong');
    expect(plan.body.normal.file).toBe(path.join(fonts, 'SIMFANG.TTF'));
    expect(plan.body.bold.file).toBe(path.join(fonts, 'simhei.ttf'));
    expect(plan.heading.normal.file).toBe(path.join(fonts, 'simhei.ttf'));
    expect(plan.chain.map((c) => c.label)).toEqual(['SimSun 宋体', 'SimSun-ExtB', 'Source Han Sans SC（随软件提供）']);
    fs.writeFileSync(path.join(fonts, 'FZXBSJW.TTF'), '');
    plan = discoverFonts({ WINDIR: tmp.dir }, 'win32');
    expect(plan.heading.normal.file).toBe(path.join(fonts, 'FZXBSJW.TTF'));
  });
});

describe('a font file the administrator names', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('must be an absolute path to an existing TrueType/OpenType file', () => {
    expect(fontFileProblem(HANA_A)).toBeNull();
    expect(fontFileProblem(UKAI)).toBeNull();
    expect(fontFileProblem('fonts/x.ttf')).toBe('请填写字体文件的完整路径');
    expect(fontFileProblem('/no/such/font.ttf')).toMatch(/^找不到文件/);
    expect(fontFileProblem(tmp.dir)).toMatch(/^不是文件/);
    const text = path.join(tmp.dir, 'notes.ttf');
    fs.writeFileSync(text, '这不是字体');
    expect(fontFileProblem(text)).toMatch(/^不是 TrueType\/OpenType 字体/);
    // WOFF2 prints invisible text: refused although it is a font.
    const woff2 = path.join(tmp.dir, 'web.woff2');
    fs.writeFileSync(woff2, Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]));
    expect(fontFileProblem(woff2)).toMatch(/^不是 TrueType\/OpenType 字体/);
    const empty = path.join(tmp.dir, 'empty.ttf');
    fs.writeFileSync(empty, '');
    expect(fontFileProblem(empty)).toMatch(/^不是 TrueType\/OpenType 字体/);
  });
});

describe('per-character fallback', () => {
  const full = new PdfEngine(discoverFonts({}, 'linux'));
  const noRare = new PdfEngine(discoverFonts({ HALL_FONTS: 'no-rare' }, 'linux'));

  it('prints 𠮷 䶮 堃 喆 龘 in the body font or a serif fallback, never a sans', async () => {
    for (const ch of NAMES) {
      const r = await full.render(bodyDoc(`林${ch}`));
      expect(r.missing).toEqual([]);
      const names = pdfFonts(r.buffer).map((f) => f.name);
      expect(names.length, ch).toBeGreaterThan(0);
      for (const n of names) expect(n, `${ch} drawn by ${n}`).toMatch(/\+(UKaiCN|NotoSerifCJKsc-Regular)$/);
      expect(squash(pdfText(r.buffer))).toBe(`林${ch}`);
    }
  });

  it('does not take an empty glyph for a glyph: UKai maps 䶮 to nothing, so 䶮 comes from the serif', async () => {
    const r = await full.render(bodyDoc('刘䶮'));
    expect(r.fallbacks).toEqual(['Noto Serif CJK SC']);
    expect(pdfFonts(r.buffer).map((f) => f.name.split('+')[1])).toContain('NotoSerifCJKsc-Regular');
  });

  it('draws 𪚥 from HanaMinA, embedded, when fonts-hanazono is there, and reports it missing when not', async () => {
    const r = await full.render(bodyDoc(`李${RARE}`));
    expect(r.missing).toEqual([]);
    expect(r.fallbacks).toEqual(['HanaMinA']);
    const hana = pdfFonts(r.buffer).find((f) => f.name.endsWith('+HanaMinA'));
    expect(hana).toMatchObject({ embedded: true, subset: true });
    expect(full.missingGlyphs(`李${RARE}`)).toEqual([]);

    expect(noRare.missingGlyphs(`李${RARE}春`)).toEqual([RARE]);
    expect((await noRare.render(bodyDoc(`李${RARE}`))).missing).toEqual([RARE]);
    expect(noRare.missingIn(bodyDoc(`李${RARE}`))).toEqual([RARE]);
  });

  it('uses the first face of a collection the administrator added without a face name', async () => {
    const engine = new PdfEngine(discoverFonts({ HALL_FONTS: 'no-rare' }, 'linux', [UKAI]));
    const r = await engine.render(bodyDoc(`李${RARE}`));
    expect(r.missing).toEqual([RARE]);
    expect(engine.missingGlyphs('林堃')).toEqual([]);
  });
});

describe('printing a record with a character no font has', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let visitId: number;
  let caseId: number;
  const actor = { id: 1, name: ADMIN.displayName };
  const documents = () => value<number>(core.store.database, 'SELECT COUNT(*) FROM documents')!;

  beforeAll(async () => {
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    visitId = await registerVisit(admin, `李${RARE}`, '征地补偿款未发放');
    caseId = await createCase(admin, visitId, '征地补偿', null);
  });
  afterEach(() => {
    delete process.env.HALL_FONTS;
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('warns through documents.glyphCheck, and refuses a lone surrogate and an overlong text at the boundary', async () => {
    process.env.HALL_FONTS = 'no-rare';
    expect(await admin('documents.glyphCheck', { text: `李${RARE}` })).toEqual({ missing: [RARE] });
    expect(await admin('documents.glyphCheck', { text: '林堃喆' })).toEqual({ missing: [] });
    const raw = rawCaller(core, 'admin');
    for (const text of ['李\uD869', '\uDEA5李', 'x'.repeat(501)]) {
      const r = await raw('documents.glyphCheck', { text });
      expect(r.ok, JSON.stringify(text.slice(0, 3))).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    }
    delete process.env.HALL_FONTS;
    expect(await admin('documents.glyphCheck', { text: `李${RARE}` })).toEqual({ missing: [] });
  });

  it('refuses an official copy naming the character, numbers nothing, and prints a 草稿 with no number that is not PDF/A', async () => {
    process.env.HALL_FONTS = 'no-rare';
    const before = documents();
    const refused = await caller(core, 'admin')('documents.print', { kind: 'registration', recordId: visitId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('RULE_VIOLATION');
      expect(refused.error.message).toContain(`“${RARE}”无打印字体`);
      expect(refused.error.message).toContain('草稿');
    }
    await expect(core.documents.print('folder', caseId, actor)).rejects.toThrow(`“${RARE}”无打印字体`);
    expect(documents()).toBe(before);

    const draft = await admin('documents.print', { kind: 'registration', recordId: visitId, draft: true });
    expect(draft.docNo).toBe('');
    const entry = (await admin('audit.list', { limit: 50 })).entries.find((e) => e.action === 'document.print');
    expect(entry?.detail).toContain('"draft":true');
    expect(draft.missingGlyphs).toEqual([RARE]);
    const pdf = Buffer.from(draft.pdfBase64, 'base64');
    expect(draftMark(pdf)).toBe(true);

    const folder = await core.documents.print('folder', caseId, actor, { copy: 'masked', draft: true });
    expect(folder.missingGlyphs).toEqual([RARE]);
    expect(pdfMeta(folder.pdf)).not.toMatch(/pdfaid/);
    expect(folder.pdf.includes(Buffer.from('GTS_PDFA1'))).toBe(false);
    expect(draftMark(folder.pdf)).toBe(true);
  });

  it('prints the official, numbered copy with HanaMinA embedded once fonts-hanazono is there; the folder is PDF/A', async () => {
    const printed = await admin('documents.print', { kind: 'registration', recordId: visitId });
    expect(printed.docNo).not.toBe('');
    expect(printed.missingGlyphs).toEqual([]);
    const pdf = Buffer.from(printed.pdfBase64, 'base64');
    expect(pdfFonts(pdf).find((f) => f.name.endsWith('+HanaMinA'))).toMatchObject({ embedded: true, subset: true });
    expect(squash(pdfText(pdf))).toContain(`李${RARE}`);
    expect(draftMark(pdf)).toBe(false);

    const folder = await core.documents.print('folder', caseId, actor);
    expect(pdfMeta(folder.pdf)).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(pdfFonts(folder.pdf).some((f) => f.name.endsWith('+HanaMinA'))).toBe(true);
  });

  it('takes a font the administrator adds in settings into the chain, and refuses a path that is not a font', async () => {
    process.env.HALL_FONTS = 'no-rare';
    const raw = rawCaller(core, 'admin');
    const bad = await raw('settings.update', { printFonts: ['/no/such/font.ttf'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields).toEqual([{ path: 'printFonts.0', message: '找不到文件：/no/such/font.ttf' }]);
    expect((await admin('settings.get', {})).printFonts).toEqual([]);

    await admin('settings.update', { printFonts: [HANA_A] });
    expect(await admin('documents.glyphCheck', { text: `李${RARE}` })).toEqual({ missing: [] });
    const printed = await admin('documents.print', { kind: 'registration', recordId: visitId });
    expect(printed.missingGlyphs).toEqual([]);
    expect(pdfFonts(Buffer.from(printed.pdfBase64, 'base64')).some((f) => f.name.endsWith('+HanaMinA'))).toBe(true);
    await admin('settings.update', { printFonts: [] });
    expect(await admin('documents.glyphCheck', { text: `李${RARE}` })).toEqual({ missing: [RARE] });
  });
});
