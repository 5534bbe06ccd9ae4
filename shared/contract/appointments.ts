import { z } from 'zod';
import { ok } from './schemas';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

export const appointmentsMethods = {
  'appointments.book': method({
    summary: '约访：约信访人在某时见某位领导',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: z
      .object({
        visitId: z.number().int().positive(),
        leaderId: z.number().int().positive(),
        at: z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
            '约访时间格式不正确，应为北京时间的年月日和时分，如 2026-10-09 09:30',
          ),
        place: z.string().trim().min(2, '请填写地点').max(100),
        purpose: z.string().trim().min(2, '请填写事由').max(200),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),

  'appointments.upcoming': method({
    summary: '约访安排，以及需要提前通知领导、信访人的名单',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: noInput,
    output: z.object({
      appointments: z.array(
        z.object({
          id: z.number().int(),
          at: z.string(),
          leader: z.string(),
          petitioner: z.string(),
          place: z.string(),
          purpose: z.string(),
          status: z.string(),
          tellLeader: z.boolean(),
          tellPetitioner: z.boolean(),
        }),
      ),
    }),
  }),

  'appointments.notices': method({
    summary: '约访通知名单：到了提前通知日、尚未通知的信访人（姓名、电话脱敏，查看完整电话须说明理由）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: noInput,
    output: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        leader: z.string(),
        place: z.string(),
        purpose: z.string(),
        petitionerId: z.number().int(),
        /** In full: the notice is made to this person by name. */
        name: z.string(),
        /** Masked; the full number through petitioners.reveal, with a reason, recorded. */
        phone: z.string(),
      }),
    ),
  }),

  'appointments.notified': method({
    summary: '登记已通知领导或信访人',
    access: ROLE_SETS.casework,
    scope: [{ appointment: 'id' }],
    input: z.object({ id: z.number().int().positive(), who: z.enum(['leader', 'petitioner']) }).strict(),
    output: ok,
  }),
} as const satisfies Record<string, MethodSpec>;
