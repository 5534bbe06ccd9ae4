import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents/kinds';
import { quarterRecord } from '../../shared/documents/quarterly';
import {
  ADMIN,
  createCase,
  finalMatter,
  mover,
  must,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { pdfPages, pdfText } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

/**
 * Every printed date is a China date. A whole case is walked through the contract at 00:30 and at
 * 23:30 China time on Monday 23 November 2026 and every kind is printed at that instant. At 00:30
 * the UTC day is still the 22nd (a Sunday) and UTC time 16:30; at 23:30 the UTC day agrees but a
 * date pushed eight hours twice would read the 24th. Nothing in this office happened on the 22nd
 * or the 24th (no duty then, no deadline then), so neither day may appear on any page, in any
 * form, nor the UTC time of the instant; and every document shows the 23rd somewhere.
 */
const DAY = '2026-11-23';
const INSTANTS = [
  { label: '00:30', at: '2026-11-22T16:30:00.000Z', utcTime: '16:30' },
  { label: '23:30', at: '2026-11-23T15:30:00.000Z', utcTime: '15:30' },
] as const;

/** A day in each form a page may print it: 2026年11月23日, 11月23日, 2026-11-23, 2026.11.23, 20261123. */
function forms(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  const mm = Number(m);
  const dd = Number(d);
  return [`${y}年${mm}月${dd}日`, `${mm}月${dd}日`, iso, `${y}.${m}.${d}`, `${y}/${m}/${d}`, `${y}${m}${d}`];
}

/** Text with the spaces and line breaks pdftotext puts between characters taken out. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(INSTANTS)('every printed date at $label China time is the China day', ({ at, utcTime }) => {
  const tmp = tempDir();
  let core: Core;
  const ids = {} as Record<DocumentKind, number>;

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(at) });
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    const leader = await saveLeader(admin, '林海堃', { post: '县委副书记' });
    const unit = await saveUnit(admin, '县住房和城乡建设局', '王建军');
    const room = await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'A', active: true });
    const rule = await admin('roster.saveRule', {
      name: '每周一',
      params: { kind: 'weekly', weekdays: [1] },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '00:00',
      endTime: '23:59',
      form: 'regular',
      roomId: room.id,
      place: null,
      leaderIds: [leader.id],
      validFrom: '2026-11-01',
      validTo: null,
    });
    await admin('roster.generate', { ruleId: rule.id, from: '2026-11-01', to: '2026-11-30' });

    const visitId = await registerVisit(admin, '张春燕', '安置房逾期未交付', { leaderId: leader.id });
    const opened = await admin('interviews.open', { visitId });
    await admin('interviews.save', {
      interviewId: opened.interviewId,
      version: opened.version,
      place: '第一接待室',
      participants: [{ kind: 'leader', name: '林海堃' }],
      turns: [
        { speaker: 'petitioner', text: '安置房至今没有交付。' },
        { speaker: 'leader', text: '请住建局核实后答复。' },
      ],
      opinion: '责成县住建局核实办理。',
      disposition: 'assigned',
      petitionerResponse: '同意。',
      end: true,
    });
    const caseId = await createCase(admin, visitId, '房屋征收安置问题', leader.id);
    await admin('cases.responsibility', {
      caseId,
      unitId: unit.id,
      responsiblePerson: '王建军',
      goal: '查明事实，依法解决合理诉求。',
      measures: '每周听取一次进展汇报。',
      deadlineOn: '2026-12-31',
      signedOn: DAY,
    });
    const move = mover(admin);
    await move(caseId, {
      move: 'assign',
      instruction: '请核实办理。',
      leadUnitId: unit.id,
      deadlineRule: 'visit_15_working_days',
    });
    await move(caseId, { move: 'receive', signedBy: '王建军' });
    await move(caseId, {
      move: 'supervise',
      reason: 'due',
      level: 'yellow',
      requirements: '请按期答复',
      answerBy: '2026-11-26',
    });
    await move(caseId, { move: 'extend', days: 30, reason: '需多部门联合调查', approver: '林海堃' });
    const appointment = await admin('appointments.book', {
      visitId,
      leaderId: leader.id,
      at: '2026-11-26T09:00',
      place: '第一接待室',
      purpose: '当面听取意见',
    });
    await move(caseId, {
      move: 'close',
      findings: '经核实，安置房已完工。',
      outcome: 'support',
      basis: '《信访工作条例》第三十二条',
      answerDate: DAY,
      answerWay: 'written_delivered',
      satisfaction: 'satisfied',
      stopped: true,
    });
    await admin('cases.report', {
      caseId,
      findings: '查明安置房因施工方资金问题延期。',
      measures: '责成住建局督促施工方复工。',
      stabilityMeasures: '专人每周联系信访人。',
      result: '安置房已完工。',
      signedOn: DAY,
    });
    await move(caseId, { move: 'followUp', way: 'phone', byName: '回访组', result: '满意', satisfaction: 'satisfied' });
    await move(caseId, { move: 'requestReview', requestedOn: DAY, body: '县人民政府' });
    await move(caseId, { move: 'decideReview', result: '维持原处理意见', decidedOn: DAY });
    const guided = await registerVisit(admin, '李秀英', '要求撤销法院判决', { legalChannel: 'litigation' });
    const final = await finalMatter(admin, '王桂兰', '宅基地确权争议', unit.id, DAY);
    const again = await registerVisit(admin, '王桂兰', '宅基地确权争议', { continuesVisitId: final.visitId });
    const refusedFinal = (await admin('visits.decide', { decision: 'final', visitId: again })).decisionId;
    const toTown = await registerVisit(admin, '赵敏', '小区电梯长期故障');
    const transferred = (
      await admin('visits.decide', { decision: 'transfer', visitId: toTown, organ: '城关镇人民政府' })
    ).decisionId;

    const db = core.store.database;
    const one = (sql: string, ...params: unknown[]) => value<number>(db, sql, ...params)!;
    Object.assign(ids, {
      registration: visitId,
      interview: opened.interviewId,
      assignment: one('SELECT id FROM assignments WHERE case_id = ?', caseId),
      supervision: one('SELECT id FROM supervisions WHERE case_id = ?', caseId),
      extension: one('SELECT id FROM extensions WHERE case_id = ?', caseId),
      closure: caseId,
      responsibility: one('SELECT id FROM responsibilities WHERE case_id = ?', caseId),
      appointment: appointment.id,
      notice: one('SELECT id FROM duty_slots WHERE date = ?', DAY),
      'notice-month': 202611,
      ledger: 2026,
      'monthly-report': 202611,
      'weekly-report': 20261123,
      'daily-report': 20261123,
      quarterly: quarterRecord(leader.id, 2026, 4),
      'day-summary': 20261123,
      ticket: one('SELECT id FROM tickets WHERE visit_id = ?', visitId),
      guidance: guided,
      folder: caseId,
      acceptance: caseId,
      'transfer-notice': transferred,
      'final-notice': refusedFinal,
      answer: one('SELECT id FROM closures WHERE case_id = ?', caseId),
      'follow-up': one('SELECT id FROM follow_ups WHERE case_id = ?', caseId),
      'review-request': one('SELECT id FROM reviews WHERE case_id = ?', caseId),
      'review-opinion': one('SELECT id FROM reviews WHERE case_id = ?', caseId),
      investigation: one('SELECT id FROM investigation_reports WHERE case_id = ?', caseId),
      'ledger-extract': caseId,
    } satisfies Record<DocumentKind, number>);
  }, 60_000);
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('every row is stamped by the hall clock, not by SQLite or the system clock', async () => {
    // Print everything first: a print writes rows (documents, audit) too.
    for (const kind of DOCUMENT_KINDS) await core.documents.print(kind, ids[kind], { id: 1, name: ADMIN.displayName });
    const db = core.store.database;
    const tables = all<{ name: string }>(
      db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'",
    );
    const stamped: string[] = [];
    for (const { name } of tables) {
      const columns = all<{ name: string }>(db, `PRAGMA table_info("${name}")`)
        .map((c) => c.name)
        .filter((c) => c === 'created_at' || c === 'updated_at');
      for (const column of columns) {
        const off = all<{ v: string }>(
          db,
          `SELECT DISTINCT "${column}" AS v FROM "${name}" WHERE "${column}" IS NOT NULL AND "${column}" <> ?`,
          at,
        );
        for (const { v } of off) stamped.push(`${name}.${column} = ${v}`);
      }
    }
    expect(stamped).toEqual([]);
  });

  it.each(DOCUMENT_KINDS.map((k) => [k]))('%s: the China day on paper, never the UTC day or time', async (kind) => {
    const printed = await core.documents.print(kind, ids[kind], { id: 1, name: ADMIN.displayName });
    const pages = pdfPages(printed.pdf);
    const wrong = [...forms('2026-11-22'), ...forms('2026-11-24')];
    // A time read off a UTC instant: right after a date, or the instant itself in ISO form.
    const utc = new RegExp(`(\\d日|\\d-\\d\\d)${utcTime}|\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z|\\dT\\d\\d:`);
    for (let p = 1; p <= pages; p++) {
      const text = squash(pdfText(printed.pdf, [p, p]));
      for (const w of wrong) expect(text, `page ${p} shows ${w}`).not.toContain(w);
      expect(text, `page ${p} shows a UTC time`).not.toMatch(utc);
    }
    const all = squash(pdfText(printed.pdf));
    expect(
      forms(DAY).some((f) => all.includes(f)),
      `${kind} shows the China day`,
    ).toBe(true);
  });
});
