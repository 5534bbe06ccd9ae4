import { HallError } from '../../../shared/contract';
import { OPEN_STATUSES, type CaseStatus } from '../../../shared/domain/case-status';
import { daysLeft, deadlineBasisLabel, deadlineRuns, isPastDeadline } from '../../../shared/domain/deadlines';
import {
  searchWords,
  searchWordsLongEnough,
  SEARCH_TOO_SHORT,
  LEDGER_COUNT_CAP,
  type LedgerColumn,
  type LedgerOutcome,
} from '../../../shared/domain/ledger';
import { maskName } from '../../../shared/domain/mask';
import { isStorableText } from '../../../shared/domain/text';
import { bigrams, isPairWord } from '../infra/db/bigrams';
import type { Db } from '../infra/db/connection';
import { all, inList, one, value, values } from '../infra/db/sql';
import { MALFORMED_TEXT } from '../infra/router';
import { OUTCOME_RANK, STATUS_RANK } from '../infra/db/ranks';

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
  /** How the deadline was counted (calendar or working days, rolled past a holiday, extended). */
  deadlineLabel: string;
  daysLeft: number | null;
  /** Past its 办理期限 with an answer still owed: the one rule of shared/domain/deadlines.ts. */
  overdue: boolean;
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

/** A word as an FTS5 string (quoted: no operator in the user's text is obeyed). */
const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

/**
 * A long word as pairs of the pair index, to narrow a search that also has a pair word
 * ("补偿 柳林镇" asks the pair index for 补偿 AND 柳林 AND 林镇 in one MATCH, which FTS5 intersects
 * far faster than two sets of hundreds of thousands of ids). Any case holding the word holds
 * every pair of its runs of letters and digits, so the pair set only loses cases the trigram
 * set drops anyway — the trigram index still decides. The first and last pair of each run
 * narrow about as much as all of them, and single pairs need no positions (a phrase does).
 * Only for a word without upper or lower case (Chinese, digits): the indexes fold case apart.
 */
