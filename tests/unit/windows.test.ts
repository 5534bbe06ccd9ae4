import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { periodReportData } from '../../electron/core/documents/period-reports';
import { WorkCalendar } from '../../shared/domain/calendar';
import { caseDeadline, requestWindow } from '../../shared/domain/deadlines';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { monthlyDue, weeklyDue } from '../../shared/domain/stats';
import { assignCase, mover, must, officeOnClock, rawCaller, registerVisit, saveUnit } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

/**
 * The petitioner's windows (条例 art 35–36) counted from the paper the petitioner received, and
 * one rule for rolling every deadline past a non-working day: the office's, the petitioner's
 * and a report's due date. Dates are National Day 2026 (1–7 October off, Sunday 20 September
 * and Saturday 10 October worked) and ordinary weekends.
 */
const cal = new WorkCalendar();

describe('one rule for rolling', () => {
  it('rolls a window ending on a Sunday to the Monday and says so', () => {
    // An answer received on 18 September: day 30 is Sunday 18 October.
    expect(requestWindow('review', '2026-09-18', 30, cal)).toMatchObject({
      paper: '书面答复',
      last: '2026-10-19',
      rolled: true,
      label: '应在收到书面答复之日（2026-09-18）起30日内申请（截至2026-10-19，原10月18日为星期日，顺延）',
    });
    // A window ending on a working day stays put.
    expect(requestWindow('rereview', '2026-11-24', 30, cal)).toMatchObject({
      paper: '复查意见',
      last: '2026-12-24',
      rolled: false,
      label: '应在收到复查意见之日（2026-11-24）起30日内申请（截至2026-12-24）',
    });
  });

  it('rolls a window ending in National Day to the first working day after it', () => {
    // Received 3 September: day 30 is Saturday 3 October, inside the holiday; 8 October is the next working day.
    expect(requestWindow('review', '2026-09-03', 30, cal)).toMatchObject({
      last: '2026-10-08',
      label: expect.stringContaining('截至2026-10-08，原10月3日为节假日，顺延'),
    });
    // A make-up Saturday (10 October) is a working day: no roll.
    expect(requestWindow('review', '2026-09-10', 30, cal)).toMatchObject({ last: '2026-10-10', rolled: false });
  });

  it('puts the September 2026 monthly report on 8 October, not on the holiday of 4 October', () => {
    expect(monthlyDue('2026-09', 4, cal)).toEqual({
      raw: '2026-10-04',
      date: '2026-10-08',
      rolled: true,
      unknownYears: [],
    });
    // October's report is due on Wednesday 4 November as the rule says.
    expect(monthlyDue('2026-10', 4, cal)).toMatchObject({ date: '2026-11-04', rolled: false });
    // The week of 28 September: its Friday is 2 October, a holiday.
    expect(weeklyDue('2026-09-28', cal)).toMatchObject({ raw: '2026-10-02', date: '2026-10-08', rolled: true });
  });

  it('labels the office’s own rolled deadline the same way', () => {
    // 60 days from 5 August is Sunday 4 October, inside National Day.
    expect(caseDeadline('answer_60_days', '2026-08-05', cal, DEFAULT_SETTINGS)).toMatchObject({
      date: '2026-10-08',
      label: '自受理之日起60日（原10月4日为节假日，顺延）',
    });
  });
});

