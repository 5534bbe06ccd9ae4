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
});
