import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('first screen through the preview host in Chromium', () => {
  const tmp = tempDir();
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreview(tmp.dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  it('shows the Chinese app frame and the live system state from system.info', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(preview.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect.poll(() => page.getByTestId('db-state').textContent()).toBe('未初始化');
    for (const label of ['今日接访', '登记', '案件', '排班', '档案', '设置']) {
      await expect.poll(() => page.getByRole('menuitem', { name: new RegExp(label) }).count()).toBe(1);
    }
    expect(await page.getByTestId('system-status').textContent()).toContain(tmp.dir);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-screen.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a browser that did not get the token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(preview.origin + '/');
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('未授权');
    await context.close();
  });

  it('refuses a call with a foreign Origin even from a browser holding the cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(preview.url);
    const own = await page.request.post(preview.origin + '/api/system.info', { data: {}, headers: { Origin: preview.origin } });
    expect(own.status()).toBe(200);
    const foreign = await page.request.post(preview.origin + '/api/system.info', { data: {}, headers: { Origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);
    await context.close();
  });
});
