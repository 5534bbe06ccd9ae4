import { delayReasonInput } from './acceptance';
import { z } from 'zod';
import { isoDate } from './calendar';
import { ANSWER_WAYS, FOLLOW_UP_WAYS, OUTCOMES, SATISFACTIONS } from './closure';
import { DEADLINE_RULES } from './deadlines';
import { SUPERVISION_LEVELS, SUPERVISION_REASONS } from './supervision';

const text = (max: number, message: string) => z.string().trim().min(2, message).max(max);
const customDeadline = z
  .object({ amount: z.number().int().min(1).max(365), unit: z.enum(['calendar', 'working']) })
  .optional();
const customNeedsAmount: [
  (v: { deadlineRule: string; custom?: unknown }) => boolean,
  { path: string[]; message: string },
] = [(v) => v.deadlineRule !== 'custom' || v.custom !== undefined, { path: ['custom'], message: '自定期限须填写天数' }];

/**
 * The day the petitioner received a 复查 / 复核 opinion (条例 art 36 counts the 复核 window from
 * it); left out, the day it was decided. Not before the decision; not after today (moves.ts, which
 * has the clock).
 */
const deliveredOn = isoDate.optional();
const deliveredAfterDecision: [
  (v: { decidedOn: string; deliveredOn?: string | undefined }) => boolean,
  { path: string[]; message: string },
] = [
  (v) => v.deliveredOn === undefined || v.deliveredOn >= v.decidedOn,
  { path: ['deliveredOn'], message: '送达日期不能早于答复日期' },
];

/** What each case move carries (the 交办单, 督办单, 办结单 … fields). */
export const caseCreateInput = z
  .object({
    visitId: z.number().int().positive(),
    title: text(100, '请填写事项名称'),
    owningLeaderId: z.number().int().positive().nullable(),
    deadlineRule: z.enum(DEADLINE_RULES),
    custom: customDeadline,
    /** Join the case this person's earlier visit on the same matter already has. */
    joinExisting: z.boolean().default(true),
    /** Why 受理 is decided after the acceptance decision's last day; required then (the core checks the day). */
    delayReason: delayReasonInput,
  })
  .strict()
  .refine(...customNeedsAmount);

export const caseMoveInput = z.discriminatedUnion('move', [
  z
    .object({
      move: z.literal('assign'),
      caseId: z.number().int().positive(),
      instruction: text(1000, '请填写领导批示'),
      leadUnitId: z.number().int().positive(),
      assistUnitIds: z.array(z.number().int().positive()).default([]),
      reportRequirements: z.string().trim().max(500).default(''),
      deadlineRule: z.enum(DEADLINE_RULES).default('visit_15_working_days'),
      custom: customDeadline,
    })
    .strict()
    .refine(...customNeedsAmount),
  z
    .object({ move: z.literal('receive'), caseId: z.number().int().positive(), signedBy: text(30, '请填写签收人') })
    .strict(),
  z
    .object({
      move: z.literal('supervise'),
      caseId: z.number().int().positive(),
      reason: z.enum(SUPERVISION_REASONS),
      level: z.enum(SUPERVISION_LEVELS),
      requirements: z.string().trim().max(500).default(''),
      answerBy: isoDate,
    })
    .strict(),
  z
    .object({
      move: z.literal('extend'),
      caseId: z.number().int().positive(),
      days: z.number().int().min(1, '延长天数至少1日').max(90),
      reason: text(500, '请写明延期理由'),
      approver: text(30, '请填写批准人'),
    })
    .strict(),
  z
    .object({
      move: z.literal('close'),
      caseId: z.number().int().positive(),
      findings: text(4000, '请填写调查核实情况'),
      outcome: z.enum(OUTCOMES),
      basis: text(500, '请填写处理依据'),
      answerDate: isoDate,
      /** The day the petitioner received the written answer, when known; the 复查 window counts from it. */
      deliveredOn: isoDate.nullable().default(null),
      answerWay: z.enum(ANSWER_WAYS),
      satisfaction: z.enum(SATISFACTIONS),
      stopped: z.boolean(),
      officeReview: z.string().trim().max(500).default(''),
    })
    .strict()
    .refine((v) => v.deliveredOn === null || v.deliveredOn >= v.answerDate, {
      path: ['deliveredOn'],
      message: '送达日期不能早于答复日期',
    }),
  z
    .object({
      move: z.literal('followUp'),
      caseId: z.number().int().positive(),
      way: z.enum(FOLLOW_UP_WAYS),
      byName: text(30, '请填写回访人'),
      result: text(1000, '请填写回访情况'),
      satisfaction: z.enum(SATISFACTIONS),
    })
    .strict(),
  z
    .object({
      move: z.literal('requestReview'),
      caseId: z.number().int().positive(),
      requestedOn: isoDate,
      body: text(60, '请填写复查机关'),
    })
    .strict(),
  z
    .object({
      move: z.literal('decideReview'),
      caseId: z.number().int().positive(),
      result: text(1000, '请填写复查意见'),
      decidedOn: isoDate,
      deliveredOn: deliveredOn,
    })
    .strict()
    .refine(...deliveredAfterDecision),
  z
    .object({
      move: z.literal('requestRereview'),
      caseId: z.number().int().positive(),
      requestedOn: isoDate,
      body: text(60, '请填写复核机关'),
    })
    .strict(),
  z
    .object({
      move: z.literal('decideRereview'),
      caseId: z.number().int().positive(),
      result: text(1000, '请填写复核意见'),
      decidedOn: isoDate,
      deliveredOn: deliveredOn,
    })
    .strict()
    .refine(...deliveredAfterDecision),
]);
export type CaseMoveInput = z.output<typeof caseMoveInput>;

/** 包案领导责任书: the owning leader's letter of responsibility for a case (seed 002). */
export const responsibilityInput = z
  .object({
    caseId: z.number().int().positive(),
    unitId: z.number().int().positive().nullable(),
    responsiblePerson: text(30, '请填写责任人'),
    goal: text(500, '请填写化解目标'),
    measures: text(1000, '请填写工作措施'),
    deadlineOn: isoDate,
    signedOn: isoDate.nullable().default(null),
  })
  .strict();
export type ResponsibilityInput = z.output<typeof responsibilityInput>;

/**
 * 查办报告: the owning leader's report on the case (seed 004, the "六有"): findings, the measures
 * taken, the 稳控措施 in place and the result, dated the day the leader signs it.
 */
export const investigationReportInput = z
  .object({
    caseId: z.number().int().positive(),
    findings: text(4000, '请填写查办情况'),
    measures: text(2000, '请填写采取的措施'),
    stabilityMeasures: text(1000, '请填写稳控措施'),
    result: text(1000, '请填写办理结果'),
    signedOn: isoDate,
  })
  .strict();
export type InvestigationReportInput = z.output<typeof investigationReportInput>;
