import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { one } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { chinaDay } from '../../shared/domain/calendar';
import { ADMIN, must, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

/** Counted in SQL here for this month to date, not by the app's query. */
const expected = { visits: 0, people: 0, leader: '', leaderAccepted: 0 };

interface VisitsRow {
  n: number;
  people: number;
}

interface TopLeaderRow {
  name: string;
  n: number;
}

describe('统计 in the browser, on the demo dataset', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    await must(core, 'admin')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
    const db = core.store.database;
    const today = chinaDay(new Date());
    const first = `${today.slice(0, 8)}01`;
    const row = one<VisitsRow>(
      db,
      'SELECT count(*) AS n, coalesce(sum(head_count), 0) AS people FROM visits WHERE date BETWEEN ? AND ?',
      first,
      today,
    )!;
    expected.visits = row.n;
    expected.people = row.people;
    const top = one<TopLeaderRow>(
      db,
      'SELECT l.name, count(*) AS n FROM cases c JOIN leaders l ON l.id = c.owning_leader_id WHERE c.accepted_on BETWEEN ? AND ? GROUP BY l.id ORDER BY n DESC, l.id LIMIT 1',
      first,
      today,
    );
    expected.leader = top?.name ?? '';
    expected.leaderAccepted = top?.n ?? 0;
    core.close();
  });

  it('shows this month’s figures as cards, charts and tables, and a figure opens the cases behind it', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1600, height: 1400 });
    await page.getByRole('menuitem', { name: '统计' }).click();
    // 统计's code (with the charts) arrives when first opened: look once it is there.
    await page.getByRole('main', { name: '统计' }).getByTestId('screen-loading').waitFor({ state: 'detached' });
    const card = (title: string) =>
      page
        .locator('.ant-statistic')
        .filter({ has: page.getByText(title, { exact: true }) })
        .locator('.ant-statistic-content');
    await expect.poll(() => card('来访批次').textContent()).toBe(String(expected.visits));
    expect(await card('来访人次').textContent()).toBe(String(expected.people));
    // The charts are drawn (SVG, so they print sharp).
    for (const chart of ['按周走势', '问题类别', '责任单位办理情况', '办理结果与满意度'])
      await expect
        .poll(() => page.getByRole('img', { name: chart }).locator('svg path').count(), { message: chart })
        .toBeGreaterThan(3);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'stats.png'), fullPage: true });
    // Printed, the page is the dashboard alone: no menu, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('menuitem', { name: '统计' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await card('来访批次').isVisible()).toBe(true);
    await page.pdf({ path: path.join(ARTIFACTS, 'stats-print.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    // This month's report, numbered, and the same figures as Excel.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '打印报告' }).click(),
    ]);
    const report = squash(pdfText(fs.readFileSync((await pdf.path())!)));
    expect(report).toContain(squash('来访批次'));
    expect(report).toMatch(/清信访报〔\d{4}〕[1-9]\d*号/);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    expect(expected.leaderAccepted).toBeGreaterThan(0);
    const leaderRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: expected.leader, exact: true }) })
      .first();
    await leaderRow.getByText(String(expected.leaderAccepted), { exact: true }).click();
    // 案件台账, filtered by that leader and this month's acceptance dates.
    await page.getByText(`共 ${expected.leaderAccepted} 件`).waitFor();
    expect(await page.locator('form').first().textContent()).toContain(expected.leader);
  });
});
