// Issue 16, item 10: the end of the day carries every unreceived visitor over to appointments,
// or closes the day for all of them, in one action (the screen sends batches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMinute } from '../../shared/domain/calendar';
import { value } from '../../electron/core/infra/db/sql';
import type { Core } from '../../electron/core';
import { caller, createAndLogin, officeOnClock, OPERATOR, rawCaller, saveLeader, visitInput } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const TODAY = '2026-11-23'; // a Monday

describe('the end of the day for all unreceived visitors at once', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: Awaited<ReturnType<typeof officeOnClock>>['admin'];
  const ids = { wu: 0, li: 0, leaderAccount: 'leader-wu' };

  const person = (name: string) => ({
    name,
    sex: 'unknown' as const,
    idNumber: '',
    phone: '',
    address: '',
    isRepresentative: false,
  });
  const register = async (name: string, leaderId: number | null, demand = '要求解决拖欠工资问题') =>
    (await admin('visits.register', visitInput([person(name)], demand, { leaderId }))).visitId;
  const unreceived = async () => (await admin('day.unreceived', {})).map((u) => u.visitId);

  beforeAll(async () => {
    ({ core, admin } = await officeOnClock(tmp.dir, TODAY));
    ids.wu = (await saveLeader(admin, '吴晓喆')).id;
    ids.li = (await saveLeader(admin, '李卫国')).id;
    await admin('settings.update', { minutesPerVisit: 20 });
    await createAndLogin(admin, core, ids.leaderAccount, {
      username: 'wu',
      displayName: '吴晓喆',
      role: 'leader',
      password: 'leader pw wu 1',
      leaderId: ids.wu,
    });
    await createAndLogin(admin, core, 'op', OPERATOR);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('books every unreceived visitor for the chosen day, one after another per leader, audited', async () => {
    const a = await register('赵甲', ids.wu);
    const b = await register('钱乙', ids.wu);
    const c = await register('孙丙', ids.li);
    const result = await admin('day.carryOver', {
      visitIds: [a, b, c],
      to: { kind: 'appointment', at: '2026-11-25T09:00', place: '信访接待大厅', leaderId: null },
    });
    expect(result).toEqual({ done: 3, skipped: 0 });
    expect(await unreceived()).toEqual([]);
    const booked = (await admin('appointments.upcoming', {})).appointments;
    const times = (leader: string) => booked.filter((x) => x.leader === leader).map((x) => chinaMinute(x.at));
    expect(times('吴晓喆')).toEqual(['2026-11-25 09:00', '2026-11-25 09:20']);
    expect(times('李卫国')).toEqual(['2026-11-25 09:00']);
    expect(booked.find((x) => x.petitioner === '赵*')).toMatchObject({ purpose: '要求解决拖欠工资问题' });
    const audit = (await admin('audit.list', { limit: 20 })).entries;
    expect(audit.filter((e) => e.action === 'day.carryOver').map((e) => Number(e.entityId))).toEqual(
      expect.arrayContaining([a, b, c]),
    );
    // Their tickets left today's queue.
    const waiting = value<number>(
      core.store.database,
      "SELECT count(*) FROM tickets WHERE visit_id IN (?, ?, ?) AND status IN ('waiting', 'called')",
      a,
      b,
      c,
    );
    expect(waiting).toBe(0);
  });

  it('continues after the bookings of an earlier batch instead of doubling a time', async () => {
    const d = await register('周丁', ids.wu);
    expect(
      await admin('day.carryOver', {
        visitIds: [d],
        to: { kind: 'appointment', at: '2026-11-25T09:00', place: '信访接待大厅', leaderId: null },
      }),
    ).toEqual({ done: 1, skipped: 0 });
    const wu = (await admin('appointments.upcoming', {})).appointments.filter((x) => x.leader === '吴晓喆');
    expect(wu.map((x) => chinaMinute(x.at))).toEqual(['2026-11-25 09:00', '2026-11-25 09:20', '2026-11-25 09:40']);
  });

  it('refuses at the field: a day that is not after today, a visitor without a leader and none chosen', async () => {
    const e = await register('吴戊', null);
    const call = rawCaller(core, 'admin');
    expect(
      await call('day.carryOver', {
        visitIds: [e],
        to: { kind: 'appointment', at: `${TODAY}T16:00`, place: '信访接待大厅', leaderId: ids.wu },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'to.at', message: '请选择今天以后的日期' }] },
    });
    expect(
      await call('day.carryOver', {
        visitIds: [e],
        to: { kind: 'appointment', at: '2026-11-26T09:00', place: '信访接待大厅', leaderId: null },
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'to.leaderId' }] } });
    expect(
      await call('day.carryOver', {
        visitIds: [e],
        to: { kind: 'appointment', at: '2026-11-31T09:00', place: '信访接待大厅', leaderId: ids.wu },
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'to.at' }] } });
    expect(await call('day.carryOver', { visitIds: [], to: { kind: 'close' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'visitIds', message: '请至少选择一位来访人' }] },
    });
    expect(
      await call('day.carryOver', { visitIds: Array.from({ length: 21 }, (_, i) => i + 1), to: { kind: 'close' } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    // Nothing changed by the refusals.
    expect(await unreceived()).toEqual([e]);
    // With a leader chosen for those without one, it books.
    expect(
      await admin('day.carryOver', {
        visitIds: [e],
        to: { kind: 'appointment', at: '2026-11-26T09:00', place: '信访接待大厅', leaderId: ids.li },
      }),
    ).toEqual({ done: 1, skipped: 0 });
  });

  it('closes the day for all of them: left without reception, audited; a received or dangling id is skipped', async () => {
    const f = await register('郑己', ids.wu);
    const g = await register('王庚', ids.li);
    const h = await register('冯辛', ids.li);
    const called = await admin('queue.call', { leaderId: ids.li });
    expect(called.ticket?.id).toBe(value<number>(core.store.database, 'SELECT id FROM tickets WHERE visit_id = ?', g));
    await admin('queue.act', { action: 'start', ticketId: called.ticket!.id });
    const r = await admin('day.carryOver', { visitIds: [f, g, h, 999_999], to: { kind: 'close' } });
    expect(r).toEqual({ done: 2, skipped: 2 });
    expect(await unreceived()).toEqual([]);
    const status = (id: number) => value<string>(core.store.database, 'SELECT status FROM visits WHERE id = ?', id);
    expect([status(f), status(h)]).toEqual(['left', 'left']);
    expect(status(g)).not.toBe('left');
    const closed = (await admin('audit.list', { limit: 10 })).entries.filter((e) => e.action === 'day.close');
    expect(closed.map((e) => Number(e.entityId)).sort()).toEqual([f, h].sort());
  });

  it('lets a leader account move only the visitors queued to them', async () => {
    const mine = await register('褚壬', ids.wu);
    const other = await register('卫癸', ids.li);
    const asLeader = caller(core, ids.leaderAccount);
    await asLeader('auth.unlock', { password: 'leader pw wu 1 mine' });
    expect(await asLeader('day.carryOver', { visitIds: [mine, other], to: { kind: 'close' } })).toEqual({
      ok: true,
      value: { done: 1, skipped: 1 },
    });
    expect(await unreceived()).toEqual([other]);
    // The operator may close the rest; the archivist role is not offered the method at all.
    expect(await caller(core, 'op')('day.carryOver', { visitIds: [other], to: { kind: 'close' } })).toEqual({
      ok: true,
      value: { done: 1, skipped: 0 },
    });
  });

  it('lists the petitioners to tell by name with the phone masked; its export carries full phones only with a reason, each recorded', async () => {
    const withPhone = (
      await admin(
        'visits.register',
        visitInput([{ ...person('蒋子墨'), phone: '13905731234' }], '宅基地纠纷', { leaderId: ids.wu }),
      )
    ).visitId;
    // Tomorrow: the petitioner's notice day (one day ahead) has come.
    await admin('appointments.book', {
      visitId: withPhone,
      leaderId: ids.wu,
      at: '2026-11-24T10:00',
      place: '第一接待室',
      purpose: '宅基地纠纷',
    });
    const notices = await admin('appointments.notices', {});
    const mine = notices.find((n) => n.name === '蒋子墨')!;
    expect(mine).toMatchObject({ phone: '139****1234', leader: '吴晓喆' });
    // Those booked for the 25th and 26th are not due yet.
    expect(notices.every((n) => n.at < '2026-11-24T16:00:00.000Z')).toBe(true);
    const call = rawCaller(core, 'admin');
    expect(await call('day.export', { list: 'notices', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'reason', message: '导出通知名单含完整电话，请选择查看理由' }] },
    });
    const before = (await admin('audit.list', { limit: 50 })).entries.filter((e) => e.action === 'petitioner.reveal');
    const sheet = await admin('day.export', {
      list: 'notices',
      format: 'csv',
      reason: { kind: 'contact', text: '' },
    });
    const text = Buffer.from(sheet.base64, 'base64').toString('utf8');
    expect(text).toContain('蒋子墨,13905731234,2026-11-24 10:00,吴晓喆,第一接待室,宅基地纠纷');
    const after = (await admin('audit.list', { limit: 50 })).entries.filter((e) => e.action === 'petitioner.reveal');
    expect(after.length - before.length).toBe(1);
    // The appointments list itself stays masked.
    const listed = (await admin('appointments.upcoming', {})).appointments.find((a) => a.at.startsWith('2026-11-24'))!;
    expect(listed.petitioner).toBe('蒋**');
    expect(JSON.stringify(listed)).not.toContain('13905731234');
  });
});
