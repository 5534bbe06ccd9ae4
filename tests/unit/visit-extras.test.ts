// Issue 16 item 13, the smaller points of a visit: a summoned unit that arrives joins the
// interview's participants (and stays there when the form saves without it); 交办 starts from the
// leader's opinion (cases.get gives it); a visitor without an ID number is registered with the
// sex the operator chose, so the 登记单 does not print 不详.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { ADMIN, createCase, must, registerVisit, saveUnit, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

describe('a visit: summoned units at the interview, the opinion for 交办, the sex without an ID', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;

  beforeAll(async () => {
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('adds a summoned unit to the open interview when it arrives, and keeps it when the form saves without it', async () => {
    const unit = await saveUnit(admin, '县自然资源局');
    const other = await saveUnit(admin, '县水利局');
    const visitId = await registerVisit(admin, '赵六', '宅基地纠纷');
    const opened = await admin('interviews.open', { visitId });
    await admin('summons.create', { visitId, unitIds: [unit.id, other.id] });
    const summons = await admin('summons.today', {});
    const mine = summons.filter((s) => s.visitId === visitId);
    // Summoned is not present: only the unit that arrives joins.
    await admin('summons.arrive', { summonsId: mine.find((s) => s.unit === '县自然资源局')!.id });
    let record = await admin('interviews.get', { interviewId: opened.interviewId });
    expect(record.participants.filter((p) => p.kind === 'unit').map((p) => p.name)).toEqual(['县自然资源局']);
    await admin('interviews.save', {
      interviewId: opened.interviewId,
      version: record.version,
      place: '第一接待室',
      participants: [{ kind: 'lawyer', name: '何律师' }],
      turns: [{ speaker: 'leader', text: '请自然资源局说明情况。' }],
      opinion: '责成县自然资源局15个工作日内核实宅基地边界并书面答复。',
      disposition: null,
      petitionerResponse: '同意。',
      end: false,
    });
    record = await admin('interviews.get', { interviewId: opened.interviewId });
    expect(record.participants.map((p) => `${p.kind}:${p.name}`)).toEqual(['lawyer:何律师', 'unit:县自然资源局']);
    // Arriving twice over (another summons of the same unit) adds it once.
    await admin('summons.create', { visitId, unitIds: [unit.id] });
    const again = (await admin('summons.today', {})).filter((s) => s.visitId === visitId && !s.arrivedAt);
    await admin('summons.arrive', { summonsId: again.find((s) => s.unit === '县自然资源局')!.id });
    record = await admin('interviews.get', { interviewId: opened.interviewId });
    expect(record.participants.filter((p) => p.kind === 'unit')).toHaveLength(1);

    // 交办 starts from this opinion: the case gives it with its interviews.
    const caseId = await createCase(admin, visitId, '宅基地纠纷', null);
    const detail = await admin('cases.get', { caseId });
    expect(detail.interviews.map((i) => i.opinion)).toEqual(['责成县自然资源局15个工作日内核实宅基地边界并书面答复。']);
  });

  it('registers a visitor without an ID number with the sex chosen, and the 登记单 prints it; an ID number decides otherwise', async () => {
    const person = { name: '钱七', idNumber: '', phone: '', address: '', isRepresentative: false };
    const sexOf = (visitId: number) =>
      value<string>(
        core.store.database,
        'SELECT p.sex FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ?',
        visitId,
      );
    const female = await registerVisit(admin, '钱七', '低保申请', { petitioners: [{ ...person, sex: 'female' }] });
    expect(sexOf(female)).toBe('female');
    // The printed slip says 女, not 不详 (pdftotext of the real PDF).
    const slip = await admin('documents.print', { kind: 'registration', recordId: female });
    const text = squash(pdfText(Buffer.from(slip.pdfBase64, 'base64')));
    expect(text).toContain('性别女身份证号');
    expect(text).not.toContain('不详');
    const byId = await registerVisit(admin, '孙八', '低保申请', {
      petitioners: [{ ...person, name: '孙八', sex: 'male', idNumber: '11010519491231002X' }],
    });
    expect(sexOf(byId)).toBe('female');
  });
});
