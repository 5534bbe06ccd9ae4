import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { loadRecord } from '../../electron/core/documents/loaders';
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { DOCUMENT_KINDS, KINDS, type DocumentKind } from '../../shared/documents/kinds';
import { a4, type Stamp } from '../../shared/documents/layout';
import type { DocDefinition } from '../../shared/documents/types';
import { ADMIN, decideDemoVisits, must, testCore } from '../helpers/core';
import { greyPixels, pdfFonts, pdfMeta, pdfPages, pdfText, renderPages, squash, withPdf } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';
import { quarterRecord } from '../../shared/documents/quarterly';
import { hall, passwordFile } from '../helpers/cli';

const TODAY = new Date('2026-11-23T02:00:00Z');

/** Labels every copy of a kind must show. */
const LABELS: Record<DocumentKind, string[]> = {
  registration: [
    '信访事项登记单',
    '信访人',
    '身份证号',
    '联系电话',
    '问题属地',
    '诉求',
    '法定途径甄别',
    '信访人签名',
    '第1页共',
  ],
  interview: ['接谈记录', '接谈领导', '记录人', '谈话内容', '领导意见', '处理方式', '信访人签名'],
  assignment: ['信访事项交办单', '交办编号', '领导批示', '牵头单位', '办理期限', '签收回执'],
  supervision: ['信访事项督办单', '督办级别', '督办原因', '答复期限', '签收回执'],
  extension: ['信访事项延期办理告知书', '原办理期限', '延长后期限', '批准人', '信访人签收'],
  closure: ['信访事项办结单', '调查核实情况', '处理意见', '答复方式', '是否息诉罢访', '包案领导'],
  responsibility: ['包案领导责任书', '化解目标', '工作措施', '化解时限', '责任单位负责人'],
  appointment: ['约访通知书', '约访时间', '约访地点'],
  'transfer-notice': ['信访事项转送告知书', '登记编号', '转送（交办）', '信访人签收'],
  'final-notice': ['信访事项不再受理告知书', '三级终结', '第三十六条', '信访人签收'],
  notice: ['领导干部接访安排公示', '接访领导', '分管工作', '形式'],
  'notice-month': ['领导干部接访安排公示', '2026年11月', '接访领导', '分管工作'],
  ledger: ['信访事项台账', '案件编号', '受理日期', '包案领导', '责任单位', '状态'],
  'monthly-report': [
    '信访工作情况报告',
    '报送时限',
    '来访批次',
    '受理信访事项',
    '按问题类别',
    '领导接访下访情况',
    '要求：每位领导每月到大厅接访',
    '责任单位办理情况',
    '逐周情况',
    '填报人',
  ],
  'weekly-report': [
    '信访工作周报',
    '本周五',
    '来访批次',
    '受理信访事项',
    '按问题类别',
    '领导接访下访情况',
    '责任单位办理情况',
    '填报人',
  ],
  'daily-report': [
    '信访工作日报',
    '报送时限',
    '今日无信访事项，零报告',
    '来访批次',
    '按问题类别',
    '领导接访情况',
    '填报人',
  ],
  quarterly: ['包案信访事项办理情况季度报告', '未办结信访事项', '办理进展', '包案领导'],
  ticket: ['排队号', '接访领导', '接待室', '取号时间'],
  guidance: ['信访事项不予受理告知书', '信访工作条例', '信访人签收'],
  'day-summary': ['来访接待情况', '来访批次', '按接访领导', '按问题类别'],
  acceptance: ['信访事项受理告知书', '予以受理', '信访人签收'],
  answer: ['信访事项答复意见书', '调查核实情况', '处理意见及依据', '请求复查', '信访人签收'],
  'follow-up': ['信访事项回访记录', '回访方式', '回访人', '回访情况', '信访人满意度'],
  'review-request': ['申请登记表', '申请人', '不服的意见', '答复期限', '登记人'],
  'review-opinion': ['意见书', '意见如下', '信访人签收'],
  investigation: ['信访事项查办报告', '查办情况', '采取的措施', '稳控措施', '办理结果', '包案领导'],
  'ledger-extract': ['信访事项台账（摘录）', '案件编号', '办理经过', '环节', '受理'],
  folder: ['信访事项档案', '档号', '保管期限', '卷内目录', '序号', '题名', '页号', '信访事项登记单', '卷内备考表'],
};

