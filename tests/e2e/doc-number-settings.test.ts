import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, must, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('设置 › 单位与规则: the document number settings, in the browser at 1366x768', () => {
  const tmp = tempDir();
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    await must(core, 'setup')('setup.init', ADMIN);
    core.close();
    preview = await startPreview(tmp.dir);
    browser = await launchBrowser();
    page = await loggedInPage(browser, preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '单位与规则' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  it('refuses a bad organ abbreviation and kind character at the field, saves good ones and shows the next numbers', async () => {
    const organ = page.getByLabel('机关代字');
    await organ.fill('清信访2');
    await expect.poll(() => page.getByText('机关代字只能是汉字').count()).toBe(1);
    const reg = page.getByLabel('信访事项登记单代字');
    await reg.fill('D');
    await expect.poll(() => page.getByText('文种代字只能是汉字').count()).toBe(1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await organ.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-doc-numbers-invalid-1366.png') });
    await page.getByRole('button', { name: '保存设置' }).click();
    // Nothing saved while a field is wrong.
    await expect.poll(() => page.getByText('设置已保存').count()).toBe(0);

    await organ.fill('清信访');
    await reg.fill('登');
    await expect
      .poll(() => page.getByTestId('doc-number-example').textContent())
      .toBe('清信访登〔2026〕12号　清信访交〔2026〕3号');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByText('设置已保存').count()).toBe(1);
    await organ.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-doc-numbers-1366.png') });
    // Kept: read back after a reload.
    await page.reload();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '单位与规则' }).click();
    await expect.poll(() => page.getByLabel('机关代字').inputValue()).toBe('清信访');
  });
});
