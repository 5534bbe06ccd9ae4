import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { loadRecord } from '../../electron/core/documents/loaders';
import { maskedData } from '../../shared/documents/copies';
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { DOCUMENT_KINDS, layoutOf, type DocumentKind } from '../../shared/documents/kinds';
import { quarterRecord } from '../../shared/documents/quarterly';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import type { Content, DocDefinition } from '../../shared/documents/types';
import { ADMIN, decideDemoVisits, must, testCore } from '../helpers/core';
import { greyPixels, pdfPages, pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/**
 * GB/T 9704-style pagination, read back from the paper: every page of every kind printed from the
 * demo data (and each kind's sample) is extracted on its own (pdftotext -f N -l N), and
 * - no page holds only the 落款 / signature block (a sign-off page can be detached);
 * - no table cell's text is split between two pages (rows never break);
 * - no known name (leader, post, petitioner, unit, category) is broken across lines.
 * HALL_PRINT_DUMP=<dir> keeps the PDFs, to look at them (pdftoppm -r 70 -png).
 */

const TODAY = new Date('2026-11-23T02:00:00Z');
const DUMP = process.env.HALL_PRINT_DUMP;

/** Lines of the running header and footer, on every page. */
function isRunning(line: string, office: string, running: Set<string>): boolean {
  return (
    running.has(line) ||
    line === office ||
    /^第\d+页共\d+页/.test(line) ||
    /^核验码/.test(line) ||
    /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(line) ||
    line.startsWith(office)
  );
}

/** Characters on a full line of running text (a body line holds about 30 at 12 pt). */
const RUNNING_LINE = 24;

/** What a 落款 / signature block is made of: signature labels, dates, the office, stamps, the count under a ledger. */
const SIGN_LABEL =
  /^(登记人|信访人签名|记录人签名|接谈领导签名|承办单位签收|承办单位负责人|包案领导|责任单位负责人|责任人|信访人签收|填报人|审核人|签发人|签收人)[：:]/;
function isSignOff(line: string, office: string): boolean {
  return (
    SIGN_LABEL.test(line) ||
    /^(\d{4})?年(\d{1,2})?月(\d{1,2})?日$/.test(line) ||
    /^[年月日]$/.test(line) ||
    /^\d{4}年\d{1,2}月\d{1,2}日$/.test(line) ||
    line === office ||
    line.startsWith(office) ||
    /^[（(](盖章|章|签章)[)）]$/.test(line) ||
    /^共\d+件$/.test(line) ||
    /^审计记录链头/.test(line)
  );
}

/** Every text of a piece of content, squashed: what the running header prints. */
function leaves(node: Content | null): string[] {
  if (!node) return [];
  if (typeof node === 'string') return [squash(node)];
  if (Array.isArray(node)) return node.flatMap(leaves);
  return [
    ...(typeof node.text === 'string' ? [squash(node.text)] : []),
    ...(node.stack ?? []).flatMap(leaves),
    ...(node.columns ?? []).flatMap(leaves),
  ].filter(Boolean);
}

/** Every string in a definition's table cells: body rows and header rows apart. */
function tableTexts(def: DocDefinition): { cells: string[]; heads: Set<string> } {
  const cells: string[] = [];
  const heads = new Set<string>();
  const text = (c: unknown): string => {
    if (typeof c === 'string') return c;
    if (Array.isArray(c)) return c.map(text).join('');
    if (c && typeof c === 'object') {
      const o = c as { text?: unknown; stack?: unknown; columns?: unknown };
      return text(o.text ?? o.stack ?? o.columns ?? '');
    }
    return '';
  };
  const walk = (node: Content | undefined) => {
    if (!node || typeof node === 'string') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.table) {
      const headerRows = node.table.headerRows ?? 0;
      node.table.body.forEach((row, i) =>
        row.forEach((cell) => {
          if (typeof cell !== 'string' && cell.stack) cell.stack.forEach(walk);
          const t = squash(text(cell));
          if (!t) return;
          if (i < headerRows) heads.add(t);
          else cells.push(t);
        }),
      );
    }
    node.stack?.forEach(walk);
    node.columns?.forEach(walk);
  };
  def.content.forEach(walk);
  return { cells, heads };
}

