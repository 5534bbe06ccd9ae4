import { createHash } from 'node:crypto';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SignaturesDeps {
  store: Store;
}

/** A signature drawn on screen (mouse, pen or tablet) is kept encrypted with the record it confirms. */
export function signaturesHandlers(deps: SignaturesDeps): AreaHandlers<'signatures'> {
  return {
    'signatures.save': (input, call) => saveSignature(deps, input, call),
  };
}

function saveSignature({ store }: SignaturesDeps, input: MethodParsedInput<'signatures.save'>, call: ServiceCall) {
  const png = Buffer.from(input.pngBase64, 'base64');
  if (!png.subarray(0, 8).equals(PNG_MAGIC))
    throw new HallError('BAD_INPUT', '签名必须是 PNG 图片。', [{ path: 'pngBase64', message: '不是 PNG 图片' }]);
  const table = input.owner === 'visit' ? 'visits' : 'interviews';
  if (!store.database.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(input.ownerId))
    throw new HallError('NOT_FOUND', input.owner === 'visit' ? '没有这次来访登记。' : '没有这份接谈记录。');
  const attachmentId = store.write(actorOf(call.session), (db, audit) => {
    const id = Number(
      db
        .prepare(
          "INSERT INTO attachments (owner_type, owner_id, kind, name, mime, size, sha256, storage, data, created_by) VALUES (?, ?, 'signature', ?, 'image/png', ?, ?, 'inline', ?, ?)",
        )
        .run(
          input.owner,
          input.ownerId,
          '信访人签名.png',
          png.length,
          createHash('sha256').update(png).digest('hex'),
          png,
          call.session?.accountId ?? null,
        ).lastInsertRowid,
    );
    if (input.owner === 'interview')
      db.prepare(
        "UPDATE interviews SET signature_id = ?, confirmation = 'screen', updated_at = hall_now() WHERE id = ?",
      ).run(id, input.ownerId);
    audit({
      action: 'signature.capture',
      entity: input.owner,
      entityId: input.ownerId,
      after: { attachment: id, sha256: createHash('sha256').update(png).digest('hex') },
    });
    return id;
  });
  return { attachmentId };
}
