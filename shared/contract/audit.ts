import { z } from 'zod';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { auditEntryView, auditVerdict, id } from './schemas';

export const auditMethods = {
  'audit.list': method({
    summary: '审计日志（最新在前）',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z.object({ beforeSeq: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ entries: z.array(auditEntryView), total: z.number().int() }),
  }),

  'audit.verify': method({
    summary: '校验审计日志的哈希链',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: noInput,
    output: auditVerdict,
  }),
} as const satisfies Record<string, MethodSpec>;
