import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import type { MethodInput } from '../../shared/contract';
import { folderContents } from '../../electron/core/documents/folder';
import {
  caller,
  createCase,
  finalMatter,
  must,
  officeOnClock,
  registerVisit,
  saveUnit,
  visitInput,
} from '../helpers/core';
import { snapshot } from '../helpers/files';
import { tempDir } from '../helpers/tmp';

/**
 * The acceptance decision (受理告知, 信访工作条例 art 22–23) at its edges: a visit on
 * 2026-09-01 may be decided up to 2026-09-16 (day 15); on day 16 the decision needs the reason
 * for the delay and is counted late. 三级终结 stays final at the queue and at cases.create.
 */
describe('the acceptance decision', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day: (iso: string) => Promise<void>;
  let unit = 0;

  beforeEach(async () => {
    tmp = tempDir();
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-09-01'));
    unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const raw = () => caller(core, 'admin');
  /** Every row a decision, a case or a ticket could touch, to prove a refused move wrote nothing. */
  const state = () => {
    const db = core.store.database;
    return ['visits', 'tickets', 'cases', 'case_visits', 'acceptance_decisions', 'counters'].flatMap((t) =>
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t)
        ? [[t, all(db, `SELECT * FROM ${t} ORDER BY rowid`)]]
        : [],
    );
  };
  /** A refused call: its error, and the database and the data folder unchanged. */
  const refusedUnchanged = async (run: () => Promise<unknown>) => {
    const before = state();
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    const files = snapshot(tmp.dir);
    const result = await run();
    expect(state()).toEqual(before);
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    expect(Object.keys(snapshot(tmp.dir))).toEqual(Object.keys(files));
    return result;
  };
  const figures = (from: string, to: string) => admin('stats.figures', { from, to });

  it('accepts on day 15 without a reason, and lists the visit with its days left until then', async () => {
    const visitId = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    const pending = await admin('visits.pending', {});
    expect(pending.days).toBe(15);
    expect(pending.items).toEqual([
      expect.objectContaining({ visitId, dueOn: '2026-09-16', daysLeft: 15, overdue: false, finalMatter: false }),
    ]);
    await day('2026-09-16');
    expect((await admin('visits.pending', {})).items[0]).toMatchObject({ daysLeft: 0, overdue: false });
    const caseId = await createCase(admin, visitId, '房屋征收安置问题', null);
    expect(value(core.store.database, 'SELECT decision FROM acceptance_decisions WHERE case_id = ?', caseId)).toBe(
      'accept',
    );
    expect((await admin('visits.pending', {})).items).toEqual([]);
    const f = await figures('2026-09-01', '2026-09-30');
    expect(f.totals.decisions).toEqual({ accepted: 1, refused: 0, transferred: 0, final: 0, onTime: 1, late: 0 });
    const [decided] = (await admin('visits.pending', {})).decided;
    expect(decided).toMatchObject({
      decision: 'accept',
      late: false,
      notice: { kind: 'acceptance', recordId: caseId },
    });
  });

  it('on day 16 refuses 受理 without the reason for the delay, changing nothing, and counts it late with one', async () => {
    const visitId = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    await day('2026-09-17');
    expect((await admin('visits.pending', {})).items[0]).toMatchObject({ daysLeft: -1, overdue: true });
    const input = {
      visitId,
      title: '房屋征收安置问题',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: true,
    } as const;
    expect(await refusedUnchanged(() => raw()('cases.create', input))).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        fields: [{ path: 'delayReason', message: '已超过15日受理告知期限，请写明逾期原因' }],
      },
    });
    // A reason of one character is refused at the contract.
    expect(await raw()('cases.create', { ...input, delayReason: '忙' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'delayReason', message: '请写明逾期原因' }] },
    });
    await admin('cases.create', { ...input, delayReason: '需调取征收档案核实管辖' });
    expect(
      core.store.database
        .prepare('SELECT decided_on, due_on, delay_reason FROM acceptance_decisions WHERE visit_id = ?')
        .get(visitId),
    ).toEqual({ decided_on: '2026-09-17', due_on: '2026-09-16', delay_reason: '需调取征收档案核实管辖' });
    const f = await figures('2026-09-01', '2026-09-30');
    expect(f.totals.decisions).toMatchObject({ accepted: 1, onTime: 0, late: 1 });
    expect((await admin('visits.pending', {})).decided[0]).toMatchObject({ late: true });
  });

  it('rolls the last day past National Day: a visit of 16 September may be decided on 8 October', async () => {
    await day('2026-09-16');
    const visitId = await registerVisit(admin, '赵敏', '小区电梯长期故障');
    expect((await admin('visits.pending', {})).items[0]).toMatchObject({ dueOn: '2026-10-08' });
    await day('2026-10-08');
    const r = await admin('visits.decide', { decision: 'transfer', visitId, organ: '城关镇人民政府' });
    expect(r).toMatchObject({ late: false, dueOn: '2026-10-08', notice: { kind: 'transfer-notice' } });
  });

  it('decides 转送, 不予受理 late only with a reason, and refuses a second decision', async () => {
    const a = await registerVisit(admin, '赵敏', '小区电梯长期故障');
    const b = await registerVisit(admin, '钱多多', '要求撤销法院判决');
    await day('2026-09-17');
    expect(
      await refusedUnchanged(() =>
        raw()('visits.decide', { decision: 'transfer', visitId: a, organ: '城关镇人民政府' }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'delayReason' }] } });
    expect(await raw()('visits.decide', { decision: 'transfer', visitId: a, organ: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'organ', message: '请填写转送（交办）的机关或单位' }] },
    });
    const t = await admin('visits.decide', {
      decision: 'transfer',
      visitId: a,
      organ: '城关镇人民政府',
      delayReason: '待核实问题属地',
    });
    expect(t).toMatchObject({ late: true, notice: { kind: 'transfer-notice', recordId: t.decisionId } });
    await admin('visits.decide', {
      decision: 'refuse',
      visitId: b,
      legalChannel: 'litigation',
      guidance: '县人民法院',
      delayReason: '待核实是否已起诉',
    });
    expect(value(core.store.database, 'SELECT legal_channel FROM visits WHERE id = ?', b)).toBe('litigation');
    expect(
      await refusedUnchanged(() =>
        raw()('visits.decide', { decision: 'transfer', visitId: a, organ: '县人民政府', delayReason: '再次转送' }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // 不再受理 only for a matter that is final.
    expect(
      await refusedUnchanged(() => raw()('visits.decide', { decision: 'final', visitId: a, delayReason: '三级终结' })),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const f = await figures('2026-09-01', '2026-09-30');
    expect(f.totals.decisions).toEqual({ accepted: 0, refused: 1, transferred: 1, final: 0, onTime: 0, late: 2 });
    // The notice prints, numbered.
    const printed = await admin('documents.print', { kind: 'transfer-notice', recordId: t.decisionId });
    expect(printed.docNo).toMatch(/^转〔2026〕[1-9]\d*号$/);
  });

  it('keeps 三级终结 final: no ticket and no case unless the operator states a new matter, which is audited', async () => {
    const final = await finalMatter(admin, '王桂兰', '宅基地确权争议', unit, '2026-09-01');
    const before = value<number>(core.store.database, 'SELECT count(*) FROM tickets')!;
    const again = await admin(
      'visits.register',
      visitInputOf('王桂兰', '宅基地确权争议', { continuesVisitId: final.visitId }),
    );
    expect(again).toMatchObject({ ticket: null, finalMatter: true });
    expect(again.alerts.join()).toContain('三级终结');
    expect(value(core.store.database, 'SELECT count(*) FROM tickets')).toBe(before);
    expect((await admin('visits.pending', {})).items).toEqual([
      expect.objectContaining({ visitId: again.visitId, finalMatter: true }),
    ]);
    for (const joinExisting of [true, false])
      expect(
        await refusedUnchanged(() =>
          raw()('cases.create', {
            visitId: again.visitId,
            title: '宅基地确权争议',
            owningLeaderId: null,
            deadlineRule: 'answer_60_days',
            joinExisting,
          }),
        ),
      ).toMatchObject({
        ok: false,
        error: { code: 'RULE_VIOLATION', message: expect.stringContaining('属三级终结事项，不再受理，不能立案或并案') },
      });
    expect(
      await refusedUnchanged(() =>
        raw()('visits.decide', { decision: 'transfer', visitId: again.visitId, organ: '城关镇人民政府' }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    const decided = await admin('visits.decide', { decision: 'final', visitId: again.visitId });
    expect(decided.notice).toEqual({ kind: 'final-notice', recordId: decided.decisionId });
    // Filed in the final case's folder.
    expect(folderContents(core.store.database, final.caseId).map((i) => i.kind)).toContain('final-notice');

    // Stated to be a new matter: a ticket, a matter of its own, and the reason in the audit trail.
    const fresh = await admin(
      'visits.register',
      visitInputOf('王桂兰', '宅基地上新建房屋被拆除', {
        continuesVisitId: final.visitId,
        newMatterReason: '本次反映的是2026年8月新发生的拆除行为',
      }),
    );
    expect(fresh).toMatchObject({ finalMatter: false, newMatterReason: '本次反映的是2026年8月新发生的拆除行为' });
    expect(fresh.ticket).not.toBeNull();
    expect(
      value<string>(
        core.store.database,
        "SELECT detail FROM audit_log WHERE action = 'visit.register' AND entity_id = ?",
        String(fresh.visitId),
      ),
    ).toContain('本次反映的是2026年8月新发生的拆除行为');
    await createCase(admin, fresh.visitId, '宅基地上新建房屋被拆除', null);
    const f = await figures('2026-09-01', '2026-09-01');
    expect(f.totals.decisions).toMatchObject({ accepted: 2, final: 1, late: 0 });
  });

  it('derives the decisions of visits from before decisions were stored', async () => {
    const inCase = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    await createCase(admin, inCase, '房屋征收安置问题', null);
    await registerVisit(admin, '李秀英', '要求撤销法院判决', { legalChannel: 'litigation' });
    // An old store: the case exists, its decision row does not.
    core.store.database.prepare('DELETE FROM acceptance_decisions').run();
    expect((await admin('visits.pending', {})).items).toEqual([]);
    expect((await figures('2026-09-01', '2026-09-01')).totals.decisions).toEqual({
      accepted: 1,
      refused: 1,
      transferred: 0,
      final: 0,
      onTime: 2,
      late: 0,
    });
  });
});

function visitInputOf(name: string, demand: string, more: Partial<MethodInput<'visits.register'>>) {
  return visitInput(
    [{ name, sex: 'unknown', idNumber: '', phone: '', address: '', isRepresentative: false }],
    demand,
    more,
  );
}
