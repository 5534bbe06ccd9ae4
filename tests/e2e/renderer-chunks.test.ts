import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { ADMIN, must, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite } from '../helpers/preview';

const ASSETS = path.join(__dirname, '../../out/renderer/assets');
const CHARTS = 4;

/** The build's files the page fetched, by name, from the moment this is called. */
function loads(page: Page): string[] {
  const names: string[] = [];
  page.on('requestfinished', (req) => {
    if (['script', 'stylesheet'].includes(req.resourceType())) names.push(path.basename(new URL(req.url()).pathname));
  });
  return names;
}

/**
 * antd component rules generated in the page at run time, as `.ant-btn{outline:…}`; the rules of
 * the theme's CSS variables (`.css-var-x.ant-btn{--ant-button-…}`) are written at run time anyway.
 */
function runtimeRules(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate(
    (wanted) =>
      wanted.filter((s) => {
        const rule = new RegExp(`(^|[},\\s])${s.replace('.', '\\.')}\\{(?!--)`);
        return [...document.querySelectorAll('style')].some((el) => rule.test(el.textContent));
      }),
    selectors,
  );
}

describe('the renderer in chunks: screens load when first opened, antd styles come from the build', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    await must(core, 'admin')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
    core.close();
  });

  for (const reducedMotion of ['no-preference', 'reduce'] as const) {
    it(`login loads no screen and no chart code, and draws with the built styles (motion: ${reducedMotion})`, async () => {
      const context = await ui.browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const fetched = loads(page);
      await page.goto(ui.preview.url);
      await page.getByRole('button', { name: '登录' }).waitFor();

      const built = fs.readdirSync(ASSETS);
      const chunk = (prefix: string) => built.filter((f) => f.startsWith(`${prefix}-`));
      expect(chunk('echarts')).toHaveLength(1);
      expect(chunk('Stats')).toHaveLength(1);
      expect(chunk('antd')).toHaveLength(1);
      for (const lazy of ['echarts', 'Stats', 'AppShell', 'Today', 'Cases', 'Settings', 'DisplayBoard'])
        expect(fetched.filter((f) => f.startsWith(`${lazy}-`))).toEqual([]);
      expect(fetched).toContain(chunk('antd')[0]);
      // Had the map in the built file not matched the app's theme, antd would write these again.
      expect(await runtimeRules(page, ['.ant-btn', '.ant-form', '.ant-input', '.ant-card'])).toEqual([]);
      if (reducedMotion === 'no-preference')
        await page.screenshot({ path: path.join(ARTIFACTS, 'renderer-login.png') });

      await page.getByLabel('用户名').fill(ADMIN.username);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.keyboard.press('Enter');
      await page.getByTestId('current-user').waitFor();
      await page.getByTestId('screen-loading').waitFor({ state: 'detached' });
      expect(fetched.filter((f) => f.startsWith('echarts-'))).toEqual([]);

      await page.getByRole('menuitem', { name: '统计' }).click();
      await expect
        .poll(() =>
          page.evaluate(() =>
            [...document.querySelectorAll('main div[role="img"]')].filter((b) => b.querySelector('svg path')),
          ),
        )
        .toHaveLength(CHARTS);
      expect(fetched.filter((f) => f.startsWith('echarts-'))).toHaveLength(1);
      // 统计's own antd parts came with the login's file too.
      expect(await runtimeRules(page, ['.ant-table', '.ant-picker', '.ant-statistic', '.ant-menu'])).toEqual([]);
      if (reducedMotion === 'no-preference')
        await page.screenshot({ path: path.join(ARTIFACTS, 'renderer-stats.png') });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('every screen of the menu opens from its own chunk, each fetched once', async () => {
    const context = await ui.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const fetched = loads(page);
    await page.goto(ui.preview.url);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
    const labels = await page.getByRole('menuitem').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(9);
    for (const label of [...labels, ...labels]) {
      await page.getByRole('menuitem', { name: label }).click();
      await page.getByTestId('screen-loading').waitFor({ state: 'detached' });
      expect(await page.locator('main[aria-label]').getAttribute('aria-label')).toBe(label);
      expect(await page.locator('main[aria-label]').innerText()).not.toBe('');
    }
    // The second round fetched nothing again: a chunk is loaded once per window.
    const counts = new Map<string, number>();
    for (const f of fetched) counts.set(f, (counts.get(f) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the wall screen loads its own chunk and no login code', async () => {
    const context = await ui.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const fetched = loads(page);
    // The token URL sets the cookie; /display is then the hall's wall screen.
    await page.goto(ui.preview.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    fetched.length = 0;
    await page.goto(ui.preview.origin + '/display');
    await expect.poll(() => fetched.filter((f) => f.startsWith('DisplayBoard-'))).toHaveLength(1);
    expect(fetched.filter((f) => f.startsWith('AppShell-') || f.startsWith('Stats-'))).toEqual([]);
    await context.close();
  });
});
