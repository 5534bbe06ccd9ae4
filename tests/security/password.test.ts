// The password rule (issue 13, medium findings): the guesses people try first are refused.
import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordStrength } from '../../shared/domain/password';
import { ADMIN, caller, must, testCore } from '../helpers/core';
import { freshOffice } from '../helpers/office';
import { tempDir } from '../helpers/tmp';

describe('the password rule', () => {
  it.each([
    'aaaaaaaa',
    'password',
    '12345678',
    '        ',
    'abcdefgh',
    '87654321',
    'qwertyui',
    'Password1',
    '88888888',
    'woaini1314',
    '19870412',
    'abababab',
  ])('refuses %j with a reason in Chinese', (pw) => {
    expect(passwordProblem(pw)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rates repeats, runs and short digit strings as weak', () => {
    for (const pw of ['aaaaaaaa', '12345678', '19870412', 'abcdefgh']) expect(passwordStrength(pw), pw).toBe('弱');
  });

  it.each(['correct horse 1', 'operator pass 1', '清河县信访局2026', 'Tr0ub4dor&3', 'Xk7#mq2!'])('accepts %j', (pw) => {
    expect(passwordProblem(pw)).toBeNull();
    expect(passwordStrength(pw)).not.toBe('弱');
  });

  it('refuses a password that is only the user name or the office name', () => {
    expect(passwordProblem('wangguanli', ['wangguanli'])).toMatch(/用户名/);
    expect(passwordProblem('qinghexian1', ['qinghexian'])).toMatch(/用户名|单位/);
  });
});

describe('the password rule at the contract', () => {
  const office = freshOffice();

  it('refuses a weak password for a new account at the field, and creates nothing', async () => {
    const result = await caller(office.core, 'admin')('accounts.create', {
      username: 'desk1',
      displayName: '李前台',
      role: 'operator',
      password: '12345678',
      leaderId: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'password', message: expect.stringMatching(/猜到/) }] },
    });
    expect((await must(office.core, 'admin')('accounts.list', {})).map((a) => a.username)).toEqual(['admin']);
  });

  it('refuses eight spaces as a first administrator password', async () => {
    const other = tempDir();
    const fresh = testCore(other.dir);
    const result = await caller(fresh, 'x')('setup.init', { ...ADMIN, password: '        ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'password' }] } });
    fresh.close();
    other.cleanup();
  });
});
