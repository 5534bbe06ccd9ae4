import { z } from 'zod';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const signaturesMethods = {
  'signatures.save': method({
    summary: '保存在屏幕上采集的信访人签名（PNG），打印时嵌入登记单或接谈记录',
    access: ROLE_SETS.casework,
    scope: [{ owner: ['owner', 'ownerId'] }],
    input: z
      .object({
        owner: z.enum(['visit', 'interview']),
        ownerId: z.number().int().positive(),
        pngBase64: z
          .string()
          .max(1_400_000, '签名图片过大')
          .regex(/^iVBORw0KGgo[A-Za-z0-9+/]+=*$/, '签名必须是 PNG 图片'),
      })
      .strict(),
    output: z.object({ attachmentId: z.number().int() }),
  }),
} as const satisfies Record<string, MethodSpec>;
