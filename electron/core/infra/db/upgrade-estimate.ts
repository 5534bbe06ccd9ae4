import type { Db } from './connection';
import type { Migration } from './migrations.generated';
import { all, value } from './sql';

/**
 * How long the rest of an upgrade will take, from what it has done so far. A statement's work is
 * taken as the rows of the tables it names (an UPDATE of cases, an index on visits, a table
 * rebuild's INSERT … SELECT): SQLite's time for each is close to linear in those rows. Until a
 * second of work has been measured on this machine, a prior rate stands in (measured by
 * `npm run bench -- store` on the 2-core build machine).
 */
export const PRIOR_ROWS_PER_SECOND = 50_000;

/** Statements whose time does not grow with the rows: a new table, trigger or view, a new column (SQLite writes no row for it), a rename. */
const CONSTANT =
  /^\s*(CREATE\s+(TABLE|TRIGGER|VIEW|VIRTUAL)|DROP\s+(TRIGGER|VIEW|INDEX)|ALTER\s+TABLE\s+\S+\s+(ADD|RENAME))/i;
const CREATE_INDEX = /^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+\S+\s+ON\s+[`"]?(\w+)/i;

/**
 * Work per statement of each pending migration: 1 + the rows it must visit. A new index visits
 * its table's rows, an INSERT … SELECT, UPDATE, DELETE or DROP TABLE those of every table it
 * names; a new table or column none. The last migration gets one more entry per table: the
 * closing foreign_key_check (migrate.ts), which visits every row of each.
 */
export function statementWeights(db: Db, pending: Migration[]): number[][] {
  const rows = new Map<string, number>();
  for (const { name } of all<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  )) {
    let n = 0;
    try {
      // The highest rowid: one B-tree descent, where count(*) would read the whole table.
      n = value<number | null>(db, `SELECT max(rowid) FROM "${name.replace(/"/g, '""')}"`) ?? 0;
    } catch {
      n = 0; // WITHOUT ROWID tables: small here (counters, pairs of ids)
    }
    rows.set(name, n);
  }
  const names = [...rows.keys()].filter((name) => (rows.get(name) ?? 0) > 0);
  const mentions = names.map((name) => [name, new RegExp(`(^|[^\\w])${escape(name)}($|[^\\w])`)] as const);
  const weigh = (statement: string) => {
    const sql = statement.replace(/^(\s*--[^\n]*\n)+/, '');
    if (CONSTANT.test(sql)) return 1;
    const index = CREATE_INDEX.exec(sql);
    if (index) return 1 + (rows.get(index[2]!) ?? 0);
    return 1 + mentions.reduce((sum, [name, pattern]) => sum + (pattern.test(sql) ? rows.get(name)! : 0), 0);
  };
  // The check after the last migration, table by table in name order (tables the migrations
  // add are empty and cost nothing; they may shift the order by a few entries).
  const checks = [...rows.keys()].sort().map((name) => 1 + (rows.get(name) ?? 0));
  return pending.map((m, i) => [...m.statements.map(weigh), ...(i === pending.length - 1 ? checks : [])]);
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Seconds the whole of `weights` should take at the prior rate: what the screen says before any of it ran. */
export function priorSeconds(weights: number[][], priorRowsPerSecond = PRIOR_ROWS_PER_SECOND): number {
  return Math.ceil(weights.flat().reduce((a, b) => a + b, 0) / priorRowsPerSecond);
}

export interface UpgradeEstimate {
  /** 0…1 of the whole upgrade's work. */
  fraction: number;
  /** Seconds left, rounded up; null only while nothing at all can be said. */
  remainingSeconds: number;
}

/**
 * Tracks an upgrade's statements as they finish (`done`) and says at any moment (`estimate`) how
 * far it is and how long the rest will take. Inside a long statement the bar moves on at the
 * measured rate, but never past 95 % of that statement: it does not claim work not yet done.
 */
export class UpgradeTracker {
  private readonly flat: number[];
  /** Index into `flat` of each migration's first statement. */
  private readonly starts: number[];
  private readonly total: number;
  /** Index into `flat` of the statement running now. */
  private next = 0;
  private doneWeight = 0;
  private workMs = 0;
  private statementStart: number;

  constructor(
    weights: number[][],
    private readonly ms: () => number,
    private readonly priorRowsPerSecond = PRIOR_ROWS_PER_SECOND,
  ) {
    this.flat = weights.flat();
    this.starts = weights.map((_, m) => weights.slice(0, m).reduce((n, w) => n + w.length, 0));
    this.total = this.flat.reduce((a, b) => a + b, 0);
    this.statementStart = ms();
  }

  /** The statements before `statement` of migration `migration` (pending-list index) are done. */
  done(migration: number, statementsDone: number): void {
    const index = (this.starts[migration] ?? this.flat.length) + statementsDone;
    const at = this.ms();
    while (this.next < index && this.next < this.flat.length) this.doneWeight += this.flat[this.next++]!;
    this.workMs += at - this.statementStart;
    this.statementStart = at;
  }

  /**
   * Rows per millisecond: measured once a second of work is behind us, the prior before. A
   * statement running longer than its rows say counts in with its time so far, so the rate
   * (and with it the time left) follows a slow statement instead of reaching zero.
   */
  private rate(runningMs: number): number {
    const prior = this.priorRowsPerSecond / 1000;
    const measured = this.workMs >= 1000 && this.doneWeight > 0 ? this.doneWeight / this.workMs : prior;
    const current = this.flat[this.next] ?? 0;
    const expectedMs = current / measured;
    if (runningMs <= expectedMs) return measured;
    return (this.doneWeight + current * 0.95) / (this.workMs + runningMs);
  }

  estimate(): UpgradeEstimate {
    const runningMs = this.ms() - this.statementStart;
    const rate = this.rate(runningMs);
    const current = this.flat[this.next] ?? 0;
    const running = Math.min(current * 0.95, runningMs * rate);
    const done = this.doneWeight + running;
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    return { fraction, remainingSeconds: Math.ceil(Math.max(0, this.total - done) / rate / 1000) };
  }
}
