import { createHash } from 'node:crypto';
import type { InferSelectModel } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { all } from '../infra/db/sql';
import type { attachments } from '../infra/db/schema';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { captureMaterial, materialsOf } from './materials';

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

export interface AttachmentsDeps {
  store: Store;
}

/** Scans and photos kept inline in the encrypted database (never as plain files beside it). */
export function attachmentsHandlers(deps: AttachmentsDeps): AreaHandlers<'attachments'> {
  return {
    'attachments.add': (input, call) => addAttachment(deps, input, call),
    'attachments.list': (input) => listAttachments(deps, input),
    'attachments.capture': (input, call) => captureMaterial(deps.store, input, call),
    'attachments.materials': (input) => materialsOf(deps.store.database, input.ownerType, input.ownerId),
  };
}

function addAttachment({ store }: AttachmentsDeps, input: MethodParsedInput<'attachments.add'>, call: ServiceCall) {
  const data = Buffer.from(input.base64, 'base64');
  if (!MAGIC[input.mime]!(data))
    throw new HallError('BAD_INPUT', '文件内容与类型不符。', [{ path: 'base64', message: '文件内容与类型不符' }]);
  const id = store.write(actorOf(call.session), (db, audit) => {
    if (!db.prepare('SELECT 1 FROM visits WHERE id = ?').get(input.ownerId))
      throw new HallError('NOT_FOUND', '没有这次来访。');
    const kind = input.mime === 'application/pdf' ? 'scan' : 'photo';
    const sha = createHash('sha256').update(data).digest('hex');
    const newId = Number(
      db
        .prepare(
          "INSERT INTO attachments (owner_type, owner_id, kind, name, mime, size, sha256, storage, data, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'inline', ?, ?)",
        )
        .run(
          input.ownerType,
          input.ownerId,
          kind,
          input.name,
          input.mime,
          data.length,
          sha,
          data,
          call.session?.accountId ?? null,
        ).lastInsertRowid,
    );
    audit({
      action: 'attachment.add',
      entity: input.ownerType,
      entityId: input.ownerId,
      after: { attachment: newId, sha256: sha },
    });
    return newId;
  });
  return { id };
}

/** An attachment as listed: no content. */
type AttachmentListRow = Pick<InferSelectModel<typeof attachments>, 'id' | 'name' | 'mime' | 'size' | 'createdAt'>;

function listAttachments({ store }: AttachmentsDeps, input: MethodParsedInput<'attachments.list'>) {
  return all<AttachmentListRow>(
    store.database,
    "SELECT id, name, mime, size, created_at AS createdAt FROM attachments WHERE owner_type = ? AND owner_id = ? AND kind <> 'signature' ORDER BY id",
    input.ownerType,
    input.ownerId,
  );
}
