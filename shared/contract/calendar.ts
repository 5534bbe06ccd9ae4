import { z } from 'zod';
import { isoDate, ok } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const calendarMethods = {
  'calendar.overrides': method({
    summary: '管理员录入的节假日与调休调整',
    access: 'session',
    scope: 'none',
    input: z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.object({
      overrides: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })),
      lastOfficialYear: z.number().int(),
    }),
  }),

  'calendar.setOverride': method({
    summary: '录入一天的节假日或调休工作日（优先于内置的官方数据）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        date: isoDate,
        kind: z.enum(['holiday', 'workday']),
        name: z.string().trim().min(1, '请填写名称，如“春节”').max(20),
      })
      .strict(),
    output: ok,
  }),

  'calendar.removeOverride': method({
    summary: '删除一条节假日调整',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z.object({ date: isoDate }).strict(),
    output: ok,
  }),

  'calendar.compute': method({
    summary: '期限计算：N 个工作日，或 N 日（遇节假日顺延）',
    access: 'session',
    scope: 'none',
    input: z
      .object({
        from: isoDate,
        days: z.number().int().min(0).max(3650),
        unit: z.enum(['working', 'calendar']),
        rollForward: z.boolean().default(true),
      })
      .strict(),
    output: z.object({
      date: z.string(),
      rolled: z.boolean(),
      unknownYears: z.array(z.number().int()),
      warning: z.string().nullable(),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
