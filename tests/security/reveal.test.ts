// Full personal data is a recorded act (issue 13): petitioners.reveal gave 260 of 260 ID numbers in
// 0.63 s to one account, and the archivist, refused petitioners.reveal, read full ID numbers and
// phones off printed slips. Now every reveal, on screen or on a full printed copy, takes a reason,
// is audited with it and counts toward the account's hourly limit; a masked copy needs neither.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { value } from '../../electron/core/infra/db/sql';
import { maskIdNumber, maskPhone } from '../../shared/domain/mask';
import type { RevealReasonKind } from '../../shared/domain/reveal';
import { carriesPersonalData, maskedData } from '../../shared/documents/copies';
import { DOCUMENT_KINDS } from '../../shared/documents/kinds';
import { sampleData } from '../../shared/documents/samples';
import type { AuditEntryView, MethodInput, MethodName, Result } from '../../shared/contract';
import {
  ADMIN,
  assignCase,
  createCase,
  loginAsNew,
  must,
  newPasswordOf,
  rawCaller,
  registerVisit,
  saveLeader,
  saveUnit,
  testCore,
} from '../helpers/core';
import { hall, hallPrint, passwordFile } from '../helpers/cli';
import { pdfText, squash } from '../helpers/pdf';
import { tempDir } from '../helpers/tmp';

const ID_NUMBER = '110101199003074530';
const PHONE = '13905731234';
/** The visitor whose full values the suites reveal and print. */
const PETITIONER = {
  name: '欧阳明',
  sex: 'male',
  idNumber: ID_NUMBER,
  phone: PHONE,
  address: '',
  isRepresentative: false,
} as const;
const MINUTE = 60_000;

