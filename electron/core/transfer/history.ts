import { randomBytes } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import {
  HISTORY_CASE_COLUMNS,
  HISTORY_COLUMNS,
  HISTORY_HELP,
  HISTORY_MAX_ROWS,
  HISTORY_SHEET,
  historyRow,
  needed,
  OUTCOME_BY_LABEL,
  SATISFACTION_BY_LABEL,
  SEX_BY_LABEL,
  type HistoryColumn,
  type HistoryRow,
  type ImportRowError,
} from '../../../shared/domain/history-import';
import { parseIdNumber, parsePhone } from '../../../shared/domain/id-number';
import { chinaInstant } from '../../../shared/domain/calendar';
import type { Db } from '../infra/db/connection';
import { countPast, nextNumber } from '../infra/numbering';
import { namesOf } from './sheets';
import { categories as categoriesTable, leaders as leadersTable, units as unitsTable } from '../infra/db/schema';
import { all, value } from '../infra/db/sql';
import { readTable } from './sheets';
import { tableXlsx } from '../infra/table-file';

/**
 * Import of the hall's records kept before the app (历史数据): the template, the check of every
 * row, and the writes, all or nothing. Reading the file is asynchronous and a transaction cannot
 * be, so `planHistoryImport` reads and checks everything first and returns the writes; the
 * service runs them in one transaction with the audit entry, only when no row has an error.
 */
const EXAMPLE: Record<HistoryColumn, string> = {
  登记日期: '2024-03-12',
  信访人: '张三',
  性别: '男',
  身份证号: '110101196501011234',
  联系电话: '13800138000',
  住址: '某某镇某某村3组',
  来访人数: '1',
  问题属地: '（系统中的属地）',
  问题类别: '（系统中的类别）',
  诉求: '要求解决宅基地确权问题',
  接访领导: '（系统中的领导）',
  案件编号: 'XF20240012',
  事项标题: '宅基地确权',
  受理日期: '2024-03-12',
  包案领导: '（系统中的领导）',
  办理期限: '2024-05-11',
  责任单位: '（牵头单位）、（协办单位）',
  办结日期: '2024-04-20',
  办理结果: '支持',
  办结情况: '已确权发证',
  满意度: '满意',
};

/** The empty sheet to fill (its header row is what the import reads) and a sheet explaining each column. */
export function historyTemplate(): Promise<Buffer> {
  return tableXlsx(
    {
      sheet: HISTORY_SHEET,
      headers: [...HISTORY_COLUMNS],
      rows: [],
      widths: HISTORY_COLUMNS.map((c) => (c === '诉求' || c === '办结情况' ? 40 : c === '身份证号' ? 22 : 14)),
    },
    {
      sheet: '填写说明',
      headers: ['列', '填写要求', '示例'],
      rows: HISTORY_COLUMNS.map((c) => [c, HISTORY_HELP[c], EXAMPLE[c]]),
      widths: [12, 80, 30],
    },
  );
}

export interface HistoryPlan {
  rows: number;
  visits: number;
  cases: number;
  errors: ImportRowError[];
  /** Writes every row; call inside one transaction, and only when there are no errors. */
  apply(actorId: number | null): { petitioners: number };
}

const SPLIT = /[、,，;；]+/;
/** Old spreadsheets have no time of arrival: 09:00 Beijing time of the day. */
const atNine = (day: string) => chinaInstant(`${day}T09:00`)!;

/** An active locality with its parent's name. */
interface LocalityPathRow {
  id: number;
  name: string;
  parent: string | null;
}

/** Localities by name, or by "上级/本级" where a village's name repeats in two townships. */
function localityIndex(db: Db): (name: string) => number | 'ambiguous' | undefined {
  const rows = all<LocalityPathRow>(
    db,
    'SELECT l.id, l.name, p.name AS parent FROM localities l LEFT JOIN localities p ON p.id = l.parent_id WHERE l.active = 1',
  );
  const byName = new Map<string, number[]>();
  const byPath = new Map<string, number>();
  for (const r of rows) {
    byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
    if (r.parent) byPath.set(`${r.parent}/${r.name}`, r.id);
  }
  return (name) => {
    const path = byPath.get(name.replace(/\s*[/／]\s*/, '/'));
    if (path) return path;
    const ids = byName.get(name);
    return !ids ? undefined : ids.length > 1 ? 'ambiguous' : ids[0];
  };
}

