import { z } from 'zod';
import { isoDate } from './calendar';
import { CASE_STATUSES } from './case-status';
import { OUTCOMES, type Outcome } from './closure';

/** The ledger (台账): every case as a row, filtered, sorted, searched and exported. */
export const LEDGER_COLUMNS = [
  'caseNo',
  'acceptedOn',
  'petitioner',
  'locality',
  'category',
  'leader',
  'units',
  'status',
  'deadlineOn',
  'daysLeft',
  'outcome',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** Header of each column, as the screen and the exported sheet show it. */
export const LEDGER_HEADERS: Record<LedgerColumn, string> = {
  caseNo: '案件编号',
  acceptedOn: '受理日期',
  petitioner: '信访人',
  locality: '属地',
  category: '类别',
  leader: '包案领导',
  units: '责任单位',
  status: '状态',
  deadlineOn: '办理期限',
  daysLeft: '剩余天数',
  outcome: '办理结果',
};

/** The ledger's outcome column: the closing outcomes. */
export const LEDGER_OUTCOMES = OUTCOMES;
export type LedgerOutcome = Outcome;

/** Most rows one export may hold (100,000 to Excel take about 6 s, 5,000 to PDF about 200 pages); past it the user narrows the filter. */
export const LEDGER_EXPORT_MAX = { pdf: 5000, xlsx: 100_000, csv: 100_000 } as const;

/**
 * A search's total is counted up to this many cases; past it the ledger says 超过 1000 件
 * (`capped`) and pages through the first 1,000 — enough to find a case, and the word is better
 * narrowed than paged. Counting every case a common word is in (村民反映: all 1,000,000), or every
 * one a word and a status share, takes longer than the whole page may; the figures (统计) count
 * exactly, and so does an export.
 */
export const LEDGER_COUNT_CAP = 1000;

const id = z.number().int().positive();

/** Search words: split on spaces, each at least two characters (a surrogate pair counts once). */
export function searchWords(text: string): string[] {
  return text
    .trim()
    .split(/[\s\u3000]+/u)
    .filter(Boolean);
}

export const SEARCH_MIN_CHARS = 2;
export const SEARCH_TOO_SHORT = `每个检索词至少输入${SEARCH_MIN_CHARS}个字`;

/** Whether every search word is long enough to say something (a one-character word matches most of the ledger). */
export const searchWordsLongEnough = (text: string) =>
  searchWords(text).every((w) => Array.from(w).length >= SEARCH_MIN_CHARS);

/** The filters and the sort, shared by the query and the export. */
export const ledgerFilterFields = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  leaderId: id.optional(),
  unitId: id.optional(),
  categoryId: id.optional(),
  localityId: id.optional(),
  statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  overdue: z.boolean().optional(),
  text: z.string().max(100, '检索内容最多100个字').refine(searchWordsLongEnough, SEARCH_TOO_SHORT).optional(),
  sort: z
    .object({ column: z.enum(LEDGER_COLUMNS), order: z.enum(['asc', 'desc']) })
    .strict()
    .default({ column: 'acceptedOn', order: 'desc' }),
};

type FilterShape = { from?: string | undefined; to?: string | undefined };
export const fromNotAfterTo: [(v: FilterShape) => boolean, { path: string[]; message: string }] = [
  (v) => !v.from || !v.to || v.from <= v.to,
  { path: ['to'], message: '截止日期不能早于起始日期' },
];

export const ledgerQueryInput = z
  .object({
    ...ledgerFilterFields,
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine(...fromNotAfterTo);

export const ledgerExportInput = z
  .object({ ...ledgerFilterFields, format: z.enum(['xlsx', 'csv', 'pdf']) })
  .strict()
  .refine(...fromNotAfterTo);
