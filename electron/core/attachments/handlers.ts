import { createHash } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** Scans and photos kept inline in the encrypted database (never as plain files beside it). */
export function attachmentsHandlers({ store }: { store: Store }): AreaHandlers<'attachments'> {
  const add: Handler<'attachments.add'> = (input, call) => {
    const data = Buffer.from(input.base64, 'base64');
    if (!MAGIC[input.mime]!(data)) throw new HallError('BAD_INPUT', '文件内容与类型不符。', [{ path: 'base64', message: '文件内容与类型不符' }]);
    const id = store.write(actorOf(call.session), (db, audit) => {
      if (!db.prepare('SELECT 1 FROM visits WHERE id = ?').get(input.ownerId)) throw new HallError('NOT_FOUND', '没有这次来访。');
      const kind = input.mime === 'application/pdf' ? 'scan' : 'photo';
      const sha = createHash('sha256').update(data).digest('hex');
      const newId = Number(
        db
          .prepare("INSERT INTO attachments (owner_type, owner_id, kind, name, mime, size, sha256, storage, data, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'inline', ?, ?)")
          .run(input.ownerType, input.ownerId, kind, input.name, input.mime, data.length, sha, data, call.session?.accountId ?? null).lastInsertRowid,
      );
      audit({ action: 'attachment.add', entity: input.ownerType, entityId: input.ownerId, after: { attachment: newId, sha256: sha } });
      return newId;
    });
    return { id };
  };
  const list: Handler<'attachments.list'> = (input) =>
    store.database
      .prepare("SELECT id, name, mime, size, created_at AS createdAt FROM attachments WHERE owner_type = ? AND owner_id = ? AND kind <> 'signature' ORDER BY id")
      .all(input.ownerType, input.ownerId) as { id: number; name: string; mime: string; size: number; createdAt: string }[];
  return { 'attachments.add': add, 'attachments.list': list };
}
