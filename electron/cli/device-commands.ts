import { maskIdNumber } from '../../shared/domain/mask';
import { ADDRESS_HINT, printerAddressProblem } from '../../shared/domain/ticket-printer';
import { CliError, EXIT, type CliIo, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

const PRINTER_USAGE = 'device printer --test [--to tcp://地址:端口 | 设备]';
const CARD_USAGE = 'device card';
const USAGE = `用法：hall ${PRINTER_USAGE}\n　　或 hall ${CARD_USAGE} --user 用户名 --password-file 文件`;

/**
 * `hall device printer --test [--to ADDRESS]`: a test ticket on the printer 设置 names, or on the
 * one given (tcp://host:9100, /dev/usb/lp0, COM3); prints what the printer answered. Exit 0 when
 * the ticket is on paper, 4 when the printer reported a problem or could not be reached.
 */
async function printerTest(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { ...CREDENTIAL_OPTIONS, test: { type: 'boolean' }, to: { type: 'string' } });
  if (!values.test) throw new CliError(EXIT.usage, `用法：hall ${PRINTER_USAGE}`);
  const to = values.to?.trim();
  if (to !== undefined && (to === '' || printerAddressProblem(to)))
    throw new CliError(EXIT.usage, `--to：${ADDRESS_HINT.network}；${ADDRESS_HINT.device}`);
  return using(await loggedIn(io, values), async (session) => {
    const out = await session.call('printer.test', to ? { printerAddress: to } : {});
    if (out.printed) {
      io.out(`测试小票已打印：${out.printer}\n`);
      if (out.message) io.err(`注意：${out.message}\n`);
      return EXIT.ok;
    }
    io.err(`测试小票未打印：${out.message ?? out.printer}\n`);
    return EXIT.data;
  });
}

/**
 * `hall device card`: reads the card on the reader set in 设置 through card.read, as registration
 * does, and prints its fields as JSON with the ID number masked.
 */
async function cardRead(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { ...CREDENTIAL_OPTIONS });
  return using(await loggedIn(io, values), async (session) => {
    const card = await session.call('card.read', {});
    printJson(io, { ...card, idNumber: maskIdNumber(card.idNumber) });
    return EXIT.ok;
  });
}

const DEVICES: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  printer: printerTest,
  card: cardRead,
};

/** `hall device <设备>`: checks a device at the counter from the command line (docs/devices.md). */
export const deviceCommand: Command = {
  name: 'device',
  summary:
    '检查柜台设备：device printer --test 打印测试小票（设置中的排队号打印机，或 --to 指定的打印机）；device card 读身份证并以 JSON 显示各项（身份证号脱敏）',
  usage: `${PRINTER_USAGE} | ${CARD_USAGE}`,
  async run(args, io) {
    const [device, ...rest] = args;
    const run = device ? DEVICES[device] : undefined;
    if (!run) throw new CliError(EXIT.usage, USAGE);
    return run(rest, io);
  },
};
