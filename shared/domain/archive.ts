import { z } from 'zod';

/**
 * Filing a case (一案一卷): how long its folder is kept (保管期限) and its archive number (档号).
 *
 * 保管期限 follows the three periods of 文书档案 (永久, 定期30年, 定期10年; codes Y, D30, D10 as
 * DA/T 22 writes them). The office's rule (a setting, `retentionRule`) gives a period to each fact
 * a case may have; a case gets the LONGEST period of the facts it has, `other` applying to every
 * case. So the same case data always gives the same period, and adding a fact never shortens it.
 *
 *   final     三级终结: the petitioner asked for 复核 and it was decided (or the case is final)
 *   group     集体访: a visit of the case had more people than may be representatives
 *   reviewed  经复查: the petitioner asked for 复查
 *   backlog   信访积案
 *   other     every case
 *
 * 档号 is the office's pattern (a setting, `archiveNoPattern`) with {全宗号} (the fonds number, a
 * setting), {year} (the filing year: the year the case was last answered, else accepted),
 * {保管期限代码} and {seq}, a serial per year and period from the numbering service.
 */
export const RETENTION_PERIODS = ['永久', '30年', '10年'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** The code of each period in a 档号. */
export const RETENTION_CODE: Record<RetentionPeriod, string> = { 永久: 'Y', '30年': 'D30', '10年': 'D10' };

/** Longest first: the order a case's periods are compared in. */
const RANK: Record<RetentionPeriod, number> = { 永久: 3, '30年': 2, '10年': 1 };

export const RETENTION_FACTS = ['final', 'group', 'reviewed', 'backlog', 'other'] as const;
export type RetentionFact = (typeof RETENTION_FACTS)[number];

export const RETENTION_FACT_LABELS: Record<RetentionFact, string> = {
  final: '三级终结（经复核）',
  group: '集体访',
  reviewed: '经复查',
  backlog: '信访积案',
  other: '其他信访事项',
};

const period = z.enum(RETENTION_PERIODS);
export const retentionRuleSchema = z
  .object({ final: period, group: period, reviewed: period, backlog: period, other: period })
  .strict();
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

export const DEFAULT_RETENTION_RULE: RetentionRule = {
  final: '永久',
  group: '永久',
  reviewed: '30年',
  backlog: '30年',
  other: '10年',
};

/** What the rule looks at, read from the case record. */
export type CaseFacts = Record<Exclude<RetentionFact, 'other'>, boolean>;

/** The longest period among the facts the case has; `other` always applies. */
export function retentionOf(facts: CaseFacts, rule: RetentionRule): RetentionPeriod {
  const applying = RETENTION_FACTS.filter((f) => f === 'other' || facts[f]).map((f) => rule[f]);
  return applying.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

export const ARCHIVE_NO_PATTERN = '{全宗号}-{year}-{保管期限代码}-{seq}';

/** An archive-number pattern as the administrator enters it: without the serial every folder would share one. */
export const archiveNoPatternSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .refine((p) => p.includes('{seq}'), '档号格式须包含件号 {seq}');

/** The 全宗号: letters, digits and dashes, as the archive assigned it (may be empty until it is known). */
export const fondsNoSchema = z
  .string()
  .trim()
  .max(20)
  .regex(/^[A-Za-z0-9-]*$/, '全宗号只能包含字母、数字和 -');

/**
 * A 档号 from the pattern. An empty 全宗号 leaves no dangling separator: "-2026-D30-0005" would
 * read as a negative number, so a pattern starting with {全宗号} and a separator drops both.
 */
export function formatArchiveNo(
  pattern: string,
  v: { fonds: string; year: string; period: RetentionPeriod; seq: number },
): string {
  const p = v.fonds ? pattern : pattern.replace(/\{全宗号\}[-·.\s]?/u, '');
  return p
    .replace('{全宗号}', v.fonds)
    .replace('{year}', v.year)
    .replace('{保管期限代码}', RETENTION_CODE[v.period])
    .replace('{保管期限}', v.period)
    .replace('{seq}', String(v.seq).padStart(4, '0'));
}
