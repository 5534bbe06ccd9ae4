import { z } from 'zod';
import { REPORT_KINDS, statsFigures, statsInput } from '../domain/stats';
import { isoDate } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const statsMethods = {
  'stats.figures': method({
    summary:
      '统计：任一日期区间的来访、案件、督办、办理结果、满意度和领导接访下访数据，按领导、单位、类别、属地、接访形式和周分列',
    access: ROLE_SETS.everyone,
    scope: 'none',
    input: statsInput,
    output: statsFigures,
  }),

  'stats.report': method({
    summary:
      '日报（零报告）、周报、月报的 Excel 表：与打印的报告同一组数据（date 为该日、该周或该月中的任一天；记入审计）',
    access: ROLE_SETS.everyone,
    scope: 'none',
    input: z.object({ report: z.enum(REPORT_KINDS), date: isoDate }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
} as const satisfies Record<string, MethodSpec>;
