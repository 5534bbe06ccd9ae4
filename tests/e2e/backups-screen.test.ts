// The backup list's revocation warning and one-click re-encryption, and the banner a damaged
// database raises, in Chromium at 1366×768 (issue 13).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, must, saveUnit, testCore } from '../helpers/core';
import { flipPage, unitDataPage } from '../helpers/files';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const VIEWPORT = { width: 1366, height: 768 };

describe('backups after a revocation, and a damaged database, at 1366×768', () => {
  /** A page of unit rows, where the disk error of the damage test lands (not a page login reads). */
  let damaged = 0;
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    for (let i = 0; i < 150; i++) await saveUnit(admin, `责任单位 ${i} ${'名称'.repeat(20)}`, '联系人');
    damaged = unitDataPage(core.store.database);
    await admin('accounts.create', {
      username: 'op',
      displayName: '李接待',
      role: 'operator',
      password: 'operator 123',
    });
    await admin('backup.create', {});
    // The operator's password is reset after the backup: the backup still opens with the old one.
    const op = (await admin('accounts.list', {})).find((a) => a.username === 'op')!;
    await admin('accounts.resetPassword', { accountId: op.id, newPassword: 'operator 456' });
    core.close();
  });

  it('marks the backups old secrets still open and re-encrypts them in one confirmed action', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, VIEWPORT);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await page.getByText(/个备份仍可用已更换或停用的密码、恢复码打开/).waitFor();
    expect(await page.getByText('旧密钥', { exact: true }).count()).toBeGreaterThan(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'backups-stale.png') });
    await page.getByRole('button', { name: /重新加密 \d+ 个旧密钥备份/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重新加密' }).click();
    await page.getByText(/已用当前的密码和恢复码重新加密 \d+ 个备份/).waitFor();
    await page.getByText(/个备份仍可用已更换或停用的密码/).waitFor({ state: 'hidden' });
    expect(await page.getByText('旧密钥', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'backups-reencrypted.png') });
    await page.getByRole('button', { name: '退出' }).click();
    await page.close();
  });

  it('shows a banner when the page check finds damage, and refuses to save', async () => {
    // The last session ended above, so the database is closed; a disk error now hits a page of unit rows.
    flipPage(path.join(ui.dir, 'hall.db'), damaged);
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, VIEWPORT);
    // The check runs after open; the page learns of it at its next session check.
    await page.reload();
    await page.getByTestId('store-notice').waitFor();
    expect(await page.getByTestId('store-notice').innerText()).toMatch(/数据库文件已损坏.*已停止保存/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'damage-banner.png') });
    await page.close();
  });
});
