import { backupToPath, changeDatabaseKey, fillDemoData, restoreFromPath, rotateRecoveryCode, type Core } from '../core';
import { CliError, EXIT, type Command } from './commands';
import { CLI_CONTEXT, credentials, CREDENTIAL_OPTIONS, loggedIn, openCore, parse, using } from './context';

export const initCommand: Command = {
  name: 'init',
  summary: '首次设置：创建单位和第一个管理员，打印恢复码',
  usage: 'init --office 名称 --user 用户名 --password-file 文件 [--name 姓名]',
  async run(args, io) {
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, office: { type: 'string' }, name: { type: 'string' } });
    const creds = credentials(values, io);
    const officeName = values.office ?? io.env.HALL_OFFICE;
    if (!officeName) throw new CliError(EXIT.usage, '请用 --office 指定单位名称（或设置 HALL_OFFICE）。');
    return using(openCore(io), async (session) => {
      const result = await session.call('setup.init', {
        officeName,
        username: creds.username,
        displayName: values.name ?? creds.username,
        password: creds.password,
      });
      const { dataDir } = await session.call('system.info', {});
      io.out(`已初始化：${officeName}，数据目录 ${dataDir}\n`);
      io.out(`管理员：${result.account.username}\n`);
      io.out(`恢复码（只显示这一次，请打印或抄写后妥善保管）：\n${result.recoveryCode}\n`);
      return EXIT.ok;
    });
  },
};

export const demoCommand: Command = {
  name: 'demo',
  summary: '填入演示数据（一个月的排班、数百条来访和各种状态的案件）',
  usage: 'demo --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values } = parse(args, CREDENTIAL_OPTIONS);
    return using(await loggedIn(io, values), (session) => {
      const summary = fillDemoData(session.core, CLI_CONTEXT);
      io.out(
        `已填入演示数据：领导 ${summary.leaders} 人，责任单位 ${summary.units} 个，排班 ${summary.dutySlots} 天，信访人 ${summary.petitioners} 人，来访 ${summary.visits} 批次，案件 ${summary.cases} 件。\n`,
      );
      return EXIT.ok;
    });
  },
};

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库（加密文件，附密钥文件）；backup reencrypt 用当前密码重新加密旧密钥备份',
  usage:
    'backup --out 文件 --user 用户名 --password-file 文件 | backup reencrypt [备份名称] --user 用户名 --password-file 文件',
  async run(args, io) {
    if (args[0] === 'reencrypt') return reencryptBackups(args.slice(1), io);
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, out: { type: 'string' } });
    if (!values.out) throw new CliError(EXIT.usage, '请用 --out 指定备份文件。');
    const outFile = values.out;
    return using(await loggedIn(io, values), async (session) => {
      const off = printProgress(session.core, io);
      const info = await backupToPath(session.core, CLI_CONTEXT, outFile).finally(off);
      io.out(`已备份到 ${info.file}（${Math.round(info.size / 1024)} KB），密钥文件 ${info.keyringFile}\n`);
      return EXIT.ok;
    });
  },
};

const PHASES: Record<string, string> = {
  copy: '正在备份',
  encrypt: '正在加密备份',
  check: '正在校验备份',
  place: '正在复制到第二备份位置',
};

/**
 * The backup's progress on stderr (stdout stays the result, for scripts): each phase, and the
 * copy every 10 percent. Returns the unsubscribe.
 */
function printProgress(core: Core, io: Parameters<Command['run']>[1]): () => void {
  let last = '';
  return core.events.subscribe((event, payload) => {
    if (event !== 'backup.progress') return;
    const p = payload as { phase: string; percent: number };
    const words = PHASES[p.phase];
    if (!words) return;
    const line = p.phase === 'copy' || p.phase === 'place' ? `${words} ${Math.floor(p.percent / 10) * 10}%` : words;
    if (line !== last) io.err(`${line}\n`);
    last = line;
  });
}

