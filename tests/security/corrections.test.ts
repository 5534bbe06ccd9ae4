// 更正登记 (issue 16 item 12): who may correct a registration, when, and what a correction keeps.
// The counter corrects until a case is opened; then only the administrator or the case's owning
// leader, with a reason. Every correction keeps the earlier version, is audited, and makes a
// 登记单 printed before it verify as 记录已更新.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import type { MethodInput, MethodName, Result } from '../../shared/contract';
import { ADMIN, createCase, dutyToday, loginAsNew, must, registerVisit, saveLeader, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('corrections of a registration keep history, by role and by case', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const ids = { a: 0, b: 0, open: 0, filed: 0, category: 0 };
  const accounts = {
    operator: { username: 'desk', password: 'operator pass 1', role: 'operator' },
    leaderA: { username: 'leader-a', password: 'leader pass 1', role: 'leader' },
    leaderB: { username: 'leader-b', password: 'leader pass 2', role: 'leader' },
    archivist: { username: 'files', password: 'archivist pw 1', role: 'archivist' },
  } as const;
  const as =
    (who: keyof typeof accounts | 'admin') =>
    <M extends MethodName>(method: M, input: MethodInput<M>) =>
      core.router.call(method, input, { host: 'cli', clientId: who }) as Promise<Result<unknown>>;

  /** The visit's registration as a correction input, with `change` laid over it. */
  async function correction(
    visitId: number,
    change: Partial<MethodInput<'visits.correct'>> & { name?: string } = {},
  ): Promise<MethodInput<'visits.correct'>> {
    const v = await admin('visits.get', { visitId });
    const { name, ...rest } = change;
    return {
      visitId,
      version: v.version,
      petitioners: v.petitioners.map((p, i) => ({
        petitionerId: p.petitionerId,
        name: i === 0 && name ? name : p.name,
        sex: p.sex,
        idNumber: '',
        phone: '',
        address: p.address,
        isRepresentative: p.isRepresentative,
      })),
      headCount: v.headCount,
      categoryId: v.categoryId,
      localityId: v.localityId,
      demand: v.demand,
      facts: v.facts,
      earlierHandling: v.earlierHandling,
      reason: '',
      ...rest,
    };
  }

  beforeAll(async () => {
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    ids.a = (await saveLeader(admin, '吴晓喆')).id;
    ids.b = (await saveLeader(admin, '林海堃')).id;
    await dutyToday(admin, ids.b);
    for (const [who, a] of Object.entries(accounts)) {
      const leaderId = who === 'leaderA' ? ids.a : who === 'leaderB' ? ids.b : null;
      await admin('accounts.create', {
        username: a.username,
        displayName: who,
        role: a.role,
        password: a.password,
        leaderId,
      });
      await loginAsNew(core, who, a);
    }
    ids.category = (await admin('reference.lists', {})).categories[0]!.id;
    ids.open = await registerVisit(admin, '张三丰', '宅基地纠纷', { leaderId: ids.b });
    ids.filed = await registerVisit(admin, '李四光', '安置房逾期交付', {
      leaderId: ids.b,
      petitioners: [
        {
          name: '李四光',
          sex: 'unknown',
          idNumber: '110101199003074530',
          phone: '13905731234',
          address: '城关镇',
          isRepresentative: false,
        },
      ],
    });
    await createCase(admin, ids.filed, '安置房逾期交付', ids.b);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('lets the operator correct before a case is opened, keeps version 1 and makes the printed 登记单 记录已更新', async () => {
    const printed = await admin('documents.print', { kind: 'registration', recordId: ids.open });
    expect((await admin('documents.verify', { code: printed.code })).status).toBe('current');
    const r = await as('operator')(
      'visits.correct',
      await correction(ids.open, { name: '张三峰', categoryId: ids.category }),
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.ok && r.value).toEqual({ version: 2, changed: ['信访人1姓名', '问题类别'] });
    const v = await admin('visits.get', { visitId: ids.open });
    expect(v.petitioners[0]!.name).toBe('张三峰');
    expect(v.version).toBe(2);
    expect(v.versions).toHaveLength(1);
    expect(v.versions[0]).toMatchObject({
      version: 1,
      correctedBy: 'operator',
      reason: null,
      changed: ['信访人1姓名', '问题类别'],
    });
    expect(v.versions[0]!.data.petitioners[0]!.name).toBe('张三丰');
    const verdict = await admin('documents.verify', { code: printed.code });
    expect(verdict.status).toBe('outdated');
    expect(verdict.changes).toEqual(expect.arrayContaining(['信访人（姓名）', '问题类别']));
    // Audited, with the fields and the version, never the values.
    const detail = value<string>(
      core.store.database,
      "SELECT detail FROM audit_log WHERE action = 'visit.correct' AND entity_id = ?",
      String(ids.open),
    )!;
    expect(JSON.parse(detail)).toMatchObject({ version: 2, changed: ['信访人1姓名', '问题类别'] });
    expect(detail).not.toContain('张三');
  });

  it('refuses a correction from a stale version as a conflict and an unchanged one as nothing to correct', async () => {
    const stale = await as('operator')('visits.correct', {
      ...(await correction(ids.open, { name: '张三' })),
      version: 1,
    });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const same = await as('operator')('visits.correct', await correction(ids.open));
    expect(!same.ok && same.error.message).toBe('没有需要更正的内容。');
  });

  it('checks the ID number as registration does, at its field, and changes nothing', async () => {
    const input = await correction(ids.open);
    input.petitioners[0]!.idNumber = '110105194912310021';
    const r = await as('operator')('visits.correct', input);
    expect(!r.ok && r.error.code).toBe('BAD_INPUT');
    expect(!r.ok && r.error.fields?.[0]).toMatchObject({ path: 'petitioners.0.idNumber' });
    expect(!r.ok && r.error.fields?.[0]?.message).toMatch(/校验/);
    // Another person's number is refused too.
    input.petitioners[0]!.idNumber = '110101199003074530';
    const taken = await as('operator')('visits.correct', input);
    expect(!taken.ok && taken.error.fields?.[0]?.message).toBe('该身份证号已登记为另一位信访人，请核对');
    expect((await admin('visits.get', { visitId: ids.open })).version).toBe(2);
  });

  it('derives the sex from a corrected ID number', async () => {
    const input = await correction(ids.open);
    input.petitioners[0]!.idNumber = '11010519491231002X';
    input.petitioners[0]!.sex = 'male';
    const r = await as('operator')('visits.correct', input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect((await admin('visits.get', { visitId: ids.open })).petitioners[0]!.sex).toBe('female');
  });

  it('refuses the operator once a case is opened, and the archivist always', async () => {
    const before = (await admin('audit.list', { limit: 1 })).total;
    const op = await as('operator')(
      'visits.correct',
      await correction(ids.filed, { name: '李四', reason: '姓名写错了' }),
    );
    expect(!op.ok && op.error.code).toBe('FORBIDDEN');
    expect(!op.ok && op.error.message).toBe('已立案，登记须由管理员或包案领导更正。');
    const arch = await as('archivist')('visits.correct', await correction(ids.filed, { name: '李四' }));
    expect(!arch.ok && arch.error.code).toBe('FORBIDDEN');
    expect((await admin('visits.get', { visitId: ids.filed })).version).toBe(1);
    expect((await admin('audit.list', { limit: 1 })).total).toBe(before);
    // The screen learns the same from visits.get: the archivist reads, and is told why not.
    const seen = await as('archivist')('visits.get', { visitId: ids.filed });
    expect(seen.ok && seen.value).toMatchObject({ correction: { may: false, why: '档案员不能更正登记内容' } });
  });

  it('refuses a leader who does not own the case (out of scope) and a leader before a case is opened', async () => {
    const other = await as('leaderA')(
      'visits.correct',
      await correction(ids.filed, { name: '李四', reason: '姓名写错了' }),
    );
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const early = await as('leaderB')('visits.correct', await correction(ids.open, { demand: '宅基地边界纠纷' }));
    expect(!early.ok && early.error.message).toBe('尚未立案的登记由接待员更正。');
  });

  it('requires a reason after 立案, at its field, from the owning leader and the administrator alike', async () => {
    for (const who of ['leaderB', 'admin'] as const) {
      const r = await as(who)('visits.correct', await correction(ids.filed, { name: '李四', reason: '  ' }));
      expect(!r.ok && r.error.code).toBe('BAD_INPUT');
      expect(!r.ok && r.error.fields).toEqual([
        { path: 'reason', message: '已立案的登记，更正须写明原因（至少4个字）' },
      ]);
    }
    const ok = await as('leaderB')(
      'visits.correct',
      await correction(ids.filed, { name: '李四', demand: '安置房逾期两年未交付', reason: '信访人核对后更正姓名' }),
    );
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    const v = await admin('visits.get', { visitId: ids.filed });
    expect(v.versions[0]).toMatchObject({ version: 1, reason: '信访人核对后更正姓名', correctedBy: 'leaderB' });
    // The case took the demand from the registration and follows the correction.
    const caseDemand = value<string>(
      core.store.database,
      'SELECT demand FROM cases WHERE id = (SELECT case_id FROM case_visits WHERE visit_id = ?)',
      ids.filed,
    );
    expect(caseDemand).toBe('安置房逾期两年未交付');
    // The masked values stay masked in the history; the stored ID number was kept.
    expect(v.versions[0]!.data.petitioners[0]!.idNumber).toMatch(/\*/);
    expect(value(core.store.database, 'SELECT id_number FROM petitioners WHERE name = ?', '李四')).toBe(
      '110101199003074530',
    );
  });
});
