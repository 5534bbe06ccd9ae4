import { HallError } from '../../shared/contract';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

const OPTION_OF: Record<string, string> = { idNumber: '--id-number', phone: '--phone', namePrefix: '--name' };

/** `hall visit lookup`: earlier visits of a person as JSON (ID numbers and phones masked). */
export const visitCommand: Command = {
  name: 'visit',
  summary: '查询此前来访：visit lookup --id-number 号码 | --phone 电话（JSON）',
  usage: 'visit lookup (--id-number 号码 | --phone 电话 | --name 姓名开头)',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      ...CREDENTIAL_OPTIONS,
      'id-number': { type: 'string' },
      phone: { type: 'string' },
      name: { type: 'string' },
    });
    const query = values['id-number']
      ? { idNumber: values['id-number'] }
      : values.phone
        ? { phone: values.phone }
        : values.name
          ? { namePrefix: values.name }
          : null;
    if (sub !== 'lookup' || !query)
      throw new CliError(EXIT.usage, '用法：hall visit lookup --id-number 号码 | --phone 电话 | --name 姓名开头');
    return using(await loggedIn(io, values), async (session) => {
      try {
        printJson(io, await session.call('visits.lookup', query));
      } catch (e) {
        // An invalid number is named by the option it came in (exit 2), as registration names its field.
        if (e instanceof HallError && e.code === 'BAD_INPUT' && e.fields?.length)
          throw new CliError(
            EXIT.usage,
            e.fields.map((f) => `${OPTION_OF[f.path] ?? '输入'}：${f.message}`).join('\n'),
          );
        throw e;
      }
      return EXIT.ok;
    });
  },
};
