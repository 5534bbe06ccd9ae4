import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { silentLogger } from '../../electron/core/infra/log';
import { values } from '../../electron/core/infra/db/sql';
import { addDaysIso } from '../../shared/domain/calendar';
import { hall, hallInit, hallPrint, passwordFile } from '../helpers/cli';
import { must, visitInput } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'numbers pass 2026';

/**
 * Every running number comes from one place. After `hall init` and `hall demo`, a day's work
 * through the router (a visit with its queue ticket, a case, 交办, 督办, 延期, 办结, 约访 and
 * their slips) must succeed, and each number it issues must be new among the numbers of its
 * kind already stored. The core's clock stands on the last day the demo has visits, so that
 * day's registration and queue numbers are taken already too.
 */
describe('running numbers after hall init and hall demo', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  const clock = { t: Date.now() };
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day = '';
  const printedNumbers: string[] = [];

  /** Every number of every kind in the store now. */
  const stored = () => {
    const db = core.store.database;
    return {
      case: new Set(values<string>(db, 'SELECT case_no FROM cases')),
      visit: new Set(values<string>(db, 'SELECT visit_no FROM visits')),
      assignment: new Set(values<string>(db, 'SELECT assignment_no FROM assignments')),
      supervision: new Set(values<string>(db, 'SELECT supervision_no FROM supervisions')),
      ticket: new Set(values<string>(db, "SELECT date || ' ' || code FROM tickets")),
      document: new Set(values<string>(db, 'SELECT doc_no FROM documents WHERE doc_no IS NOT NULL')),
    };
  };

  beforeAll(async () => {
    const pw = passwordFile(tmp.dir, PASSWORD);
    const init = hallInit(data, pw);
    expect(init.code, init.err).toBe(0);
    const demo = hall(data, ['demo', '--user', 'admin', '--password-file', pw]);
    expect(demo.code, demo.err).toBe(0);
    // Slips of the demo printed by the CLI, so the document numbers have a history too: each
    // kind's official number, organ abbreviation and kind character, distinct across kinds.
    const peek = createCore({ dataDir: data, host: 'cli', runtime: 'test', log: silentLogger });
    await must(peek, 'admin')('auth.login', { username: 'admin', password: PASSWORD });
    const first = (sql: string) => values<number>(peek.store.database, sql)[0]!;
    const demoSlips = [
      ['registration', 1],
      ['interview', first('SELECT min(id) FROM interviews')],
      ['assignment', first('SELECT min(id) FROM assignments')],
      ['supervision', first('SELECT min(id) FROM supervisions')],
      ['closure', first('SELECT min(case_id) FROM closures')],
      ['guidance', first("SELECT min(id) FROM visits WHERE legal_channel <> 'none'")],
      ['monthly-report', 202610],
    ] as const;
    peek.close();
    for (const [kind, recordId] of demoSlips) {
      const printed = hallPrint(data, kind, recordId, path.join(tmp.dir, `${kind}.pdf`), pw);
      expect(printed.code, printed.err).toBe(0);
      printedNumbers.push(/(清信访\S*〔\d{4}〕\d+号)/.exec(printed.out)?.[1] ?? `none for ${kind}: ${printed.out}`);
    }

    core = createCore({ dataDir: data, host: 'cli', runtime: 'test', log: silentLogger, now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    await admin('auth.login', { username: 'admin', password: PASSWORD });
    day = values<string>(core.store.database, 'SELECT max(date) FROM visits')[0]!;
    // 10:00 Beijing time on that day, with a session begun then.
    clock.t = Date.parse(`${day}T02:00:00Z`);
    await admin('auth.logout', {});
    await admin('auth.login', { username: 'admin', password: PASSWORD });
  }, 120_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('gave the demo slips printed by the CLI distinct official numbers', () => {
    expect(printedNumbers).toEqual([
      '清信访登〔2026〕1号',
      '清信访谈〔2026〕1号',
      '清信访交〔2026〕1号',
      '清信访督〔2026〕1号',
      '清信访结〔2026〕1号',
      '清信访告〔2026〕1号',
      '清信访报〔2026〕1号',
    ]);
    expect(new Set(printedNumbers).size).toBe(printedNumbers.length);
  });

  it('issues a new number of each kind for a visit, its case, every move and every slip', async () => {
    const before = stored();
    expect(before.case.size).toBeGreaterThan(100);
    expect([...before.visit].some((v) => v.startsWith(`DJ${day.replace(/-/g, '')}`))).toBe(true);
    expect([...before.ticket].some((t) => t.startsWith(`${day} `))).toBe(true);

    const unitId = values<number>(core.store.database, 'SELECT id FROM units WHERE active = 1 ORDER BY id LIMIT 1')[0]!;
    const leaderId = values<number>(
      core.store.database,
      'SELECT id FROM leaders WHERE active = 1 ORDER BY id LIMIT 1',
    )[0]!;

    const visit = await admin(
      'visits.register',
      visitInput(
        [
          {
            name: '欧阳春燕',
            sex: 'female',
            idNumber: '',
            phone: '13905731234',
            address: '清河县城关镇前进村3组18号',
            isRepresentative: false,
          },
        ],
        '安置房逾期两年未交付，请求明确交房时间',
      ),
    );
    expect(visit.visitNo).toMatch(new RegExp(`^DJ${day.replace(/-/g, '')}\\d{3}$`));
    expect(before.visit.has(visit.visitNo)).toBe(false);
    expect(visit.ticket?.code).toMatch(/^[A-Z]\d{3}$/);
    expect(before.ticket.has(`${day} ${visit.ticket!.code}`)).toBe(false);

    const opened = await admin('cases.create', {
      visitId: visit.visitId,
      title: '安置房逾期未交付',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: false,
    });
    expect(opened.caseNo).toMatch(new RegExp(`^XF${day.slice(0, 4)}\\d{4}$`));
    expect(before.case.has(opened.caseNo)).toBe(false);

    const assigned = await admin('cases.move', {
      move: 'assign',
      caseId: opened.caseId,
      instruction: '请县住建局核实后书面答复信访人。',
      leadUnitId: unitId,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    const supervised = await admin('cases.move', {
      move: 'supervise',
      caseId: opened.caseId,
      reason: 'no_receipt',
      level: 'ordinary',
      requirements: '请立即签收。',
      answerBy: addDaysIso(day, 3),
    });
    const extended = await admin('cases.move', {
      move: 'extend',
      caseId: opened.caseId,
      days: 30,
      reason: '情况复杂，需要多部门联合调查。',
      approver: '林海堃',
    });
    const closed = await admin('cases.move', {
      move: 'close',
      caseId: opened.caseId,
      findings: '经核实，安置房已封顶，预计年底交付。',
      outcome: 'explain',
      basis: '《信访工作条例》第三十二条',
      answerDate: day,
      answerWay: 'written_delivered',
      satisfaction: 'satisfied',
      stopped: true,
      officeReview: '',
    });
    const booked = await admin('appointments.book', {
      visitId: visit.visitId,
      leaderId,
      at: `${addDaysIso(day, 3)}T09:30`,
      place: '信访接待大厅第一接待室',
      purpose: '当面答复安置房交付问题',
    });

    const db = core.store.database;
    const assignmentNo = values<string>(
      db,
      'SELECT assignment_no FROM assignments WHERE id = ?',
      assigned.recordId,
    )[0]!;
    const supervisionNo = values<string>(
      db,
      'SELECT supervision_no FROM supervisions WHERE id = ?',
      supervised.recordId,
    )[0]!;
    expect(assignmentNo).toMatch(new RegExp(`^JB${day.slice(0, 4)}\\d{4}$`));
    expect(supervisionNo).toMatch(new RegExp(`^DB${day.slice(0, 4)}\\d{4}$`));
    expect(before.assignment.has(assignmentNo)).toBe(false);
    expect(before.supervision.has(supervisionNo)).toBe(false);

    const slips = [
      ['registration', visit.visitId],
      ['assignment', assigned.recordId!],
      ['supervision', supervised.recordId!],
      ['extension', extended.recordId!],
      ['closure', opened.caseId],
      ['appointment', booked.id],
    ] as const;
    const issued = new Set<string>();
    for (const [kind, recordId] of slips) {
      const slip = await admin('documents.print', { kind, recordId });
      // The China year of the core's clock, in the visible format.
      expect(slip.docNo, kind).toMatch(new RegExp(`^清信访[\u4e00-\u9fff]〔${day.slice(0, 4)}〕[1-9]\\d*号$`));
      // No number of any kind is issued twice.
      expect(before.document.has(slip.docNo), `${kind} ${slip.docNo}`).toBe(false);
      issued.add(slip.docNo);
    }
    expect(closed.status).toBe('closed');
    expect(issued.size).toBe(slips.length);
  });

  it('keeps issuing new numbers on the next visit of the same day', async () => {
    const before = stored();
    const visit = await admin(
      'visits.register',
      visitInput(
        [{ name: '司马相如', sex: 'male', idNumber: '', phone: '13800138000', address: '', isRepresentative: false }],
        '村道损毁严重，请求修缮',
      ),
    );
    expect(before.visit.has(visit.visitNo)).toBe(false);
    expect(before.ticket.has(`${day} ${visit.ticket!.code}`)).toBe(false);
    const opened = await admin('cases.create', {
      visitId: visit.visitId,
      title: '村道修缮',
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      joinExisting: false,
    });
    expect(before.case.has(opened.caseNo)).toBe(false);
  });
});
