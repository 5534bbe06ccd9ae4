import { z } from 'zod';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const attachmentsMethods = {
  'attachments.add': method({
    summary: '为来访登记添加附件（扫描件、照片），加密保存在数据库中',
    access: ROLE_SETS.casework,
    scope: [{ owner: ['ownerType', 'ownerId'] }],
    input: z
      .object({
        ownerType: z.enum(['visit']),
        ownerId: z.number().int().positive(),
        name: z.string().trim().min(1).max(120),
        mime: z.enum(['image/jpeg', 'image/png', 'application/pdf'], { message: '只能上传 JPG、PNG 图片或 PDF' }),
        base64: z.string().min(1).max(14_000_000, '附件不能超过10MB'),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'attachments.list': method({
    summary: '来访登记的附件',
    access: ROLE_SETS.everyone,
    scope: [{ owner: ['ownerType', 'ownerId'] }],
    input: z.object({ ownerType: z.enum(['visit']), ownerId: z.number().int().positive() }).strict(),
    output: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        mime: z.string(),
        size: z.number().int(),
        createdAt: z.string(),
      }),
    ),
  }),
} as const satisfies Record<string, MethodSpec>;
