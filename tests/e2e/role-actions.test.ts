// Role-aware screens (issue 16, items 2 and 3): each role logs in on the demo data at 1366×768,
// opens every screen its menu offers and every tab on it, clicks every action button it sees
// (dialogs opened and cancelled), opens a case from 案件 and clicks what its drawer offers; the
// test fails on any FORBIDDEN answer reaching the page, and on any refusal shown on screen.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { one, value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import type { Role } from '../../shared/domain/roles';
import { ADMIN, loginAsNew, must, newPasswordOf, registerVisit, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const ACCOUNTS = {
  operator: { username: 'desk', displayName: '赵接待', password: 'operator pass 1' },
  leader: { username: 'lead', displayName: '钱领导', password: 'leader pass 1' },
  archivist: { username: 'files', displayName: '孙档案', password: 'archivist pw 1' },
};

/** What each role's menu holds: the screens whose calls the contract lets it make. */
const MENUS: Record<Role, string[]> = {
  operator: ['今日接访', '登记', '受理告知', '督办', '案件', '统计', '排班', '档案', '设置'],
  leader: ['今日接访', '受理告知', '督办', '案件', '统计', '排班', '档案', '设置'],
  archivist: ['今日接访', '案件', '统计', '排班', '档案', '设置'],
  admin: ['今日接访', '登记', '受理告知', '督办', '案件', '统计', '排班', '档案', '设置'],
};

/**
 * Buttons not clicked: they leave the page or the session (退出), destroy or replace data
 * (删除, 停用, 恢复, 重新加密, 导入), ask the system for a file or a printer (a native dialog no
 * test can close), or take long for nothing this test looks at (备份, 生成值班). The drawer's close
 * button is pressed by the test itself at the end.
 */
const SKIP =
  /^(退出|删除|停用|从备份恢复|恢复|重新加密|导入|选择文件|添加字体|添加附件|打印$|.*备份|生成值班|关闭|Close$)/;

const names = { leaderA: '', leaderB: '' };
/** Buttons tagged so far: each tag names one button. */
let probes = 0;

describe('role × action: every visible action on every screen, as every role', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
    const db = core.store.database;
    // The leader account acts for the demo leader who owns the most cases; B is another leader.
    const a = value<number>(
      db,
      'SELECT owning_leader_id FROM cases WHERE owning_leader_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    )!;
    const b = one<{ id: number; name: string }>(db, 'SELECT id, name FROM leaders WHERE id <> ? AND active = 1', a)!;
    names.leaderA = value<string>(db, 'SELECT name FROM leaders WHERE id = ?', a)!;
    names.leaderB = b.name;
    for (const [role, account] of Object.entries(ACCOUNTS)) {
      await admin('accounts.create', {
        ...account,
        role: role as Role,
        leaderId: role === 'leader' ? a : null,
      });
      // The first password is replaced as the router requires; the browser logs in with the new one.
      await loginAsNew(core, role, account);
    }
    // Today's lines: two waiting for each leader, so 叫下一位 has someone to call.
    for (const [leaderId, who] of [
      [a, '周晓梅'],
      [a, '吴国强'],
      [b.id, '郑玉兰'],
      [b.id, '冯建华'],
    ] as const)
      await registerVisit(admin, who, '宅基地界址纠纷，请求重新确权', { leaderId });
    core.close();
  });

  /** Logs in as a role and keeps every FORBIDDEN answer the page receives. */
  async function openAs(role: Role) {
    const creds =
      role === 'admin' ? ADMIN : { username: ACCOUNTS[role].username, password: newPasswordOf(ACCOUNTS[role]) };
    const page = await loggedInPage(ui.browser, ui.preview, creds, { width: 1366, height: 768 });
    const refused: string[] = [];
    const reading: Promise<void>[] = [];
    /** Calls in flight, with when each started. */
    const pending = new Map<object, number>();
    const isCall = (url: string) => {
      const p = new URL(url).pathname;
      return p.startsWith('/api/') && p !== '/api/events';
    };
    page.on('request', (r) => void (isCall(r.url()) && pending.set(r, Date.now())));
    page.on('requestfailed', (r) => void pending.delete(r));
    page.on('response', (response) => {
      if (!isCall(response.url())) return;
      reading.push(
        response
          .json()
          .then((body: { ok: boolean; error?: { code: string; message: string } }) => {
            if (!body.ok && body.error?.code === 'FORBIDDEN')
              refused.push(`${decodeURIComponent(new URL(response.url()).pathname.slice(5))}: ${body.error.message}`);
          })
          .catch(() => {})
          .finally(() => pending.delete(response.request())),
      );
    });
    /**
     * Waits until the page is quiet for two looks in a row (a click's calls may start a moment
     * later). A call still running after 1.5 s has passed the router's role and scope checks, which
     * come before any work: it is not waited for here (a PDF takes seconds on a loaded machine),
     * and its answer is still read before the tour's verdict (`done`).
     */
    const settle = async () => {
      let quiet = 0;
      for (let i = 0; i < 100 && quiet < 2; i++) {
        await page.waitForTimeout(40);
        const busy = [...pending.values()].some((at) => Date.now() - at < 1500);
        quiet = busy ? 0 : quiet + 1;
      }
    };
    const done = async () => {
      await expect.poll(() => pending.size, { timeout: 60_000 }).toBe(0);
      await Promise.all(reading);
    };
    return { page, refused, settle, done };
  }

  /** Every dialog on the page (a drawer is one too). */
  const dialogs = (page: Page) => page.locator('[role="dialog"]:visible');

  /**
   * Clicks each visible, enabled button in `root` once by its text (a table's 通知书 on every row
   * is one action), closing what a click opens; returns what it clicked.
   */
  async function clickEach(page: Page, root: Locator, settle: () => Promise<void>): Promise<string[]> {
    const clicked: string[] = [];
    for (let round = 0; round < 80; round++) {
      const tag = `probe-${++probes}`;
      const name = await root.evaluate(
        (el, { done, skip, tag }) => {
          const re = new RegExp(skip);
          for (const b of el.querySelectorAll<HTMLButtonElement>('button')) {
            const box = b.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || b.disabled || b.getAttribute('aria-disabled') === 'true')
              continue;
            // Not actions: a field's own parts (a date's clear cross), tab headers, drop-downs.
            if (
              b.closest(
                '[aria-hidden="true"], .ant-tabs-nav, .ant-picker, .ant-picker-dropdown, .ant-select, .ant-select-dropdown',
              )
            )
              continue;
            const text = (b.innerText || b.getAttribute('aria-label') || '').replace(/\s+/g, '');
            if (!text || done.includes(text) || re.test(text)) continue;
            b.setAttribute('data-probe', tag);
            return text;
          }
          return null;
        },
        { done: clicked, skip: SKIP.source, tag },
      );
      if (name === null) return clicked;
      clicked.push(name);
      if (process.env.ROLE_TRACE) console.log(Date.now() % 100000, name);
      const before = await dialogs(page).count();
      await page.locator(`[data-probe="${tag}"]`).click();
      await settle();
      // Cancel what the click opened.
      for (let i = 0; i < 3 && (await dialogs(page).count()) > before; i++) {
        await page.keyboard.press('Escape');
        await settle();
      }
      expect(await dialogs(page).count(), `a dialog left open by ${name}`).toBeLessThanOrEqual(before);
    }
    return clicked;
  }

  /** Text on the page that says a call was refused. */
  const REFUSAL_TEXT = /无权进行此操作|只能查看和办理本人包案/;

  async function tour(role: Role) {
    const { page, refused, settle, done } = await openAs(role);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const menu = page.getByRole('menu', { name: '主导航' });
    await settle();
    const offered = await menu.getByRole('menuitem').allInnerTexts();
    expect(offered.map((t) => t.trim())).toEqual(MENUS[role]);
    const clicked: string[] = [];
    for (const screen of MENUS[role]) {
      await menu.getByRole('menuitem', { name: screen }).click();
      const main = page.getByRole('main', { name: screen });
      await main.waitFor();
      // A screen's code arrives when first opened: act on the screen, not on its loading space.
      await main.getByTestId('screen-loading').waitFor({ state: 'detached' });
      await settle();
      await page.screenshot({ path: path.join(ARTIFACTS, `role-${role}-${screen}.png`) });
      const tabs = await main.getByRole('tab').allInnerTexts();
      for (const tab of tabs.length > 0 ? tabs : [null]) {
        if (tab !== null) {
          await main.getByRole('tab', { name: tab, exact: true }).click();
          await settle();
        }
        const here = `${screen}${tab ? `›${tab}` : ''}`;
        expect(await main.innerText(), here).not.toMatch(REFUSAL_TEXT);
        clicked.push(...(await clickEach(page, main, settle)).map((b) => `${here}›${b}`));
        expect(refused, `refused on ${here}`).toEqual([]);
        expect(await main.innerText(), here).not.toMatch(REFUSAL_TEXT);
      }
      if (screen === '今日接访') await checkQueue(role, main);
      if (screen === '案件') clicked.push(...(await openCase(role, page, main, settle)));
    }
    await done();
    expect(refused).toEqual([]);
    await page.close();
    return clicked;
  }

  /** The line buttons: the desk calls every line, a leader only their own, the archivist none. */
  async function checkQueue(role: Role, main: Locator) {
    const lineA = main.getByTestId(`line-${names.leaderA}`);
    const lineB = main.getByTestId(`line-${names.leaderB}`);
    await lineA.waitFor();
    if (role === 'leader') expect(await lineB.count(), "another leader's line shown to a leader").toBe(0);
    else await lineB.waitFor();
    const calls = await main.getByRole('button', { name: '叫下一位' }).count();
    expect(calls, `叫下一位 offered to ${role}`).toBe(role === 'archivist' ? 0 : role === 'leader' ? 1 : 2);
    if (role === 'archivist') {
      expect(await main.getByText('约访提醒').count()).toBe(0);
      expect(await main.getByText('今日未接待').count()).toBe(0);
    }
  }

  /** 案件 → a row opens the case read for this role, with what the role may do on it. */
  async function openCase(role: Role, page: Page, main: Locator, settle: () => Promise<void>): Promise<string[]> {
    const row = main.locator('.ant-table-tbody tr.ant-table-row').first();
    const caseNo = (await row.locator('td').first().innerText()).trim();
    await row.click();
    const drawer = page.getByRole('dialog', { name: new RegExp(caseNo) });
    await drawer.getByText('办理经过').waitFor();
    await settle();
    await page.screenshot({ path: path.join(ARTIFACTS, `role-${role}-case.png`) });
    expect(await drawer.innerText()).not.toMatch(REFUSAL_TEXT);
    // The archivist reads, prints the folder and moves nothing; the others see their moves.
    if (role === 'archivist') {
      await drawer.getByText('一案一卷').waitFor();
      expect(await drawer.getByRole('button', { name: /交办|签收|督办|延期|办结|回访|约访|包案责任书/ }).count()).toBe(
        0,
      );
      expect(await drawer.getByRole('button', { name: /显示完整/ }).count()).toBe(0);
    }
    const clicked = await clickEach(page, drawer, settle);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    return clicked.map((b) => `案件›${caseNo}›${b}`);
  }

  // One role after another: side by side, four pages on a 2-core machine time out.
  it.each(['operator', 'leader', 'archivist', 'admin'] as const)(
    'as %s: no action on any screen is refused',
    async (role) => {
      const clicked = await tour(role);
      // The tour did click: the screens' own actions, not only the menu.
      expect(clicked.length).toBeGreaterThan(role === 'archivist' ? 8 : 15);
    },
    180_000,
  );
});
