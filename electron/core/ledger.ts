import { HallError } from '../../shared/contract';
import { CASE_STATUSES, type CaseStatus } from '../../shared/domain/case-status';
import { daysLeft } from '../../shared/domain/deadlines';
import { ANSWERED_STATUSES, searchWords, SEARCH_TOO_SHORT, type LedgerColumn, type LedgerOutcome } from '../../shared/domain/ledger';
import { maskName } from '../../shared/domain/mask';
import { isPairWord } from './db/bigrams';
import type { Db } from './db/connection';
import { OUTCOME_RANK, STATUS_RANK } from './db/ranks';

/**
 * The ledger (台账): every case as one row, filtered, sorted by any column and paged in the
 * database. Built to stay fast on 1,000,000 cases (tests/bench/ledger.ts):
 * - the names, units and outcome are copies on `cases` kept by triggers (migration 0004), so
 *   each sort walks one index and stops after the page;
 * - status and outcome sort in their working order through expression indexes (STATUS_RANK);
 * - full text goes through two FTS5 indexes: trigram for words of three characters and more,
 *   overlapping pairs for two-character words (河口); one character is refused at the field.
 */
export interface LedgerQuery {
  from?: string | undefined;
  to?: string | undefined;
  leaderId?: number | undefined;
  unitId?: number | undefined;
  categoryId?: number | undefined;
  localityId?: number | undefined;
  statuses?: CaseStatus[] | undefined;
  overdue?: boolean | undefined;
  text?: string | undefined;
  sort?: { column: LedgerColumn; order: 'asc' | 'desc' } | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface LedgerRow {
  caseId: number;
  caseNo: string;
  acceptedOn: string;
  petitioner: string;
  locality: string | null;
  category: string | null;
  leader: string | null;
  units: string | null;
  status: CaseStatus;
  deadlineOn: string;
  daysLeft: number | null;
  outcome: LedgerOutcome | null;
  /** The case's title: printed in the exported ledger, not part of the screen's row. */
  title: string;
}

const SORT_SQL: Record<LedgerColumn, string> = {
  caseNo: 'c.case_no',
  acceptedOn: 'c.accepted_on',
  petitioner: 'p.name',
  locality: 'c.locality_name',
  category: 'c.category_name',
  leader: 'c.leader_name',
  units: 'c.units_label',
  status: STATUS_RANK,
  deadlineOn: 'c.deadline_on',
  daysLeft: 'c.deadline_on',
  outcome: OUTCOME_RANK,
};

const OPEN_STATUSES = CASE_STATUSES.filter((s) => !(ANSWERED_STATUSES as readonly string[]).includes(s));

/** A word as an FTS5 string (quoted: no operator in the user's text is obeyed). */
const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

/** A list item and everything under it (a township and its villages, a category and its subcategories). */
function withDescendants(db: Db, table: 'categories' | 'localities', id: number): number[] {
  const rows = db.prepare(`WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM ${table} t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub`).all(id) as { id: number }[];
  return rows.map((r) => r.id);
}

interface Where {
  sql: string;
  args: (string | number)[];
}

export function ledgerWhere(db: Db, filter: LedgerQuery, today: string, onlyLeaderId?: number): Where {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  const inList = (values: readonly (string | number)[]) => `(${values.map(() => '?').join(', ')})`;
  if (filter.from) add('c.accepted_on >= ?', filter.from);
  if (filter.to) add('c.accepted_on <= ?', filter.to);
  if (filter.leaderId) add('c.owning_leader_id = ?', filter.leaderId);
  if (onlyLeaderId !== undefined) add('c.owning_leader_id = ?', onlyLeaderId);
  if (filter.unitId) add('c.id IN (SELECT a.case_id FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id WHERE au.unit_id = ?)', filter.unitId);
  if (filter.categoryId) {
    const ids = withDescendants(db, 'categories', filter.categoryId);
    add(`c.category_id IN ${inList(ids)}`, ...ids);
  }
  if (filter.localityId) {
    const ids = withDescendants(db, 'localities', filter.localityId);
    add(`c.locality_id IN ${inList(ids)}`, ...ids);
  }
  let statuses: readonly string[] | undefined = filter.statuses?.length ? [...new Set(filter.statuses)] : undefined;
  if (filter.overdue) {
    // Overdue: a case still running whose deadline has passed.
    statuses = (statuses ?? OPEN_STATUSES).filter((s) => (OPEN_STATUSES as readonly string[]).includes(s));
    add('c.deadline_on < ?', today);
  }
  if (statuses) add(statuses.length ? `c.status IN ${inList(statuses)}` : '0', ...statuses);
  if (filter.text?.trim()) {
    const words = searchWords(filter.text);
    if (words.some((w) => Array.from(w).length < 2)) throw new HallError('BAD_INPUT', SEARCH_TOO_SHORT, [{ path: 'text', message: SEARCH_TOO_SHORT }]);
    const long = words.filter((w) => Array.from(w).length >= 3);
    const pairs = words.filter((w) => Array.from(w).length === 2);
    if (long.length) add('c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)', long.map(phrase).join(' AND '));
    if (pairs.length) {
      // A pair of a letter and a punctuation mark cannot be in the pair index: nothing matches.
      if (!pairs.every(isPairWord)) add('0');
      else add('c.id IN (SELECT rowid FROM case_fts2 WHERE case_fts2 MATCH ?)', pairs.map((w) => phrase(w.toLowerCase())).join(' AND '));
    }
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

interface RawRow {
  id: number;
  case_no: string;
  accepted_on: string;
  name: string;
  locality_name: string | null;
  category_name: string | null;
  leader_name: string | null;
  units_label: string | null;
  status: CaseStatus;
  deadline_on: string;
  outcome: LedgerOutcome | null;
  title: string;
}

const ROW_SQL = `SELECT c.id, c.case_no, c.title, c.accepted_on, p.name, c.locality_name, c.category_name, c.leader_name, c.units_label, c.status, c.deadline_on, c.outcome
                 FROM cases c JOIN petitioners p ON p.id = c.petitioner_id`;

function toRow(r: RawRow, today: string): LedgerRow {
  return {
    caseId: r.id,
    caseNo: r.case_no,
    acceptedOn: r.accepted_on,
    petitioner: maskName(r.name),
    locality: r.locality_name,
    category: r.category_name,
    leader: r.leader_name,
    units: r.units_label,
    status: r.status,
    deadlineOn: r.deadline_on,
    // Days left mean nothing once the case is answered.
    daysLeft: (ANSWERED_STATUSES as readonly string[]).includes(r.status) ? null : daysLeft(r.deadline_on, today),
    outcome: r.outcome,
    title: r.title,
  };
}

/** Case ids in ledger order: the page's (limit/offset), or all of them for an export. */
function orderedIds(db: Db, where: Where, sort: NonNullable<LedgerQuery['sort']>, page: { limit: number; offset: number } | null): number[] {
  const dir = sort.order === 'asc' ? 'ASC' : 'DESC';
  const byPetitioner = sort.column === 'petitioner';
  const from = byPetitioner ? 'cases c JOIN petitioners p ON p.id = c.petitioner_id' : 'cases c';
  const order = byPetitioner ? `p.name ${dir}, p.id ${dir}, c.id ${dir}` : `${SORT_SQL[sort.column]} ${dir}, c.id ${dir}`;
  const limit = page ? 'LIMIT ? OFFSET ?' : '';
  const args = page ? [...where.args, page.limit, page.offset] : where.args;
  return (db.prepare(`SELECT c.id FROM ${from} ${where.sql} ORDER BY ${order} ${limit}`).pluck().all(...args) as number[]);
}

/** Full rows of the given cases, in the given order. */
export function ledgerRows(db: Db, ids: number[], today: string): LedgerRow[] {
  const out: LedgerRow[] = [];
  const CHUNK = 500;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const raw = db.prepare(`${ROW_SQL} WHERE c.id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as RawRow[];
    const byId = new Map(raw.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (r) out.push(toRow(r, today));
    }
  }
  return out;
}

export function countLedger(db: Db, where: Where): number {
  return (db.prepare(`SELECT count(*) AS n FROM cases c ${where.sql}`).get(...where.args) as { n: number }).n;
}

const DEFAULT_SORT = { column: 'acceptedOn', order: 'desc' } as const;

/** One page of the ledger and how many rows the filter holds in all. */
export function queryLedger(db: Db, filter: LedgerQuery, today: string, opts: { onlyLeaderId?: number | undefined } = {}): { total: number; rows: LedgerRow[] } {
  if (filter.from && filter.to && filter.from > filter.to) throw new HallError('BAD_INPUT', '截止日期不能早于起始日期', [{ path: 'to', message: '截止日期不能早于起始日期' }]);
  const where = ledgerWhere(db, filter, today, opts.onlyLeaderId);
  const total = countLedger(db, where);
  const page = { limit: filter.limit ?? 50, offset: filter.offset ?? 0 };
  if (total === 0 || page.offset >= total) return { total, rows: [] };
  return { total, rows: ledgerRows(db, orderedIds(db, where, filter.sort ?? DEFAULT_SORT, page), today) };
}

/** Every row of the filter in ledger order, for an export (the caller checks the count first). */
export function ledgerAll(db: Db, filter: LedgerQuery, today: string, opts: { onlyLeaderId?: number | undefined } = {}): LedgerRow[] {
  const where = ledgerWhere(db, filter, today, opts.onlyLeaderId);
  return ledgerRows(db, orderedIds(db, where, filter.sort ?? DEFAULT_SORT, null), today);
}