interface Checked {
  row: number;
  r: HistoryRow;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | 'unknown';
  phone: string | null;
  headCount: number;
  localityId: number | null;
  categoryId: number | null;
  leaderId: number | null;
  /** The row that opens its case, or a later visit of it. */
  opensCase: boolean;
  owningLeaderId: number | null;
  unitIds: number[];
}

export async function planHistoryImport(db: Db, file: Buffer, today: string): Promise<HistoryPlan> {
  const raw = await readTable(file, HISTORY_SHEET, HISTORY_COLUMNS);
  if (raw.length === 0) throw new HallError('BAD_INPUT', '文件中没有数据行。');
  if (raw.length > HISTORY_MAX_ROWS)
    throw new HallError('BAD_INPUT', `文件有 ${raw.length} 行，一次最多导入 ${HISTORY_MAX_ROWS} 行，请分成几个文件。`);
  const errors: ImportRowError[] = [];
  const categories = namesOf(db, categoriesTable);
  const leaders = namesOf(db, leadersTable);
  const units = namesOf(db, unitsTable);
  const locality = localityIndex(db);
  const caseExists = db.prepare('SELECT 1 FROM cases WHERE case_no = ?').pluck();
  const visitExists = db
    .prepare(
      'SELECT 1 FROM visits v JOIN visit_petitioners vp ON vp.visit_id = v.id JOIN petitioners p ON p.id = vp.petitioner_id WHERE v.date = ? AND v.demand = ? AND p.name = ? LIMIT 1',
    )
    .pluck();
  const firstOfCase = new Map<string, { row: number; r: HistoryRow }>();
  const seenVisits = new Map<string, number>();
  const checked: Checked[] = [];

  for (const cells of raw) {
    const row = Number(cells.__row);
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const values = Object.fromEntries(HISTORY_COLUMNS.map((c) => [c, cells[c] ?? '']));
    // First at the boundary: present, short enough, dates and words from the lists.
    const parsed = historyRow.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) err(String(issue.path[0] ?? '信访人'), issue.message);
      continue;
    }
    const r = parsed.data;
    // Then the domain rules.
    if (r.登记日期 > today) err('登记日期', '不能晚于今天');
    let idNumber: string | null = null;
    let birthDate: string | null = null;
    let sex: Checked['sex'] = SEX_BY_LABEL[r.性别] ?? 'unknown';
    if (r.身份证号) {
      const id = parseIdNumber(r.身份证号, today);
      if (!id.ok) err('身份证号', id.reason);
      else {
        idNumber = id.value;
        birthDate = id.birthDate;
        if (r.性别 && r.性别 !== '不详' && sex !== id.sex) err('性别', '与身份证号中的性别不一致');
        sex = id.sex;
      }
    }
    let phone: string | null = null;
    if (r.联系电话) {
      const p = parsePhone(r.联系电话);
      if (!p.ok) err('联系电话', p.reason);
      else phone = p.value;
    }
    // The error says where the missing entry is added: leaders in 排班, the reference lists in 设置.
    const lookup = (column: HistoryColumn, map: Map<string, number>, what: string): number | null => {
      const name = r[column];
      if (!name) return null;
      const id = map.get(name);
      const where = what === '接访领导' ? '排班 → 领导与参加人' : `设置 → 基础数据 → ${what}`;
      if (id === undefined) err(column, `系统中没有名为“${name}”的${what}（请先在“${where}”中添加或导入）`);
      return id ?? null;
    };
    let localityId: number | null = null;
    if (r.问题属地) {
      const l = locality(r.问题属地);
      if (l === undefined)
        err('问题属地', `系统中没有名为“${r.问题属地}”的属地（请先在“设置 → 基础数据 → 属地”中添加或导入）`);
      else if (l === 'ambiguous') err('问题属地', `有多个名为“${r.问题属地}”的属地，请写成“乡镇/村”`);
      else localityId = l;
    }
    const categoryId = lookup('问题类别', categories, '问题类别');
    const leaderId = lookup('接访领导', leaders, '接访领导');
    const visitKey = `${r.登记日期}\n${r.信访人}\n${r.诉求}`;
    const earlier = seenVisits.get(visitKey);
    if (earlier) err('诉求', `与第${earlier}行是同一人同一天的同一诉求，重复了`);
    else if (visitExists.get(r.登记日期, r.诉求, r.信访人))
      err('诉求', '系统中已有这一天此人的同一诉求（可能已经导入过）');
    seenVisits.set(visitKey, row);

    let opensCase = false;
    let owningLeaderId: number | null = null;
    let unitIds: number[] = [];
    if (r.案件编号) {
      const first = firstOfCase.get(r.案件编号);
      if (first) {
        // A later visit of a case: the case columns are the first row's.
        for (const c of HISTORY_CASE_COLUMNS)
          if (r[c] && r[c] !== first.r[c]) err(c, `与第${first.row}行（同一案件）填写的不一致`);
      } else {
        opensCase = true;
        firstOfCase.set(r.案件编号, { row, r });
        if (caseExists.get(r.案件编号)) err('案件编号', '系统中已有这个案件编号');
        if (!r.受理日期) err('受理日期', needed('有案件编号'));
        if (!r.办理期限) err('办理期限', needed('有案件编号'));
        if (r.受理日期 && r.受理日期 < r.登记日期) err('受理日期', '不能早于登记日期');
        if (r.受理日期 > today) err('受理日期', '不能晚于今天');
        if (r.办理期限 && r.办理期限 < r.受理日期) err('办理期限', '不能早于受理日期');
        if (r.办结日期 && r.办结日期 < r.受理日期) err('办结日期', '不能早于受理日期');
        if (r.办结日期 > today) err('办结日期', '不能晚于今天');
        owningLeaderId = lookup('包案领导', leaders, '接访领导');
        unitIds = [
          ...new Set(
            r.责任单位
              .split(SPLIT)
              .map((n) => n.trim())
              .filter(Boolean)
              .flatMap((n) => {
                const id = units.get(n);
                if (id === undefined)
                  err('责任单位', `系统中没有名为“${n}”的单位（请先在“设置 → 基础数据 → 责任单位”中添加或导入）`);
                return id === undefined ? [] : [id];
              }),
          ),
        ];
      }
    }
    checked.push({
      row,
      r,
      idNumber,
      birthDate,
      sex,
      phone,
      headCount: r.来访人数 ? Number(r.来访人数) : 1,
      localityId,
      categoryId,
      leaderId,
      opensCase,
      owningLeaderId,
      unitIds,
    });
  }
  errors.sort(
    (a, b) =>
      a.row - b.row ||
      HISTORY_COLUMNS.indexOf(a.column as HistoryColumn) - HISTORY_COLUMNS.indexOf(b.column as HistoryColumn),
  );

  return {
    rows: raw.length,
    visits: raw.length,
    cases: firstOfCase.size,
    errors,
    apply: (actorId) => {
      if (errors.length > 0) throw new HallError('BAD_INPUT', '文件中有错误的行，未导入任何数据。');
      return applyRows(db, checked, actorId);
    },
  };
}

