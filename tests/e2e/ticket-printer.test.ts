// The ticket printer end to end: 设置 points 排队号打印方式 at a loopback ESC/POS "printer" and
// test-prints; 登记 issues a number and prints it there; a printer out of paper is reported on
// the counter and the number prints again once it is fixed. And `hall device printer --test`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINTER_MESSAGES } from '../../shared/domain/ticket-printer';
import { ADMIN, dutyToday, must, saveLeader, testCore } from '../helpers/core';
import { hallInit, passwordFile, type CliRun } from '../helpers/cli';
import { loopbackPrinter, PAPER_OUT, READY, readEscPos, type LoopbackPrinter } from '../helpers/escpos-printer';
import { ARTIFACTS, browserSuite, loggedInPage, ROOT } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/** A print is a round trip to the printer and the database: on a loaded machine, more than poll's 1 s. */
const PRINTED = { timeout: 10_000 };

describe('the ticket printer at the counter, in the browser at 1366x768', () => {
  let printer: LoopbackPrinter;
  const ui = browserSuite(async (dir) => {
    printer = await loopbackPrinter();
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设' });
    await dutyToday(admin, leader.id);
    core.close();
  });
  afterAll(() => printer.stop());

  // 设置, 登记 and 档案 in one walk: a minute on a loaded machine.
  it(
    'is set in 设置 with a test print, prints the registered number, and reports paper out on the counter',
    { timeout: 60_000 },
    async () => {
      const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1366, height: 768 });
      await page.getByRole('menuitem', { name: '设置' }).click();
      await page.getByRole('tab', { name: '单位与规则' }).click();
      await page.getByLabel('排队号打印方式').click();
      await page.getByTitle('网络小票打印机（ESC/POS）').click();
      const address = page.getByPlaceholder('tcp://192.168.1.50:9100');
      await address.fill('/dev/usb/lp0');
      await expect.poll(() => page.getByText('网络打印机应填写地址和端口（见说明）').count(), PRINTED).toBe(1);
      await address.fill(printer.address);
      await page.getByTestId('ticket-printer-test').click();
      await expect.poll(() => page.getByText(`测试小票已打印（${printer.address}）`).count(), PRINTED).toBe(1);
      expect(readEscPos(printer.bytes()).lines.map((l) => l.text)).toContain('*** 打印测试 ***');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await address.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'settings-ticket-printer-1366.png') });
      await page.getByRole('button', { name: '保存设置' }).click();
      await expect.poll(() => page.getByText('设置已保存').count(), PRINTED).toBe(1);

      // 登记: a walk-in, the number printed on the receipt printer.
      await page.getByRole('menuitem', { name: '登记' }).click();
      await page.getByLabel('信访人1姓名').fill('欧阳春燕');
      await page.getByLabel('诉求').fill('安置房逾期未交付');
      await page.getByLabel('诉求').press('Enter');
      const title = (await page.getByTestId('registered').locator('.ant-result-title').textContent())!;
      const code = /排队号 (B\d{3})/.exec(title)![1]!;
      const before = printer.bytes().length;
      await page.getByRole('button', { name: '打印排队号' }).click();
      // Printed: the number's bytes reached the printer (the toast may be gone by the time it is looked for).
      await expect.poll(() => readEscPos(printer.bytes().subarray(before)).qrPrinted, PRINTED).toBe(1);
      expect(await page.getByTestId('ticket-printer-problem').count()).toBe(0);
      const paper = readEscPos(printer.bytes().subarray(before));
      const text = paper.lines.map((l) => l.text);
      expect(paper.lines.find((l) => l.text === code)).toMatchObject({ width: 4, height: 4 });
      expect(text).toContain('来访人：欧阳**');
      expect(text).toContain('接待室：第一接待室');
      expect(paper.qrStored[0]).toMatch(/^HALL1:[0-9A-Z]{4}-[0-9A-Z]{4}:[0-9a-f]{16}$/);

      // The roll runs out: the counter says so, the number stands, and prints again once refilled.
      printer.answer(PAPER_OUT);
      await page.getByRole('button', { name: '打印排队号' }).click();
      await expect
        .poll(() => page.getByTestId('ticket-printer-problem').textContent(), PRINTED)
        .toContain(PRINTER_MESSAGES.paperOut);
      expect(await page.getByTestId('ticket-printer-problem').textContent()).toContain(`排队号 ${code} 已发出`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'register-ticket-printer-paper-out-1366.png') });
      printer.answer(READY);
      await page.getByRole('button', { name: '重新打印排队号' }).click();
      await expect.poll(() => page.getByTestId('ticket-printer-problem').count(), PRINTED).toBe(0);

      // Later, from 档案 › 打印文书: the ticket's 打印 goes to the receipt printer too.
      await page.getByRole('menuitem', { name: '档案' }).click();
      await page.getByLabel('文书种类').click();
      // The kinds' list is virtual: walk it with the keyboard until 排队号 is drawn.
      const ticketKind = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('排队号', {
        exact: true,
      });
      for (let i = 0; i < 30 && (await ticketKind.count()) === 0; i++) await page.keyboard.press('ArrowDown');
      await ticketKind.click();
      await page.getByLabel('选择记录').click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .first()
        .click();
      await page.getByRole('button', { name: '生成 PDF' }).click();
      await page.getByTestId('printed').waitFor();
      const later = printer.bytes().length;
      await page.getByRole('button', { name: '打印', exact: true }).click();
      await expect.poll(() => page.getByText(`已在小票打印机上打印（${printer.address}）`).count(), PRINTED).toBe(1);
      expect(readEscPos(printer.bytes().subarray(later)).lines.map((l) => l.text)).toContain(code);
    },
  );
});

