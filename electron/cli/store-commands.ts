import fs from 'node:fs';
import path from 'node:path';
import { HallError } from '../../shared/contract';
import { verifyAudit } from '../core/infra/audit-chain';
import { fillDemo } from '../core/operations/demo';
import { restoreAsAdmin } from '../core/backup/restore';
import { createKeyring, makeSlot, newDatabaseKey, newRecoveryCode, withSlot } from '../core/infra/key-slots';
import { actorOf } from '../core/infra/access';
import type { Session } from '../core/infra/sessions';
import { CliError, EXIT, type CliIo, type Command } from './commands';
import { credentials, CREDENTIAL_OPTIONS, loggedIn, openCore, parse, using, type CliSession } from './context';

/** Runs `fn` and turns contract errors thrown by core into CLI exit codes. */
async function guarded<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HallError) {
      const code = error.code === 'WRONG_CREDENTIALS' || error.code === 'FORBIDDEN' ? EXIT.auth : error.code === 'BAD_INPUT' ? EXIT.usage : EXIT.data;
      throw new CliError(code, error.message);
    }
    throw error;
  }
}

/** Logs in, insists on an administrator, runs `fn`, and always closes the store. */
async function asAdmin(
  io: CliIo,
  values: { user?: string | undefined; 'password-file'?: string | undefined },
  fn: (session: CliSession, me: Session) => Promise<number> | number,
): Promise<number> {
  return using(await loggedIn(io, values), (session) => {
    const me = session.core.sessions.peek('cli');
    if (me?.role !== 'admin') throw new CliError(EXIT.auth, '此命令需要管理员账号。');
    return fn(session, me);
  });
}

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
      const result = await session.call('setup.init', { officeName, username: creds.username, displayName: values.name ?? creds.username, password: creds.password });
      io.out(`已初始化：${officeName}，数据目录 ${session.core.store.files.dir}\n`);
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
    return asAdmin(io, values, async (session, me) => {
      const summary = await guarded(() => {
        try {
          return fillDemo(session.core.store, actorOf(me), new Date());
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('demo:')) throw new CliError(EXIT.data, '数据库中已有来访记录，演示数据只能填入新的数据库。');
          throw error;
        }
      });
      io.out(
        `已填入演示数据：领导 ${summary.leaders} 人，责任单位 ${summary.units} 个，排班 ${summary.dutySlots} 天，信访人 ${summary.petitioners} 人，来访 ${summary.visits} 批次，案件 ${summary.cases} 件。\n`,
      );
      return EXIT.ok;
    });
  },
};

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库（加密文件，附密钥文件）',
  usage: 'backup --out 文件 --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, out: { type: 'string' } });
    if (!values.out) throw new CliError(EXIT.usage, '请用 --out 指定备份文件。');
    const outFile = values.out;
    return asAdmin(io, values, async (session, me) => {
      const out = path.resolve(outFile);
      const info = await guarded(() => session.core.store.backup('manual', out));
      session.core.store.audit(actorOf(me), { action: 'backup.create', entity: 'backup', entityId: path.basename(out) });
      io.out(`已备份到 ${info.file}（${Math.round(info.size / 1024)} KB），密钥文件 ${info.file}.keyring.json\n`);
      return EXIT.ok;
    });
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复（先校验，当前数据库另存到 backups/）',
  usage: 'restore 备份文件 --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values, positionals } = parse(args, CREDENTIAL_OPTIONS, true);
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CliError(EXIT.usage, '用法：hall restore 备份文件 --user 用户名 --password-file 文件');
    const backup = path.resolve(file);
    if (!fs.existsSync(backup)) throw new CliError(EXIT.data, `找不到备份文件 ${backup}`);
    const creds = credentials(values, io);
    return using(openCore(io), async (session) => {
      const result = await guarded(() => restoreAsAdmin(session.core.store, backup, creds.username, creds.password, 'cli'));
      io.out(`已从 ${backup} 恢复。${result.keptAside ? `原数据库已另存为 ${result.keptAside}` : ''}\n`);
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
    return asAdmin(io, values, (session) => {
      const verdict = verifyAudit(session.core.store.database);
      if (verdict.ok) {
        io.out(`审计日志完整：共 ${verdict.count} 条，哈希链校验通过。\n`);
        return EXIT.ok;
      }
      io.err(`审计日志校验失败：第 ${verdict.brokenSeq} 条记录${verdict.reason}。\n`);
      return EXIT.data;
    });
  },
};

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: '更换恢复码；加 --database 则更换数据库密钥（其他账号须重置密码）',
  usage: 'rekey [--database --yes] --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, database: { type: 'boolean' }, yes: { type: 'boolean' } });
    const creds = credentials(values, io);
    return asAdmin(io, values, (session, me) => {
      const store = session.core.store;
      const code = newRecoveryCode();
      if (!values.database) {
        const keyring = store.keyring();
        const key = store.currentKey();
        store.write(actorOf(me), (_db, audit) => {
          audit({ action: 'keyring.rotateRecovery', entity: 'keyring' });
          store.saveKeyring(withSlot(keyring, makeSlot(keyring, key, code, { kind: 'recovery' })));
        });
        io.out(`已更换恢复码，旧恢复码即刻作废。新恢复码（只显示这一次）：\n${code}\n`);
        return EXIT.ok;
      }
      if (!values.yes) throw new CliError(EXIT.usage, '更换数据库密钥后，除本账号外的所有账号都需要管理员重置密码。确认请加 --yes。');
      const newKey = newDatabaseKey();
      let keyring = createKeyring(newKey);
      keyring = withSlot(keyring, makeSlot(keyring, newKey, creds.password, { kind: 'account', accountId: me.accountId, username: me.username }));
      keyring = withSlot(keyring, makeSlot(keyring, newKey, code, { kind: 'recovery' }));
      store.backup('pre-rekey');
      store.rekeyDatabase(newKey, keyring);
      newKey.fill(0);
      store.audit(actorOf(me), { action: 'keyring.rekeyDatabase', entity: 'keyring' });
      io.out(`已更换数据库密钥。其他账号请由管理员重置密码。新恢复码（只显示这一次）：\n${code}\n`);
      return EXIT.ok;
    });
  },
};
