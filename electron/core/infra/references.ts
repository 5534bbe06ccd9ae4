import { HallError, type FieldIssue } from '../../../shared/contract';
import type { Db } from './db/connection';
import { value } from './db/sql';

/** The tables an input may name rows of, with what the user calls a row of each. */
const NOUNS = {
  leaders: '领导',
  units: '单位',
  rooms: '接待室',
  categories: '问题类别',
  localities: '属地',
  visits: '来访',
} as const;

export type ReferencedTable = keyof typeof NOUNS;

/** An input field that names rows: its path as the router reports paths, the table, and the id or ids. */
export interface Reference {
  path: string;
  table: ReferencedTable;
  /** Null, undefined or an empty list names nothing and passes. */
  ids: number | readonly number[] | null | undefined;
  /** Only rows in use (`active = 1`): a retired leader or unit cannot be chosen for new work. */
  active?: true;
}

/**
 * The one check of the rows an input names (issue 13): every field whose rows are missing (or
 * retired) is refused with BAD_INPUT at that field, before anything is written. Without it a
 * dangling id reached a foreign key mid-write and came back as an internal error. A list of any
 * length is one statement: the ids travel as one JSON parameter, not one SQL variable each
 * (SQLite allows 32,766, and a client may send more).
 */
export function requireRows(db: Db, references: readonly Reference[]): void {
  const fields: FieldIssue[] = [];
  for (const { path, table, ids, active } of references) {
    if (ids === null || ids === undefined) continue;
    const wanted = [...new Set(typeof ids === 'number' ? [ids] : ids)];
    if (wanted.length === 0) continue;
    const found = value<number>(
      db,
      `SELECT count(*) FROM ${table} WHERE id IN (SELECT value FROM json_each(?))${active ? ' AND active = 1' : ''}`,
      JSON.stringify(wanted),
    );
    if (found !== wanted.length) fields.push({ path, message: `所选${NOUNS[table]}不存在${active ? '或已停用' : ''}` });
  }
  if (fields.length > 0)
    throw new HallError('BAD_INPUT', fields.length === 1 ? `${fields[0]!.message}。` : undefined, fields);
}
