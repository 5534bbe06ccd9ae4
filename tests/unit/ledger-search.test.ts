// The ledger's full-text search (issue 17, search): each kind of search word finds exactly the
// cases whose searchable text holds it, through the real API on an encrypted store, and refuses
// only what it says it refuses. The reference is the case's search text itself (the view
// case_search_text the indexes are built from), read with instr(): whatever way the query goes
// (pair index, trigram index, a temporary table of hits, the sort index walked), it must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ledgerAll, queryLedger } from '../../electron/core/ledger/query';
import { values } from '../../electron/core/infra/db/sql';
import { LEDGER_COLUMNS, LEDGER_COUNT_CAP, searchWords, type LedgerColumn } from '../../shared/domain/ledger';
import {
  caller,
  loginAsNew,
  mover,
  must,
  officeOnClock,
  registerVisit,
  saveLeader,
  saveUnit,
  type MoveInput,
} from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('ledger full-text search', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  const leader = { a: 0, b: 0 };
  const c = { demand: 0, interview: 0, closure: 0, followUp: 0, instruction: 0, syntax: 0, rare: 0, latin: 0 };
  const TODAY = '2026-09-01';

  const open = async (name: string, demand: string, title: string, owningLeaderId: number | null) =>
    (
      await admin('cases.create', {
        visitId: await registerVisit(admin, name, demand),
        title,
        owningLeaderId,
        deadlineRule: 'answer_60_days',
        joinExisting: false,
      })
    ).caseId;
  const move = (caseId: number, input: MoveInput) => mover(admin)(caseId, input);
  const found = async (text: string) => {
    const page = await admin('ledger.query', { text, limit: 200 });
    return { total: page.total, ids: page.rows.map((r) => r.caseId).sort((x, y) => x - y) };
  };
  /** The cases whose search text holds every word, read straight from the text (the reference). */
  const expected = (text: string) => {
    const words = searchWords(text).map((w) => w.toLowerCase());
    const ids = values<number>(
      core.store.database,
      `SELECT case_id FROM case_search_text WHERE ${words.map(() => 'instr(lower(body), ?) > 0').join(' AND ')} ORDER BY case_id`,
      ...words,
    );
    return { total: ids.length, ids };
  };

  beforeAll(async () => {
    let day: (iso: string) => Promise<void>;
    ({ core, admin, day } = await officeOnClock(tmp.dir, '2026-03-02'));
    leader.a = (await saveLeader(admin, '林海堃')).id;
    leader.b = (await saveLeader(admin, '赵德明')).id;
    const unit = (await saveUnit(admin, '县住建局')).id;

    c.demand = await open('王芳', '河口镇红星村宅基地被强拆，未签订补偿协议', '宅基地问题', leader.a);
    c.instruction = await open('李娜', '小区电梯长期停运', '物业问题', leader.b);
    await move(c.instruction, {
      move: 'assign',
      instruction: '请住建局会同街道实地踏勘后答复。',
      leadUnitId: unit,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    c.closure = await open('张伟', '工地拖欠工资三个月', '欠薪问题', leader.b);
    await move(c.closure, {
      move: 'assign',
      instruction: '请督促支付。',
      leadUnitId: unit,
      assistUnitIds: [],
      reportRequirements: '',
      deadlineRule: 'visit_15_working_days',
    });
    await move(c.closure, { move: 'receive', signedBy: '王建军' });
    await day('2026-03-20');
    await move(c.closure, {
      move: 'close',
      findings: '经协调，欠薪已全部发放到位。',
      outcome: 'support',
      basis: '《信访工作条例》',
      answerDate: '2026-03-20',
      answerWay: 'written_delivered',
      satisfaction: 'satisfied',
      stopped: false,
    });
    c.followUp = c.closure;
    await move(c.followUp, {
      move: 'followUp',
      way: 'phone',
      byName: '刘敏',
      result: '电话回访，信访人表示认可处理意见。',
      satisfaction: 'satisfied',
    });
    await day('2026-04-01');
    const visit = await registerVisit(admin, '陈静', '申请低保未获批准');
    c.interview = (
      await admin('cases.create', {
        visitId: visit,
        title: '低保问题',
        owningLeaderId: leader.a,
        deadlineRule: 'answer_60_days',
        joinExisting: false,
      })
    ).caseId;
    const interview = await admin('interviews.open', { visitId: visit });
    await admin('interviews.save', {
      interviewId: interview.interviewId,
      version: interview.version,
      place: '第一接待室',
      participants: [],
      opinion: '请民政局入户核查',
      disposition: null,
      petitionerResponse: '同意等候答复',
      end: false,
      turns: [{ speaker: 'petitioner', text: '老伴常年卧病在床，没有收入。' }],
    });
    // The operators of FTS5 and its quotes, typed as text.
    c.syntax = await open('周强', '材料编号"A-3"(第2批):NEAR OR 附件*见后', '材料问题', leader.a);
    // A character outside the BMP, in a two-character word and in a longer one.
    c.rare = await open('吴喆', '𠮷村道路损毁，请求修复', '道路问题', leader.b);
    c.latin = await open('黄海燕', 'WiFi基站辐射担忧，要求搬迁', '基站问题', null);
    await day(TODAY);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('finds a word of three characters or more wherever the case holds it', async () => {
    for (const [text, id] of [
      ['宅基地', c.demand], // the demand
      ['实地踏勘', c.instruction], // only in the assignment instruction
      ['已全部发放到位', c.closure], // only in the closure finding
      ['表示认可', c.followUp], // only in the follow-up result
      ['卧病在床', c.interview], // only in an interview turn
      ['入户核查', c.interview], // only in the interview's opinion
      ['同意等候', c.interview], // only in the petitioner's response
    ] as const)
      expect(await found(text), text).toEqual({ total: 1, ids: [id] });
  });

  it('finds two-character words through the pair index, alone and with longer words', async () => {
    expect(await found('河口')).toEqual({ total: 1, ids: [c.demand] });
    expect(await found('低保')).toEqual({ total: 1, ids: [c.interview] });
    expect(await found('欠薪 发放到位')).toEqual({ total: 1, ids: [c.closure] });
    expect(await found('欠薪 河口')).toEqual({ total: 0, ids: [] });
    expect(await found('问题')).toEqual(expected('问题'));
    expect((await found('问题')).total).toBe(7); // every title
  });

  it('finds a character outside the BMP as one character', async () => {
    expect(await found('𠮷村')).toEqual({ total: 1, ids: [c.rare] });
    expect(await found('𠮷村道路')).toEqual({ total: 1, ids: [c.rare] });
  });

  it('takes quotes and FTS5 operators literally, and matches Latin letters in any case', async () => {
    for (const text of ['"A-3"', '(第2批)', ':NEAR', 'NEAR OR', '附件*', '编号"A', 'near', 'OR 附件'])
      expect(await found(text), text).toEqual({ total: 1, ids: [c.syntax] });
    for (const text of ['""', '*见后', 'AND NOT', 'NEAR(', '"OR*', '^材料', '-附件'])
      expect(await found(text), text).toEqual(expected(text));
    expect(await found('wifi')).toEqual({ total: 1, ids: [c.latin] });
    expect(await found('WIFI基站')).toEqual({ total: 1, ids: [c.latin] });
  });

  it('agrees with the text itself for every word cut from it', async () => {
    // Every two- and three-character piece of each case's text, and some longer ones: the
    // search finds exactly the cases the text holds it in.
    const bodies = values<string>(core.store.database, 'SELECT body FROM case_search_text');
    const words = new Set<string>();
    for (const body of bodies)
      for (const run of body.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const chars = Array.from(run);
        for (let i = 0; i + 1 < chars.length; i += 3) words.add(chars.slice(i, i + 2 + (i % 2)).join(''));
        if (chars.length >= 5) words.add(chars.slice(1, 5).join(''));
      }
    expect(words.size).toBeGreaterThan(60);
    for (const word of words) expect(await found(word), word).toEqual(expected(word));
  });

  it('refuses a one-character word and a lone surrogate at the field, and an overlong text', async () => {
    const call = caller(core, 'admin');
    for (const text of ['河', '河口 镇', '𠮷', '\uD842']) {
      expect(await call('ledger.query', { text }), text).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'text' }] },
      });
    }
    expect(await call('ledger.query', { text: '河口\uDFB7村' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'text' }] },
    });
    expect(await call('ledger.query', { text: '河'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'text', message: '检索内容最多100个字' }] },
    });
    // The core refuses them too, for a caller that is not the router.
    const db = core.store.database;
    expect(() => queryLedger(db, { text: '河' }, TODAY)).toThrow('每个检索词至少输入2个字');
    expect(() => queryLedger(db, { text: '河口\uD842' }, TODAY)).toThrow('含有无法识别的字符');
    expect(() => queryLedger(db, { text: '河口\u0000镇' }, TODAY)).toThrow('含有无法识别的字符');
  });

  it('takes the longest text the field allows, of one word or of many', async () => {
    expect(await found('宅基地'.repeat(33))).toEqual({ total: 0, ids: [] });
    expect(await found(Array.from({ length: 33 }, () => '问题').join(' '))).toEqual(expected('问题'));
    expect(await found('   ')).toMatchObject({ total: 7 }); // blank: no search
  });

  it('shows a leader only their own cases, whatever the text', async () => {
    await admin('accounts.create', {
      username: 'lin',
      displayName: '林海堃',
      role: 'leader',
      password: 'leader password 1',
      leaderId: leader.a,
    });
    const lin = await loginAsNew(core, 'lin', { username: 'lin', password: 'leader password 1' });
    const own = new Set([c.demand, c.interview, c.syntax]);
    for (const text of ['问题', '已全部发放到位', '河口', '𠮷村', '表示认可', '实地踏勘', '材料编号']) {
      const page = await lin('ledger.query', { text });
      const ids = page.rows.map((r) => r.caseId);
      expect(
        ids.every((id) => own.has(id)),
        text,
      ).toBe(true);
      expect(page.total, text).toBe(ids.length);
      expect(ids.sort(), text).toEqual(expected(text).ids.filter((id) => own.has(id)));
    }
    // Another leader named in the filter: nothing, even for text their cases hold.
    expect(await lin('ledger.query', { text: '发放到位', leaderId: leader.b })).toEqual({ total: 0, rows: [] });
    const sheet = await lin('ledger.export', { format: 'csv', text: '问题' });
    expect(sheet.rows).toBe(3);
  });

  it('pages a search in the same order as the export reads it', async () => {
    const db = core.store.database;
    for (const text of ['问题', '请求', '问题 申请'])
      for (const order of ['asc', 'desc'] as const) {
        const input = { text, sort: { column: 'acceptedOn' as const, order } };
        const all = ledgerAll(db, input, TODAY).map((r) => r.caseId);
        const pages = [0, 2, 4].flatMap((offset) =>
          queryLedger(db, { ...input, limit: 2, offset }, TODAY).rows.map((r) => r.caseId),
        );
        expect(pages, `${text} ${order}`).toEqual(all.slice(0, 6));
      }
  });

  describe('with 4,000 more cases, the words spread unevenly', () => {
    // Imported history: ids do not follow the acceptance dates, and each word sits in one part
    // of the ledger only — what the windows of the page (query.ts, walkWindow) must survive.
    beforeAll(() => {
      const db = core.store.database;
      const person = db.prepare('SELECT petitioner_id FROM cases LIMIT 1').pluck().get();
      const insert = db.prepare(
        `INSERT INTO cases (case_no, petitioner_id, title, demand, accepted_on, deadline_rule, deadline_on, deadline_basis, status, owning_leader_id)
         VALUES (?, ?, '导入', ?, ?, 'answer_60_days', ?, '{}', ?, ?)`,
      );
      db.transaction(() => {
        for (let i = 0; i < 4000; i++) {
          // Dates run backwards against ids in the first half, forwards in the second.
          const day = i < 2000 ? 2000 - i : i;
          const accepted = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
          const words = [
            i % 2 === 0 ? '常见事项' : '其他事项',
            i < 1200 ? '早年积案' : '',
            i >= 2800 ? '新近来信' : '',
            i % 97 === 0 ? '零星反映' : '',
          ].join('，');
          insert.run(
            `IMP${i}`,
            person,
            words,
            accepted,
            accepted,
            i % 3 === 0 ? 'closed' : 'received',
            i % 5 === 0 ? leader.a : leader.b,
          );
        }
      })();
    });

    it('pages every search and sort exactly as the whole result sorted, and caps the count', () => {
      const db = core.store.database;
      const filters = [
        { text: '常见事项' }, // 2,000: capped
        { text: '事项' }, // 4,000 through the pair index: capped
        { text: '早年积案' }, // 1,200 at one end of the ids: capped
        { text: '新近来信' }, // 1,200 at the other
        { text: '零星反映' }, // 42, spread thin: sorted whole
        { text: '常见事项', statuses: ['closed'] },
        { text: '事项 早年积案', leaderId: leader.a },
        { text: '常见 事项', statuses: ['received'], leaderId: leader.b },
      ] as const;
      const columns: LedgerColumn[] = ['acceptedOn', 'petitioner', 'deadlineOn', 'status', 'caseNo'];
      expect(columns.every((c) => LEDGER_COLUMNS.includes(c))).toBe(true);
      for (const filter of filters)
        for (const column of columns)
          for (const order of ['asc', 'desc'] as const) {
            const input = {
              ...filter,
              statuses: 'statuses' in filter ? [...filter.statuses] : undefined,
              sort: { column, order },
            };
            const all = ledgerAll(db, input, TODAY).map((r) => r.caseId);
            const label = `${JSON.stringify(filter)} ${column} ${order}`;
            for (const offset of [0, 40, 950]) {
              const page = queryLedger(db, { ...input, limit: 50, offset }, TODAY);
              if (all.length > LEDGER_COUNT_CAP)
                expect(page, label).toMatchObject({ total: LEDGER_COUNT_CAP, capped: true });
              else expect(page.total, label).toBe(all.length);
              expect(
                page.rows.map((r) => r.caseId),
                `${label} @${offset}`,
              ).toEqual(all.slice(offset, offset + 50));
            }
          }
    });
  });
});