describe('windows counted from the right paper, through the contract', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day: (iso: string) => Promise<void>;
  let unit = 0;

  beforeEach(async () => {
    tmp = tempDir();
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-08-03'));
    unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  /** A case registered on 3 August, assigned, received and answered on `answerDate` (the clock is left there). */
  const answeredCase = async (answerDate: string, deliveredOn: string | null = null) => {
    const visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付');
    const { caseId } = await admin('cases.create', {
      visitId,
      title: '安置房逾期交付',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: false,
    });
    await assignCase(admin, caseId, unit);
    const move = mover(admin);
    await move(caseId, { move: 'receive', signedBy: '王建军' });
    await day(deliveredOn ?? answerDate);
    await move(caseId, {
      move: 'close',
      findings: '经核实，安置房已完工。',
      outcome: 'support',
      basis: '《信访工作条例》第三十二条',
      answerDate,
      deliveredOn,
      answerWay: 'written_mailed',
      satisfaction: 'unknown',
      stopped: false,
    });
    return caseId;
  };

  /** Everything a move could write: the case, its reviews and closures, and the audit trail. */
  const state = (caseId: number) => {
    const db = core.store.database;
    return {
      c: db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId),
      reviews: db.prepare('SELECT * FROM reviews WHERE case_id = ? ORDER BY id').all(caseId),
      closures: db.prepare('SELECT * FROM closures WHERE case_id = ? ORDER BY id').all(caseId),
      audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    };
  };

  /** A move refused with `code` (and `path`, when the refusal is at a field) that leaves the database as it was. */
  const refused = async (caseId: number, input: Record<string, unknown>, code: string, message?: string) => {
    const before = state(caseId);
    const r = await rawCaller(core, 'admin')('cases.move', { caseId, ...input });
    expect(r).toMatchObject({ ok: false, error: { code, ...(message ? { message } : {}) } });
    expect(state(caseId)).toEqual(before);
    return r;
  };

  it('counts the 复核 window from the 复查 opinion’s delivery: day 30 accepted, day 31 refused', async () => {
    // The finding: answered 20 October, 复查 asked 19 November (day 30 of the answer), decided 24 November.
    const caseId = await answeredCase('2026-10-20');
    const move = mover(admin);
    await day('2026-11-19');
    await move(caseId, { move: 'requestReview', requestedOn: '2026-11-19', body: '县人民政府' });
    await day('2026-11-24');
    await move(caseId, { move: 'decideReview', result: '维持原处理意见', decidedOn: '2026-11-24' });
    const shown = (await admin('cases.get', { caseId })).requestWindow;
    expect(shown).toMatchObject({
      kind: 'rereview',
      from: '2026-11-24',
      last: '2026-12-24',
      label: '应在收到复查意见之日（2026-11-24）起30日内申请（截至2026-12-24）',
    });
    // Day 31 (25 December) is refused, with the paper and the last day in the message.
    await day('2026-12-25');
    await refused(
      caseId,
      { move: 'requestRereview', requestedOn: '2026-12-25', body: '市人民政府' },
      'RULE_VIOLATION',
      '应在收到复查意见之日（2026-11-24）起30日内申请（截至2026-12-24），已超过期限。',
    );
    // Day 30 (24 December) is accepted, and the 复核 answer period counts from that request.
    expect(
      await move(caseId, { move: 'requestRereview', requestedOn: '2026-12-24', body: '市人民政府' }),
    ).toMatchObject({ status: 'in_rereview', deadline: '2027-01-25' });
    expect(
      core.store.database.prepare("SELECT delivered_on FROM reviews WHERE case_id = ? AND kind = 'review'").get(caseId),
    ).toEqual({ delivered_on: '2026-11-24' });
  });

  it('counts from a later delivery, rolled past a Sunday', async () => {
    const caseId = await answeredCase('2026-10-20');
    const move = mover(admin);
    await day('2026-11-02');
    await move(caseId, { move: 'requestReview', requestedOn: '2026-11-02', body: '县人民政府' });
    // Decided 24 November, received by post on the 27th: day 30 is Sunday 27 December.
    await day('2026-11-27');
    await move(caseId, {
      move: 'decideReview',
      result: '维持原处理意见',
      decidedOn: '2026-11-24',
      deliveredOn: '2026-11-27',
    });
    expect((await admin('cases.get', { caseId })).requestWindow).toMatchObject({
      label: '应在收到复查意见之日（2026-11-27）起30日内申请（截至2026-12-28，原12月27日为星期日，顺延）',
    });
    await day('2026-12-29');
    await refused(caseId, { move: 'requestRereview', requestedOn: '2026-12-29', body: '市人民政府' }, 'RULE_VIOLATION');
    expect(
      await move(caseId, { move: 'requestRereview', requestedOn: '2026-12-28', body: '市人民政府' }),
    ).toMatchObject({ status: 'in_rereview' });
  });

  it('accepts on Monday 19 October a 复查 window that ended on Sunday 18 October', async () => {
    const caseId = await answeredCase('2026-09-18');
    expect((await admin('cases.get', { caseId })).requestWindow).toMatchObject({
      kind: 'review',
      paper: '书面答复',
      last: '2026-10-19',
      rolled: true,
    });
    await day('2026-10-20');
    await refused(
      caseId,
      { move: 'requestReview', requestedOn: '2026-10-20', body: '县人民政府' },
      'RULE_VIOLATION',
      '应在收到书面答复之日（2026-09-18）起30日内申请（截至2026-10-19，原10月18日为星期日，顺延），已超过期限。',
    );
    expect(
      await mover(admin)(caseId, { move: 'requestReview', requestedOn: '2026-10-19', body: '县人民政府' }),
    ).toMatchObject({ status: 'in_review' });
  });

  it('counts the 复查 window from the recorded delivery of the written answer', async () => {
    // Answered 18 September, received by post on the 25th: the window runs to 25 October (a Sunday) → 26th.
    const caseId = await answeredCase('2026-09-18', '2026-09-25');
    expect((await admin('cases.get', { caseId })).requestWindow).toMatchObject({
      from: '2026-09-25',
      last: '2026-10-26',
    });
    await day('2026-10-26');
    expect(
      await mover(admin)(caseId, { move: 'requestReview', requestedOn: '2026-10-26', body: '县人民政府' }),
    ).toMatchObject({ status: 'in_review' });
  });

  it('refuses impossible dates at the field and changes nothing', async () => {
    const caseId = await answeredCase('2026-10-20');
    // A request before the answer reached the petitioner, or dated after today.
    await day('2026-10-22');
    await refused(caseId, { move: 'requestReview', requestedOn: '2026-10-19', body: '县人民政府' }, 'BAD_INPUT');
    const future = await refused(
      caseId,
      { move: 'requestReview', requestedOn: '2026-10-23', body: '县人民政府' },
      'BAD_INPUT',
    );
    expect(future).toMatchObject({ error: { fields: [{ path: 'requestedOn' }] } });
    await mover(admin)(caseId, { move: 'requestReview', requestedOn: '2026-10-22', body: '县人民政府' });
    await day('2026-11-10');
    const decide = { move: 'decideReview', result: '维持原处理意见', decidedOn: '2026-11-09' };
    // Delivered before it was decided: refused by the contract.
    expect(await refused(caseId, { ...decide, deliveredOn: '2026-11-08' }, 'BAD_INPUT')).toMatchObject({
      error: { fields: [{ path: 'deliveredOn', message: '送达日期不能早于答复日期' }] },
    });
    // Delivered after today, decided after today, or decided before the request: refused by the rules.
    expect(await refused(caseId, { ...decide, deliveredOn: '2026-11-11' }, 'BAD_INPUT')).toMatchObject({
      error: { fields: [{ path: 'deliveredOn' }] },
    });
    expect(await refused(caseId, { ...decide, decidedOn: '2026-11-11' }, 'BAD_INPUT')).toMatchObject({
      error: { fields: [{ path: 'decidedOn' }] },
    });
    expect(await refused(caseId, { ...decide, decidedOn: '2026-10-21' }, 'BAD_INPUT')).toMatchObject({
      error: { fields: [{ path: 'decidedOn' }] },
    });
    // Not a date at all.
    await refused(caseId, { ...decide, deliveredOn: '2026-02-30' }, 'BAD_INPUT');
    await mover(admin)(caseId, { ...decide, deliveredOn: '2026-11-10' } as never);
    expect(
      core.store.database.prepare('SELECT decided_on, delivered_on FROM reviews WHERE case_id = ?').get(caseId),
    ).toEqual({ decided_on: '2026-11-09', delivered_on: '2026-11-10' });
  });

  it('refuses a written answer delivered before it was dated, or after today', async () => {
    const visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付');
    const { caseId } = await admin('cases.create', {
      visitId,
      title: '安置房逾期交付',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: false,
    });
    await assignCase(admin, caseId, unit);
    await mover(admin)(caseId, { move: 'receive', signedBy: '王建军' });
    await day('2026-09-20');
    const close = {
      move: 'close',
      findings: '经核实，安置房已完工。',
      outcome: 'support',
      basis: '条例',
      answerDate: '2026-09-18',
      answerWay: 'written_mailed',
      satisfaction: 'unknown',
      stopped: false,
    };
    await refused(caseId, { ...close, deliveredOn: '2026-09-17' }, 'BAD_INPUT');
    await refused(caseId, { ...close, deliveredOn: '2026-09-21' }, 'BAD_INPUT');
  });
});

describe('the monthly report’s due date, as printed', () => {
  it('says September 2026 is due on 8 October and why', async () => {
    const tmp = tempDir();
    const { core } = await officeOnClock(tmp.dir, '2026-10-09');
    try {
      const db = core.store.database;
      expect(periodReportData(db, 'monthly', '2026-09-01', '2026-10-09', '王管理').due).toBe(
        '报送时限：2026年10月8日（原10月4日为节假日，顺延）前',
      );
      expect(periodReportData(db, 'monthly', '2026-10-01', '2026-11-09', '王管理').due).toBe(
        '报送时限：2026年11月4日（次月4日）前',
      );
      expect(periodReportData(db, 'weekly', '2026-09-28', '2026-10-09', '王管理').due).toBe(
        '报送时限：2026年10月8日（原10月2日为节假日，顺延）前',
      );
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
