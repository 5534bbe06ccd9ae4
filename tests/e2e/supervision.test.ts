import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { hall, passwordFile } from '../helpers/cli';
import { ADMIN, caller, must, saveUnit, testCore, visitInput } from '../helpers/core';
import { ARTIFACTS, browserSuite, loggedInPage } from '../helpers/preview';
import { tempDir } from '../helpers/tmp';

/**
 * The morning supervision list on a prepared set of cases around National Day 2026
 * (1–7 October off, Saturday 10 October worked), with the clock set by the test.
 * Defaults: due within 3 working days, unreceived after 2 working days, yellow from the
 * first day overdue, red from the fifteenth, one card up once a case has been chased.
 */
describe('督办提醒 across the National Day holiday', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const clock = { t: 0 };
  const no: Record<string, string> = {};
  let unit = 0;

  const day = async (iso: string) => {
    clock.t = Date.parse(`${iso}T01:30:00Z`);
    // Days of idling lock the session; unlock as the user would (a session still open has nothing to unlock).
    await caller(core, 'admin')('auth.unlock', { password: ADMIN.password });
  };
  const open = async (
    key: string,
    deadline: { amount: number; unit: 'calendar' | 'working' },
    moves: {
      receive?: boolean;
      close?: boolean;
      assign?: boolean;
      unitDeadline?: { amount: number; unit: 'calendar' | 'working' };
    } = {},
  ) => {
    const v = await admin(
      'visits.register',
      visitInput(
        [{ name: `来访人${key}`, sex: 'unknown', idNumber: '', phone: '', address: '', isRepresentative: false }],
        `事项${key}：拖欠工程款`,
      ),
    );
    const c = await admin('cases.create', {
      visitId: v.visitId,
      title: `案件${key}`,
      owningLeaderId: null,
      deadlineRule: 'custom',
      custom: deadline,
      joinExisting: false,
    });
    no[key] = c.caseNo;
    if (moves.assign === false) return c;
    const assigned = await admin('cases.move', {
      move: 'assign',
      caseId: c.caseId,
      instruction: '请核实办理并答复。',
      leadUnitId: unit,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'custom',
      custom: moves.unitDeadline ?? deadline,
    });
    if (moves.receive) await admin('cases.move', { move: 'receive', caseId: c.caseId, signedBy: '李签收' });
    if (moves.close)
      await admin('cases.move', {
        move: 'close',
        caseId: c.caseId,
        findings: '已核实',
        outcome: 'explain',
        basis: '《信访工作条例》',
        answerDate: '2026-09-28',
        answerWay: 'written_delivered',
        satisfaction: 'satisfied',
        stopped: true,
      });
    return { ...c, deadline: assigned.deadline };
  };
  const list = async (on?: string) =>
    (await admin('supervise.list', on ? { on } : {})).items.map((i) => ({
      case: Object.keys(no).find((k) => no[k] === i.caseNo),
      reasons: i.reasons,
      level: i.level,
      daysLeft: i.daysLeft,
    }));

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    clock.t = Date.parse('2026-09-28T01:00:00Z');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    unit = (await saveUnit(admin, '县人力资源和社会保障局')).id;
    await day('2026-09-28');
    expect((await open('A', { amount: 11, unit: 'calendar' }, { receive: true })).deadline).toBe('2026-10-09');
    // Five days runs into the holiday and rolls to the first working day after it.
    expect((await open('B', { amount: 5, unit: 'calendar' }, { receive: true })).deadline).toBe('2026-10-08');
    await open('C', { amount: 60, unit: 'calendar' });
    await open('E', { amount: 60, unit: 'calendar' }, { receive: true });
    await open('F', { amount: 1, unit: 'working' }, { receive: true, close: true });
    expect((await open('G', { amount: 1, unit: 'working' }, { receive: true })).deadline).toBe('2026-09-29');
    await open('H', { amount: 1, unit: 'working' }, { assign: false });
    // The unit is given two working days inside a 60-day answer period: it is chased on the 30th.
    await open('I', { amount: 60, unit: 'calendar' }, { receive: true, unitDeadline: { amount: 2, unit: 'working' } });
    await day('2026-09-30');
    expect((await open('D', { amount: 60, unit: 'calendar' })).deadline).toBe('2026-11-30');
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('on the last working day before the holiday lists what falls due just after it', async () => {
    // H was never assigned: overdue all the same, listed though no notice can be sent for it.
    // I is due against its unit's 交办期限 (today); its days left count to the case's 办理期限.
    expect(await list()).toEqual([
      { case: 'G', reasons: ['overdue'], level: 'yellow', daysLeft: -1 },
      { case: 'H', reasons: ['overdue'], level: 'yellow', daysLeft: -1 },
      { case: 'I', reasons: ['due'], level: 'ordinary', daysLeft: 58 },
      { case: 'B', reasons: ['due'], level: 'ordinary', daysLeft: 8 },
      { case: 'A', reasons: ['due'], level: 'ordinary', daysLeft: 9 },
      { case: 'C', reasons: ['no_receipt'], level: 'ordinary', daysLeft: 58 },
    ]);
    const h = (await admin('supervise.list', {})).items.find((i) => i.caseNo === no.H)!;
    expect(h).toMatchObject({ status: 'accepted', canSupervise: false, assignmentDeadlineOn: null });
  });

  it('marks a case chased today and proposes the next card up once it has been chased', async () => {
    const g = (await admin('supervise.list', {})).items[0]!;
    const issued = await admin('cases.move', {
      move: 'supervise',
      caseId: g.caseId,
      reason: 'overdue',
      level: g.level,
      requirements: '请立即答复',
      answerBy: g.answerBy,
    });
    const slip = await admin('documents.print', { kind: 'supervision', recordId: issued.recordId! });
    expect(slip.docNo).toMatch(/^督〔2026〕[1-9]\d*号$/);
    expect(g.answerBy).toBe('2026-10-10');
    expect((await admin('supervise.list', {})).items[0]).toMatchObject({
      caseNo: no.G,
      supervisedToday: true,
      supervisedCount: 1,
      level: 'red',
      leadUnit: '县人力资源和社会保障局',
    });
  });

  it('on the first day back does not count the holiday towards an unsigned assignment', async () => {
    await day('2026-10-08');
    // I's unit is late against its 交办期限, but the case is within its 办理期限: not an overdue case.
    expect(await list()).toEqual([
      { case: 'G', reasons: ['overdue'], level: 'red', daysLeft: -9 },
      { case: 'H', reasons: ['overdue'], level: 'yellow', daysLeft: -9 },
      { case: 'I', reasons: ['assignment_overdue'], level: 'yellow', daysLeft: 50 },
      { case: 'B', reasons: ['due'], level: 'ordinary', daysLeft: 0 },
      { case: 'A', reasons: ['due'], level: 'ordinary', daysLeft: 1 },
      { case: 'C', reasons: ['no_receipt'], level: 'ordinary', daysLeft: 50 },
    ]);
  });

  it('a day later: B overdue, D two working days without a receipt', async () => {
    expect(await list('2026-10-09')).toEqual([
      { case: 'G', reasons: ['overdue'], level: 'red', daysLeft: -10 },
      { case: 'H', reasons: ['overdue'], level: 'yellow', daysLeft: -10 },
      { case: 'B', reasons: ['overdue'], level: 'yellow', daysLeft: -1 },
      { case: 'I', reasons: ['assignment_overdue'], level: 'yellow', daysLeft: 49 },
      { case: 'A', reasons: ['due'], level: 'ordinary', daysLeft: 0 },
      { case: 'C', reasons: ['no_receipt'], level: 'ordinary', daysLeft: 49 },
      { case: 'D', reasons: ['no_receipt'], level: 'ordinary', daysLeft: 52 },
    ]);
  });

  it('refuses a malformed date and gives scripts the same list as the screen', async () => {
    expect(
      await core.router.call('supervise.list', { on: '2026-13-01' }, { host: 'cli', clientId: 'admin' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const expected = await admin('supervise.list', { on: '2026-10-09' });
    core.close();
    const pw = passwordFile(tmp.dir, ADMIN.password);
    const json = hall(tmp.dir, [
      'supervise',
      'list',
      '--on',
      '2026-10-09',
      '--json',
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual(expected);
    const text = hall(tmp.dir, ['supervise', 'list', '--on', '2026-10-09', '--user', 'admin', '--password-file', pw]);
    expect(text.out).toContain('2026-10-09 督办提醒：7 件，其中已超期 3 件');
    expect(text.out).toContain(`${no.G}  办理期限2026-09-29（超期10日）  交办期限2026-09-29  已超期  建议红牌督办`);
    expect(text.out).toContain(`${no.H}  办理期限2026-09-29（超期10日）  已超期  已受理  未交办单位`);
    expect(
      hall(tmp.dir, ['supervise', 'list', '--on', 'tomorrow', '--user', 'admin', '--password-file', pw]).code,
    ).toBe(2);

    const cases = hall(tmp.dir, [
      'case',
      'list',
      '--status',
      'received',
      '--json',
      '--user',
      'admin',
      '--password-file',
      pw,
    ]);
    expect(cases.code, cases.err).toBe(0);
    expect((JSON.parse(cases.out) as { caseNo: string }[]).map((c) => c.caseNo).sort()).toEqual(
      [no.A, no.B, no.E, no.G, no.I].sort(),
    );
    const g = (JSON.parse(cases.out) as { caseId: number; caseNo: string }[]).find((c) => c.caseNo === no.G)!;
    const shown = hall(tmp.dir, ['case', 'show', String(g.caseId), '--json', '--user', 'admin', '--password-file', pw]);
    expect(JSON.parse(shown.out)).toMatchObject({
      caseNo: no.G,
      petitioner: '来访**',
      supervisions: [{ level: 'yellow', reason: 'overdue' }],
      documents: [{ kind: 'supervision' }],
    });
    expect(hall(tmp.dir, ['case', 'list', '--status', 'lost', '--user', 'admin', '--password-file', pw]).code).toBe(2);
    expect(hall(tmp.dir, ['case', 'show', 'XF1', '--user', 'admin', '--password-file', pw]).code).toBe(2);
  });
});

describe('督办 screen in the browser', () => {
  const caseNo = { overdue: '', unsigned: '' };

  const ui = browserSuite(async (dir) => {
    // Prepared three weeks back with a test clock; the preview then runs on the real one.
    const back = Date.now() - 21 * 86_400_000;
    const core = testCore(dir, { now: () => new Date(back) });
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const unit = (await saveUnit(admin, '县自然资源局')).id;
    for (const key of ['overdue', 'unsigned'] as const) {
      const v = await admin(
        'visits.register',
        visitInput(
          [
            {
              name: key === 'overdue' ? '林秀英' : '陈国栋',
              sex: 'unknown',
              idNumber: '',
              phone: '',
              address: '',
              isRepresentative: false,
            },
          ],
          '宅基地确权纠纷',
        ),
      );
      const c = await admin('cases.create', {
        visitId: v.visitId,
        title: key === 'overdue' ? '宅基地确权' : '土地补偿款',
        owningLeaderId: null,
        deadlineRule: 'answer_60_days',
        joinExisting: false,
      });
      caseNo[key] = c.caseNo;
      await admin('cases.move', {
        move: 'assign',
        caseId: c.caseId,
        instruction: '请核实办理。',
        leadUnitId: unit,
        assistUnitIds: [],
        reportRequirements: '',
        deadlineRule: 'custom',
        custom: { amount: key === 'overdue' ? 3 : 90, unit: 'working' },
      });
      if (key === 'overdue') await admin('cases.move', { move: 'receive', caseId: c.caseId, signedBy: '赵签收' });
    }
    core.close();
  });

  it('lists the overdue and the unsigned case, issues a notice with its slip, and marks it sent today', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1500, height: 900 });
    await page.getByRole('menuitem', { name: '督办' }).click();
    const overdue = page.getByRole('row', { name: new RegExp(caseNo.overdue) });
    const unsigned = page.getByRole('row', { name: new RegExp(caseNo.unsigned) });
    // Its unit is past its 交办期限 (3 working days); the case is within its 60-day 办理期限.
    await expect.poll(() => overdue.textContent()).toMatch(/宅基地确权.*县自然资源局.*剩\d+日.*超过交办期限/);
    expect(await unsigned.textContent()).toMatch(/土地补偿款.*已交办.*交办后未签收.*一般督办/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-list.png') });

    await overdue.getByRole('button', { name: '发督办单' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('督办要求').inputValue()).toContain('已超过交办期限');
    await dialog.getByLabel('督办要求').fill('');
    await dialog.getByRole('button', { name: '发出并生成督办单' }).click();
    await dialog.getByText('请填写督办要求').waitFor();
    await dialog.getByLabel('督办要求').fill('请于限期内书面报告办理情况。');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '发出并生成督办单' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^督办单-.+\.pdf$/);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expect.poll(() => overdue.textContent()).toContain('1次（今日已发）');
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-issued.png') });
  });

  it('shows the cases page by page, one case with its history and slips, and prints its folder', async () => {
    const page = await loggedInPage(ui.browser, ui.preview, ADMIN, { width: 1500, height: 900 });
    await page.getByRole('menuitem', { name: '案件' }).click();
    await page.getByText('共 2 件').waitFor();
    await page.getByLabel('按状态筛选').click();
    await page.getByTitle('已签收').click();
    await page.keyboard.press('Escape');
    await page.getByText('共 1 件').waitFor();
    await page.getByRole('row', { name: new RegExp(caseNo.overdue) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('办理经过').waitFor();
    expect(await drawer.textContent()).toMatch(
      /林\*\*.*已签收.*交办 JB\d+ → 县自然资源局.*签收：赵签收.*督办 DB\d+（红牌督办，超过交办期限）/,
    );
    expect(await drawer.getByRole('row', { name: /信访事项督办单/ }).count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('button', { name: '打印脱敏件' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`一案一卷-${caseNo.overdue}-脱敏.pdf`);
    await drawer.getByRole('row', { name: /信访事项档案（一案一卷）/ }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'case-view.png') });
  });
});
