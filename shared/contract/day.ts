import { z } from 'zod';
import { revealReasonSchema } from '../domain/reveal';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

/** How many visitors one end-of-day call moves; the screen sends the list in batches of this size and shows progress. */
export const CARRY_OVER_BATCH = 20;

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

  'day.carryOver': method({
    summary: '日终：把选定的今日未接待来访人一并改为约访（选定日期，按每人接待分钟数依次排开），或一并结束今日来访',
    access: ROLE_SETS.casework,
    // The handler takes only today's unreceived visits the caller reaches and counts the rest as skipped.
    scope: 'filtered',
    input: z
      .object({
        visitIds: z
          .array(z.number().int().positive())
          .min(1, '请至少选择一位来访人')
          .max(CARRY_OVER_BATCH, `每次最多处理${CARRY_OVER_BATCH}人`),
        to: z.discriminatedUnion('kind', [
          z
            .object({
              kind: z.literal('appointment'),
              at: z
                .string()
                .regex(
                  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
                  '约访时间格式不正确，应为北京时间的年月日和时分，如 2026-10-09 09:30',
                ),
              place: z.string().trim().min(2, '请填写地点').max(100, '地点最多100字'),
              /** For visitors without a leader yet; the others keep the leader they were queued to. */
              leaderId: z.number().int().positive().nullable(),
            })
            .strict(),
          z.object({ kind: z.literal('close') }).strict(),
        ]),
      })
      .strict(),
    output: z.object({ done: z.number().int(), skipped: z.number().int() }),
  }),

  'day.export': method({
    summary:
      '导出今日未接待名单、约访安排（姓名脱敏）或约访通知名单（姓名和完整电话，须说明理由，逐人记入查看记录）；Excel 或 CSV，记入审计',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z
      .object({
        list: z.enum(['unreceived', 'appointments', 'notices']),
        format: z.enum(['xlsx', 'csv']),
        /** Required for the notice list: its phones are in full, each a recorded reveal. */
        reason: revealReasonSchema.optional(),
      })
      .strict()
      .refine((v) => v.list !== 'notices' || v.reason !== undefined, {
        path: ['reason'],
        message: '导出通知名单含完整电话，请选择查看理由',
      }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
} as const satisfies Record<string, MethodSpec>;
