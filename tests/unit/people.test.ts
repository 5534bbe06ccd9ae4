import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import {
  ADMIN,
  caller,
  createAndLogin,
  leaderInput,
  must,
  OPERATOR,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('leaders, units, rooms and participants', () => {
  // Each test starts from its own store with one locality.
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    core.store.database.prepare("INSERT INTO localities (name) VALUES ('城关镇')").run();
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('keeps a leader with the categories and localities of their portfolio, and edits them', async () => {
    const refs = await admin('reference.lists', {});
    const land = refs.categories.find((c) => c.name === '国土资源')!.id;
    const build = refs.categories.find((c) => c.name === '城乡建设（征地拆迁）')!.id;
    const { id } = await saveLeader(admin, '吴晓喆', {
      portfolio: '自然资源、住房城乡建设',
      rank: '副县级',
      categoryIds: [land, build],
      localityIds: [refs.localities[0]!.id],
    });
    expect((await admin('leaders.list', {})).find((l) => l.id === id)).toMatchObject({
      name: '吴晓喆',
      categoryIds: [land, build],
      localityIds: [refs.localities[0]!.id],
    });
    await saveLeader(admin, '吴晓喆', {
      id,
      portfolio: '自然资源',
      rank: '副县级',
      phone: '13905730000',
      categoryIds: [land],
    });
    expect((await admin('leaders.list', {})).find((l) => l.id === id)).toMatchObject({
      portfolio: '自然资源',
      categoryIds: [land],
      localityIds: [],
      phone: '13905730000',
    });
    expect(await caller(core, 'admin')('leaders.save', leaderInput('某', { categoryIds: [9999] }))).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'categoryIds', message: '所选问题类别不存在' }] },
    });
    expect(await caller(core, 'admin')('leaders.save', leaderInput(''))).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'name', message: '请填写姓名' }] },
    });
  });

  it('refuses a second unit or room with the same name', async () => {
    await admin('units.save', {
      name: '县自然资源局',
      contact: '王科长',
      phone: null,
      active: true,
      categoryIds: [],
      localityIds: [],
    });
    expect(
      await caller(core, 'admin')('units.save', {
        name: '县自然资源局',
        contact: null,
        phone: null,
        active: true,
        categoryIds: [],
        localityIds: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await admin('rooms.save', { name: '第一接待室', location: '一楼', queuePrefix: 'A', active: true });
    expect(
      await caller(core, 'admin')('rooms.save', {
        name: '第一接待室',
        location: null,
        queuePrefix: null,
        active: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await caller(core, 'admin')('rooms.save', {
        name: '第二接待室',
        location: null,
        queuePrefix: 'ab',
        active: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await admin('participants.save', {
      name: '郑律师',
      kind: 'lawyer',
      organisation: '清河律师事务所',
      phone: null,
      active: true,
    });
    expect(await admin('participants.list', {})).toEqual([expect.objectContaining({ name: '郑律师', kind: 'lawyer' })]);
  });

  it('lets only the administrator change them, and audits each change', async () => {
    const { id } = await saveLeader(admin, '吴晓喆', { rank: '副县级' });
    await saveLeader(admin, '吴晓喆', { id, portfolio: '自然资源', rank: '副县级' });
    await saveUnit(admin, '县自然资源局');
    await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'A', active: true });
    await admin('participants.save', { name: '郑律师', kind: 'lawyer', organisation: null, phone: null, active: true });
    await createAndLogin(admin, core, 'op', OPERATOR);
    expect(
      await caller(core, 'op')('units.save', {
        name: '某单位',
        contact: null,
        phone: null,
        active: true,
        categoryIds: [],
        localityIds: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await caller(core, 'op')('units.list', {})).toMatchObject({ ok: true });
    const audit = await admin('audit.list', { limit: 50 });
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['leader.create', 'leader.update', 'unit.create', 'room.create', 'participant.create']),
    );
  });
});
