import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { fillDemo } from '../../electron/core/operations/demo';
import { value, values } from '../../electron/core/infra/db/sql';
import { HISTORY_COLUMNS, HISTORY_SHEET, type HistoryColumn } from '../../shared/domain/history-import';
import { idCheckChar } from '../../shared/domain/id-number';
import { ADMIN, caller, createAndLogin, must, OPERATOR, testCore } from '../helpers/core';
import { snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

const id18 = (first17: string) => first17 + idCheckChar(first17);

/** The template from the app, filled with rows as an office would. */
async function filled(templateBase64: string, rows: Partial<Record<HistoryColumn, string>>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(templateBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(HISTORY_SHEET)!;
  for (const r of rows) ws.addRow(HISTORY_COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const files = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => !f.endsWith('-shm')));

describe('import of older records (历史来访与案件)', () => {
  // Each test starts from its own store with the demo office in it (so a file can name its
  // leaders, units, categories and localities), and the template the app hands out.
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let template = '';
  const names = { category: '', locality: '', leader: '', unit: '', unit2: '' };
  const count = (table: string) => value<number>(core.store.database, `SELECT count(*) FROM ${table}`)!;
  const TABLES = ['petitioners', 'visits', 'cases', 'case_visits', 'assignments', 'closures', 'audit_log'] as const;
  const counts = () => Object.fromEntries(TABLES.map((t) => [t, count(t)])) as Record<(typeof TABLES)[number], number>;

  /** Four visits of three people, three cases: one closed, one assigned with two units (visited twice), one only accepted. */
  const good = (): Partial<Record<HistoryColumn, string>>[] => [
    {
      登记日期: '2024-03-12',
      信访人: '司马相如',
      身份证号: id18('11010119650101123'),
      联系电话: '13800138000',
      住址: '河口镇一村',
      问题属地: names.locality,
      问题类别: names.category,
      诉求: '要求解决宅基地确权纠纷，涉及邻里边界',
      接访领导: names.leader,
      案件编号: 'XF20240012',
      事项标题: '宅基地确权',
      受理日期: '2024-03-12',
      包案领导: names.leader,
      办理期限: '2024-05-11',
      责任单位: names.unit,
      办结日期: '2024-04-20',
      办理结果: '支持',
      办结情况: '已确权发证',
      满意度: '满意',
    },
    {
      登记日期: '2024-04-02',
      信访人: '欧阳娜娜',
      性别: '女',
      联系电话: '0571-88886666',
      诉求: '反映养殖场异味扰民',
      案件编号: '旧2024-7',
      受理日期: '2024-04-03',
      办理期限: '2024-06-01',
      责任单位: `${names.unit}、${names.unit2}`,
    },
    {
      登记日期: '2024-05-10',
      信访人: '欧阳娜娜',
      联系电话: '0571-88886666',
      诉求: '再次反映养殖场异味扰民未解决',
      案件编号: '旧2024-7',
    },
    { 登记日期: '2024-06-18', 信访人: '王五', 来访人数: '3', 诉求: '咨询低保申请条件' },
    {
      登记日期: '2024-07-01',
      信访人: '赵六',
      诉求: '要求修缮通往水库的村道',
      案件编号: 'LS-0003',
      受理日期: '2024-07-01',
      办理期限: '2024-08-30',
    },
  ];

  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir, { now: () => new Date('2026-11-23T02:00:00Z') });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date('2026-11-23T02:00:00Z'));
    const db = core.store.database;
    names.category = value<string>(db, 'SELECT name FROM categories WHERE active = 1 ORDER BY id LIMIT 1')!;
    names.locality = value<string>(
      db,
      'SELECT name FROM localities l WHERE active = 1 AND (SELECT count(*) FROM localities m WHERE m.name = l.name) = 1 ORDER BY id DESC LIMIT 1',
    )!;
    names.leader = value<string>(db, 'SELECT name FROM leaders WHERE active = 1 ORDER BY id LIMIT 1')!;
    [names.unit = '', names.unit2 = ''] = values<string>(
      db,
      'SELECT name FROM units WHERE active = 1 ORDER BY id LIMIT 2',
    );
    template = (await admin('import.template', {})).base64;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('hands out a template with every column and a sheet explaining them, to the administrator only', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([HISTORY_SHEET, '填写说明']);
    expect((wb.getWorksheet(HISTORY_SHEET)!.getRow(1).values as string[]).slice(1)).toEqual([...HISTORY_COLUMNS]);
    expect(wb.getWorksheet('填写说明')!.rowCount).toBe(HISTORY_COLUMNS.length + 1);
    await createAndLogin(admin, core, 'op', OPERATOR);
    expect(await caller(core, 'op')('import.template', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await caller(core, 'op')('import.history', { base64: template, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('names the row and the field of the one bad row in the dry run, and imports nothing for real', async () => {
    const rows = good();
    rows[2]!.登记日期 = '2024-5-10';
    const bad = await filled(template, rows);
    const dry = await admin('import.history', { base64: bad, dryRun: true });
    expect(dry).toEqual({
      rows: 5,
      visits: 5,
      cases: 3,
      imported: false,
      errors: [{ row: 4, column: '登记日期', message: '应为“年-月-日”格式的日期，如 2026-10-09' }],
    });
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    const before = { counts: counts(), files: files(tmp.dir) };
    const real = await admin('import.history', { base64: bad, dryRun: false });
    expect(real).toMatchObject({ imported: false, errors: [{ row: 4, column: '登记日期' }] });
    expect(counts()).toEqual(before.counts);
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    expect(files(tmp.dir)).toEqual(before.files);
  });

  it('checks each row against the domain rules and the office lists, every error with its row and column', async () => {
    const existing = value<string>(core.store.database, 'SELECT case_no FROM cases ORDER BY id LIMIT 1')!;
    const bad = await filled(template, [
      { 登记日期: '2024-03-12', 信访人: '甲', 身份证号: '110101196501011230', 诉求: '一', 问题类别: '外星事务' },
      {
        登记日期: '2024-03-12',
        信访人: '乙',
        联系电话: '12345',
        诉求: '二',
        案件编号: 'A1',
        受理日期: '2024-03-11',
        办理期限: '2024-03-01',
        责任单位: '不存在的局',
      },
      { 登记日期: '2024-03-13', 信访人: '乙', 诉求: '三', 案件编号: 'A1', 办理期限: '2024-09-09' },
      { 登记日期: '2030-01-01', 信访人: '', 诉求: '四' },
      { 登记日期: '2024-03-12', 信访人: '丙', 诉求: '五', 办结日期: '2024-04-01' },
      {
        登记日期: '2024-03-12',
        信访人: '丁',
        诉求: '六',
        案件编号: existing,
        受理日期: '2024-03-12',
        办理期限: '2024-04-12',
        办结日期: '2024-04-01',
        办理结果: '解释',
      },
      { 登记日期: '2024-03-12', 信访人: '甲', 诉求: '一' },
    ]);
    const dry = await admin('import.history', { base64: bad, dryRun: true });
    expect(dry.errors).toEqual([
      { row: 2, column: '身份证号', message: '身份证号码校验位不正确，请核对' },
      {
        row: 2,
        column: '问题类别',
        message: '系统中没有名为“外星事务”的问题类别（请先在“设置 → 基础数据 → 问题类别”中添加或导入）',
      },
      { row: 3, column: '联系电话', message: '电话号码应为11位手机号，或带区号的固定电话' },
      { row: 3, column: '受理日期', message: '不能早于登记日期' },
      { row: 3, column: '办理期限', message: '不能早于受理日期' },
      {
        row: 3,
        column: '责任单位',
        message: '系统中没有名为“不存在的局”的单位（请先在“设置 → 基础数据 → 责任单位”中添加或导入）',
      },
      { row: 4, column: '办理期限', message: '与第3行（同一案件）填写的不一致' },
      { row: 5, column: '信访人', message: '不能为空' },
      { row: 6, column: '办结日期', message: '没有案件编号的行不能填写案件各列' },
      { row: 6, column: '办理结果', message: '有办结日期时必填' },
      { row: 7, column: '案件编号', message: '系统中已有这个案件编号' },
      { row: 8, column: '诉求', message: '与第2行是同一人同一天的同一诉求，重复了' },
    ]);
  });

  it('imports a clean file whole: visits, cases, units and closures, found in the ledger by their text', async () => {
    const before = counts();
    const file = await filled(template, good());
    expect(await admin('import.history', { base64: file, dryRun: true })).toEqual({
      rows: 5,
      visits: 5,
      cases: 3,
      imported: false,
      errors: [],
    });
    expect(counts()).toEqual(before);
    expect(await admin('import.history', { base64: file, dryRun: false })).toEqual({
      rows: 5,
      visits: 5,
      cases: 3,
      imported: true,
      errors: [],
    });
    const after = counts();
    expect(after).toMatchObject({
      visits: before.visits + 5,
      cases: before.cases + 3,
      case_visits: before.case_visits + 4,
      assignments: before.assignments + 2,
      closures: before.closures + 1,
      audit_log: before.audit_log + 1,
    });
    expect(after.petitioners).toBe(before.petitioners + 4);

    const found = await admin('ledger.query', { text: '宅基地 邻里边界' });
    expect(found.rows).toEqual([
      expect.objectContaining({
        caseNo: 'XF20240012',
        acceptedOn: '2024-03-12',
        petitioner: '司马**',
        leader: names.leader,
        units: names.unit,
        status: 'closed',
        outcome: 'support',
        category: names.category,
        locality: names.locality,
      }),
    ]);
    const smell = await admin('ledger.query', { text: '养殖场 异味' });
    expect(smell.rows).toEqual([
      expect.objectContaining({
        caseNo: '旧2024-7',
        units: `${names.unit}、${names.unit2}`,
        status: 'assigned',
        petitioner: '欧阳**',
      }),
    ]);
    expect((await admin('ledger.query', { text: '水库的村道' })).rows).toEqual([
      expect.objectContaining({ caseNo: 'LS-0003', status: 'accepted' }),
    ]);
    const twice = await admin('cases.get', { caseId: smell.rows[0]!.caseId });
    expect(twice.visits.map((v) => v.date)).toEqual(['2024-04-02', '2024-05-10']);
    // The ID number gave the sex and birth date; the app's own numbering goes on past the imported XF number.
    expect(
      core.store.database.prepare("SELECT sex, birth_date FROM petitioners WHERE name = '司马相如'").get(),
    ).toEqual({ sex: 'male', birth_date: '1965-01-01' });
    expect(
      core.store.database.prepare("SELECT value FROM counters WHERE name = 'XF:2024'").pluck().get(),
    ).toBeGreaterThanOrEqual(12);

    const entry = (await admin('audit.list', { limit: 3 })).entries.find((e) => e.action === 'import.history')!;
    expect(JSON.parse(entry.detail)).toEqual({ rows: 5, visits: 5, cases: 3, newPetitioners: 4 });
    expect(entry.detail).not.toContain('司马');

    // The same file again is refused at the first row of each case, and changes nothing.
    const again = await admin('import.history', { base64: file, dryRun: false });
    expect(again.imported).toBe(false);
    expect(again.errors).toContainEqual({ row: 2, column: '案件编号', message: '系统中已有这个案件编号' });
    expect(counts()).toEqual(after);
  });

  it('refuses a file that is not the template', async () => {
    expect(
      await caller(core, 'admin')('import.history', {
        base64: Buffer.from('not a workbook').toString('base64'),
        dryRun: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '文件不是有效的 Excel（.xlsx）文件。' } });
    expect(await caller(core, 'admin')('import.history', { base64: template, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '文件中没有数据行。' },
    });
  });
});
