// One access scope (issue 13, finding 4): a 接访领导 account reaches only the cases its leader owns
// and the visits queued to that leader. Every method whose input names a record is called by each
// role with another leader's record: the leader is refused before anything is read or written,
// every other role gets past the scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso, chinaDay } from '../../shared/domain/calendar';
import type { Core } from '../../electron/core';
import { contract, METHOD_NAMES, roleMayCall, type MethodName, type Result } from '../../shared/contract';
import {
  ADMIN,
  assignCase,
  createCase,
  dutyToday,
  loginAsNew,
  must,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { value } from '../../electron/core/infra/db/sql';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** The smallest JPEG that starts like one (SOI FF D8 FF E0); the pages are checked by their magic bytes. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]).toString('base64');
const SCOPE_REFUSAL = /只能查看和办理本人包案/;
const chinaToday = (offsetDays = 0) => addDaysIso(chinaDay(new Date()), offsetDays);

/**
 * Filtered methods that write, so the side-by-side reading below cannot run them for three
 * accounts on one input: each is narrowed by the same policy and tested where named.
 */
const NARROWED_ELSEWHERE: Readonly<Record<string, string>> = {
  // A leader account moves only the visitors queued to them; the others are skipped.
  'day.carryOver': 'tests/unit/end-of-day.test.ts',
};

