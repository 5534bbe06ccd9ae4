import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HallError, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import { createCore, resolveDataDir, silentLogger, testClockFromEnv, type CallContext, type Core } from '../core';
import { upgradeLine } from '../../shared/domain/upgrade';
import { CliError, EXIT, type CliIo } from './commands';

/** How often a CLI command asks how far an upgrade is. */
const UPGRADE_POLL_MS = 500;

/** The CLI process is one connection: every router call and operation of a command uses it. */
export const CLI_CONTEXT: CallContext = { host: 'cli', clientId: 'cli' };

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
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
export function credentials(
  values: { user?: string | undefined; 'password-file'?: string | undefined },
  io: CliIo,
): { username: string; password: string } {
  const username = values.user ?? io.env.HALL_USER;
  let password = io.env.HALL_PASSWORD;
  if (values['password-file']) {
    try {
      password = fs.readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new CliError(EXIT.usage, `无法读取密码文件 ${values['password-file']}`);
    }
  }
  if (!username || !password)
    throw new CliError(
      EXIT.usage,
      '需要用户名和密码：--user 用户名 --password-file 文件，或设置 HALL_USER 和 HALL_PASSWORD。',
    );
  return { username, password };
}

export interface CliSession {
  /** For core's operations (backup to a path, rekey, demo), called with CLI_CONTEXT. */
  core: Core;
  /** A method through the router, as the app calls it; a failure is thrown as its HallError. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

/** A core for one CLI command, calling through the same router as the app. */
export function openCore(io: CliIo): CliSession {
  let testClock;
  try {
    testClock = testClockFromEnv(io.env);
  } catch (error) {
    throw new CliError(EXIT.usage, `测试时钟设置有误：${(error as Error).message}`);
  }
  const core = createCore({
    dataDir: resolveDataDir(io.env),
    host: 'cli',
    runtime: `Node ${process.versions.node}`,
    log: silentLogger,
    testClock,
  });
  return {
    core,
    async call(method, input) {
      const result = await core.router.call(method, input, CLI_CONTEXT);
      if (!result.ok) throw new HallError(result.error.code, result.error.message, result.error.fields);
      return result.value as never;
    },
    close: () => core.close(),
  };
}

/** Opens the core and logs in; the caller closes. */
export async function loggedIn(
  io: CliIo,
  values: { user?: string | undefined; 'password-file'?: string | undefined },
): Promise<CliSession> {
  const creds = credentials(values, io);
  const session = openCore(io);
  try {
    const info = await session.call('system.info', {});
    if (info.database.state === 'uninitialized')
      throw new CliError(EXIT.data, `数据目录 ${info.dataDir} 尚未初始化，请先运行 hall init。`);
    let view = await session.call('auth.login', creds);
    // An upgrade the login started: the same line as the upgrade screen, on stderr (stdout is
    // for scripts), whenever it changes, until the store is open.
    let said = '';
    while (view.upgrade) {
      const line = upgradeLine(view.upgrade);
      if (view.upgrade.phase === 'failed') throw new CliError(EXIT.data, line);
      if (line !== said) io.err(`${line}（${view.upgrade.percent}%）\n`);
      said = line;
      await new Promise((resolve) => setTimeout(resolve, UPGRADE_POLL_MS));
      view = await session.call('auth.session', {});
    }
    if (said) io.err('数据库升级完成。\n');
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
