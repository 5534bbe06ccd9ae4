// 更正登记 in the browser (issue 16, "Done when"): the counter corrects a registered name, finds
// the earlier version in the visit's history, and the 登记单 printed before the correction
// verifies as 记录已更新, naming the field.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, must, registerVisit, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('更正登记: a corrected name keeps its earlier version, and the earlier slip reads 记录已更新', () => {
  const tmp = tempDir();
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let printedCode = '';
  let visitNo = '';

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    const admin = must(core, 'setup');
    await admin('setup.init', ADMIN);
    const visitId = await registerVisit(admin, '张三丰', '宅基地边界纠纷');
    visitNo = (await admin('visits.get', { visitId })).visitNo;
    printedCode = (await admin('documents.print', { kind: 'registration', recordId: visitId })).code;
    core.close();
    preview = await startPreview(tmp.dir);
    browser = await launchBrowser();
    page = await loggedInPage(browser, preview, ADMIN, { width: 1366, height: 768 });
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  it('corrects the name from 受理告知 and shows version 1 in the history', { timeout: 60_000 }, async () => {
    await page.getByRole('menuitem', { name: '受理告知' }).click();
    await page.getByRole('button', { name: visitNo }).click();
    const drawer = page.getByRole('dialog', { name: /来访登记/ });
    await expect.poll(() => drawer.getByTestId('visit-history').textContent()).toContain('登记后未更正过');
    await drawer.getByRole('button', { name: '更正登记' }).click();
    await drawer.getByLabel('更正信访人1姓名').fill('张三峰');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'correction-form-1366.png') });
    await drawer.getByRole('button', { name: '保存更正' }).click();
    const history = drawer.getByTestId('visit-history');
    await expect.poll(() => history.textContent()).toContain('第1版（登记时）');
    expect(await history.textContent()).toContain('更正为第2版：信访人1姓名');
    expect(await drawer.getByTestId('visit-registration').textContent()).toContain('第2版（已更正1次）');
    // The earlier version, opened, shows the name as registered; the current one the corrected.
    await history.getByText('第1版（登记时）').click();
    await expect.poll(() => history.textContent()).toContain('张三丰');
    expect(await drawer.getByTestId('visit-registration').textContent()).toContain('张三峰');
    await page.screenshot({ path: path.join(ARTIFACTS, 'correction-history-1366.png') });
    // Nothing of the page scrolls sideways at the office resolution.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
  });

  it('registers a visitor without an ID number with the 性别 chosen; 此前来访 says the name matched', async () => {
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByLabel('信访人1姓名').fill('张三峰');
    await expect.poll(() => page.getByTestId('earlier-matched').textContent()).toContain('姓名相近：找到 1 次来访');
    await page.getByLabel('信访人1性别').click();
    await page.getByTitle('女', { exact: true }).click();
    await page.getByLabel('诉求').fill('宅基地边界纠纷再次反映');
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-sex-matched-1366.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.getByRole('button', { name: /登记并取号/ }).click();
    const done = page.getByTestId('registered');
    await done.waitFor();
    const no = /登记编号 (\S+)/.exec((await done.textContent())!)![1]!;
    await page.getByRole('menuitem', { name: '受理告知' }).click();
    await page.getByRole('button', { name: no }).click();
    const drawer = page.getByRole('dialog', { name: /来访登记/ });
    await expect.poll(() => drawer.getByTestId('visit-registration').textContent()).toContain('张三峰女');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
  });

  it('finds the 登记单 printed before the correction 记录已更新, naming 信访人（姓名）', async () => {
    await page.getByRole('menuitem', { name: '档案' }).click();
    await page.getByRole('tab', { name: '核验文书' }).click();
    await page.getByLabel('核验码').fill(printedCode);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('记录已更新');
    expect(await page.getByTestId('verdict-changes').textContent()).toContain('信访人（姓名）');
    await page.screenshot({ path: path.join(ARTIFACTS, 'correction-verify-1366.png') });
  });
});
