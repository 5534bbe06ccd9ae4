import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ADMIN, caller, must, registerVisit, testCore } from '../helpers/core';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

describe('接谈记录 through the contract', () => {
  // Each test starts from its own store with one registered visit.
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let admin: ReturnType<typeof must>;
  let visitId = 0;

  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir);
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    visitId = await registerVisit(admin, '周建国', '拖欠工资', {
      petitioners: [{ name: '周建国', sex: 'male', idNumber: '', phone: '', address: '', isRepresentative: false }],
    });
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const body = (interviewId: number, version: number) => ({
    interviewId,
    version,
    place: '第二接待室',
    participants: [
      { kind: 'clerk' as const, name: ADMIN.displayName },
      { kind: 'unit' as const, name: '县人社局 李科长' },
    ],
    turns: [
      { speaker: 'petitioner' as const, text: '工地拖欠三个月工资。' },
      { speaker: 'leader' as const, text: '请人社局三日内核实。' },
    ],
    opinion: '交县人社局核实',
    disposition: null,
    petitionerResponse: '',
    end: false,
  });

  it('opens one record per visit, saves as typed, refuses a stale version and changes nothing', async () => {
    const opened = await admin('interviews.open', { visitId });
    expect(opened).toMatchObject({
      petitioner: '周**',
      participants: [{ kind: 'clerk', name: ADMIN.displayName }],
      turns: [],
      version: 1,
      endedAt: null,
    });
    expect((await admin('interviews.open', { visitId })).interviewId).toBe(opened.interviewId);
    expect(await admin('interviews.save', body(opened.interviewId, 1))).toMatchObject({ version: 2, endedAt: null });
    expect(await caller(core, 'admin')('interviews.save', { ...body(opened.interviewId, 1), turns: [] })).toMatchObject(
      { ok: false, error: { code: 'CONFLICT' } },
    );
    expect(await admin('interviews.get', { interviewId: opened.interviewId })).toMatchObject({
      place: '第二接待室',
      turns: body(0, 0).turns,
      participants: body(0, 0).participants,
      version: 2,
    });
  });

  it('saves the turns beside a participant row without a name, keeps that row as a draft, and will not end with it', async () => {
    const { interviewId } = await admin('interviews.open', { visitId });
    const withDraft = {
      ...body(interviewId, 1),
      participants: [...body(0, 0).participants, { kind: 'unit' as const, name: '   ' }],
    };
    expect(await admin('interviews.save', withDraft)).toMatchObject({ version: 2 });
    const read = await admin('interviews.get', { interviewId });
    expect(read.turns).toEqual(body(0, 0).turns);
    expect(read.participants.at(-1)).toEqual({ kind: 'unit', name: '' });
    // The contract refuses the end at the draft row's name, in Chinese; so does the rule layer.
    const ending = { ...withDraft, version: 2, disposition: 'explained' as const, end: true };
    expect(await caller(core, 'admin')('interviews.save', ending)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'participants.2.name', message: '请填写参加人员姓名' }] },
    });
    expect((await admin('interviews.get', { interviewId })).endedAt).toBeNull();
    // The printed record leaves the draft row out: it is not a participant yet. It prints as the
    // same record saved without the row.
    const print = async () =>
      squash(
        pdfText(
          Buffer.from(
            (await admin('documents.print', { kind: 'interview', recordId: interviewId, draft: true })).pdfBase64,
            'base64',
          ),
        ),
      );
    const withDraftRow = await print();
    await admin('interviews.save', { ...withDraft, version: 2, participants: body(0, 0).participants });
    expect(withDraftRow).toContain('县人社局李科长');
    expect(await print()).toBe(withDraftRow);
    const named = { ...ending, version: 3, participants: body(0, 0).participants };
    expect(await admin('interviews.save', named)).toMatchObject({ endedAt: expect.any(String) });
  });

  it('ends only with a disposition, is fixed afterwards, and audits the opening and the end, not each keystroke', async () => {
    const { interviewId } = await admin('interviews.open', { visitId });
    await admin('interviews.save', body(interviewId, 1));
    const end = await caller(core, 'admin')('interviews.save', { ...body(interviewId, 2), end: true });
    expect(end).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'disposition', message: '结束接谈前请选择处理方式' }] },
    });
    expect(
      await admin('interviews.save', { ...body(interviewId, 2), disposition: 'assigned', end: true }),
    ).toMatchObject({ version: 3, endedAt: expect.any(String) });
    expect(await caller(core, 'admin')('interviews.save', { ...body(interviewId, 3), opinion: '改写' })).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    expect((await admin('interviews.get', { interviewId })).opinion).toBe('交县人社局核实');
    const actions = (await admin('audit.list', { limit: 100 })).entries
      .map((e) => e.action)
      .filter((a) => a.startsWith('interview.'));
    expect(actions.sort()).toEqual(['interview.end', 'interview.open']);
    const printed = await core.documents.print('interview', interviewId, { id: 1, name: ADMIN.displayName });
    expect(printed.pages).toBe(1);
  });
});
