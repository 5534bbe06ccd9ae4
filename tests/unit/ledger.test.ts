import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ledgerAll, queryLedger, type LedgerQuery } from '../../electron/core/ledger/query';
import { CASE_STATUSES } from '../../shared/domain/case-status';
import { LEDGER_COLUMNS, LEDGER_COUNT_CAP, type LedgerColumn } from '../../shared/domain/ledger';
import type { MethodInput, MethodOutput } from '../../shared/contract';
import {
  ARCHIVIST,
  caller,
  createAndLogin,
  mover,
  must,
  officeOnClock,
  rawCaller,
  registerVisit,
  saveLeader,
  saveUnit,
  type MoveInput,
} from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

type Row = MethodOutput<'ledger.query'>['rows'][number];

describe('the ledger (台账)', () => {
  // Each group of tests below builds its own store with the same four cases (fourCases), so a
  // test that changes the store (renames a unit, adds 5,001 cases) changes it for itself only.
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let day: (iso: string) => Promise<void>;
  const ids = { lin: 0, zhao: 0, housing: 0, labour: 0, town: 0, catA: 0, catB: 0, hekou: 0, village: 0, chengguan: 0 };
  const c = { c1: 0, c2: 0, c3: 0, c4: 0 };

  const visit = (name: string, demand: string, categoryId: number, localityId: number) =>
    registerVisit(admin, name, demand, { categoryId, localityId });
  const open = async (visitId: number, title: string, owningLeaderId: number | null) =>
    (
      await admin('cases.create', {
        visitId,
        title,
        owningLeaderId,
        deadlineRule: 'answer_60_days',
        joinExisting: false,
      })
    ).caseId;
  const move = (caseId: number, input: MoveInput) => mover(admin)(caseId, input);
  const query = (input: MethodInput<'ledger.query'> = {}) => admin('ledger.query', input);
  const caseIds = (rows: Row[]) => rows.map((r) => r.caseId);

  /** Four cases of 2026, seen on 1 September: closed, assigned and overdue, accepted and overdue, accepted. */
  async function fourCases() {
    tmp = tempDir();
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-03-02'));
    const leader = (name: string) => saveLeader(admin, name);
    const unit = (name: string) => saveUnit(admin, name);
    ids.lin = (await leader('林海堃')).id;
    ids.zhao = (await leader('赵德明')).id;
    ids.housing = (await unit('县住建局')).id;
    ids.labour = (await unit('县人社局')).id;
    ids.town = (await unit('河口镇人民政府')).id;
    const lists = await admin('reference.lists', {});
    ids.catA = lists.categories.find((x) => x.name === '城乡建设（征地拆迁）')!.id;
    ids.catB = lists.categories.find((x) => x.name === '劳动和社会保障')!.id;
    // Localities have no screen yet: a township with one village, and a second township.
    const db = core.store.database;
    ids.hekou = Number(
      db.prepare("INSERT INTO localities (name, level) VALUES ('河口镇', 'township')").run().lastInsertRowid,
    );
    ids.village = Number(
      db.prepare("INSERT INTO localities (name, parent_id, level) VALUES ('红星村', ?, 'village')").run(ids.hekou)
        .lastInsertRowid,
    );
    ids.chengguan = Number(
      db.prepare("INSERT INTO localities (name, level) VALUES ('城关镇', 'township')").run().lastInsertRowid,
    );

    // c1: closed with support; its finding is only in the closure.
    c.c1 = await open(await visit('欧阳娜娜', '安置房逾期未交付', ids.catA, ids.village), '安置房问题', ids.lin);
    await move(c.c1, {
      move: 'assign',
      instruction: '请住建局牵头核实，按时答复。',
      leadUnitId: ids.housing,
      assistUnitIds: [ids.town],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    await move(c.c1, { move: 'receive', signedBy: '王建军' });
    await day('2026-03-20');
    await move(c.c1, {
      move: 'close',
      findings: '经核实主体工程已经封顶，年底前交付。',
      outcome: 'support',
      basis: '《信访工作条例》',
      answerDate: '2026-03-20',
      answerWay: 'written_delivered',
      satisfaction: 'satisfied',
      stopped: false,
    });
    // c2: assigned and overdue by September.
    await day('2026-04-10');
    c.c2 = await open(await visit('李建国', '工地拖欠农民工工资三个月', ids.catB, ids.chengguan), '欠薪问题', ids.zhao);
    await move(c.c2, {
      move: 'assign',
      instruction: '请人社局督促支付。',
      leadUnitId: ids.labour,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    // c4: no owning leader, accepted, overdue; the only one that names 河口 and 拆迁.
    await day('2026-05-05');
    c.c4 = await open(await visit('𠮷春燕', '河口码头拆迁补偿偏低', ids.catA, ids.hekou), '码头补偿问题', null);
    // c3: newest, accepted, not yet due; a sentence said only in the interview, typed after the case was opened.
    await day('2026-08-20');
    const v3 = await visit('张伟', '申请低保未获批准', ids.catB, ids.chengguan);
    c.c3 = await open(v3, '低保问题', ids.lin);
    const interview = await admin('interviews.open', { visitId: v3 });
    await admin('interviews.save', {
      interviewId: interview.interviewId,
      version: interview.version,
      place: '第一接待室',
      participants: [],
      opinion: '请民政局核实家庭情况',
      disposition: null,
      petitionerResponse: '',
      end: false,
      turns: [
        { speaker: 'petitioner', text: '家里老人常年卧病在床，没有收入。' },
        { speaker: 'leader', text: '我们请民政局上门核实。' },
      ],
    });
    await day('2026-09-01');
  }
  function closeStore() {
    core.close();
    tmp.cleanup();
  }

  describe('filters, sort, search and export of four cases', () => {
    beforeAll(fourCases);
    afterAll(closeStore);

    it('lists every case newest first, with the name masked, units lead first, days left and outcome', async () => {
      const all = await query();
      expect(all.total).toBe(4);
      expect(caseIds(all.rows)).toEqual([c.c3, c.c4, c.c2, c.c1]);
      const byId = new Map(all.rows.map((r) => [r.caseId, r]));
      expect(byId.get(c.c1)).toMatchObject({
        petitioner: '欧阳**',
        leader: '林海堃',
        category: '城乡建设（征地拆迁）',
        locality: '红星村',
        units: '县住建局、河口镇人民政府',
        status: 'closed',
        daysLeft: null,
        outcome: 'support',
      });
      expect(byId.get(c.c4)).toMatchObject({
        petitioner: '𠮷**',
        leader: null,
        units: null,
        status: 'accepted',
        outcome: null,
        daysLeft: expect.any(Number),
      });
      expect(byId.get(c.c4)!.daysLeft!).toBeLessThan(0);
      expect(byId.get(c.c3)!.daysLeft!).toBeGreaterThan(0);
      expect(byId.get(c.c2)).toMatchObject({ petitioner: '李**', units: '县人社局', status: 'assigned' });
      // Each deadline says how it was counted.
      expect(byId.get(c.c4)!.deadlineLabel).toMatch(/^自受理之日起60日/);
    });

    it('narrows to exactly the expected cases by each filter', async () => {
      const expectIds = async (input: Record<string, unknown>, expected: number[]) => {
        const page = await query(input);
        expect(new Set(caseIds(page.rows)), JSON.stringify(input)).toEqual(new Set(expected));
        expect(page.total).toBe(expected.length);
      };
      await expectIds({ from: '2026-04-01', to: '2026-05-31' }, [c.c2, c.c4]);
      await expectIds({ from: '2026-05-05' }, [c.c4, c.c3]);
      await expectIds({ to: '2026-03-02' }, [c.c1]);
      await expectIds({ leaderId: ids.lin }, [c.c1, c.c3]);
      await expectIds({ unitId: ids.town }, [c.c1]); // an assisting unit
      await expectIds({ unitId: ids.labour }, [c.c2]);
      await expectIds({ categoryId: ids.catA }, [c.c1, c.c4]);
      await expectIds({ localityId: ids.hekou }, [c.c1, c.c4]); // the township and its village
      await expectIds({ localityId: ids.village }, [c.c1]);
      await expectIds({ statuses: ['accepted'] }, [c.c3, c.c4]);
      await expectIds({ statuses: ['assigned', 'closed'] }, [c.c1, c.c2]);
      await expectIds({ overdue: true }, [c.c2, c.c4]);
      await expectIds({ overdue: true, statuses: ['closed'] }, []);
      await expectIds({ overdue: true, leaderId: ids.zhao, categoryId: ids.catB }, [c.c2]);
    });

    it('sorts by every column both ways, ties broken by id', async () => {
      const all = (await query()).rows;
      const names: Record<number, string> = { [c.c1]: '欧阳娜娜', [c.c2]: '李建国', [c.c3]: '张伟', [c.c4]: '𠮷春燕' };
      const key = (r: Row, col: LedgerColumn): string | number | null => {
        switch (col) {
          case 'petitioner':
            return names[r.caseId]!;
          case 'status':
            return CASE_STATUSES.indexOf(r.status);
          case 'outcome':
            return r.outcome === null ? null : ['support', 'explain', 'reject'].indexOf(r.outcome);
          case 'daysLeft':
            return r.deadlineOn;
          default:
            return r[col];
        }
      };
      // SQLite's order: NULL first, text by code point.
      const cmp = (a: string | number | null, b: string | number | null) =>
        a === b
          ? 0
          : a === null
            ? -1
            : b === null
              ? 1
              : typeof a === 'number'
                ? a - (b as number)
                : [...a].map((x) => x.codePointAt(0)!) < [...(b as string)].map((x) => x.codePointAt(0)!)
                  ? -1
                  : 1;
      const codePoints = (a: string, b: string) => {
        const x = [...a].map((ch) => ch.codePointAt(0)!);
        const y = [...b].map((ch) => ch.codePointAt(0)!);
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
        return x.length - y.length;
      };
      const compare = (a: string | number | null, b: string | number | null) =>
        typeof a === 'string' && typeof b === 'string' ? codePoints(a, b) : cmp(a, b);
      for (const column of LEDGER_COLUMNS)
        for (const order of ['asc', 'desc'] as const) {
          const rows = (await query({ sort: { column, order } })).rows;
          const expected = [...all].sort((a, b) => {
            const d = compare(key(a, column), key(b, column)) || a.caseId - b.caseId;
            return order === 'asc' ? d : -d;
          });
          expect(caseIds(rows), `${column} ${order}`).toEqual(caseIds(expected));
        }
      // A visible check of two of them.
      expect((await query({ sort: { column: 'leader', order: 'asc' } })).rows.map((r) => r.leader)).toEqual([
        null,
        '林海堃',
        '林海堃',
        '赵德明',
      ]);
      expect((await query({ sort: { column: 'status', order: 'asc' } })).rows.map((r) => r.status)).toEqual([
        'accepted',
        'accepted',
        'assigned',
        'closed',
      ]);
    });

    it('pages in the database and keeps the total', async () => {
      const first = await query({ limit: 3, offset: 0 });
      const second = await query({ limit: 3, offset: 3 });
      expect(first.total).toBe(4);
      expect(second.total).toBe(4);
      expect(first.rows).toHaveLength(3);
      expect(caseIds(second.rows)).toEqual([c.c1]);
      expect(await query({ limit: 3, offset: 9 })).toEqual({ total: 4, rows: [] });
    });

    it('finds words of three characters in an interview turn, a closure finding and the demand, and two-character words through the pair index', async () => {
      const found = async (text: string) => caseIds((await query({ text })).rows).sort();
      expect(await found('卧病在床')).toEqual([c.c3]); // only said in the interview
      expect(await found('主体工程')).toEqual([c.c1]); // only in the closure
      expect(await found('请民政局核实')).toEqual([c.c3]); // the leader's opinion
      expect(await found('农民工')).toEqual([c.c2]);
      expect(await found('河口')).toEqual([c.c4]); // a place name of two characters
      expect(await found('拆迁')).toEqual([c.c4]);
      expect(await found('低保 民政局')).toEqual([c.c3]); // both words
      expect(await found('低保 河口')).toEqual([]);
      expect(await found('不存在的内容')).toEqual([]);
      expect(await found('"OR*')).toEqual([]); // operators are taken as text
      expect(await query({ text: '河口', statuses: ['closed'] })).toEqual({ total: 0, rows: [] });
      // Two words and a status: a pair and a longer word (two indexes), two longer words (one).
      const both = async (input: Record<string, unknown>) => {
        const page = await query(input);
        return { total: page.total, ids: caseIds(page.rows) };
      };
      const byDeadline = { column: 'deadlineOn', order: 'desc' };
      expect(await both({ text: '拆迁 码头补偿', statuses: ['accepted'], sort: byDeadline })).toEqual({
        total: 1,
        ids: [c.c4],
      });
      expect(await both({ text: '拆迁 码头补偿', statuses: ['closed'], sort: byDeadline })).toEqual({
        total: 0,
        ids: [],
      });
      expect(await both({ text: '河口码头 补偿偏低', statuses: ['accepted', 'assigned'], sort: byDeadline })).toEqual({
        total: 1,
        ids: [c.c4],
      });
      expect(await both({ text: '码头 补偿偏低', statuses: ['accepted'], leaderId: ids.lin })).toEqual({
        total: 0,
        ids: [],
      });
      expect(await both({ text: '问题 核实', statuses: ['closed', 'accepted'], sort: byDeadline })).toEqual({
        total: 2,
        ids: [c.c3, c.c1],
      });
    });

    it('refuses a one-character search word, from after to and an unknown sort column at the field', async () => {
      const call = caller(core, 'admin');
      expect(await call('ledger.query', { text: '河' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'text', message: '每个检索词至少输入2个字' }] },
      });
      expect(await call('ledger.query', { text: '河口 镇' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'text' }] },
      });
      expect(await call('ledger.query', { from: '2026-06-01', to: '2026-05-01' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'to', message: '截止日期不能早于起始日期' }] },
      });
      expect(await rawCaller(core, 'admin')('ledger.query', { sort: { column: 'title', order: 'asc' } })).toMatchObject(
        { ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'sort.column' }] } },
      );
      expect(await call('ledger.query', { limit: 500 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await rawCaller(core, 'admin')('ledger.query', { name: '张' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      const audited = (await admin('audit.list', { limit: 1 })).total;
      expect(await call('ledger.export', { format: 'xlsx', from: '2026-06-01', to: '2026-05-01' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      expect(await call('ledger.export', { format: 'pdf', text: '河' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      expect((await admin('audit.list', { limit: 1 })).total).toBe(audited);
    });

    it('shows a leader only the cases they own; the archivist reads the whole ledger', async () => {
      await createAndLogin(admin, core, 'lin', {
        username: 'linhk',
        displayName: '林海堃',
        role: 'leader',
        password: 'leader password 1',
        leaderId: ids.lin,
      });
      await createAndLogin(admin, core, 'arch', ARCHIVIST);
      const lin = must(core, 'lin');
      const own = await lin('ledger.query', {});
      expect(own.total).toBe(2);
      expect(new Set(caseIds(own.rows))).toEqual(new Set([c.c1, c.c3]));
      expect(await lin('ledger.query', { leaderId: ids.zhao })).toEqual({ total: 0, rows: [] });
      expect(await lin('ledger.query', { text: '河口' })).toEqual({ total: 0, rows: [] });
      const sheet = await lin('ledger.export', { format: 'xlsx' });
      expect(sheet.rows).toBe(2);
      expect((await must(core, 'arch')('ledger.query', {})).total).toBe(4);
    });

    it('exports the filtered ledger to Excel with Chinese headers and labels, audited without personal data', async () => {
      const out = await admin('ledger.export', {
        format: 'xlsx',
        text: '安置房',
        statuses: ['closed'],
        sort: { column: 'caseNo', order: 'asc' },
      });
      expect(out).toMatchObject({ rows: 1, fileName: expect.stringMatching(/^信访事项台账-2026-09-01\.xlsx$/) });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('信访事项台账')!;
      const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(values(2)[0]).toContain('检索“安置房”');
      expect(values(3)).toEqual([
        '序号',
        '案件编号',
        '受理日期',
        '信访人',
        '属地',
        '类别',
        '包案领导',
        '责任单位',
        '状态',
        '办理期限',
        '剩余天数',
        '办理结果',
      ]);
      expect(values(4)).toEqual([
        1,
        expect.stringMatching(/^XF2026/),
        '2026-03-02',
        '欧阳**',
        '红星村',
        '城乡建设（征地拆迁）',
        '林海堃',
        '县住建局、河口镇人民政府',
        '已办结',
        expect.any(String),
        '',
        '支持',
      ]);
      expect(ws.rowCount).toBe(4);
      const all = await admin('ledger.export', { format: 'xlsx', sort: { column: 'deadlineOn', order: 'asc' } });
      expect(all.rows).toBe(4);
      const entry = (await admin('audit.list', { limit: 5 })).entries.find((e) => e.action === 'ledger.export')!;
      expect(JSON.parse(entry.detail)).toMatchObject({ format: 'xlsx', sort: 'deadlineOn asc', rows: 4 });
      const trail = (await admin('audit.list', { limit: 20 })).entries
        .filter((e) => e.action === 'ledger.export')
        .map((e) => e.detail)
        .join('\n');
      for (const secret of ['欧阳', '安置房', '林海堃', '县住建局']) expect(trail).not.toContain(secret);
      expect(trail).toContain('"searched":true');
    });

    it('exports a PDF through the print engine with days left and outcome', async () => {
      const out = await admin('ledger.export', { format: 'pdf', leaderId: ids.lin });
      expect(out.rows).toBe(2);
      const pdf = Buffer.from(out.base64, 'base64');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = squash(pdfText(pdf));
      for (const word of [
        '信访事项台账',
        '包案领导林海堃',
        '案件编号',
        '剩余天数',
        '办理结果',
        '欧阳**',
        '支持',
        '已办结',
        '共2件',
      ])
        expect(text).toContain(word);
      expect(text).not.toContain('核验码');
    }, 60_000);
  });

  describe('a unit renamed', () => {
    beforeAll(fourCases);
    afterAll(closeStore);

    it('keeps the copies right when a unit is renamed', async () => {
      await admin('units.save', {
        id: ids.housing,
        name: '县住房和城乡建设局',
        contact: null,
        phone: null,
        active: true,
        categoryIds: [],
        localityIds: [],
      });
      expect((await query({ unitId: ids.housing })).rows[0]).toMatchObject({
        caseId: c.c1,
        units: '县住房和城乡建设局、河口镇人民政府',
      });
    });
  });

  describe('with 5,001 more cases', () => {
    beforeAll(async () => {
      await fourCases();
      const db = core.store.database;
      const person = db.prepare('SELECT petitioner_id FROM cases LIMIT 1').pluck().get();
      const insert = db.prepare(
        "INSERT INTO cases (case_no, petitioner_id, title, demand, accepted_on, deadline_rule, deadline_on, deadline_basis, status) VALUES (?, ?, '批量', '批量导入的事项', '2025-01-01', 'answer_60_days', '2025-03-01', '{}', 'closed')",
      );
      db.transaction(() => {
        for (let i = 0; i < 5001; i++) insert.run(`BULK${i}`, person);
      })();
    });
    afterAll(closeStore);

    it('refuses an export that is too big, with the count, and writes nothing', async () => {
      const audited = (await admin('audit.list', { limit: 1 })).total;
      expect(await caller(core, 'admin')('ledger.export', { format: 'pdf', to: '2025-12-31' })).toMatchObject({
        ok: false,
        error: { code: 'RULE_VIOLATION', message: expect.stringContaining('符合条件的案件有 5001 件') },
      });
      expect((await admin('audit.list', { limit: 1 })).total).toBe(audited);
      // The search itself counts up to LEDGER_COUNT_CAP and says there are more.
      expect(await query({ text: '批量导入', limit: 1 })).toMatchObject({ total: LEDGER_COUNT_CAP, capped: true });
      expect(await caller(core, 'admin')('ledger.export', { format: 'pdf', text: '批量导入' })).toMatchObject({
        ok: false,
        error: { code: 'RULE_VIOLATION', message: expect.stringContaining('符合条件的案件有 5001 件') },
      });
    });

    it('reads a big result by walking the sort index in the same order as sorting it', async () => {
      // 5,005 cases: a page walks the sort index; an export reads all and sorts.
      // 132 sorts and filters over 5,005 cases, each read twice: a sweep for order, not a timing (loaded machines take 40 s).
      const db = core.store.database;
      for (const column of LEDGER_COLUMNS)
        for (const order of ['asc', 'desc'] as const)
          for (const filter of [
            {},
            { to: '2026-12-31', statuses: ['closed', 'accepted'] },
            { text: '批量导入' },
            { text: '事项' },
            { text: '批量 导入的事项', statuses: ['closed'] },
            { text: '批量导入 事项', to: '2026-12-31', statuses: ['closed', 'accepted'] },
          ] as LedgerQuery[]) {
            const input = { ...filter, sort: { column, order } };
            const page = queryLedger(db, { ...input, limit: 50, offset: 40 }, '2026-09-01');
            const all = ledgerAll(db, input, '2026-09-01');
            // A search counts up to LEDGER_COUNT_CAP, then says there are more.
            if (filter.text && all.length > LEDGER_COUNT_CAP)
              expect(page).toMatchObject({ total: LEDGER_COUNT_CAP, capped: true });
            else expect(page.total).toBe(all.length);
            expect(
              page.rows.map((r) => r.caseId),
              `${column} ${order} ${JSON.stringify(filter)}`,
            ).toEqual(all.slice(40, 90).map((r) => r.caseId));
          }
    }, 120_000);
  });
});
