import { createHash } from 'node:crypto';
import {
  HallError,
  MATERIAL_MAX_PAGES,
  MATERIAL_PAGE_MAX_BYTES,
  type MethodParsedInput,
} from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import { all } from '../infra/db/sql';
import type { ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

/** A 材料 as listed on the case page and in the case folder: no page content. */
export interface MaterialRow {
  id: number;
  title: string;
  pages: number;
  createdAt: string;
  createdBy: string;
}

/** JPEG start-of-image: FF D8 FF. */
const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/**
 * Saves the pages the document camera captured as one 材料: a materials row with its title and
 * page count, and each page an attachment (owner_type 'material') in the encrypted database, in
 * page order. The contract checked the shape; the rules are checked again here, where they live.
 */
export function captureMaterial(store: Store, input: MethodParsedInput<'attachments.capture'>, call: ServiceCall) {
  const title = input.title.trim();
  if (title.length < 1 || title.length > 60)
    throw new HallError('BAD_INPUT', '材料名称应为1至60个字。', [{ path: 'title', message: '材料名称应为1至60个字' }]);
  if (input.pages.length < 1 || input.pages.length > MATERIAL_MAX_PAGES)
    throw new HallError('BAD_INPUT', `一份材料应有1至${MATERIAL_MAX_PAGES}页。`, [
      { path: 'pages', message: `一份材料应有1至${MATERIAL_MAX_PAGES}页` },
    ]);
  const pages = input.pages.map((b64, i) => {
    const data = Buffer.from(b64, 'base64');
    if (!isJpeg(data))
      throw new HallError('BAD_INPUT', `第${i + 1}页不是有效的照片图像。`, [
        { path: `pages.${i}`, message: '页面不是有效的照片图像' },
      ]);
    if (data.length > MATERIAL_PAGE_MAX_BYTES)
      throw new HallError('BAD_INPUT', `第${i + 1}页超过5兆字节。`, [
        { path: `pages.${i}`, message: '每页不能超过5兆字节' },
      ]);
    return data;
  });
  const by = call.session?.accountId ?? null;
  const id = store.write(actorOf(call.session), (db, audit) => {
    const table = input.ownerType === 'case' ? 'cases' : 'visits';
    if (!db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(input.ownerId))
      throw new HallError('NOT_FOUND', input.ownerType === 'case' ? '没有这个案件。' : '没有这次来访。');
    const materialId = Number(
      db
        .prepare('INSERT INTO materials (owner_type, owner_id, title, pages, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(input.ownerType, input.ownerId, title, pages.length, by).lastInsertRowid,
    );
    const insert = db.prepare(
      "INSERT INTO attachments (owner_type, owner_id, kind, name, mime, size, sha256, storage, data, created_by) VALUES ('material', ?, 'scan', ?, 'image/jpeg', ?, ?, 'inline', ?, ?)",
    );
    const hashes = pages.map((data, i) => {
      const sha = createHash('sha256').update(data).digest('hex');
      insert.run(materialId, `${title}-第${i + 1}页.jpg`, data.length, sha, data, by);
      return sha;
    });
    audit({
      action: 'attachment.add',
      entity: input.ownerType,
      entityId: input.ownerId,
      after: { material: materialId, title, pages: pages.length, sha256: hashes },
    });
    return materialId;
  });
  return { id, pages: pages.length };
}

/**
 * The 材料 of a visit, or of a case with those of its visits (captured at registration), oldest
 * first: what the case page and the case folder list.
 */
export function materialsOf(db: Db, ownerType: 'visit' | 'case', ownerId: number): MaterialRow[] {
  const owners =
    ownerType === 'visit'
      ? "m.owner_type = 'visit' AND m.owner_id = @id"
      : "(m.owner_type = 'case' AND m.owner_id = @id) OR (m.owner_type = 'visit' AND m.owner_id IN (SELECT visit_id FROM case_visits WHERE case_id = @id))";
  return all<MaterialRow>(
    db,
    `SELECT m.id, m.title, m.pages, m.created_at AS createdAt, coalesce(a.display_name, '') AS createdBy
       FROM materials m LEFT JOIN accounts a ON a.id = m.created_by
      WHERE ${owners} ORDER BY m.created_at, m.id`,
    { id: ownerId },
  );
}
