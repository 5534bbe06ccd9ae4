import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ErrorBody, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../core/infra/log';
import { resolveDataDir } from '../core/infra/paths';
import { CliError, EXIT, type CliIo } from './commands';

/** Exit code for a contract error: usage, authentication, or a data problem. */
export function exitFor(error: ErrorBody): number {
  switch (error.code) {
    case 'BAD_INPUT':
      return EXIT.usage;
    case 'WRONG_CREDENTIALS':
    case 'UNAUTHENTICATED':
    case 'ACCOUNT_LOCKED':
    case 'FORBIDDEN':
    case 'SESSION_LOCKED':
      return EXIT.auth;
    default:
      return EXIT.data;
  }
}

export function describeFailure(error: ErrorBody): string {
  const fields = error.fields?.map((f) => `  ${f.path || '输入'}: ${f.message}`).join('\n');
  return fields ? `${error.message}\n${fields}` : error.message;
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `参数错误：${(error as Error).message}\n运行 hall --help 查看用法。`);
  }
}

export const CREDENTIAL_OPTIONS = {
  user: { type: 'string' },
  'password-file': { type: 'string' },
} as const;

/** --user and --password-file, or HALL_USER and HALL_PASSWORD for automation. */
export function credentials(values: { user?: string | undefined; 'password-file'?: string | undefined }, io: CliIo): { username: string; password: string } {
  const username = values.user ?? io.env.HALL_USER;
  let password = io.env.HALL_PASSWORD;
  if (values['password-file']) {
    try {
      password = fs.readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new CliError(EXIT.usage, `无法读取密码文件 ${values['password-file']}`);
    }
  }
  if (!username || !password) throw new CliError(EXIT.usage, '需要用户名和密码：--user 用户名 --password-file 文件，或设置 HALL_USER 和 HALL_PASSWORD。');
  return { username, password };
}

export interface CliSession {
  core: Core;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

/** A core for one CLI command, calling through the same router as the app. */
export function openCore(io: CliIo): CliSession {
  const core = createCore({ dataDir: resolveDataDir(io.env), host: 'cli', runtime: `Node ${process.versions.node}`, log: silentLogger });
  return {
    core,
    async call(method, input) {
      const result = await core.router.call(method, input, { host: 'cli', clientId: 'cli' });
      if (!result.ok) throw new CliError(exitFor(result.error), describeFailure(result.error));
      return result.value as never;
    },
    close: () => core.close(),
  };
}

/** Opens the core and logs in; the caller closes. */
export async function loggedIn(io: CliIo, values: { user?: string | undefined; 'password-file'?: string | undefined }): Promise<CliSession> {
  const creds = credentials(values, io);
  const session = openCore(io);
  try {
    if (session.core.store.state() === 'uninitialized') throw new CliError(EXIT.data, `数据目录 ${session.core.store.files.dir} 尚未初始化，请先运行 hall init。`);
    await session.call('auth.login', creds);
    return session;
  } catch (error) {
    session.close();
    throw error;
  }
}

/** Runs `fn` with a session and closes the store afterwards, whatever happens. */
export async function using<T>(session: CliSession, fn: (session: CliSession) => Promise<T> | T): Promise<T> {
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

/** Output for scripts: pretty JSON, one document per call. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