/** Dark pixels (72 dpi) where the header draws the QR code: the top right corner of page 1. */
function qrInk(pdf: Buffer): number {
  const { width, data } = greyPixels(pdf);
  let n = 0;
  for (let y = 10; y < 100; y++) for (let x = width - 170; x < width - 60; x++) if (data[y * width + x]! < 128) n++;
  return n;
}

/** Indices of unused lines, in order, whose texts put together are the cell's text; null when there are none. */
function assemble(cell: string, lines: string[], used: boolean[]): number[] | null {
  const go = (pos: number, from: number): number[] | null => {
    if (pos === cell.length) return [];
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      if (used[i] || !line || !cell.startsWith(line, pos)) continue;
      const rest = go(pos + line.length, i + 1);
      if (rest) return [i, ...rest];
    }
    return null;
  };
  return go(0, 0);
}

interface Printed {
  label: string;
  pdf: Buffer;
  def: DocDefinition;
  office: string;
}

/** The faults of one printed document, in words. */
function faults(p: Printed, names: string[]): string[] {
  const out: string[] = [];
  const pages = pdfPages(p.pdf);
  const texts = Array.from({ length: pages }, (_, i) => pdfText(p.pdf, [i + 1, i + 1]));
  const { cells, heads } = tableTexts(p.def);
  const running = new Set(leaves(p.def.header?.(1, 1) ?? ''));
  texts.forEach((raw, i) => {
    const lines = raw
      .split('\n')
      .map(squash)
      .filter((l) => l && !isRunning(l, p.office, running));
    const body = lines.filter((l) => !isSignOff(l, p.office) && !heads.has(l));
    if (body.length === 0) out.push(`${p.label}: page ${i + 1} holds only ${JSON.stringify(lines)}`);
    // A name broken across lines: its characters found with a line break between two of them.
    for (const name of names) {
      const chars = [...name].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const pattern = new RegExp(chars.join('\\s*'), 'g');
      for (const m of raw.matchAll(pattern)) {
        if (!m[0].includes('\n')) continue;
        // Running text (a paragraph, a long answer across a grid) wraps at a full line's end, as
        // Chinese text does; a name broken on a short line was broken inside a cell.
        const lineStart = raw.lastIndexOf('\n', m.index) + 1;
        const before = squash(raw.slice(lineStart, m.index + m[0].indexOf('\n')));
        if (before.length < RUNNING_LINE)
          out.push(`${p.label}: page ${i + 1} breaks ${name} as ${JSON.stringify(m[0])}`);
      }
    }
  });
  // A cell is whole on a page when its text is the page's lines (in order, each line used by one
  // cell) put together: a wrapped cell gives several lines, a row split at a page break gives
  // lines on two pages and is whole on neither.
  // pdftotext may set two neighbouring cells on one line with a space between: pieces, not lines.
  const lines = texts.map((raw) => raw.split(/\s+/).filter(Boolean));
  const used = lines.map((l) => l.map(() => false));
  // Cells come in reading order, so each is looked for from the page of the one before it; on a
  // page, a piece that is the whole cell is taken before pieces are put together.
  let from = 0;
  // Words only: a bare number ("16") is found in too many places to say where its cell is.
  for (const cell of cells.filter((c) => c.length >= 2 && /\p{Script=Han}/u.test(c))) {
    let found = -1;
    for (let p = from; p < lines.length && found < 0; p++) {
      const page = lines[p]!;
      const single = page.findIndex((l, j) => l === cell && !used[p]![j]);
      const at = single >= 0 ? [single] : assemble(cell, page, used[p]!);
      if (!at) continue;
      at.forEach((i) => (used[p]![i] = true));
      found = p;
    }
    if (found < 0) out.push(`${p.label}: the cell ${JSON.stringify(cell)} is split between pages`);
    else from = found;
  }
  return out;
}

