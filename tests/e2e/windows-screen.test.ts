import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, assignCase, mover, officeOnClock, registerVisit, saveUnit } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';
import type { Browser } from 'playwright-core';

/**
 * The case screen's review section on 27 November 2026: the 复查 is decided in the browser with
 * the day the petitioner received the opinion, and the 复核 window shows its paper, its first
 * and last day, rolled past Sunday 27 December.
 */
describe('the 复核 window on the case screen', () => {
  const tmp = tempDir();
  // Unset when beforeAll failed before starting them.
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  let caseNo = '';

  beforeAll(async () => {
    const { core, admin, day } = await officeOnClock(tmp.dir, '2026-09-01');
    const unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    const visitId = await registerVisit(admin, '欧阳明', '安置房逾期两年未交付');
    const created = await admin('cases.create', {
      visitId,
      title: '安置房逾期交付',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: false,
    });
    caseNo = created.caseNo;
    await assignCase(admin, created.caseId, unit);
    const move = mover(admin);
    await move(created.caseId, { move: 'receive', signedBy: '王建军' });
    await day('2026-10-20');
    await move(created.caseId, {
      move: 'close',
      findings: '经核实，安置房已完工。',
      outcome: 'support',
      basis: '《信访工作条例》第三十二条',
      answerDate: '2026-10-20',
      deliveredOn: null,
      answerWay: 'written_delivered',
      satisfaction: 'unsatisfied',
      stopped: false,
    });
    await day('2026-11-02');
    await move(created.caseId, { move: 'requestReview', requestedOn: '2026-11-02', body: '县人民政府' });
    core.close();
    preview = await startPreview(tmp.dir, { HALL_NOW: '2026-11-27T09:00+08:00' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  it('decides the 复查 with its delivery day and shows the 复核 window counted from it', async () => {
    const page = await loggedInPage(browser!, preview!, ADMIN, { width: 1366, height: 768 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByRole('row', { name: new RegExp(caseNo) }).click();
    const drawer = page.getByRole('dialog', { name: new RegExp(caseNo) });
    const form = page.getByRole('dialog', { name: new RegExp(`：${caseNo}`) });
    await drawer.getByRole('button', { name: '复查答复', exact: true }).click();
    await form.getByLabel('复查意见').fill('维持原处理意见。');
    // The form opens on the hall's day (the test clock), not the browser's.
    expect(await form.getByLabel('答复日期').inputValue()).toBe('2026-11-27');
    // Decided on the 24th, received by post on the 27th.
    await form.getByLabel('答复日期').fill('2026-11-24');
    await form.getByLabel('答复日期').press('Enter');
    await form.getByLabel('送达日期').fill('2026-11-27');
    await form.getByLabel('送达日期').press('Enter');
    await page.screenshot({ path: path.join(ARTIFACTS, 'windows-decide-review.png') });
    await form.getByRole('button', { name: '保存' }).click();
    const window = drawer.getByText(/应在收到复查意见之日/);
    await window.waitFor();
    expect(await window.textContent()).toBe(
      '应在收到复查意见之日（2026-11-27）起30日内申请（截至2026-12-28，原12月27日为星期日，顺延），剩31日',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'windows-case-review.png') });
  });
});
