import type ExcelJS from 'exceljs';
import { HallError } from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import { all, one } from '../infra/db/sql';
import { checkCategory, checkLocality, writeCategory, writeLocality } from '../people/reference';

/**
 * The Excel sheets of the office's reference lists: 属地, 问题类别 and 接待室. Like the leaders'
 * and units' sheets, the export is the import template, a row is matched by its name (a village
 * by its township and name, a second-level category by its class and name) and updated, or
 * added; 状态 停用 retires an entry (nothing is ever deleted). Every row is checked before any is
 * written, against the database and the rows above it, and the same checks as the screen's run
 * again on write.
 */
export type ReferenceKind = 'localities' | 'categories' | 'rooms';

export const REFERENCE_SHEETS: Record<ReferenceKind, { sheet: string; columns: string[] }> = {
  localities: { sheet: '属地', columns: ['乡镇（街道）', '村（社区）', '行政区划代码', '状态'] },
  categories: { sheet: '问题类别', columns: ['一级类别', '二级类别', '状态'] },
  rooms: { sheet: '接待室', columns: ['名称', '位置', '排队号前缀', '状态'] },
};

interface Entry {
  id: number;
  name: string;
  parent_id: number | null;
  level?: string;
  code?: string | null;
  active: number;
}

export function addReferenceRows(db: Db, kind: ReferenceKind, ws: ExcelJS.Worksheet): void {
  const state = (active: number) => (active ? '在用' : '停用');
  if (kind === 'rooms') {
    for (const r of all<{ name: string; location: string | null; queue_prefix: string | null; active: number }>(
      db,
      'SELECT name, location, queue_prefix, active FROM rooms ORDER BY id',
    ))
      ws.addRow([r.name, r.location ?? '', r.queue_prefix ?? '', state(r.active)]);
    return;
  }
  const rows = all<Entry>(db, `SELECT * FROM ${kind} ORDER BY sort, id`);
  const tops =
    kind === 'localities'
      ? rows.filter((r) => r.level === 'township' || r.level === 'street')
      : rows.filter((r) => r.parent_id === null);
  for (const top of tops) {
    ws.addRow(
      kind === 'localities' ? [top.name, '', top.code ?? '', state(top.active)] : [top.name, '', state(top.active)],
    );
    for (const child of rows.filter((r) => r.parent_id === top.id))
      ws.addRow(
        kind === 'localities'
          ? [top.name, child.name, child.code ?? '', state(child.active)]
          : [top.name, child.name, state(child.active)],
      );
  }
}

