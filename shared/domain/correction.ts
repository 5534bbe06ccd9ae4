import { z } from 'zod';
import { parseIdNumber, parsePhone } from './id-number';
import { checkPersonNumbers, matterFields, SEXES } from './registration';
import type { Role } from './roles';

/**
 * Correcting a registration (更正登记). The counter corrects its own registration until a case
 * is opened on the visit; after that only the administrator or the case's owning leader may, and
 * only with a stated reason. Every correction keeps the earlier version (visit_versions).
 */

/**
 * A petitioner as corrected. The screen shows the ID number and phone masked, so an empty field
 * keeps the stored value (no reveal is needed to correct a name); a typed one replaces it and is
 * checked as at registration.
 */
export const correctedPetitioner = z
  .object({
    petitionerId: z.number().int().positive(),
    name: z.string().trim().min(1, '请填写姓名').max(30, '姓名过长'),
    sex: z.enum(SEXES).default('unknown'),
    idNumber: z.string().trim().max(20, '身份证号过长').default(''),
    phone: z.string().trim().max(20, '电话过长').default(''),
    address: z.string().trim().max(120, '住址过长').default(''),
    isRepresentative: z.boolean().default(false),
  })
  .strict()
  .superRefine(checkPersonNumbers)
  .transform((p) => {
    const id = p.idNumber ? parseIdNumber(p.idNumber) : null;
    const phone = p.phone ? parsePhone(p.phone) : null;
    return {
      ...p,
      /** null: keep the stored value. */
      idNumber: id?.ok ? id.value : null,
      birthDate: id?.ok ? id.birthDate : null,
      phone: phone?.ok ? phone.value : null,
      address: p.address || null,
    };
  });

export const correctionInput = z
  .object({
    visitId: z.number().int().positive(),
    /** The version the form was filled from: a correction of an older one is a conflict. */
    version: z.number().int().min(1),
    petitioners: z.array(correctedPetitioner).min(1, '至少登记一位信访人').max(200),
    ...matterFields,
    reason: z.string().trim().max(200, '更正原因过长').default(''),
  })
  .strict()
  .refine((v) => v.headCount >= v.petitioners.length, { path: ['headCount'], message: '人数不能少于登记的信访人数' })
  .refine((v) => new Set(v.petitioners.map((p) => p.petitionerId)).size === v.petitioners.length, {
    path: ['petitioners'],
    message: '同一信访人不能出现两次',
  });
export type CorrectionInput = z.output<typeof correctionInput>;

/** The shortest reason a correction after 立案 may give. */
export const MIN_CORRECTION_REASON = 4;
export const CORRECTION_REASON_REQUIRED = `已立案的登记，更正须写明原因（至少${MIN_CORRECTION_REASON}个字）`;

export type CorrectionRight = { may: true; reasonRequired: boolean } | { may: false; why: string };

/** Who may correct a registration, and when (the one rule; the service and the screen ask it). */
export function correctionRight(role: Role, visit: { caseOpen: boolean; ownsCase: boolean }): CorrectionRight {
  if (role === 'archivist') return { may: false, why: '档案员不能更正登记内容' };
  if (!visit.caseOpen)
    return role === 'leader' ? { may: false, why: '尚未立案的登记由接待员更正' } : { may: true, reasonRequired: false };
  if (role === 'admin' || (role === 'leader' && visit.ownsCase)) return { may: true, reasonRequired: true };
  return role === 'leader'
    ? { may: false, why: '已立案的登记只能由管理员或本案的包案领导更正' }
    : { may: false, why: '已立案，登记须由管理员或包案领导更正' };
}

/** A registration as one version holds it: the matter and each petitioner in full. */
export interface RegistrationVersion {
  petitioners: {
    petitionerId: number;
    name: string;
    sex: (typeof SEXES)[number];
    idNumber: string | null;
    phone: string | null;
    address: string | null;
    isRepresentative: boolean;
  }[];
  headCount: number;
  categoryId: number | null;
  category: string | null;
  localityId: number | null;
  locality: string | null;
  demand: string;
  facts: string;
  earlierHandling: string;
}

const PERSON_LABELS: [keyof RegistrationVersion['petitioners'][number], string][] = [
  ['name', '姓名'],
  ['sex', '性别'],
  ['idNumber', '身份证号码'],
  ['phone', '联系电话'],
  ['address', '住址'],
  ['isRepresentative', '代表'],
];

const MATTER_LABELS: [keyof RegistrationVersion, string][] = [
  ['headCount', '来访人数'],
  ['categoryId', '问题类别'],
  ['localityId', '所属地'],
  ['demand', '诉求'],
  ['facts', '事实和理由'],
  ['earlierHandling', '此前处理情况'],
];

/** What a correction changed, in the words of the 登记单: 信访人1姓名, 诉求 … (never the values). */
export function correctedFields(before: RegistrationVersion, after: RegistrationVersion): string[] {
  const out: string[] = [];
  after.petitioners.forEach((p, i) => {
    const q = before.petitioners.find((x) => x.petitionerId === p.petitionerId);
    for (const [key, label] of PERSON_LABELS) if (!q || q[key] !== p[key]) out.push(`信访人${i + 1}${label}`);
  });
  for (const [key, label] of MATTER_LABELS) if (before[key] !== after[key]) out.push(label);
  return out;
}
