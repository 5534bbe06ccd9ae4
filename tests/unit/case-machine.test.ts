import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../shared/domain/calendar';
import {
  availableMoves,
  CASE_MOVES,
  checkMove,
  MOVE_SPECS,
  type CaseMove,
  type CaseStage,
} from '../../shared/domain/case-machine';
import { CASE_STATUSES, type CaseStatus } from '../../shared/domain/case-status';
import { caseDeadline, daysLeft, daysLeftLabel, extendDeadline } from '../../shared/domain/deadlines';
import { ROLES } from '../../shared/domain/roles';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';

const STAGES: CaseStage[] = ['handling', 'review', 'rereview'];

describe('the case state machine', () => {
  it('walks the whole life of a case, through review and re-review to final', () => {
    const path: [CaseMove, CaseStatus, CaseStage][] = [
      ['assign', 'assigned', 'handling'],
      ['receive', 'received', 'handling'],
      ['supervise', 'received', 'handling'],
      ['extend', 'extended', 'handling'],
      ['close', 'closed', 'handling'],
      ['followUp', 'followed_up', 'handling'],
      ['requestReview', 'in_review', 'review'],
      ['decideReview', 'closed', 'review'],
      ['requestRereview', 'in_rereview', 'rereview'],
      ['decideRereview', 'final', 'rereview'],
    ];
    let status: CaseStatus = 'accepted';
    let stage: CaseStage = 'handling';
    let extensions = 0;
    for (const [move, to, toStage] of path) {
      const r = checkMove(move, status, stage, 'admin', extensions);
      expect(r, `${move} from ${status}`).toEqual({ ok: true, to, toStage });
      if (move === 'extend') extensions++;
      status = to;
      stage = toStage;
    }
    expect(availableMoves(status, stage, 'admin')).toEqual([]);
  });

  it('also allows closing without an extension, extending before receipt, and asking for review straight after closing', () => {
    expect(checkMove('close', 'received', 'handling', 'operator')).toMatchObject({ ok: true, to: 'closed' });
    expect(checkMove('extend', 'assigned', 'handling', 'leader')).toMatchObject({ ok: true, to: 'extended' });
    expect(checkMove('requestReview', 'closed', 'handling', 'operator')).toMatchObject({
      ok: true,
      to: 'in_review',
      toStage: 'review',
    });
  });

  it('refuses every move not in the table, with RULE_VIOLATION and a Chinese reason', () => {
    let refused = 0;
    for (const move of CASE_MOVES)
      for (const status of CASE_STATUSES)
        for (const stage of STAGES) {
          const spec = MOVE_SPECS[move];
          const allowed = status !== 'final' && spec.from.includes(status) && (!spec.stage || spec.stage === stage);
          const r = checkMove(move, status, stage, 'admin');
          if (allowed) expect(r.ok, `${move} ${status} ${stage}`).toBe(true);
          else {
            refused++;
            expect(r).toMatchObject({
              ok: false,
              code: 'RULE_VIOLATION',
              message: expect.stringMatching(/[\u4e00-\u9fff]/),
            });
          }
        }
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses a move to a role that may not make it, and never lets the archivist edit a case', () => {
    for (const move of CASE_MOVES) {
      for (const role of ROLES) {
        const r = checkMove(move, MOVE_SPECS[move].from[0]!, MOVE_SPECS[move].stage ?? 'handling', role);
        expect(r.ok, `${role} ${move}`).toBe(MOVE_SPECS[move].roles.includes(role));
        if (!r.ok && !MOVE_SPECS[move].roles.includes(role)) expect(r.code).toBe('FORBIDDEN');
      }
      expect(MOVE_SPECS[move].roles).not.toContain('archivist');
    }
  });

  it('extends only once, and nothing moves a final case', () => {
    expect(checkMove('extend', 'received', 'handling', 'leader', 1)).toMatchObject({
      ok: false,
      message: '办理期限只能延长一次。',
    });
    for (const move of CASE_MOVES)
      expect(checkMove(move, 'final', 'rereview', 'admin')).toMatchObject({
        ok: false,
        message: expect.stringContaining('三级终结'),
      });
    expect(checkMove('requestRereview', 'closed', 'handling', 'admin').ok).toBe(false);
    expect(checkMove('requestReview', 'closed', 'review', 'admin').ok).toBe(false);
  });
});

describe('case deadlines on the working-day calendar', () => {
  const cal = new WorkCalendar();
  const s = DEFAULT_SETTINGS;

  it('answers in 60 calendar days, rolled past the Spring Festival', () => {
    expect(caseDeadline('answer_60_days', '2025-12-18', cal, s)).toEqual({
      date: '2026-02-24',
      unit: 'calendar',
      amount: 60,
      rolled: true,
      unknownYears: [],
      label: '自受理之日起60日（原2月16日为节假日，顺延）',
    });
  });

  it('counts 15 working days for a leader’s visit across National Day', () => {
    expect(caseDeadline('visit_15_working_days', '2026-09-29', cal, s)).toMatchObject({
      date: '2026-10-26',
      unit: 'working',
      rolled: false,
      label: '领导接访交办事项，自交办之日起15个工作日',
    });
  });

  it('adds 2 months for a hard matter and 60 working days for a backlog case, and warns past 2026', () => {
    expect(caseDeadline('hard_2_months', '2026-08-01', cal, s)).toMatchObject({
      date: '2026-10-08',
      unit: 'months',
      rolled: true,
    });
    const backlog = caseDeadline('backlog_60_working_days', '2026-11-23', cal, s);
    expect(backlog.unit).toBe('working');
    expect(backlog.unknownYears).toEqual([2027]);
    expect(caseDeadline('custom', '2026-11-23', cal, s, { amount: 10, unit: 'working' }).date).toBe('2026-12-07');
  });

  it('extends once by at most 30 days and counts what is left', () => {
    expect(extendDeadline('2026-09-10', 30, 30, cal)).toMatchObject({
      date: '2026-10-10',
      rolled: false,
      label: '延期30日',
    });
    expect(extendDeadline('2026-09-05', 30, 30, cal)).toMatchObject({ date: '2026-10-08', rolled: true });
    expect(() => extendDeadline('2026-09-05', 31, 30, cal)).toThrow(RangeError);
    expect(daysLeft('2026-11-25', '2026-11-23')).toBe(2);
    expect(daysLeft('2026-11-20', '2026-11-23')).toBe(-3);
    expect([2, 0, -3].map(daysLeftLabel)).toEqual(['剩2日', '今日到期', '超期3日']);
  });
});
