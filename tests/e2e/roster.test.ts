import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, loggedInPage, startPreview } from '../helpers/preview';
import type { Core } from '../../electron/core';
import type { MethodInput } from '../../shared/contract';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { hall, passwordFile } from '../helpers/cli';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

describe('roster: rules, absences, substitutes, checks and the notice', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const ids = { a: 0, b: 0, c: 0, room: 0 };
  let pw: string;

  beforeAll(async () => {
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const db = core.store.database;
    const leader = (name: string, post: string, portfolio: string) =>
      Number(
        db
          .prepare("INSERT INTO leaders (name, post, portfolio, rank) VALUES (?, ?, ?, '副县级')")
          .run(name, post, portfolio).lastInsertRowid,
      );
    ids.a = leader('吴晓喆', '副县长', '自然资源、住房城乡建设');
    ids.b = leader('黄丽娟', '副县长', '教育、卫生健康');
    ids.c = leader('赵德明', '副县长', '农业农村、生态环境');
    ids.room = Number(db.prepare("INSERT INTO rooms (name) VALUES ('第一接待室')").run().lastInsertRowid);
    pw = passwordFile(tmp.dir, ADMIN.password);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  const hallAsAdmin = (args: string[]) => hall(tmp.dir, [...args, '--user', ADMIN.username, '--password-file', pw]);

  /** A rule's input but for its schedule and leaders, which each test gives. */
  const rule = (
    over: Partial<MethodInput<'roster.saveRule'>>,
  ): Omit<MethodInput<'roster.saveRule'>, 'params' | 'leaderIds'> => ({
    name: '规则',
    shiftToWorkingDay: true,
    session: 'morning' as const,
    startTime: '08:30',
    endTime: '11:30',
    form: 'regular' as const,
    roomId: ids.room,
    place: null,
    validFrom: '2026-10-01',
    validTo: null,
    ...over,
  });

  it('generates slots from rules and keeps hand edits on regenerating', async () => {
    const every = await admin('roster.saveRule', {
      ...rule({}),
      name: '每个工作日',
      params: { kind: 'every_working_day' },
      leaderIds: [ids.a],
    });
    expect(await admin('roster.generate', { ruleId: every.id, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      created: 21,
      kept: 0,
    });
    expect(await admin('roster.generate', { ruleId: every.id, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      created: 0,
      kept: 21,
    });
    // One slot moved by hand to the afternoon of the next day: regenerating neither moves it back nor adds another.
    const moved = (await admin('roster.slots', { from: '2026-11-10', to: '2026-11-10' }))[0]!;
    await admin('roster.updateSlot', {
      slotId: moved.id,
      date: '2026-11-11',
      startTime: '14:30',
      endTime: '17:30',
      form: 'regular',
      roomId: ids.room,
      place: null,
      note: '领导调整',
      cancelled: false,
    });
    expect(await admin('roster.generate', { ruleId: every.id, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      created: 0,
      kept: 21,
    });
    expect((await admin('roster.slots', { from: '2026-11-10', to: '2026-11-10' })).length).toBe(0);
    expect(
      (await admin('roster.slots', { from: '2026-11-11', to: '2026-11-11' })).map((s) => [s.startTime, s.edited]),
    ).toEqual([
      ['08:30', false],
      ['14:30', true],
    ]);
    expect(
      await caller(core, 'admin')('roster.updateSlot', {
        slotId: moved.id,
        date: '2026-11-11',
        startTime: '14:30',
        endTime: '12:00',
        form: 'regular',
        roomId: null,
        place: null,
        note: null,
        cancelled: false,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'endTime' }] },
    });
    await admin('roster.updateSlot', {
      slotId: moved.id,
      date: '2026-11-10',
      startTime: '08:30',
      endTime: '11:30',
      form: 'regular',
      roomId: ids.room,
      place: null,
      note: null,
      cancelled: false,
    });
    const mondays = await admin('roster.saveRule', {
      ...rule({}),
      name: '每周一',
      params: { kind: 'weekly', weekdays: [1] },
      leaderIds: [ids.c],
    });
    await admin('roster.generate', { ruleId: mondays.id, from: '2026-11-01', to: '2026-11-30' });
    for (const [leader, date] of [
      [ids.a, '2026-11-25'],
      [ids.c, '2026-10-21'],
    ] as const) {
      const out = await admin('roster.saveRule', {
        ...rule({ form: 'outside', place: '柳林镇红星村', roomId: null }),
        name: '下访',
        params: { kind: 'once', dates: [date] },
        leaderIds: [leader],
      });
      await admin('roster.generate', { ruleId: out.id, from: '2026-10-01', to: '2026-11-30' });
    }
    const refused = await caller(core, 'admin')('roster.saveRule', {
      ...rule({ form: 'outside', place: null }),
      name: '下访',
      params: { kind: 'once', dates: ['2026-11-26'] },
      leaderIds: [ids.a],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'place' }] } });
  });

  it('flags a working day whose leader is absent without a substitute, and a leader below quota, in hall roster check', async () => {
    const slot = (await admin('roster.slots', { from: '2026-11-18', to: '2026-11-18' }))[0]!;
    await admin('roster.markAbsent', { slotId: slot.id, leaderId: ids.a, reason: '参加市里会议' });
    const report = hallAsAdmin(['roster', 'check', '--month', '2026-11']);
    expect(report.code, report.err).toBe(0);
    const json = JSON.parse(report.out) as {
      uncovered: string[];
      shortfalls: { name: string; monthReceptions: number; quarterOutside: number }[];
      needsSubstitute: { date: string }[];
    };
    expect(json.uncovered).toEqual(['2026-11-18']);
    expect(json.needsSubstitute.map((n) => n.date)).toEqual(['2026-11-18']);
    expect(json.shortfalls).toEqual([
      expect.objectContaining({ name: '黄丽娟', monthReceptions: 0, quarterOutside: 0 }),
    ]);
  });

  it('counts the day as covered once a substitute is arranged, and the notice shows the substitute', async () => {
    const slot = (await admin('roster.slots', { from: '2026-11-18', to: '2026-11-18' }))[0]!;
    expect(
      await caller(core, 'admin')('roster.substitute', {
        slotId: slot.id,
        absentLeaderId: ids.b,
        substituteLeaderId: ids.c,
      }),
    ).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    await admin('roster.substitute', { slotId: slot.id, absentLeaderId: ids.a, substituteLeaderId: ids.b });
    const report = await admin('roster.check', { month: '2026-11' });
    expect(report.uncovered).toEqual([]);
    expect(report.shortfalls).toEqual([
      expect.objectContaining({ name: '黄丽娟', monthReceptions: 1, quarterOutside: 0 }),
    ]);

    const week = await admin('roster.slots', { from: '2026-11-16', to: '2026-11-22' });
    const printed = await core.documents.print('notice', week[0]!.id, { id: 1, name: '王管理' });
    const text = squash(pdfText(printed.pdf, undefined, true));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'notice-week.pdf'), printed.pdf);
    expect(text).toContain('2026年11月16日至11月22日');
    // Wrapped cells interleave in extracted text: the substitute and the note sit in the 11-18 row.
    const row18 = text.slice(text.indexOf('11月18日'), text.indexOf('11月19日'));
    expect(row18).toContain('黄丽娟');
    expect(row18).toContain('（代吴晓喆）');
    // Mon 16 has both the daily and the Monday rule; 17-20 one each: six rows, none at the weekend.
    const rows = week.flatMap((s) => s.leaders.filter((l) => !l.absent).map((l) => `${s.date}:${l.name}`));
    expect(rows).toEqual([
      '2026-11-16:吴晓喆',
      '2026-11-16:赵德明',
      '2026-11-17:吴晓喆',
      '2026-11-18:黄丽娟',
      '2026-11-19:吴晓喆',
      '2026-11-20:吴晓喆',
    ]);
    for (const day of ['11月16日', '11月17日', '11月18日', '11月19日', '11月20日']) expect(text).toContain(day);
    expect(text).not.toContain('11月21日');
    expect(text.match(/吴晓喆/g)?.length).toBe(4 + 1); // four days, and once as the replaced leader
  });

  it('shows the gaps in 排班 › 值班表, and a substitute chosen there closes them', async () => {
    // Another absence, this time on 11-19, to be replaced through the screen.
    const slot19 = (await admin('roster.slots', { from: '2026-11-19', to: '2026-11-19' }))[0]!;
    await admin('roster.markAbsent', { slotId: slot19.id, leaderId: ids.a, reason: '外出学习' });
    const preview = await startPreview(tmp.dir);
    const browser = await launchBrowser();
    try {
      const page = await loggedInPage(browser, preview, ADMIN, { width: 1500, height: 1000 });
      await page.getByRole('menuitem', { name: '排班' }).click();
      await page.getByLabel('月份').fill('2026-11');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const card = page.getByTestId('roster-check');
      await expect.poll(() => card.textContent()).toContain('2026-11-19 星期四');
      const text = (await card.textContent())!;
      expect(text).toContain('无人值班的工作日');
      expect(text).toMatch(/黄丽娟（副县长）：本月接访 1\/1 天，本季度下访 0\/1 次/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'roster-check.png') });
      await page.getByLabel('替班-2026-11-19').click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '赵德明' })
        .click();
      await expect.poll(() => card.textContent()).not.toContain('无人值班的工作日');

      // A new leader entered in 领导与参加人 is there to be rostered.
      await page.getByRole('tab', { name: '领导与参加人' }).click();
      await page.getByRole('button', { name: '新增领导' }).click();
      await page.getByLabel('姓名').fill('马春燕');
      await page.getByLabel('职务').fill('县人大常委会副主任');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('cell', { name: '马春燕' }).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'roster-people.png') });

      // An Excel file with a bad row: the dry run lists it, nothing is imported.
      const exported = await admin('transfer.export', { what: 'leaders' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
      wb.worksheets[0]!.getRow(2).getCell(8).value = '外星事务';
      const bad = path.join(tmp.dir, 'leaders-bad.xlsx');
      fs.writeFileSync(bad, Buffer.from(await wb.xlsx.writeBuffer()));
      await page.locator('input[type=file]').first().setInputFiles(bad);
      await page.getByText('文件中有错误，未导入任何数据').waitFor();
      expect(await page.getByRole('cell', { name: '没有名为“外星事务”的问题类别' }).count()).toBe(1);
    } finally {
      await browser.close();
      await preview.stop();
    }
  });

  it('hall roster show prints the slots as JSON and refuses a bad range', () => {
    const r = hallAsAdmin(['roster', 'show', '--from', '2026-11-18', '--to', '2026-11-18']);
    expect(r.code, r.err).toBe(0);
    const slots = JSON.parse(r.out) as {
      date: string;
      leaders: { name: string; absent: boolean; substituteFor: string | null }[];
    }[];
    expect(slots[0]!.leaders).toEqual([
      expect.objectContaining({ name: '吴晓喆', absent: true }),
      expect.objectContaining({ name: '黄丽娟', absent: false, substituteFor: '吴晓喆' }),
    ]);
    expect(hall(tmp.dir, ['roster', 'show', '--from', '2026-11-20', '--to', '2026-11-18']).code).toBe(2);
    expect(hall(tmp.dir, ['roster', 'check', '--month', '2026-13']).code).toBe(2);
  });
});
