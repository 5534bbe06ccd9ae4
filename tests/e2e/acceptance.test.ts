import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, dutyToday, must, registerVisit, saveLeader, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

/** The PDF a click downloads, as text. */
async function printed(page: Page, click: () => Promise<void>, name: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(download.suggestedFilename()).toMatch(name);
  return squash(pdfText(fs.readFileSync((await download.path())!)));
}

describe('受理告知 in the browser', () => {
  const ui = browserSuite(async (dir) => {
    // A visit registered 20 days ago, still waiting: overdue, in red.
    const old = testCore(dir, { now: () => new Date(Date.now() - 20 * 86_400_000) });
    const admin = must(old, 'admin');
    await admin('setup.init', ADMIN);
    await registerVisit(admin, '钱多多', '拖欠工程款两年未付');
    old.close();
    const core = testCore(dir);
    const today = must(core, 'admin');
    await today('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const leader = await saveLeader(today, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await dutyToday(today, leader.id);
    await registerVisit(today, '赵敏', '小区电梯长期故障，物业公司不予维修');
    core.close();
  });

  it('lists a visit registered at the counter, accepts it with a 受理告知书 and transfers another with a 转送告知书', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByLabel('信访人1姓名').fill('𠮷春燕');
    await page.getByLabel('诉求').fill('安置房逾期未交付，请求明确交房时间');
    await page.getByLabel('诉求').press('Enter');
    await page.getByTestId('registered').waitFor();

    await page.getByRole('menuitem', { name: '受理告知' }).click();
    const rowOf = (name: string) => page.getByRole('row').filter({ hasText: name });
    await rowOf('𠮷**').waitFor();
    expect(await rowOf('𠮷**').textContent()).toContain('剩15日');
    expect(await rowOf('赵*').textContent()).toContain('剩15日');
    // The one of 20 days ago is overdue, in red.
    const overdue = rowOf('钱**').locator('.ant-typography-danger');
    expect(await overdue.textContent()).toMatch(/超期\d+日/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'acceptance-list.png') });

    // 受理: opens the case and prints the 受理告知书.
    await rowOf('𠮷**').getByRole('button', { name: '作出决定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('事项名称').fill('房屋征收安置问题');
    const acceptance = await printed(
      page,
      () => dialog.getByRole('button', { name: '决定并打印告知书' }).click(),
      /^受理告知书-.+\.pdf$/,
    );
    expect(acceptance).toContain('信访事项受理告知书');
    expect(acceptance).toContain('予以受理');
    await expect.poll(() => rowOf('𠮷**').count()).toBe(0);

    // 转送: the organ is required; the 转送告知书 names it.
    await rowOf('赵*').getByRole('button', { name: '作出决定' }).click();
    await dialog.locator('label').filter({ hasText: '转送/交办' }).click();
    await dialog.getByRole('button', { name: '决定并打印告知书' }).click();
    await dialog.getByText('请填写转送（交办）的机关或单位').waitFor();
    await dialog.getByLabel('转送（交办）的有权处理机关或下级机关').fill('城关镇人民政府');
    const transfer = await printed(
      page,
      () => dialog.getByRole('button', { name: '决定并打印告知书' }).click(),
      /^转送告知书-.+\.pdf$/,
    );
    expect(transfer).toContain('信访事项转送告知书');
    expect(transfer).toContain('转送（交办）城关镇人民政府办理');

    // A late decision needs its reason.
    await rowOf('钱**').getByRole('button', { name: '作出决定' }).click();
    await dialog.locator('label').filter({ hasText: '转送/交办' }).click();
    await dialog.getByLabel('转送（交办）的有权处理机关或下级机关').fill('县人力资源和社会保障局');
    await dialog.getByRole('button', { name: '决定并打印告知书' }).click();
    await dialog.getByText('请写明逾期原因').waitFor();
    await dialog.getByLabel('逾期原因').fill('待核实用工单位所在地');
    await printed(page, () => dialog.getByRole('button', { name: '决定并打印告知书' }).click(), /^转送告知书-/);

    // The visits' documents: each decision with its notice, to print again.
    await page.getByRole('tab', { name: '已决定' }).click();
    await rowOf('城关镇人民政府').waitFor();
    expect(await rowOf('钱**').textContent()).toContain('逾期：待核实用工单位所在地');
    const again = await printed(
      page,
      () => rowOf('赵*').getByRole('button', { name: '打印转送告知书' }).click(),
      /^转送告知书-/,
    );
    expect(again).toContain('城关镇人民政府');
    await page.screenshot({ path: path.join(ARTIFACTS, 'acceptance-decided.png') });
  });
});
