import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HISTORY_COLUMNS, HISTORY_SHEET } from '../../shared/domain/history-import';
import { ADMIN, must, saveUnit, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

/** 设置 → 数据导出与导入: the template, a dry run that lists the bad row, the fix, the import, the ledger. */
describe('importing older records in the browser', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await saveUnit(admin, '县住房和城乡建设局');
    core.close();
  });

  async function fill(template: string, out: string, acceptedOn: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.getWorksheet(HISTORY_SHEET)!;
    const row = (r: Partial<Record<(typeof HISTORY_COLUMNS)[number], string>>) =>
      ws.addRow(HISTORY_COLUMNS.map((c) => r[c] ?? ''));
    row({
      登记日期: '2024-03-12',
      信访人: '欧阳娜娜',
      联系电话: '13800138000',
      诉求: '反映老旧小区加装电梯补贴未到位',
      案件编号: 'XF20240031',
      受理日期: acceptedOn,
      办理期限: '2024-05-11',
      责任单位: '县住房和城乡建设局',
    });
    row({ 登记日期: '2024-03-20', 信访人: '王五', 诉求: '咨询低保申请条件' });
    await wb.xlsx.writeFile(out);
  }

  it('lists the bad row by row and column, keeps 导入 off until the file is fixed, then imports into the ledger', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1400, height: 1000 });
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '数据导出与导入' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('历史来访与案件导入模板.xlsx');
    const template = (await download.path())!;
    const bad = path.join(ui.dir, '历史-有错.xlsx');
    const good = path.join(ui.dir, '历史-改正.xlsx');
    await fill(template, bad, '2024/03/12');
    await fill(template, good, '2024-03-12');

    const input = page.locator('input[type=file]');
    await input.setInputFiles(bad);
    const errors = page.getByTestId('history-errors');
    await errors.waitFor();
    await expect
      .poll(() => errors.locator('tbody tr').allInnerTexts())
      .toEqual(['2\t受理日期\t应为“年-月-日”格式的日期，如 2026-10-09']);
    const importButton = page.getByRole('button', { name: '导入', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'history-import-errors.png'), fullPage: true });

    await input.setInputFiles(good);
    await page.getByTestId('history-clean').waitFor();
    expect(await page.getByTestId('history-clean').textContent()).toContain('共 2 行（来访 2 次，案件 1 件）');
    expect(await importButton.isEnabled()).toBe(true);
    await importButton.click();
    await page.getByTestId('history-done').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'history-import-done.png'), fullPage: true });

    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByLabel('全文检索').fill('加装电梯');
    await page.getByLabel('全文检索').press('Enter');
    await page.getByText('共 1 件').waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').first().textContent()).toContain('XF20240031');
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledger-export-buttons.png') });
    // The imported case ran to 2024-05-11 and is still 已交办: 督办 lists it, and exports the list.
    await page.getByRole('menuitem', { name: '督办' }).click();
    await page.getByText('XF20240031').waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(fs.readFileSync((await csv.path())!, 'utf8')).toContain('XF20240031');
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-export-buttons.png') });
    await page.close();
  });
});
