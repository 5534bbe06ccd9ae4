import type Database from 'better-sqlite3-multiple-ciphers';

type Statement<P extends unknown[], R> = Database.Statement<P, R>;
import type { Db } from './connection';

/**
 * Typed raw SQL. Where drizzle's query builder does not fit (FTS5, triggers' copies, INDEXED BY,
 * window functions, hand-tuned ledger plans), a query goes through these helpers: the row type
 * is named once, as the type argument, and is never cast after `.get()`/`.all()` (lint refuses
 * such casts). Statements are prepared once per database and SQL text, as better-sqlite3 advises.
 */
const cache = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

function statement<T>(db: Db, sql: string, pluck: boolean): Statement<unknown[], T> {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  // A plucked statement returns its first column: kept apart from the same text returning rows.
  const key = pluck ? `pluck:${sql}` : sql;
  let stmt = byText.get(key);
  if (!stmt) {
    // IN lists of many lengths make many texts: keep the cache bounded.
    if (byText.size >= 1000) byText.clear();
    stmt = db.prepare<unknown[], unknown>(sql);
    if (pluck) stmt.pluck(true);
    byText.set(key, stmt);
  }
  return stmt as Statement<unknown[], T>;
}

/** The first row, or undefined. */
export function one<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  return statement<T>(db, sql, false).get(...params);
}

/** Every row. */
export function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return statement<T>(db, sql, false).all(...params);
}

/** The first column of the first row (a count, an id), or undefined. */
export function value<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  return statement<T>(db, sql, true).get(...params);
}

/** The first column of every row. */
export function values<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return statement<T>(db, sql, true).all(...params);
}

/**
 * The rows one at a time, for a walk over a table too large to hold (the audit chain). The
 * statement is busy until the walk ends: do not run the same SQL text again inside the loop.
 */
export function iterate<T>(db: Db, sql: string, ...params: unknown[]): IterableIterator<T> {
  return statement<T>(db, sql, false).iterate(...params);
}

/** Runs a write; returns the changes and the new row id. */
export function run(db: Db, sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number } {
  const r = statement<unknown>(db, sql, false).run(...params);
  return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
}

/**
 * `IN (?, ?, …)` for a list of values: the placeholders and the values to bind. An empty list
 * gives `IN (NULL)`, which matches nothing, instead of a syntax error.
 */
export function inList<V>(values: readonly V[]): { sql: string; params: V[] } {
  return { sql: values.length === 0 ? '(NULL)' : `(${values.map(() => '?').join(', ')})`, params: [...values] };
}
