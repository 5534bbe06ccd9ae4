import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import {
  ARCHIVIST,
  caller,
  createAndLogin,
  mover,
  must,
  officeOnClock,
  rawCaller,
  registerVisit,
  saveUnit,
  type MoveInput,
} from '../helpers/core';
import { snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

describe('a case from the visit to the final answer, through the contract', () => {
  // Each test starts from its own store: a visit at the counter on 29 September 2026, two units.
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day: (iso: string) => Promise<void>;
  const ids = { visit: 0, unit: 0, assist: 0 };

  beforeEach(async () => {
    tmp = tempDir();
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-09-29'));
    ids.unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    ids.assist = (await saveUnit(admin, '城关镇人民政府')).id;
    ids.visit = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付', {
      petitioners: [
        { name: '𠮷春燕', sex: 'unknown', idNumber: '', phone: '13905731234', address: '', isRepresentative: false },
      ],
    });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const openCase = async () =>
    (
      await admin('cases.create', {
        visitId: ids.visit,
        title: '房屋征收安置问题',
        owningLeaderId: null,
        deadlineRule: 'visit_15_working_days',
        joinExisting: true,
      })
    ).caseId;

  /** The audit actions of a case opened and walked to final, in order. */
  const WALKED = [
    'case.create',
    'case.assign',
    'case.receive',
    'case.supervise',
    'case.extend',
    'case.close',
    'case.followUp',
    'case.requestReview',
    'case.decideReview',
    'case.requestRereview',
    'case.decideRereview',
  ];

  /** Every move from accepted to final, each checked, with the two a case may make only once refused on the way. */
  const walkToFinal = async (caseId: number) => {
    const move = (input: MoveInput) => mover(admin)(caseId, input);
    expect(
      await move({
        move: 'assign',
        instruction: '请住建局牵头核实，15个工作日内答复。',
        leadUnitId: ids.unit,
        assistUnitIds: [ids.assist],
        reportRequirements: '',
        deadlineRule: 'visit_15_working_days',
      }),
    ).toMatchObject({ status: 'assigned' });
    await day('2026-09-30');
    expect(await move({ move: 'receive', signedBy: '王建军' })).toMatchObject({ status: 'received' });
    await day('2026-10-20');
    expect(
      await move({
        move: 'supervise',
        reason: 'due',
        level: 'yellow',
        requirements: '请按期答复',
        answerBy: '2026-10-26',
      }),
    ).toMatchObject({ status: 'received' });
    expect(await move({ move: 'extend', days: 30, reason: '需多部门联合调查', approver: '林海堃' })).toMatchObject({
      status: 'extended',
      deadline: '2026-11-25',
    });
    expect(
      await caller(core, 'admin')('cases.move', {
        move: 'extend',
        caseId,
        days: 10,
        reason: '再延一次',
        approver: '林海堃',
      }),
    ).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '办理期限只能延长一次。' } });
    await day('2026-11-20');
    expect(
      await move({
        move: 'close',
        findings: '经核实，安置房已于11月完工。',
        outcome: 'support',
        basis: '《信访工作条例》第三十二条',
        answerDate: '2026-11-20',
        answerWay: 'written_delivered',
        satisfaction: 'basically_satisfied',
        stopped: false,
      }),
    ).toMatchObject({ status: 'closed' });
    expect(
      await move({
        move: 'followUp',
        way: 'phone',
        byName: '回访组',
        result: '信访人对交房时间有异议',
        satisfaction: 'unsatisfied',
      }),
    ).toMatchObject({ status: 'followed_up' });
    // The answer of 20 November opens a window to Sunday 20 December, rolled to Monday the 21st.
    await day('2026-12-30');
    expect(
      await caller(core, 'admin')('cases.move', {
        move: 'requestReview',
        caseId,
        requestedOn: '2026-12-30',
        body: '县人民政府',
      }),
    ).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining('已超过期限') } });
    expect(await move({ move: 'requestReview', requestedOn: '2026-12-10', body: '县人民政府' })).toMatchObject({
      status: 'in_review',
      stage: 'review',
      deadline: '2027-01-11',
    });
    await day('2027-01-05');
    expect(await move({ move: 'decideReview', result: '维持原处理意见', decidedOn: '2027-01-05' })).toMatchObject({
      status: 'closed',
      stage: 'review',
    });
    await day('2027-01-15');
    expect(await move({ move: 'requestRereview', requestedOn: '2027-01-15', body: '市人民政府' })).toMatchObject({
      status: 'in_rereview',
      stage: 'rereview',
    });
    await day('2027-02-10');
    expect(await move({ move: 'decideRereview', result: '维持复查意见', decidedOn: '2027-02-10' })).toMatchObject({
      status: 'final',
    });
  };

  it('opens a case with a 15-working-day deadline that knows it crossed National Day', async () => {
    const c = await admin('cases.create', {
      visitId: ids.visit,
      title: '房屋征收安置问题',
      owningLeaderId: null,
      deadlineRule: 'visit_15_working_days',
      joinExisting: true,
    });
    expect(c).toMatchObject({
      joined: false,
      deadline: '2026-10-26',
      deadlineLabel: '领导接访交办事项，自交办之日起15个工作日',
      caseNo: expect.stringMatching(/^XF2026\d{4}$/),
    });
    expect(
      await caller(core, 'admin')('cases.create', {
        visitId: ids.visit,
        title: '再次立案',
        owningLeaderId: null,
        deadlineRule: 'answer_60_days',
        joinExisting: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a move out of order with its code and changes nothing', async () => {
    const caseId = await openCase();
    const before = snapshot(tmp.dir);
    const dbBefore = core.store.database.prepare('SELECT * FROM cases WHERE id = ?').get(caseId);
    for (const [input, code] of [
      [{ move: 'receive', caseId, signedBy: '王建军' }, 'RULE_VIOLATION'],
      [
        { move: 'assign', caseId, instruction: '请核实办理。', leadUnitId: ids.unit, deadlineRule: 'custom' },
        'BAD_INPUT',
      ],
      [
        {
          move: 'close',
          caseId,
          findings: '核实',
          outcome: 'explain',
          basis: '条例',
          answerDate: '2026-10-10',
          answerWay: 'written_delivered',
          satisfaction: 'satisfied',
          stopped: true,
        },
        'RULE_VIOLATION',
      ],
      [{ move: 'decideRereview', caseId, result: '维持', decidedOn: '2026-10-10' }, 'RULE_VIOLATION'],
    ] as const) {
      expect(await rawCaller(core, 'admin')('cases.move', input)).toMatchObject({ ok: false, error: { code } });
    }
    expect(core.store.database.prepare('SELECT * FROM cases WHERE id = ?').get(caseId)).toEqual(dbBefore);
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    expect(Object.keys(snapshot(tmp.dir))).toEqual(Object.keys(before));
  });

  it('walks assign, receive, supervise, extend (once), close, follow-up, review and re-review to final', async () => {
    const caseId = await openCase();
    await walkToFinal(caseId);
    expect(core.store.database.prepare('SELECT final, version FROM cases WHERE id = ?').get(caseId)).toEqual({
      final: 1,
      version: 11,
    });
    const actions = (await admin('audit.list', { limit: 100 })).entries
      .map((e) => e.action)
      .filter((a) => a.startsWith('case.'));
    expect(actions).toEqual(expect.arrayContaining(WALKED));
    // The folder holds the five slips and the interview-less registration.
    const printed = await core.documents.print('folder', caseId, { id: 1, name: '钱档案' });
    expect(printed.pages).toBeGreaterThan(4);
  });

  it('shows the whole case on one page: every slip, the printed folder and its audit trail, with the name masked', async () => {
    const caseId = await openCase();
    await walkToFinal(caseId);
    await core.documents.print('folder', caseId, { id: 1, name: '钱档案' });
    const c = await admin('cases.get', { caseId });
    expect(c).toMatchObject({
      petitioner: '𠮷**',
      status: 'final',
      final: true,
      deadlineLabel: expect.stringContaining('复'),
    });
    expect(c.visits).toHaveLength(1);
    expect(c.assignments).toEqual([
      expect.objectContaining({ leadUnit: '县住房和城乡建设局', receivedBy: '王建军', deadlineOn: '2026-10-26' }),
    ]);
    expect(c.supervisions).toEqual([
      expect.objectContaining({ level: 'yellow', reason: 'due', answerBy: '2026-10-26' }),
    ]);
    expect(c.extensions).toEqual([
      expect.objectContaining({ days: 30, newDeadlineOn: '2026-11-25', approver: '林海堃' }),
    ]);
    expect(c.closures.map((x) => x.stage)).toEqual(['handling']);
    expect(c.reviews.map((r) => [r.kind, r.result])).toEqual([
      ['review', '维持原处理意见'],
      ['rereview', '维持复查意见'],
    ]);
    expect(c.documents.map((d) => d.kind)).toContain('folder');
    expect(c.audit.map((a) => a.action)).toEqual(WALKED);
    expect(await admin('cases.list', { status: 'final' })).toMatchObject({
      total: 1,
      rows: [{ caseId, petitioner: '𠮷**', daysLeft: null }],
    });
    expect(await admin('cases.list', { status: 'assigned' })).toEqual({ total: 0, rows: [] });
    expect(await caller(core, 'admin')('cases.get', { caseId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps the archivist from moving a case', async () => {
    const caseId = await openCase();
    await createAndLogin(admin, core, 'arch', ARCHIVIST);
    expect(
      await caller(core, 'arch')('cases.move', {
        move: 'followUp',
        caseId,
        way: 'phone',
        byName: '某',
        result: '回访',
        satisfaction: 'unknown',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
