import { HallError, type MethodParsedInput } from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import type { ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

/**
 * The reference lists an office keeps itself: 属地 (township or street → village or community,
 * with division codes) and 问题类别 (two levels). An entry is added, renamed or retired, never
 * deleted: visits and cases keep pointing at it, so a retired entry still reads on old records
 * while the pickers for new entries (reference.lists) and the checks behind them leave it out.
 */
export interface ReferenceDeps {
  store: Store;
}

type LocalityLevel = 'county' | 'township' | 'village' | 'street' | 'community' | 'other';

interface LocalityRow {
  id: number;
  name: string;
  code: string | null;
  parent_id: number | null;
  level: LocalityLevel;
  active: number;
}

interface CategoryRow {
  id: number;
  name: string;
  parent_id: number | null;
  active: number;
}

/** How many records name a locality or a category: visits, cases and leaders' and units' portfolios. */
function usesSql(table: 'localities' | 'categories'): string {
  const col = table === 'localities' ? 'locality_id' : 'category_id';
  return `(SELECT count(*) FROM visits WHERE ${col} = x.id) + (SELECT count(*) FROM cases WHERE ${col} = x.id)
    + (SELECT count(*) FROM leader_scopes WHERE ${col} = x.id) + (SELECT count(*) FROM unit_scopes WHERE ${col} = x.id)`;
}

export function listLocalities({ store }: ReferenceDeps) {
  return all<LocalityRow & { uses: number }>(
    store.database,
    `SELECT x.id, x.name, x.code, x.parent_id, x.level, x.active, ${usesSql('localities')} AS uses
     FROM localities x ORDER BY x.sort, x.id`,
  ).map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    parentId: r.parent_id,
    level: r.level,
    active: r.active === 1,
    uses: r.uses,
  }));
}

export function listCategories({ store }: ReferenceDeps) {
  return all<CategoryRow & { uses: number }>(
    store.database,
    `SELECT x.id, x.name, x.parent_id, x.active, ${usesSql('categories')} AS uses FROM categories x ORDER BY x.sort, x.id`,
  ).map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, active: r.active === 1, uses: r.uses }));
}

/**
 * The level a locality takes under its parent: under nothing or a county it is a township (or
 * street, kept when it was one); under a township or street it is a village (or community).
 * Two levels below the county: a village has no children.
 */
export function localityLevel(parent: { level: LocalityLevel } | undefined, keep?: LocalityLevel): LocalityLevel {
  if (!parent || parent.level === 'county') return keep === 'street' ? 'street' : 'township';
  if (parent.level === 'township' || parent.level === 'street') return keep === 'community' ? 'community' : 'village';
  throw new HallError('BAD_INPUT', '村（社区）下不能再设属地。', [
    { path: 'parentId', message: '只能选乡镇（街道）作为上级' },
  ]);
}

/** The checks of one locality against the others, shared by the screen and the Excel import. */
export function checkLocality(
  db: Db,
  input: { id?: number | undefined; name: string; code: string | null; parentId: number | null; active: boolean },
): { level: LocalityLevel; before: LocalityRow | undefined; parentId: number | null } {
  const before = input.id ? one<LocalityRow>(db, 'SELECT * FROM localities WHERE id = ?', input.id) : undefined;
  if (input.id && !before) throw new HallError('NOT_FOUND', '没有这个属地。');
  // A county entry is kept as the root: a township is always placed under it.
  const parentId = before?.level === 'county' ? before.parent_id : (input.parentId ?? countyRoot(db, before?.id));
  input = { ...input, parentId };
  const parent =
    input.parentId === null ? undefined : one<LocalityRow>(db, 'SELECT * FROM localities WHERE id = ?', input.parentId);
  if (input.parentId !== null && !parent)
    throw new HallError('BAD_INPUT', '所选上级属地不存在。', [{ path: 'parentId', message: '所选上级属地不存在' }]);
  if (before && parent && (parent.id === before.id || isBelow(db, 'localities', parent.id, before.id)))
    throw new HallError('BAD_INPUT', '不能把属地放到它自己下面。', [{ path: 'parentId', message: '上级不能是它自己' }]);
  if (before && input.parentId !== before.parent_id && hasChildren(db, 'localities', before.id))
    throw new HallError('BAD_INPUT', '这个乡镇下有村（社区），不能改变它的上级。', [
      { path: 'parentId', message: '有下级的属地不能改上级' },
    ]);
  const level = before?.level === 'county' ? 'county' : localityLevel(parent, before?.level);
  checkTree(db, 'localities', input, parent, before);
  if (input.code !== null) {
    const wanted = level === 'county' ? 6 : level === 'township' || level === 'street' ? 9 : 12;
    if (input.code.length !== wanted)
      throw new HallError('BAD_INPUT', `${LEVEL_WORD[level]}的行政区划代码应为${wanted}位数字。`, [
        { path: 'code', message: `应为${wanted}位数字` },
      ]);
    if (parent?.code && !input.code.startsWith(parent.code))
      throw new HallError('BAD_INPUT', `代码应以上级“${parent.name}”的代码 ${parent.code} 开头。`, [
        { path: 'code', message: `应以 ${parent.code} 开头` },
      ]);
    const taken = one<{ name: string }>(
      db,
      'SELECT name FROM localities WHERE code = ? AND id IS NOT ?',
      input.code,
      input.id ?? null,
    );
    if (taken)
      throw new HallError('CONFLICT', `代码 ${input.code} 已用于“${taken.name}”。`, [
        { path: 'code', message: '代码重复' },
      ]);
  }
  return { level, before, parentId };
}

