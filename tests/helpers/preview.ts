import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startPreview, type RunningPreview } from './chromium';
import { tempDir } from './tmp';

// Kept here for the tests that import them from this file; the benches import ./chromium (no vitest).
export { launchBrowser, startPreview, type RunningPreview };

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/.artifacts');

/** A page of the app logged in through the real login screen. */
export async function loggedInPage(
  browser: Browser,
  preview: RunningPreview,
  creds: { username: string; password: string },
  viewport = { width: 1400, height: 900 },
): Promise<Page> {
  // The hall's PCs run on China time; the pages should read the same as there.
  const page = await browser.newPage({
    viewport,
    reducedMotion: 'reduce',
    acceptDownloads: true,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  page.setDefaultTimeout(10_000);
  await page.goto(preview.url);
  await page.getByLabel('用户名').fill(creds.username);
  await page.getByLabel('密码').fill(creds.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
  return page;
}

/**
 * A browser suite on its own data folder: `prepare` fills the store (and closes it), then the
 * preview host serves the folder to Chromium; everything is stopped and removed afterwards.
 */
export function browserSuite(
  prepare: (dataDir: string) => Promise<void> = async () => {},
  browserOptions: Parameters<typeof launchBrowser>[0] = {},
) {
  const tmp = tempDir();
  const ui = { dir: tmp.dir } as { dir: string; preview: RunningPreview; browser: Browser };
  beforeAll(async () => {
    await prepare(tmp.dir);
    ui.preview = await startPreview(tmp.dir);
    ui.browser = await launchBrowser(browserOptions);
  });
  afterAll(async () => {
    // beforeAll may have failed before starting them.
    const started: Partial<typeof ui> = ui;
    await started.browser?.close();
    await started.preview?.stop();
    tmp.cleanup();
  });
  return ui;
}
