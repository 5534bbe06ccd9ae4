import type { AnswerWay, FollowUpWay, Outcome, Satisfaction } from './closure';
import type { ReceptionForm, SlotSessionName } from './duty';
import type { LegalChannel, Sex } from './registration';
import { SUPERVISION_LEVEL_LABELS, type SupervisionReason } from './supervision';

/** Chinese labels of the stored enumerations, for screens and printed documents. */
export const SEX = { male: '男', female: '女', unknown: '不详' } as const satisfies Record<Sex, string>;
export const LEGAL_CHANNEL = {
  none: '不属于诉讼、仲裁、行政复议等法定途径受理事项，予以受理。',
  litigation: '属于诉讼途径解决的事项，不予受理，已引导信访人依法向人民法院起诉。',
  arbitration: '属于仲裁途径解决的事项，不予受理，已引导信访人申请仲裁。',
  administrative_review: '属于行政复议途径解决的事项，不予受理，已引导信访人申请行政复议。',
  other: '属于其他法定途径解决的事项，不予受理，已告知信访人相应渠道。',
} as const satisfies Record<LegalChannel, string>;
export const DISPOSITION = {
  on_the_spot: '当场答复',
  assigned: '交办',
  explained: '解释说明（法律政策）',
  guided: '不予受理，引导至法定途径',
} as const;
export const SPEAKER = {
  leader: '接谈领导',
  petitioner: '信访人',
  unit: '单位',
  clerk: '记录人',
  other: '其他',
} as const;
/** The reasons as the 督办单 words them (the screens use the shorter SUPERVISION_REASON_LABELS). */
export const SUPERVISION_REASON = {
  due: '办理期限将至',
  overdue: '已超过办理期限',
  assignment_overdue: '已超过交办期限，未报送办理结果',
  no_receipt: '交办后未签收',
  no_answer: '未按要求答复',
  shirking: '推诿扯皮',
} as const satisfies Record<SupervisionReason, string>;
export const SUPERVISION_LEVEL = SUPERVISION_LEVEL_LABELS;
export const OUTCOME = { support: '支持', explain: '解释', reject: '不支持' } as const satisfies Record<
  Outcome,
  string
>;
export const ANSWER_WAY = {
  written_delivered: '书面答复，当面送达',
  written_mailed: '书面答复，邮寄送达',
  written_electronic: '书面答复，电子送达',
  oral_recorded: '口头答复并记录',
} as const satisfies Record<AnswerWay, string>;
export const SATISFACTION = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unknown: '未表态',
} as const satisfies Record<Satisfaction, string>;
export const FOLLOW_UP_WAY = {
  phone: '电话回访',
  visit: '上门回访',
  interview: '约见回访',
  other: '其他方式',
} as const satisfies Record<FollowUpWay, string>;
export const SESSION = { morning: '上午', afternoon: '下午', full_day: '全天', custom: '' } as const satisfies Record<
  SlotSessionName,
  string
>;
export const FORM = {
  regular: '定期接访',
  appointment: '约访',
  outside: '下访',
  joint: '联合接访',
} as const satisfies Record<ReceptionForm, string>;

export function labelOf(map: Readonly<Record<string, string>>, key: string | null | undefined): string {
  return (key && map[key]) || '';
}

/** The label of a code that arrives as a plain string (a status, a level); an unknown code shows as it is. */
export function labelOr(map: Readonly<Record<string, string>>, key: string): string {
  return map[key] ?? key;
}
