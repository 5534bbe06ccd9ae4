import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit';
import { isoDate } from '../domain/calendar';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { auditEntryView, auditVerdict, id } from './schemas';

/** The audit log's filters, shared by the list and its export: person, action, record and China days. */
const auditFilterFields = {
  actorId: id.optional(),
  action: z.enum(AUDIT_ACTIONS as [string, ...string[]], { error: '没有这种操作' }).optional(),
  /** A record as people know it: a case or visit number, a document number or verification code, a username. */
  record: z.string({ error: '记录编号应为文字' }).trim().max(60, '记录编号最多60个字').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const fromNotAfterTo = {
  check: (v: { from?: string | undefined; to?: string | undefined }) => !v.from || !v.to || v.from <= v.to,
  issue: { path: ['to'], message: '截止日期不能早于起始日期' },
};

export const auditMethods = {
  'audit.list': method({
    summary: '审计日志（最新在前）：按操作人、操作、记录编号和日期筛选，每条写成中文',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z
      .object({
        ...auditFilterFields,
        beforeSeq: id.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .refine(fromNotAfterTo.check, fromNotAfterTo.issue),
    output: z.object({ entries: z.array(auditEntryView), total: z.number().int() }),
  }),

  'audit.export': method({
    summary: '导出审计日志（Excel 或 CSV；筛选同审计日志，最多 100000 条，记入审计）',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z
      .object({ ...auditFilterFields, format: z.enum(['xlsx', 'csv'], { error: '请选择导出格式' }) })
      .strict()
      .refine(fromNotAfterTo.check, fromNotAfterTo.issue),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),

  'audit.verify': method({
    summary: '校验审计日志的哈希链',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: noInput,
    output: auditVerdict,
  }),
} as const satisfies Record<string, MethodSpec>;
