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
 *   document (文号)     the office's pattern, per slip kind and year      〔2026〕第0017号
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
 * The default document-number pattern (a setting, `docNumberPattern`): {year} is the China year,
 * {seq} the serial of the slip kind in that year.
 */
export const DOC_NUMBER_PATTERN = '〔{year}〕第{seq}号';

/** A document number from the office's pattern: 〔2026〕第0017号. */
export function formatDocNumber(pattern: string, year: string | number, seq: number): string {
  return pattern.replace('{year}', String(year)).replace('{seq}', serial(seq, 4));
}
