import fs from 'node:fs';
import { addDaysIso, chinaDay } from '../../shared/domain/calendar';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, must, saveLeader, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('the hall display (/display) shows this week’s published schedule', () => {
  const tmp = tempDir();
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '自然资源', rank: '副县级' });
    // Every day of this week and next, whatever day the test runs.
    const day = (offset: number) => addDaysIso(chinaDay(new Date()), offset);
    const rule = await admin('roster.saveRule', {
      name: '每天',
      params: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '08:30',
      endTime: '11:30',
      form: 'regular',
      roomId: null,
      place: '信访接待大厅',
      leaderIds: [leader.id],
      validFrom: day(-8),
      validTo: null,
    });
    await admin('roster.generate', { ruleId: rule.id, from: day(-8), to: day(8) });
    preview = await startPreview(tmp.dir);
    browser = await launchBrowser();
    // The display shows nothing until the store is unlocked by a login at the counter.
    await loggedInPage(browser, preview, ADMIN);
    core.close();
  });
  afterAll(async () => {
    // beforeAll may have failed before starting them.
    const started: { browser?: Browser; preview?: RunningPreview } = { browser, preview };
    await started.browser?.close();
    await started.preview?.stop();
    tmp.cleanup();
  });

  it('lists the seven days of the week in large type with today marked, without a login', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const url = new URL(preview.url);
    url.pathname = '/display';
    await page.goto(url.toString());
    const board = page.getByTestId('display');
    await expect.poll(() => board.locator('tbody tr').count()).toBe(7);
    expect(await board.textContent()).toContain('吴晓喆');
    expect(await board.textContent()).toContain(ADMIN.officeName);
    expect(await board.locator('tr[data-today]').count()).toBe(1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'display.png') });
    await context.close();
  });
});
