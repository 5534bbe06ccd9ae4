// The document camera's 材料 (issue 19): pages captured as one titled 材料, each page a JPEG
// attachment in the encrypted database, listed on the case page and in the case folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { captureMaterial } from '../../electron/core/attachments/materials';
import { all, value } from '../../electron/core/infra/db/sql';
import type { ServiceCall } from '../../electron/core/infra/router';
import { ADMIN, createCase, officeOnClock, rawCaller, registerVisit, saveLeader } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/** A JPEG-shaped page (SOI, a COM segment carrying `mark`, EOI): what the checks look at. */
function page(mark: string): Buffer {
  const text = Buffer.from(mark);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(text.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe]), len, text, Buffer.from([0xff, 0xd9])]);
}
const b64 = (b: Buffer) => b.toString('base64');
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('材料 captured with the document camera', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: Awaited<ReturnType<typeof officeOnClock>>['admin'];
  let call: ReturnType<typeof rawCaller>;
  let caseId = 0;
  let visitId = 0;
  let bare = 0;
  const count = () => value<number>(core.store.database, 'SELECT count(*) FROM materials')!;
  const pagesStored = () =>
    value<number>(core.store.database, "SELECT count(*) FROM attachments WHERE owner_type = 'material'")!;

  beforeAll(async () => {
    ({ core, admin } = await officeOnClock(tmp.dir, '2026-11-23'));
    call = rawCaller(core, 'admin');
    const leader = (await saveLeader(admin, '林海堃')).id;
    visitId = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    caseId = await createCase(admin, visitId, '房屋征收安置问题', leader);
    bare = await createCase(admin, await registerVisit(admin, '赵一', '物业费纠纷'), '物业费纠纷', leader);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('keeps two pages as one 材料 with its title, pages in order, listed with who added it', async () => {
    const pages = [page('HALL-CAMERA-PAGE-ONE'), page('HALL-CAMERA-PAGE-TWO')];
    const saved = await admin('attachments.capture', {
      ownerType: 'case',
      ownerId: caseId,
      title: '  信访件原件 ',
      pages: pages.map(b64),
    });
    expect(saved.pages).toBe(2);
    const stored = all<{ name: string; mime: string; data: Buffer; size: number }>(
      core.store.database,
      "SELECT name, mime, data, size FROM attachments WHERE owner_type = 'material' AND owner_id = ? ORDER BY id",
      saved.id,
    );
    expect(stored.map((s) => [s.name, s.mime, s.size])).toEqual([
      ['信访件原件-第1页.jpg', 'image/jpeg', pages[0]!.length],
      ['信访件原件-第2页.jpg', 'image/jpeg', pages[1]!.length],
    ]);
    expect(Buffer.compare(stored[1]!.data, pages[1]!)).toBe(0);
    const listed = await admin('attachments.materials', { ownerType: 'case', ownerId: caseId });
    expect(listed).toEqual([
      { id: saved.id, title: '信访件原件', pages: 2, createdAt: expect.any(String), createdBy: ADMIN.displayName },
    ]);
    // Not among the visit's files (attachments.list), which are uploads, nor a signature.
    expect(await admin('attachments.list', { ownerType: 'visit', ownerId: visitId })).toEqual([]);
  });

  it('lists a 材料 captured at registration with the case the visit joined, and not with another case', async () => {
    await admin('attachments.capture', {
      ownerType: 'visit',
      ownerId: visitId,
      title: '身份证复印件',
      pages: [b64(page('id'))],
    });
    const titles = (await admin('attachments.materials', { ownerType: 'case', ownerId: caseId })).map((m) => m.title);
    expect(titles).toEqual(['信访件原件', '身份证复印件']);
    expect(await admin('attachments.materials', { ownerType: 'case', ownerId: bare })).toEqual([]);
    expect(
      (await admin('attachments.materials', { ownerType: 'visit', ownerId: visitId })).map((m) => m.title),
    ).toEqual(['身份证复印件']);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = [count(), pagesStored()];
    const bad: [unknown, RegExp | string][] = [
      [{ title: '', pages: [b64(page('a'))] }, '请填写材料名称'],
      [{ title: ' \t ', pages: [b64(page('a'))] }, '请填写材料名称'],
      [{ title: '材'.repeat(61), pages: [b64(page('a'))] }, '材料名称不能超过60个字'],
      [{ title: '原件', pages: [] }, '请至少拍摄一页'],
      [{ title: '原件', pages: Array.from({ length: 31 }, () => b64(page('a'))) }, '一份材料最多30页'],
      [{ title: '原件', pages: [PNG] }, '页面不是有效的照片图像'],
      [{ title: '原件', pages: [`data:image/jpeg;base64,${b64(page('a'))}`] }, '页面图像格式不正确'],
      [
        { title: '原件', pages: [b64(Buffer.concat([page('a'), Buffer.alloc(5 * 1024 * 1024)]))] },
        '每页不能超过5兆字节',
      ],
      [{ title: '原\uD800件', pages: [b64(page('a'))] }, /./],
    ];
    for (const [input, message] of bad) {
      const r = await call('attachments.capture', { ownerType: 'case', ownerId: caseId, ...(input as object) });
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.fields?.map((f) => f.message).join(' ')).toMatch(message);
      }
    }
    // A dangling owner.
    const dangling = await call('attachments.capture', {
      ownerType: 'case',
      ownerId: 99999,
      title: '原件',
      pages: [b64(page('a'))],
    });
    expect(dangling).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有这个案件。' } });
    expect([count(), pagesStored()]).toEqual(before);
  });

  it('checks the pages again in core, where the rule lives', () => {
    const session = { accountId: 1, role: 'admin', username: 'admin' } as unknown as ServiceCall['session'];
    const input = { ownerType: 'case' as const, ownerId: caseId, title: '原件', pages: [b64(page('a')), PNG] };
    expect(() => captureMaterial(core.store, input, { session } as ServiceCall)).toThrow('第2页不是有效的照片图像');
    expect(() =>
      captureMaterial(core.store, { ...input, pages: Array.from({ length: 31 }, () => b64(page('a'))) }, {
        session,
      } as ServiceCall),
    ).toThrow('一份材料应有1至30页');
  });

  it('prints the 材料 in the case folder: title, pages, when and by whom', async () => {
    const printed = await core.documents.print('folder', caseId, { id: 1, name: `${ADMIN.displayName}(admin)` });
    const text = squash(pdfText(printed.pdf));
    expect(text).toContain('卷内附件材料');
    expect(text).toMatch(/1信访件原件22026年11月23日10:00王管理/);
    expect(text).toMatch(/2身份证复印件12026年11月23日10:00王管理/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'materials-folder.pdf'), printed.pdf);
    const none = await core.documents.print('folder', bare, { id: 1, name: `${ADMIN.displayName}(admin)` });
    expect(squash(pdfText(none.pdf))).not.toContain('卷内附件材料');
  });

  it('keeps the pages encrypted at rest: no page bytes in any file of the data directory', () => {
    core.store.close();
    const files = fs.readdirSync(tmp.dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(f.parentPath, f.name));
      expect(bytes.includes(Buffer.from('HALL-CAMERA-PAGE-TWO')), f.name).toBe(false);
    }
  });
});
