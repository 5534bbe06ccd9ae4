import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserSuite } from '../helpers/preview';

const PASSWORD = 'counter pass 2026';

async function shot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

describe('first run and login through the preview host in Chromium', () => {
  const ui = browserSuite();

  it('sets up the office with the keyboard alone, shows the recovery code once, then the Chinese app frame', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page.setDefaultTimeout(8000);
    try {
      await setUp(page);
    } catch (error) {
      await shot(page, 'failed-setup');
      throw error;
    }
  });

  async function setUp(page: Page) {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(ui.preview.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByText('首次设置').waitFor();
    await shot(page, 'setup');
    // Keyboard only: the first field has focus, Tab moves on, Enter submits.
    await page.keyboard.type('清河县信访局');
    for (const value of ['王管理', 'admin', PASSWORD, 'mismatch!']) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel('再次输入密码').fill(PASSWORD);
    await page.keyboard.press('Enter');
    const code = await page.getByTestId('recovery-code').textContent();
    expect(code).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
    await shot(page, 'recovery-code');
    await page.getByText('我已妥善保存恢复码').click();
    await page.getByRole('button', { name: '进入系统' }).click();

    await expect.poll(() => page.getByTestId('office-name').textContent()).toBe('清河县信访局');
    for (const label of ['今日接访', '登记', '案件', '排班', '档案', '设置']) {
      expect(await page.getByRole('menuitem', { name: new RegExp(label) }).count()).toBe(1);
    }
    await page.getByRole('menuitem', { name: '设置' }).click();
    await expect.poll(() => page.getByTestId('db-state').textContent()).toBe('已解锁');
    expect(await page.getByTestId('system-status').textContent()).toContain(ui.dir);
    await shot(page, 'first-screen');
    expect(errors).toEqual([]);
    await page.close();
  }

  it('asks a second browser to log in, refuses a wrong password, admits the right one', async () => {
    const context = await ui.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(ui.preview.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not the password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码不正确');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe('王管理');
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.getByRole('button', { name: '校验审计日志' }).click();
    await page.getByText(/哈希链逐条校验通过/).waitFor();
    await page.getByText('登录失败').first().waitFor();
    await shot(page, 'audit-log');
    await context.close();
  });

  it('refuses a browser that did not get the token', async () => {
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(ui.preview.origin + '/');
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('未授权');
    await context.close();
  });

  it('refuses a call with a foreign Origin even from a browser holding the cookie', async () => {
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    await page.goto(ui.preview.url);
    const own = await page.request.post(ui.preview.origin + '/api/system.info', {
      data: {},
      headers: { Origin: ui.preview.origin },
    });
    expect(own.status()).toBe(200);
    const foreign = await page.request.post(ui.preview.origin + '/api/system.info', {
      data: {},
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    await context.close();
  });
});
