// The screens of issue 13's first fixes, at an office resolution: the password rule as the user
// types (first run), and the audit check naming a tampered chain head.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserSuite } from '../helpers/preview';

const PASSWORD = 'qing he 2026 jie dai';

describe('password strength and the audit check in Chromium at 1366×768', () => {
  const ui = browserSuite();

  it('refuses a common password at the field as it is typed, shows the strength, then sets up', async () => {
    const page = await ui.browser.newPage({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page.setDefaultTimeout(8000);
    await page.goto(ui.preview.url);
    await page.getByText('首次设置').waitFor();
    await page.getByLabel('单位名称').fill('清河县信访局');
    await page.getByLabel('姓名').fill('王管理');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel(/^密码/).fill('12345678');
    await page.getByText('这是最常被猜到的密码之一，请换一个').waitFor();
    expect(await page.getByText(/强度：/).count()).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'password-refused.png') });
    await page.getByLabel(/^密码/).fill(PASSWORD);
    await page.getByText('强度：很强').waitFor();
    await page.getByText('这是最常被猜到的密码之一，请换一个').waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'password-strength.png') });
    await page.getByLabel('再次输入密码').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('我已妥善保存恢复码').click();
    await page.getByRole('button', { name: '进入系统' }).click();
    await page.getByTestId('current-user').waitFor();

    // The chain verifies; then the sealed head outside the database is altered, and the check says so.
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.getByRole('button', { name: '校验审计日志' }).click();
    await page.getByText(/哈希链逐条校验通过/).waitFor();
    const headFile = path.join(ui.dir, 'hall.audit-head.json');
    const head = JSON.parse(fs.readFileSync(headFile, 'utf8')) as { count: number };
    fs.writeFileSync(headFile, JSON.stringify({ ...head, count: head.count + 3 }));
    await page.getByRole('button', { name: '校验审计日志' }).click();
    await page.getByText(/审计日志校验未通过：发现 \d+ 处问题。请保留现有数据和备份，并报告管理员/).waitFor();
    expect(await page.getByText(/签名不符：链头文件被改动/).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit-broken.png') });
    await page.close();
  });
});
