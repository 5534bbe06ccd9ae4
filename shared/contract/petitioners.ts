import { z } from 'zod';
import { revealReasonSchema } from '../domain/reveal';
import { id } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

export const petitionersMethods = {
  'petitioners.reveal': method({
    summary: '查看信访人完整的身份证号或电话：须说明理由，记入审计，每账号每小时有次数上限',
    access: ROLE_SETS.casework,
    scope: [{ petitioner: 'petitionerId' }],
    input: z.object({ petitionerId: id, field: z.enum(['idNumber', 'phone']), reason: revealReasonSchema }).strict(),
    output: z.object({ value: z.string().nullable() }),
  }),
} as const satisfies Record<string, MethodSpec>;
