// Issue 16, items 10 and 11: the wall grouped by room with a clock, a room's door screen that
// follows the calls, a chime on every call, and the booking dialog's warning on a day nobody
// receives; the end of the day for everyone left.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDaysIso, chinaDay, weekdayOf } from '../../shared/domain/calendar';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, dutyToday, must, registerVisit, saveLeader, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage, type RunningPreview } from '../helpers/preview';

/** A public screen, counting the chime's oscillators the page starts. */
async function screen(browser: Browser, preview: RunningPreview, pathname: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Asia/Shanghai' });
  await page.addInitScript(() => {
    const w = window as unknown as { __tones: number };
    w.__tones = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__tones += 1;
      return create.call(this);
    };
  });
  const url = new URL(preview.url);
  url.pathname = pathname;
  await page.goto(url.toString());
  return page;
}
const tones = (page: Page) => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

describe('the hall’s screens and the end of the day, in the browser', () => {
  const ids = { room: 0 };
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const wu = await saveLeader(admin, '吴晓喆');
    const li = await saveLeader(admin, '李卫国');
    await dutyToday(admin, wu.id);
    ids.room = value<number>(core.store.database, "SELECT id FROM rooms WHERE name = '第一接待室'")!;
    await registerVisit(admin, '欧阳明', '安置房逾期交付', { leaderId: wu.id });
    await registerVisit(admin, '张建华', '工资拖欠', { leaderId: wu.id });
    // A second room, free today: 李卫国 is not on duty and receives there (roster/rooms.ts).
    await admin('rooms.save', { name: '第二接待室', location: null, queuePrefix: 'C', active: true });
    await registerVisit(admin, '赵丽', '低保申请', { leaderId: li.id });
    core.close();
  });

  it('groups the wall by room with the clock, and the door screen follows a call with a chime', async () => {
    // The store opens with a login at the counter.
    const desk = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    const wall = await screen(ui.browser, ui.preview, '/display');
    const door = await screen(ui.browser, ui.preview, `/display/room/${ids.room}`);
    const room = wall.locator('[data-room="第一接待室"]');
    await expect.poll(() => room.getByTestId('room-waiting').textContent()).toBe('B001 欧*B002 张*');
    expect(await wall.locator('[data-room="第二接待室"]').getByTestId('room-waiting').textContent()).toBe('C001 赵*');
    expect(await room.getByTestId('room-current').textContent()).toBe('—');
    expect(await wall.getByTestId('hall-clock').textContent()).toMatch(/\d+月\d+日 星期.\d{2}:\d{2}/);

    expect(await door.getByTestId('door-room').textContent()).toBe('第一接待室');
    expect(await door.getByTestId('door-leaders').textContent()).toBe('接访领导：吴晓喆');
    expect(await door.getByTestId('door-current').textContent()).toBe('—');
    expect(await door.getByTestId('door-next').textContent()).toBe('B001 欧*B002 张*');

    await desk.getByRole('menuitem', { name: '今日接访' }).click();
    await desk.getByTestId('line-吴晓喆').getByRole('button', { name: '叫下一位' }).click();
    await expect.poll(() => door.getByTestId('door-current').textContent()).toBe('B001');
    expect(await door.getByTestId('door-next').textContent()).toBe('B002 张*');
    await expect.poll(() => room.getByTestId('room-current').textContent()).toBe('B001');
    // A chime on both screens, whether or not a Chinese voice is installed.
    await expect.poll(() => tones(wall)).toBeGreaterThanOrEqual(2);
    await expect.poll(() => tones(door)).toBeGreaterThanOrEqual(2);
    // Public screens: surnames only.
    for (const page of [wall, door]) {
      const text = (await page.textContent('body'))!;
      for (const full of ['欧阳明', '张建华', '赵丽']) expect(text).not.toContain(full);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await wall.screenshot({ path: path.join(ARTIFACTS, 'display-rooms.png') });
    await door.screenshot({ path: path.join(ARTIFACTS, 'display-door.png') });

    // A door screen for a room that does not exist, or a malformed address, says so.
    const none = await screen(ui.browser, ui.preview, '/display/room/999');
    expect(await none.getByTestId('door-error').textContent()).toBe('没有这个接待室。');
    const bad = await screen(ui.browser, ui.preview, '/display/room/abc');
    expect(await bad.getByTestId('door-error').textContent()).toContain('门口屏地址不正确');
    for (const p of [wall, door, none, bad, desk]) await p.close();
  });

  it('warns in the booking dialog on a day nobody receives, and closes the day for everyone left', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    const unreceived = page.locator('.ant-card').filter({ hasText: '今日未接待' });
    // The first row (B001, queued to 吴晓喆, who is on duty today only).
    await unreceived.getByRole('button', { name: '改为约访', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: /^约访 / });
    const today = chinaDay(new Date());
    let saturday = addDaysIso(today, 1);
    while (weekdayOf(saturday) !== 6) saturday = addDaysIso(saturday, 1);
    const pick = async (within: typeof dialog, text: string) => {
      const input = within.getByPlaceholder('请选择日期');
      await input.click();
      await input.fill(text);
      await input.press('Enter');
      await expect.poll(() => input.inputValue()).toBe(text);
    };
    await pick(dialog, `${saturday} 09:00`);
    await expect
      .poll(() => dialog.getByTestId('duty-warning').textContent())
      .toMatch(/星期六）是休息日，没有领导值班接访/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'book-no-duty.png') });
    // Today the chosen leader receives: no warning.
    await pick(dialog, `${today} 23:45`);
    await expect.poll(() => dialog.getByTestId('duty-warning').count()).toBe(0);
    await dialog.getByRole('button', { name: '取消' }).click();

    // The end-of-day dialog warns the same way: a working day without a roster.
    await unreceived.getByRole('button', { name: /日终处理/ }).click();
    const end = page.getByRole('dialog', { name: '日终处理：今日未接待的来访人' });
    const monday = addDaysIso(saturday, 2);
    await pick(end, `${monday} 09:00`);
    await expect
      .poll(() => end.getByTestId('duty-warning').textContent())
      .toMatch(/^\d+月\d+日（星期一）没有领导值班接访/);
    await end.getByText('全部结束今日来访（未接待离开）').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'end-of-day.png') });
    await end.getByRole('button', { name: /结束 \d+ 人的今日来访/ }).click();
    await page.getByText(/已结束今日来访 \d+ 人/).waitFor();
    await expect.poll(() => unreceived.getByText('今日来访人都已接待').count()).toBe(1);
    await page.close();
  });
});
