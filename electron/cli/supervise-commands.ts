import { isIsoDate } from '../../shared/domain/calendar';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS } from '../../shared/domain/supervision';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, using } from './context';

const USAGE = '用法：hall supervise list [--on YYYY-MM-DD] [--json]';

/** `hall supervise list`: the morning supervision list as it is (or would be) on a day. */
export const superviseCommand: Command = {
  name: 'supervise',
  summary: '督办提醒：即将到期、已超期、交办后未签收的案件（--json 输出 JSON）',
  usage: 'supervise list [--on YYYY-MM-DD] [--json]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { ...CREDENTIAL_OPTIONS, on: { type: 'string' }, json: { type: 'boolean' } });
    if (sub !== 'list' || (values.on !== undefined && !isIsoDate(values.on))) throw new CliError(EXIT.usage, USAGE);
    const on = values.on;
    return using(await loggedIn(io, values), async (session) => {
      const list = await session.call('supervise.list', on ? { on } : {});
      if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
      else {
        io.out(`${list.on} 督办提醒：${list.items.length} 件\n`);
        for (const i of list.items) {
          const when = i.daysLeft < 0 ? `超期${-i.daysLeft}日` : `剩${i.daysLeft}日`;
          io.out(`${i.caseNo}  ${i.deadlineOn}（${when}）  ${i.reasons.map((r) => SUPERVISION_REASON_LABELS[r]).join('、')}  建议${SUPERVISION_LEVEL_LABELS[i.level]}  ${i.leadUnit ?? '未交办单位'}  ${i.title}\n`);
        }
      }
      return EXIT.ok;
    });
  },
};
