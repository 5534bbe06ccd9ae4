import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { chinaDay } from '../../shared/domain/calendar';
import { ADMIN, caller, createAndLogin, must, OPERATOR, registerVisit, saveLeader, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/** An XLSX file with one sheet: a header row and the given rows. */
async function sheet(name: string, header: string[], rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function rowsOf(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}

describe('master data: 属地, 问题类别, units and rooms', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const table = (sql: string) => all<Record<string, unknown>>(core.store.database, sql);

  it('starts a new office with two levels of categories, and keeps townships and villages with their codes', async () => {
    const cats = await admin('categories.list', {});
    const building = cats.find((c) => c.name === '城乡建设（征地拆迁）')!;
    expect(building.parentId).toBeNull();
    expect(cats.filter((c) => c.parentId === building.id).map((c) => c.name)).toEqual(['征地拆迁', '城市管理']);

    const town = await admin('localities.save', { name: '城关镇', code: '330424100', parentId: null, active: true });
    const village = await admin('localities.save', {
      name: '前进村',
      code: '330424100201',
      parentId: town.id,
      active: true,
    });
    expect(await admin('localities.list', {})).toEqual([
      { id: town.id, name: '城关镇', code: '330424100', parentId: null, level: 'township', active: true, uses: 0 },
      {
        id: village.id,
        name: '前进村',
        code: '330424100201',
        parentId: town.id,
        level: 'village',
        active: true,
        uses: 0,
      },
    ]);
    // Renamed: the same entry, the new name.
    await admin('localities.save', {
      id: village.id,
      name: '前进社区',
      code: '330424100201',
      parentId: town.id,
      active: true,
    });
    expect((await admin('reference.lists', {})).localities.map((l) => l.name)).toEqual(['城关镇', '前进社区']);

    // Refused at the field, in Chinese, and nothing changes.
    const raw = caller(core, 'admin');
    const before = table('SELECT * FROM localities ORDER BY id');
    const refusals: [Parameters<typeof raw<'localities.save'>>[1], string, string][] = [
      [{ name: '新村', code: '330424100', parentId: town.id, active: true }, 'code', '应为12位数字'],
      [{ name: '新村', code: '330424999201', parentId: town.id, active: true }, 'code', '应以 330424100 开头'],
      [{ name: '东村', code: '330424100201', parentId: town.id, active: true }, 'code', '代码重复'],
      [{ name: '前进社区', code: null, parentId: town.id, active: true }, 'name', '同一上级下名称重复'],
      [{ name: '三组', code: null, parentId: village.id, active: true }, 'parentId', '只能选乡镇（街道）作为上级'],
      [
        { name: '新村', code: '12ab', parentId: town.id, active: true },
        'code',
        '行政区划代码应为6位（县）、9位（乡镇）或12位（村）数字',
      ],
      [{ name: ' ', code: null, parentId: town.id, active: true }, 'name', '请填写属地名称'],
      [{ id: town.id, name: '城关镇', code: '330424100', parentId: null, active: false }, 'active', '下级还在用'],
      [{ name: '新村', code: null, parentId: 9999, active: true }, 'parentId', '所选上级属地不存在'],
    ];
    for (const [input, path, message] of refusals) {
      const r = await raw('localities.save', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.fields, JSON.stringify(input)).toContainEqual({ path, message });
        expect(r.error.message).not.toMatch(/[A-Za-z]/);
      }
    }
    expect(table('SELECT * FROM localities ORDER BY id')).toEqual(before);
  });

  it('retires what records use: old records keep the name, new entries cannot pick it', async () => {
    const town = await admin('localities.save', { name: '城关镇', code: null, parentId: null, active: true });
    const village = await admin('localities.save', { name: '前进村', code: null, parentId: town.id, active: true });
    const building = (await admin('categories.list', {})).find((c) => c.name === '城乡建设（征地拆迁）')!.id;
    const sub = await admin('categories.save', { name: '物业纠纷', parentId: building, active: true });
    const visitId = await registerVisit(admin, '欧阳春燕', '小区物业乱收费', {
      categoryId: sub.id,
      localityId: village.id,
    });
    expect((await admin('localities.list', {})).find((l) => l.id === village.id)!.uses).toBe(1);

    await admin('localities.save', { id: village.id, name: '前进村', code: null, parentId: town.id, active: false });
    await admin('categories.save', { id: sub.id, name: '物业纠纷', parentId: building, active: false });

    // The pickers for new entries leave them out; the lists for the screens keep them, retired.
    const refs = await admin('reference.lists', {});
    expect(refs.localities.map((l) => l.name)).toEqual(['城关镇']);
    expect(refs.categories.map((c) => c.name)).not.toContain('物业纠纷');
    expect((await admin('localities.list', {})).find((l) => l.id === village.id)).toMatchObject({ active: false });

    // The old visit still reads its locality and category.
    const slip = await admin('documents.print', { kind: 'registration', recordId: visitId });
    const text = squash(pdfText(Buffer.from(slip.pdfBase64, 'base64')));
    expect(text).toContain('前进村');
    expect(text).toContain('物业纠纷');

    // A new visit naming them is refused at each field; nothing is written.
    const visitsBefore = value<number>(core.store.database, 'SELECT count(*) FROM visits');
    const r = await caller(core, 'admin')('visits.register', {
      petitioners: [{ name: '李四', sex: 'male', idNumber: '', phone: '', address: '', isRepresentative: false }],
      headCount: 1,
      categoryId: sub.id,
      localityId: village.id,
      demand: '又来了',
      facts: '',
      earlierHandling: '',
      legalChannel: 'none',
      continuesVisitId: null,
      leaderId: null,
      reportsOnPerson: false,
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        fields: [
          { path: 'categoryId', message: '所选问题类别不存在或已停用' },
          { path: 'localityId', message: '所选属地不存在或已停用' },
        ],
      },
    });
    expect(value<number>(core.store.database, 'SELECT count(*) FROM visits')).toBe(visitsBefore);

    // Brought back into use, it can be picked again; a village cannot be in use under a retired township.
    await admin('localities.save', { id: town.id, name: '城关镇', code: null, parentId: null, active: false });
    expect(
      await caller(core, 'admin')('localities.save', {
        id: village.id,
        name: '前进村',
        code: null,
        parentId: town.id,
        active: true,
      }),
    ).toMatchObject({ ok: false, error: { fields: [{ path: 'parentId', message: '上级属地已停用' }] } });
  });

  it('lets only the administrator change master data, and audits each change', async () => {
    await createAndLogin(admin, core, 'op', OPERATOR);
    const op = caller(core, 'op');
    expect(await op('localities.save', { name: '城关镇', code: null, parentId: null, active: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await op('categories.save', { name: '新类', parentId: null, active: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await op('transfer.import', { what: 'localities', base64: 'AA==', dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const { id } = await admin('categories.save', { name: '新类', parentId: null, active: true });
    await admin('categories.save', { id, name: '新类', parentId: null, active: false });
    expect(
      table("SELECT action, entity_id FROM audit_log WHERE entity = 'category' ORDER BY seq").map((r) => r.action),
    ).toEqual(['category.create', 'category.retire']);
  });

  it('exports 属地, 问题类别 and 接待室 to Excel and imports the file back unchanged', async () => {
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date('2026-11-23T02:00:00Z'));
    for (const what of ['localities', 'categories', 'rooms'] as const) {
      const dump = () => table(`SELECT * FROM ${what} ORDER BY id`);
      const before = dump();
      const file = await admin('transfer.export', { what });
      const dry = await admin('transfer.import', { what, base64: file.base64, dryRun: true });
      expect(dry.errors, what).toEqual([]);
      expect(await admin('transfer.import', { what, base64: file.base64, dryRun: false })).toMatchObject({
        imported: dry.rows,
      });
      expect(dump(), what).toEqual(before);
    }
    expect((await rowsOf((await admin('transfer.export', { what: 'categories' })).base64)).slice(0, 4)).toEqual([
      ['一级类别', '二级类别', '状态'],
      ['农村农业', '', '在用'],
      ['农村农业', '水库移民', '在用'],
      ['国土资源', '', '在用'],
    ]);
  });

  it('imports townships and villages with codes, and refuses a bad file whole with Chinese messages at row and column', async () => {
    const header = ['乡镇（街道）', '村（社区）', '行政区划代码', '状态'];
    const good = await sheet('属地', header, [
      ['城关镇', '', '330424100', '在用'],
      ['城关镇', '前进村', '330424100201', ''],
      ['城关镇', '东风村', '', '在用'],
      ['新塍镇', '', '', ''],
    ]);
    expect(await admin('transfer.import', { what: 'localities', base64: good, dryRun: false })).toEqual({
      rows: 4,
      imported: 4,
      errors: [],
    });
    const list = await admin('localities.list', {});
    const town = list.find((l) => l.name === '城关镇')!;
    expect(list.filter((l) => l.parentId === town.id).map((l) => [l.name, l.code, l.level])).toEqual([
      ['前进村', '330424100201', 'village'],
      ['东风村', null, 'village'],
    ]);

    const before = table('SELECT * FROM localities ORDER BY id');
    const auditBefore = value<number>(core.store.database, 'SELECT count(*) FROM audit_log');
    const bad = await sheet('属地', header, [
      ['城关镇', '红旗村', '33042410020', '在用'],
      ['城关镇', '胜利村', '330424999301', ''],
      ['城关镇', '光明村', '330424100201', ''],
      ['', '无主村', '', ''],
      ['洪合镇', '新星村', '', ''],
      ['城关镇', '东风村', '', '也许'],
      ['城关镇', '东风村', '', ''],
      ['城关镇', '', '', '停用'],
    ]);
    const dry = await admin('transfer.import', { what: 'localities', base64: bad, dryRun: false });
    expect(dry.imported).toBe(0);
    expect(dry.errors).toEqual([
      { row: 2, column: '行政区划代码', message: '村（社区）的代码应为12位数字' },
      { row: 3, column: '行政区划代码', message: '应以乡镇“城关镇”的代码 330424100 开头' },
      { row: 4, column: '行政区划代码', message: '代码已用于“前进村”' },
      { row: 5, column: '乡镇（街道）', message: '不能为空' },
      { row: 6, column: '乡镇（街道）', message: '没有名为“洪合镇”的乡镇（街道）（请在前面的行中先列出它）' },
      { row: 7, column: '状态', message: '应填“在用”或“停用”' },
      { row: 8, column: '村（社区）', message: '与第7行重复' },
      { row: 9, column: '状态', message: '其下的“前进村、东风村”还在用，请在文件中一并停用' },
    ]);
    for (const e of dry.errors) expect(e.message).not.toMatch(/[A-Za-z]/);
    expect(table('SELECT * FROM localities ORDER BY id')).toEqual(before);
    expect(value<number>(core.store.database, 'SELECT count(*) FROM audit_log')).toBe(auditBefore);

    // The history import's refusal names the screen where a locality is added, not 排班.
    const history = await admin('import.template', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(history.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const row = ws.getRow(2);
    const put = (column: string, v: string) => (row.getCell(headers.indexOf(column) + 1).value = v);
    put('登记日期', '2024-03-12');
    put('信访人', '甲');
    put('诉求', '一');
    put('问题属地', '洪合镇');
    row.commit();
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const h = await admin('import.history', { base64: file, dryRun: true });
    expect(h.errors).toContainEqual({
      row: 2,
      column: '问题属地',
      message: '系统中没有名为“洪合镇”的属地（请先在“设置 → 基础数据 → 属地”中添加或导入）',
    });
  });

  it('gives a principal leader who is not on duty a room, and a number moved to another leader that leader’s room', async () => {
    const today = chinaDay(new Date());
    const first = await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'A', active: true });
    const second = await admin('rooms.save', { name: '第二接待室', location: null, queuePrefix: 'B', active: true });
    await admin('rooms.save', { name: '旧接待室', location: null, queuePrefix: 'Z', active: false });
    const onDuty = await saveLeader(admin, '吴晓喆', { rank: '副县级' });
    const principal = await saveLeader(admin, '张建国', { post: '县委书记', isPrincipal: true });
    const rule = await admin('roster.saveRule', {
      name: '今日',
      params: { kind: 'once', dates: [today] },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '08:30',
      endTime: '17:30',
      form: 'regular',
      roomId: first.id,
      place: null,
      leaderIds: [onDuty.id],
      validFrom: today,
      validTo: null,
    });
    await admin('roster.generate', { ruleId: rule.id, from: today, to: today });

    // A group of 25 goes to the principal leader, who is not on duty: a free room, not none.
    const person = {
      name: '代表甲',
      sex: 'male' as const,
      idNumber: '',
      phone: '',
      address: '',
      isRepresentative: true,
    };
    const group = await admin('visits.register', {
      petitioners: [person],
      headCount: 25,
      categoryId: null,
      localityId: null,
      demand: '集体反映拆迁补偿标准',
      facts: '',
      earlierHandling: '',
      legalChannel: 'none',
      continuesVisitId: null,
      leaderId: null,
      reportsOnPerson: false,
    });
    expect(group.leaderId).toBe(principal.id);
    expect(group.ticket!.code).toMatch(/^B/);
    const rooms = () =>
      all<{ code: string; room: string | null }>(
        core.store.database,
        'SELECT t.code, r.name AS room FROM tickets t LEFT JOIN rooms r ON r.id = t.room_id ORDER BY t.id',
      );
    expect(rooms()).toEqual([{ code: group.ticket!.code, room: '第二接待室' }]);

    // A second visitor for the principal goes to the same room; the on-duty leader's to the slot's room.
    await registerVisit(admin, '乙', '再来一位', { leaderId: principal.id });
    const walkIn = await admin('visits.register', {
      petitioners: [{ ...person, name: '丙', isRepresentative: false }],
      headCount: 1,
      categoryId: null,
      localityId: null,
      demand: '路灯不亮',
      facts: '',
      earlierHandling: '',
      legalChannel: 'none',
      continuesVisitId: null,
      leaderId: onDuty.id,
      reportsOnPerson: false,
    });
    expect(rooms().map((r) => r.room)).toEqual(['第二接待室', '第二接待室', '第一接待室']);

    // Moved to the principal, the number goes to the principal's room.
    await admin('queue.act', {
      action: 'transfer',
      ticketId: walkIn.ticket!.id,
      leaderId: principal.id,
      reason: '领导要求',
    });
    expect(rooms()[2]).toEqual({ code: walkIn.ticket!.code, room: '第二接待室' });
    expect(second.id).toBeGreaterThan(first.id);
  });
});
