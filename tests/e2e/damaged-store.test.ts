import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, must, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite } from '../helpers/preview';

describe('a damaged database, seen from the login screen', () => {
  let damaged: Buffer;

  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'setup');
    await admin('setup.init', ADMIN);
    await admin('backup.create', {});
    core.close();
    const file = path.join(dir, 'hall.db');
    damaged = fs.readFileSync(file);
    damaged.fill(0x42, 4096, 12288);
    fs.writeFileSync(file, damaged);
  });

  it('says so in Chinese, offers the latest backup, restores it and keeps the damaged file', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(8000);
    await page.goto(ui.preview.url);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('数据库文件已损坏');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'damaged-store.png') });
    await page.getByRole('button', { name: '从备份恢复' }).click();
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await page.getByText(/已从备份 .* 恢复/).waitFor();
    const kept = fs.readdirSync(path.join(ui.dir, 'backups')).filter((f) => /^hall-.*-replaced\.db$/.test(f));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(ui.dir, 'backups', kept[0]!)).equals(damaged)).toBe(true);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('office-name').textContent()).toBe(ADMIN.officeName);
  });
});
