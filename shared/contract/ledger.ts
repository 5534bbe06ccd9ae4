import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case-status';
import { LEDGER_OUTCOMES, ledgerExportInput, ledgerQueryInput } from '../domain/ledger';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const ledgerMethods = {
  'ledger.query': method({
    summary:
      '台账：按受理日期、包案领导、责任单位、类别、属地、状态、超期和全文检索筛选，按任一列排序，分页（信访人姓名脱敏）',
    access: ROLE_SETS.everyone,
    scope: 'filtered',
    input: ledgerQueryInput,
    output: z.object({
      total: z.number().int(),
      /** A search matched more than `total` cases: counting stopped at LEDGER_COUNT_CAP (超过 1000 件). */
      capped: z.literal(true).optional(),
      rows: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          acceptedOn: z.string(),
          title: z.string(),
          petitioner: z.string(),
          locality: z.string().nullable(),
          category: z.string().nullable(),
          leader: z.string().nullable(),
          units: z.string().nullable(),
          status: z.enum(CASE_STATUSES),
          deadlineOn: z.string(),
          deadlineLabel: z.string(),
          daysLeft: z.number().int().nullable(),
          /** Past its 办理期限 with an answer still owed (shared/domain/deadlines.ts). */
          overdue: z.boolean(),
          outcome: z.enum(LEDGER_OUTCOMES).nullable(),
        }),
      ),
    }),
  }),

  'ledger.export': method({
    summary: '导出台账（Excel 或 PDF；筛选和排序同台账，记入审计）',
    access: ROLE_SETS.everyone,
    scope: 'filtered',
    input: ledgerExportInput,
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
} as const satisfies Record<string, MethodSpec>;
