import { z } from 'zod';
import { id } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const petitionersMethods = {
  'petitioners.reveal': method({
    summary: '查看信访人完整的身份证号或电话（记入审计）',
    access: ROLE_SETS.casework,
    scope: [{ petitioner: 'petitionerId' }],
    input: z.object({ petitionerId: id, field: z.enum(['idNumber', 'phone']) }).strict(),
    output: z.object({ value: z.string().nullable() }),
  }),
} as const satisfies Record<string, MethodSpec>;
