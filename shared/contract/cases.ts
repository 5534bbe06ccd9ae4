import { z } from 'zod';
import { caseCreateInput, caseMoveInput, investigationReportInput, responsibilityInput } from '../domain/case-input';
import { CASE_STATUSES } from '../domain/case-status';
import { DISPOSITIONS, interviewSaveInput, PARTICIPANT_KINDS, SPEAKERS } from '../domain/interview';
import { id } from './schemas';
import { method, type MethodSpec, ROLE_SETS } from './define';

const interviewView = z.object({
  interviewId: z.number().int(),
  visitId: z.number().int(),
  visitNo: z.string(),
  petitioner: z.string(),
  leader: z.string().nullable(),
  leaderId: z.number().int().nullable(),
  demand: z.string(),
  case: z.object({ caseId: z.number().int(), caseNo: z.string() }).nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string(),
  participants: z.array(z.object({ kind: z.enum(PARTICIPANT_KINDS), name: z.string() })),
  turns: z.array(z.object({ speaker: z.enum(SPEAKERS), text: z.string() })),
  opinion: z.string(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  petitionerResponse: z.string(),
  signed: z.boolean(),
  version: z.number().int(),
});

export const casesMethods = {
  'cases.create': method({
    summary: '从来访立案（同一人同一事项已有案件的并案），按规则计算办理期限',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: caseCreateInput,
    output: z.object({
      caseId: z.number().int(),
      caseNo: z.string(),
      joined: z.boolean(),
      deadline: z.string(),
      deadlineLabel: z.string(),
    }),
  }),

  'cases.move': method({
    summary: '案件流转：交办、签收、督办、延期、办结、回访、复查、复核',
    access: ROLE_SETS.casework,
    scope: [{ case: 'caseId' }],
    input: caseMoveInput,
    /** recordId: the assignment, supervision, extension, closure, follow-up or review the move wrote, for its slip. */
    output: z.object({
      status: z.string(),
      stage: z.string(),
      deadline: z.string(),
      recordId: z.number().int().nullable(),
    }),
  }),

  'cases.responsibility': method({
    summary: '包案领导责任书：包案领导、责任单位和责任人、化解目标、工作措施和时限（记入案卷）',
    access: ROLE_SETS.casework,
    scope: [{ case: 'caseId' }],
    input: responsibilityInput,
    output: z.object({ id: z.number().int() }),
  }),

  'cases.report': method({
    summary: '包案领导查办报告：查办情况、采取的措施、稳控措施和办理结果，包案领导签字（记入案卷）',
    access: ROLE_SETS.casework,
    scope: [{ case: 'caseId' }],
    input: investigationReportInput,
    output: z.object({ id: z.number().int() }),
  }),

  'interviews.open': method({
    summary: '开始接谈：打开这次来访的接谈记录（没有则新建）',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: z.object({ visitId: id }).strict(),
    output: interviewView,
  }),

  'interviews.get': method({
    summary: '读取接谈记录',
    access: ROLE_SETS.casework,
    scope: [{ interview: 'interviewId' }],
    input: z.object({ interviewId: id }).strict(),
    output: interviewView,
  }),

  'interviews.save': method({
    summary: '保存接谈记录（边写边存；end 结束接谈）',
    access: ROLE_SETS.casework,
    scope: [{ interview: 'interviewId' }],
    input: interviewSaveInput,
    output: z.object({ version: z.number().int(), savedAt: z.string(), endedAt: z.string().nullable() }),
  }),

  'cases.list': method({
    summary: '案件列表（按受理日期倒序，分页；信访人姓名脱敏）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z
      .object({
        status: z.enum(CASE_STATUSES).optional(),
        leaderId: id.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          acceptedOn: z.string(),
          petitioner: z.string(),
          title: z.string(),
          status: z.string(),
          stage: z.string(),
          leader: z.string().nullable(),
          leadUnit: z.string().nullable(),
          deadlineOn: z.string(),
          daysLeft: z.number().int().nullable(),
        }),
      ),
    }),
  }),

  'cases.get': method({
    summary: '一个案件的全部情况：来访、接谈、交办、督办、延期、办结、复查复核、已出文书和操作记录',
    // The archivist reads every case (and prints its folder from it); writing stays casework's.
    access: ROLE_SETS.everyone,
    scope: [{ case: 'caseId' }],
    input: z.object({ caseId: id }).strict(),
    output: z.object({
      caseId: z.number().int(),
      caseNo: z.string(),
      title: z.string(),
      demand: z.string(),
      petitioner: z.string(),
      /** The petitioner's ID number and phone, masked; the full value through petitioners.reveal. */
      petitionerId: z.number().int(),
      idNumberMasked: z.string(),
      phoneMasked: z.string(),
      leader: z.string().nullable(),
      leaderId: z.number().int().nullable(),
      status: z.string(),
      stage: z.string(),
      final: z.boolean(),
      acceptedOn: z.string(),
      deadlineOn: z.string(),
      deadlineLabel: z.string(),
      daysLeft: z.number().int(),
      visits: z.array(z.object({ id: z.number().int(), visitNo: z.string(), date: z.string(), demand: z.string() })),
      interviews: z.array(
        z.object({
          id: z.number().int(),
          visitId: z.number().int(),
          startedAt: z.string(),
          endedAt: z.string().nullable(),
          disposition: z.string().nullable(),
          /** The leader's opinion as recorded (领导意见): what 交办 starts its instruction from. */
          opinion: z.string(),
        }),
      ),
      assignments: z.array(
        z.object({
          id: z.number().int(),
          assignmentNo: z.string(),
          stage: z.string(),
          instruction: z.string(),
          deadlineOn: z.string(),
          assignedAt: z.string(),
          leadUnit: z.string().nullable(),
          receivedBy: z.string().nullable(),
          receivedAt: z.string().nullable(),
        }),
      ),
      supervisions: z.array(
        z.object({
          id: z.number().int(),
          supervisionNo: z.string(),
          reason: z.string(),
          level: z.string(),
          answerBy: z.string(),
          issuedAt: z.string(),
        }),
      ),
      extensions: z.array(
        z.object({
          id: z.number().int(),
          days: z.number().int(),
          reason: z.string(),
          approver: z.string(),
          approvedOn: z.string(),
          newDeadlineOn: z.string(),
          at: z.string(),
        }),
      ),
      closures: z.array(
        z.object({
          id: z.number().int(),
          stage: z.string(),
          outcome: z.string(),
          answerDate: z.string(),
          deliveredOn: z.string().nullable(),
          satisfaction: z.string(),
          closedAt: z.string(),
        }),
      ),
      followUps: z.array(
        z.object({
          id: z.number().int(),
          at: z.string(),
          way: z.string(),
          byName: z.string(),
          result: z.string(),
          satisfaction: z.string(),
        }),
      ),
      appointments: z.array(
        z.object({ id: z.number().int(), at: z.string(), leader: z.string(), place: z.string(), status: z.string() }),
      ),
      responsibilities: z.array(
        z.object({
          id: z.number().int(),
          leader: z.string(),
          unit: z.string().nullable(),
          responsiblePerson: z.string(),
          goal: z.string(),
          deadlineOn: z.string(),
          signedOn: z.string().nullable(),
          at: z.string(),
        }),
      ),
      reports: z.array(
        z.object({
          id: z.number().int(),
          leader: z.string(),
          result: z.string(),
          signedOn: z.string(),
          at: z.string(),
        }),
      ),
      reviews: z.array(
        z.object({
          id: z.number().int(),
          kind: z.string(),
          requestedOn: z.string(),
          deadlineOn: z.string(),
          result: z.string().nullable(),
          decidedOn: z.string().nullable(),
          deliveredOn: z.string().nullable(),
        }),
      ),
      /**
       * The petitioner's window open now (复查 after the answer, 复核 after the 复查 opinion), counted
       * from the day the paper was received and rolled past a holiday; null when none applies.
       */
      requestWindow: z
        .object({
          kind: z.enum(['review', 'rereview']),
          paper: z.string(),
          from: z.string(),
          last: z.string(),
          rolled: z.boolean(),
          label: z.string(),
          daysLeft: z.number().int(),
        })
        .nullable(),
      documents: z.array(
        z.object({
          kind: z.string(),
          docNo: z.string().nullable(),
          code: z.string(),
          version: z.number().int(),
          pages: z.number().int(),
          createdAt: z.string(),
        }),
      ),
      audit: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string() })),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
