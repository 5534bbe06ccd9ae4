import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, dutyToday, must, saveLeader, saveUnit, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

/** Picks an option of an antd Select by typing part of its label. */
async function pick(page: Page, label: string, typed: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(typed);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('master data in the browser: a township, a village and a category, registered against and found in the ledger', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await saveUnit(admin, '县住房和城乡建设局', '王建军');
    await dutyToday(admin, leader.id);
    core.close();
  });

  it('adds them in 设置 › 基础数据, registers a visit with them, opens its case and filters the ledger by each', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '基础数据' }).click();

    // 属地: a township with its 9-digit code, then a village under it; a wrong code is refused at the field.
    await page.getByRole('button', { name: '新增乡镇（街道）' }).click();
    let dialog = page.getByRole('dialog', { name: '新增乡镇（街道）' });
    await dialog.getByLabel('乡镇（街道）名称').fill('城关镇');
    await dialog.getByLabel('行政区划代码（可不填）').fill('330424100');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByRole('cell', { name: '城关镇' }).waitFor();
    await page
      .getByRole('row', { name: /城关镇/ })
      .getByRole('button', { name: '新增村' })
      .click();
    dialog = page.getByRole('dialog', { name: '新增村（社区）（城关镇）' });
    await dialog.getByLabel('村（社区）名称').fill('前进村');
    await dialog.getByLabel('行政区划代码（可不填）').fill('330424999201');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.getByText('应以 330424100 开头').waitFor();
    await dialog.getByLabel('行政区划代码（可不填）').fill('330424100201');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByRole('cell', { name: '前进村' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /前进村/ }).textContent()).toContain('330424100201');
    await page.screenshot({ path: path.join(ARTIFACTS, 'master-data-localities.png') });

    // 问题类别: a second-level category under a national first-level class.
    await page.getByRole('tab', { name: '问题类别' }).click();
    await page
      .locator('tr.ant-table-row', { hasText: '城乡建设（征地拆迁）' })
      .getByRole('button', { name: '新增二级' })
      .click();
    dialog = page.getByRole('dialog', { name: /^新增二级类别/ });
    await page.screenshot({ path: path.join(ARTIFACTS, 'master-data-category-dialog.png') });
    await dialog.getByLabel('二级类别名称').fill('物业纠纷');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByRole('cell', { name: '物业纠纷' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'master-data-categories.png') });

    // 登记 against them.
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByLabel('信访人1姓名').fill('欧阳春燕');
    await page.getByLabel('信访人1电话').fill('13905731234');
    await page.getByLabel('诉求').fill('小区物业乱收费，请求查处并退还多收的费用');
    await pick(page, '问题类别', '物业', '物业纠纷（城乡建设（征地拆迁））');
    await pick(page, '问题属地', '前进', '前进村（城关镇）');
    await page.getByRole('button', { name: /登记并取号/ }).click();
    await page.getByTestId('registered').waitFor();

    // The leader hears the visitor and the case is opened (立案) from the interview.
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    const line = page.getByTestId('line-吴晓喆');
    await line.getByRole('button', { name: '叫下一位' }).click();
    await line.getByRole('button', { name: '开始接待' }).click();
    const interview = page.getByRole('dialog');
    await interview.getByLabel('第1段', { exact: true }).fill('物业费比合同多收了三成。');
    await interview.getByLabel('领导意见').fill('交县住建局核实，十五个工作日内答复。');
    await interview.getByText('交办责任单位').click();
    await interview.getByRole('button', { name: '结束接谈' }).click();
    await interview.getByRole('button', { name: /^立\s?案$/ }).click();
    await page
      .getByRole('dialog', { name: '立案（信访事项）' })
      .getByRole('button', { name: /^立\s?案$/ })
      .click();
    await interview.getByText(/已立案：XF\d{8}/).waitFor();
    const caseNo = /已立案：(XF\d{8})/.exec((await interview.getByText(/已立案：/).textContent())!)![1]!;
    await page.keyboard.press('Escape');

    // The ledger's filters offer the new entries, and each finds the case: the township by its village too.
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByRole('row', { name: new RegExp(caseNo) }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    for (const [label, typed, option] of [
      ['按属地筛选', '城关', '城关镇'],
      ['按属地筛选', '前进', '前进村（城关镇）'],
      ['按类别筛选', '物业', '物业纠纷（城乡建设（征地拆迁））'],
    ] as const) {
      await pick(page, label, typed, option);
      await page.getByText('共 1 件').waitFor();
      await expect.poll(() => rows.first().textContent()).toContain(caseNo);
    }
    expect(await rows.first().textContent()).toContain('前进村');
    expect(await rows.first().textContent()).toContain('物业纠纷');
    await page.screenshot({ path: path.join(ARTIFACTS, 'master-data-ledger.png') });
  }, 60_000);
});
