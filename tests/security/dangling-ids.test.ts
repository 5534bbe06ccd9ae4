// Ids that name nothing (issue 13, found by tests/security/fuzz.test.ts): every field that names
// rows of another table is checked before anything is written (electron/core/infra/references.ts)
// and refused with BAD_INPUT at that field. Was: a dangling categoryId, localityId or roomId
// reached a foreign key mid-write and came back INTERNAL; a list of more ids than SQLite has
// variables failed the same way; the other checks answered NOT_FOUND, some without the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { addDaysIso, chinaDay } from '../../shared/domain/calendar';
import { contract, type MethodName } from '../../shared/contract';
import {
  ADMIN,
  createCase,
  dutyToday,
  leaderInput,
  mondayRuleInput,
  must,
  rawCaller,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
  visitInput,
} from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const NONE = 999_999;
/** More distinct ids than SQLite's 32,766 variables. */
const MANY = Array.from({ length: 40_000 }, (_, i) => NONE + i);

describe('an id that names nothing', () => {
  const tmp = tempDir();
  let core: Core;
  /** Valid inputs of the methods below, built on the office's own rows. */
  const valid: Partial<Record<MethodName, Record<string, unknown>>> = {};

  beforeAll(async () => {
    core = testCore(tmp.dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leaderId = (await saveLeader(admin, '吴晓喆')).id;
    const otherLeaderId = (await saveLeader(admin, '林海堃')).id;
    const unitId = (await saveUnit(admin, '县住房和城乡建设局')).id;
    await dutyToday(admin, leaderId);
    const db = core.store.database;
    const slotId = value<number>(db, 'SELECT id FROM duty_slots')!;
    const roomId = value<number>(db, 'SELECT id FROM rooms')!;
    await admin('roster.markAbsent', { slotId, leaderId, reason: '外出开会' });
    const visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付', { leaderId });
    const ticketId = value<number>(db, 'SELECT id FROM tickets WHERE visit_id = ?', visitId)!;
    const caseId = await createCase(admin, await registerVisit(admin, '司马青', '拆迁补偿'), '拆迁补偿', leaderId);
    const today = chinaDay(new Date());
    const person = {
      name: '王芳',
      sex: 'female' as const,
      idNumber: '',
      phone: '',
      address: '',
      isRepresentative: false,
    };
    Object.assign(valid, {
      'visits.register': visitInput([person], '工资拖欠'),
      'roster.saveRule': mondayRuleInput(leaderId, today),
      'roster.updateSlot': {
        slotId,
        date: today,
        startTime: '08:30',
        endTime: '17:30',
        form: 'regular',
        roomId,
        place: null,
        note: null,
        cancelled: false,
      },
      'roster.substitute': { slotId, absentLeaderId: leaderId, substituteLeaderId: otherLeaderId },
      'leaders.save': leaderInput('赵敏'),
      'units.save': { name: '县人社局', contact: null, phone: null, active: true, categoryIds: [], localityIds: [] },
      'accounts.create': {
        username: 'wu',
        displayName: '吴晓喆',
        role: 'leader',
        password: 'leader pass 1',
        leaderId,
      },
      'appointments.book': {
        visitId,
        leaderId,
        at: `${addDaysIso(today, 1)}T09:30`,
        place: '第一接待室',
        purpose: '当面答复',
      },
      'summons.create': { visitId, unitIds: [unitId] },
      'cases.create': {
        visitId,
        title: '安置房逾期交付',
        owningLeaderId: null,
        deadlineRule: 'visit_15_working_days',
        joinExisting: false,
      },
      'cases.move': {
        move: 'assign',
        caseId,
        instruction: '请核实办理。',
        leadUnitId: unitId,
        assistUnitIds: [],
        deadlineRule: 'visit_15_working_days',
      },
      'cases.responsibility': {
        caseId,
        unitId,
        responsiblePerson: '张三',
        goal: '按期交房',
        measures: '督促开发商',
        deadlineOn: today,
      },
      'queue.act': { action: 'transfer', ticketId, leaderId: otherLeaderId, reason: '专业对口' },
    });
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  /** Everything a refused call must leave as it was: the audit chain grows with every write. */
  const state = () =>
    ['audit_log', 'visits', 'tickets', 'summons', 'cases', 'roster_rules', 'accounts', 'appointments'].map((t) =>
      value<number>(core.store.database, `SELECT count(*) FROM ${t}`),
    );

  it.each([
    ['visits.register', 'categoryId', NONE, '所选问题类别不存在或已停用'],
    ['visits.register', 'localityId', NONE, '所选属地不存在或已停用'],
    ['visits.register', 'continuesVisitId', NONE, '所选来访不存在'],
    ['visits.register', 'leaderId', NONE, '所选领导不存在或已停用'],
    ['roster.saveRule', 'roomId', NONE, '所选接待室不存在'],
    ['roster.saveRule', 'leaderIds', MANY, '所选领导不存在或已停用'],
    ['roster.updateSlot', 'roomId', NONE, '所选接待室不存在'],
    ['roster.substitute', 'substituteLeaderId', NONE, '所选领导不存在或已停用'],
    ['leaders.save', 'categoryIds', MANY, '所选问题类别不存在'],
    ['units.save', 'localityIds', [NONE], '所选属地不存在'],
    ['accounts.create', 'leaderId', NONE, '所选领导不存在或已停用'],
    ['appointments.book', 'leaderId', NONE, '所选领导不存在或已停用'],
    ['summons.create', 'unitIds', [NONE], '所选单位不存在或已停用'],
    ['cases.create', 'owningLeaderId', NONE, '所选领导不存在或已停用'],
    ['cases.move', 'leadUnitId', NONE, '所选单位不存在或已停用'],
    ['cases.move', 'assistUnitIds', MANY, '所选单位不存在或已停用'],
    ['cases.responsibility', 'unitId', NONE, '所选单位不存在或已停用'],
    ['queue.act', 'leaderId', NONE, '所选领导不存在或已停用'],
  ] as const)(
    '%s with a dangling %s is BAD_INPUT at the field and changes nothing',
    async (method, path, ids, message) => {
      const input = { ...valid[method], [path]: ids };
      // The contract takes the input: the refusal is the handler's check of the rows it names.
      expect(contract[method].input.safeParse(input).success).toBe(true);
      const before = state();
      const result = await rawCaller(core, 'admin')(method, input);
      expect(result).toEqual({
        ok: false,
        error: { code: 'BAD_INPUT', message: `${message}。`, fields: [{ path, message }] },
      });
      expect(state()).toEqual(before);
    },
  );
});
