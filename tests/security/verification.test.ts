// Verification binds the printed copy (issue 14): a wrong hash is refused, master data does not
// rewrite printed history, a report's figures are part of what is checked, every kind is covered,
// and PDF metadata carries no personal data.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, one, value, values } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { DOCUMENT_KINDS, KINDS, type DocumentKind } from '../../shared/documents/kinds';
import { ADMIN, decideDemoVisits, loginAsNew, must, OPERATOR, testCore } from '../helpers/core';
import { pdfText, squash, withPdf } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

describe('verification of printed copies', () => {
  const tmp = tempDir();
  // 10:00 in the hall on the demo's last day.
  const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
  let core: Core;
  let admin: ReturnType<typeof must>;

  const db = () => core.store.database;
  const print = (kind: DocumentKind, recordId: number) => admin('documents.print', { kind, recordId });
  const verify = (code: string) => admin('documents.verify', { code });
  const hashOf = (code: string) =>
    value<string>(db(), 'SELECT content_hash FROM documents WHERE verify_code = ?', code)!.slice(0, 16);
  const pdf = (printed: { pdfBase64: string }) => Buffer.from(printed.pdfBase64, 'base64');
  const firstTarget = async (kind: DocumentKind) => {
    const targets = await admin('documents.targets', { kind, query: '' });
    expect(targets.length, `nothing to print for ${kind}`).toBeGreaterThan(0);
    return targets[0]!.id;
  };
  const leader = async (id: number) => (await admin('leaders.list', {})).find((l) => l.id === id)!;
  const renameLeaderPost = async (id: number, post: string) => {
    const { id: _id, ...rest } = await leader(id);
    await admin('leaders.save', { id, ...rest, post });
  };

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date(clock.t));
    await decideDemoVisits(admin, core.store.database);
  }, 120_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('covers every kind: 一致 by code and by QR, a wrong or missing hash refused, a reprint the same 版 and number, no personal data in the metadata', async () => {
    const people = all<{ name: string; id_number: string | null; phone: string | null }>(
      db(),
      'SELECT name, id_number, phone FROM petitioners',
    );
    const personal = people.flatMap((p) => [p.name, p.id_number ?? '', p.phone ?? '']).filter((s) => s.length >= 2);
    expect(personal.length).toBeGreaterThan(100);
    const numbers = new Map<string, DocumentKind>();
    for (const kind of DOCUMENT_KINDS) {
      const recordId = await firstTarget(kind);
      const printed = await print(kind, recordId);
      const { code } = printed;
      expect(await verify(code), kind).toMatchObject({ status: 'current', kind, version: 1, changes: [] });
      expect(await verify(`HALL1:${code}:${hashOf(code)}`), kind).toMatchObject({ status: 'current' });
      // Was: any hash, or none, still answered 与当前记录一致.
      const right = hashOf(code);
      const wrong = `${right.slice(0, 15)}${right.endsWith('0') ? '1' : '0'}`;
      const refused = await verify(`HALL1:${code}:${wrong}`);
      expect(refused, kind).toMatchObject({ status: 'rejected', kind: null, recordId: null, docNo: null });
      expect(await verify(`HALL1:${code}:`), kind).toMatchObject({ status: 'rejected' });
      expect(await verify(`HALL1:${code}:not-a-hash-at-all`), kind).toMatchObject({ status: 'rejected' });
      const again = await print(kind, recordId);
      expect(again, kind).toMatchObject({ version: 1, docNo: printed.docNo });
      // The folder's number is its 档号 (X012-2026-D30-0005), not a document number.
      if (printed.docNo && KINDS[kind].numbered) {
        expect(numbers.get(printed.docNo), `${kind} has the number of ${numbers.get(printed.docNo)}`).toBeUndefined();
        numbers.set(printed.docNo, kind);
      }
      // Title, author, subject and the XMP packet (dc:description) of every kind.
      const meta = withPdf(pdf(printed), (f) =>
        [
          execFileSync('pdfinfo', [f], { encoding: 'utf8' }),
          execFileSync('pdfinfo', ['-meta', f], { encoding: 'utf8' }),
        ].join('\n'),
      );
      const leaked = personal.filter((p) => meta.includes(p));
      expect(leaked, `${kind} metadata`).toEqual([]);
    }
    // Official numbers: the demo office's abbreviation and the kind's character, no 第, no zeros.
    expect([...numbers.keys()].every((n) => /^清信访[\u4e00-\u9fff]〔2026〕[1-9]\d*号$/.test(n))).toBe(true);
  }, 180_000);

  it('keeps an unchanged copy 一致 after master data changes, and a reprint shows it as printed', async () => {
    const visit = one<{ id: number; leader_id: number }>(
      db(),
      'SELECT v.id, v.leader_id FROM visits v WHERE v.leader_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kind = ? AND d.record_id = v.id) ORDER BY v.id LIMIT 1',
      'registration',
    )!;
    const before = await leader(visit.leader_id);
    const first = await print('registration', visit.id);
    expect(squash(pdfText(pdf(first)))).toContain(before.post);
    // Was: the new post made the unchanged 登记单 read 较早的版本, and its reprint showed the new post.
    await renameLeaderPost(visit.leader_id, '县委常委、常务副县长');
    expect(await verify(first.code)).toMatchObject({ status: 'current', version: 1, currentVersion: 1, changes: [] });
    const reprint = await print('registration', visit.id);
    expect(reprint).toMatchObject({ version: 1, docNo: first.docNo });
    const text = squash(pdfText(pdf(reprint)));
    expect(text).toContain(before.post);
    expect(text).not.toContain('县委常委、常务副县长');
    expect(await verify(reprint.code)).toMatchObject({ status: 'current' });

    // A renamed unit does not change a printed 交办单 either.
    const assignment = one<{ id: number; unit_id: number }>(
      db(),
      "SELECT a.id, au.unit_id FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead' ORDER BY a.id DESC LIMIT 1",
    )!;
    const slip = await print('assignment', assignment.id);
    const unit = (await admin('units.list', {})).find((u) => u.id === assignment.unit_id)!;
    await admin('units.save', {
      id: unit.id,
      name: `${unit.name}（更名）`,
      contact: unit.contact,
      phone: unit.phone,
      active: unit.active,
      categoryIds: unit.categoryIds,
      localityIds: unit.localityIds,
    });
    expect(await verify(slip.code)).toMatchObject({ status: 'current', changes: [] });

    // The record itself changes: 记录已更新, naming the field, and the reprint is 第2版 as it is now.
    core.store.write({ id: null, name: 'test' }, (d) =>
      d.prepare('UPDATE visits SET demand = ? WHERE id = ?').run('请求按新的评估价补偿（补充）', visit.id),
    );
    expect(await verify(first.code)).toMatchObject({
      status: 'outdated',
      version: 1,
      currentVersion: 2,
      changes: ['诉求'],
    });
    const second = await print('registration', visit.id);
    expect(second).toMatchObject({ version: 2, docNo: first.docNo });
    expect(squash(pdfText(pdf(second)))).toContain('县委常委、常务副县长');
    expect(await verify(first.code)).toMatchObject({ status: 'outdated', currentVersion: 2 });
    expect(await verify(second.code)).toMatchObject({ status: 'current', version: 2 });
  }, 60_000);

  it('hashes a report’s figures and table: an extension makes the quarterly and monthly reports 记录已更新 and the reprint 第2版', async () => {
    const open = one<{ id: number; leader: number }>(
      db(),
      "SELECT id, owning_leader_id AS leader FROM cases WHERE status IN ('assigned', 'received') AND owning_leader_id IS NOT NULL AND accepted_on <= '2026-11-23' ORDER BY id LIMIT 1",
    )!;
    const quarter = open.leader * 100000 + 2026 * 10 + 4;
    const quarterly = await print('quarterly', quarter);
    const monthly = await print('monthly-report', 202611);
    expect(await verify(quarterly.code)).toMatchObject({ status: 'current' });
    // The leader's post is master data: the printed quarterly report still verifies.
    await renameLeaderPost(open.leader, '副县长（代）');
    expect(await verify(quarterly.code)).toMatchObject({ status: 'current', changes: [] });
    await admin('cases.move', {
      move: 'extend',
      caseId: open.id,
      days: 30,
      reason: '需多部门联合调查',
      approver: '林海堃',
    });
    // Was: VOLATILE.quarterly left figures and the table out, and this still said 一致.
    const q = await verify(quarterly.code);
    expect(q).toMatchObject({ status: 'outdated', currentVersion: 2 });
    expect(q.changes).toContain('在办事项');
    expect(await print('quarterly', quarter)).toMatchObject({ version: 2 });
    const m = await verify(monthly.code);
    expect(m).toMatchObject({ status: 'outdated', currentVersion: 2 });
    expect(m.changes.length).toBeGreaterThan(0);
    expect(m.changes.every((c) => /^[\u3000-\u9fff（）：、\d\s]+$/u.test(c))).toBe(true);
    expect(await print('monthly-report', 202611)).toMatchObject({ version: 2 });
  }, 60_000);

  it('prints 填报人 and 立卷人 as the account’s display name, never 管理员(admin)', async () => {
    const report = squash(pdfText(pdf(await print('monthly-report', 202610))));
    expect(report).toContain(`填报人：${ADMIN.displayName}`);
    const caseId = value<number>(db(), "SELECT id FROM cases WHERE status = 'closed' ORDER BY id LIMIT 1")!;
    const folder = squash(pdfText(pdf(await print('folder', caseId)), [1, 1]));
    expect(folder).toContain(`立卷人${ADMIN.displayName}`);
    for (const text of [report, folder]) expect(text).not.toContain(`(${ADMIN.username})`);
    // Another account reprints the unchanged report: the same copy, 填报人 as first printed.
    await admin('accounts.create', { ...OPERATOR, role: OPERATOR.role });
    const operator = await loginAsNew(core, 'op', OPERATOR);
    const again = await operator('documents.print', { kind: 'monthly-report', recordId: 202610 });
    expect(again.version).toBe(1);
    const reprinted = squash(pdfText(pdf(again)));
    expect(reprinted).toContain(`填报人：${ADMIN.displayName}`);
    expect(reprinted).not.toContain(OPERATOR.displayName);
  }, 60_000);

  it('answers 查无此码 for a code never printed, and shows when a copy was printed in China time', async () => {
    expect(await verify('ZZZZ-ZZZZ')).toMatchObject({ status: 'unknown', kind: null });
    // 07:30 on 24 November in the hall is 23:30 on the 23rd in UTC.
    clock.t = Date.parse('2026-11-23T23:30:00Z');
    await admin('auth.logout', {});
    await admin('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const printed = await print('day-summary', 20261123);
    const verdict = await verify(printed.code);
    expect(verdict.printedAt).toBe('2026-11-24 07:30');
    const stored = values<string>(db(), 'SELECT created_at FROM documents WHERE verify_code = ?', printed.code)[0]!;
    expect(stored.startsWith('2026-11-23T23:30')).toBe(true);
  });
});
