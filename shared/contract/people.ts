import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { leaderInput, leaderView, participantView, unitInput, unitView } from './schemas';

/**
 * A 属地 is a township or street (乡镇、街道) or a village or community (村、社区) under one; the
 * code is its administrative division code (行政区划代码), 9 digits for a township and 12 for a
 * village, optional for an office that does not keep them.
 */
const localityRow = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  level: z.enum(['county', 'township', 'village', 'street', 'community', 'other']),
  active: z.boolean(),
  /** Visits, cases, leaders' and units' portfolios that name it: such an entry is retired, never deleted. */
  uses: z.number().int(),
});

/** A 问题类别: a first-level class or a second-level one under it. */
const categoryRow = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
  uses: z.number().int(),
});

const masterName = (what: string, max: number) =>
  z.string().trim().min(1, `请填写${what}名称`).max(max, `${what}名称不能超过${max}个字`);

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
      categories: z.array(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
      localities: z.array(
        z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable(), level: z.string() }),
      ),
    }),
  }),

  'localities.list': method({
    summary: '属地（乡镇、街道及其下的村、社区），含已停用的',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(localityRow),
  }),

  'localities.save': method({
    summary: '新增、改名或停用属地（已有记录使用的属地只能停用，不能删除）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: masterName('属地', 30),
        code: z
          .string()
          .trim()
          .regex(/^(\d{6}|\d{9}|\d{12})$/, '行政区划代码应为6位（县）、9位（乡镇）或12位（村）数字')
          .nullable(),
        /** The township a village belongs to; null for a township. */
        parentId: z.number().int().positive().nullable(),
        active: z.boolean(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'categories.list': method({
    summary: '问题类别（两级），含已停用的',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(categoryRow),
  }),

  'categories.save': method({
    summary: '新增、改名或停用问题类别（已有记录使用的类别只能停用，不能删除）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: masterName('类别', 30),
        /** The first-level class of a second-level one; null for a first-level class. */
        parentId: z.number().int().positive().nullable(),
        active: z.boolean(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
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
