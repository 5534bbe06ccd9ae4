import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import { idCheckChar } from '../../shared/domain/id-number';
import { ADMIN, caller, must, saveLeader, saveUnit, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const TODAY = '2026-11-24'; // a Tuesday
const clock = { t: Date.parse(`${TODAY}T01:30:00Z`) }; // 09:30 in the hall

function id17(seed: number): string {
  const first17 = `3304241980${String((seed % 12) + 1).padStart(2, '0')}${String((seed % 28) + 1).padStart(2, '0')}${String(100 + (seed % 800)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A ticket of a leader's line, as the database holds it. */
interface LineRow {
  code: string;
  status: string;
  call_count: number;
}

const person = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  sex: 'unknown' as const,
  idNumber: '',
  phone: '',
  address: '',
  isRepresentative: false,
  ...extra,
});
const visit = (extra: Record<string, unknown> = {}) => ({
  petitioners: [person('李喆', { idNumber: id17(1), phone: '13905731111' })],
  headCount: 1,
  categoryId: null,
  localityId: null,
  demand: '房屋征收补偿标准偏低',
  facts: '',
  earlierHandling: '',
  legalChannel: 'none' as const,
  continuesVisitId: null,
  leaderId: null,
  reportsOnPerson: false,
  ...extra,
});

describe('registration, matching and the queue', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const ids = { land: 0, principal: 0, wu: 0, huang: 0, building: 0 };
  const pushed: unknown[] = [];

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    core.events.subscribe((name, payload) => name === 'queue.changed' && pushed.push(payload));
    await admin('settings.update', { idleLockMinutes: 60 }); // the tests move the clock
    const refs = await admin('reference.lists', {});
    ids.land = refs.categories.find((c) => c.name === '国土资源')!.id;
    ids.building = refs.categories.find((c) => c.name === '城乡建设（征地拆迁）')!.id;
    const leader = async (name: string, isPrincipal: boolean, categoryIds: number[]) =>
      (await saveLeader(admin, name, { post: isPrincipal ? '县长' : '副县长', isPrincipal, categoryIds })).id;
    ids.principal = await leader('林海堃', true, []);
    ids.wu = await leader('吴晓喆', false, [ids.land]);
    ids.huang = await leader('黄丽娟', false, [ids.building]);
    const room = (await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'B', active: true })).id;
    const rule = await admin('roster.saveRule', {
      name: '今日',
      params: { kind: 'once', dates: [TODAY] },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '08:30',
      endTime: '11:30',
      form: 'joint',
      roomId: room,
      place: null,
      leaderIds: [ids.wu, ids.huang],
      validFrom: '2026-11-01',
      validTo: null,
    });
    await admin('roster.generate', { ruleId: rule.id, from: TODAY, to: TODAY });
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('checks ID numbers and phones at the field, in Chinese, and fills birth date and sex', async () => {
    const wrong = id17(2).slice(0, 17) + (id17(2)[17] === '0' ? '1' : '0');
    const bad = await caller(core, 'admin')(
      'visits.register',
      visit({ petitioners: [person('王伟', { idNumber: wrong, phone: '12345' })] }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!bad.ok)
      expect(bad.error.fields).toEqual([
        { path: 'petitioners.0.idNumber', message: '身份证号码校验位不正确，请核对' },
        { path: 'petitioners.0.phone', message: '电话号码应为11位手机号，或带区号的固定电话' },
      ]);
    const withX = '11010519491231002x';
    const ok = await admin(
      'visits.register',
      visit({ petitioners: [person('赵秀英', { idNumber: withX })], categoryId: ids.building }),
    );
    const row = core.store.database
      .prepare(
        'SELECT p.id_number, p.birth_date, p.sex FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ?',
      )
      .get(ok.visitId);
    expect(row).toEqual({ id_number: '11010519491231002X', birth_date: '1949-12-31', sex: 'female' });
    const old = await admin(
      'visits.register',
      visit({ petitioners: [person('钱德福', { idNumber: '110105491231002' })], categoryId: ids.building }),
    );
    expect(
      core.store.database
        .prepare(
          'SELECT p.id_number FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ?',
        )
        .get(old.visitId),
    ).toEqual({ id_number: '11010519491231002X' });
  });

  it('proposes the leader on duty whose portfolio covers the category, and never one on leave', async () => {
    const land = await admin('visits.register', visit({ categoryId: ids.land }));
    expect(land).toMatchObject({
      leaderId: ids.wu,
      reason: '分管该类问题',
      ticket: { code: expect.stringMatching(/^B\d{3}$/) },
    });
    const slot = (await admin('roster.slots', { from: TODAY, to: TODAY }))[0]!;
    await admin('roster.markAbsent', { slotId: slot.id, leaderId: ids.wu, reason: '临时会议' });
    const again = await admin(
      'visits.register',
      visit({ categoryId: ids.land, petitioners: [person('周涛', { phone: '13905732222' })] }),
    );
    expect(again.leaderId).toBe(ids.huang);
    const chosen = await admin('visits.register', visit({ leaderId: ids.principal, petitioners: [person('孙强')] }));
    expect(chosen).toMatchObject({ leaderId: ids.principal, reason: '指定接访领导' });
  });

  it('stops a group of 7 until representatives are named, and calls the principal for 20 or more', async () => {
    const seven = Array.from({ length: 7 }, (_, i) => person(`群众${i + 1}`));
    const refused = await caller(core, 'admin')('visits.register', visit({ petitioners: seven, headCount: 7 }));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'RULE_VIOLATION',
        message: expect.stringContaining('推选不超过5名代表'),
        fields: [{ path: 'petitioners' }],
      },
    });
    seven[0]!.isRepresentative = true;
    seven[1]!.isRepresentative = true;
    const queued = await admin('visits.register', visit({ petitioners: seven, headCount: 7 }));
    expect(queued.ticket).not.toBeNull();
    const crowd = await admin(
      'visits.register',
      visit({ petitioners: [person('代表甲', { isRepresentative: true })], headCount: 23 }),
    );
    expect(crowd).toMatchObject({ leaderId: ids.principal, reason: '须主要领导接待' });
    expect(crowd.alerts[0]).toMatch(/23人集体来访.*主要领导/);
  });

  it('guides a matter for the courts to the legal channel without a queue number', async () => {
    const guided = await admin('visits.register', visit({ legalChannel: 'litigation', petitioners: [person('郑某')] }));
    expect(guided).toMatchObject({ guided: true, ticket: null });
  });

  it('finds earlier visits by ID number, phone or name prefix, masked, and routes the third visit on a matter to the principal', async () => {
    const first = await admin(
      'visits.register',
      visit({
        petitioners: [person('欧阳娜娜', { idNumber: id17(9), phone: '13905739999' })],
        categoryId: ids.building,
      }),
    );
    const second = await admin(
      'visits.register',
      visit({
        petitioners: [person('欧阳娜娜', { idNumber: id17(9) })],
        categoryId: ids.building,
        continuesVisitId: first.visitId,
      }),
    );
    expect(second.leaderId).toBe(ids.huang);
    const found = await admin('visits.lookup', { idNumber: id17(9) });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      name: '欧阳娜娜',
      matterVisits: 2,
      idNumber: expect.stringMatching(/^\d{6}\*+\d{3}[\dX]$/),
      phone: '139****9999',
    });
    expect(await admin('visits.lookup', { phone: '139 0573 9999' })).toHaveLength(2);
    expect((await admin('visits.lookup', { namePrefix: '欧阳' })).length).toBe(2);
    const third = await admin(
      'visits.register',
      visit({
        petitioners: [person('欧阳娜娜', { idNumber: id17(9) })],
        categoryId: ids.building,
        continuesVisitId: second.visitId,
      }),
    );
    expect(third).toMatchObject({ leaderId: ids.principal, reason: '须主要领导接待' });
    expect(third.alerts).toContain('同一事项第3次来访，由主要领导接待');
    // With three earlier visits on the matter, the fourth goes to the principal leader too.
    const fourth = await admin(
      'visits.register',
      visit({
        petitioners: [person('欧阳娜娜', { idNumber: id17(9) })],
        categoryId: ids.building,
        continuesVisitId: third.visitId,
      }),
    );
    expect(fourth).toMatchObject({ leaderId: ids.principal, reason: '须主要领导接待' });
    expect((await admin('visits.lookup', { idNumber: id17(9) }))[0]!.matterVisits).toBe(4);
  });

  it('summons units with a 10-minute countdown and records arrival or lateness', async () => {
    const unit = (await saveUnit(admin, '县住房和城乡建设局')).id;
    const other = (await saveUnit(admin, '城关镇人民政府')).id;
    const v = await admin('visits.register', visit({ petitioners: [person('冯军')], categoryId: ids.building }));
    expect(await admin('summons.create', { visitId: v.visitId, unitIds: [unit, other] })).toEqual({ created: 2 });
    const list = await admin('summons.today', {});
    const [a, b] = list.filter((s) => s.visitId === v.visitId);
    expect(Date.parse(a!.dueAt) - Date.parse(a!.summonedAt)).toBe(10 * 60_000);
    expect(await admin('summons.arrive', { summonsId: a!.id })).toEqual({ late: false });
    clock.t += 11 * 60_000;
    expect(await admin('summons.arrive', { summonsId: b!.id })).toEqual({ late: true });
    expect(await caller(core, 'admin')('summons.arrive', { summonsId: b!.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    clock.t -= 11 * 60_000;
  });

  it('books an unreceived visitor for later, reminds who must be told, and sends them to that leader on the day', async () => {
    const v = await admin(
      'visits.register',
      visit({ petitioners: [person('卫东', { idNumber: id17(20) })], categoryId: ids.building }),
    );
    expect((await admin('day.unreceived', {})).map((u) => u.visitId)).toContain(v.visitId);
    expect(
      await caller(core, 'admin')('appointments.book', {
        visitId: v.visitId,
        leaderId: ids.wu,
        at: '2026-11-20T09:00',
        place: '第一接待室',
        purpose: '征收补偿',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'at' }] },
    });
    const booked = await admin('appointments.book', {
      visitId: v.visitId,
      leaderId: ids.wu,
      at: '2026-11-26T09:00',
      place: '第一接待室',
      purpose: '征收补偿',
    });
    expect((await admin('day.unreceived', {})).map((u) => u.visitId)).not.toContain(v.visitId);
    const up = (await admin('appointments.upcoming', {})).appointments.find((a) => a.id === booked.id)!;
    // Two days ahead: the leader must be told now, the petitioner tomorrow.
    expect(up).toMatchObject({ tellLeader: true, tellPetitioner: false, petitioner: '卫*' });
    await admin('appointments.notified', { id: booked.id, who: 'leader' });
    expect((await admin('appointments.upcoming', {})).appointments.find((a) => a.id === booked.id)).toMatchObject({
      tellLeader: false,
    });
    const printed = await core.documents.print('appointment', booked.id, { id: 1, name: '王管理' });
    expect(printed.pages).toBe(1);
    // Both end-of-day lists export as sheets others can open: names masked, the export audited.
    const csv = Buffer.from((await admin('day.export', { list: 'appointments', format: 'csv' })).base64, 'base64');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('约访时间,接访领导,信访人,地点,事由,待通知');
    // The leader has been told; the petitioner is told the day before, so nobody is due today.
    expect(text).toContain('1,2026-11-26 09:00,吴晓喆,卫*,第一接待室,征收补偿,\r\n');
    expect(text).not.toContain('卫东');
    const unreceivedSheet = await admin('day.export', { list: 'unreceived', format: 'xlsx' });
    expect(unreceivedSheet).toMatchObject({
      fileName: expect.stringMatching(/^今日未接待-\d{4}-\d{2}-\d{2}\.xlsx$/),
      rows: (await admin('day.unreceived', {})).length,
    });
    expect((await admin('audit.list', { limit: 5 })).entries.filter((e) => e.action === 'day.export')).toHaveLength(2);
    // On the day, the booked visitor goes to that leader first.
    clock.t = Date.parse('2026-11-26T01:00:00Z');
    await admin('auth.unlock', { password: ADMIN.password }); // two days idle locked the session
    const onTheDay = await admin(
      'visits.register',
      visit({ petitioners: [person('卫东', { idNumber: id17(20) })], categoryId: ids.building }),
    );
    expect(onTheDay).toMatchObject({ leaderId: ids.wu, reason: '今日已约访' });
    clock.t = Date.parse(`${TODAY}T01:30:00Z`);
  });

  it('runs a leader’s line: call, no call while busy, recall, skip to the end then out, transfer, start, finish — pushing each change', async () => {
    const line = () =>
      all<LineRow>(
        core.store.database,
        'SELECT code, status, call_count FROM tickets WHERE leader_id = ? AND date = ? ORDER BY position',
        ids.huang,
        TODAY,
      );
    // Three more in 黄丽娟's line (housing is her portfolio), whatever the other tests queued.
    for (const name of ['排队甲', '排队乙', '排队丙'])
      expect(
        await admin('visits.register', visit({ petitioners: [person(name)], categoryId: ids.building })),
      ).toMatchObject({ leaderId: ids.huang });
    const before = pushed.length;
    const first = (await admin('queue.call', { leaderId: ids.huang })).ticket!;
    expect(pushed.at(-1)).toMatchObject({
      action: 'call',
      called: { code: first.code, room: '第一接待室', leader: '黄丽娟' },
    });
    expect(await caller(core, 'admin')('queue.call', { leaderId: ids.huang })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    await admin('queue.act', { action: 'recall', ticketId: first.id });
    expect(await admin('queue.act', { action: 'skip', ticketId: first.id })).toEqual({ result: 'requeued' });
    expect(line().at(-1)).toMatchObject({ code: first.code, status: 'waiting', call_count: 2 });
    // Call until the skipped number comes round again: its third call, then out.
    for (;;) {
      const t = (await admin('queue.call', { leaderId: ids.huang })).ticket!;
      if (t.id === first.id) break;
      await admin('queue.act', { action: 'transfer', ticketId: t.id, leaderId: ids.principal, reason: '涉及多个部门' });
    }
    expect(await admin('queue.act', { action: 'skip', ticketId: first.id })).toEqual({ result: 'gone' });
    const moved = value<number>(
      core.store.database,
      "SELECT id FROM tickets WHERE leader_id = ? AND status = 'waiting' ORDER BY position LIMIT 1",
      ids.principal,
    )!;
    const called = (await admin('queue.call', { leaderId: ids.principal })).ticket!;
    await admin('queue.act', { action: 'start', ticketId: called.id });
    await admin('queue.act', { action: 'finish', ticketId: called.id });
    expect(core.store.database.prepare('SELECT status FROM tickets WHERE id = ?').get(called.id)).toEqual({
      status: 'done',
    });
    expect(moved).toBeGreaterThan(0);
    expect(await caller(core, 'admin')('queue.act', { action: 'finish', ticketId: called.id })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    expect(pushed.length).toBeGreaterThan(before + 6);
    const today = await admin('queue.today', {});
    expect(today.every((t) => !/^(李喆|欧阳娜娜)$/.test(t.name))).toBe(true);
  });
});