describe('every page of every print: no sign-off page, no split row, no broken name', () => {
  const tmp = tempDir();
  let core: Core;
  let names: string[] = [];
  const records: [DocumentKind, number][] = [];

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => TODAY });
    await must(core, 'a')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, TODAY);
    const db = core.store.database;
    const first = (sql: string) => value<number>(db, sql)!;
    const ids = (sql: string) => all<{ id: number }>(db, sql).map((r) => r.id);
    for (const id of ids('SELECT id FROM interviews ORDER BY id LIMIT 10')) records.push(['interview', id]);
    for (const id of ids('SELECT id FROM visits ORDER BY head_count DESC, repeat_count DESC LIMIT 2'))
      records.push(['registration', id]);
    records.push(['assignment', first('SELECT a.id FROM assignments a JOIN receipts r ON r.assignment_id = a.id')]);
    records.push(['supervision', first('SELECT id FROM supervisions')]);
    records.push(['extension', first('SELECT id FROM extensions')]);
    records.push(['closure', first('SELECT case_id AS id FROM closures')]);
    records.push(['responsibility', first('SELECT id FROM responsibilities')]);
    records.push(['appointment', first('SELECT id FROM appointments')]);
    records.push(['notice', first("SELECT id FROM duty_slots WHERE date = '2026-11-23'")]);
    records.push(['notice-month', 202611]);
    records.push(['ledger', 2026]);
    records.push(['monthly-report', 202611]);
    records.push(['weekly-report', 20261116]);
    records.push(['daily-report', 20261122]);
    records.push([
      'quarterly',
      quarterRecord(
        first(
          "SELECT owning_leader_id AS id FROM cases WHERE status IN ('assigned', 'received', 'extended') GROUP BY owning_leader_id ORDER BY count(*) DESC LIMIT 1",
        ),
        2026,
        4,
      ),
    ]);
    records.push(['guidance', first("SELECT id FROM visits WHERE legal_channel <> 'none'")]);
    records.push([
      'day-summary',
      Number(
        value<string>(
          db,
          "SELECT replace(date, '-', '') AS d FROM visits GROUP BY date ORDER BY count(*) DESC LIMIT 1",
        ),
      ),
    ]);
    records.push(['ticket', first('SELECT id FROM tickets')]);
    records.push(['acceptance', first('SELECT id FROM cases')]);
    records.push(['answer', first('SELECT id FROM closures')]);
    records.push(['follow-up', first('SELECT id FROM follow_ups')]);
    records.push(['review-request', first("SELECT id FROM reviews WHERE kind = 'rereview'")]);
    records.push(['review-opinion', first('SELECT id FROM reviews WHERE decided_on IS NOT NULL')]);
    records.push(['investigation', first('SELECT id FROM investigation_reports')]);
    records.push(['ledger-extract', first("SELECT case_id AS id FROM reviews WHERE kind = 'rereview'")]);
    const decided = await decideDemoVisits(must(core, 'a'), db);
    records.push(['transfer-notice', decided.transfer]);
    records.push(['final-notice', decided.final]);
    records.push([
      'folder',
      first(
        'SELECT c.id FROM cases c JOIN closures cl ON cl.case_id = c.id JOIN responsibilities r ON r.case_id = c.id JOIN supervisions s ON s.case_id = c.id',
      ),
    ]);
    const strings = (sql: string) => all<{ s: string }>(db, sql).map((r) => r.s);
    names = [
      ...strings('SELECT name AS s FROM leaders'),
      // A post is words joined by 、: each word must stay whole ("县委副书记、县长").
      ...strings('SELECT post AS s FROM leaders').flatMap((p) => p.split('、')),
      ...strings('SELECT DISTINCT name AS s FROM petitioners'),
      ...strings('SELECT name AS s FROM units'),
      ...strings('SELECT name AS s FROM categories'),
    ].filter((n, i, a) => n.length >= 2 && a.indexOf(n) === i);
    if (DUMP) fs.mkdirSync(DUMP, { recursive: true });
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('covers every kind', () => {
    expect(new Set(records.map(([k]) => k))).toEqual(new Set(DOCUMENT_KINDS));
  });

  it('prints the demo records', async () => {
    const found: string[] = [];
    const counts: string[] = [];
    for (const [kind, id] of records) {
      const printed = await core.documents.print(kind, id, { id: 1, name: '王管理' });
      if (DUMP) fs.writeFileSync(path.join(DUMP, `${kind}-${id}.pdf`), printed.pdf);
      counts.push(`${kind} ${id}: ${printed.pages}`);
      // The definition as the service laid it out, for its table cells.
      const def = defOf(kind, id, printed.docNo);
      found.push(...faults({ label: `${kind} ${id}`, pdf: printed.pdf, def, office: ADMIN.officeName }, names));
    }
    if (DUMP) fs.writeFileSync(path.join(DUMP, 'pages.txt'), counts.join('\n') + '\n');
    expect(found).toEqual([]);
  }, 240_000);

  it('prints the samples', async () => {
    const engine = pdfEngine(() => discoverFonts());
    const found: string[] = [];
    for (const kind of DOCUMENT_KINDS) {
      const stamp = sampleStamp(kind);
      const def = layoutOf(kind, sampleData(kind), stamp);
      const r = await engine.render(def);
      if (DUMP) fs.writeFileSync(path.join(DUMP, `sample-${kind}.pdf`), r.buffer);
      found.push(...faults({ label: `sample ${kind}`, pdf: r.buffer, def, office: stamp.office }, names));
    }
    expect(found).toEqual([]);
  }, 240_000);

  it('prints an interview with speakers and participants by name, the clerk as 记录人', async () => {
    const db = core.store.database;
    const id = records.find(([k]) => k === 'interview')![1];
    const names = (kind: string) =>
      all<{ s: string }>(
        db,
        'SELECT name AS s FROM interview_participants WHERE interview_id = ? AND kind = ?',
        id,
        kind,
      ).map((r) => r.s);
    db.prepare("INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, 'lawyer', '何律师')").run(id);
    const petitioner = value<string>(
      db,
      'SELECT p.name FROM interviews i JOIN visit_petitioners vp ON vp.visit_id = i.visit_id AND vp.is_primary = 1 JOIN petitioners p ON p.id = vp.petitioner_id WHERE i.id = ?',
      id,
    )!;
    const printed = await core.documents.print('interview', id, { id: 1, name: '王管理' });
    const text = squash(pdfText(printed.pdf));
    expect(text).toContain(`${names('leader')[0]}（接谈领导）：`);
    expect(text).toContain(`${petitioner}（信访人）：`);
    expect(text).toContain(`${names('unit')[0]}（单位）：`);
    expect(text).toContain(`记录人${names('clerk')[0]}`);
    expect(text).toContain('何律师（律师）');
    // The account that printed it (and opened it: clerk_id) is not the 记录人 once a clerk is entered.
    expect(text).not.toContain('王管理');
  });

  it('prints an unfinished interview only as a draft: watermark, no number, no code, no QR', async () => {
    const db = core.store.database;
    const visit = value<number>(db, 'SELECT visit_id FROM interviews ORDER BY id LIMIT 1')!;
    const id = Number(
      db
        .prepare(
          "INSERT INTO interviews (visit_id, clerk_id, started_at, place) VALUES (?, 1, '2026-11-23T01:00:00.000Z', '第一接待室')",
        )
        .run(visit).lastInsertRowid,
    );
    db.prepare(
      "INSERT INTO interview_turns (interview_id, seq, speaker, text) VALUES (?, 1, 'petitioner', '我要反映的问题是。')",
    ).run(id);
    const numbered = () =>
      value<number>(db, "SELECT count(*) FROM documents WHERE doc_no IS NOT NULL AND kind = 'interview'");
    const before = numbered();
    const draft = await core.documents.print('interview', id, { id: 1, name: '王管理' });
    expect(draft).toMatchObject({ docNo: '', code: '' });
    expect(numbered()).toBe(before);
    const text = squash(pdfText(draft.pdf));
    expect(text).toContain('草稿');
    expect(text).not.toMatch(/〔\d{4}〕|核验码/);
    // The QR code's corner of the top margin is blank on the draft, drawn on the copy of record.
    expect(qrInk(draft.pdf)).toBe(0);

    db.prepare(
      "UPDATE interviews SET ended_at = '2026-11-23T01:40:00.000Z', disposition = 'explained' WHERE id = ?",
    ).run(id);
    const final = await core.documents.print('interview', id, { id: 1, name: '王管理' });
    expect(final.docNo).not.toBe('');
    expect(final.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(qrInk(final.pdf)).toBeGreaterThan(500);
    expect(squash(pdfText(final.pdf))).not.toContain('草稿');
  });

  it('flows a 50-turn interview line by line: no page a third blank', async () => {
    const db = core.store.database;
    const from = records.find(([k]) => k === 'interview')![1];
    const id = Number(
      db
        .prepare(
          'INSERT INTO interviews (visit_id, leader_id, clerk_id, started_at, ended_at, place, opinion, disposition) SELECT visit_id, leader_id, clerk_id, started_at, ended_at, place, opinion, disposition FROM interviews WHERE id = ?',
        )
        .run(from).lastInsertRowid,
    );
    const says = [
      '信访人反映，其承包的十二亩耕地于二〇二四年被征用，补偿款至今只发放了一半，村委会称资金由镇政府统一拨付，镇政府则称已足额拨付到村，信访人多次到村委会询问无果，生活陷入困难。',
      '请责任单位把资金拨付的凭证调出来，逐笔核对，查清补偿款的去向，十五个工作日内书面答复信访人。',
      '村里开会的时候说过要等第二批款下来再发，可是到现在也没有下文，我们几户人家都是一样的情况。',
    ];
    const turn = db.prepare('INSERT INTO interview_turns (interview_id, seq, speaker, text) VALUES (?, ?, ?, ?)');
    // Turns of a few lines to a dozen (a long account is three sentences on), as a real record has.
    const texts = Array.from({ length: 50 }, (_, i) => (i % 4 === 0 ? says.join('').repeat(2) : says[i % 3]!));
    texts.forEach((text, i) => turn.run(id, i + 1, ['petitioner', 'leader', 'unit'][i % 3], text));
    const printed = await core.documents.print('interview', id, { id: 1, name: '王管理' });
    if (DUMP) fs.writeFileSync(path.join(DUMP, 'interview-50-turns.pdf'), printed.pdf);
    // A page holds some 26 lines of 31 characters and the first page half that: the text alone
    // fills this many pages, and the record may take one more for its head and signatures.
    const lines = texts.reduce((n, t) => n + Math.ceil((t.length + 8) / 31), 0);
    expect(printed.pages).toBeLessThanOrEqual(Math.ceil((lines + 13) / 26) + 1);
    const found = faults(
      { label: '50 turns', pdf: printed.pdf, def: defOf('interview', id, printed.docNo), office: ADMIN.officeName },
      [],
    );
    expect(found).toEqual([]);
  });

  /** The definition as the service lays it out, for its table cells (the folder's parts are checked on their own). */
  function defOf(kind: DocumentKind, id: number, docNo: string): DocDefinition {
    const stamp = { office: ADMIN.officeName, docNo, code: 'XXXX-XXXX', qr: 'x' };
    if (kind === 'folder') return { ...layoutOf('ticket', sampleData('ticket'), stamp), content: [] };
    const data = loadRecord(core.store.database, kind, id, { today: '2026-11-23', actorName: '王管理' });
    return layoutOf(kind, maskedData(kind, data), stamp);
  }
});
