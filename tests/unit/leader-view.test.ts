import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { quarterRecord } from '../../shared/documents/quarterly';
import {
  caller,
  createCase,
  loginAsNew,
  mover,
  must,
  officeOnClock,
  registerVisit,
  saveLeader,
  saveUnit,
  type MoveInput,
} from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/** A 接访领导 account sees the cases its leader owns, and prints the quarterly account of them (seed 001). */
describe("the leaders' view and the quarterly report", () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day: (iso: string) => Promise<void>;
  const ids = { wu: 0, lin: 0, unit: 0, open: 0, overdue: 0, closed: 0, other: 0 };
  const LEADER = { username: 'wuxz', displayName: '吴晓喆', password: 'leader pass 1' };
  const LEADER_PASSWORD = 'leader pass 22';
  let sessions = 0;

  /** 吴晓喆 logged in on a window of their own. */
  const asLeader = async () => {
    const clientId = `leader-${++sessions}`;
    await must(core, clientId)('auth.login', { username: LEADER.username, password: LEADER_PASSWORD });
    return { me: must(core, clientId), call: caller(core, clientId) };
  };

  const openCase = async (title: string, leaderId: number) =>
    createCase(admin, await registerVisit(admin, `欧阳${title.slice(0, 1)}`, title), title, leaderId);
  const move = (caseId: number, input: MoveInput) => mover(admin)(caseId, input);

  beforeAll(async () => {
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-10-12'));
    const leader = (name: string) => saveLeader(admin, name);
    ids.wu = (await leader('吴晓喆')).id;
    ids.lin = (await leader('林海堃')).id;
    ids.unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    ids.open = await openCase('安置房逾期交付', ids.wu);
    ids.overdue = await openCase('拖欠工程款', ids.wu);
    ids.closed = await openCase('道路破损', ids.wu);
    ids.other = await openCase('农田灌溉', ids.lin);
    for (const c of [ids.open, ids.overdue, ids.closed])
      await move(c, {
        move: 'assign',
        instruction: '请核实办理。',
        leadUnitId: ids.unit,
        deadlineRule: 'visit_15_working_days',
      });
    await move(ids.overdue, {
      move: 'supervise',
      reason: 'due',
      level: 'yellow',
      requirements: '',
      answerBy: '2026-10-20',
    });
    await move(ids.closed, { move: 'receive', signedBy: '王建军' });
    await move(ids.closed, {
      move: 'close',
      findings: '道路已修复。',
      outcome: 'support',
      basis: '条例第三十二条',
      answerDate: '2026-10-20',
      answerWay: 'written_delivered',
      satisfaction: 'satisfied',
      stopped: true,
    });
    await move(ids.open, { move: 'receive', signedBy: '李娜' });
    await move(ids.open, { move: 'extend', days: 30, reason: '需重新评估', approver: '吴晓喆' });
    await day('2026-11-20');
    // 吴晓喆's account, its first password changed, for the tests that act as the leader.
    await admin('accounts.create', { ...LEADER, role: 'leader', leaderId: ids.wu });
    await loginAsNew(core, 'leader-setup', LEADER, LEADER_PASSWORD);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('links a leader account to its leader, and refuses one without', async () => {
    const LIN = { username: 'linhk', displayName: '林海堃', password: 'leader pass 3' };
    expect(await caller(core, 'admin')('accounts.create', { ...LIN, role: 'leader' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'leaderId', message: '接访领导账号须关联一位接访领导' }] },
    });
    expect(await caller(core, 'admin')('accounts.create', { ...LIN, role: 'leader', leaderId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'leaderId', message: '所选领导不存在或已停用' }] },
    });
    expect(
      await caller(core, 'admin')('accounts.create', { ...LIN, role: 'operator', leaderId: ids.lin }),
    ).toMatchObject({ ok: false, error: { fields: [{ path: 'leaderId' }] } });
    expect(await admin('accounts.create', { ...LIN, role: 'leader', leaderId: ids.lin })).toMatchObject({
      role: 'leader',
      leaderId: ids.lin,
    });
    expect((await admin('accounts.list', {})).find((a) => a.username === LEADER.username)).toMatchObject({
      role: 'leader',
      leaderId: ids.wu,
    });
  });

  it("shows a leader only the cases they own, and refuses another leader's case", async () => {
    const { me, call } = await asLeader();
    // Even when asking for another leader's cases.
    const mine = await me('cases.list', { leaderId: ids.lin, limit: 50, offset: 0 });
    expect(mine.rows.map((r) => r.caseId).sort()).toEqual([ids.open, ids.overdue, ids.closed].sort());
    expect(await call('cases.get', { caseId: ids.other })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await me('cases.get', { caseId: ids.open })).caseId).toBe(ids.open);
    expect(
      await call('documents.print', { kind: 'quarterly', recordId: quarterRecord(ids.lin, 2026, 4) }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The administrator sees everyone's.
    expect((await admin('cases.list', { limit: 50, offset: 0 })).rows.map((r) => r.caseId)).toEqual(
      expect.arrayContaining([ids.open, ids.overdue, ids.closed, ids.other]),
    );
  });

  it("prints the quarter's account: unsettled cases with their deadlines, overdue days and progress", async () => {
    const { me } = await asLeader();
    const printed = await me('documents.print', { kind: 'quarterly', recordId: quarterRecord(ids.wu, 2026, 4) });
    const text = squash(pdfText(Buffer.from(printed.pdfBase64, 'base64')));
    expect(text).toContain(squash('包案信访事项办理情况季度报告'));
    expect(text).toContain(squash('吴晓喆　2026年第四季度'));
    // Two unsettled (the extended one and the overdue one), the closed one not listed.
    expect(text).toContain(squash('安置房逾期交付'));
    expect(text).toContain(squash('拖欠工程款'));
    expect(text).not.toContain(squash('道路破损'));
    expect(text).not.toContain(squash('农田灌溉'));
    // Assigned 12 Oct, 15 working days → 2 Nov; on 20 Nov that is 18 days overdue, never signed for, supervised once.
    expect(text).toContain('2026-11-02');
    expect(text).toContain('超期18日');
    expect(text).toContain(squash('责任单位未签收；督办1次'));
    expect(text).toContain(squash('截至2026年11月20日，本人包案未办结信访事项2件，其中超过办理期限1件'));
    expect(value<number>(core.store.database, "SELECT count(*) AS n FROM documents WHERE kind = 'quarterly'")).toBe(1);
  });

  it('files the owning leader’s letter of responsibility with the case, and refuses one for a case nobody owns', async () => {
    const { me } = await asLeader();
    const letter = {
      unitId: ids.unit,
      responsiblePerson: '王建军',
      goal: '明确交房时间，落实过渡费，实现息诉罢访。',
      measures: '每半月听取一次进展汇报。',
      deadlineOn: '2026-12-31',
      signedOn: '2026-11-20',
    };
    const saved = await me('cases.responsibility', { caseId: ids.open, ...letter });
    const detail = await me('cases.get', { caseId: ids.open });
    expect(detail.responsibilities).toEqual([
      expect.objectContaining({
        id: saved.id,
        leader: '吴晓喆',
        unit: '县住房和城乡建设局',
        responsiblePerson: '王建军',
        deadlineOn: '2026-12-31',
      }),
    ]);
    expect(detail.status).toBe('extended');
    const printed = await me('documents.print', { kind: 'responsibility', recordId: saved.id });
    expect(squash(pdfText(Buffer.from(printed.pdfBase64, 'base64')))).toContain(squash('明确交房时间，落实过渡费'));
    const folder = await admin('documents.print', { kind: 'folder', recordId: ids.open });
    expect(squash(pdfText(Buffer.from(folder.pdfBase64, 'base64')))).toContain(squash('包案领导责任书'));

    const nobody = await createCase(admin, await registerVisit(admin, '李四', '路灯不亮'), '路灯不亮', null, {
      deadlineRule: 'answer_60_days',
    });
    expect(await caller(core, 'admin')('cases.responsibility', { caseId: nobody, ...letter })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    expect(
      await caller(core, 'admin')('cases.responsibility', { caseId: ids.open, ...letter, deadlineOn: '2026-01-01' }),
    ).toMatchObject({ ok: false, error: { fields: [{ path: 'deadlineOn' }] } });
    expect(core.store.database.prepare('SELECT count(*) AS n FROM responsibilities').get()).toEqual({ n: 1 });
  });

  it('refuses a record number that is not a leader and a quarter', async () => {
    expect(await caller(core, 'admin')('documents.print', { kind: 'quarterly', recordId: 20265 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(
      await caller(core, 'admin')('documents.print', { kind: 'quarterly', recordId: quarterRecord(999, 2026, 4) }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
