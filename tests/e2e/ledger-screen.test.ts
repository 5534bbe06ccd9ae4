import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { one, value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { chinaDay } from '../../shared/domain/calendar';
import { LEDGER_COUNT_CAP } from '../../shared/domain/ledger';
import { ADMIN, must, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

/** What the demo database holds, counted in SQL here, not by the app's query. */
const expected = {
  leader: '',
  leaderCases: 0,
  total: 0,
  overdue: 0,
  earliestDeadline: '',
  word: '',
  wordCase: '',
  place: '',
  placeCases: 0,
};

interface WordCaseRow {
  case_no: string;
  demand: string;
}

interface TopLeaderRow {
  name: string;
  n: number;
}

describe('案件台账 in the browser, on the demo dataset', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    await must(core, 'admin')('setup.init', ADMIN);
    // The demo's month ends six weeks ago, so some of its cases are past their deadlines today.
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date(Date.now() - 42 * 86400_000));
    const db = core.store.database;
    // Imported history, closed: more cases than a search counts (LEDGER_COUNT_CAP).
    const person = db.prepare('SELECT petitioner_id FROM cases LIMIT 1').pluck().get();
    const insert = db.prepare(
      "INSERT INTO cases (case_no, petitioner_id, title, demand, accepted_on, deadline_rule, deadline_on, deadline_basis, status) VALUES (?, ?, '历史导入', '历史导入的旧事项', '2019-01-01', 'answer_60_days', '2019-03-01', '{}', 'closed')",
    );
    db.transaction(() => {
      for (let i = 0; i <= LEDGER_COUNT_CAP; i++) insert.run(`HIS${i}`, person);
    })();
    const today = chinaDay(new Date());
    expected.total = value<number>(db, 'SELECT count(*) AS n FROM cases')!;
    expected.overdue = value<number>(
      db,
      "SELECT count(*) AS n FROM cases WHERE status IN ('accepted', 'assigned', 'received', 'extended', 'in_review', 'in_rereview') AND deadline_on < ?",
      today,
    )!;
    expected.earliestDeadline = value<string>(db, 'SELECT min(deadline_on) AS d FROM cases')!;
    // A word of four characters from the middle of one case's demand, and its first two characters.
    const c = one<WordCaseRow>(db, 'SELECT case_no, demand FROM cases WHERE length(demand) >= 12 ORDER BY id LIMIT 1')!;
    expected.word = c.demand.slice(4, 8);
    expected.wordCase = c.case_no;
    expected.place = c.demand.slice(0, 2);
    expected.placeCases = value<number>(
      db,
      'SELECT count(*) AS n FROM cases WHERE instr(demand, ?) > 0 OR instr(title, ?) > 0',
      expected.place,
      expected.place,
    )!;
    const top = one<TopLeaderRow>(
      db,
      'SELECT l.name, count(*) AS n FROM cases c JOIN leaders l ON l.id = c.owning_leader_id GROUP BY l.id ORDER BY n DESC LIMIT 1',
    )!;
    expected.leader = top.name;
    expected.leaderCases = top.n;
    core.close();
  });

  it('sorts by a column, narrows by overdue and by words (two characters too), refuses one, and exports what it shows', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1600, height: 1000 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByText(`共 ${expected.total} 件`).waitFor();

    // Sort by deadline, earliest first: the first row holds the earliest deadline of all.
    await page.getByRole('columnheader', { name: '办理期限' }).click();
    await expect
      .poll(() => page.locator('.ant-table-tbody tr.ant-table-row').first().textContent())
      .toContain(expected.earliestDeadline);

    expect(expected.overdue).toBeGreaterThan(0);
    await page.getByLabel('只看超期').check();
    await page.getByText(`共 ${expected.overdue} 件`).waitFor();
    await page.getByLabel('只看超期').uncheck();
    await page.getByText(`共 ${expected.total} 件`).waitFor();

    // One character is refused at the field, and the list stays as it was.
    await page.getByLabel('全文检索').fill('房');
    await page.getByLabel('全文检索').press('Enter');
    await page.getByText('每个检索词至少输入2个字').waitFor();
    expect(await page.getByText(`共 ${expected.total} 件`).count()).toBe(1);

    await page.getByLabel('全文检索').fill(expected.word);
    await page.getByLabel('全文检索').press('Enter');
    await expect.poll(() => page.locator('.ant-table-tbody').textContent()).toContain(expected.wordCase);
    await page.getByLabel('全文检索').fill(expected.place);
    await page.getByLabel('全文检索').press('Enter');
    // Trigram search cannot find two characters; the fallback does, in demands and in records.
    await expect
      .poll(async () =>
        Number(/共 (\d+) 件/.exec((await page.locator('.ant-pagination').textContent()) ?? '')?.[1] ?? 0),
      )
      .toBeGreaterThanOrEqual(expected.placeCases);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledger.png') });
    const shown = Number(/共 (\d+) 件/.exec((await page.locator('.ant-pagination').textContent())!)![1]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    const header = sheet.getRow(sheet.actualRowCount - shown).values as unknown[];
    expect(header).toEqual(
      expect.arrayContaining(['案件编号', '受理日期', '信访人', '包案领导', '责任单位', '状态', '办理期限']),
    );
  });

  it('says 超过 1000 件 for a search that matches more, and pages through those', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByText(`共 ${expected.total} 件`).waitFor();
    await page.getByLabel('全文检索').fill('历史导入');
    await page.getByLabel('全文检索').press('Enter');
    await page.getByText(`超过 ${LEDGER_COUNT_CAP} 件，可增加检索词缩小范围`).waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody').textContent()).toContain('HIS');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledger-search-capped.png') });
    // The last page of the 1,000 is full.
    await page.locator('.ant-pagination-item').last().click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(50);
  });

  it("prints a leader's quarterly report of unsettled cases from the ledger filtered by that leader", async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1600, height: 1000 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByLabel('按包案领导筛选').click();
    await page.getByTitle(expected.leader).click();
    await page.getByText(`共 ${expected.leaderCases} 件`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '打印包案季度报告' }).click(),
    ]);
    const text = squash(pdfText(fs.readFileSync((await download.path())!)));
    expect(text).toContain(squash('包案信访事项办理情况季度报告'));
    expect(text).toContain(squash(expected.leader));
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledger-leader.png') });
  });

  it('invites the petitioner of an open case to see a leader, prints the notice and lists it with the case', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1600, height: 1000 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByLabel('按状态筛选').click();
    await page.getByTitle('已签收').click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().click();
    const drawer = page.getByRole('dialog').filter({ has: page.getByText('办理经过') });
    await drawer.getByRole('button', { name: /^约\s?访$/ }).click();
    const form = page.getByRole('dialog', { name: /^约访 / });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: /^约\s?访$/ }).click(),
    ]);
    expect(squash(pdfText(fs.readFileSync((await download.path())!)))).toContain(squash('约访通知书'));
    await drawer.getByText(/约访：[^，]+，信访接待大厅$/).waitFor();
    await drawer.getByRole('row', { name: /约访通知书/ }).waitFor();
  });
});
