import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../shared/domain/id-number';
import { ADMIN, dutyToday, must, saveLeader, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const first17 = '33042419870315002';
const ID = first17 + idCheckChar(first17);

async function focused(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null,
  );
}

describe('a day at the counter, in the browser', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await dutyToday(admin, leader.id);
    core.close();
  });

  it('registers a group of 7 with the keyboard, is stopped until a representative is named, and the number shows on /display when called', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1500, height: 1000 });
    await page.getByRole('menuitem', { name: '登记' }).click();
    await expect.poll(() => focused(page)).toBe('信访人1姓名');

    // Keyboard only from here: type, Tab to the next field, Enter to save.
    await page.keyboard.type('𠮷春燕');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ID);
    await page.keyboard.press('Tab');
    await page.keyboard.type('13905731234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('清河县城关镇前进村3组18号');
    await page.keyboard.press('Tab'); // 代表 (left unticked for now)
    await page.keyboard.press('Tab'); // 添加信访人
    await page.keyboard.press('Tab'); // 来访人数
    expect(await focused(page)).toBe('来访人数');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Tab'); // 问题类别
    await page.keyboard.type('城乡建设');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('问题类别').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Tab'); // 问题属地
    await page.keyboard.press('Tab'); // 接访领导
    await page.keyboard.press('Tab'); // 诉求
    expect(await focused(page)).toBe('诉求');
    await page.keyboard.type('安置房逾期未交付，请求明确交房时间');
    // The earlier-visits panel answered while the ID number was typed (a first visit: none).
    expect(await page.getByTestId('earlier').textContent()).toContain('输入身份证号');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('rule-error').textContent())
      .toContain('7人集体来访，请推选不超过5名代表后再排队');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-form.png') });

    // Back to the 代表 box (Shift+Tab), tick it with Space, forward to 诉求, Enter.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('信访人1是代表');
    await page.keyboard.press('Space');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('诉求');
    await page.keyboard.press('Enter');
    const title = (await page.getByTestId('registered').locator('.ant-result-title').textContent())!;
    const code = /排队号 (B\d{3})/.exec(title)![1]!;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'registered.png') });

    // The leader's line calls the number; the wall screen shows it.
    const wall = await ui.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const url = new URL(ui.preview.url);
    url.pathname = '/display';
    await wall.goto(url.toString());
    await expect.poll(() => wall.getByTestId('waiting').textContent()).toContain(`${code} 𠮷*`);
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    await page.getByTestId('line-吴晓喆').getByRole('button', { name: '叫下一位' }).click();
    await expect.poll(() => wall.getByTestId('calling').textContent()).toContain(code);
    expect(await wall.getByTestId('calling').textContent()).toContain('第一接待室');
    expect(await wall.textContent('body')).not.toContain('𠮷春燕');
    await wall.screenshot({ path: path.join(ARTIFACTS, 'display-calling.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'today.png') });
  });

  it('keeps the interview record as it is typed: a reload loses nothing, and the ended record prints', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1500, height: 1000 });
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    await page.getByTestId('line-吴晓喆').getByRole('button', { name: '开始接待' }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByLabel('参加人员1姓名').inputValue()).toBe('吴晓喆');
    expect(await drawer.getByLabel('参加人员2姓名').inputValue()).toBe(ADMIN.displayName);
    await expect.poll(() => focused(page)).toBe('第1段');
    await page.keyboard.type('安置房已经逾期两年，一直没有交房。');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => focused(page)).toBe('第2段');
    // The next paragraph is given to the other side of the table.
    expect(await drawer.getByLabel('第2段说话人').evaluate((el) => el.closest('.ant-select')?.textContent)).toBe(
      '领导',
    );
    await page.keyboard.type('我们请住建局核实工期，十五个工作日内给您答复。');
    await expect.poll(() => page.getByTestId('interview-save-status').textContent()).toMatch(/已自动保存/);

    // The window is closed (here: reloaded) mid-interview; the record is all there.
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    await page.getByTestId('line-吴晓喆').getByRole('button', { name: '接谈记录' }).click();
    await expect
      .poll(() => drawer.getByLabel('第2段', { exact: true }).inputValue())
      .toBe('我们请住建局核实工期，十五个工作日内给您答复。');
    expect(await drawer.getByLabel('第1段', { exact: true }).inputValue()).toBe('安置房已经逾期两年，一直没有交房。');

    await drawer.getByRole('button', { name: '结束接谈' }).click();
    await page.getByText('结束接谈前请选择处理方式').first().waitFor();
    await drawer.getByLabel('领导意见').fill('交住建局核实办理，按期答复。');
    await drawer.getByText('交办责任单位').click();
    await drawer.getByRole('button', { name: '结束接谈' }).click();
    await drawer.getByText(/接谈已于 .* 结束，记录已固定/).waitFor();
    expect(await drawer.getByLabel('第1段', { exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'interview-record.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('button', { name: '打印接谈记录' }).click(),
    ]);
    const text = squash(pdfText(fs.readFileSync((await download.path())!)));
    expect(text).toContain(squash('我们请住建局核实工期，十五个工作日内给您答复。'));
    expect(text).toContain(squash('交住建局核实办理，按期答复。'));
  });
});
