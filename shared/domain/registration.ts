import { z } from 'zod';
import { parseIdNumber, parsePhone } from './id-number';

/**
 * What the operator enters at registration, with the checks that belong to the data itself.
 * Rules that need the office's settings (how many representatives, when the principal leader
 * must come) are in `checkVisitRules`, so the screen and the service apply the same ones.
 */
export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Whether the matter belongs to a legal channel (seed 003 §5③), and which: then it is not accepted. */
export const LEGAL_CHANNELS = ['none', 'litigation', 'arbitration', 'administrative_review', 'other'] as const;
export type LegalChannel = (typeof LEGAL_CHANNELS)[number];

/** A petitioner's ID number and phone, checked where typed (registration and correction alike). */
export function checkPersonNumbers(p: { idNumber: string; phone: string }, ctx: z.RefinementCtx): void {
  if (p.idNumber) {
    const r = parseIdNumber(p.idNumber);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.reason });
  }
  if (p.phone) {
    const r = parsePhone(p.phone);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: r.reason });
  }
}

/** Where a petitioner's identity came from at a visit: 身份证读取 (the card's chip) or 手工录入. */
export const IDENTITY_SOURCES = ['manual', 'card'] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];
export const IDENTITY_SOURCE_LABELS: Record<IdentitySource, string> = { card: '身份证读取', manual: '手工录入' };

export const petitionerInput = z
  .object({
    name: z.string().trim().min(1, '请填写姓名').max(30, '姓名过长'),
    sex: z.enum(SEXES).default('unknown'),
    idNumber: z.string().trim().max(20).default(''),
    phone: z.string().trim().max(20).default(''),
    address: z.string().trim().max(120).default(''),
    isRepresentative: z.boolean().default(false),
    /** Core checks a 'card' claim against the cards this session read (electron/core/infra/card-reads.ts). */
    identitySource: z.enum(IDENTITY_SOURCES).default('manual'),
  })
  .superRefine(checkPersonNumbers)
  .refine((p) => p.identitySource === 'manual' || p.idNumber !== '', {
    path: ['identitySource'],
    message: '身份证读取的信访人必须有身份证号码',
  })
  .transform((p) => {
    const id = p.idNumber ? parseIdNumber(p.idNumber) : null;
    const phone = p.phone ? parsePhone(p.phone) : null;
    return {
      ...p,
      idNumber: id?.ok ? id.value : null,
      birthDate: id?.ok ? id.birthDate : null,
      sex: id?.ok ? id.sex : p.sex,
      phone: phone?.ok ? phone.value : null,
      address: p.address || null,
    };
  });

/** The matter as registered: the same fields and checks at registration and at a correction. */
export const matterFields = {
  headCount: z.number().int().min(1, '人数至少为1').max(5000),
  categoryId: z.number().int().positive().nullable(),
  localityId: z.number().int().positive().nullable(),
  demand: z.string().trim().min(2, '请填写诉求').max(2000),
  facts: z.string().trim().max(10000).default(''),
  earlierHandling: z.string().trim().max(4000).default(''),
};

export const visitInput = z
  .object({
    petitioners: z.array(petitionerInput).min(1, '至少登记一位信访人').max(200),
    ...matterFields,
    legalChannel: z.enum(LEGAL_CHANNELS).default('none'),
    /** An earlier visit of the same matter, to count repeats and join its case. */
    continuesVisitId: z.number().int().positive().nullable().default(null),
    /** The leader the visitor asks for, or the operator's choice; null: the proposed one. */
    leaderId: z.number().int().positive().nullable().default(null),
    reportsOnPerson: z.boolean().default(false),
    /**
     * The operator states that a visit linked to a final (三级终结) matter brings a new matter,
     * and why; audited. Without it such a visit gets no queue ticket (不再受理).
     */
    newMatterReason: z.string().trim().min(4, '请写明属于新的事项的理由').max(200, '理由过长').optional(),
  })
  .strict()
  .refine((v) => v.headCount >= v.petitioners.length, { path: ['headCount'], message: '人数不能少于登记的信访人数' });
export type VisitInput = z.output<typeof visitInput>;

export interface RuleSettings {
  maxRepresentatives: number;
  principalLeaderGroupSize: number;
  principalLeaderRepeatVisits: number;
}

export interface VisitRuleCheck {
  /** Problems that stop the visit from being queued, with the field they belong to. */
  blocking: { path: string; message: string }[];
  /** Things the operator must see: the principal leader must come, a repeat matter … */
  alerts: string[];
  needsPrincipal: boolean;
}

/** The rules at registration (条例 art 20; seed 002 §十一; 达州 rules on repeat visits). */
export function checkVisitRules(
  v: { headCount: number; petitioners: readonly { isRepresentative: boolean }[] },
  repeatCount: number,
  s: RuleSettings,
): VisitRuleCheck {
  const blocking: { path: string; message: string }[] = [];
  const alerts: string[] = [];
  const reps = v.petitioners.filter((p) => p.isRepresentative).length;
  if (v.headCount > s.maxRepresentatives) {
    if (reps === 0)
      blocking.push({
        path: 'petitioners',
        message: `${v.headCount}人集体来访，请推选不超过${s.maxRepresentatives}名代表后再排队`,
      });
    else if (reps > s.maxRepresentatives)
      blocking.push({ path: 'petitioners', message: `代表不能超过${s.maxRepresentatives}名，现有${reps}名` });
  }
  const bigGroup = v.headCount >= s.principalLeaderGroupSize;
  if (bigGroup)
    alerts.push(`${v.headCount}人集体来访（${s.principalLeaderGroupSize}人及以上），须报告主要领导到场接待`);
  const repeated = repeatCount + 1 >= s.principalLeaderRepeatVisits;
  if (repeated) alerts.push(`同一事项第${repeatCount + 1}次来访，由主要领导接待`);
  return { blocking, alerts, needsPrincipal: bigGroup || repeated };
}