describe('reveals of full ID numbers and phones', () => {
  const tmp = tempDir();
  const clock = { t: Date.parse('2026-11-30T01:00:00Z') };
  let core: Core;
  const ids = { a: 0, b: 0, visitA: 0, visitB: 0, petitionerA: 0, caseB: 0, assignmentB: 0, visitNoA: '' };
  const accounts = {
    desk: { username: 'desk', password: 'operator pass 1', role: 'operator' },
    files: { username: 'files', password: 'archivist pw 1', role: 'archivist' },
    leaderA: { username: 'leader-a', password: 'leader pass 1', role: 'leader' },
  } as const;
  const as =
    (who: keyof typeof accounts | 'admin') =>
    <M extends MethodName>(method: M, input: MethodInput<M>) =>
      rawCaller(core, who)(method, input) as Promise<Result<never>>;
  const reveal = (who: keyof typeof accounts | 'admin', field: 'idNumber' | 'phone' = 'idNumber') =>
    as(who)('petitioners.reveal', { petitionerId: ids.petitionerA, field, reason: { kind: 'contact' } });
  /** The audit entries of one account, newest first (the administrator reads the trail). */
  const auditOf = async (username: string): Promise<AuditEntryView[]> =>
    (await must(core, 'admin')('audit.list', { limit: 500 })).entries.filter((e) =>
      e.actorName.endsWith(`(${username})`),
    );
  const revealsOf = async (username: string) =>
    (await auditOf(username)).filter((e) => e.action === 'petitioner.reveal');
  const printRegistration = (
    who: keyof typeof accounts | 'admin',
    input: Partial<MethodInput<'documents.print'>> = {},
  ) => as(who)('documents.print', { kind: 'registration', recordId: ids.visitA, ...input });
  /** A full copy of a record, printed with a reason of the given kind. */
  const printFull = (
    who: keyof typeof accounts,
    kind: MethodInput<'documents.print'>['kind'],
    recordId: number,
    reason: RevealReasonKind,
  ) => as(who)('documents.print', { kind, recordId, copy: 'full', reason: { kind: reason } });

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    // The clock moves by hours here: the sessions must outlast it.
    await admin('settings.update', { idleLockMinutes: 240 });
    ids.a = (await saveLeader(admin, '吴晓喆')).id;
    ids.b = (await saveLeader(admin, '林海堃')).id;
    for (const [name, a] of Object.entries(accounts)) {
      await admin('accounts.create', {
        username: a.username,
        displayName: name,
        role: a.role,
        password: a.password,
        leaderId: name === 'leaderA' ? ids.a : null,
      });
      await loginAsNew(core, name, a);
    }
    ids.visitA = await registerVisit(admin, '欧阳明', '安置房逾期交付', { leaderId: ids.a, petitioners: [PETITIONER] });
    ids.visitB = await registerVisit(admin, '司马青', '拆迁补偿', { leaderId: ids.b });
    const db = core.store.database;
    ids.petitionerA = value<number>(db, 'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ?', ids.visitA)!;
    ids.visitNoA = value<string>(db, 'SELECT visit_no FROM visits WHERE id = ?', ids.visitA)!;
    ids.caseB = await createCase(admin, ids.visitB, '拆迁补偿', ids.b);
    await assignCase(admin, ids.caseB, (await saveUnit(admin, '县住房和城乡建设局')).id);
    ids.assignmentB = value<number>(db, 'SELECT id FROM assignments WHERE case_id = ?', ids.caseB)!;
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('refuses a reveal without a reason at the field, and 其他 without words at its text', async () => {
    const call = rawCaller(core, 'desk');
    const refused = [
      [{ petitionerId: ids.petitionerA, field: 'idNumber' }, 'reason', '请选择查看理由'],
      [{ petitionerId: ids.petitionerA, field: 'phone', reason: { kind: 'curious' } }, 'reason.kind', '请选择查看理由'],
      [{ petitionerId: ids.petitionerA, field: 'phone', reason: { kind: 'other', text: '  ' } }, 'reason.text', '其他'],
      [
        { petitionerId: ids.petitionerA, field: 'phone', reason: { kind: 'other', text: '查'.repeat(101) } },
        'reason.text',
        '最多100字',
      ],
    ] as const;
    for (const [input, path, message] of refused) {
      const r = await call('petitioners.reveal', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(!r.ok && r.error.fields).toEqual([{ path, message: expect.stringContaining(message) }]);
    }
    expect(await revealsOf('desk')).toEqual([]);
  });

  it('gives the value with a reason and audits the reason (kind and words), not the value', async () => {
    const r = await as('desk')('petitioners.reveal', {
      petitionerId: ids.petitionerA,
      field: 'phone',
      reason: { kind: 'other', text: '  回访前核对号码 ' },
    });
    expect(r).toEqual({ ok: true, value: { value: PHONE } });
    const [entry] = await revealsOf('desk');
    expect(entry).toMatchObject({ entity: 'petitioner', entityId: String(ids.petitionerA) });
    expect(JSON.parse(entry!.detail)).toEqual({ field: 'phone', reason: 'other', reasonText: '回访前核对号码' });
    expect(JSON.stringify(await auditOf('desk'))).not.toContain(PHONE);
  });

  it('refuses the 31st reveal within the hour and reveals nothing; allows it again once the hour has passed', async () => {
    const start = clock.t;
    // One more reveal of the account's is in the window from the test before: 29 here make 30.
    expect((await revealsOf('desk')).length).toBe(1);
    for (let i = 0; i < 29; i++) {
      clock.t += MINUTE;
      expect(await reveal('desk', i % 2 ? 'phone' : 'idNumber'), `reveal ${i + 2}`).toMatchObject({ ok: true });
    }
    clock.t += MINUTE;
    const over = await reveal('desk');
    expect(over).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(!over.ok && over.error.message).toMatch(/一小时内查看完整个人信息已达 30 次上限，\d{2}:\d{2} 后可再查看/);
    expect(JSON.stringify(over)).not.toContain(ID_NUMBER);
    expect((await revealsOf('desk')).length).toBe(30);
    // Another account has its own hour.
    expect(await reveal('admin')).toMatchObject({ ok: true });
    // The first reveal was at `start`: an hour after it (not a moment before) there is room for one.
    clock.t = start + 60 * MINUTE - 1;
    expect(await reveal('desk')).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    clock.t = start + 60 * MINUTE;
    expect(await reveal('desk')).toEqual({ ok: true, value: { value: ID_NUMBER } });
    expect(await reveal('desk')).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    // The count is the audit trail's: a restart (a new core on the same folder) counts the same.
    core.close();
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    for (const [name, a] of Object.entries(accounts))
      await must(core, name)('auth.login', { username: a.username, password: newPasswordOf(a) });
    await must(core, 'admin')('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await reveal('desk')).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    // The limit is a setting.
    await must(core, 'admin')('settings.update', { revealsPerHour: 40 });
    expect(await reveal('desk')).toMatchObject({ ok: true });
    await must(core, 'admin')('settings.update', { revealsPerHour: 30 });
    clock.t += 61 * MINUTE;
  });

  it('prints a masked copy by default, with no reason and no reveal: no full ID number or phone on paper', async () => {
    const before = (await revealsOf('files')).length;
    const r = await printRegistration('files');
    expect(r.ok).toBe(true);
    const text = squash(pdfText(Buffer.from((r as { value: { pdfBase64: string } }).value.pdfBase64, 'base64')));
    expect(text).toContain(ids.visitNoA);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
    expect(text).toContain(maskIdNumber(ID_NUMBER));
    expect(text).toContain(maskPhone(PHONE));
    expect((await revealsOf('files')).length).toBe(before);
    const [printed] = (await auditOf('files')).filter((e) => e.action === 'document.print');
    expect(JSON.parse(printed!.detail)).toMatchObject({ kind: 'registration', copy: 'masked' });
  });

  it('refuses a full copy without a reason at the field, in the contract and in the service', async () => {
    const r = await printRegistration('files', { copy: 'full' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'reason' }] } });
    await expect(
      core.documents.print('registration', ids.visitA, { id: 1, name: ADMIN.displayName }, { copy: 'full' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', fields: [{ path: 'reason' }] });
  });

  it('lets the archivist print a full copy: it shows the full values, is audited as a reveal with its reason and counts toward the limit', async () => {
    const r = await printRegistration('files', { copy: 'full', reason: { kind: 'archive', text: '正式归档' } });
    expect(r.ok).toBe(true);
    const printed = (r as { value: { pdfBase64: string; code: string } }).value;
    const text = squash(pdfText(Buffer.from(printed.pdfBase64, 'base64')));
    expect(text).toContain(ID_NUMBER);
    expect(text).toContain(PHONE);
    const [entry] = await revealsOf('files');
    const documentId = value<number>(
      core.store.database,
      'SELECT id FROM documents WHERE verify_code = ?',
      printed.code,
    );
    expect(entry).toMatchObject({ entity: 'document', entityId: String(documentId) });
    expect(JSON.parse(entry!.detail)).toEqual({
      kind: 'registration',
      recordId: ids.visitA,
      reason: 'archive',
      reasonText: '正式归档',
    });
    // A masked and a full copy of the same record are the same version of it.
    const verdict = await must(core, 'files')('documents.verify', { code: printed.code });
    expect(verdict).toMatchObject({ status: 'current', version: 1 });
    // Still refused the screen's reveal: printing is the archivist's, with the same accounting.
    expect(await reveal('files')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // 29 more full copies (folders too) make 30; the 31st full copy is refused and nothing is printed.
    clock.t += MINUTE;
    for (let i = 0; i < 28; i++)
      expect(await printRegistration('files', { copy: 'full', reason: { kind: 'archive' } })).toMatchObject({
        ok: true,
      });
    expect(await printFull('files', 'folder', ids.caseB, 'archive')).toMatchObject({ ok: true });
    const documents = value<number>(core.store.database, 'SELECT count(*) FROM documents');
    const over = await printRegistration('files', { copy: 'full', reason: { kind: 'archive' } });
    expect(over).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(value<number>(core.store.database, 'SELECT count(*) FROM documents')).toBe(documents);
    // The masked copy stays one click away.
    expect(await printRegistration('files')).toMatchObject({ ok: true });
    expect((await revealsOf('files')).length).toBe(30);
  });

  it('counts full prints and screen reveals together', async () => {
    clock.t += 61 * MINUTE;
    for (let i = 0; i < 29; i++) expect(await reveal('desk')).toMatchObject({ ok: true });
    expect(await printFull('desk', 'assignment', ids.assignmentB, 'assignment')).toMatchObject({ ok: true });
    expect(await reveal('desk')).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(await as('desk')('documents.print', { kind: 'assignment', recordId: ids.assignmentB })).toMatchObject({
      ok: true,
    });
  });

  it("keeps the scope: a leader cannot print another leader's case, full or masked, and nothing is recorded", async () => {
    const before = (await auditOf('leader-a')).length;
    for (const input of [
      { kind: 'assignment', recordId: ids.assignmentB },
      { kind: 'assignment', recordId: ids.assignmentB, copy: 'full', reason: { kind: 'assignment' } },
      { kind: 'registration', recordId: ids.visitB, copy: 'full', reason: { kind: 'verify_identity' } },
    ] as const)
      expect(await as('leaderA')('documents.print', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/只能查看和办理本人包案/) },
      });
    expect((await auditOf('leader-a')).length).toBe(before);
    // Their own visitor's slip, full, with a reason.
    expect(await printFull('leaderA', 'registration', ids.visitA, 'verify_identity')).toMatchObject({ ok: true });
    expect((await revealsOf('leader-a')).length).toBe(1);
  });
});

describe('the kinds whose paper carries ID numbers or phones', () => {
  /** The sample petitioners' full values (shared/documents/samples.ts). */
  const FULL = ['330424198703150027', '330424197011020035', '13905731234', '13857312345'];
  it.each(DOCUMENT_KINDS.filter((k) => k !== 'folder'))(
    '%s: the masked copy shows none, and masking changes only the kinds listed as carrying them',
    (kind) => {
      const data = sampleData(kind);
      const masked = JSON.stringify(maskedData(kind, data));
      for (const v of FULL) expect(masked).not.toContain(v);
      expect(masked !== JSON.stringify(data)).toBe(carriesPersonalData(kind));
    },
  );
});

describe('hall print', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let pw = '';
  let visitId = 0;

  beforeAll(async () => {
    const core = testCore(data);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付', { petitioners: [PETITIONER] });
    core.close();
    pw = passwordFile(tmp.dir, ADMIN.password);
  });
  afterAll(() => tmp.cleanup());

  const print = (out: string, ...more: string[]) => hallPrint(data, 'registration', visitId, out, pw, ...more);

  it('prints a masked copy by default and a full one with --copy full --reason, refusing it without a reason', () => {
    const masked = path.join(tmp.dir, 'masked.pdf');
    const m = print(masked);
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain('脱敏件');
    const maskedText = squash(pdfText(fs.readFileSync(masked)));
    expect(maskedText).not.toContain(ID_NUMBER);
    expect(maskedText).toContain(maskIdNumber(ID_NUMBER));

    const full = path.join(tmp.dir, 'full.pdf');
    const refused = print(full, '--copy', 'full');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/reason: 打印完整件请选择理由/);
    expect(fs.existsSync(full)).toBe(false);
    expect(print(full, '--copy', 'full', '--reason', '随便看看').code).toBe(2);
    expect(print(full, '--copy', 'full', '--reason', '其他').err).toMatch(/reason\.text: 选择“其他”时请写明理由/);

    const f = print(full, '--copy', 'full', '--reason', '档案查阅', '--reason-text', '归档');
    expect(f.code, f.err).toBe(0);
    expect(f.out).toContain('完整件');
    const fullText = squash(pdfText(fs.readFileSync(full)));
    expect(fullText).toContain(ID_NUMBER);
    expect(fullText).toContain(PHONE);
  });

  it('documents the choice in its help', () => {
    const help = hall(data, ['--help']);
    expect(help.out).toMatch(/--copy full --reason 理由/);
    expect(help.out).toMatch(/核实身份、联系信访人、办理交办、档案查阅、其他/);
  });
});
