// The ID card reader at the counter (issue 19), in the browser: the preview host loads the SDK's C
// test double through koffi (settings point at it); 读卡 and the automatic read fill the
// registration form; a reader that fails to open, a card removed mid-read and an expired card
// each show their message and leave the typed form alone.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SDK_MESSAGES } from '../../electron/core/card/sdk-driver';
import { ADMIN, dutyToday, must, saveLeader, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';
import { modeFile, termbDouble } from '../helpers/termb';
import { tempDir } from '../helpers/tmp';

const built = termbDouble();
if (!built.file) console.warn(`card reader browser test skipped: ${built.reason}`);

const value = (page: Page, label: string) => page.getByLabel(label).inputValue();

(built.file ? describe : describe.skip)('registration from the ID card reader, in the browser', () => {
  const modes = tempDir();
  const mode = modeFile(modes.dir);
  // The preview host inherits the environment: the double reads its behaviour from this file.
  process.env.TERMB_DOUBLE_MODE_FILE = mode.file;
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { cardReaderDriver: 'sdk', cardReaderLibrary: built.file!, cardReaderPort: 0 });
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await dutyToday(admin, leader.id);
    core.close();
  });

  it('shows each failure without touching typed text, then fills from the card and registers it as 身份证读取', async () => {
    mode.set('open-fail');
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByLabel('信访人1姓名').fill('王五');
    await page.getByLabel('信访人1住址').fill('城关镇前进村');
    // The automatic read finds the reader will not open.
    await expect
      .poll(() => page.getByTestId('card-error').textContent())
      .toContain(SDK_MESSAGES.openFailed('USB 1001–1016'));
    expect(await value(page, '信访人1姓名')).toBe('王五');

    mode.set('removed');
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('card-error').textContent()).toContain(SDK_MESSAGES.removed);
    mode.set('expired');
    await page.getByRole('button', { name: /读卡/ }).click();
    await expect
      .poll(() => page.getByTestId('card-error').textContent())
      .toContain('该身份证已过有效期（有效期至 2025-01-01）');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-reader-expired.png') });
    expect(await value(page, '信访人1姓名')).toBe('王五');
    expect(await value(page, '信访人1住址')).toBe('城关镇前进村');
    expect(await page.getByLabel('信访人2姓名').count()).toBe(0);

    mode.set('ok');
    await page.keyboard.press('F2');
    // The typed row stays; the card goes into a row of its own.
    await expect.poll(() => value(page, '信访人2姓名')).toBe('李堃𠮷');
    expect(await value(page, '信访人2身份证号')).toBe('130534197803151219');
    expect(await value(page, '信访人2住址')).toBe('河北省清河县城关镇人民路88号');
    expect(await page.getByTestId('identity-source-1').textContent()).toBe('身份证读取');
    expect(await page.getByTestId('identity-source-0').textContent()).toBe('手工录入');
    expect(await page.getByTestId('card-error').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-reader-filled.png') });
    // The card stays on the reader: the polling does not enter it twice.
    await page.waitForTimeout(1200);
    expect(await page.getByLabel('信访人3姓名').count()).toBe(0);

    await page.getByRole('button', { name: '删除' }).first().click();
    expect(await value(page, '信访人1姓名')).toBe('李堃𠮷');
    await page.getByLabel('诉求').fill('宅基地被邻居占用，请求依法确权');
    await page.getByRole('button', { name: /登记并取号/ }).click();
    await page.getByTestId('registered').waitFor();

    // 继续登记: the card still lies on the reader, so the automatic read fills the new form.
    await page.getByRole('button', { name: /继续登记/ }).click();
    await expect.poll(() => value(page, '信访人1姓名'), { timeout: 5000 }).toBe('李堃𠮷');
    expect(await page.getByTestId('identity-source-0').textContent()).toBe('身份证读取');
    // Editing a read field by hand makes the identity 手工录入 for this visit.
    await page.getByLabel('信访人1住址').fill('河北省清河县城关镇人民路90号');
    await expect.poll(() => page.getByTestId('identity-source-0').textContent()).toBe('手工录入');
    await page.close();
    delete process.env.TERMB_DOUBLE_MODE_FILE;
    modes.cleanup();
  });
});
