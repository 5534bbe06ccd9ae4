import { z } from 'zod';
import { carriesPersonalData, PRINT_COPIES } from '../documents/copies';
import { DOCUMENT_KINDS } from '../documents/kinds';
import { revealReasonSchema } from '../domain/reveal';
import { isStorableText } from '../domain/text';
import { method, type MethodSpec, ROLE_SETS } from './define';

/** What a verification says, the same words on screen and in the CLI: a short verdict and what it means. */
export const VERIFY_STATUS_LABELS = {
  current: '与当前记录一致',
  outdated: '记录已更新',
  unknown: '查无此码',
  rejected: '核验不通过',
} as const;

export const VERIFY_STATUS_NOTES = {
  current: '这份文书与系统中的记录一致。',
  outdated: '打印后记录有改动，这份是较早的版本。',
  unknown: '不是本系统打印的文书，或核验码输入有误。',
  rejected: '二维码与核验码不符，可能是伪造或被改动的文书。',
} as const;

export const documentsMethods = {
  'documents.print': method({
    summary:
      '按记录生成文书 PDF（登记、接谈、交办、督办、办结、责任书、约访、公示、台账、月报、排队号、一案一卷），记录文书号与核验码；默认脱敏件，完整件须说明理由并记入审计',
    access: ROLE_SETS.everyone,
    scope: [{ document: ['kind', 'recordId'] }],
    input: z
      .object({
        kind: z.enum(DOCUMENT_KINDS),
        recordId: z.number().int().positive('请指定记录'),
        /** masked: ID numbers and phones as on screen; full: a reveal, with a reason (登记单, 交办单, 一案一卷). */
        copy: z.enum(PRINT_COPIES).default('masked'),
        reason: revealReasonSchema.optional(),
        /**
         * The operator confirmed a draft: 草稿 watermark, no number, never PDF/A. Without it a
         * document with a character no print font has is refused (RULE_VIOLATION naming them).
         */
        draft: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.copy === 'masked' || !carriesPersonalData(v.kind) || v.reason !== undefined, {
        message: '打印完整件请选择理由',
        path: ['reason'],
      }),
    output: z.object({
      documentId: z.number().int(),
      code: z.string(),
      docNo: z.string(),
      version: z.number().int(),
      pages: z.number().int(),
      pdfBase64: z.string(),
      missingGlyphs: z.array(z.string()),
    }),
  }),

  'documents.glyphCheck': method({
    summary: '检查文字中是否有打印字体缺少的字（登记时随输入提示）',
    access: ROLE_SETS.everyone,
    scope: 'none',
    input: z
      .object({
        text: z.string().max(500, '最多500个字').refine(isStorableText, '含有无法保存的字符（不完整的字或空字符）'),
      })
      .strict(),
    output: z.object({ missing: z.array(z.string()) }),
  }),

  'documents.targets': method({
    summary: '可打印的记录（编号、脱敏姓名、日期），供选择',
    access: ROLE_SETS.everyone,
    scope: 'filtered',
    input: z.object({ kind: z.enum(DOCUMENT_KINDS), query: z.string().trim().max(40).default('') }).strict(),
    output: z.array(z.object({ id: z.number().int(), label: z.string() })),
  }),

  'documents.verify': method({
    summary:
      '核验纸质文书：输入或扫描核验码，判断是否与当前记录一致；记录已更新时列出改动的项目；二维码与核验码不符的拒绝',
    access: 'session',
    scope: 'filtered',
    input: z.object({ code: z.string().trim().min(4, '请输入核验码').max(200) }).strict(),
    output: z.object({
      /** current 一致 · outdated 记录已更新 · unknown 查无此码 · rejected 二维码与核验码不符 */
      status: z.enum(['current', 'outdated', 'unknown', 'rejected']),
      code: z.string(),
      kind: z.enum(DOCUMENT_KINDS).nullable(),
      label: z.string().nullable(),
      recordId: z.number().int().nullable(),
      docNo: z.string().nullable(),
      /** China time, YYYY-MM-DD HH:mm. */
      printedAt: z.string().nullable(),
      version: z.number().int().nullable(),
      currentVersion: z.number().int().nullable(),
      /** What changed since printing, by the names the paper uses (诉求, 接访领导（职务）, 统计数字：办结). */
      changes: z.array(z.string()),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
