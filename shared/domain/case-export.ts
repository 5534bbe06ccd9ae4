import { z } from 'zod';
import { isoDate } from './calendar';
import { CASE_STAGES } from './case-machine';
import { CASE_STATUSES } from './case-status';
import { ANSWER_WAYS, FOLLOW_UP_WAYS, OUTCOMES, SATISFACTIONS } from './closure';
import { DEADLINE_RULES } from './deadlines';
import { FORM } from './labels';
import { DISPOSITIONS, PARTICIPANT_KINDS, SPEAKERS } from './interview';
import { RECEPTION_FORMS } from './duty';
import { SEXES } from './registration';
import { SUPERVISION_LEVELS, SUPERVISION_REASONS } from './supervision';

/**
 * The JSON handed to another system: one case, or every case accepted in a date range, with
 * everything the hall recorded about it. This zod schema is the format: the checked-in JSON
 * Schema (docs/schemas/case-export.schema.json) is generated from it by z.toJSONSchema, and a
 * test fails when the two differ, so code and documentation cannot drift.
 *
 * Personal data is masked unless the export was made with `full` by a role that may: names keep
 * the surname (张*), ID numbers region and last four, phones first three and last four;
 * addresses and birth dates are left out (null). Free text (the demand, the turns) is the
 * record as written and is never altered.
 */
export const CASE_EXPORT_FORMAT = 'hall.case-export';
export const CASE_EXPORT_VERSION = 1;
/** Most cases one JSON export may hold; a larger range is refused with its count. */
export const CASE_EXPORT_MAX = 5000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('日期 YYYY-MM-DD（北京时间）');
const instant = z
  .string()
  .describe('时刻，ISO 8601（UTC，如 2026-10-08T02:15:00.000Z）；历史导入的记录没有时刻，记为当日北京时间 09:00');
const text = z.string();
const outcome = z.enum(OUTCOMES).describe('support 支持 / explain 解释 / reject 不支持（信访工作条例第32条）');
const satisfaction = z.enum(SATISFACTIONS).describe('满意 / 基本满意 / 不满意 / 未表态');

export const exportedPetitioner = z
  .object({
    ref: z.string().describe('本文件内的信访人编号（p1、p2…），来访记录以此引用；不是数据库编号'),
    name: text.describe('姓名（脱敏时只留姓氏，如 张*）'),
    sex: z.enum(SEXES),
    idNumber: text.nullable().describe('身份证号（脱敏时保留前6位和后4位）'),
    birthDate: day.nullable().describe('出生日期（脱敏时为 null）'),
    phone: text.nullable().describe('电话（脱敏时保留前3位和后4位）'),
    address: text.nullable().describe('住址（脱敏时为 null）'),
  })
  .strict();

export const exportedVisit = z
  .object({
    visitNo: text,
    date: day,
    form: z.enum(RECEPTION_FORMS).describe(RECEPTION_FORMS.map((f) => FORM[f]).join(' / ')),
    headCount: z.number().int().min(1),
    category: text.nullable(),
    locality: text.nullable(),
    demand: text,
    facts: text,
    earlierHandling: text,
    leader: text.nullable().describe('接访领导'),
    accepted: z.boolean().describe('false：属法定途径，不予受理并引导'),
    repeatCount: z.number().int().min(0).describe('此前就同一事项来访的次数'),
    petitioners: z.array(z.object({ ref: text, primary: z.boolean(), representative: z.boolean() }).strict()),
  })
  .strict();

export const exportedInterview = z
  .object({
    visitNo: text,
    startedAt: instant,
    endedAt: instant.nullable(),
    place: text,
    leader: text.nullable(),
    participants: z.array(z.object({ kind: z.enum(PARTICIPANT_KINDS), name: text }).strict()),
    turns: z.array(
      z
        .object({ seq: z.number().int(), speaker: z.enum(SPEAKERS), speakerName: text, text, at: instant.nullable() })
        .strict(),
    ),
    opinion: text,
    disposition: z.enum(DISPOSITIONS).nullable(),
    petitionerResponse: text,
  })
  .strict();

export const exportedAssignment = z
  .object({
    assignmentNo: text,
    stage: z.enum(CASE_STAGES),
    instruction: text,
    reportRequirements: text,
    deadlineOn: day,
    assignedAt: instant,
    units: z.array(
      z.object({ name: text, role: z.enum(['lead', 'assist']).describe('lead 牵头 / assist 协办') }).strict(),
    ),
    receipts: z.array(z.object({ unit: text, signedBy: text, signedAt: instant }).strict()),
  })
  .strict();

