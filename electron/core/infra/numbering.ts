import { HallError } from '../../../shared/contract';
import type { DocumentKind } from '../../../shared/documents/kinds';
import {
  docNumberPatternProblem,
  docNumberSeries,
  formatDocNumber,
  formatNumber,
  formatTicket,
  numberPrefix,
  serialIn,
  seriesPrefix,
  YEAR_SERIES_PREFIX,
  type DocNumberParts,
} from '../../../shared/domain/numbers';
import { formatArchiveNo, RETENTION_CODE, type RetentionPeriod } from '../../../shared/domain/archive';
import type { Db } from './db/connection';
import { all, run, value } from './db/sql';

/**
 * Every running number of the hall is minted here: case, assignment (交办), supervision (督办),
 * visit registration, queue ticket and document numbers. Their visible formats live in
 * `shared/domain/numbers.ts`.
 *
 * A series keeps its counter in `counters` (names as before: `XF:2026`, `JB:2026`, `DB:2026`,
 * `visit:2026-11-23`, `queue:2026-11-23:A`; a document series by its filled-in pattern,
 * `doc:清信访登〔2026〕{seq}号`, so kinds printing the same characters share it; the
 * `doc:<kind>:<year>` counters of the old pattern stay behind unused). The next serial comes after
 * both the counter and the highest serial already stored in the series, so numbers written
 * without the counter (the demo, a history import, a database from before this service) are
 * never issued again, and a number once issued is not reused even if its record is gone. A
 * number still taken (an imported one in another width, a document pattern changed by the
 * office) is skipped. Runs inside the caller's transaction, so a refused write takes its
 * number back with it.
 */
export type NumberRequest =
  /** `day`: the China day (`chinaDay`) the number is issued on, or the day of the record it numbers. */
  | { kind: 'case' | 'assignment' | 'supervision' | 'visit'; day: string }
  | { kind: 'queue'; day: string; prefix: string }
  | { kind: 'document'; day: string; document: DocumentKind; pattern: string; organ: string; kindChar: string }
  /** A folder's 档号: a serial per filing year and 保管期限 (shared/domain/archive.ts); `day` is in the filing year. */
  | { kind: 'archive'; day: string; period: RetentionPeriod; fonds: string; pattern: string };

interface Series {
  counter: string;
  format(seq: number): string;
  /** The highest serial already stored in the series. */
  highest(db: Db): number;
  taken(db: Db, no: string): boolean;
}

/**
 * The highest serial after `prefix` in a column: the numbers that are the prefix followed by
 * digits only. The range (`> prefix`, `< prefix + ':'`, the character after '9') walks the
 * column's index.
 */
function highestAfter(db: Db, table: string, column: string, prefix: string, where = '', ...params: unknown[]): number {
  return (
    value<number | null>(
      db,
      `SELECT max(CAST(substr(${column}, length(?) + 1) AS INTEGER)) FROM ${table}
       WHERE ${where}${column} > ? AND ${column} < ? AND substr(${column}, length(?) + 1) NOT GLOB '*[^0-9]*'`,
      prefix,
      ...params,
      prefix,
      `${prefix}:`,
      prefix,
    ) ?? 0
  );
}

/** The counter of a year series: XF:2026, JB:2026, DB:2026. */
const yearCounter = (kind: 'case' | 'assignment' | 'supervision', year: string) =>
  `${YEAR_SERIES_PREFIX[kind]}:${year}`;

const COLUMN = {
  case: ['cases', 'case_no'],
  assignment: ['assignments', 'assignment_no'],
  supervision: ['supervisions', 'supervision_no'],
  visit: ['visits', 'visit_no'],
} as const;

function seriesOf(request: NumberRequest): Series {
  const { day } = request;
  switch (request.kind) {
    case 'case':
    case 'assignment':
    case 'supervision':
    case 'visit': {
      const { kind } = request;
      const [table, column] = COLUMN[kind];
      const prefix = numberPrefix(kind, day);
      return {
        counter: kind === 'visit' ? `visit:${day}` : yearCounter(kind, day.slice(0, 4)),
        format: (seq) => formatNumber(kind, day, seq),
        highest: (db) => highestAfter(db, table, column, prefix),
        taken: (db, no) => value<number>(db, `SELECT 1 FROM ${table} WHERE ${column} = ?`, no) !== undefined,
      };
    }
    case 'queue': {
      const { prefix } = request;
      return {
        counter: `queue:${day}:${prefix}`,
        format: (seq) => formatTicket(prefix, seq),
        highest: (db) => highestAfter(db, 'tickets', 'code', prefix, 'date = ? AND ', day),
        taken: (db, code) =>
          value<number>(db, 'SELECT 1 FROM tickets WHERE date = ? AND code = ?', day, code) !== undefined,
      };
    }
    case 'document': {
      const { pattern } = request;
      // Checked where the number is made too: a stored pattern from before the rules.
      const problem = docNumberPatternProblem(pattern);
      if (problem) throw new HallError('RULE_VIOLATION', `${problem}；请管理员在“设置”中修改文号格式。`);
      const parts: DocNumberParts = { organ: request.organ, kindChar: request.kindChar, year: day.slice(0, 4) };
      const series = docNumberSeries(pattern, parts);
      return {
        counter: `doc:${series}`,
        format: (seq) => formatDocNumber(pattern, parts, seq),
        // Any number of the series already stored (another kind with the same characters, a
        // number from before the counter, the same series padded or not) is never issued again.
        highest: (db) =>
          Math.max(
            0,
            ...all<{ doc_no: string }>(
              db,
              'SELECT DISTINCT doc_no FROM documents WHERE substr(doc_no, 1, length(?)) = ?',
              seriesPrefix(series),
              seriesPrefix(series),
            ).map((d) => serialIn(series, d.doc_no) ?? 0),
          ),
        // Whatever kind holds it: two kinds never share a number.
        taken: (db, no) => value<number>(db, 'SELECT 1 FROM documents WHERE doc_no = ?', no) !== undefined,
      };
    }
    case 'archive': {
      const { period, fonds, pattern } = request;
      const year = day.slice(0, 4);
      return {
        counter: `archive:${year}:${RETENTION_CODE[period]}`,
        format: (seq) => formatArchiveNo(pattern, { fonds, year, period, seq }),
        // Like document numbers, only ever issued by their counter.
        highest: () => 0,
        taken: (db, no) =>
          value<number>(db, "SELECT 1 FROM documents WHERE kind = 'folder' AND doc_no = ?", no) !== undefined,
      };
    }
  }
}

/** The next number of a series, counted; call inside the transaction that stores it. */
export function nextNumber(db: Db, request: NumberRequest): string {
  const series = seriesOf(request);
  const counted = value<number>(db, 'SELECT value FROM counters WHERE name = ?', series.counter) ?? 0;
  let seq = Math.max(counted, series.highest(db)) + 1;
  while (series.taken(db, series.format(seq))) seq++;
  run(
    db,
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
    series.counter,
    seq,
  );
  return series.format(seq);
}

/**
 * Moves a year series' counter past a number stored as it came (a history import keeps its own
 * case numbers), when the number has the series' form (XF + year + serial). `nextNumber` would
 * step past it anyway; the counter then says so too.
 */
export function countPast(db: Db, kind: 'case' | 'assignment' | 'supervision', no: string): void {
  const own = new RegExp(`^${YEAR_SERIES_PREFIX[kind]}(\\d{4})(\\d+)$`).exec(no);
  if (!own) return;
  run(
    db,
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)',
    yearCounter(kind, own[1]!),
    Number(own[2]),
  );
}
