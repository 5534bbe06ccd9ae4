import path from 'node:path';
import { KINDS } from '../../shared/documents/kinds';
import { isIsoDate } from '../../shared/domain/calendar';
import { monthRange, reportRecord, weekStart, type ReportKind } from '../../shared/domain/stats';
import { writeOwnerOnly } from '../core';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

const STATS_USAGE = '用法：hall stats --from YYYY-MM-DD --to YYYY-MM-DD';

/** `hall stats`: the figures of a date range as JSON (the same object as stats.figures). */
export const statsCommand: Command = {
  name: 'stats',
  summary: '统计数据（JSON）：来访、案件、督办、办理结果、满意度、领导接访下访，按领导、单位、类别、属地、形式和周分列',
  usage: 'stats --from YYYY-MM-DD --to YYYY-MM-DD',
  async run(args, io) {
    const { values } = parse(args, { ...CREDENTIAL_OPTIONS, from: { type: 'string' }, to: { type: 'string' } });
    if (!values.from || !values.to || !isIsoDate(values.from) || !isIsoDate(values.to))
      throw new CliError(EXIT.usage, STATS_USAGE);
    const range = { from: values.from, to: values.to };
    return using(await loggedIn(io, values), async (session) => {
      printJson(io, await session.call('stats.figures', range));
      return EXIT.ok;
    });
  },
};

const REPORT_USAGE =
  '用法：hall report monthly --month YYYY-MM --out 文件.pdf|.xlsx\n　　　hall report weekly --week YYYY-MM-DD（该周任一天） --out 文件.pdf|.xlsx\n　　　hall report daily --date YYYY-MM-DD --out 文件.pdf|.xlsx';

/** `hall report`: the daily (zero), weekly or monthly report as a numbered PDF or as an Excel sheet, by the file's extension. */
export const reportCommand: Command = {
  name: 'report',
  summary: '日报（零报告）、周报、月报：.pdf 为带文号和核验码的报告，.xlsx 为同一数据的 Excel 表',
  usage: 'report monthly --month YYYY-MM | weekly --week YYYY-MM-DD | daily --date YYYY-MM-DD --out 文件.pdf|.xlsx',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      ...CREDENTIAL_OPTIONS,
      month: { type: 'string' },
      week: { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
    });
    if (sub !== 'monthly' && sub !== 'weekly' && sub !== 'daily') throw new CliError(EXIT.usage, REPORT_USAGE);
    const report: ReportKind = sub;
    const given = report === 'monthly' ? values.month : report === 'weekly' ? values.week : values.date;
    const valid =
      report === 'monthly'
        ? given !== undefined && monthRange(given) !== null
        : given !== undefined && isIsoDate(given);
    const ext = values.out ? path.extname(values.out).toLowerCase() : '';
    if (!valid || (ext !== '.pdf' && ext !== '.xlsx')) throw new CliError(EXIT.usage, REPORT_USAGE);
    const date = report === 'monthly' ? `${given!}-01` : report === 'weekly' ? weekStart(given!) : given!;
    const out = path.resolve(values.out!);
    return using(await loggedIn(io, values), async (session) => {
      if (ext === '.xlsx') {
        const file = await session.call('stats.report', { report, date });
        writeOwnerOnly(out, Buffer.from(file.base64, 'base64'));
        io.out(`已生成 ${file.fileName}：${out}\n`);
        return EXIT.ok;
      }
      const { kind, recordId } = reportRecord(report, date);
      const printed = await session.call('documents.print', { kind, recordId });
      writeOwnerOnly(out, Buffer.from(printed.pdfBase64, 'base64'));
      io.out(
        `已生成 ${KINDS[kind].label}${printed.docNo ? ` ${printed.docNo}` : ''}：${out}（${printed.pages} 页，第 ${printed.version} 版，核验码 ${printed.code}）\n`,
      );
      return EXIT.ok;
    });
  },
};
