import { asc, eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../infra/workbook';
import { HHMM, lacksOutsidePlace, OUTSIDE_PLACE_MESSAGE } from '../../../shared/domain/duty';
import { HallError, type SlotForm } from '../../../shared/contract';
import { isIsoDate, spreadsheetDay } from '../../../shared/domain/calendar';
import { FORM } from '../../../shared/domain/labels';
import type { Db } from '../infra/db/connection';
import { orm } from '../infra/db/orm';
import {
  categories,
  leaders as leadersTable,
  localities,
  rooms as roomsTable,
  units as unitsTable,
} from '../infra/db/schema';
import { all, values } from '../infra/db/sql';
import { addReferenceRows, planReferenceImport, REFERENCE_SHEETS, type ReferenceKind } from './reference-sheets';

/**
 * XLSX import and export of leaders, units and the roster. The file the app exports is the
 * template it imports: same sheet, same header row. An import checks every row first and
 * writes nothing unless every row is good; the errors name the row and the column.
 */
export type TransferKind = 'leaders' | 'units' | 'roster' | ReferenceKind;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

const SHEETS: Record<TransferKind, { sheet: string; columns: string[] }> = {
  ...REFERENCE_SHEETS,
  leaders: {
    sheet: '接访领导',
    columns: ['姓名', '职务', '分管工作', '级别', '电话', '主要领导', '状态', '分管类别', '联系属地'],
  },
  units: { sheet: '责任单位', columns: ['单位名称', '联系人', '电话', '负责类别', '负责属地', '状态'] },
  roster: {
    sheet: '值班安排',
    columns: ['日期', '开始时间', '结束时间', '形式', '接访领导', '接待室', '地点', '备注'],
  },
};

const LIST_SPLIT = /[、,，;；\s]+/;
const FORM_BY_LABEL = Object.fromEntries(Object.entries(FORM).map(([k, v]) => [v, k])) as Record<
  string,
  keyof typeof FORM
>;

/** Active entries by name (a later entry of the same name wins). */
/** Active names to ids, for reading a sheet that names them (the last of two equal names wins). */
export function namesOf(
  db: Db,
  table: typeof categories | typeof localities | typeof leadersTable | typeof roomsTable | typeof unitsTable,
): Map<string, number> {
  return new Map(
    orm(db)
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(eq(table.active, true))
      .orderBy(asc(table.id))
      .all()
      .map((r) => [r.name, r.id]),
  );
}

function scopeNames(
  db: Db,
  table: 'leader_scopes' | 'unit_scopes',
  owner: 'leader_id' | 'unit_id',
  id: number,
): [string, string] {
  const cats = values<string>(
    db,
    `SELECT c.name FROM ${table} s JOIN categories c ON c.id = s.category_id WHERE s.${owner} = ? ORDER BY c.sort`,
    id,
  );
  const locs = values<string>(
    db,
    `SELECT l.name FROM ${table} s JOIN localities l ON l.id = s.locality_id WHERE s.${owner} = ? ORDER BY l.sort`,
    id,
  );
  return [cats.join('、'), locs.join('、')];
}

/** A duty slot as the roster sheet lists it, with its room's name. */
interface RosterSheetRow {
  id: number;
  date: string;
  start_time: string;
  end_time: string;
  form: SlotForm;
  room: string | null;
  place: string | null;
  note: string | null;
}

export async function exportSheet(db: Db, kind: TransferKind, range?: { from: string; to: string }): Promise<Buffer> {
  const wb = newWorkbook();
  wb.creator = '信访接待大厅';
  const spec = SHEETS[kind];
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(spec.columns).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 18));
  if (kind === 'localities' || kind === 'categories' || kind === 'rooms') addReferenceRows(db, kind, ws);
  else if (kind === 'leaders') {
    for (const l of orm(db).select().from(leadersTable).orderBy(asc(leadersTable.sort), asc(leadersTable.id)).all()) {
      const [cats, locs] = scopeNames(db, 'leader_scopes', 'leader_id', l.id);
      ws.addRow([
        l.name,
        l.post,
        l.portfolio,
        l.rank,
        l.phone ?? '',
        l.isPrincipal ? '是' : '否',
        l.active ? '在用' : '停用',
        cats,
        locs,
      ]);
    }
  } else if (kind === 'units') {
    for (const u of orm(db).select().from(unitsTable).orderBy(asc(unitsTable.name)).all()) {
      const [cats, locs] = scopeNames(db, 'unit_scopes', 'unit_id', u.id);
      ws.addRow([u.name, u.contact ?? '', u.phone ?? '', cats, locs, u.active ? '在用' : '停用']);
    }
  } else {
    const from = range?.from ?? '0000-01-01';
    const to = range?.to ?? '9999-12-31';
    const slots = all<RosterSheetRow>(
      db,
      'SELECT s.id, s.date, s.start_time, s.end_time, s.form, r.name AS room, s.place, s.note FROM duty_slots s LEFT JOIN rooms r ON r.id = s.room_id WHERE s.cancelled = 0 AND s.date BETWEEN ? AND ? ORDER BY s.date, s.start_time',
      from,
      to,
    );
    // The leaders on duty: one reported absent is left out.
    const leaders = (slotId: number) =>
      values<string>(
        db,
        'SELECT l.name FROM duty_slot_leaders dl JOIN leaders l ON l.id = dl.leader_id WHERE dl.slot_id = ? AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.slot_id = dl.slot_id AND a.leader_id = dl.leader_id) ORDER BY dl.id',
        slotId,
      );
    for (const s of slots)
      ws.addRow([
        s.date,
        s.start_time,
        s.end_time,
        FORM[s.form],
        leaders(s.id).join('、'),
        s.room ?? '',
        s.place ?? '',
        s.note ?? '',
      ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return spreadsheetDay(value);
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

type Row = Record<string, string>;

/**
 * The rows of a sheet as text by header (`__row` is the row number in the file), skipping
 * empty rows; a file that is not XLSX, or lacks a column, is refused before any row is read.
 */
export async function readTable(file: Buffer, sheet: string, columns: readonly string[]): Promise<Row[]> {
  const wb = newWorkbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new HallError('BAD_INPUT', '文件不是有效的 Excel（.xlsx）文件。');
  }
  const ws = wb.getWorksheet(sheet) ?? wb.worksheets[0];
  if (!ws) throw new HallError('BAD_INPUT', '文件中没有工作表。');
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new HallError('BAD_INPUT', `表头不对，缺少列：${missing.join('、')}。请先导出模板再填写。`);
  const rows: Row[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    const row: Row = { __row: String(r) };
    header.forEach((h, i) => (row[h] = cellText(values[i + 1] ?? null)));
    if (columns.some((c) => row[c])) rows.push(row);
  }
  return rows;
}

function readRows(kind: TransferKind, file: Buffer): Promise<Row[]> {
  return readTable(file, SHEETS[kind].sheet, SHEETS[kind].columns);
}

export interface ImportPlan {
  rows: number;
  errors: RowError[];
  /** Writes every row; call inside one transaction, and only when there are no errors. */
  apply(): void;
}

/**
 * Reads and checks every row (reading the file is asynchronous, a transaction cannot be), and
 * returns the writes to apply in one transaction. Leaders and units are matched by name
 * (updated if present); roster rows add one-off duty slots.
 */
export async function planImport(db: Db, kind: TransferKind, file: Buffer): Promise<ImportPlan> {
  const rows = await readRows(kind, file);
  const errors: RowError[] = [];
  const err = (row: Row, column: string, message: string) => errors.push({ row: Number(row.__row), column, message });
  const categoryIds = namesOf(db, categories);
  const localityIds = namesOf(db, localities);
  const leaderIds = namesOf(db, leadersTable);
  const roomIds = namesOf(db, roomsTable);
  const lookup = (row: Row, column: string, map: Map<string, number>, what: string): number[] =>
    (row[column] ?? '')
      .split(LIST_SPLIT)
      .filter(Boolean)
      .flatMap((name) => {
        const id = map.get(name);
        if (id === undefined) err(row, column, `没有名为“${name}”的${what}`);
        return id === undefined ? [] : [id];
      });
  const yesNo = (row: Row, column: string, yes: string, no: string): boolean => {
    const v = row[column] ?? '';
    if (v === '' || v === no) return false;
    if (v === yes) return true;
    err(row, column, `应填“${yes}”或“${no}”`);
    return false;
  };
  const required = (row: Row, column: string, max: number): string => {
    const v = row[column] ?? '';
    if (!v) err(row, column, '不能为空');
    else if (v.length > max) err(row, column, `不能超过${max}个字`);
    return v;
  };

  type Write = () => void;
  const writes: Write[] = [];
  const seen = new Set<string>();
  if (rows.length === 0) throw new HallError('BAD_INPUT', '文件中没有数据行。');
  const reference = kind === 'localities' || kind === 'categories' || kind === 'rooms';
  if (reference) {
    const plan = planReferenceImport(db, kind, rows);
    errors.push(...plan.errors);
    writes.push(...plan.writes);
  }

  for (const row of reference ? [] : rows) {
    if (kind === 'leaders') {
      const name = required(row, '姓名', 20);
      const post = required(row, '职务', 40);
      if (seen.has(name)) err(row, '姓名', '与前面的行重名');
      seen.add(name);
      const principal = yesNo(row, '主要领导', '是', '否');
      const active = !yesNo(row, '状态', '停用', '在用');
      const cats = lookup(row, '分管类别', categoryIds, '问题类别');
      const locs = lookup(row, '联系属地', localityIds, '属地');
      writes.push(() => {
        const existing = orm(db)
          .select({ id: leadersTable.id })
          .from(leadersTable)
          .where(eq(leadersTable.name, name))
          .get();
        const values = [
          post,
          row['分管工作'] ?? '',
          row['级别'] ?? '',
          row['电话'] || null,
          principal ? 1 : 0,
          active ? 1 : 0,
        ];
        const id = existing
          ? (db
              .prepare(
                'UPDATE leaders SET post = ?, portfolio = ?, rank = ?, phone = ?, is_principal = ?, active = ? WHERE id = ?',
              )
              .run(...values, existing.id),
            existing.id)
          : Number(
              db
                .prepare(
                  'INSERT INTO leaders (post, portfolio, rank, phone, is_principal, active, name) VALUES (?, ?, ?, ?, ?, ?, ?)',
                )
                .run(...values, name).lastInsertRowid,
            );
        db.prepare('DELETE FROM leader_scopes WHERE leader_id = ?').run(id);
        for (const c of cats) db.prepare('INSERT INTO leader_scopes (leader_id, category_id) VALUES (?, ?)').run(id, c);
        for (const l of locs) db.prepare('INSERT INTO leader_scopes (leader_id, locality_id) VALUES (?, ?)').run(id, l);
      });
    } else if (kind === 'units') {
      const name = required(row, '单位名称', 60);
      if (seen.has(name)) err(row, '单位名称', '与前面的行重名');
      seen.add(name);
      const active = !yesNo(row, '状态', '停用', '在用');
      const cats = lookup(row, '负责类别', categoryIds, '问题类别');
      const locs = lookup(row, '负责属地', localityIds, '属地');
      writes.push(() => {
        const existing = orm(db).select({ id: unitsTable.id }).from(unitsTable).where(eq(unitsTable.name, name)).get();
        const id = existing
          ? (db
              .prepare('UPDATE units SET contact = ?, phone = ?, active = ? WHERE id = ?')
              .run(row['联系人'] || null, row['电话'] || null, active ? 1 : 0, existing.id),
            existing.id)
          : Number(
              db
                .prepare('INSERT INTO units (name, contact, phone, active) VALUES (?, ?, ?, ?)')
                .run(name, row['联系人'] || null, row['电话'] || null, active ? 1 : 0).lastInsertRowid,
            );
        db.prepare('DELETE FROM unit_scopes WHERE unit_id = ?').run(id);
        for (const c of cats) db.prepare('INSERT INTO unit_scopes (unit_id, category_id) VALUES (?, ?)').run(id, c);
        for (const l of locs) db.prepare('INSERT INTO unit_scopes (unit_id, locality_id) VALUES (?, ?)').run(id, l);
      });
    } else {
      const date = row['日期'] ?? '';
      if (!isIsoDate(date)) err(row, '日期', '应为“年-月-日”格式的日期，如 2026-10-09');
      const times = ['开始时间', '结束时间'].map((c) => {
        const v = row[c] ?? '';
        if (!HHMM.test(v)) err(row, c, '应为 HH:MM 格式的时间');
        return v;
      });
      const form = FORM_BY_LABEL[row['形式'] ?? ''];
      if (!form) err(row, '形式', `应为 ${Object.values(FORM).join('、')} 之一`);
      const ids = lookup(row, '接访领导', leaderIds, '领导');
      if (!(row['接访领导'] ?? '')) err(row, '接访领导', '不能为空');
      const room = row['接待室'] ? (lookup(row, '接待室', roomIds, '接待室')[0] ?? null) : null;
      if (lacksOutsidePlace(form, row['地点'])) err(row, '地点', OUTSIDE_PLACE_MESSAGE);
      writes.push(() => {
        const start = times[0]!;
        const session = start < '12:00' ? 'morning' : 'afternoon';
        const slot = Number(
          db
            .prepare(
              'INSERT INTO duty_slots (date, session, start_time, end_time, form, room_id, place, note, edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)',
            )
            .run(date, session, start, times[1], form, room, row['地点'] || null, row['备注'] || null).lastInsertRowid,
        );
        for (const l of ids)
          db.prepare('INSERT INTO duty_slot_leaders (slot_id, leader_id) VALUES (?, ?)').run(slot, l);
      });
    }
  }
  return {
    rows: rows.length,
    errors,
    apply: () => {
      if (errors.length > 0) throw new HallError('BAD_INPUT', '文件中有错误的行，未导入任何数据。');
      for (const w of writes) w();
    },
  };
}