function applyRows(db: Db, rows: Checked[], actorId: number | null): { petitioners: number } {
  let newPeople = 0;
  const cases = new Map<string, { id: number; matterKey: string; visits: number }>();
  for (const c of rows) {
    const { r } = c;
    // People come back: the same ID number, else the same name and phone, is the same person.
    // Older records only fill what the person's row lacks; they never overwrite newer data.
    const found = c.idNumber
      ? value<number>(db, 'SELECT id FROM petitioners WHERE id_number = ?', c.idNumber)
      : c.phone
        ? value<number>(db, 'SELECT id FROM petitioners WHERE phone = ? AND name = ?', c.phone, r.信访人)
        : undefined;
    let petitionerId: number;
    if (found) {
      petitionerId = found;
      db.prepare(
        'UPDATE petitioners SET phone = coalesce(phone, ?), address = coalesce(address, ?), birth_date = coalesce(birth_date, ?) WHERE id = ?',
      ).run(c.phone, r.住址 || null, c.birthDate, found);
    } else {
      newPeople++;
      petitionerId = Number(
        db
          .prepare(
            'INSERT INTO petitioners (name, sex, id_number, birth_date, phone, address) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(r.信访人, c.sex, c.idNumber, c.birthDate, c.phone, r.住址 || null).lastInsertRowid,
      );
    }
    const kase = r.案件编号 ? cases.get(r.案件编号) : undefined;
    const matterKey = kase?.matterKey ?? `m-${randomBytes(8).toString('hex')}`;
    const visitNo = nextNumber(db, { kind: 'visit', day: r.登记日期 });
    const visitId = Number(
      db
        .prepare(
          `INSERT INTO visits (visit_no, date, arrived_at, kind, form, head_count, category_id, locality_id, demand, legal_channel, accepted, matter_key, repeat_count, leader_id, status, registrar_id)
           VALUES (?, ?, ?, 'walk_in', 'regular', ?, ?, ?, ?, 'none', 1, ?, ?, ?, 'done', ?)`,
        )
        .run(
          visitNo,
          r.登记日期,
          atNine(r.登记日期),
          c.headCount,
          c.categoryId,
          c.localityId,
          r.诉求,
          matterKey,
          kase?.visits ?? 0,
          c.leaderId,
          actorId,
        ).lastInsertRowid,
    );
    db.prepare(
      'INSERT INTO visit_petitioners (visit_id, petitioner_id, is_representative, is_primary) VALUES (?, ?, 0, 1)',
    ).run(visitId, petitionerId);
    if (kase) {
      kase.visits++;
      db.prepare('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)').run(kase.id, visitId);
      continue;
    }
    if (!c.opensCase) continue;

    const status = r.办结日期 ? 'closed' : c.unitIds.length ? 'assigned' : 'accepted';
    const basis = {
      date: r.办理期限,
      unit: 'calendar',
      amount: 0,
      rolled: false,
      unknownYears: [],
      label: '历史数据导入，办理期限按原台账',
      imported: true,
    };
    // The case keeps its own number; one in the app's form (XF + year + serial) moves the year's counter past it.
    countPast(db, 'case', r.案件编号);
    const caseId = Number(
      db
        .prepare(
          `INSERT INTO cases (case_no, petitioner_id, title, demand, category_id, locality_id, owning_leader_id, accepted_on, deadline_rule, deadline_on, deadline_basis, stage, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'custom', ?, ?, 'handling', ?)`,
        )
        .run(
          r.案件编号,
          petitionerId,
          r.事项标题 || Array.from(r.诉求).slice(0, 30).join(''),
          r.诉求,
          c.categoryId,
          c.localityId,
          c.owningLeaderId ?? c.leaderId,
          r.受理日期,
          r.办理期限,
          JSON.stringify(basis),
          status,
        ).lastInsertRowid,
    );
    db.prepare('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)').run(caseId, visitId);
    cases.set(r.案件编号, { id: caseId, matterKey, visits: 1 });
    if (c.unitIds.length) {
      const assignmentId = Number(
        db
          .prepare(
            "INSERT INTO assignments (case_id, assignment_no, stage, instruction, deadline_on, assigned_at, assigned_by) VALUES (?, ?, 'handling', '（历史数据导入）', ?, ?, ?)",
          )
          .run(caseId, nextNumber(db, { kind: 'assignment', day: r.受理日期 }), r.办理期限, atNine(r.受理日期), actorId)
          .lastInsertRowid,
      );
      const unit = db.prepare('INSERT INTO assignment_units (assignment_id, unit_id, role) VALUES (?, ?, ?)');
      c.unitIds.forEach((u, i) => unit.run(assignmentId, u, i === 0 ? 'lead' : 'assist'));
    }
    if (r.办结日期)
      db.prepare(
        `INSERT INTO closures (case_id, stage, unit_id, findings, outcome, basis, answer_date, answer_way, satisfaction, stopped, office_review, closed_at, closed_by)
         VALUES (?, 'handling', ?, ?, ?, '', ?, 'written_delivered', ?, 0, '', ?, ?)`,
      ).run(
        caseId,
        c.unitIds[0] ?? null,
        r.办结情况,
        OUTCOME_BY_LABEL[r.办理结果],
        r.办结日期,
        SATISFACTION_BY_LABEL[r.满意度] ?? 'unknown',
        atNine(r.办结日期),
        actorId,
      );
  }
  return { petitioners: newPeople };
}
