// A partial settings change must change only what it names (issue 13, medium findings).
import { describe, expect, it } from 'vitest';
import { ADMIN, must } from '../helpers/core';
import { freshOffice } from '../helpers/office';

describe('settings.update', () => {
  const office = freshOffice();

  it('keeps every setting it does not name', async () => {
    const admin = must(office.core, 'admin');
    await admin('settings.update', { backupKeep: 90, answerDays: 45, ticketPrinter: '前台热敏' });
    // Was: this reset backupKeep to 30 (and backups were pruned), answerDays to 60, the printer to ''.
    const after = await admin('settings.update', { idleLockMinutes: 20 });
    expect(after).toMatchObject({
      backupKeep: 90,
      answerDays: 45,
      ticketPrinter: '前台热敏',
      idleLockMinutes: 20,
      officeName: ADMIN.officeName,
    });
    expect(await admin('settings.get', {})).toEqual(after);
  });

  it('refuses an unknown or out-of-range setting and changes nothing', async () => {
    const admin = must(office.core, 'admin');
    const before = await admin('settings.get', {});
    const call = (input: unknown) =>
      office.core.router.call('settings.update', input, { host: 'cli', clientId: 'admin' });
    expect(await call({ backupKeep: 0 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'backupKeep' }] },
    });
    expect(await call({ nosuch: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await call({ officePhone: '请拨 0573-84120000' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'officePhone', message: '电话只能包含数字、空格和 + - ( )' }] },
    });
    expect(await admin('settings.get', {})).toEqual(before);
    await admin('settings.update', { officePhone: ' 0573-84120000 ' });
    expect((await admin('settings.get', {})).officePhone).toBe('0573-84120000');
  });

  it('refuses a document-number pattern without the serial {seq}, and keeps one stored before the rule editable', async () => {
    // Was: '发文' was taken, and the next print looked for a free document number forever.
    const admin = must(office.core, 'admin');
    const call = (input: unknown) =>
      office.core.router.call('settings.update', input, { host: 'cli', clientId: 'admin' });
    expect(await call({ docNumberPattern: '县信访局发文' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'docNumberPattern', message: '文号格式须包含序号 {seq}' }] },
    });
    // A pattern an older version stored still reads, and the administrator can put it right.
    office.core.store.write({ id: null, name: '旧版本' }, (db) =>
      office.core.store.putSettings(db, { docNumberPattern: '县信访局发文' }),
    );
    expect(await admin('settings.get', {})).toMatchObject({ docNumberPattern: '县信访局发文' });
    expect(await admin('settings.update', { docNumberPattern: '县信访〔{year}〕{seq}号' })).toMatchObject({
      docNumberPattern: '县信访〔{year}〕{seq}号',
    });
  });

  it('holds the organ abbreviation, the kind characters and the pattern to their rules at the field, and changes nothing', async () => {
    const admin = must(office.core, 'admin');
    const before = await admin('settings.get', {});
    const call = (input: unknown) =>
      office.core.router.call('settings.update', input, { host: 'cli', clientId: 'admin' });
    const refused = async (input: unknown, path: string, message: string) =>
      expect(await call(input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path, message }] } });
    await refused({ organAbbreviation: '清信访2' }, 'organAbbreviation', '机关代字只能是汉字');
    await refused({ organAbbreviation: '清〔信访' }, 'organAbbreviation', '机关代字只能是汉字');
    await refused({ organAbbreviation: '\ud842' }, 'organAbbreviation', expect.stringContaining('无法识别'));
    await refused({ organAbbreviation: '清河县人民政府信访局' }, 'organAbbreviation', '机关代字最多8个汉字');
    await refused({ docKindChars: { registration: '登记单' } }, 'docKindChars.registration', '文种代字最多2个汉字');
    await refused({ docKindChars: { registration: 'D' } }, 'docKindChars.registration', '文种代字只能是汉字');
    // An unnumbered kind is refused at the field in Chinese; the message does not quote the code.
    await refused({ docKindChars: { ledger: '账' } }, 'docKindChars', '文种代字含有不认识的项目');
    await refused(
      { docNumberPattern: '{organ}{kind}〔{yaer}〕{seq}号' },
      'docNumberPattern',
      expect.stringContaining('{yaer}'),
    );
    await refused({ docNumberPattern: '{seq}〔{year}〕{seq}号' }, 'docNumberPattern', '文号格式只能有一个序号 {seq}');
    await refused({ docNumberPattern: '〔{year}〕{seq号' }, 'docNumberPattern', '文号格式中的花括号不成对');
    expect(await admin('settings.get', {})).toEqual(before);
    // Within the rules: kept; kind characters not named keep theirs.
    await admin('settings.update', { docKindChars: { supervision: '' } });
    expect(
      await admin('settings.update', {
        docNumberPattern: '{organ}{kind}〔{year}〕{seq}号',
        organAbbreviation: '清信访',
        docKindChars: { registration: '记' },
      }),
    ).toMatchObject({
      organAbbreviation: '清信访',
      docKindChars: { registration: '记', supervision: '', assignment: '交' },
    });
  });

  it('checks the document-number settings again in core, whatever reaches it', async () => {
    const { settingsHandlers } = await import('../../electron/core/settings/handlers');
    const handlers = settingsHandlers({ store: office.core.store, sessions: office.core.sessions });
    const before = office.core.store.settings();
    const session = { accountId: 1, username: 'admin', displayName: '管理员', role: 'admin' };
    expect(() => handlers['settings.update']({ organAbbreviation: '清1' } as never, { session } as never)).toThrow(
      expect.objectContaining({
        code: 'BAD_INPUT',
        fields: [{ path: 'organAbbreviation', message: '机关代字只能是汉字' }],
      }),
    );
    expect(office.core.store.settings()).toEqual(before);
  });
});