export const exportedCase = z
  .object({
    caseNo: text,
    title: text,
    demand: text,
    category: text.nullable(),
    locality: text.nullable(),
    owningLeader: text.nullable().describe('包案领导'),
    acceptedOn: day,
    deadlineRule: z.enum(DEADLINE_RULES),
    deadlineOn: day,
    deadlineLabel: text,
    status: z.enum(CASE_STATUSES),
    stage: z.enum(CASE_STAGES),
    final: z.boolean().describe('三级终结'),
    backlog: z.boolean().describe('信访积案'),
    petitioners: z.array(exportedPetitioner),
    visits: z.array(exportedVisit),
    interviews: z.array(exportedInterview),
    assignments: z.array(exportedAssignment),
    supervisions: z.array(
      z
        .object({
          supervisionNo: text,
          assignmentNo: text.nullable(),
          reason: z.enum(SUPERVISION_REASONS),
          level: z.enum(SUPERVISION_LEVELS),
          requirements: text,
          answerBy: day,
          issuedAt: instant,
          receiptSignedBy: text.nullable(),
          receiptAt: instant.nullable(),
        })
        .strict(),
    ),
    extensions: z.array(
      z
        .object({
          days: z.number().int(),
          reason: text,
          approver: text,
          approvedOn: day,
          previousDeadlineOn: day,
          newDeadlineOn: day,
          petitionerNotifiedOn: day.nullable(),
        })
        .strict(),
    ),
    closures: z.array(
      z
        .object({
          stage: z.enum(CASE_STAGES),
          unit: text.nullable(),
          findings: text,
          outcome,
          basis: text,
          answerDate: day,
          answerWay: z.enum(ANSWER_WAYS),
          satisfaction,
          stopped: z.boolean().describe('息诉罢访'),
          officeReview: text,
          closedAt: instant,
        })
        .strict(),
    ),
    followUps: z.array(
      z.object({ at: instant, way: z.enum(FOLLOW_UP_WAYS), byName: text, result: text, satisfaction }).strict(),
    ),
    reviews: z.array(
      z
        .object({
          kind: z.enum(['review', 'rereview']),
          requestedOn: day,
          body: text,
          deadlineOn: day,
          result: text.nullable(),
          decidedOn: day.nullable(),
        })
        .strict(),
    ),
    documents: z.array(
      z
        .object({
          kind: text.describe(
            '文书种类（registration 登记单、assignment 交办单、supervision 督办单、closure 办结单、folder 一案一卷 …）',
          ),
          docNo: text.nullable(),
          verifyCode: text.describe('核验码：hall verify 或“档案 → 核验文书”可查'),
          version: z.number().int(),
          pages: z.number().int(),
          printedAt: instant,
        })
        .strict(),
    ),
  })
  .strict();

export const caseExportDocument = z
  .object({
    format: z.literal(CASE_EXPORT_FORMAT),
    version: z.literal(CASE_EXPORT_VERSION),
    office: text.describe('导出单位'),
    exportedAt: instant,
    masked: z.boolean().describe('true：个人信息已脱敏（默认）；false：完整数据，导出已记入审计'),
    scope: z
      .union([z.object({ caseNo: text }).strict(), z.object({ acceptedFrom: day, acceptedTo: day }).strict()])
      .describe('一个案件，或受理日期在此范围内（含两端）的全部案件'),
    cases: z.array(exportedCase),
  })
  .strict()
  .meta({
    title: '信访接待大厅 案件数据交换格式',
    description: 'One case or every case accepted in a date range, as recorded by 信访接待大厅. See docs/exports.md.',
  });

export type CaseExportDocument = z.infer<typeof caseExportDocument>;
export type ExportedCase = z.infer<typeof exportedCase>;

/** The JSON Schema (draft 2020-12) of the format, as checked in at docs/schemas/case-export.schema.json. */
export function caseExportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://petition-hall.local/schemas/case-export.schema.json',
    ...(z.toJSONSchema(caseExportDocument, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>),
  };
}

/** `export.cases`: one case by id, or a range of acceptance dates; `full` asks for unmasked values. */
export const caseExportInput = z
  .object({
    caseId: z.number().int().positive().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    full: z.boolean().default(false),
  })
  .strict()
  .refine((v) => (v.caseId !== undefined) !== (v.from !== undefined || v.to !== undefined), {
    path: ['caseId'],
    message: '请指定一个案件，或受理日期的起止',
  })
  .refine((v) => v.caseId !== undefined || (v.from !== undefined && v.to !== undefined), {
    path: ['to'],
    message: '请同时填写起始和截止日期',
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '截止日期不能早于起始日期' });