/** The built CLI without blocking this process: the loopback printer answers from here meanwhile. */
function hallAsync(dataDir: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'out/cli/hall.cjs'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HALL_DATA_DIR: dataDir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('hall device printer --test', () => {
  const tmp = tempDir();
  let printer: LoopbackPrinter;
  let pw = '';
  beforeAll(async () => {
    printer = await loopbackPrinter();
    pw = passwordFile(tmp.dir, ADMIN.password);
    expect(hallInit(path.join(tmp.dir, 'data'), pw).code).toBe(0);
  });
  afterAll(async () => {
    await printer.stop();
    tmp.cleanup();
  });
  const device = (...args: string[]) =>
    hallAsync(path.join(tmp.dir, 'data'), ['device', 'printer', ...args, '--user', 'admin', '--password-file', pw]);

  // Five runs of the CLI, each opening the store and logging in.
  it(
    'prints a test ticket to the printer given, and says why not to one that is not there or not configured',
    { timeout: 90_000 },
    async () => {
      const ok = await device('--test', '--to', printer.address);
      expect(ok.err).toBe('');
      expect(ok).toMatchObject({ code: 0, out: `测试小票已打印：${printer.address}\n` });
      const paper = readEscPos(printer.bytes());
      expect(paper.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['*** 打印测试 ***', '清河县信访局']));
      expect(paper.qrStored).toEqual(['HALL1:TEST-0000:test']);
      expect(paper.cuts).toBe(1);

      const gone = await loopbackPrinter();
      await gone.stop();
      const refused = await device('--test', '--to', gone.address);
      expect(refused.code).toBe(4);
      expect(refused.err).toContain(PRINTER_MESSAGES.unreachable(gone.address));
      // The configured printer is the OS printer (the default): the command says to use the PDF path.
      const os = await device('--test');
      expect(os.code).toBe(4);
      expect(os.err).toContain('系统打印机');
      const bad = await device('--test', '--to', '/etc/passwd');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--to');
      expect((await device()).code).toBe(2);
    },
  );
});