/** The office's county (区县) when the list has exactly one in use: townships sit under it. */
function countyRoot(db: Db, self: number | undefined): number | null {
  const ids = all<{ id: number }>(
    db,
    "SELECT id FROM localities WHERE level = 'county' AND parent_id IS NULL AND active = 1 AND id IS NOT ? LIMIT 2",
    self ?? null,
  );
  return ids.length === 1 ? ids[0]!.id : null;
}

const LEVEL_WORD: Record<LocalityLevel, string> = {
  county: '县（区）',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  other: '属地',
};

/** Writes one checked locality; returns its id. Runs inside the caller's transaction. */
export function writeLocality(
  db: Db,
  input: { id?: number | undefined; name: string; code: string | null; parentId: number | null; active: boolean },
  level: LocalityLevel,
): number {
  if (input.id) {
    db.prepare('UPDATE localities SET name = ?, code = ?, parent_id = ?, level = ?, active = ? WHERE id = ?').run(
      input.name,
      input.code,
      input.parentId,
      level,
      input.active ? 1 : 0,
      input.id,
    );
    return input.id;
  }
  return Number(
    db
      .prepare(
        'INSERT INTO localities (name, code, parent_id, level, active, sort) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM localities))',
      )
      .run(input.name, input.code, input.parentId, level, input.active ? 1 : 0).lastInsertRowid,
  );
}

export function saveLocality(
  { store }: ReferenceDeps,
  input: MethodParsedInput<'localities.save'>,
  call: ServiceCall,
): { id: number } {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      const { level, before, parentId } = checkLocality(d, input);
      const id = writeLocality(d, { ...input, parentId }, level);
      audit({
        action: before
          ? before.active === 1 && !input.active
            ? 'locality.retire'
            : 'locality.update'
          : 'locality.create',
        entity: 'locality',
        entityId: id,
        ...(before ? { before } : {}),
        after: { ...input, parentId, level },
      });
      return id;
    }),
  };
}

/** The checks of one category against the others: two levels, names unique under one parent. */
export function checkCategory(
  db: Db,
  input: { id?: number | undefined; name: string; parentId: number | null; active: boolean },
): CategoryRow | undefined {
  const before = input.id ? one<CategoryRow>(db, 'SELECT * FROM categories WHERE id = ?', input.id) : undefined;
  if (input.id && !before) throw new HallError('NOT_FOUND', '没有这个问题类别。');
  const parent =
    input.parentId === null ? undefined : one<CategoryRow>(db, 'SELECT * FROM categories WHERE id = ?', input.parentId);
  if (input.parentId !== null && !parent)
    throw new HallError('BAD_INPUT', '所选上级类别不存在。', [{ path: 'parentId', message: '所选上级类别不存在' }]);
  if (parent && parent.parent_id !== null)
    throw new HallError('BAD_INPUT', '问题类别只有两级：二级类别下不能再设类别。', [
      { path: 'parentId', message: '只能选一级类别作为上级' },
    ]);
  if (before && input.parentId !== null && hasChildren(db, 'categories', before.id))
    throw new HallError('BAD_INPUT', '这个一级类别下有二级类别，不能把它放到别的类别下。', [
      { path: 'parentId', message: '有下级的类别不能改上级' },
    ]);
  if (before && parent && parent.id === before.id)
    throw new HallError('BAD_INPUT', '不能把类别放到它自己下面。', [{ path: 'parentId', message: '上级不能是它自己' }]);
  checkTree(db, 'categories', input, parent, before);
  return before;
}

