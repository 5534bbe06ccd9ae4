import { isIsoDate } from '../../shared/domain/calendar';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

/** `hall roster show|check`: the duty roster and its gaps as JSON, for scripts. */
export const rosterCommand: Command = {
  name: 'roster',
  summary: '值班安排（show）与当月覆盖、领导接访次数检查（check），输出 JSON',
  usage: 'roster show --from 日期 --to 日期 | roster check --month YYYY-MM',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      ...CREDENTIAL_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      month: { type: 'string' },
    });
    if (sub === 'show') {
      if (!values.from || !values.to || !isIsoDate(values.from) || !isIsoDate(values.to) || values.from > values.to)
        throw new CliError(EXIT.usage, '用法：hall roster show --from YYYY-MM-DD --to YYYY-MM-DD（开始不晚于结束）');
      const { from, to } = values as { from: string; to: string };
      return using(await loggedIn(io, values), async (session) => {
        printJson(io, await session.call('roster.slots', { from, to }));
        return EXIT.ok;
      });
    }
    if (sub === 'check') {
      if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
        throw new CliError(EXIT.usage, '用法：hall roster check --month YYYY-MM');
      const month = values.month;
      return using(await loggedIn(io, values), async (session) => {
        const report = await session.call('roster.check', { month });
        printJson(io, report);
        return EXIT.ok;
      });
    }
    throw new CliError(EXIT.usage, '用法：hall roster show --from 日期 --to 日期 | hall roster check --month YYYY-MM');
  },
};
