import fs from 'node:fs';
import { chinaDay } from '../../shared/domain/calendar';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../shared/domain/id-number';
import { ADMIN, dutyToday, must, saveLeader, saveUnit, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';

const first17 = '51172219650702113';
const ID = first17 + idCheckChar(first17);

/** Clicks a button that saves a form and prints a slip; returns the slip's text. */
async function printed(page: Page, button: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = (await download.path())!;
  fs.copyFileSync(file, path.join(ARTIFACTS, `case-path-${download.suggestedFilename().replace(/-.*$/, '')}.pdf`));
  return squash(pdfText(fs.readFileSync(file)));
}

describe('one visitor from the counter to the printed case folder, in the browser', () => {
  const ui = browserSuite(async (dir) => {
    const core = testCore(dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '吴晓喆', { portfolio: '住房城乡建设', rank: '副县级' });
    await saveUnit(admin, '县住房和城乡建设局', '王建军');
    await saveUnit(admin, '城关镇人民政府');
    await dutyToday(admin, leader.id);
    core.close();
  });

  // The whole path in one test: on a shared 2-core machine it runs past the default 20 s.
  it(
    'registers, interviews, opens the case, assigns, gets the receipt, supervises, extends, closes and prints the folder',
    { timeout: 90_000 },
    async () => {
      const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1500, height: 1000 });
      fs.mkdirSync(ARTIFACTS, { recursive: true });

      // 登记
      await page.getByRole('menuitem', { name: '登记' }).click();
      await page.getByLabel('信访人1姓名').fill('欧阳春燕');
      await page.getByLabel('信访人1身份证号').fill(ID);
      await page.getByLabel('信访人1电话').fill('13905731234');
      await page.getByLabel('信访人1住址').fill('清河县城关镇前进村3组18号');
      await page.getByLabel('诉求').fill('安置房逾期两年未交付，请求明确交房时间并补发过渡费');
      await page.getByRole('button', { name: /登记并取号/ }).click();
      await page.getByTestId('registered').waitFor();

      // 接谈: the leader calls the number, the record is typed and ended with 交办.
      await page.getByRole('menuitem', { name: '今日接访' }).click();
      const line = page.getByTestId('line-吴晓喆');
      await line.getByRole('button', { name: '叫下一位' }).click();
      await line.getByRole('button', { name: '开始接待' }).click();
      const interview = page.getByRole('dialog');
      await interview.getByLabel('第1段', { exact: true }).fill('安置房已经逾期两年，过渡费也停发了。');
      await interview.getByLabel('领导意见').fill('交县住建局核实工期和过渡费发放情况，十五个工作日内答复。');
      await interview.getByText('交办责任单位').click();
      await interview.getByRole('button', { name: '结束接谈' }).click();
      await interview.getByText(/处理方式为交办，请立案/).waitFor();

      // 立案 from the ended interview.
      await interview.getByRole('button', { name: /^立\s?案$/ }).click();
      const opening = page.getByRole('dialog', { name: '立案（信访事项）' });
      expect(await opening.getByLabel('事项名称').inputValue()).toBe('安置房逾期两年未交付');
      await opening.getByRole('button', { name: /^立\s?案$/ }).click();
      await interview.getByText(/已立案：XF\d{8}/).waitFor();
      const caseNo = /已立案：(XF\d{8})/.exec((await interview.getByText(/已立案：/).textContent())!)![1]!;
      await page.keyboard.press('Escape');

      // The case page: every move is a form that prints its slip.
      await page.getByRole('menuitem', { name: '案件' }).click();
      await page.getByRole('row', { name: new RegExp(caseNo) }).click();
      const drawer = page.getByRole('dialog', { name: new RegExp(caseNo) });
      const form = page.getByRole('dialog', { name: new RegExp(`：${caseNo}`) });

      await drawer.getByRole('button', { name: '交办', exact: true }).click();
      // 交办 starts from the leader's opinion in the interview record.
      expect(await form.getByLabel('领导批示').inputValue()).toBe(
        '交县住建局核实工期和过渡费发放情况，十五个工作日内答复。',
      );
      await form.getByLabel('领导批示').fill('请县住建局牵头，城关镇配合，核实后书面答复信访人。');
      await form.getByLabel('牵头单位').click();
      await page.getByTitle('县住房和城乡建设局').click();
      await page.screenshot({ path: path.join(ARTIFACTS, 'case-assign.png') });
      const assignment = await printed(page, form.getByRole('button', { name: '保存并打印交办单（脱敏件）' }));
      expect(assignment).toContain(squash('信访事项交办单'));
      expect(assignment).toContain(squash('请县住建局牵头，城关镇配合'));
      await drawer.getByText('已交办').first().waitFor();

      // The owning leader's letter of responsibility, printed for signing.
      await drawer.getByRole('button', { name: '包案责任书' }).click();
      const letterForm = page.getByRole('dialog', { name: /包案领导责任书/ });
      await letterForm.getByLabel('责任人').fill('王建军');
      await letterForm.getByLabel('化解目标').fill('明确交房时间，补发过渡费，实现息诉罢访。');
      await letterForm.getByLabel('工作措施').fill('每半月听取一次进展汇报，协调施工方资金。');
      const letter = await printed(page, letterForm.getByRole('button', { name: '保存并打印责任书' }));
      expect(letter).toContain(squash('包案领导责任书'));
      expect(letter).toContain(squash('县住房和城乡建设局'));

      await drawer.getByRole('button', { name: '签收', exact: true }).click();
      await form.getByLabel('签收人').fill('王建军');
      const receipt = await printed(page, form.getByRole('button', { name: /保存并打印交办单/ }));
      expect(receipt).toContain('王建军');

      await drawer.getByRole('button', { name: '督办', exact: true }).click();
      await form.getByLabel('督办要求').fill('请于三日内报告工期核实情况。');
      const supervision = await printed(page, form.getByRole('button', { name: '保存并打印督办单' }));
      expect(supervision).toContain(squash('信访事项督办单'));
      expect(supervision).toContain(squash('请于三日内报告工期核实情况。'));

      await drawer.getByRole('button', { name: '延期', exact: true }).click();
      await form.getByLabel(/延长天数/).fill('20');
      await form.getByLabel(/延期理由/).fill('需等待施工方重新出具工期计划');
      const extension = await printed(page, form.getByRole('button', { name: '保存并打印延期办理告知书' }));
      expect(extension).toContain(squash('延期办理告知书'));
      expect(extension).toContain(squash('需等待施工方重新出具工期计划'));
      // Only one extension: the button is gone.
      await drawer.getByText('已延期').first().waitFor();
      expect(await drawer.getByRole('button', { name: '延期', exact: true }).count()).toBe(0);

      await drawer.getByRole('button', { name: '办结', exact: true }).click();
      await form
        .getByLabel('调查核实情况')
        .fill('经核实，安置房因施工方资金问题停工，已协调于明年三月交付，过渡费已补发。');
      await form.getByLabel('处理意见').click();
      await page.getByTitle('支持', { exact: true }).click();
      await form.getByLabel('处理依据').fill('《国有土地上房屋征收与补偿条例》第二十二条');
      const closure = await printed(page, form.getByRole('button', { name: '保存并打印办结单' }));
      expect(closure).toContain(squash('信访事项办结单'));
      expect(closure).toContain(squash('过渡费已补发'));
      await drawer.getByText('已办结').first().waitFor();

      // 回访 has no slip; it shows in the case's history.
      await drawer.getByRole('button', { name: '回访', exact: true }).click();
      await form.getByLabel('回访人').fill('李娜');
      await form.getByLabel('回访情况').fill('信访人表示过渡费已到账，对答复满意。');
      // No default satisfaction: saving without one is refused at the field.
      await form.getByRole('button', { name: /^保\s?存$/ }).click();
      await form.getByText('请选择信访人满意度').waitFor();
      await form.getByLabel('信访人满意度').click();
      await page.getByTitle('满意', { exact: true }).click();
      await form.getByRole('button', { name: /^保\s?存$/ }).click();
      await drawer.getByText(/回访（电话回访，李娜，满意）/).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'case-closed.png') });

      // The folder: its contents page lists the slips, the interview record and the papers the folder adds.
      const folder = await printed(page, drawer.getByRole('button', { name: '打印脱敏件' }));
      // Masked, as the default copy: the full ID number and phone only on a full copy, with a reason.
      expect(folder).not.toContain(ID);
      expect(folder).not.toContain('13905731234');
      expect(folder).toContain('139****1234');
      const contents = folder.slice(folder.indexOf(squash('卷内目录')));
      for (const title of [
        '信访事项登记单',
        '接谈记录',
        '包案领导责任书',
        '信访事项交办单',
        '信访事项督办单',
        '延期办理告知书',
        '信访事项办结单',
        '信访事项受理告知书',
        '信访事项答复意见书',
      ])
        expect(contents, title).toContain(squash(title));
      // Every record is dated by the China day it happened on (the browser and hall run on China time).
      const china = chinaDay(new Date()).replaceAll('-', '.');
      const table = contents.slice(0, contents.indexOf(squash('第2页')));
      // Seven papers printed along the way, and what the folder adds from the record (受理告知书,
      // 答复意见书, 台账摘录): every one dated today.
      const dates = table.match(/\d{4}\.\d{2}\.\d{2}/g) ?? [];
      expect(dates.length).toBeGreaterThanOrEqual(10);
      expect(new Set(dates)).toEqual(new Set([china]));
      // The case as JSON for another system: masked, with its history.
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        drawer.getByRole('button', { name: '导出 JSON' }).click(),
      ]);
      const exported = fs.readFileSync((await json.path())!, 'utf8');
      expect(exported).toContain(caseNo);
      expect(exported).toContain('欧阳**');
      expect(exported).not.toContain('欧阳春燕');
      expect(exported).not.toContain(ID);
      // The documents printed along the way are filed with the case.
      await expect.poll(() => drawer.getByText('信访事项档案（一案一卷）').count()).toBe(1);
    },
  );
});
