import fs from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../../shared/domain/calendar';
import { writeOwnerOnly } from '../core';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, using } from './context';

const EXPORT_USAGE = [
  '用法：hall export ledger [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out 文件.xlsx|.csv|.pdf',
  '      hall export supervise [--on YYYY-MM-DD] --out 文件.xlsx|.csv',
  '      hall export cases (--case 案件ID | --from YYYY-MM-DD --to YYYY-MM-DD) --out 文件.json [--full]',
].join('\n');

function outFile(out: string | undefined, allowed: readonly string[]): { file: string; format: string } {
  const format = path
    .extname(out ?? '')
    .slice(1)
    .toLowerCase();
  if (!out || !allowed.includes(format))
    throw new CliError(
      EXIT.usage,
      `请用 --out 指定输出文件（${allowed.map((a) => `.${a}`).join('、')}）。\n${EXPORT_USAGE}`,
    );
  return { file: path.resolve(out), format };
}

const date = (v: string | undefined, what: string): string | undefined => {
  if (v !== undefined && !isIsoDate(v))
    throw new CliError(EXIT.usage, `${what}应为 YYYY-MM-DD 格式的日期。\n${EXPORT_USAGE}`);
  return v;
};

/** `hall export ledger|supervise|cases`: lists as XLSX/CSV/PDF, cases as the exchange JSON (masked unless --full). */
export const exportCommand: Command = {
  name: 'export',
  summary: '导出台账（xlsx/csv/pdf）、督办提醒（xlsx/csv）或案件数据（json，默认脱敏，--full 仅管理员）',
  usage: 'export ledger|supervise|cases --out 文件 [选项]',
  async run(args, io) {
    const [what, ...rest] = args;
    const { values } = parse(rest, {
      ...CREDENTIAL_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      on: { type: 'string' },
      case: { type: 'string' },
      out: { type: 'string' },
      full: { type: 'boolean' },
    });
    const from = date(values.from, '--from ');
    const to = date(values.to, '--to ');
    if (what === 'ledger') {
      const { file, format } = outFile(values.out, ['xlsx', 'csv', 'pdf']);
      return using(await loggedIn(io, values), async (session) => {
        const r = await session.call('ledger.export', { format: format as 'xlsx' | 'csv' | 'pdf', from, to });
        writeOwnerOnly(file, Buffer.from(r.base64, 'base64'));
        io.out(`已导出台账 ${r.rows} 件：${file}\n`);
        return EXIT.ok;
      });
    }
    if (what === 'supervise') {
      const { file, format } = outFile(values.out, ['xlsx', 'csv']);
      const on = date(values.on, '--on ');
      return using(await loggedIn(io, values), async (session) => {
        const r = await session.call('supervise.export', { format: format as 'xlsx' | 'csv', ...(on ? { on } : {}) });
        writeOwnerOnly(file, Buffer.from(r.base64, 'base64'));
        io.out(`已导出督办提醒 ${r.rows} 件：${file}\n`);
        return EXIT.ok;
      });
    }
    if (what === 'cases') {
      const { file } = outFile(values.out, ['json']);
      const caseId = values.case === undefined ? undefined : Number(values.case);
      if (caseId !== undefined && !(Number.isInteger(caseId) && caseId > 0))
        throw new CliError(EXIT.usage, EXPORT_USAGE);
      if ((caseId === undefined) === (from === undefined || to === undefined) || (caseId !== undefined && (from || to)))
        throw new CliError(EXIT.usage, `请用 --case 指定一个案件，或用 --from 和 --to 指定受理日期。\n${EXPORT_USAGE}`);
      return using(await loggedIn(io, values), async (session) => {
        const r = await session.call(
          'export.cases',
          caseId !== undefined ? { caseId, full: Boolean(values.full) } : { from, to, full: Boolean(values.full) },
        );
        writeOwnerOnly(file, Buffer.from(r.base64, 'base64'));
        io.out(`已导出案件 ${r.cases} 件（${r.masked ? '个人信息已脱敏' : '完整数据，已记入审计'}）：${file}\n`);
        return EXIT.ok;
      });
    }
    throw new CliError(EXIT.usage, EXPORT_USAGE);
  },
};

const IMPORT_USAGE = '用法：hall import history 文件.xlsx [--dry-run] | hall import template --out 文件.xlsx';

/** `hall import history`: older records from the template, checked row by row; all or nothing. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入历史来访与案件（--dry-run 只检查；有错误的行则全部不导入），template 导出模板',
  usage: 'import history 文件.xlsx [--dry-run] | import template --out 文件.xlsx',
  async run(args, io) {
    const [what, ...rest] = args;
    const { values, positionals } = parse(
      rest,
      { ...CREDENTIAL_OPTIONS, 'dry-run': { type: 'boolean' }, out: { type: 'string' } },
      true,
    );
    if (what === 'template') {
      if (positionals.length || !values.out?.toLowerCase().endsWith('.xlsx'))
        throw new CliError(EXIT.usage, IMPORT_USAGE);
      const out = path.resolve(values.out);
      return using(await loggedIn(io, values), async (session) => {
        const t = await session.call('import.template', {});
        writeOwnerOnly(out, Buffer.from(t.base64, 'base64'));
        io.out(`已生成导入模板：${out}\n`);
        return EXIT.ok;
      });
    }
    if (what !== 'history' || positionals.length !== 1) throw new CliError(EXIT.usage, IMPORT_USAGE);
    let base64: string;
    try {
      base64 = fs.readFileSync(path.resolve(positionals[0]!)).toString('base64');
    } catch {
      throw new CliError(EXIT.usage, `无法读取文件 ${positionals[0]}`);
    }
    const dryRun = Boolean(values['dry-run']);
    return using(await loggedIn(io, values), async (session) => {
      const r = await session.call('import.history', { base64, dryRun });
      if (r.errors.length > 0) {
        io.err(`文件共 ${r.rows} 行，其中有 ${new Set(r.errors.map((e) => e.row)).size} 行有错误，未导入任何数据：\n`);
        for (const e of r.errors) io.err(`  第${e.row}行 ${e.column}：${e.message}\n`);
        return EXIT.data;
      }
      io.out(
        dryRun
          ? `检查通过：共 ${r.rows} 行（来访 ${r.visits} 次，案件 ${r.cases} 件），未写入。去掉 --dry-run 即可导入。\n`
          : `已导入：来访 ${r.visits} 次，案件 ${r.cases} 件。\n`,
      );
      return EXIT.ok;
    });
  },
};
