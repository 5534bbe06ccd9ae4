import { z } from 'zod';
import { visitInput } from '../domain/registration';
import { ACCEPT_DECISIONS, decideInput } from '../domain/acceptance';
import { correctionInput } from '../domain/correction';
import { checkPersonNumbers, IDENTITY_SOURCES, SEXES } from '../domain/registration';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { earlierVisit, ticketView } from './schemas';

/** A registration as shown: ID numbers and phones masked (petitioners.reveal shows them, audited). */
const petitionerView = z.object({
  petitionerId: z.number().int(),
  name: z.string(),
  sex: z.enum(SEXES),
  idNumber: z.string(),
  phone: z.string(),
  address: z.string(),
  isRepresentative: z.boolean(),
});

const registrationView = z.object({
  petitioners: z.array(petitionerView),
  headCount: z.number().int(),
  categoryId: z.number().int().nullable(),
  category: z.string().nullable(),
  localityId: z.number().int().nullable(),
  locality: z.string().nullable(),
  demand: z.string(),
  facts: z.string(),
  earlierHandling: z.string(),
});

export const visitsMethods = {
  'visits.get': method({
    summary: '来访登记详情：当前内容（证件号、电话脱敏）、更正记录（历次版本）和当前账号能否更正',
    access: ROLE_SETS.everyone,
    scope: [{ visit: 'visitId' }],
    input: z.object({ visitId: z.number().int().positive() }).strict(),
    output: registrationView.extend({
      /** The current petitioners, each with where the identity came from at this visit. */
      petitioners: z.array(petitionerView.extend({ identitySource: z.enum(IDENTITY_SOURCES) })),
      visitId: z.number().int(),
      visitNo: z.string(),
      date: z.string(),
      leader: z.string().nullable(),
      registrar: z.string().nullable(),
      cases: z.array(z.object({ caseId: z.number().int(), caseNo: z.string() })),
      /** The current version: 1 + the number of corrections. */
      version: z.number().int(),
      correction: z.object({ may: z.boolean(), reasonRequired: z.boolean(), why: z.string().nullable() }),
      versions: z.array(
        z.object({
          version: z.number().int(),
          data: registrationView,
          correctedAt: z.string(),
          correctedBy: z.string().nullable(),
          reason: z.string().nullable(),
          changed: z.array(z.string()),
        }),
      ),
    }),
  }),

  'visits.correct': method({
    summary:
      '更正登记：立案前由接待员更正；立案后由管理员或包案领导写明原因更正；保留更正前的版本，记入审计，此前打印的登记单核验为“记录已更新”',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: correctionInput,
    output: z.object({ version: z.number().int(), changed: z.array(z.string()) }),
  }),

  'visits.lookup': method({
    summary: '输入身份证号、电话或姓名时查此前来访（证件号、电话脱敏）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: z
      .object({
        idNumber: z.string().trim().max(20).optional(),
        phone: z.string().trim().max(20).optional(),
        namePrefix: z.string().trim().min(1).max(30).optional(),
      })
      .strict()
      .refine((q) => q.idNumber || q.phone || q.namePrefix, { message: '请输入身份证号、电话或姓名' })
      // A number that cannot be anyone's is refused as at registration, not answered with "no visits".
      .superRefine((q, ctx) => checkPersonNumbers({ idNumber: q.idNumber ?? '', phone: q.phone ?? '' }, ctx)),
    output: z.array(earlierVisit),
  }),

  'visits.register': method({
    summary: '登记来访：检查规则，匹配接访领导，取排队号',
    access: ROLE_SETS.counter,
    scope: 'none',
    input: visitInput,
    output: z.object({
      visitId: z.number().int(),
      visitNo: z.string(),
      leaderId: z.number().int().nullable(),
      reason: z.string(),
      alerts: z.array(z.string()),
      guided: z.boolean(),
      finalMatter: z.boolean(),
      newMatterReason: z.string().nullable(),
      ticket: z
        .object({ id: z.number().int(), code: z.string(), ahead: z.number().int(), waitMinutes: z.number().int() })
        .nullable(),
    }),
  }),

  'visits.pending': method({
    summary: '待受理告知：尚未作出受理决定的来访，按受理告知期限剩余天数（超期的标红）',
    access: ROLE_SETS.casework,
    scope: 'filtered',
    input: noInput,
    output: z.object({
      on: z.string(),
      days: z.number().int(),
      items: z.array(
        z.object({
          visitId: z.number().int(),
          visitNo: z.string(),
          date: z.string(),
          petitioner: z.string(),
          demand: z.string(),
          leader: z.string().nullable(),
          finalMatter: z.boolean(),
          dueOn: z.string(),
          daysLeft: z.number().int(),
          overdue: z.boolean(),
        }),
      ),
      decided: z.array(
        z.object({
          decisionId: z.number().int(),
          visitId: z.number().int(),
          visitNo: z.string(),
          petitioner: z.string(),
          decision: z.enum(ACCEPT_DECISIONS),
          decidedOn: z.string(),
          dueOn: z.string(),
          late: z.boolean(),
          delayReason: z.string().nullable(),
          organ: z.string().nullable(),
          caseNo: z.string().nullable(),
          notice: z.object({ kind: z.string(), recordId: z.number().int() }).nullable(),
        }),
      ),
    }),
  }),

  'visits.decide': method({
    summary: '受理决定：不予受理、转送/交办、不再受理（受理即立案，用 cases.create）；逾期决定须写明原因',
    access: ROLE_SETS.casework,
    scope: [{ visit: 'visitId' }],
    input: decideInput,
    output: z.object({
      decisionId: z.number().int(),
      late: z.boolean(),
      dueOn: z.string(),
      notice: z.object({ kind: z.string(), recordId: z.number().int() }),
    }),
  }),

  'queue.today': method({
    summary: '今日排队（姓名脱敏）',
    access: 'session',
    scope: 'filtered',
    input: noInput,
    output: z.array(ticketView),
    background: true,
  }),

  'queue.call': method({
    summary: '叫下一个号',
    access: ROLE_SETS.casework,
    scope: [{ leader: 'leaderId' }],
    input: z.object({ leaderId: z.number().int().positive() }).strict(),
    output: z.object({ ticket: z.object({ id: z.number().int(), code: z.string() }).nullable() }),
  }),

  'queue.act': method({
    summary: '重呼、过号、转交、开始接待、办结',
    access: ROLE_SETS.casework,
    scope: [{ ticket: 'ticketId' }],
    input: z.discriminatedUnion('action', [
      z.object({ action: z.literal('recall'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('skip'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('start'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('finish'), ticketId: z.number().int().positive() }).strict(),
      z
        .object({
          action: z.literal('transfer'),
          ticketId: z.number().int().positive(),
          leaderId: z.number().int().positive(),
          reason: z.string().trim().min(2, '请写明转交原因').max(200),
        })
        .strict(),
    ]),
    output: z.object({ result: z.string() }),
  }),
} as const satisfies Record<string, MethodSpec>;
