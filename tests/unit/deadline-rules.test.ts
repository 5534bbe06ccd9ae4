import { describe, expect, it } from 'vitest';
import { chinaDay, WorkCalendar } from '../../shared/domain/calendar';
import { CASE_STATUSES } from '../../shared/domain/case-status';
import {
  caseDeadline,
  deadlineRuns,
  deadlineStanding,
  dueHorizon,
  isDueSoon,
  isPastDeadline,
} from '../../shared/domain/deadlines';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { isZeroReport, type StatsFigures } from '../../shared/domain/stats';
import { morningList, type SupervisionCandidate } from '../../shared/domain/supervision';

/** The one rule of 办理期限, overdue and due (shared/domain/deadlines.ts), on the calendar of 2026. */
const cal = new WorkCalendar();
const DUE = DEFAULT_SETTINGS.superviseDueWorkingDays;

describe('overdue and due against the 办理期限', () => {
  // Accepted Tuesday 29 September from a leader's visit: 15 working days skip 1–8 October
  // (10 October is a make-up working Saturday) and end on Monday 26 October.
  const deadline = caseDeadline('visit_15_working_days', '2026-09-29', cal, DEFAULT_SETTINGS).date;

  it('lands day 15 after the National Day holiday', () => {
    expect(deadline).toBe('2026-10-26');
  });

  it('is due, not overdue, on day 15 and overdue from day 16', () => {
    expect(deadlineStanding('received', deadline, '2026-10-26', DUE, cal)).toBe('due');
    expect(isPastDeadline(deadline, '2026-10-26')).toBe(false);
    expect(deadlineStanding('received', deadline, '2026-10-27', DUE, cal)).toBe('overdue');
  });

  it('takes the day at 00:30 China time as the China day, when UTC still says the day before', () => {
    const at = new Date('2026-10-27T00:30:00+08:00');
    expect(at.toISOString().slice(0, 10)).toBe('2026-10-26');
    expect(deadlineStanding('received', deadline, chinaDay(at), DUE, cal)).toBe('overdue');
    const evening = new Date('2026-10-26T23:30:00+08:00');
    expect(deadlineStanding('received', deadline, chinaDay(evening), DUE, cal)).toBe('due');
  });

  it('counts "due" in working days, so a deadline after the holiday is due before it starts', () => {
    // On 30 September the next three working days are 8, 9 and 10 October (a make-up Saturday).
    expect(dueHorizon('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(isDueSoon('2026-10-09', '2026-09-30', 3, cal)).toBe(true);
    expect(isDueSoon('2026-10-12', '2026-09-30', 3, cal)).toBe(false);
    expect(deadlineStanding('assigned', '2026-10-12', '2026-09-30', 3, cal)).toBe('running');
    // In the holiday the same deadline is due: its working days are all that is left.
    expect(isDueSoon('2026-10-09', '2026-10-05', 3, cal)).toBe(true);
  });

  it('runs only while an answer is owed: a review owes one, an answered case does not', () => {
    expect(CASE_STATUSES.filter(deadlineRuns)).toEqual([
      'accepted',
      'assigned',
      'received',
      'extended',
      'in_review',
      'in_rereview',
    ]);
    expect(deadlineStanding('closed', '2026-01-01', '2026-10-27', DUE, cal)).toBe('answered');
    expect(deadlineStanding('in_review', '2026-10-01', '2026-10-27', DUE, cal)).toBe('overdue');
  });
});

describe('督办 uses the same rule and tells a unit’s 交办期限 apart', () => {
  const base: SupervisionCandidate = {
    caseId: 1,
    caseNo: 'XF1',
    title: '事项',
    status: 'received',
    deadlineOn: '2026-11-30',
    assignmentDeadlineOn: '2026-11-10',
    assignedOn: '2026-10-20',
    receivedOn: '2026-10-21',
    supervisedCount: 0,
    lastSupervisedOn: null,
  };
  const list = (rows: SupervisionCandidate[], today = '2026-11-20') => morningList(rows, today, cal, DEFAULT_SETTINGS);

  it('lists a unit past its 交办期限 as 超过交办期限, not as an overdue case', () => {
    const [item] = list([base]);
    expect(item).toMatchObject({
      reasons: ['assignment_overdue'],
      daysLeft: 10,
      chaseOn: '2026-11-10',
      level: 'yellow',
    });
  });

  it('lists every case past its 办理期限 as 已超期, even those no notice can be sent for yet', () => {
    const rows = [
      { ...base, caseId: 2, status: 'accepted', assignmentDeadlineOn: null, deadlineOn: '2026-11-19' },
      { ...base, caseId: 3, status: 'in_review', assignmentDeadlineOn: null, deadlineOn: '2026-11-01' },
      { ...base, caseId: 4, status: 'extended', deadlineOn: '2026-11-19' },
      { ...base, caseId: 5, status: 'closed', deadlineOn: '2026-10-01' },
      { ...base, caseId: 6, status: 'accepted', assignmentDeadlineOn: null, deadlineOn: '2026-11-21' },
    ];
    const items = list(rows);
    expect(items.map((i) => [i.caseId, i.reasons, i.canSupervise])).toEqual([
      [3, ['overdue'], false],
      [2, ['overdue'], false],
      [4, ['overdue'], true],
    ]);
  });

  it('proposes the card from the days a unit is late, and after an extension from the 办理期限', () => {
    const [late] = list([{ ...base, assignmentDeadlineOn: '2026-10-30' }]);
    expect(late!.level).toBe('red');
    const [extended] = list([{ ...base, status: 'extended', deadlineOn: '2026-11-24' }]);
    expect(extended).toMatchObject({ reasons: ['due'], chaseOn: '2026-11-24', level: 'ordinary' });
  });
});

describe('the zero report', () => {
  const zero: StatsFigures['totals'] = {
    visits: 0,
    people: 0,
    groupVisits: 0,
    firstVisits: 0,
    repeatVisits: 0,
    casesAccepted: 0,
    casesClosed: 0,
    closedOnTime: 0,
    overdue: 0,
    extended: 0,
    supervised: { ordinary: 0, yellow: 0, red: 0, total: 0 },
    outcomes: { support: 0, explain: 0, reject: 0 },
    satisfaction: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0, unknown: 0 },
    decisions: { accepted: 0, refused: 0, transferred: 0, final: 0, onTime: 0, late: 0 },
    followUps: 0,
    stopped: 0,
  };

  it('is a zero report only when every figure is zero', () => {
    expect(isZeroReport(zero)).toBe(true);
    expect(isZeroReport({ ...zero, casesClosed: 1 })).toBe(false);
    expect(isZeroReport({ ...zero, overdue: 3 })).toBe(false);
    expect(isZeroReport({ ...zero, supervised: { ...zero.supervised, red: 1, total: 1 } })).toBe(false);
    expect(isZeroReport({ ...zero, followUps: 1 })).toBe(false);
  });
});
