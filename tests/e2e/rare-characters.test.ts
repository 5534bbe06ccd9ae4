import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../../electron/core/infra/db/sql';
import { fillDemo } from '../../electron/core/operations/demo';
import { ADMIN, must, registerVisit, testCore } from '../helpers/core';
import { hall, hallPrint, passwordFile } from '../helpers/cli';
import { pdfFonts, pdfText } from '../helpers/pdf';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview, type RunningPreview } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

const RARE = '𪚥'; // U+2A6A5: only fonts-hanazono's HanaMinA has it on this PC
/** An office without Ext B–G fonts: what the warning and the refusal are for. */
const NO_RARE = { HALL_FONTS: 'no-rare' };

describe('a name with a character no print font has, through the CLI and the registration form', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let pw: string;
  let visitId: number;
  let visitNo: string;
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fs.mkdirSync(data);
    const core = testCore(data);
    await must(core, 'setup')('setup.init', ADMIN);
    // A store that already holds the demo data, as in the office.
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date());
    visitId = await registerVisit(must(core, 'setup'), `李${RARE}`, '征地补偿款未发放');
    visitNo = value<string>(core.store.database, 'SELECT visit_no FROM visits WHERE id = ?', visitId)!;
    core.close();
    pw = passwordFile(tmp.dir, ADMIN.password);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    tmp.cleanup();
  });

  const print = (env: NodeJS.ProcessEnv, ...more: string[]) => {
    const out = path.join(tmp.dir, `reg-${Math.random().toString(36).slice(2)}.pdf`);
    const args = ['print', 'registration', '--record', String(visitId), '--out', out];
    const r = hall(data, [...args, '--user', ADMIN.username, '--password-file', pw, ...more], env);
    return { ...r, out };
  };

  it('hall print --record refuses an official copy naming the character, and prints a draft when asked', () => {
    const refused = print(NO_RARE);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(`“${RARE}”无打印字体，不能打印正式件`);
    expect(fs.existsSync(refused.out)).toBe(false);

    const draft = print(NO_RARE, '--draft');
    expect(draft.code, draft.err).toBe(0);
    expect(draft.err).toContain(`以下字符没有可用字体，草稿中显示为方框：${RARE}`);
    const text = pdfText(fs.readFileSync(draft.out));
    expect(text).toContain('草');
    expect(text).not.toMatch(/〔\d{4}〕/);
  });

  it('prints the official copy with fonts-hanazono, HanaMinA embedded', () => {
    const ok = print({});
    expect(ok.code, ok.err).toBe(0);
    const pdf = fs.readFileSync(ok.out);
    expect(pdfFonts(pdf).find((f) => f.name.endsWith('+HanaMinA'))).toMatchObject({ embedded: true, subset: true });
    expect(pdfText(pdf)).toContain(`李${RARE}`);
    // --record through the helper as other suites call it: same answer.
    expect(hallPrint(data, 'registration', visitId, path.join(tmp.dir, 'again.pdf'), pw).code).toBe(0);
  });

  it('hall print --sample --fonts names the font files of body, title and the fallback chain', () => {
    const out = path.join(tmp.dir, 'sample.pdf');
    const r = hall(data, ['print', 'registration', '--sample', '--fonts', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('正文：/usr/share/fonts/truetype/arphic/ukai.ttc（UKaiCN）');
    expect(r.out).toMatch(/标题：\S+NotoSansCJK-Bold\.ttc/);
    expect(r.out).toContain('（HanaMinA）：/usr/share/fonts/truetype/hanazono/HanaMinA.ttf');
    // The sample petitioner 𠮷春燕: UKai lacks 𠮷, the serif draws it.
    expect(r.out).toContain('本文书用到的后备字体：Noto Serif CJK SC');
    const hidden = hall(data, ['print', 'registration', '--sample', '--fonts', '--out', out], NO_RARE);
    expect(hidden.out).not.toContain('HanaMin');
  });

  it('warns under the name and the address as the operator types, and not for 堃 or 喆', async () => {
    preview = await startPreview(data, NO_RARE);
    browser = await launchBrowser();
    const page = await loggedInPage(browser, preview, ADMIN, { width: 1366, height: 768 });
    await page.getByRole('menuitem', { name: '登记' }).click();
    const name = page.getByRole('textbox', { name: '信访人1姓名', exact: true });
    await name.pressSequentially('林堃喆');
    await page.waitForTimeout(400);
    expect(await page.getByLabel('信访人1姓名缺字提示').count()).toBe(0);
    await name.fill('');
    await name.pressSequentially(`李${RARE}`);
    await expect
      .poll(() => page.getByLabel('信访人1姓名缺字提示').textContent())
      .toBe(`“${RARE}”无打印字体，打印正式件前请管理员添加字体`);
    await page.getByRole('textbox', { name: '信访人1住址', exact: true }).pressSequentially(`清河县${RARE}村3组`);
    await expect.poll(() => page.getByLabel('信访人1住址缺字提示').textContent()).toContain(`“${RARE}”无打印字体`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-missing-glyph.png') });
    // Deleting the character takes the warning away.
    await name.fill('李');
    await expect.poll(() => page.getByLabel('信访人1姓名缺字提示').count()).toBe(0);

    // 档案 › 打印文书: refused naming the character; the operator confirms a draft, which has no number.
    await page.getByRole('menuitem', { name: '档案' }).click();
    await page.getByLabel('选择记录').click();
    await page.keyboard.type(visitNo);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: visitNo })
      .first()
      .click();
    await page.getByRole('button', { name: '生成脱敏件' }).click();
    await expect.poll(() => page.getByTestId('print-error').textContent()).toContain(`“${RARE}”无打印字体`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'archive-missing-glyph.png') });
    await page.getByRole('button', { name: /确认打印草稿/ }).click();
    await expect.poll(() => page.getByTestId('printed').textContent()).toContain('文号—');
    expect(await page.getByText(`草稿：以下字符没有可用字体，显示为方框：${RARE}`).count()).toBe(1);

    // The administrator adds a font in 设置: a wrong path is refused at the field, HanaMinA is taken.
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '单位与规则' }).click();
    await page.getByRole('button', { name: '添加字体文件' }).click();
    const font = page.getByLabel('打印字体1');
    await font.fill('/no/such/font.ttf');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByText('找不到文件：/no/such/font.ttf').count()).toBe(1);
    await font.fill('/usr/share/fonts/truetype/hanazono/HanaMinA.ttf');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByText('设置已保存').count()).toBe(1);
    await font.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-print-fonts.png') });
    await page.getByRole('menuitem', { name: '登记' }).click();
    await page.getByRole('textbox', { name: '信访人1姓名', exact: true }).pressSequentially(`李${RARE}`);
    await page.waitForTimeout(500);
    expect(await page.getByLabel('信访人1姓名缺字提示').count()).toBe(0);
  }, 90_000);
});
