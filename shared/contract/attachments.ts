import { z } from 'zod';
import { method, type MethodSpec, ROLE_SETS } from './define';

/** The most pages one 材料 holds, and the largest page (a 高拍仪 frame at 5 MP is well under it). */
export const MATERIAL_MAX_PAGES = 30;
export const MATERIAL_PAGE_MAX_BYTES = 5 * 1024 * 1024;

/** A captured page: JPEG as base64 (no data: prefix); its decoded size at most 5 MiB. */
const jpegPage = z
  .string()
  .max(Math.ceil(MATERIAL_PAGE_MAX_BYTES / 3) * 4, '每页不能超过5兆字节')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '页面图像格式不正确')
  // Base64 of a JPEG's start-of-image marker FF D8 FF.
  .refine((s) => s.startsWith('/9j/'), '页面不是有效的照片图像');

/** Who may hold a 材料: a visit (at registration) or a case (on the case page). */
const materialOwner = {
  ownerType: z.enum(['visit', 'case']),
  ownerId: z.number().int().positive(),
};

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

  'attachments.capture': method({
    summary: '保存高拍仪拍摄的材料：一份材料一个名称、若干页 JPEG 图像，每页加密保存为附件',
    access: ROLE_SETS.casework,
    scope: [{ owner: ['ownerType', 'ownerId'] }],
    input: z
      .object({
        ...materialOwner,
        title: z.string().trim().min(1, '请填写材料名称').max(60, '材料名称不能超过60个字'),
        pages: z
          .array(jpegPage)
          .min(1, '请至少拍摄一页')
          .max(MATERIAL_MAX_PAGES, `一份材料最多${MATERIAL_MAX_PAGES}页`),
      })
      .strict(),
    output: z.object({ id: z.number().int(), pages: z.number().int() }),
  }),

  'attachments.materials': method({
    summary: '来访或案件的材料（案件含其各次来访的材料）：名称、页数、添加时间和添加人',
    access: ROLE_SETS.everyone,
    scope: [{ owner: ['ownerType', 'ownerId'] }],
    input: z.object(materialOwner).strict(),
    output: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        pages: z.number().int(),
        createdAt: z.string(),
        createdBy: z.string(),
      }),
    ),
  }),
} as const satisfies Record<string, MethodSpec>;