export function writeCategory(
  db: Db,
  input: { id?: number | undefined; name: string; parentId: number | null; active: boolean },
): number {
  if (input.id) {
    db.prepare('UPDATE categories SET name = ?, parent_id = ?, active = ? WHERE id = ?').run(
      input.name,
      input.parentId,
      input.active ? 1 : 0,
      input.id,
    );
    return input.id;
  }
  return Number(
    db
      .prepare(
        'INSERT INTO categories (name, parent_id, active, sort) VALUES (?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM categories))',
      )
      .run(input.name, input.parentId, input.active ? 1 : 0).lastInsertRowid,
  );
}

export function saveCategory(
  { store }: ReferenceDeps,
  input: MethodParsedInput<'categories.save'>,
  call: ServiceCall,
): { id: number } {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      const before = checkCategory(d, input);
      const id = writeCategory(d, input);
      audit({
        action: before
          ? before.active === 1 && !input.active
            ? 'category.retire'
            : 'category.update'
          : 'category.create',
        entity: 'category',
        entityId: id,
        ...(before ? { before } : {}),
        after: input,
      });
      return id;
    }),
  };
}

const TREE_WORDS = {
  localities: { noun: '属地', children: '村（社区）' },
  categories: { noun: '类别', children: '二级类别' },
} as const;

/**
 * The rules both two-level lists keep (属地, 问题类别): nothing in use under a retired parent, no
 * parent retired while its children are in use, no two entries of one name under one parent.
 */
function checkTree(
  db: Db,
  table: 'localities' | 'categories',
  input: { id?: number | undefined; name: string; parentId: number | null; active: boolean },
  parent: { name: string; active: number } | undefined,
  before: { id: number; name: string } | undefined,
): void {
  const { noun, children } = TREE_WORDS[table];
  if (input.active && parent && !parent.active)
    throw new HallError('BAD_INPUT', `上级${noun}“${parent.name}”已停用，请先启用它。`, [
      { path: 'parentId', message: `上级${noun}已停用` },
    ]);
  if (!input.active && before && activeChildren(db, table, before.id) > 0)
    throw new HallError('BAD_INPUT', `“${before.name}”下还有在用的${children}，请先停用它们。`, [
      { path: 'active', message: '下级还在用' },
    ]);
  const twin = value<number>(
    db,
    `SELECT id FROM ${table} WHERE name = ? AND parent_id IS ? AND id IS NOT ?`,
    input.name,
    input.parentId,
    input.id ?? null,
  );
  if (twin !== undefined)
    throw new HallError('CONFLICT', `同一上级下已有名为“${input.name}”的${noun}。`, [
      { path: 'name', message: '同一上级下名称重复' },
    ]);
}

function hasChildren(db: Db, table: 'localities' | 'categories', id: number): boolean {
  return value<number>(db, `SELECT 1 FROM ${table} WHERE parent_id = ? LIMIT 1`, id) !== undefined;
}

function activeChildren(db: Db, table: 'localities' | 'categories', id: number): number {
  return value<number>(db, `SELECT count(*) FROM ${table} WHERE parent_id = ? AND active = 1`, id)!;
}

/** Whether `id` lies somewhere below `ancestor`. */
function isBelow(db: Db, table: 'localities', id: number, ancestor: number): boolean {
  return (
    value<number>(
      db,
      `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM ${table} WHERE id = ?
         UNION ALL SELECT t.id, t.parent_id FROM ${table} t JOIN up ON t.id = up.parent_id)
       SELECT 1 FROM up WHERE id = ? LIMIT 1`,
      id,
      ancestor,
    ) !== undefined
  );
}

/**
 * The pickers for new entries: only entries in use, each under a parent in use (a village of a
 * retired township is not offered either).
 */
export function referenceLists({ store }: ReferenceDeps) {
  const db = store.database;
  return {
    categories: all<{ id: number; name: string; parentId: number | null }>(
      db,
      `SELECT c.id, c.name, c.parent_id AS parentId FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
       WHERE c.active = 1 AND (p.id IS NULL OR p.active = 1) ORDER BY coalesce(p.sort, c.sort), coalesce(p.id, c.id), c.parent_id IS NOT NULL, c.sort, c.id`,
    ),
    localities: all<{ id: number; name: string; parentId: number | null; level: string }>(
      db,
      `SELECT l.id, l.name, l.parent_id AS parentId, l.level FROM localities l LEFT JOIN localities p ON p.id = l.parent_id
       WHERE l.active = 1 AND (p.id IS NULL OR p.active = 1) ORDER BY l.sort, l.id`,
    ),
  };
}
