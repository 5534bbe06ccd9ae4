import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { lacksOutsidePlace, OUTSIDE_PLACE_MESSAGE } from '../domain/duty';
import { coverageReport, hhmm, isoDate, ok, rosterRule, slotForm, slotView } from './schemas';

export const rosterMethods = {
  'roster.rules': method({
    summary: '排班规则',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: z.array(rosterRule.extend({ id: z.number().int(), description: z.string() })),
  }),

  'roster.saveRule': method({
    summary: '新建或修改排班规则',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: rosterRule.extend({ id: z.number().int().positive().optional() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'roster.generate': method({
    summary: '按规则生成一段时间的值班（已手工调整的不变）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({ ruleId: z.number().int().positive(), from: isoDate, to: isoDate })
      .strict()
      .refine((v) => v.from <= v.to, { message: '结束日期不能早于开始日期', path: ['to'] }),
    output: z.object({ created: z.number().int(), kept: z.number().int() }),
  }),

  'roster.slots': method({
    summary: '一段时间的值班安排',
    access: 'session',
    scope: 'none',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: z.array(slotView),
  }),

  'roster.updateSlot': method({
    summary: '调整一次值班（日期、时间、形式、地点、备注或取消）；规则再生成时不覆盖',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        slotId: z.number().int().positive(),
        date: isoDate,
        startTime: hhmm,
        endTime: hhmm,
        form: slotForm,
        roomId: z.number().int().positive().nullable(),
        place: z.string().trim().max(100).nullable(),
        note: z.string().trim().max(100).nullable(),
        cancelled: z.boolean(),
      })
      .strict()
      .refine((v) => v.startTime < v.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
      .refine((v) => !lacksOutsidePlace(v.form, v.place), { message: OUTSIDE_PLACE_MESSAGE, path: ['place'] }),
    output: ok,
  }),

  'roster.markAbsent': method({
    summary: '登记领导请假（须安排替班）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        slotId: z.number().int().positive(),
        leaderId: z.number().int().positive(),
        reason: z.string().trim().min(2, '请写明原因').max(200),
      })
      .strict(),
    output: ok,
  }),

  'roster.substitute': method({
    summary: '为请假的领导安排替班',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        slotId: z.number().int().positive(),
        absentLeaderId: z.number().int().positive(),
        substituteLeaderId: z.number().int().positive(),
      })
      .strict(),
    output: ok,
  }),

  'roster.check': method({
    summary: '当月值班覆盖和领导接访、下访次数检查',
    access: 'session',
    scope: 'none',
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为“年-月”格式，如 2026-10') }).strict(),
    output: coverageReport,
  }),
} as const satisfies Record<string, MethodSpec>;
