import { z } from 'zod';
import { SUPERVISION_LEVELS, SUPERVISION_REASONS } from '../domain/supervision';
import { isoDate } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const superviseMethods = {
  'supervise.list': method({
    summary: '督办提醒：已超期、超过交办期限、即将到期和交办后未签收的案件，并给出建议的督办等级',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z.object({ on: isoDate.optional() }).strict(),
    output: z.object({
      on: z.string(),
      items: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          title: z.string(),
          status: z.string(),
          /** 办理期限: the case's answer deadline; daysLeft counts to it (negative: overdue). */
          deadlineOn: z.string(),
          daysLeft: z.number().int(),
          /** 交办期限: the current assignment's deadline for its unit. */
          assignmentDeadlineOn: z.string().nullable(),
          chaseOn: z.string(),
          canSupervise: z.boolean(),
          assignedOn: z.string().nullable(),
          receivedOn: z.string().nullable(),
          reasons: z.array(z.enum(SUPERVISION_REASONS)),
          level: z.enum(SUPERVISION_LEVELS),
          supervisedCount: z.number().int(),
          lastSupervisedOn: z.string().nullable(),
          supervisedToday: z.boolean(),
          answerBy: z.string(),
          leader: z.string().nullable(),
          leadUnit: z.string().nullable(),
        }),
      ),
    }),
  }),

  'supervise.export': method({
    summary: '导出督办提醒（Excel 或 CSV；与督办页面同一份名单，记入审计）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z.object({ on: isoDate.optional(), format: z.enum(['xlsx', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
} as const satisfies Record<string, MethodSpec>;
