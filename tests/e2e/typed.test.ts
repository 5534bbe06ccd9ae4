// Nothing typed is lost, and every refusal is Chinese and at its field (issue 16, items 1 and 7),
// in the browser against the built preview host.
import fs from 'node:fs';
import path from 'node:path';
import type { Dialog, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  assignCase,
  createCase,
  dutyToday,
  must,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const TURN = '安置房已经逾期两年，一直没有交房，请领导帮忙协调。';
const LATIN = /[A-Za-z]/;

describe('what is typed, in the browser', () => {
  let caseNo = '';
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await saveLeader(admin, '林海堃', { portfolio: '农业农村', rank: '副县级' });
    const unit = await saveUnit(admin, '县住房和城乡建设局', '王建军');
    await dutyToday(admin, leader.id);
    // Two visitors in 吴晓喆's line: the first is called to the desk, the second waits.
    await registerVisit(admin, '欧阳春燕', '安置房逾期交付', { leaderId: leader.id });
    await registerVisit(admin, '周建国', '拖欠工资', { leaderId: leader.id });
    await admin('queue.call', { leaderId: leader.id });
    // A case assigned to a unit, for the extension.
    const visitId = await registerVisit(admin, '李秀英', '道路破损');
    const caseId = await createCase(admin, visitId, '道路破损', leader.id);
    await assignCase(admin, caseId, unit.id);
    caseNo = (await admin('cases.get', { caseId })).caseNo;
    core.close();
  });

  const openLine = async (page: Page) => {
    await page.getByRole('menuitem', { name: '今日接访' }).click();
    return page.getByTestId('line-吴晓喆');
  };

  it('keeps the turn typed beside an empty participant row when the tab is closed mid-typing, and marks the row', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await (await openLine(page)).getByRole('button', { name: '开始接待' }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByLabel('参加人员2姓名').inputValue()).toBe(ADMIN.displayName);
    await drawer.getByRole('button', { name: '添加参加人员' }).click();
    // The new row has no name: marked red at its own field, with the Chinese message.
    await drawer.getByTestId('participant-3-error').waitFor();
    expect(await drawer.getByLabel('参加人员3姓名').getAttribute('aria-invalid')).toBe('true');
    expect(await drawer.getByTestId('participant-3-error').textContent()).toContain('请填写参加人员姓名');

    // Type the turn and close the tab at once, well inside the autosave's pause.
    await drawer.getByLabel('第1段', { exact: true }).click();
    await page.keyboard.type(TURN);
    // Headless Chromium may close without showing the question; accept it if it is asked.
    page.on('dialog', (dialog: Dialog) => void dialog.accept());
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;

    // Reopened: the turn is there, and the empty row is still there, still marked.
    const again = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await (await openLine(again)).getByRole('button', { name: '接谈记录' }).click();
    const reopened = again.getByRole('dialog');
    await expect.poll(() => reopened.getByLabel('第1段', { exact: true }).inputValue()).toBe(TURN);
    expect(await reopened.getByLabel('参加人员3姓名').inputValue()).toBe('');
    await reopened.getByTestId('participant-3-error').waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await again.screenshot({ path: path.join(ARTIFACTS, 'interview-draft-row.png') });

    // The page holds a close while a turn is typed and not yet saved, and lets it go once saved.
    const holdsClose = () =>
      again.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    await reopened.getByLabel('第1段', { exact: true }).press('End');
    await again.keyboard.type('已经找过住建局。');
    expect(await holdsClose()).toBe(true);
    await expect.poll(() => again.getByTestId('interview-save-status').textContent()).toMatch(/已自动保存/);
    expect(await holdsClose()).toBe(false);

    // The record cannot end with the draft row; named, it ends.
    await reopened.getByText('解释说明（法律政策）').click();
    await reopened.getByRole('button', { name: '结束接谈' }).click();
    await again.getByText('结束接谈前请填写参加人员姓名，或移除未填写的行').first().waitFor();
    await reopened.getByLabel('参加人员3姓名').fill('县住建局 王建军');
    expect(await reopened.getByTestId('participant-3-error').count()).toBe(0);
    await reopened.getByRole('button', { name: '结束接谈' }).click();
    await reopened.getByText(/接谈已于 .* 结束，记录已固定/).waitFor();
    await again.close();
  });

  it('shows a missing transfer reason at its field, and clears it when the reason is typed', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    const line = await openLine(page);
    // The visitor of the interview above leaves; the next one is called.
    await line.getByRole('button', { name: '办结' }).click();
    await line.getByRole('button', { name: '叫下一位' }).click();
    await line.getByRole('button', { name: '转交' }).click();
    const modal = page.getByRole('dialog', { name: /转交/ });
    await modal.getByLabel('转交给').click();
    await page.getByTitle(/林海堃/).click();
    await modal.getByRole('button', { name: '转交', exact: true }).click();
    const error = modal.locator('.ant-form-item-explain-error');
    await expect.poll(() => error.allTextContents()).toEqual(['请写明转交原因']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'transfer-reason-error.png') });
    // Corrected: the refusal goes as the reason is typed, before anything is sent again.
    await modal.getByLabel('转交原因').fill('信访人要求由分管农业的领导接待');
    await expect.poll(() => error.count()).toBe(0);
    await modal.getByRole('button', { name: '转交', exact: true }).click();
    await expect.poll(() => modal.isVisible()).toBe(false);
    await page.close();
  });

  it('refuses an extension of 45 days at the field in Chinese, keeps the 45 as typed, and takes 30', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByRole('row', { name: new RegExp(caseNo) }).click();
    const drawer = page.getByRole('dialog', { name: new RegExp(caseNo) });
    const form = page.getByRole('dialog', { name: new RegExp(`：${caseNo}`) });
    await drawer.getByRole('button', { name: '延期', exact: true }).click();
    const days = form.getByLabel('延长天数', { exact: true });
    await days.fill('45');
    await form.getByLabel(/延期理由/).fill('需等待施工方重新出具工期计划');
    await form.getByRole('button', { name: /保存并打印/ }).click();
    const error = form.locator('.ant-form-item-explain-error');
    await expect.poll(() => error.allTextContents()).toEqual(['延长天数不能大于30']);
    // Not clamped: the field still says 45 after leaving it, and nothing was saved.
    await form.getByLabel(/延期理由/).click();
    expect(await days.inputValue()).toBe('45');
    expect((await error.allTextContents()).join('')).not.toMatch(LATIN);
    await page.screenshot({ path: path.join(ARTIFACTS, 'extension-45-refused.png') });
    await days.fill('30');
    await expect.poll(() => error.count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: /保存并打印/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await drawer.getByText('已延期').first().waitFor();
    await page.close();
  });
});
