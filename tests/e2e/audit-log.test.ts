import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fillDemo } from '../../electron/core/operations/demo';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, createCase, createAndLogin, must, registerVisit, saveLeader, testCore } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const OP = { username: 'op', displayName: '李接待', role: 'operator', password: 'operator pw 1' } as const;

/** 设置 › 审计日志 read as an official reads it (issue 16 item 8), at 1366×768. */
describe('the audit log screen', () => {
  let caseNo = '';
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: ADMIN.displayName }, new Date());
    await admin('settings.update', { idleLockMinutes: 240 });
    const leader = await saveLeader(admin, '吴晓喆');
    const visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付', { leaderId: leader.id });
    const caseId = await createCase(admin, visitId, '安置房逾期交付', leader.id);
    caseNo = value<string>(core.store.database, 'SELECT case_no FROM cases WHERE id = ?', caseId)!;
    await createAndLogin(admin, core, 'op', OP);
    const op = must(core, 'op');
    const petitionerId = value<number>(
      core.store.database,
      'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ?',
      visitId,
    )!;
    await op('petitioners.reveal', { petitionerId, field: 'phone', reason: { kind: 'contact', text: '回访' } });
    await op('petitioners.reveal', { petitionerId, field: 'idNumber', reason: { kind: 'verify_identity', text: '' } });
    core.close();
  });

  it('filters by person and action, shows words not codes, exports Excel and checks the chain', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '审计日志' }).click();
    const table = page.locator('.ant-table');
    await table.getByText('修改设置').first().waitFor();
    // The settings change: one key, old → new, in words.
    await table.getByText('闲置自动锁定：10分钟 → 240分钟').waitFor();
    const body = (await table.innerText()).replace(/\s+/g, ' ');
    for (const code of ['settings.update', 'auth.login', 'visit.register', '{"', 'idleLockMinutes'])
      expect(body).not.toContain(code);

    // Person, then action.
    await page.getByLabel('操作人').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('李接待(op)').click();
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toMatch(/共 [1-9]\d* 条/);
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('李接待(op)'))).toBe(true);
    await page.getByLabel('操作', { exact: true }).click();
    await page.keyboard.type('查看完整');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('查看完整个人信息').click();
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 2 条');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('查看：身份证号；理由：核实身份');
    expect(await rows.nth(1).innerText()).toContain('查看：电话；理由：联系信访人：回访');
    expect(await rows.nth(0).innerText()).toMatch(/信访人\s*欧\*\*/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit-log-filtered.png') });

    // Excel: the same two rows, in words; the export is itself in the log.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(2).getCell(1).text).toMatch(/^操作人 李接待\(op\)　操作 查看完整个人信息/);
    expect(ws.getRow(4).getCell(4).text).toBe('查看完整个人信息');
    expect(ws.getRow(4).getCell(6).text).toBe('查看：身份证号；理由：核实身份');
    expect(ws.getRow(6).getCell(1).text).toBe('');

    // The record filter: a case number takes in its visit and its petitioner's reveals.
    const clear = async (label: string) => {
      const select = page.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) });
      await select.hover();
      await select.locator('.ant-select-clear').click();
    };
    await clear('操作人');
    await page.getByLabel('记录编号').fill(caseNo);
    await page.getByLabel('记录编号').press('Enter');
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 2 条');
    await clear('操作');
    await table.getByText('立案', { exact: true }).waitFor();
    await table.getByText('登记来访').waitFor();
    await table.getByText(caseNo).first().waitFor();

    await page.getByRole('button', { name: '校验审计日志' }).click();
    await expect
      .poll(() => page.getByTestId('audit-verdict').textContent())
      .toMatch(/^审计日志完整：共 \d+ 条记录，哈希链逐条校验通过/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit-log-record.png') });

    // The export was recorded, by whom and with which filter.
    await page.getByLabel('记录编号').fill('');
    await page.getByLabel('操作', { exact: true }).click();
    await page.keyboard.type('导出审计');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('导出审计日志').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).innerText()).toContain('操作人：李接待(op)；操作：查看完整个人信息；格式：Excel；共2行');
    await page.close();
  });
});
