import { z } from 'zod';
import { caseExportInput } from '../domain/case-export';
import { isoDate } from './schemas';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

/** What the master-data sheets hold; the file one exports is the template one imports. */
const transferKind = z.enum(['leaders', 'units', 'roster', 'localities', 'categories', 'rooms']);

export const transferMethods = {
  'transfer.export': method({
    summary: '导出接访领导、责任单位、值班安排、属地、问题类别或接待室为 Excel（也是导入模板）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z.object({ what: transferKind, from: isoDate.optional(), to: isoDate.optional() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),

  'transfer.import': method({
    summary: '从 Excel 导入（先逐行检查；有一行出错则全部不导入）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        what: transferKind,
        base64: z.string().min(1).max(20_000_000, '文件过大'),
        dryRun: z.boolean(),
      })
      .strict(),
    output: z.object({
      rows: z.number().int(),
      imported: z.number().int(),
      errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    }),
  }),

  'export.cases': method({
    summary:
      '导出案件数据（JSON，交换格式见 docs/schemas/case-export.schema.json）：一个案件或受理日期区间内的全部案件；默认脱敏，完整数据仅管理员可导出，记入审计',
    access: ROLE_SETS.everyone,
    scope: 'filtered',
    input: caseExportInput,
    output: z.object({ fileName: z.string(), base64: z.string(), cases: z.number().int(), masked: z.boolean() }),
  }),

  'import.template': method({
    summary: '历史来访与案件的 Excel 导入模板',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: noInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),

  'import.history': method({
    summary: '导入历史来访与案件（先试导入逐行检查；有一行出错则全部不导入）',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z.object({ base64: z.string().min(1).max(20_000_000, '文件过大'), dryRun: z.boolean() }).strict(),
    output: z.object({
      rows: z.number().int(),
      visits: z.number().int(),
      cases: z.number().int(),
      imported: z.boolean(),
      errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
