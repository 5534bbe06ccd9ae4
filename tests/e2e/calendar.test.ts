import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, must, testCore } from '../helpers/core';
import { hall, passwordFile } from '../helpers/cli';
import { launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('calendar: the CLI and 排班 › 节假日', () => {
  const tmp = tempDir();
  let pw: string;

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    await must(core, 'setup')('setup.init', ADMIN);
    core.close();
    pw = passwordFile(tmp.dir, ADMIN.password);
  });
  afterAll(() => tmp.cleanup());

  it('prints one ISO date or true/false per command, with usage errors for bad input', () => {
    expect(hall(tmp.dir, ['calendar', 'add-working-days', '--from', '2026-09-29', '--days', '15']).out).toBe(
      '2026-10-26\n',
    );
    expect(hall(tmp.dir, ['calendar', 'add-days', '--from', '2025-12-18', '--days', '60', '--roll-forward']).out).toBe(
      '2026-02-24\n',
    );
    expect(hall(tmp.dir, ['calendar', 'add-days', '--from', '2025-12-18', '--days', '60']).out).toBe('2026-02-16\n');
    expect(hall(tmp.dir, ['calendar', 'is-working-day', '2026-10-10']).out).toBe('true\n');
    expect(hall(tmp.dir, ['calendar', 'is-working-day', '2026-10-05']).out).toBe('false\n');
    const future = hall(tmp.dir, ['calendar', 'add-working-days', '--from', '2026-12-28', '--days', '10']);
    expect(future.code).toBe(0);
    expect(future.err).toMatch(/2027年尚无官方节假日安排/);
    expect(hall(tmp.dir, ['calendar', 'add-days', '--from', '2026-02-30', '--days', '1']).code).toBe(2);
    expect(hall(tmp.dir, ['calendar', 'add-days', '--from', '2026-02-03', '--days', 'x']).code).toBe(2);
    expect(hall(tmp.dir, ['calendar', 'next-week']).code).toBe(2);
  });

  describe('in the browser', () => {
    // Unset in afterAll when beforeAll failed before starting them.
    let preview: RunningPreview | undefined;
    let browser: Browser | undefined;
    let page: Page;
    beforeAll(async () => {
      preview = await startPreview(tmp.dir);
      browser = await launchBrowser();
      page = await loggedInPage(browser, preview, ADMIN);
      await page.getByRole('menuitem', { name: '排班' }).click();
      await page.getByRole('tab', { name: '节假日' }).click();
    });
    afterAll(async () => {
      await browser?.close();
      await preview?.stop();
    });

    async function compute(from: string, days: number) {
      await page.getByLabel('起算日期').fill(from);
      await page.keyboard.press('Enter');
      await page.getByLabel('天数').fill(String(days));
      await page.getByRole('button', { name: '计算' }).click();
    }

    it('warns about 2027, takes the 2027 New Year notice, and then counts it', async () => {
      await compute('2026-12-30', 2);
      await expect
        .poll(() => page.getByTestId('deadline').textContent())
        .toMatch(/2027年1月1日.*2027年尚无官方节假日安排/);
      for (const day of ['2027-01-01', '2027-01-02', '2027-01-03']) {
        await page.getByLabel('调整日期').fill(day);
        await page.keyboard.press('Enter');
        await page.getByLabel('调整名称').fill('元旦');
        await page.getByRole('button', { name: '添加' }).click();
        await page.getByRole('cell', { name: new RegExp(day) }).waitFor();
      }
      await compute('2026-12-30', 2);
      await expect.poll(() => page.getByTestId('deadline').textContent()).toMatch(/^2027年1月4日 星期一$/);
      // The CLI with credentials uses the same entries.
      expect(
        hall(tmp.dir, [
          'calendar',
          'add-working-days',
          '--from',
          '2026-12-30',
          '--days',
          '2',
          '--user',
          ADMIN.username,
          '--password-file',
          pw,
        ]).out,
      ).toBe('2027-01-04\n');
    });
  });
});