function pairTerms(word: string): string[] {
  if (word.toLowerCase() !== word || word.toUpperCase() !== word) return [];
  return (word.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((run) => {
    const pairs = bigrams(run).split(' ').filter(Boolean);
    return [...new Set([pairs[0], pairs.at(-1)])].filter((p): p is string => p !== undefined).map(phrase);
  });
}

/**
 * What looking one case up in a search index costs against adding one match to a built set:
 * on 1,000,000 encrypted cases a lookup of one index term took about 40 µs, a match added to a
 * set about 0.8 µs (tests/bench/ledger.ts, loaded machine).
 */
const LOOKUP_TERM_COST = 50;

/** A list item and everything under it (a township and its villages, a category and its subcategories). */
function withDescendants(db: Db, table: 'categories' | 'localities', id: number): number[] {
  return values<number>(
    db,
    `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT t.id FROM ${table} t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub`,
    id,
  );
}

/** One condition: `sql` drives (a set may be the first thing read), `probe` checks one row (for walking a sort index). */
interface Condition {
  sql: string;
  probe: string;
  args: (string | number)[];
  /** `set`: unit or text, from their own tables; `col`: the filter columns every ledger index carries. */
  kind: 'col' | 'set';
  /** For a search that matches most cases: look each walked row up in the index instead of building the set. */
  exists?: string;
  /** The standalone query of a set's case ids, for counting a filter made only of sets. */
  ids?: string;
  /** Only statuses and owning leader: ledger_counts answers the count. */
  counted?: boolean;
  /**
   * A search: what looking one case up in its index (`exists`) costs, in entries of a built set
   * (one index term sought: about 50; measured on 1,000,000 cases, tests/bench/ledger.ts).
   */
  lookupCost?: number;
  /** A search's matches among the case ids from ? to ? (FTS5 reads only that stretch of its index). */
  span?: string;
}

export interface Where {
  conditions: Condition[];
  /** Statuses and leader ids for the ledger_counts fast path. */
  statuses: readonly string[] | null;
  leaders: number[];
}

export function ledgerWhere(db: Db, filter: LedgerQuery, today: string, onlyLeaderId?: number): Where {
  const conditions: Condition[] = [];
  const col = (sql: string, args: (string | number)[] = [], counted = false) =>
    conditions.push({ sql, probe: sql, args, kind: 'col', counted });
  const leaders: number[] = [];
  if (filter.from) col('c.accepted_on >= ?', [filter.from]);
  if (filter.to) col('c.accepted_on <= ?', [filter.to]);
  for (const id of [filter.leaderId, onlyLeaderId]) {
    if (id === undefined) continue;
    col('c.owning_leader_id = ?', [id], true);
    leaders.push(id);
  }
  if (filter.categoryId) {
    const ids = inList(withDescendants(db, 'categories', filter.categoryId));
    col(`c.category_id IN ${ids.sql}`, ids.params);
  }
  if (filter.localityId) {
    const ids = inList(withDescendants(db, 'localities', filter.localityId));
    col(`c.locality_id IN ${ids.sql}`, ids.params);
  }
  let statuses: readonly string[] | null = filter.statuses?.length ? [...new Set(filter.statuses)] : null;
  if (filter.overdue) {
    // Overdue (shared/domain/deadlines.ts): an answer still owed and the 办理期限 before today —
    // overdueNow() in cases/deadline-sql.ts, split here so the status part can use ledger_counts.
    statuses = (statuses ?? OPEN_STATUSES).filter(deadlineRuns);
    col('c.deadline_on < ?', [today]);
  }
  if (statuses) col(statuses.length ? `c.status IN ${inList(statuses).sql}` : '0', [...statuses], true);
  if (filter.unitId)
    conditions.push({
      sql: 'c.id IN (SELECT case_id FROM case_units WHERE unit_id = ?)',
      probe: 'EXISTS (SELECT 1 FROM case_units WHERE unit_id = ? AND case_id = c.id)',
      ids: 'SELECT case_id AS id FROM case_units WHERE unit_id = ?',
      args: [filter.unitId],
      kind: 'set',
    });
  if (filter.text?.trim()) {
    // The router refuses it first; a caller inside core must not search for U+FFFD instead.
    if (!isStorableText(filter.text))
      throw new HallError('BAD_INPUT', MALFORMED_TEXT, [{ path: 'text', message: MALFORMED_TEXT }]);
    const words = searchWords(filter.text);
    if (!searchWordsLongEnough(filter.text))
      throw new HallError('BAD_INPUT', SEARCH_TOO_SHORT, [{ path: 'text', message: SEARCH_TOO_SHORT }]);
    const long = words.filter((w) => Array.from(w).length >= 3);
    const pairs = words.filter((w) => Array.from(w).length === 2);
    const fts = (table: string, match: string, terms: number) =>
      conditions.push({
        sql: `c.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`,
        // Matched once into a set, then each row of the walk is looked up in it (a MATCH per row costs far more).
        probe: `+c.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`,
        exists: `EXISTS (SELECT 1 FROM ${table} WHERE ${table} MATCH ? AND rowid = c.id)`,
        ids: `SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?`,
        args: [match],
        kind: 'set',
        lookupCost: LOOKUP_TERM_COST * terms,
        // CAST: FTS5 takes a rowid bound only as an INTEGER value, and a JavaScript number is bound
        // as a REAL — it would read the whole index and leave the range to SQLite.
        span: `+c.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER))`,
      });
    // A word of n characters is n - 2 trigrams, each sought in a lookup.
    if (long.length)
      fts(
        'case_fts',
        long.map(phrase).join(' AND '),
        long.reduce((n, w) => n + Array.from(w).length - 2, 0),
      );
    // A pair with a punctuation mark in it cannot be in the pair index: nothing matches.
    if (pairs.length && !pairs.every(isPairWord)) col('0');
    else if (pairs.length) {
      const terms = [...pairs.map((w) => phrase(w.toLowerCase())), ...long.flatMap(pairTerms)];
      fts('case_fts2', terms.join(' AND '), terms.length);
    }
  }
  return { conditions, statuses, leaders };
}

const whereSql = (conditions: Condition[], mode: 'sql' | 'probe') =>
  conditions.length ? `WHERE ${conditions.map((c) => c[mode]).join(' AND ')}` : '';
const argsOf = (conditions: Condition[]) => conditions.flatMap((c) => c.args);

/**
 * How many rows the filter holds, by the cheapest exact road: the per-status-and-leader
 * counts for those filters alone, the search or unit index alone for those, else one covering
 * index of cases.
 */
export function countLedger(db: Db, where: Where): number {
  const { conditions } = where;
  if (conditions.every((c) => c.counted)) {
    const clauses = [
      ...(where.statuses ? [`status IN ${inList(where.statuses).sql}`] : []),
      ...where.leaders.map(() => 'leader_id = ?'),
    ];
    return value<number>(
      db,
      `SELECT coalesce(sum(n), 0) FROM ledger_counts ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`,
      ...(where.statuses ?? []),
      ...where.leaders,
    )!;
  }
  const sets = conditions.filter((c) => c.kind === 'set');
  if (sets.length === conditions.length) {
    const [first, ...rest] = sets;
    // `+s.id`: else the id is handed to the next FTS5 index as a rowid, one MATCH per id (seconds).
    return value<number>(
      db,
      `SELECT count(*) FROM (${first!.ids}) s ${rest.length ? `WHERE ${rest.map((c) => `+s.id IN (${c.ids})`).join(' AND ')}` : ''}`,
      ...argsOf(sets),
    )!;
  }
  // Sets are probed: the covering index of the filter columns is read and each entry looked up
  // in the set, which beats reading the row of every case the search found.
  return value<number>(db, `SELECT count(*) FROM cases c ${whereSql(conditions, 'probe')}`, ...argsOf(conditions))!;
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
  deadline_basis: string | null;
  outcome: LedgerOutcome | null;
  title: string;
}

const ROW_SQL = `SELECT c.id, c.case_no, c.title, c.accepted_on, p.name, c.locality_name, c.category_name, c.leader_name, c.units_label, c.status, c.deadline_on, c.deadline_basis, c.outcome
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
    deadlineLabel: deadlineBasisLabel(r.deadline_basis),
    // Days left mean nothing once the case is answered.
    daysLeft: deadlineRuns(r.status) ? daysLeft(r.deadline_on, today) : null,
    overdue: deadlineRuns(r.status) && isPastDeadline(r.deadline_on, today),
    outcome: r.outcome,
    title: r.title,
  };
}

const allCases = (db: Db) => value<number>(db, 'SELECT coalesce(sum(n), 0) FROM ledger_counts')!;

/** The index each sort walks: (key, id, filter columns). */
const SORT_INDEX: Record<Exclude<LedgerColumn, 'petitioner'>, string> = {
  caseNo: 'cases_case_no',
  acceptedOn: 'cases_accepted',
  locality: 'cases_locality_name',
  category: 'cases_category_name',
  leader: 'cases_leader_name',
  units: 'cases_units_label',
  status: 'cases_status_rank',
  deadlineOn: 'cases_deadline',
  daysLeft: 'cases_deadline',
  outcome: 'cases_outcome_rank',
};

/** Below this many matching rows, the rows are found first and sorted; above, the sort index is walked. */
const SORT_AFTER_MAX = 3000;

/** The SQL that walks the sort index, selecting the id and, as k (and k2), the sort keys. */
function walkFrom(sort: NonNullable<LedgerQuery['sort']>, where: string): { select: string; order: string[] } {
  if (sort.column === 'petitioner')
    return {
      select: `SELECT c.id AS id, p.name AS k, p.id AS k2 FROM petitioners p INDEXED BY petitioners_name CROSS JOIN cases c INDEXED BY cases_petitioner ON c.petitioner_id = p.id ${where}`,
      order: ['p.name', 'p.id', 'c.id'],
    };
  return {
    select: `SELECT c.id AS id, ${SORT_SQL[sort.column]} AS k FROM cases c INDEXED BY ${SORT_INDEX[sort.column]} ${where}`,
    order: [SORT_SQL[sort.column], 'c.id'],
  };
}

/**
 * A page of a search that many cases match, without building the set of every match
 * (村民反映 is in all 1,000,000 cases; the page needs the first 50). The sort index is walked
 * for a window of entries, a few times what the page needs if the matches are spread evenly,
 * and each search checks the window either by looking each case up in its index, or, when the
 * window's case ids lie close together (sorted by date, they do), by matching only that stretch
 * of ids. A window that does not fill the page is widened, until building the whole set would
 * cost less: then null, and the caller builds it. `walked`: entries the page should take.
 */
function walkWindow(
  db: Db,
  where: Where,
  sort: NonNullable<LedgerQuery['sort']>,
  page: { limit: number; offset: number },
  walked: number,
  matches: number,
): number[] | null {
  const dir = sort.order === 'asc' ? 'ASC' : 'DESC';
  const searches = where.conditions.filter((c) => c.lookupCost !== undefined);
  const rest = where.conditions.filter((c) => c.lookupCost === undefined);
  const walk = walkFrom(sort, whereSql(rest, 'probe'));
  const inOrder = `${walk.select} ORDER BY ${walk.order.map((k) => `${k} ${dir}`).join(', ')} LIMIT ?`;
  const keys = sort.column === 'petitioner' ? ['c.k', 'c.k2', 'c.id'] : ['c.k', 'c.id'];
  const highest = value<number>(db, 'SELECT max(id) FROM cases') ?? 0;
  const wanted = page.offset + page.limit;
  for (let window = Math.ceil(2 * walked); ; window *= 4) {
    const { read, lowest, top } = one<{ read: number; lowest: number | null; top: number | null }>(
      db,
      `SELECT count(*) AS read, min(id) AS lowest, max(id) AS top FROM (${inOrder})`,
      ...argsOf(rest),
      window,
    )!;
    if (lowest === null || top === null) return [];
    // Matches in the window's stretch of ids, were they spread evenly over all ids.
    const inSpan = ((top - lowest + 1) / Math.max(highest, 1)) * matches;
    const checks = searches.map((c) =>
      inSpan < read * c.lookupCost!
        ? { sql: c.span!, args: [...c.args, lowest, top], cost: inSpan }
        : { sql: c.exists!, args: c.args, cost: read * c.lookupCost! },
    );
    if (checks.reduce((n, c) => n + c.cost, 0) > matches) return null;
    // Not flattened (the inner LIMIT): the window is read in index order, then checked.
    const ids = values<number>(
      db,
      `SELECT c.id FROM (${inOrder}) c WHERE ${checks.map((c) => c.sql).join(' AND ')} ORDER BY ${keys.map((k) => `${k} ${dir}`).join(', ')} LIMIT ?`,
      ...argsOf(rest),
      window,
      ...checks.flatMap((c) => c.args),
      wanted,
    );
    // Full, or the window held every entry there is: the page is exact.
    if (ids.length === wanted || read < window) return ids.slice(page.offset);
  }
}

/**
 * Case ids in ledger order: the page's (limit/offset), or all of them for an export. Few
 * matches (the total is known first) are read through the filter and sorted; many are read by
 * walking the sort index, checking each filter in the index, until the page is full. A search
 * the walk would meet often enough is looked up case by case (walkLookingUp); else its
 * matches are built once into a set the walk checks. `matches` is how many cases the filter
 * holds, or an estimate when the count stopped at LEDGER_COUNT_CAP.
 */
function orderedIds(
  db: Db,
  where: Where,
  total: number,
  matches: number,
  sort: NonNullable<LedgerQuery['sort']>,
  page: { limit: number; offset: number } | null,
): number[] {
  const dir = sort.order === 'asc' ? 'ASC' : 'DESC';
  const limit = page ? 'LIMIT ? OFFSET ?' : '';
  const tail = page ? [page.limit, page.offset] : [];
  const { conditions } = where;
  const walk = page !== null && total > SORT_AFTER_MAX;
  const lookup = conditions.reduce((n, c) => n + (c.lookupCost ?? 0), 0);
  if (walk && lookup > 0) {
    // Entries of the other filters the walk reads before the page is full, if the matches are
    // spread evenly among them (ledger_counts answers statuses and leader; else all cases).
    const cols = conditions.filter((c) => c.kind === 'col');
    const among =
      cols.length && cols.every((c) => c.counted) ? countLedger(db, { ...where, conditions: cols }) : allCases(db);
    const walked = ((page.offset + page.limit) * among) / Math.max(matches, 1);
    const ids = walkWindow(db, where, sort, page, walked, matches);
    if (ids) return ids;
  }
  const mode = walk ? 'probe' : 'sql';
  let sql: string;
  if (sort.column === 'petitioner') {
    const order = `p.name ${dir}, p.id ${dir}, c.id ${dir}`;
    sql = walk
      ? `SELECT c.id FROM petitioners p INDEXED BY petitioners_name CROSS JOIN cases c INDEXED BY cases_petitioner ON c.petitioner_id = p.id ${whereSql(conditions, mode)} ORDER BY ${order}`
      : `SELECT c.id FROM cases c JOIN petitioners p ON p.id = c.petitioner_id ${whereSql(conditions, mode)} ORDER BY +p.name ${dir}, p.id ${dir}, c.id ${dir}`;
  } else {
    const key = SORT_SQL[sort.column];
    sql = walk
      ? `SELECT c.id FROM cases c INDEXED BY ${SORT_INDEX[sort.column]} ${whereSql(conditions, mode)} ORDER BY ${key} ${dir}, c.id ${dir}`
      : `SELECT c.id FROM cases c ${whereSql(conditions, mode)} ORDER BY +${key} ${dir}, c.id ${dir}`;
  }
  return values<number>(db, `${sql} ${limit}`, ...argsOf(conditions), ...tail);
}

/** Full rows of the given cases, in the given order. */
export function ledgerRows(db: Db, ids: number[], today: string): LedgerRow[] {
  const out: LedgerRow[] = [];
  const CHUNK = 500;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const list = inList(chunk);
    const raw = all<RawRow>(db, `${ROW_SQL} WHERE c.id IN ${list.sql}`, ...list.params);
    const byId = new Map(raw.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (r) out.push(toRow(r, today));
    }
  }
  return out;
}

const DEFAULT_SORT = { column: 'acceptedOn', order: 'desc' } as const;

/**
 * Looking a case up by id costs about this many entries of a filter index read in order
 * (measured on 1,000,000 cases): below it, the filter index is walked and each entry looked up
 * in the hits; above, each hit is looked up in cases.
 */
const LOOKUP_COST = 6;

const withHitsTable = new WeakSet<Db>();
const HITS_SQL = 'SELECT id FROM temp.ledger_hits';

/**
 * A search or unit filter together with other filters: the ids every set holds are matched
 * once into a temporary table, which then answers both the count and the page (a set written
 * into a subquery would be built again for each, and every entry of a filter index walked to
 * count would be looked up in each set). Returns the filter with the sets replaced by that
 * table and the number of ids in it, or null when there is nothing to gain.
 */
function matchHits(db: Db, where: Where): { where: Where; hits: number } | null {
  const sets = where.conditions.filter((c) => c.kind === 'set');
  const cols = where.conditions.filter((c) => c.kind === 'col');
  // One set with dates, places or overdue: building it in a subquery costs about the same.
  if (!sets.length || (sets.length === 1 && (!cols.length || !cols.every((c) => c.counted)))) return null;
  // Few cases by the other filters: walking their index and looking each up in the sets reads
  // less, and stops at the first set a case is not in.
  if (cols.length && colRows(db, where, SORT_AFTER_MAX) < SORT_AFTER_MAX) return null;
  if (!withHitsTable.has(db)) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS ledger_hits (id INTEGER PRIMARY KEY)');
    withHitsTable.add(db);
  }
  const [first, ...rest] = sets;
  // `+s.id`: else the id is handed to the next FTS5 index as a rowid, one MATCH per id.
  const hits = db
    .prepare(
      `INSERT INTO temp.ledger_hits (id) SELECT s.id FROM (${first!.ids}) s ${rest.length ? `WHERE ${rest.map((c) => `+s.id IN (${c.ids})`).join(' AND ')}` : ''}`,
    )
    .run(...argsOf(sets)).changes;
  const inHits: Condition = {
    sql: `c.id IN (${HITS_SQL})`,
    probe: `+c.id IN (${HITS_SQL})`,
    ids: HITS_SQL,
    args: [],
    kind: 'set',
  };
  return { where: { ...where, conditions: [...cols, inHits] }, hits };
}

/** How many cases the filters other than sets hold, counted up to `cap`: exact from ledger_counts for statuses and leader, else read. */
function colRows(db: Db, where: Where, cap: number): number {
  const cols = where.conditions.filter((c) => c.kind === 'col');
  if (cols.every((c) => c.counted)) return countLedger(db, { ...where, conditions: cols });
  return value<number>(
    db,
    `SELECT count(*) FROM (SELECT 1 FROM cases c ${whereSql(cols, 'sql')} LIMIT ?)`,
    ...argsOf(cols),
    cap,
  )!;
}

/**
 * How many rows a search holds, counted up to LEDGER_COUNT_CAP (past it the page says
 * 超过 1000 件), and how many it is likely to hold. The search's matches are read newest case
 * first, each checked against the other filters, until LEDGER_COUNT_CAP pass: the stretch of
 * ids they took tells how densely the rest of the ledger holds them, which decides how the
 * page is read (orderedIds).
 */
function countSearch(db: Db, where: Where): { total: number; capped: boolean; matches: number } {
  const cap = LEDGER_COUNT_CAP;
  const driver = where.conditions.find((c) => c.lookupCost !== undefined)!;
  const others = where.conditions.filter((c) => c !== driver);
  // The other filters on the case row (the driver's own index is read in id order, newest first).
  const { n, lowest } = one<{ n: number; lowest: number | null }>(
    db,
    `SELECT count(*) AS n, min(id) AS lowest FROM (SELECT s.id FROM (${driver.ids}) s ${
      others.length
        ? `CROSS JOIN cases c ON c.id = s.id WHERE ${others.map((c) => (c.kind === 'set' ? c.probe : c.sql)).join(' AND ')}`
        : ''
    } ORDER BY s.id DESC LIMIT ?)`,
    ...driver.args,
    ...argsOf(others),
    cap + 1,
  )!;
  if (n <= cap) return { total: n, capped: false, matches: n };
  const highest = value<number>(db, 'SELECT max(id) FROM cases')!;
  return { total: cap, capped: true, matches: Math.round((n * highest) / (highest - lowest! + 1)) };
}

/** The count of a filter whose sets are in ledger_hits (see matchHits). */
function countHits(db: Db, where: Where, hits: number): number {
  const cols = where.conditions.filter((c) => c.kind === 'col');
  if (!cols.length || hits === 0) return hits;
  // The other filters' index is walked unless it holds more entries than looking each hit up costs.
  const cap = hits * LOOKUP_COST;
  if (colRows(db, where, cap) < cap) return countLedger(db, where);
  return value<number>(
    db,
    `SELECT count(*) FROM temp.ledger_hits h CROSS JOIN cases c ON c.id = h.id ${whereSql(cols, 'sql')}`,
    ...argsOf(cols),
  )!;
}

/**
 * One page of the ledger and how many rows the filter holds in all; for a search, counted up
 * to LEDGER_COUNT_CAP (`capped`: more than `total`).
 */
export function queryLedger(
  db: Db,
  filter: LedgerQuery,
  today: string,
  opts: { onlyLeaderId?: number | undefined } = {},
): { total: number; rows: LedgerRow[]; capped?: true } {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new HallError('BAD_INPUT', '截止日期不能早于起始日期', [{ path: 'to', message: '截止日期不能早于起始日期' }]);
  const filtered = ledgerWhere(db, filter, today, opts.onlyLeaderId);
  const searching = filtered.conditions.some((c) => c.lookupCost !== undefined);
  // A search is counted up to LEDGER_COUNT_CAP and its page read by windows (orderedIds): no set built.
  const matched = searching ? null : matchHits(db, filtered);
  try {
    const where = matched?.where ?? filtered;
    const counted = matched
      ? { total: countHits(db, where, matched.hits), capped: false }
      : searching
        ? countSearch(db, where)
        : { total: countLedger(db, where), capped: false };
    const { total, capped } = counted;
    const matches = 'matches' in counted ? counted.matches : total;
    const page = { limit: filter.limit ?? 50, offset: filter.offset ?? 0 };
    const more = capped ? { capped: true as const } : {};
    if (total === 0 || page.offset >= total) return { total, rows: [], ...more };
    // A capped search has more rows than it says: walked, never sorted whole.
    const ids = orderedIds(db, where, capped ? Infinity : total, matches, filter.sort ?? DEFAULT_SORT, page);
    return { total, rows: ledgerRows(db, ids, today), ...more };
  } finally {
    if (matched) db.prepare('DELETE FROM temp.ledger_hits').run();
  }
}

/** Every row of the filter in ledger order, for an export (the caller checks the count first). */
export function ledgerAll(
  db: Db,
  filter: LedgerQuery,
  today: string,
  opts: { onlyLeaderId?: number | undefined } = {},
): LedgerRow[] {
  const where = ledgerWhere(db, filter, today, opts.onlyLeaderId);
  return ledgerRows(db, orderedIds(db, where, 0, 0, filter.sort ?? DEFAULT_SORT, null), today);
}
