import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { leaderInput, leaderView, participantView, unitInput, unitView } from './schemas';

export const peopleMethods = {
  'leaders.list': method({
    summary: '接访领导名单（职务、分管工作、级别、分管的类别与属地）',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(leaderView),
  }),

  'leaders.save': method({
    summary: '新增或修改接访领导',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: leaderInput,
    output: z.object({ id: z.number().int() }),
  }),

  'units.list': method({
    summary: '责任单位',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(unitView),
  }),

  'units.save': method({
    summary: '新增或修改责任单位',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: unitInput,
    output: z.object({ id: z.number().int() }),
  }),

  'rooms.save': method({
    summary: '新增或修改接待室',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1, '请填写名称').max(30),
        location: z.string().trim().max(60).nullable(),
        queuePrefix: z
          .string()
          .trim()
          .regex(/^[A-Z]?$/, '排队号前缀应为一个大写字母')
          .nullable(),
        active: z.boolean(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'participants.list': method({
    summary: '律师、人大代表、政协委员等常邀参加人',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(participantView),
  }),

  'participants.save': method({
    summary: '新增或修改常邀参加人',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: participantView.omit({ id: true }).extend({ id: z.number().int().positive().optional() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'reference.lists': method({
    summary: '问题类别和属地（供选择）',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.object({
      categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
      localities: z.array(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
    }),
  }),

  'rooms.list': method({
    summary: '接待室',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        location: z.string().nullable(),
        queuePrefix: z.string().nullable(),
        active: z.boolean(),
      }),
    ),
  }),
} as const satisfies Record<string, MethodSpec>;
