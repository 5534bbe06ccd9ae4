import { z } from 'zod';

/** 接谈记录: who was in the room, the conversation as turns, and what the leader decided. */
export const DISPOSITIONS = ['on_the_spot', 'assigned', 'explained', 'guided'] as const;
export const DISPOSITION_LABELS: Record<(typeof DISPOSITIONS)[number], string> = {
  on_the_spot: '当场答复',
  assigned: '交办责任单位',
  explained: '解释说明（法律政策）',
  guided: '不予受理，引导至法定途径',
};
export const SPEAKERS = ['leader', 'petitioner', 'unit', 'clerk', 'other'] as const;
export const SPEAKER_LABELS: Record<(typeof SPEAKERS)[number], string> = {
  leader: '领导',
  petitioner: '信访人',
  unit: '单位',
  clerk: '记录人',
  other: '其他',
};
export const PARTICIPANT_KINDS = ['leader', 'clerk', 'unit', 'lawyer', 'deputy', 'other'] as const;
export const PARTICIPANT_LABELS: Record<(typeof PARTICIPANT_KINDS)[number], string> = {
  leader: '接访领导',
  clerk: '记录人',
  unit: '单位代表',
  lawyer: '律师',
  deputy: '代表委员',
  other: '其他',
};

const text = (max: number) => z.string().max(max, `最多${max}字`);

/** The message at a participant row whose name is not filled in yet. */
export const PARTICIPANT_NAME_MISSING = '请填写参加人员姓名';

/** A participant row still without a name: kept as a draft row, never printed, not allowed at the end. */
export const isDraftParticipant = (p: { name: string }) => p.name.trim() === '';

/**
 * One autosave: the whole record as it stands; `version` catches a second window editing it.
 * A participant row without a name yet is saved as a draft row, so it never stops the turns
 * typed beside it from being saved; the record cannot end with one.
 */
export const interviewSaveInput = z
  .object({
    interviewId: z.number().int().positive(),
    version: z.number().int().positive(),
    place: text(100),
    participants: z
      .array(z.object({ kind: z.enum(PARTICIPANT_KINDS), name: z.string().trim().max(40, '最多40字') }).strict())
      .max(30),
    turns: z.array(z.object({ speaker: z.enum(SPEAKERS), text: text(4000) }).strict()).max(500, '一次接谈最多500段'),
    opinion: text(4000),
    disposition: z.enum(DISPOSITIONS).nullable(),
    petitionerResponse: text(1000),
    /** Ends the interview: the record is then fixed, and needs its disposition. */
    end: z.boolean().default(false),
  })
  .strict()
  .refine((v) => !v.end || v.disposition !== null, { path: ['disposition'], message: '结束接谈前请选择处理方式' })
  .superRefine((v, ctx) => {
    if (v.end)
      v.participants.forEach((p, i) => {
        if (isDraftParticipant(p))
          ctx.addIssue({ code: 'custom', path: ['participants', i, 'name'], message: PARTICIPANT_NAME_MISSING });
      });
  });

export type InterviewSaveInput = z.infer<typeof interviewSaveInput>;
