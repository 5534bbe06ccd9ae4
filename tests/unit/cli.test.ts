import { describe, expect, it } from 'vitest';
import { HallError, type ErrorCode } from '../../shared/contract';
import { runCli as run, EXIT, versionCommand, type Command } from '../../electron/cli/commands';

const runCli = (argv: string[], io: Parameters<typeof run>[1]) => run(argv, io, [versionCommand]);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} } };
}

describe('hall CLI', () => {
  it('prints Chinese help listing the commands and the exit codes', async () => {
    const c = io();
    expect(await runCli(['--help'], c.io)).toBe(EXIT.ok);
    const text = c.out.join('');
    expect(text).toContain('用法: hall <命令>');
    expect(text).toContain('version');
    expect(text).toContain('HALL_DATA_DIR');
  });

  it('prints the version', async () => {
    const c = io();
    expect(await runCli(['version'], c.io)).toBe(EXIT.ok);
    expect(c.out.join('').trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with a hint on an unknown command or none', async () => {
    const c = io();
    expect(await runCli(['frobnicate'], c.io)).toBe(EXIT.usage);
    expect(c.err.join('')).toContain('hall --help');
    expect(await runCli([], io().io)).toBe(EXIT.usage);
  });

  it('maps every error, from the router or a core operation, to an exit code by its code alone', async () => {
    const failing = (error: HallError): Command => ({
      name: 'fail',
      summary: '',
      usage: 'fail',
      run: () => Promise.reject(error),
    });
    const exit = async (code: ErrorCode, message?: string, fields?: { path: string; message: string }[]) => {
      const c = io();
      const status = await run(['fail'], c.io, [failing(new HallError(code, message, fields))]);
      return { status, err: c.err.join('') };
    };
    expect(await exit('BAD_INPUT', undefined, [{ path: 'from', message: '日期不正确' }])).toEqual({
      status: EXIT.usage,
      err: '输入的内容不正确，请检查标红的项目。\n  from: 日期不正确\n',
    });
    for (const code of [
      'WRONG_CREDENTIALS',
      'UNAUTHENTICATED',
      'SESSION_LOCKED',
      'PASSWORD_CHANGE_REQUIRED',
      'FORBIDDEN',
      'ACCOUNT_LOCKED',
    ] as const)
      expect((await exit(code)).status).toBe(EXIT.auth);
    for (const code of [
      'NOT_FOUND',
      'DATA_PROBLEM',
      'DATABASE_NOT_EMPTY',
      'NOT_INITIALIZED',
      'RULE_VIOLATION',
      'INTERNAL',
    ] as const)
      expect((await exit(code)).status).toBe(EXIT.data);
    // The message decides nothing: the same text under another code exits by that code.
    expect((await exit('FORBIDDEN', 'demo: database already has visits')).status).toBe(EXIT.auth);
  });
});
