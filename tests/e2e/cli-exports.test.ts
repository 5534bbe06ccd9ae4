import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_COLUMNS, HISTORY_SHEET } from '../../shared/domain/history-import';
import { hall, passwordFile } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'export pass 2026';

/** `hall export …` and `hall import history` as a script runs them, on a demo store. */
describe('hall export and hall import', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let creds: string[];
  const out = (name: string) => path.join(tmp.dir, name);

  beforeAll(() => {
    const pw = passwordFile(tmp.dir, PASSWORD);
    creds = ['--user', 'admin', '--password-file', pw];
    expect(hall(data, ['init', '--office', '清河县信访局', ...creds, '--name', '王管理']).code).toBe(0);
    expect(hall(data, ['demo', ...creds]).code).toBe(0);
  });

  it('writes the ledger as CSV with a BOM and as Excel, and refuses an unknown extension', () => {
    const csv = hall(data, [
      'export',
      'ledger',
      '--from',
      '2000-01-01',
      '--to',
      '2100-12-31',
      '--out',
      out('台账.csv'),
      ...creds,
    ]);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out).toMatch(/^已导出台账 \d+ 件：/);
    const bytes = fs.readFileSync(out('台账.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe(
      '序号,案件编号,受理日期,信访人,属地,类别,包案领导,责任单位,状态,办理期限,剩余天数,办理结果',
    );
    expect(hall(data, ['export', 'ledger', '--out', out('台账.xlsx'), ...creds]).code).toBe(0);
    expect(fs.readFileSync(out('台账.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(hall(data, ['export', 'ledger', '--out', out('台账.txt'), ...creds]).code).toBe(2);
    expect(hall(data, ['export', 'supervise', '--out', out('督办.csv'), ...creds]).code).toBe(0);
  });

  it('writes cases as JSON, masked unless --full', () => {
    const masked = hall(data, [
      'export',
      'cases',
      '--from',
      '2000-01-01',
      '--to',
      '2100-12-31',
      '--out',
      out('cases.json'),
      ...creds,
    ]);
    expect(masked.code, masked.err).toBe(0);
    expect(masked.out).toContain('个人信息已脱敏');
    const doc = JSON.parse(fs.readFileSync(out('cases.json'), 'utf8')) as {
      format: string;
      masked: boolean;
      cases: { petitioners: { name: string }[] }[];
    };
    expect(doc).toMatchObject({ format: 'hall.case-export', masked: true });
    expect(doc.cases.length).toBeGreaterThan(0);
    expect(doc.cases[0]!.petitioners[0]!.name).toContain('*');
    const full = hall(data, ['export', 'cases', '--case', '1', '--full', '--out', out('one.json'), ...creds]);
    expect(full.code, full.err).toBe(0);
    expect((JSON.parse(fs.readFileSync(out('one.json'), 'utf8')) as { masked: boolean }).masked).toBe(false);
    expect(hall(data, ['export', 'cases', '--from', '2024-01-01', '--out', out('x.json'), ...creds]).code).toBe(2);
  });

  it('checks a history file with --dry-run, names the bad row, and imports nothing until it is clean', async () => {
    expect(hall(data, ['import', 'template', '--out', out('模板.xlsx'), ...creds]).code).toBe(0);
    const write = async (file: string, date: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out('模板.xlsx'));
      wb.getWorksheet(HISTORY_SHEET)!.addRow(
        HISTORY_COLUMNS.map(
          (c) => ({ 登记日期: date, 信访人: '张三', 诉求: '咨询养老保险补缴政策' })[c as string] ?? '',
        ),
      );
      await wb.xlsx.writeFile(file);
    };
    await write(out('bad.xlsx'), '2024-02-30');
    const dry = hall(data, ['import', 'history', out('bad.xlsx'), '--dry-run', ...creds]);
    expect(dry.code).toBe(4);
    expect(dry.err).toContain('第2行 登记日期：应为“年-月-日”格式的日期，如 2026-10-09');
    await write(out('good.xlsx'), '2024-02-28');
    const check = hall(data, ['import', 'history', out('good.xlsx'), '--dry-run', ...creds]);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain('检查通过：共 1 行');
    const real = hall(data, ['import', 'history', out('good.xlsx'), ...creds]);
    expect(real.code, real.err).toBe(0);
    expect(real.out).toBe('已导入：来访 1 次，案件 0 件。\n');
    expect(hall(data, ['import', 'history', out('good.xlsx'), ...creds]).code).toBe(4);
  });
});
