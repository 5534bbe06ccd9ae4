import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { ADMIN } from '../helpers/core';
import { hall, passwordFile } from '../helpers/cli';
import { oldStore } from '../helpers/old-store';
import { ARTIFACTS, launchBrowser, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';
import type { Browser } from 'playwright-core';

const FROM = 5;
const STEPS = MIGRATIONS.length - FROM + 1;

/**
 * A store an older app left (schema 5) opened by this one (issue 17): the login answers at once,
 * the upgrade screen says step, progress and time left, then the app opens by itself. Each
 * statement is slowed (HALL_UPGRADE_DELAY_MS) so a small store's upgrade lasts as a large one's.
 */
describe('the upgrade screen before the main window', () => {
  const tmp = tempDir();
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'app'), { mode: 0o700 });
    oldStore(path.join(tmp.dir, 'app'), FROM, 300);
    preview = await startPreview(path.join(tmp.dir, 'app'), { HALL_UPGRADE_DELAY_MS: '250' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await preview.stop();
    tmp.cleanup();
  });

  it('shows 正在升级数据库（第 n/m 步） with a progress bar and the time left, then the app', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.setDefaultTimeout(20_000);
    await page.goto(preview.url);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('upgrade-screen').waitFor();
    // Past the backup, into the migrations: the line names the step and the time left.
    const line = page.getByTestId('upgrade-line');
    await expect
      .poll(async () => line.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^正在升级数据库（第 [2-9]/${STEPS} 步）… 预计还需(不到 1| \\d+) 分钟，请勿关闭$`));
    await expect.poll(async () => page.locator('.ant-progress').count()).toBe(1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'upgrade-screen.png') });
    await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'upgrade-then-app.png') });
    await page.close();
  }, 120_000);

  it('`hall` prints the same progress to stderr, then does its work', () => {
    const dir = path.join(tmp.dir, 'cli');
    fs.mkdirSync(dir, { mode: 0o700 });
    oldStore(dir, FROM, 100);
    const pw = passwordFile(tmp.dir, ADMIN.password);
    const run = hall(dir, ['audit', 'verify', '--user', ADMIN.username, '--password-file', pw], {
      HALL_UPGRADE_DELAY_MS: '100',
    });
    expect(run.err).toMatch(new RegExp(`正在升级数据库（第 \\d/${STEPS} 步）… 预计还需`));
    expect(run.err).toContain('数据库升级完成。');
    expect(run.out).toContain('审计日志完整');
    expect(run.code).toBe(0);
  }, 120_000);
});
