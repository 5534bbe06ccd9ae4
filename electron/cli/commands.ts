import { HallError, type ErrorBody, type ErrorCode } from '../../shared/contract';
import { APP_NAME, APP_VERSION } from '../core';

/** Exit codes of the CLI contract: scripts branch on these. */
export const EXIT = { ok: 0, usage: 2, auth: 3, data: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The one mapping from a contract error to an exit code, by code (never by message): every
 * code must be placed, so a new one cannot slip through as the wrong kind of failure.
 */
const EXIT_BY_CODE: Record<ErrorCode, ExitCode> = {
  BAD_INPUT: EXIT.usage,
  UNKNOWN_METHOD: EXIT.data,
  UNAUTHENTICATED: EXIT.auth,
  FORBIDDEN: EXIT.auth,
  SESSION_LOCKED: EXIT.auth,
  PASSWORD_CHANGE_REQUIRED: EXIT.auth,
  NOT_INITIALIZED: EXIT.data,
  ALREADY_INITIALIZED: EXIT.data,
  WRONG_CREDENTIALS: EXIT.auth,
  ACCOUNT_LOCKED: EXIT.auth,
  NOT_FOUND: EXIT.data,
  CONFLICT: EXIT.data,
  RULE_VIOLATION: EXIT.data,
  DATA_PROBLEM: EXIT.data,
  DATABASE_NOT_EMPTY: EXIT.data,
  DEVICE: EXIT.data,
  DISK_FULL: EXIT.data,
  INTERNAL: EXIT.data,
};

export function exitFor(code: ErrorCode): ExitCode {
  return EXIT_BY_CODE[code];
}

/** The error's Chinese message, then each field that failed, one per line. */
export function describeFailure(error: ErrorBody): string {
  const fields = error.fields?.map((f) => `  ${f.path || '输入'}: ${f.message}`).join('\n');
  return fields ? `${error.message}\n${fields}` : error.message;
}

/** A failure of the command line itself (usage, a file it cannot read), with its exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `${APP_NAME} 命令行工具 (hall) ${APP_VERSION}`,
    '',
    '用法: hall <命令> [选项]',
    '',
    '命令:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    '环境变量:',
    '  HALL_DATA_DIR   数据目录（默认为当前用户的应用数据目录）',
    '',
    '退出码: 0 成功, 2 用法错误, 3 身份验证失败, 4 数据问题',
  ].join('\n');
}

export const versionCommand: Command = {
  name: 'version',
  summary: '显示版本',
  usage: 'version',
  run(_args, io) {
    io.out(`${APP_VERSION}\n`);
    return EXIT.ok;
  },
};

export async function runCli(argv: string[], io: CliIo, commands: readonly Command[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(commands) + '\n');
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') return versionCommand.run([], io);
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令：${name}。运行 hall --help 查看可用命令。\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message + '\n');
      return error.exitCode;
    }
    // From a method through the router, or from a core operation: the same errors, one mapping.
    if (error instanceof HallError) {
      io.err(describeFailure(error.toBody()) + '\n');
      return exitFor(error.code);
    }
    throw error;
  }
}
