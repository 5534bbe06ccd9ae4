import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, ARCHIVIST, OPERATOR, loginAsNew, must, newPasswordOf, registerVisit, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/** The demo's last day of visits, so 今日接访 has lines and 登记 finds earlier visits. */
const HALL_NOW = '2026-11-23T09:00+08:00';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LEADER = { username: 'lead', displayName: '领导账号', role: 'leader', password: 'leader pw 1' } as const;
const SHOTS = path.join(ARTIFACTS, 'screens');

/**
 * What overflows the viewport horizontally on the page as it is now: the page itself scrolling
 * sideways, any visible element reaching past the viewport's edges that no scroll (or clip)
 * container between it and <body> holds, a table column out of its table's view, a table cell
 * too narrow for its words, and a chart label cut short.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const vw = root.clientWidth;
    const found: string[] = [];
    if (root.scrollWidth > vw) found.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > ${vw}`);
    if (document.body.scrollWidth > vw) found.push(`<body> scrollWidth ${document.body.scrollWidth} > ${vw}`);
    const held = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const name = (el: Element): string => {
      const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
      const text = (el.textContent as string | null)?.trim().slice(0, 30) ?? '';
      return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}> "${text}"`;
    };
    // A table may scroll inside itself only below 1366 px: at the sizes tested every column is
    // in view (the ledger's 办理期限 and 办理结果 were off to the right at 1366 and 1400 px).
    for (const th of document.querySelectorAll('th.ant-table-cell')) {
      const box = th.closest('.ant-table-content, .ant-table-header, .ant-table-body');
      const r = th.getBoundingClientRect();
      // The header's placeholder over a body's vertical scroll bar is no column.
      if (!box || r.width === 0 || th.classList.contains('ant-table-cell-scrollbar')) continue;
      if (r.right > box.getBoundingClientRect().right + 1)
        found.push(`the column "${th.textContent.trim()}" is outside its table's box: scroll to see it`);
    }
    // A cell too narrow for its words: the 此前来访 panel's matter ran one character a line.
    for (const cell of document.querySelectorAll('td, th')) {
      const text = cell.textContent.trim();
      const style = getComputedStyle(cell);
      const size = parseFloat(style.fontSize);
      const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text.length >= 4 && inner > 0 && inner < 2.5 * size && cell.getBoundingClientRect().height > 5 * size)
        found.push(`the cell "${text.slice(0, 20)}" is ${Math.round(inner)} px wide: a character or two a line`);
    }
    // A chart's label that did not fit is cut with an ellipsis by ECharts: the 统计 pie's were.
    for (const chart of document.querySelectorAll('[role="img"] svg'))
      for (const t of chart.querySelectorAll('text'))
        if (/(\.\.\.|…)$/.test(t.textContent.trim())) found.push(`a chart's label is cut: "${t.textContent.trim()}"`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= vw + 1 && r.left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.opacity === '0') continue;
      if (held(el)) continue;
      found.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}`);
      if (found.length > 8) break;
    }
    return found;
  });
}

/** Waits until the screen has loaded what it shows: no spinner, no skeleton, no animation running. */
async function settle(page: Page) {
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 10_000 })
    .toBe(0);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(150);
}

/** Checks the page as it is now and writes its screenshot; returns the problems found. */
async function look(page: Page, role: string, screen: string, size: { width: number; height: number }) {
  await settle(page);
  const file = `${role}-${screen.replace(/[\\/:*?"<>|\s]+/g, '_')}-${size.width}x${size.height}.png`;
  // The whole screen, or the window as it is while a drawer (fixed to the window) is open.
  const fullPage = (await page.locator('.ant-drawer-open, .ant-modal-wrap:visible').count()) === 0;
  await page.screenshot({ path: path.join(SHOTS, file), fullPage });
  return (await overflowing(page)).map((p) => `${role} ${screen} ${size.width}x${size.height}: ${p}`);
}

/** The tabs of the open screen (its first row of them), by name. */
async function tabsOf(scope: Locator): Promise<string[]> {
  const tabs = scope.locator('.ant-tabs').first().locator('> .ant-tabs-nav .ant-tabs-tab');
  return (await tabs.allTextContents()).map((t) => t.trim()).filter(Boolean);
}

