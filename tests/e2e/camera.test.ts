import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { all } from '../../electron/core/infra/db/sql';
import { ADMIN, must, testCore } from '../helpers/core';
import { pdfText } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, launchBrowser, loggedInPage } from '../helpers/preview';

/** A download's PDF as text in its columns (pdftotext -layout); the file is kept under tests/.artifacts. */
async function downloaded(page: Page, click: () => Promise<void>, keep: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const pdf = fs.readFileSync((await download.path())!);
  fs.writeFileSync(path.join(ARTIFACTS, keep), pdf);
  return pdfText(pdf, undefined, true);
}

/** The size the dialog shows for the current page ("第 1 页，640×480，…"). */
async function shownSize(page: Page): Promise<[number, number]> {
  const text = (await page.getByText(/^第 \d+ 页，\d+×\d+/).textContent()) ?? '';
  const m = /(\d+)×(\d+)/.exec(text)!;
  return [Number(m[1]), Number(m[2])];
}

/**
 * The document camera (issue 19) with Chromium's fake camera: on a demo case, two pages are
 * captured (by key and by button), one turned and one cropped, saved as one 材料, listed on
 * the case page and in the printed case folder.
 */
describe('拍摄材料 with the document camera, in the browser', () => {
  /** The demo's case numbers; the test opens the case the list shows first. */
  let caseNos = new Set<string>();
  let caseNo = '';

  async function openCase(page: Page) {
    await page.getByRole('menuitem', { name: '案件' }).click();
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect
      .poll(async () => {
        const text = (await first.textContent()) ?? '';
        return (caseNo = [...caseNos].find((n) => text.includes(n)) ?? '');
      })
      .not.toBe('');
    await first.click();
  }
  const ui = browserSuite(
    async (dir) => {
      const core = testCore(dir);
      const admin = must(core, 'admin');
      await admin('setup.init', ADMIN);
      await admin('settings.update', { idleLockMinutes: 240 });
      fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
      caseNos = new Set(all<{ n: string }>(core.store.database, 'SELECT case_no AS n FROM cases').map((c) => c.n));
      core.close();
    },
    { fakeCamera: true },
  );

  it('captures two pages into one 材料 and finds it in the case folder', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await openCase(page);
    const drawer = page.getByRole('dialog', { name: new RegExp(caseNo) });
    await drawer.getByTestId('case-materials').getByText('尚无材料').waitFor();
    await drawer.getByRole('button', { name: '拍摄材料' }).click();
    const dialog = page.getByRole('dialog', { name: '拍摄材料' });
    await dialog.getByText(/实时画面 \d+×\d+/).waitFor();

    // Space captures (focus is not in a field); the 拍摄 button captures the second page.
    await page.keyboard.press('Space');
    await expect.poll(() => dialog.getByTestId('page-thumb').count()).toBe(1);
    await dialog.getByRole('button', { name: '拍摄', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('page-thumb').count()).toBe(2);

    // The second page turned: its width and height swap.
    const [w, h] = await shownSize(page);
    await dialog.getByRole('button', { name: '旋转' }).click();
    await expect.poll(() => shownSize(page)).toEqual([h, w]);

    // The first page cropped to a dragged rectangle of about half its width and height.
    await dialog.getByTestId('page-thumb').first().click();
    const editor = dialog.getByTestId('page-editor');
    const box = (await editor.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75, { steps: 5 });
    await page.mouse.up();
    await dialog.getByRole('button', { name: '裁剪' }).click();
    await expect.poll(async () => (await shownSize(page))[0]).toBeLessThan(w * 0.6);
    const [cw, ch] = await shownSize(page);
    expect(cw).toBeGreaterThan(w * 0.4);
    expect(ch).toBeLessThan(h * 0.6);

    // Without a title the field says so and nothing is saved.
    await dialog.getByRole('button', { name: /保存/ }).click();
    await dialog.getByText('请填写材料名称').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'camera-dialog-1366.png') });

    await dialog.getByTestId('material-title').fill('信访件原件');
    await dialog.getByRole('button', { name: /保存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = drawer.getByTestId('case-materials').getByRole('row', { name: /信访件原件/ });
    await expect.poll(() => row.textContent()).toMatch(/信访件原件2\d{4}-\d{2}-\d{2} \d{2}:\d{2}王管理/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'camera-case-materials-1366.png') });

    // The folder lists it: title, 2 pages, who added it.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    const folder = await downloaded(
      page,
      () => drawer.getByRole('button', { name: '打印脱敏件' }).click(),
      'camera-folder.pdf',
    );
    expect(folder).toContain('卷内附件材料');
    // One row: number, title, 2 pages, when, who.
    expect(folder).toMatch(/\n\s*1\s+信访件原件\s+2\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}\s+王管理\s*\n/);
    await page.close();
  });

  it('says in Chinese when there is no camera, and captures nothing', async () => {
    // Chromium without the fake camera: a headless browser has no camera and no one to allow one.
    const bare = await launchBrowser();
    try {
      const page = await loggedInPage(bare, ui.preview, ADMIN, { width: 1366, height: 768 });
      await openCase(page);
      await page.getByRole('button', { name: '拍摄材料' }).click();
      const dialog = page.getByRole('dialog', { name: '拍摄材料' });
      await expect
        .poll(() => dialog.getByTestId('camera-problem').textContent())
        .toMatch(/没有找到高拍仪或摄像头|没有使用摄像头的权限/);
      expect(await dialog.getByRole('button', { name: '拍摄', exact: true }).isDisabled()).toBe(true);
      expect(await dialog.getByTestId('page-thumb').count()).toBe(0);
      expect(await dialog.getByRole('button', { name: /保存/ }).isDisabled()).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'camera-no-camera-1366.png') });
    } finally {
      await bare.close();
    }
  });
});