/** Short string values of the record that must appear on paper. */
/** Values short enough not to wrap inside a table cell (wrapped cells interleave in extracted text). */
function valuesOf(data: unknown, max = 6): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (out.length >= max) return;
    if (typeof v === 'string') {
      if (v.length >= 2 && v.length <= 8 && !v.startsWith('data:') && !/^\d{4}-\d{2}/.test(v)) out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return out;
}

describe('printed documents from the demo data', () => {
  const tmp = tempDir();
  let core: Core;
  const ids: Record<DocumentKind, number> = {} as Record<DocumentKind, number>;

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => TODAY });
    await must(core, 'a')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, TODAY);
    const db = core.store.database;
    const first = (sql: string) => value<number>(db, sql)!;
    ids.registration = first(
      'SELECT id FROM visits WHERE head_count > 1 AND repeat_count > 0 OR id = 1 ORDER BY head_count DESC LIMIT 1',
    );
    ids.interview = first('SELECT id FROM interviews LIMIT 1');
    ids.assignment = first('SELECT a.id FROM assignments a JOIN receipts r ON r.assignment_id = a.id LIMIT 1');
    ids.supervision = first('SELECT id FROM supervisions LIMIT 1');
    ids.extension = first('SELECT id FROM extensions LIMIT 1');
    ids.closure = first('SELECT case_id AS id FROM closures LIMIT 1');
    ids.responsibility = first('SELECT id FROM responsibilities LIMIT 1');
    ids.appointment = first('SELECT id FROM appointments LIMIT 1');
    ids.notice = first("SELECT id FROM duty_slots WHERE date = '2026-11-23'");
    ids.ledger = 2026;
    ids['notice-month'] = 202611;
    ids['monthly-report'] = 202611;
    ids['weekly-report'] = 20261116;
    // National Day, before the demo's first visit: every figure is zero, so it is a zero report.
    ids['daily-report'] = 20261001;
    ids.quarterly = quarterRecord(
      first(
        "SELECT owning_leader_id AS id FROM cases WHERE status IN ('assigned', 'received', 'extended') GROUP BY owning_leader_id ORDER BY count(*) DESC LIMIT 1",
      ),
      2026,
      4,
    );
    ids.ticket = first('SELECT id FROM tickets LIMIT 1');
    ids.guidance = first("SELECT id FROM visits WHERE legal_channel <> 'none' LIMIT 1");
    ids['day-summary'] = Number(
      value<string>(db, "SELECT replace(date, '-', '') AS d FROM visits GROUP BY date ORDER BY count(*) DESC LIMIT 1"),
    );
    ids.acceptance = first('SELECT id FROM cases LIMIT 1');
    ids.answer = first('SELECT id FROM closures LIMIT 1');
    ids['follow-up'] = first('SELECT id FROM follow_ups LIMIT 1');
    ids['review-request'] = first("SELECT id FROM reviews WHERE kind = 'rereview' LIMIT 1");
    ids['review-opinion'] = first('SELECT id FROM reviews WHERE decided_on IS NOT NULL LIMIT 1');
    ids.investigation = first('SELECT id FROM investigation_reports LIMIT 1');
    ids['ledger-extract'] = first("SELECT case_id AS id FROM reviews WHERE kind = 'rereview' LIMIT 1");
    const decided = await decideDemoVisits(must(core, 'a'), db);
    ids['transfer-notice'] = decided.transfer;
    ids['final-notice'] = decided.final;
    ids.folder = first(
      'SELECT c.id FROM cases c JOIN closures cl ON cl.case_id = c.id JOIN responsibilities r ON r.case_id = c.id JOIN supervisions s ON s.case_id = c.id LIMIT 1',
    );
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  for (const kind of DOCUMENT_KINDS) {
    it(`${kind}: labels and values in the text, only embedded subset fonts, every page renders`, async () => {
      const printed = await core.documents.print(kind, ids[kind], { id: 1, name: '王管理' });
      const text = squash(pdfText(printed.pdf));
      for (const l of LABELS[kind]) expect(text, `label ${l}`).toContain(squash(l));
      if (kind !== 'folder') {
        const data = loadRecord(core.store.database, kind, ids[kind], { today: '2026-11-23', actorName: '王管理' });
        for (const v of valuesOf(data)) expect(text, `value ${v}`).toContain(squash(v));
      }
      if (printed.docNo) expect(text).toContain(squash(printed.docNo));
      expect(text).toContain(printed.code);
      const fonts = pdfFonts(printed.pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true });
      const pages = pdfPages(printed.pdf);
      expect(pages).toBe(printed.pages);
      expect(renderPages(printed.pdf)).toBe(pages);
      expect(printed.missingGlyphs).toEqual([]);
    });
  }

  it('flows a 3,000-character interview over pages and loses no text', async () => {
    const db = core.store.database;
    const phrases = [
      '信访人反映，',
      '其承包的十二亩耕地于二〇二四年被征用，',
      '补偿款至今只发放了一半，',
      '村委会称资金由镇政府统一拨付，',
      '镇政府则称已足额拨付到村。',
      '信访人多次到村委会询问无果，',
      '生活陷入困难，请求查明资金去向并补发补偿款。',
    ];
    let long = '';
    for (let i = 0; long.length < 3000; i++) long += phrases[i % phrases.length]! + (i % 5 === 4 ? `（第${i}项）` : '');
    long = long.slice(0, 3000);
    const visit = value<number>(db, 'SELECT visit_id FROM interviews WHERE id = ?', ids.interview)!;
    const id = Number(
      db
        .prepare(
          "INSERT INTO interviews (visit_id, started_at, ended_at, place) VALUES (?, '2026-11-23T01:00:00.000Z', '2026-11-23T02:00:00.000Z', '第一接待室')",
        )
        .run(visit).lastInsertRowid,
    );
    db.prepare(
      "INSERT INTO interview_turns (interview_id, seq, speaker, speaker_name, text) VALUES (?, 1, 'petitioner', '信访人', ?)",
    ).run(id, long);
    const printed = await core.documents.print('interview', id, { id: 1, name: '王管理' });
    expect(printed.pages).toBeGreaterThanOrEqual(2);
    // Drop what repeats on every page (header, footer), then the text must be there whole.
    const got = squash(pdfText(printed.pdf))
      .replace(/第\d+页共\d+页/g, '')
      .replace(/核验码[0-9A-Z]{4}-[0-9A-Z]{4}/g, '')
      .split(`${ADMIN.officeName}接谈记录${printed.code}`)
      .join('');
    const at = got.indexOf(squash(long).slice(0, 40));
    expect(at, 'start of the long turn').toBeGreaterThan(-1);
    expect(got.slice(at, at + squash(long).length)).toBe(squash(long));
  });

  it('draws 𠮷 and 䶮 as real glyphs from embedded fonts, and takes a glyph the body font lacks from the fallback chain', async () => {
    const engine = pdfEngine(() => discoverFonts());
    const stamp: Stamp = { office: '测试', docNo: '', code: 'TEST-0000', qr: 'HALL1:TEST-0000:x' };
    const big = (ch: string): DocDefinition => ({
      ...a4('字形', stamp, [{ text: ch, fontSize: 200, alignment: 'center' }]),
      header: undefined,
      footer: undefined,
    });
    const ink = (pdf: Buffer) => greyPixels(pdf).data;
    const notdef = ink((await engine.render(big('\u{F8FF}'))).buffer);
    for (const ch of ['𠮷', '䶮', '𠀤']) {
      const r = await engine.render(big(ch));
      expect(r.missing).toEqual([]);
      const pixels = ink(r.buffer);
      const dark = pixels.filter((p) => p < 128).length;
      expect(dark, `${ch} draws something`).toBeGreaterThan(500);
      expect(pixels.equals(notdef), `${ch} is not the empty box`).toBe(false);
      expect(squash(pdfText(r.buffer))).toBe(ch);
      for (const f of pdfFonts(r.buffer)) expect(f).toMatchObject({ embedded: true, subset: true });
    }
    const fallback = await engine.render({
      ...a4('字形', stamp, [{ text: '李𠀤' }]),
      header: undefined,
      footer: undefined,
    });
    expect(
      pdfFonts(fallback.buffer)
        .map((f) => f.name)
        .join(' '),
    ).toMatch(/HanaMinB/); // 𠀤 (U+20024): not in UKai, Noto Serif or HanaMinA; the chain's HanaMinB draws it, not the bundled sans
  });

  it('makes the case folder PDF/A-2b with an output intent, embedded fonts and a true contents page', async () => {
    const printed = await core.documents.print('folder', ids.folder, { id: 1, name: '钱档案' });
    const meta = pdfMeta(printed.pdf);
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(printed.pdf.includes(Buffer.from('/OutputIntents'))).toBe(true);
    expect(printed.pdf.includes(Buffer.from('GTS_PDFA1'))).toBe(true);
    for (const f of pdfFonts(printed.pdf)) expect(f).toMatchObject({ embedded: true, subset: true });
    const contents = pdfText(printed.pdf, [2, 2], true).split('\n');
    // Each row: number … title … start and end page.
    const rows = contents
      .map((l) =>
        // The number may stand a line above when a long 责任者 is set smaller on its own baseline.
        /^\s*(\d+)?\s.*?(信访事项登记单|接谈记录|包案领导责任书|约访通知书|信访事项交办单|信访事项督办单|信访事项办结单).*?(\d+)\s+(\d+)\s*$/.exec(
          l,
        ),
      )
      .filter((m): m is RegExpExecArray => m !== null);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const kinds = rows.map((r) => r[2]);
    for (const k of ['信访事项登记单', '接谈记录', '信访事项交办单', '信访事项督办单', '信访事项办结单'])
      expect(kinds).toContain(k);
    for (const row of rows) {
      const page = Number(row[3]);
      expect(squash(pdfText(printed.pdf, [page, page])), `${row[2]} on page ${page}`).toContain(row[2]);
      expect(Number(row[4])).toBeGreaterThanOrEqual(page);
    }
    withPdf(printed.pdf, () => undefined);
  });

  it('verifies a fresh print, calls it an older version after the record changes, and rejects a made-up code', async () => {
    const actor = { id: 1, name: '王管理' };
    const printed = await core.documents.print('registration', ids.registration, actor);
    expect(core.documents.verify(printed.code, actor)).toMatchObject({
      status: 'current',
      kind: 'registration',
      version: 1,
      currentVersion: 1,
    });
    // Was 'current': a QR carrying a hash that is not the copy's is refused.
    expect(core.documents.verify(`HALL1:${printed.code.toLowerCase()}:abc`, actor)).toMatchObject({
      status: 'rejected',
    });
    core.store.database
      .prepare("UPDATE visits SET demand = demand || '（补充材料）' WHERE id = ?")
      .run(ids.registration);
    expect(core.documents.verify(printed.code, actor)).toMatchObject({
      status: 'outdated',
      version: 1,
      currentVersion: 2,
    });
    const reprint = await core.documents.print('registration', ids.registration, actor);
    expect(reprint).toMatchObject({ version: 2, docNo: printed.docNo });
    expect(core.documents.verify('ABCD-EFGH', actor)).toMatchObject({ status: 'unknown' });

    // The same through the command line, as a script at the counter would.
    const pw = passwordFile(tmp.dir, ADMIN.password);
    const cli = hall(tmp.dir, ['verify', reprint.code, '--user', ADMIN.username, '--password-file', pw]);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toMatch(/与当前记录一致/);
    const old = hall(tmp.dir, ['verify', printed.code, '--user', ADMIN.username, '--password-file', pw]);
    expect(old.code).toBe(4);
    expect(old.out).toMatch(/记录已更新.*较早的版本/);
    expect(old.out).toContain('改动：诉求');
    expect(hall(tmp.dir, ['verify', 'ZZZZ-9999', '--user', ADMIN.username, '--password-file', pw]).out).toMatch(
      /查无此码/,
    );
  });

  it('records each print as a document row and an audit entry', async () => {
    const printCount = () =>
      value<number>(core.store.database, "SELECT count(*) AS n FROM audit_log WHERE action = 'document.print'");
    const before = printCount()!;
    const printed = await core.documents.print('ticket', ids.ticket, { id: 1, name: '王管理' });
    const row = core.store.database
      .prepare('SELECT kind, record_id, verify_code, pages FROM documents WHERE id = ?')
      .get(printed.documentId);
    expect(row).toEqual({ kind: 'ticket', record_id: ids.ticket, verify_code: printed.code, pages: 1 });
    expect(printCount()).toBe(before + 1);
    expect(KINDS.ticket.numbered).toBe(false);
  });
});
