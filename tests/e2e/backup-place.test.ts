// 设置 › 备份与恢复: choosing the second backup place, its status, and a USB drive pulled, in
// Chromium at 1366×768; and `hall backup --out` printing its progress (issue 17).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, must, saveUnit, testCore } from '../helpers/core';
import { hall, hallInit, passwordFile } from '../helpers/cli';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

const VIEWPORT = { width: 1366, height: 768 };

describe('the second backup place on 设置 › 备份与恢复, at 1366×768', () => {
  const usb = tempDir('hall-usb-');
  afterAll(() => usb.cleanup());
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    for (let i = 0; i < 30; i++) await saveUnit(admin, `责任单位 ${i}`, '联系人');
    core.close();
  });

  it('refuses a folder that is not there at the field, keeps one that is, copies each backup there, and says when it is gone', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, VIEWPORT);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    const card = page.getByTestId('backup-place');
    await card.getByText('未设置').waitFor();
    const folder = card.getByLabel('文件夹');

    // A USB drive that is not plugged in: refused at the field, nothing saved.
    await folder.fill(path.join(usb.dir, '未插入的U盘'));
    await card.getByRole('button', { name: '检查并保存' }).click();
    await card.getByText(/找不到文件夹.*U盘未插入或网络文件夹未连接/).waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'backup-place-missing-folder.png') });

    // A folder that is there: kept; a backup goes there, checked.
    await folder.fill(usb.dir);
    await card.getByRole('button', { name: '检查并保存' }).click();
    await page.getByText('已设置第二备份位置，之后的每次备份都会复制到这里并校验').waitFor();
    await card.getByText('可用', { exact: true }).waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await card.getByText('已复制并校验').waitFor();
    await card.getByText(/已存 1 份备份/).waitFor();
    expect(fs.readdirSync(usb.dir).filter((f) => f.endsWith('-manual.db'))).toHaveLength(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'backup-place-ok.png') });

    // The drive is pulled: the backup is made here, the screen and the header say the place failed.
    fs.rmSync(usb.dir, { recursive: true });
    await page.getByRole('button', { name: '立即备份' }).click();
    await card.getByText('不可用', { exact: true }).waitFor();
    await card.getByText(/第二备份位置不可用：找不到文件夹/).waitFor();
    await card.getByText(/未能复制到第二备份位置.*本机的备份已完成/).waitFor();
    await page.getByTestId('store-notice').waitFor();
    expect(await page.getByTestId('store-notice').innerText()).toMatch(/第二备份位置不可用/);
    // The login's daily backup and the two made here: all in the list, the last one too.
    expect(await page.locator('.ant-table-row').count()).toBe(3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'backup-place-pulled.png') });
    await page.close();
  });
});

describe('hall backup --out', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('makes the backup in the worker and prints its progress on stderr, the result on stdout', () => {
    const data = path.join(tmp.dir, 'data');
    const pw = passwordFile(tmp.dir, 'counter pass 2026');
    expect(hallInit(data, pw).code).toBe(0);
    const out = path.join(tmp.dir, 'usb', 'hall.db');
    const r = hall(data, ['backup', '--out', out, '--user', 'admin', '--password-file', pw]);
    expect(r.code, r.err).toBe(0);
    expect(r.err.split('\n').filter(Boolean)).toEqual(['正在备份 0%', '正在备份 100%', '正在加密备份', '正在校验备份']);
    expect(r.out).toMatch(/已备份到 .*hall\.db.*密钥文件/);
    expect(fs.existsSync(out) && fs.existsSync(`${out}.keyring.json`)).toBe(true);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
