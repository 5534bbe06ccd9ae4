import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, must, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

const BANNER = '测试时钟：2026-10-09 09:00';

/** The preview host on HALL_NOW: every window says so in red, the login, the app and the wall. */
describe('the test-clock banner', () => {
  const tmp = tempDir();
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    await must(core, 'admin')('setup.init', ADMIN);
    core.close();
    preview = await startPreview(tmp.dir, { HALL_NOW: '2026-10-09T09:00+08:00' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    const started: { browser?: Browser; preview?: RunningPreview } = { browser, preview };
    await started.browser?.close();
    await started.preview?.stop();
    tmp.cleanup();
  });

  it('shows at the login, in the shell at 1366×768 and on the wall display', async () => {
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    page.setDefaultTimeout(10_000);
    await page.goto(preview.url);
    const banner = page.getByTestId('test-clock');
    await expect.poll(() => banner.textContent()).toContain(BANNER);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
    expect(await banner.textContent()).toContain(BANNER);
    const box = await banner.boundingBox();
    expect(box?.y).toBe(0);
    expect(box?.width).toBe(1366);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'test-clock.png') });

    const wall = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const url = new URL(preview.url);
    url.pathname = '/display';
    await wall.goto(url.toString());
    await expect.poll(() => wall.getByTestId('test-clock').textContent()).toContain(BANNER);
  });
});