/** `hall backup reencrypt [名称]`: one backup, or all that old secrets still open. */
async function reencryptBackups(args: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { values, positionals } = parse(args, CREDENTIAL_OPTIONS, true);
  if (positionals.length > 1)
    throw new CliError(EXIT.usage, '用法：hall backup reencrypt [备份名称] --user 用户名 --password-file 文件');
  return using(await loggedIn(io, values), async (session) => {
    const result = await session.call('backup.reencrypt', positionals[0] ? { name: positionals[0] } : {});
    io.out(
      result.reencrypted.length === 0 && result.failed.length === 0
        ? '没有需要重新加密的备份。\n'
        : `已重新加密 ${result.reencrypted.length} 个备份：只有当前的密码和恢复码能打开。\n`,
    );
    for (const f of result.failed) io.err(`  ${f.name}：${f.message}\n`);
    return result.failed.length > 0 ? EXIT.data : EXIT.ok;
  });
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复（先校验，当前数据库另存到 backups/）',
  usage: 'restore 备份文件 --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values, positionals } = parse(args, CREDENTIAL_OPTIONS, true);
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new CliError(EXIT.usage, '用法：hall restore 备份文件 --user 用户名 --password-file 文件');
    const creds = credentials(values, io);
    return using(openCore(io), (session) => {
      const result = restoreFromPath(session.core, CLI_CONTEXT, { file, ...creds });
      io.out(`已从 ${result.file} 恢复。${result.keptAside ? `原数据库已另存为 ${result.keptAside}` : ''}\n`);
      return EXIT.ok;
    });
  },
};

export const auditCommand: Command = {
  name: 'audit',
  summary: '审计日志：audit verify 校验哈希链',
  usage: 'audit verify --user 用户名 --password-file 文件',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new CliError(EXIT.usage, '用法：hall audit verify --user 用户名 --password-file 文件');
    const { values } = parse(rest, CREDENTIAL_OPTIONS);
    return using(await loggedIn(io, values), async (session) => {
      const verdict = await session.call('audit.verify', {});
      if (verdict.ok) {
        io.out(`审计日志完整：共 ${verdict.count} 条，哈希链校验通过。\n`);
        return EXIT.ok;
      }
      io.err(`审计日志校验失败，发现 ${verdict.breaks.length} 处问题：\n`);
      for (const b of verdict.breaks) io.err(`  ${b.seq > 0 ? `第 ${b.seq} 条：` : ''}${b.reason}\n`);
      return EXIT.data;
    });
  },
};

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: '更换恢复码；加 --database 则同时更换数据库密钥（各账号密码不变）',
  usage: 'rekey [--database --yes] --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, database: { type: 'boolean' }, yes: { type: 'boolean' } });
    const creds = credentials(values, io);
    if (values.database && !values.yes)
      throw new CliError(EXIT.usage, '将重新加密整个数据库并更换恢复码（各账号密码不变）。确认请加 --yes。');
    return using(await loggedIn(io, values), async (session) => {
      if (!values.database) {
        const { recoveryCode } = rotateRecoveryCode(session.core, CLI_CONTEXT);
        io.out(
          `已更换恢复码：旧恢复码不能再打开当前数据库。此前的备份仍可用旧恢复码打开，可用“hall backup reencrypt”重新加密。新恢复码（只显示这一次）：\n${recoveryCode}\n`,
        );
        return EXIT.ok;
      }
      const off = printProgress(session.core, io);
      const { recoveryCode, dropped } = await changeDatabaseKey(session.core, CLI_CONTEXT, creds.password).finally(off);
      io.out(
        `已更换数据库密钥和恢复码：旧密钥和旧恢复码不能再打开当前数据库，各账号密码不变。${dropped > 0 ? `${dropped} 个账号的密码为旧格式、未能迁移，请由管理员重置。` : ''}更换前的备份仍用各自的密钥，可用“hall backup reencrypt”重新加密。新恢复码（只显示这一次）：\n${recoveryCode}\n`,
      );
      return EXIT.ok;
    });
  },
};