describe('one access scope, role × method', () => {
  const tmp = tempDir();
  let core: Core;
  const ids = {
    a: 0,
    b: 0,
    unit: 0,
    visitB: 0,
    visitB2: 0,
    visitA: 0,
    caseB: 0,
    interviewB: 0,
    petitionerB: 0,
    ticketB: 0,
    summonsB: 0,
    appointmentB: 0,
    assignmentB: 0,
    interviewVersion: 1,
  };
  /** What betrays one of leader B's records in a result's JSON or an export's text. */
  let markersB: (string | RegExp)[] = [];
  let visitNoA = '';
  /** A valid input for each method whose scope is `filtered`, to call as each role. */
  let filtered: Partial<Record<MethodName, unknown[]>> = {};
  /** Another leader's records, named in a valid input for each method whose scope names records. */
  let inputs: Partial<Record<MethodName, unknown[]>> = {};
  const accounts = {
    leaderA: { username: 'leader-a', password: 'leader pass 1' },
    leaderB: { username: 'leader-b', password: 'leader pass 2' },
    operator: { username: 'desk', password: 'operator pass 1' },
    archivist: { username: 'files', password: 'archivist pw 1' },
  };
  const as = (who: keyof typeof accounts) => (method: MethodName, input: unknown) =>
    core.router.call(method, input, { host: 'cli', clientId: who }) as Promise<Result<unknown>>;

  beforeAll(async () => {
    core = testCore(tmp.dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    ids.a = (await saveLeader(admin, '吴晓喆')).id;
    ids.b = (await saveLeader(admin, '林海堃')).id;
    ids.unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    await dutyToday(admin, ids.b);
    for (const [name, a] of Object.entries(accounts)) {
      const role = name.startsWith('leader') ? 'leader' : name === 'operator' ? 'operator' : 'archivist';
      const leaderId = name === 'leaderA' ? ids.a : name === 'leaderB' ? ids.b : null;
      await admin('accounts.create', { username: a.username, displayName: name, role, password: a.password, leaderId });
      await loginAsNew(core, name, a);
    }
    // Leader B's citizen: queued to B, received, a case B owns, assigned, with a summons and an appointment.
    ids.visitB = await registerVisit(admin, '欧阳明', '安置房逾期交付', {
      leaderId: ids.b,
      petitioners: [
        {
          name: '欧阳明',
          sex: 'male',
          idNumber: '110101199003074530',
          phone: '13905731234',
          address: '',
          isRepresentative: false,
        },
      ],
    });
    const db = core.store.database;
    ids.ticketB = value<number>(db, 'SELECT id FROM tickets WHERE visit_id = ?', ids.visitB)!;
    ids.petitionerB = value<number>(db, 'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ?', ids.visitB)!;
    const interview = await admin('interviews.open', { visitId: ids.visitB });
    ids.interviewB = interview.interviewId;
    ids.interviewVersion = interview.version;
    ids.caseB = await createCase(admin, ids.visitB, '安置房逾期交付', ids.b);
    await assignCase(admin, ids.caseB, ids.unit);
    ids.assignmentB = value<number>(db, 'SELECT id FROM assignments WHERE case_id = ?', ids.caseB)!;
    await admin('summons.create', { visitId: ids.visitB, unitIds: [ids.unit] });
    ids.summonsB = value<number>(db, 'SELECT id FROM summons WHERE visit_id = ?', ids.visitB)!;
    ids.appointmentB = (
      await admin('appointments.book', {
        visitId: ids.visitB,
        leaderId: ids.b,
        at: `${chinaToday(7)}T09:30`,
        place: '第一接待室',
        purpose: '当面答复',
      })
    ).id;
    // The petitioner is told a week ahead here, so B's appointment is on the notice list.
    await admin('settings.update', { appointmentPetitionerNoticeDays: 7 });

    // A second citizen of B's, queued and not yet received today, and one of leader A's own.
    ids.visitB2 = await registerVisit(admin, '欧阳明', '物业费纠纷', { leaderId: ids.b });
    ids.visitA = await registerVisit(admin, '司马青', '拆迁补偿', { leaderId: ids.a });
    const text = (sql: string, ...params: unknown[]) => value<string>(db, sql, ...params)!;
    visitNoA = text('SELECT visit_no FROM visits WHERE id = ?', ids.visitA);
    const printed = await admin('documents.print', { kind: 'registration', recordId: ids.visitB });
    markersB = [
      text('SELECT visit_no FROM visits WHERE id = ?', ids.visitB),
      text('SELECT visit_no FROM visits WHERE id = ?', ids.visitB2),
      text('SELECT case_no FROM cases WHERE id = ?', ids.caseB),
      text('SELECT assignment_no FROM assignments WHERE id = ?', ids.assignmentB),
      text('SELECT code FROM tickets WHERE id = ?', ids.ticketB),
      text('SELECT code FROM tickets WHERE visit_id = ?', ids.visitB2),
      '林海堃',
      new RegExp(`"(visitId|recordId)":(${ids.visitB}|${ids.visitB2})\\b`),
      new RegExp(`"caseId":${ids.caseB}\\b`),
    ];
    filtered = {
      'documents.targets': ['registration', 'interview', 'assignment', 'ticket', 'folder'].map((kind) => ({
        kind,
        query: '',
      })),
      'documents.verify': [{ code: printed.code }],
      'export.cases': [{ from: chinaToday(-30), to: chinaToday(30) }],
      'visits.lookup': [{ namePrefix: '欧阳' }, { idNumber: '110101199003074530' }],
      'queue.today': [{}],
      'visits.pending': [{}],
      'summons.today': [{}],
      'appointments.notices': [{}],
      'appointments.upcoming': [{}],
      'day.unreceived': [{}],
      'day.export': [
        { list: 'unreceived', format: 'csv' },
        { list: 'appointments', format: 'csv' },
      ],
      'cases.list': [{}],
      'ledger.query': [{}],
      'ledger.export': [{ format: 'csv' }],
      // Far enough ahead that B's case is overdue.
      'supervise.list': [{ on: chinaToday(60) }],
      'supervise.export': [{ on: chinaToday(60), format: 'csv' }],
    };

    inputs = {
      'petitioners.reveal': [
        { petitionerId: ids.petitionerB, field: 'idNumber', reason: { kind: 'verify_identity' } },
        { petitionerId: ids.petitionerB, field: 'phone', reason: { kind: 'other', text: '核对联系方式' } },
      ],
      'documents.print': [
        { kind: 'registration', recordId: ids.visitB },
        { kind: 'registration', recordId: ids.visitB, copy: 'full', reason: { kind: 'archive' } },
        { kind: 'folder', recordId: ids.caseB, copy: 'full', reason: { kind: 'archive' } },
        { kind: 'interview', recordId: ids.interviewB },
        { kind: 'assignment', recordId: ids.assignmentB },
        { kind: 'appointment', recordId: ids.appointmentB },
        { kind: 'ticket', recordId: ids.ticketB },
        { kind: 'folder', recordId: ids.caseB },
      ],
      'signatures.save': [
        { owner: 'visit', ownerId: ids.visitB, pngBase64: PNG },
        { owner: 'interview', ownerId: ids.interviewB, pngBase64: PNG },
      ],
      'attachments.add': [
        { ownerType: 'visit', ownerId: ids.visitB, name: '材料.png', mime: 'image/png', base64: PNG },
      ],
      'attachments.list': [{ ownerType: 'visit', ownerId: ids.visitB }],
      'attachments.capture': [
        { ownerType: 'case', ownerId: ids.caseB, title: '信访件原件', pages: [JPEG] },
        { ownerType: 'visit', ownerId: ids.visitB, title: '身份证复印件', pages: [JPEG] },
      ],
      'attachments.materials': [
        { ownerType: 'case', ownerId: ids.caseB },
        { ownerType: 'visit', ownerId: ids.visitB },
      ],
      'queue.call': [{ leaderId: ids.b }],
      'queue.act': [{ action: 'recall', ticketId: ids.ticketB }],
      'printer.ticket': [{ ticketId: ids.ticketB }],
      'visits.decide': [{ decision: 'transfer', visitId: ids.visitB2, organ: '城关镇人民政府' }],
      'visits.get': [{ visitId: ids.visitB }],
      // Leader B owns the case and may correct it (with a reason); the operator is refused by the rule.
      'visits.correct': [
        {
          visitId: ids.visitB,
          version: 1,
          petitioners: [{ petitionerId: ids.petitionerB, name: '欧阳明', sex: 'male', idNumber: '', phone: '' }],
          headCount: 1,
          categoryId: null,
          localityId: null,
          demand: '安置房逾期交付',
          facts: '补充：开发商已承诺年底交房。',
          earlierHandling: '',
          reason: '信访人补充事实',
        },
      ],
      'summons.create': [{ visitId: ids.visitB, unitIds: [ids.unit] }],
      'summons.arrive': [{ summonsId: ids.summonsB }],
      'appointments.book': [
        {
          visitId: ids.visitB,
          leaderId: ids.b,
          at: `${chinaToday(8)}T10:00`,
          place: '第一接待室',
          purpose: '再次约谈',
        },
      ],
      'appointments.notified': [{ id: ids.appointmentB, who: 'leader' }],
      'cases.create': [
        {
          visitId: ids.visitB,
          title: '安置房逾期交付',
          owningLeaderId: ids.b,
          deadlineRule: 'visit_15_working_days',
          joinExisting: false,
        },
      ],
      'cases.move': [
        {
          move: 'supervise',
          caseId: ids.caseB,
          reason: 'due',
          level: 'yellow',
          requirements: '',
          answerBy: chinaToday(10),
        },
      ],
      'cases.responsibility': [
        {
          caseId: ids.caseB,
          unitId: ids.unit,
          responsiblePerson: '王建军',
          goal: '按期交房',
          measures: '每周调度一次',
          deadlineOn: chinaToday(30),
        },
      ],
      'cases.report': [
        {
          caseId: ids.caseB,
          findings: '召开协调会查明情况',
          measures: '责成住建局督促交房',
          stabilityMeasures: '专人每周联系',
          result: '已交房',
          signedOn: chinaToday(0),
        },
      ],
      'cases.get': [{ caseId: ids.caseB }],
      'interviews.open': [{ visitId: ids.visitB }],
      'interviews.get': [{ interviewId: ids.interviewB }],
      'interviews.save': [
        {
          interviewId: ids.interviewB,
          version: ids.interviewVersion,
          place: '第一接待室',
          participants: [],
          turns: [],
          opinion: '已记录诉求。',
          disposition: null,
          petitionerResponse: '同意。',
          end: false,
        },
      ],
    };
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('has a sample input for every method whose scope names records', () => {
    const targeted = METHOD_NAMES.filter((m) => Array.isArray(contract[m].scope)).sort();
    expect(Object.keys(inputs).sort()).toEqual(targeted);
  });

  it('has a sample input for every filtered method', () => {
    const lists = METHOD_NAMES.filter((m) => contract[m].scope === 'filtered').sort();
    expect([...Object.keys(filtered), ...Object.keys(NARROWED_ELSEWHERE)].sort()).toEqual(lists);
  });

  // Before the calls below that write: some of them give leader A a share of B's citizen.
  it("narrows every filtered list, search and export: leader A sees none of B's records, B and the operator see them", async () => {
    /** The result as text: the JSON, with an exported file (base64) decoded. */
    const textOf = (data: unknown): string => {
      const file =
        data !== null && typeof data === 'object' && 'base64' in data && typeof data.base64 === 'string'
          ? Buffer.from(data.base64, 'base64').toString('utf8')
          : '';
      return `${JSON.stringify(data)}\n${file}`;
    };
    const found = (t: string) =>
      markersB.filter((m) => (typeof m === 'string' ? t.includes(m) : m.test(t))).map(String);
    for (const [method, list] of Object.entries(filtered) as [MethodName, unknown[]][]) {
      for (const input of list) {
        const label = `${method} ${JSON.stringify(input)}`;
        const results = Object.fromEntries(
          await Promise.all(
            (['leaderA', 'leaderB', 'operator'] as const).map(async (who) => {
              const r = await as(who)(method, input);
              expect(r.ok, `${who} ${label} ${r.ok ? '' : r.error.message}`).toBe(true);
              return [who, r.ok ? textOf(r.value) : ''] as const;
            }),
          ),
        );
        expect(found(results.leaderA!), `leaderA ${label}`).toEqual([]);
        expect(found(results.leaderB!), `leaderB ${label}`).not.toEqual([]);
        expect(found(results.operator!), `operator ${label}`).not.toEqual([]);
      }
    }
    // Narrowed, not emptied: leader A still sees their own visitor.
    const unreceived = await as('leaderA')('day.unreceived', {});
    expect(unreceived.ok && JSON.stringify(unreceived.value)).toContain(visitNoA);
    const queue = await as('leaderA')('queue.today', {});
    expect(queue.ok && JSON.stringify(queue.value)).toContain(`"visitId":${ids.visitA}`);
  });

  it("refuses leader A every call naming leader B's records, before anything is read or written", async () => {
    const auditBefore = await must(core, 'admin')('audit.list', { limit: 1 });
    for (const [method, list] of Object.entries(inputs) as [MethodName, unknown[]][]) {
      for (const input of list) {
        const result = await as('leaderA')(method, input);
        expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, method).toBe('FORBIDDEN');
          // A method no leader may call (printer.ticket, the counter's) is refused by the role first.
          if (roleMayCall(contract[method].access, 'leader'))
            expect(result.error.message, method).toMatch(SCOPE_REFUSAL);
        }
      }
    }
    // Refused calls leave no trace of data read or written: the audit trail did not move.
    expect((await must(core, 'admin')('audit.list', { limit: 1 })).total).toBe(auditBefore.total);
  });

  it.each(['leaderB', 'operator', 'archivist'] as const)(
    'lets %s past the scope (its role may still refuse a write)',
    async (who) => {
      for (const [method, list] of Object.entries(inputs) as [MethodName, unknown[]][]) {
        for (const input of list) {
          const result = await as(who)(method, input);
          if (!result.ok) expect(result.error.message, `${who} ${method}`).not.toMatch(SCOPE_REFUSAL);
        }
      }
    },
  );
  it("lets a leader call and transfer only their own queue: another leader's line is refused by the router", async () => {
    const db = core.store.database;
    const ticketA = value<number>(db, 'SELECT id FROM tickets WHERE visit_id = ?', ids.visitA)!;
    const refused = async (method: MethodName, input: unknown) => {
      const r = await as('leaderA')(method, input);
      expect(r.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(SCOPE_REFUSAL);
    };
    await refused('queue.call', { leaderId: ids.b });
    for (const action of ['recall', 'skip', 'start', 'finish'] as const)
      await refused('queue.act', { action, ticketId: ids.ticketB });
    await refused('queue.act', { action: 'transfer', ticketId: ids.ticketB, leaderId: ids.a, reason: '改由本人接待' });
    // Their own number they may hand on; once it is in B's line it is no longer theirs to move.
    const moved = await as('leaderA')('queue.act', {
      action: 'transfer',
      ticketId: ticketA,
      leaderId: ids.b,
      reason: '属林海堃分管',
    });
    expect(moved.ok, moved.ok ? '' : moved.error.message).toBe(true);
    await refused('queue.act', { action: 'transfer', ticketId: ticketA, leaderId: ids.a, reason: '再转回来' });
    await refused('queue.call', { leaderId: ids.b });
    expect(value<number>(db, 'SELECT leader_id FROM tickets WHERE id = ?', ticketA)).toBe(ids.b);
  });
});
