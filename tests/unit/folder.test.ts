import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { folderContents } from '../../electron/core/documents/folder';
import { value } from '../../electron/core/infra/db/sql';
import {
  ADMIN,
  caller,
  createCase,
  mover,
  officeOnClock,
  registerVisit,
  saveLeader,
  saveUnit,
  type MoveInput,
} from '../helpers/core';
import { pdfPages, pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/** The titles the folder of a case that went through 复查 and 复核 holds, in date order. */
const EXPECTED = [
  ['信访事项登记单', '2026-09-29'],
  ['信访事项受理告知书', '2026-09-29'],
  ['信访事项交办单', '2026-09-29'],
  ['信访事项督办单', '2026-10-20'],
  ['延期办理告知书', '2026-10-20'],
  ['信访事项办结单', '2026-11-20'],
  ['信访事项答复意见书', '2026-11-20'],
  ['信访事项查办报告', '2026-11-23'],
  ['信访事项回访记录', '2026-11-25'],
  ['信访事项复查申请登记表', '2026-12-01'],
  ['信访事项复查意见书', '2026-12-10'],
  ['信访事项复核申请登记表', '2026-12-18'],
  ['信访事项复核意见书', '2027-01-10'],
  ['信访事项台账（摘录）', '2027-01-10'],
] as const;

describe('the case folder (一案一卷) of a case through 复查 and 复核', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: Awaited<ReturnType<typeof officeOnClock>>['admin'];
  let day: (iso: string) => Promise<void>;
  let caseId = 0;

  beforeAll(async () => {
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-09-29'));
    const leader = (await saveLeader(admin, '林海堃')).id;
    const unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    const visit = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    caseId = await createCase(admin, visit, '房屋征收安置问题', leader);
    const move = (input: MoveInput) => mover(admin)(caseId, input);
    await move({
      move: 'assign',
      instruction: '请住建局牵头核实。',
      leadUnitId: unit,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    await day('2026-09-30');
    await move({ move: 'receive', signedBy: '王建军' });
    await day('2026-10-20');
    await move({
      move: 'supervise',
      reason: 'due',
      level: 'yellow',
      requirements: '请按期答复',
      answerBy: '2026-10-26',
    });
    await move({ move: 'extend', days: 30, reason: '需多部门联合调查', approver: '林海堃' });
    await day('2026-11-20');
    // 查办报告 before 办结 is refused: it reports on a handled case.
    const report = {
      caseId,
      findings: '包案后召开协调会，查明安置房因施工方资金问题延期。',
      measures: '责成住建局督促施工方复工，明确交房时间。',
      stabilityMeasures: '城关镇确定专人每周联系信访人。',
      result: '安置房已完工，信访人已收房。',
      signedOn: '2026-11-20',
    };
    expect(await caller(core, 'admin')('cases.report', report)).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    await move({
      move: 'close',
      findings: '经核实，安置房已于11月完工。',
      outcome: 'support',
      basis: '《信访工作条例》第三十二条',
      answerDate: '2026-11-20',
      answerWay: 'written_delivered',
      satisfaction: 'basically_satisfied',
      stopped: false,
    });
    await day('2026-11-23');
    // Dated after today, or before 受理, it is refused at the field.
    expect(await caller(core, 'admin')('cases.report', { ...report, signedOn: '2026-11-24' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'signedOn' }] },
    });
    expect(await caller(core, 'admin')('cases.report', { ...report, signedOn: '2026-09-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'signedOn' }] },
    });
    expect(await caller(core, 'admin')('cases.report', { ...report, stabilityMeasures: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    await admin('cases.report', { ...report, signedOn: '2026-11-23' });
    await day('2026-11-25');
    await move({
      move: 'followUp',
      way: 'phone',
      byName: '回访组',
      result: '对交房时间有异议',
      satisfaction: 'unsatisfied',
    });
    // 复核 is asked within 30 days of the answer (moves.ts counts from the closure's answer date).
    await day('2026-12-01');
    await move({ move: 'requestReview', requestedOn: '2026-12-01', body: '县人民政府' });
    await day('2026-12-10');
    await move({ move: 'decideReview', result: '维持原处理意见', decidedOn: '2026-12-10' });
    await day('2026-12-18');
    await move({ move: 'requestRereview', requestedOn: '2026-12-18', body: '市人民政府' });
    await day('2027-01-10');
    await move({ move: 'decideRereview', result: '维持复查意见', decidedOn: '2027-01-10' });
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('lists every document of the case in date order, and its contents name the pages each one is on', async () => {
    const items = folderContents(core.store.database, caseId);
    const dates = items.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
    const printed = await core.documents.print('folder', caseId, { id: 1, name: '王管理(admin)' });
    const pages = pdfPages(printed.pdf);
    const page = (n: number) => squash(pdfText(printed.pdf, [n, n]));

    // The contents (from page 2 until the first document) as rows: no, number, 责任者, title, date, start, end.
    const contentsText: string[] = [];
    for (let n = 2; n <= pages && !page(n).includes('信访事项登记单信访事项登记单'); n++) {
      const t = pdfText(printed.pdf, [n, n], true);
      if (!t.includes('卷内目录') && !t.includes('序号')) break;
      contentsText.push(t);
    }
    const rows = contentsText
      .join('\n')
      .split('\n')
      .map((l) => /^\s*(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d{4}\.\d{2}\.\d{2})\s+(\d+)\s+(\d+)\s*$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    // A long title wraps inside its cell: the row's first line starts it.
    expect(rows.map((r) => r[5]!.replace(/\./g, '-'))).toEqual(EXPECTED.map(([, d]) => d));
    for (const [i, r] of rows.entries()) expect(EXPECTED[i]![0].startsWith(r[4]!), r[4]).toBe(true);
    expect(items.map((i) => i.date)).toEqual(EXPECTED.map(([, d]) => d));
    expect(items.map((i) => i.kind)).toEqual([
      'registration',
      'acceptance',
      'assignment',
      'supervision',
      'extension',
      'closure',
      'answer',
      'investigation',
      'follow-up',
      'review-request',
      'review-opinion',
      'review-request',
      'review-opinion',
      'ledger-extract',
    ]);
    // Every numbered document shows the number it was issued (printed now if it never was).
    const issued = (kind: string, id: number) =>
      value<string>(
        core.store.database,
        'SELECT doc_no FROM documents WHERE kind = ? AND record_id = ? AND doc_no IS NOT NULL ORDER BY id',
        kind,
        id,
      );
    for (const [i, r] of rows.entries()) {
      const item = items[i]!;
      if (item.kind === 'ledger-extract') expect(r[2]).toBe('—');
      // A long number wraps in its cell: its first line starts it.
      else expect(squash(issued(item.kind, item.id) ?? 'none').startsWith(squash(r[2]!)), item.kind).toBe(true);
    }
    // Start and end pages: each document starts on its start page (title there), is not on the page
    // before, ends on its end page, and the next one starts right after.
    for (const [i, r] of rows.entries()) {
      const [start, end] = [Number(r[6]), Number(r[7])];
      expect(end, r[4]).toBeGreaterThanOrEqual(start);
      expect(page(start), `${r[4]} starts on page ${start}`).toContain(squash(EXPECTED[i]![0]));
      if (start > 3)
        expect(page(start - 1), `${r[4]} is not before page ${start}`).not.toContain(squash(EXPECTED[i]![0]));
      const next = rows[i + 1];
      if (next) expect(Number(next[6]), `${next[4]} follows ${r[4]}`).toBe(end + 1);
    }
    // The 备考表 is the last page, after the last document, and names the range, the period and the filer.
    const last = page(pages);
    expect(Number(rows.at(-1)![7])).toBe(pages - 1);
    expect(last).toContain('卷内备考表');
    expect(last).toContain(squash(`本卷共有文件 ${rows.length} 件，自第 ${rows[0]![6]} 页至第 ${pages - 1} 页`));
    expect(last).toContain('保管期限永久');
    expect(last).toContain(`立卷人${ADMIN.displayName}`);
    expect(last).not.toContain('(admin)');
    // The cover: 档号 from the default pattern (no 全宗号 set) with the period's code and filing year.
    expect(printed.docNo).toMatch(/^2027-Y-\d{4}$/);
    expect(page(1)).toContain(`档号${printed.docNo}`);
    expect(page(1)).toContain('保管期限永久');
    // A reprint keeps the 档号.
    const again = await core.documents.print('folder', caseId, { id: 1, name: '王管理(admin)' });
    expect(again.docNo).toBe(printed.docNo);
  }, 120_000);
});