type Row = Record<string, string>;

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** Checks every row; returns the errors and the writes to run in one transaction when there are none. */
export function planReferenceImport(
  db: Db,
  kind: ReferenceKind,
  rows: Row[],
): { errors: RowError[]; writes: (() => void)[] } {
  const errors: RowError[] = [];
  const writes: (() => void)[] = [];
  const err = (row: Row, column: string, message: string) => errors.push({ row: Number(row.__row), column, message });
  const active = (row: Row): boolean => {
    const v = row['状态'] ?? '';
    if (v === '' || v === '在用') return true;
    if (v === '停用') return false;
    err(row, '状态', '应填“在用”或“停用”');
    return true;
  };
  const name = (row: Row, column: string, max: number, required: boolean): string => {
    const v = row[column] ?? '';
    if (!v && required) err(row, column, '不能为空');
    else if (v.length > max) err(row, column, `不能超过${max}个字`);
    return v;
  };
  const seen = new Map<string, number>();
  const once = (row: Row, column: string, key: string) => {
    const earlier = seen.get(key);
    if (earlier !== undefined) err(row, column, `与第${earlier}行重复`);
    else seen.set(key, Number(row.__row));
  };

  if (kind === 'rooms') {
    for (const row of rows) {
      const n = name(row, '名称', 30, true);
      once(row, '名称', n);
      const prefix = row['排队号前缀'] ?? '';
      if (prefix && !/^[A-Z]$/.test(prefix)) err(row, '排队号前缀', '应为一个大写字母');
      const location = row['位置'] ?? '';
      if (location.length > 60) err(row, '位置', '不能超过60个字');
      const on = active(row);
      writes.push(() => {
        const existing = one<{ id: number }>(db, 'SELECT id FROM rooms WHERE name = ?', n);
        if (existing)
          db.prepare('UPDATE rooms SET location = ?, queue_prefix = ?, active = ? WHERE id = ?').run(
            location || null,
            prefix || null,
            on ? 1 : 0,
            existing.id,
          );
        else
          db.prepare('INSERT INTO rooms (name, location, queue_prefix, active) VALUES (?, ?, ?, ?)').run(
            n,
            location || null,
            prefix || null,
            on ? 1 : 0,
          );
      });
    }
    return { errors, writes };
  }

  const table = kind;
  const [topColumn, childColumn] = kind === 'localities' ? ['乡镇（街道）', '村（社区）'] : ['一级类别', '二级类别'];
  const entries = all<Entry>(db, `SELECT * FROM ${table}`);
  const isTop = (e: Entry) =>
    kind === 'localities' ? e.level === 'township' || e.level === 'street' : e.parent_id === null;
  const topsInDb = new Map(entries.filter(isTop).map((e) => [e.name, e]));
  const topsInFile = new Map<string, { code: string; active: boolean }>();
  const codes = new Map(entries.filter((e) => e.code).map((e) => [e.code!, e]));
  const codesInFile = new Map<string, number>();
  // Written in this order, so a township is in use before its villages and retired after them.
  const ranked: { rank: number; write: () => void }[] = [];
  const childStates = new Map<string, boolean>();
  const retiredTops: { row: Row; top: string }[] = [];
  for (const row of rows) {
    const top = name(row, topColumn, 30, true);
    const child = name(row, childColumn, 30, false);
    once(row, child ? childColumn : topColumn, `${top}\n${child}`);
    const on = active(row);
    let code: string | null = null;
    if (kind === 'localities') {
      code = row['行政区划代码'] || null;
      const wanted = child ? 12 : 9;
      if (code !== null && !new RegExp(`^\\d{${wanted}}$`).test(code))
        err(row, '行政区划代码', `${child ? '村（社区）' : '乡镇（街道）'}的代码应为${wanted}位数字`);
      else if (code !== null) {
        const earlier = codesInFile.get(code);
        const owner = codes.get(code);
        const parentInDb = topsInDb.get(top);
        const ownerIsThis =
          owner && owner.name === (child || top) && (child ? owner.parent_id === parentInDb?.id : isTop(owner));
        if (earlier !== undefined) err(row, '行政区划代码', `与第${earlier}行的代码重复`);
        else if (owner && !ownerIsThis) err(row, '行政区划代码', `代码已用于“${owner.name}”`);
        codesInFile.set(code, Number(row.__row));
        const parentCode = child ? (topsInFile.get(top)?.code ?? parentInDb?.code ?? '') : '';
        if (child && parentCode && !code.startsWith(parentCode))
          err(row, '行政区划代码', `应以乡镇“${top}”的代码 ${parentCode} 开头`);
      }
    }
    if (child) childStates.set(`${top}\n${child}`, on);
    else if (!on) retiredTops.push({ row, top });
    if (!child) topsInFile.set(top, { code: code ?? '', active: on });
    else if (top && !topsInFile.has(top) && !topsInDb.has(top))
      err(
        row,
        topColumn,
        `没有名为“${top}”的${kind === 'localities' ? '乡镇（街道）' : '一级类别'}（请在前面的行中先列出它）`,
      );
    else if (child && on && (topsInFile.get(top)?.active ?? topsInDb.get(top)?.active !== 0) === false)
      err(row, '状态', `上级“${top}”已停用，下级不能在用`);
    ranked.push({
      rank: on ? (child ? 1 : 0) : child ? 2 : 3,
      write: () => {
        const parent = one<Entry>(
          db,
          `SELECT * FROM ${table} WHERE name = ? AND ${kind === 'localities' ? "level IN ('township', 'street')" : 'parent_id IS NULL'}`,
          top,
        );
        if (!child) {
          if (kind === 'localities') {
            const input = { id: parent?.id, name: top, code, parentId: parent?.parent_id ?? null, active: on };
            const checked = checkLocality(db, input);
            writeLocality(db, { ...input, parentId: checked.parentId }, checked.level);
          } else {
            const input = { id: parent?.id, name: top, parentId: null, active: on };
            checkCategory(db, input);
            writeCategory(db, input);
          }
          return;
        }
        if (!parent) throw new HallError('BAD_INPUT', `没有名为“${top}”的上级。`);
        const existing = one<{ id: number }>(
          db,
          `SELECT id FROM ${table} WHERE name = ? AND parent_id = ?`,
          child,
          parent.id,
        );
        if (kind === 'localities') {
          const input = { id: existing?.id, name: child, code, parentId: parent.id, active: on };
          const checked = checkLocality(db, input);
          writeLocality(db, { ...input, parentId: checked.parentId }, checked.level);
        } else {
          const input = { id: existing?.id, name: child, parentId: parent.id, active: on };
          checkCategory(db, input);
          writeCategory(db, input);
        }
      },
    });
  }
  // A retired township or class may keep no entry in use below it.
  for (const { row, top } of retiredTops) {
    const parent = topsInDb.get(top);
    if (!parent) continue;
    const still = entries
      .filter((e) => e.parent_id === parent.id && e.active === 1 && childStates.get(`${top}\n${e.name}`) !== false)
      .map((e) => e.name);
    if (still.length > 0) err(row, '状态', `其下的“${still.join('、')}”还在用，请在文件中一并停用`);
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return { errors, writes: ranked.map((r) => r.write) };
}
