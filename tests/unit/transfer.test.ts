import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { fillDemo } from '../../electron/core/operations/demo';
import { ADMIN, caller, loginAsNew, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

async function edit(base64: string, change: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  change(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('Excel import and export of leaders, units and the roster', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const dump = () =>
    core.store.database
      .prepare(
        'SELECT l.*, (SELECT group_concat(category_id) FROM (SELECT category_id FROM leader_scopes s WHERE s.leader_id = l.id ORDER BY category_id)) AS cats FROM leaders l ORDER BY id',
      )
      .all();

  beforeAll(async () => {
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date('2026-11-23T02:00:00Z'));
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('imports its own export back without a change', async () => {
    const before = dump();
    const file = await admin('transfer.export', { what: 'leaders' });
    expect(file.fileName).toBe('接访领导.xlsx');
    const dry = await admin('transfer.import', { what: 'leaders', base64: file.base64, dryRun: true });
    expect(dry).toEqual({ rows: 8, imported: 0, errors: [] });
    expect(await admin('transfer.import', { what: 'leaders', base64: file.base64, dryRun: false })).toEqual({
      rows: 8,
      imported: 8,
      errors: [],
    });
    expect(dump()).toEqual(before);
  });

  it('names every bad row and column in the dry run, and imports nothing for real', async () => {
    const before = dump();
    const file = await admin('transfer.export', { what: 'leaders' });
    const bad = await edit(file.base64, (ws) => {
      ws.getRow(3).getCell(8).value = '国土资源、外星事务';
      ws.getRow(5).getCell(6).value = '也许';
      ws.getRow(6).getCell(2).value = '';
      ws.getRow(9).getCell(3).value = '新的分管工作';
    });
    const dry = await admin('transfer.import', { what: 'leaders', base64: bad, dryRun: true });
    expect(dry.errors).toEqual([
      { row: 3, column: '分管类别', message: '没有名为“外星事务”的问题类别' },
      { row: 5, column: '主要领导', message: '应填“是”或“否”' },
      { row: 6, column: '职务', message: '不能为空' },
    ]);
    const real = await admin('transfer.import', { what: 'leaders', base64: bad, dryRun: false });
    expect(real.imported).toBe(0);
    expect(dump()).toEqual(before);
  });

  it('checks roster rows (dates, times, form, leaders) and adds good ones as slots', async () => {
    const file = await admin('transfer.export', { what: 'roster', from: '2026-11-16', to: '2026-11-20' });
    const bad = await edit(file.base64, (ws) => {
      ws.getRow(2).getCell(1).value = '2026-02-30';
      ws.getRow(3).getCell(4).value = '随便接访';
      ws.getRow(4).getCell(5).value = '不存在的领导';
    });
    const dry = await admin('transfer.import', { what: 'roster', base64: bad, dryRun: true });
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '日期'],
      [3, '形式'],
      [4, '接访领导'],
    ]);
    const before = (await admin('roster.slots', { from: '2026-12-01', to: '2026-12-31' })).length;
    const good = await edit(file.base64, (ws) =>
      ws.eachRow(
        (row, n) => n > 1 && (row.getCell(1).value = String(row.getCell(1).value).replace('2026-11', '2026-12')),
      ),
    );
    const res = await admin('transfer.import', { what: 'roster', base64: good, dryRun: false });
    expect(res.errors).toEqual([]);
    expect((await admin('roster.slots', { from: '2026-12-01', to: '2026-12-31' })).length).toBe(before + res.rows);
  });

  it('refuses a file that is not the template, and an operator', async () => {
    expect(
      await caller(core, 'admin')('transfer.import', {
        what: 'units',
        base64: Buffer.from('not a spreadsheet').toString('base64'),
        dryRun: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('Excel') } });
    const leadersFile = await admin('transfer.export', { what: 'leaders' });
    expect(
      await caller(core, 'admin')('transfer.import', { what: 'units', base64: leadersFile.base64, dryRun: true }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('缺少列') } });
    await admin('accounts.create', {
      username: 'op',
      displayName: '接待员',
      role: 'operator',
      password: 'operator pw 1',
    });
    await loginAsNew(core, 'op', { username: 'op', password: 'operator pw 1' });
    expect(await caller(core, 'op')('transfer.export', { what: 'units' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