describe('every screen fits at 1366×768 and 1920×1080, for every role', () => {
  const tmp = tempDir();
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  let repeatName = '';

  beforeAll(async () => {
    const core = testCore(tmp.dir, { now: () => new Date(Date.parse('2026-11-23T01:00:00Z')) });
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    // Every setting saved at once, as the 设置 form does: the longest line the audit log shows.
    await admin('settings.update', await admin('settings.get', {}));
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date(Date.parse('2026-11-23T01:00:00Z')));
    // The leader account is the leader on duty that day, with two visitors waiting in the line.
    const leaderId = value<number>(core.store.database, "SELECT id FROM leaders WHERE name = '吴晓喆'")!;
    for (const name of ['欧阳明', '林小燕']) await registerVisit(admin, name, '安置房逾期交付', { leaderId });
    for (const [i, account] of [OPERATOR, ARCHIVIST, LEADER].entries()) {
      await admin('accounts.create', { ...account, leaderId: account.role === 'leader' ? leaderId : null });
      await loginAsNew(core, `c${i}`, account);
    }
    // A petitioner who came more than once: typing the name fills the 此前来访 panel.
    repeatName = value<string>(
      core.store.database,
      `SELECT p.name FROM petitioners p JOIN visit_petitioners vp ON vp.petitioner_id = p.id
        WHERE length(p.name) >= 2 GROUP BY p.id HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT 1`,
    )!;
    core.close();
    preview = await startPreview(tmp.dir, { HALL_NOW });
    browser = await launchBrowser({ scrollbars: true });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  /** The roles that register visits (and so look up earlier ones). */
  const registers = new Set(['admin', 'operator']);
  const accounts = [
    { role: 'admin', username: ADMIN.username, password: ADMIN.password },
    { role: 'operator', username: OPERATOR.username, password: newPasswordOf(OPERATOR) },
    { role: 'leader', username: LEADER.username, password: newPasswordOf(LEADER) },
    { role: 'archivist', username: ARCHIVIST.username, password: newPasswordOf(ARCHIVIST) },
  ];

  for (const account of accounts)
    it(`as ${account.role}: every screen in the menu, each tab and the main drawers`, async () => {
      const problems: string[] = [];
      const seen: string[] = [];
      for (const size of SIZES) {
        const page = await loggedInPage(browser!, preview!, account, size);
        const menu = page.getByRole('menu', { name: '主导航' });
        // The menu as this account sees it: screens other helpers add are walked without edits here.
        const screens = (await menu.getByRole('menuitem').allTextContents()).map((t) => t.trim());
        expect(screens.length).toBeGreaterThan(0);
        for (const [i, screen] of screens.entries()) {
          await menu.getByRole('menuitem').nth(i).click();
          const main = page.getByRole('main', { name: screen });
          await main.waitFor();
          // A screen's code arrives when first opened: look at the screen, not at its loading space
          // (meanwhile React keeps the previous screen's tabs in the page, hidden).
          await main.getByTestId('screen-loading').waitFor({ state: 'detached' });
          problems.push(...(await look(page, account.role, screen, size)));
          seen.push(`${screen}@${size.width}`);
          for (const tab of (await tabsOf(main)).slice(1)) {
            await main.locator('.ant-tabs').first().getByRole('tab', { name: tab, exact: true }).click();
            problems.push(...(await look(page, account.role, `${screen}-${tab}`, size)));
            seen.push(`${screen}-${tab}@${size.width}`);
          }

          if (screen === '案件') {
            // The case drawer of the first case in the ledger.
            const row = main.locator('.ant-table-tbody tr.ant-table-row').first();
            await row.waitFor();
            await row.click();
            await page.locator('.ant-drawer-open').waitFor();
            problems.push(...(await look(page, account.role, '案件-案件详情', size)));
            seen.push(`案件详情@${size.width}`);
            await page.keyboard.press('Escape');
            await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
          }
          if (screen === '登记' && registers.has(account.role)) {
            // The registration with the 此前来访 panel filled by a returning petitioner's name.
            // A petitioner's row is one line: name, ID, phone, address and 代表 side by side.
            const top = (label: string) => page.getByLabel(label).evaluate((el) => el.getBoundingClientRect().top);
            const rowTops = [await top('信访人1姓名'), await top('信访人1住址'), await top('信访人1是代表')];
            if (Math.max(...rowTops) - Math.min(...rowTops) > 12)
              problems.push(
                `${account.role} 登记 ${size.width}x${size.height}: a petitioner's row takes more than one line`,
              );
            await page.getByLabel('信访人1姓名').fill(repeatName);
            await page.getByTestId('earlier').locator('.ant-table-row').first().waitFor();
            problems.push(...(await look(page, account.role, '登记-此前来访', size)));
            seen.push(`此前来访@${size.width}`);
            await page.getByLabel('信访人1姓名').fill('');
          }
          if (screen === '今日接访') {
            // The interview record, where the account may open one.
            const record = main.getByRole('button', { name: /^(接谈记录|开始接待)$/ }).first();
            const call = main.getByRole('button', { name: '叫下一位' }).first();
            if ((await record.count()) === 0 && (await call.count()) > 0 && (await call.isEnabled())) {
              await call.click();
              await record.waitFor();
            }
            if ((await record.count()) > 0 && (await record.isEnabled())) {
              await record.click();
              await page.locator('.ant-drawer-open').waitFor();
              problems.push(...(await look(page, account.role, '今日接访-接谈记录', size)));
              seen.push(`接谈记录@${size.width}`);
              await page.keyboard.press('Escape');
              await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
            }
          }
        }
        await page.close();
      }
      if (account.role === 'admin')
        for (const w of [1366, 1920])
          for (const part of ['案件详情', '此前来访', '接谈记录']) expect(seen).toContain(`${part}@${w}`);
      expect(problems).toEqual([]);
    }, 300_000);
});
