import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { parseIdNumber, parsePhone } from '../../shared/domain/id-number';
import { maskIdNumber, maskName, maskPhone } from '../../shared/domain/mask';
import { ADMIN, caller, loginAsNew, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('masks shown by default', () => {
  it('hides the middle of ID numbers and phones, and the given name', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13905721234')).toBe('139****1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('𠮷春燕')).toBe('𠮷**');
    expect(maskIdNumber(null)).toBe('');
  });
});

describe('ID numbers (GB 11643) and phones', () => {
  const today = '2026-11-23';
  it('accepts a valid number ending in X and reads birth date and sex from it', () => {
    expect(parseIdNumber('11010519491231002x', today)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      converted: false,
    });
  });
  it('rejects a wrong check character with a Chinese reason', () => {
    expect(parseIdNumber('110105194912310021', today)).toEqual({
      ok: false,
      reason: expect.stringContaining('校验位'),
    });
  });
  it('converts an old 15-digit number', () => {
    expect(parseIdNumber('110105491231002', today)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      converted: true,
      sex: 'female',
    });
  });
  it('rejects impossible dates and future births', () => {
    expect(parseIdNumber('110105194902300023', today)).toMatchObject({ ok: false });
    expect(parseIdNumber('110105203001010011', today)).toMatchObject({ ok: false });
  });
  it('accepts mobile and landline numbers and refuses others', () => {
    expect(parsePhone('139 0572 1234')).toEqual({ ok: true, value: '13905721234' });
    expect(parsePhone('0573-84123000')).toEqual({ ok: true, value: '057384123000' });
    expect(parsePhone('12345')).toMatchObject({ ok: false });
  });
});

describe('seeing a full value', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = testCore(tmp.dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('accounts.create', {
      username: 'arch',
      displayName: '赵档案',
      role: 'archivist',
      password: 'archivist pw',
    });
    core.store.database
      .prepare("INSERT INTO petitioners (name, id_number, phone) VALUES ('李喆', '11010519491231002X', '13905721234')")
      .run();
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('is allowed to a role that handles petitioners and leaves an audit entry', async () => {
    const value = await must(core, 'admin')('petitioners.reveal', {
      petitionerId: 1,
      field: 'idNumber',
      reason: { kind: 'verify_identity' },
    });
    expect(value).toEqual({ value: '11010519491231002X' });
    const audit = await must(core, 'admin')('audit.list', { limit: 5 });
    expect(audit.entries[0]).toMatchObject({ action: 'petitioner.reveal', entity: 'petitioner', entityId: '1' });
    expect(JSON.stringify(audit)).not.toContain('11010519491231002X');
  });

  it('is refused to the archivist, and nothing is recorded as seen', async () => {
    await loginAsNew(core, 'arch', { username: 'arch', password: 'archivist pw' });
    expect(
      await caller(core, 'arch')('petitioners.reveal', {
        petitionerId: 1,
        field: 'phone',
        reason: { kind: 'contact' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const audit = await must(core, 'admin')('audit.list', { limit: 50 });
    expect(audit.entries.some((e) => e.action === 'petitioner.reveal')).toBe(false);
  });
});
