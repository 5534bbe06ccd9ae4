/**
 * What every running number of the hall looks like: the one place its visible format lives.
 * The counters behind them (which serial comes next) are `electron/core/infra/numbering.ts`;
 * nothing else builds a number. `day` is always the China day (`chinaDay`), so a number's year
 * is the China year.
 *
 *   case (信访事项)     XF + year + 4-digit serial, a series per year      XF20260017
 *   assignment (交办)   JB + year + 4 digits, per year                    JB20260017
 *   supervision (督办)  DB + year + 4 digits, per year                    DB20260017
 *   visit (来访登记)    DJ + YYYYMMDD + 3 digits, per day                 DJ20261123017
 *   queue ticket        room prefix + 3 digits, per day and prefix        A017
 *   document (文号)     the office's pattern, per series and year         清信访登〔2026〕17号
 *
 * An extension (延期) has no number of its own; its notice carries a document number.
 */
const serial = (seq: number, width: number) => String(seq).padStart(width, '0');
const compactDay = (day: string) => day.replace(/-/g, '');

/** The year-numbered case, assignment and supervision series: their letters. */
export const YEAR_SERIES_PREFIX = { case: 'XF', assignment: 'JB', supervision: 'DB' } as const;

/**
 * The text every number of a series starts with, before its serial (digits only): the
 * service reads the highest serial stored after it, so imported or demo numbers are never issued again.
 */
export function numberPrefix(kind: 'case' | 'assignment' | 'supervision' | 'visit', day: string): string {
  return kind === 'visit' ? `DJ${compactDay(day)}` : `${YEAR_SERIES_PREFIX[kind]}${day.slice(0, 4)}`;
}

/** XF20260017, JB20260017, DB20260017 or DJ20261123017. */
export function formatNumber(kind: 'case' | 'assignment' | 'supervision' | 'visit', day: string, seq: number): string {
  return `${numberPrefix(kind, day)}${serial(seq, kind === 'visit' ? 3 : 4)}`;
}

/** A queue ticket: the room's prefix (A when there is none) and the day's serial, e.g. A017. */
export function formatTicket(prefix: string, seq: number): string {
  return `${prefix}${serial(seq, 3)}`;
}

/**
 * Document numbers (文号) as offices write them: 清信访登〔2026〕12号. The pattern is a setting
 * (`docNumberPattern`) with these placeholders:
 *
 *   {organ}  the organ abbreviation (机关代字, setting `organAbbreviation`, e.g. 清信访)
 *   {kind}   the kind's character where the office wants one (setting `docKindChars`, e.g. 登)
 *   {year}   the China year of issue
 *   {seq}    the serial, no leading zeros; {seq:4} pads it to 4 digits (0017)
 *
 * A series is the pattern with everything but the serial filled in: kinds that print the same
 * characters (every report prints 报) share one sequence, a kind with its own character has its
 * own, and each year starts again at 1.
 */
export const DOC_NUMBER_PATTERN = '{organ}{kind}〔{year}〕{seq}号';
/** The default before official numbers: stores that kept it get DOC_NUMBER_PATTERN (migration 0005). */
export const LEGACY_DOC_NUMBER_PATTERN = '〔{year}〕第{seq}号';

/** The kind's character in a document number, by document kind; a kind not listed has none. */
export const DOC_KIND_CHARS: Readonly<Record<string, string>> = {
  registration: '登',
  interview: '谈',
  assignment: '交',
  supervision: '督',
  extension: '延',
  closure: '结',
  responsibility: '责',
  appointment: '约',
  guidance: '告',
  acceptance: '受',
  answer: '答',
  'follow-up': '访',
  'review-request': '申',
  'review-opinion': '复',
  investigation: '查',
  'transfer-notice': '转',
  'final-notice': '终',
  'monthly-report': '报',
  'weekly-report': '报',
  'daily-report': '报',
  quarterly: '报',
};

/** What fills a pattern besides the serial. */
export interface DocNumberParts {
  organ: string;
  kindChar: string;
  year: string | number;
}

const SEQ = /\{seq(?::([1-9]))?\}/;
const PLACEHOLDER = /\{[^{}]*\}/g;
const KNOWN = /^\{(organ|kind|year|seq(:[1-9])?)\}$/;

/** Why a pattern cannot number documents, or null: exactly one serial, only known placeholders. */
export function docNumberPatternProblem(pattern: string): string | null {
  const placeholders = pattern.match(PLACEHOLDER) ?? [];
  const unknown = placeholders.find((p) => !KNOWN.test(p));
  if (unknown) return `文号格式中的 ${unknown} 无法识别；可用 {organ} {kind} {year} {seq}`;
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ''))) return '文号格式中的花括号不成对';
  const serials = placeholders.filter((p) => p.startsWith('{seq')).length;
  if (serials === 0) return '文号格式须包含序号 {seq}';
  if (serials > 1) return '文号格式只能有一个序号 {seq}';
  return null;
}

/**
 * The organ abbreviation and kind characters: Chinese characters only (no digits, brackets or
 * spaces, which would make a number ambiguous), at most 8 and 2 of them; empty means none.
 */
export function organAbbreviationProblem(text: string): string | null {
  if (text === '') return null;
  if (!/^\p{Script=Han}+$/u.test(text)) return '机关代字只能是汉字';
  if ([...text].length > 8) return '机关代字最多8个汉字';
  return null;
}

export function kindCharProblem(text: string): string | null {
  if (text === '') return null;
  if (!/^\p{Script=Han}+$/u.test(text)) return '文种代字只能是汉字';
  if ([...text].length > 2) return '文种代字最多2个汉字';
  return null;
}

/** The pattern with everything but the serial filled in: the name of a series. */
export function docNumberSeries(pattern: string, parts: DocNumberParts): string {
  return pattern
    .replaceAll('{organ}', parts.organ)
    .replaceAll('{kind}', parts.kindChar)
    .replaceAll('{year}', String(parts.year));
}

/** A document number: 清信访登〔2026〕17号 (or 〔2026〕第0017号 from a pattern with {seq:4}). */
export function formatDocNumber(pattern: string, parts: DocNumberParts, seq: number): string {
  return docNumberSeries(pattern, parts).replace(SEQ, (_m, width?: string) => serial(seq, width ? Number(width) : 1));
}

/**
 * The serial of `no` when it is a number of `series` (text before and after the serial equal,
 * digits between), else null: how numbers stored without the counter are found again.
 */
export function serialIn(series: string, no: string): number | null {
  const m = SEQ.exec(series);
  if (!m) return null;
  const before = series.slice(0, m.index);
  const after = series.slice(m.index + m[0].length);
  if (!no.startsWith(before) || !no.endsWith(after) || no.length <= before.length + after.length) return null;
  const digits = no.slice(before.length, no.length - after.length);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** The text a series' numbers start with (before the serial). */
export function seriesPrefix(series: string): string {
  const m = SEQ.exec(series);
  return m ? series.slice(0, m.index) : series;
}
