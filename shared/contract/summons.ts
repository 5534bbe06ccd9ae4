import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

export const summonsMethods = {
  'summons.create': method({
    summary: '通知责任单位到场（开始10分钟倒计时）',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: z
      .object({
        visitId: z.number().int().positive(),
        unitIds: z.array(z.number().int().positive()).min(1, '请选择单位'),
      })
      .strict(),
    output: z.object({ created: z.number().int() }),
  }),

  'summons.arrive': method({
    summary: '登记单位到场（记录是否迟到）',
    access: ROLE_SETS.casework,
    scope: [{ summons: 'summonsId' }],
    input: z.object({ summonsId: z.number().int().positive() }).strict(),
    output: z.object({ late: z.boolean() }),
  }),

  'summons.today': method({
    summary: '今日通知到场的单位',
    access: 'session',
    scope: 'filtered',
    input: noInput,
    output: z.array(
      z.object({
        id: z.number().int(),
        visitId: z.number().int(),
        unit: z.string(),
        summonedAt: z.string(),
        dueAt: z.string(),
        arrivedAt: z.string().nullable(),
        late: z.boolean(),
      }),
    ),
  }),
} as const satisfies Record<string, MethodSpec>;
