import { maskIdNumber } from '../../shared/domain/mask';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

const DEVICE_USAGE = '用法：hall device card --user 用户名 --password-file 文件';

/**
 * `hall device`: checks a counter device from the command line with the reader set in 设置
 * (docs/devices.md). `card` reads the card on the reader through card.read, as registration
 * does, and prints its fields as JSON with the ID number masked.
 */
export const deviceCommand: Command = {
  name: 'device',
  summary: '检查柜台设备：device card 读身份证并以 JSON 显示各项（身份证号脱敏）',
  usage: 'device card',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { ...CREDENTIAL_OPTIONS });
    if (sub !== 'card') throw new CliError(EXIT.usage, DEVICE_USAGE);
    return using(await loggedIn(io, values), async (session) => {
      const card = await session.call('card.read', {});
      printJson(io, { ...card, idNumber: maskIdNumber(card.idNumber) });
      return EXIT.ok;
    });
  },
};
