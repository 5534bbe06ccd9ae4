import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, must, testCore } from '../helpers/core';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

describe('档案: print from the record and verify the copy, in the browser', () => {
  const tmp = tempDir();
  // Unset in afterAll when beforeAll failed before starting them.
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let changedCode = '';
  let changedQr = '';

  beforeAll(async () => {
    const core = testCore(tmp.dir);
    await must(core, 'setup')('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
    // A registration slip printed, then its record changed: the paper reads 记录已更新.
    const slip = await must(core, 'setup')('documents.print', { kind: 'registration', recordId: 1 });
    changedCode = slip.code;
    changedQr = `HALL1:${slip.code}:${value<string>(core.store.database, 'SELECT content_hash FROM documents WHERE verify_code = ?', slip.code)!.slice(0, 16)}`;
    core.store.write({ id: null, name: 'test' }, (db) =>
      db.prepare('UPDATE visits SET facts = ? WHERE id = 1').run('补充：安置协议另有约定。'),
    );
    core.close();
    preview = await startPreview(tmp.dir);
    browser = await launchBrowser();
    page = await loggedInPage(browser, preview, ADMIN);
    await page.getByRole('menuitem', { name: '档案' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  async function pickKind(label: string, combobox: string) {
    await page.getByLabel(combobox).click();
    await page.getByTitle(label, { exact: true }).last().click();
  }

  it('generates an interview record PDF with its code, downloads it, and the code verifies', async () => {
    await pickKind('接谈记录', '文书种类');
    await page.getByLabel('选择记录').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByRole('button', { name: '生成 PDF' }).click();
    const code = (await page.getByTestId('printed').locator('code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect.poll(() => page.locator('iframe[title="PDF 预览"]').getAttribute('src')).toMatch(/^blob:/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'archive-print.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载' }).click(),
    ]);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^接谈记录.*\.pdf$/);

    await page.getByRole('tab', { name: '核验文书' }).click();
    await page.getByLabel('核验码').fill(code.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('与当前记录一致');
    await page.getByLabel('核验码').fill('ZZZZ-ZZZZ');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('查无此码');
    await page.screenshot({ path: path.join(ARTIFACTS, 'archive-verify.png') });
  });

  it('names what changed on an updated copy and refuses a QR with a wrong hash, at 1366x768', async () => {
    const small = await loggedInPage(browser!, preview!, ADMIN, { width: 1366, height: 768 });
    await small.getByRole('menuitem', { name: '档案' }).click();
    await small.getByRole('tab', { name: '核验文书' }).click();
    await small.getByLabel('核验码').fill(changedCode);
    await small.keyboard.press('Enter');
    await expect.poll(() => small.getByTestId('verdict').textContent()).toContain('记录已更新');
    expect(await small.getByTestId('verdict-changes').textContent()).toContain('事实和理由');
    expect(await small.getByTestId('verdict').textContent()).toMatch(
      /打印于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/,
    );
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await small.screenshot({ path: path.join(ARTIFACTS, 'archive-verify-updated-1366.png') });
    const forged = `${changedQr.slice(0, -1)}${changedQr.endsWith('0') ? '1' : '0'}`;
    await small.getByLabel('核验码').fill(forged);
    await small.keyboard.press('Enter');
    await expect.poll(() => small.getByTestId('verdict').textContent()).toContain('核验不通过');
    await small.screenshot({ path: path.join(ARTIFACTS, 'archive-verify-rejected-1366.png') });
    await small.close();
  });

  it('captures a signature drawn with the mouse and prints it on the registration slip', async () => {
    await page.getByRole('tab', { name: '打印文书' }).click();
    await pickKind('信访事项登记单', '文书种类');
    await page.getByLabel('选择记录').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.getByRole('button', { name: '采集信访人签名' }).click();
    const pad = page.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 100);
    await page.mouse.down();
    for (let i = 0; i <= 20; i++) await page.mouse.move(box.x + 40 + i * 20, box.y + 100 + Math.sin(i / 2) * 40);
    await page.mouse.up();
    await page.getByRole('button', { name: '确认签名' }).click();
    await page.getByText('签名已保存').waitFor();
    await page.getByRole('button', { name: '生成脱敏件' }).click();
    await page.getByTestId('printed').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载' }).click(),
    ]);
    const images = execFileSync('pdfimages', ['-list', (await download.path())!], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim());
    // The signature (600×200, with its alpha mask): the QR code is vector, not an image.
    expect(images.filter((l) => /\simage\s+600\s+200\s/.test(l))).toHaveLength(1);
  });

  it('prints a batch with progress', { timeout: 60_000 }, async () => {
    try {
      await batch();
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'failed-batch.png') });
      throw error;
    }
  });

  async function batch() {
    await page.getByRole('tab', { name: '批量打印' }).click();
    await pickKind('信访事项登记单', '批量文书种类');
    await page.getByLabel('选择记录').click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    for (let i = 0; i < 3; i++) await options.nth(i).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /批量生成脱敏件（3 份）/ }).click();
    await page.getByText('3 / 3', { exact: true }).waitFor();
    expect(await page.getByText('完成').count()).toBe(3);
  }
});
