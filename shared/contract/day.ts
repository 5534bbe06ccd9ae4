import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

export const dayMethods = {
  'day.unreceived': method({
    summary: '今日未接待的来访人（可改为约访）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: noInput,
    output: z.array(
      z.object({
        visitId: z.number().int(),
        visitNo: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        leaderId: z.number().int().nullable(),
        demand: z.string(),
      }),
    ),
  }),

  'day.export': method({
    summary: '导出今日未接待名单或约访安排（Excel 或 CSV；姓名脱敏，记入审计）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z.object({ list: z.enum(['unreceived', 'appointments']), format: z.enum(['xlsx', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
} as const satisfies Record<string, MethodSpec>;
