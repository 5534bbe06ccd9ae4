/**
 * The queue-ticket printer: where it is (设置 › 排队号打印机) and what its status bytes mean.
 * Pure rules shared by the settings form, the contract and core (electron/core/printer).
 */

/** os: the OS printer through the PDF path (the default); network: ESC/POS over TCP; device: ESC/POS to a port. */
export const TICKET_PRINTER_MODES = ['os', 'network', 'device'] as const;
export type TicketPrinterMode = (typeof TICKET_PRINTER_MODES)[number];

export const TICKET_PRINTER_MODE_LABELS: Record<TicketPrinterMode, string> = {
  os: '系统打印机（PDF）',
  network: '网络小票打印机（ESC/POS）',
  device: 'USB/串口小票打印机（ESC/POS）',
};

export type PrinterAddress = { kind: 'network'; host: string; port: number } | { kind: 'device'; path: string };

// A host name or an IPv4 address; no user part, no path: tcp://192.168.1.50:9100.
const TCP = /^tcp:\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?)(?::(\d{1,5}))?$/i;
/**
 * The ports a receipt printer is written to as a file. Linux: the USB printer class
 * (/dev/usb/lp0), a parallel port (/dev/lp0), a serial or USB-serial port (/dev/ttyS0,
 * /dev/ttyUSB0, /dev/ttyACM0). Windows: a serial or parallel port (COM3, LPT1) and a shared
 * printer (\\PC\小票), which the spooler passes through raw. Nothing else: a path outside these
 * would let the setting write a ticket over an ordinary file.
 */
const DEVICE = [
  /^\/dev\/usb\/lp\d{1,2}$/,
  /^\/dev\/lp\d{1,2}$/,
  /^\/dev\/tty(?:S|USB|ACM)\d{1,3}$/,
  /^COM\d{1,3}$/i,
  /^LPT\d$/i,
  /^\\\\[A-Za-z0-9._-]{1,63}\\[^\\/:*?"<>|]{1,80}$/,
];

/** The printer an address names, or null when it is neither a tcp:// address nor a supported port. */
export function parsePrinterAddress(text: string): PrinterAddress | null {
  const t = text.trim();
  const tcp = TCP.exec(t);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    return port >= 1 && port <= 65535 ? { kind: 'network', host: tcp[1]!, port } : null;
  }
  return DEVICE.some((d) => d.test(t)) ? { kind: 'device', path: t } : null;
}

/** The address as people read it: tcp://host:port or the port's name. */
export function describeAddress(a: PrinterAddress): string {
  return a.kind === 'network' ? `tcp://${a.host}:${a.port}` : a.path;
}

export const ADDRESS_HINT = {
  network: '网络打印机地址应为 tcp://IP地址:端口，例如 tcp://192.168.1.50:9100',
  device:
    '设备应为 /dev/usb/lp0、/dev/lp0、/dev/ttyUSB0、/dev/ttyS0（Linux）或 COM3、LPT1、\\\\本机名\\共享打印机名（Windows）',
} as const;

/**
 * The words at the field when an address is wrong: Chinese only, the formats themselves are in
 * ADDRESS_HINT, which the form shows beside the field and the CLI in its usage.
 */
export const ADDRESS_PROBLEMS = {
  any: '不是可用的打印机地址：请按说明填写网络打印机的地址和端口，或本机打印机端口的设备名',
  networkMissing: '请填写网络打印机的地址和端口',
  deviceMissing: '请填写本机打印机端口的设备名',
  network: '网络打印机应填写地址和端口（见说明）',
  device: '应填写本机打印机端口的设备名（见说明）',
} as const;

/** An address typed on its own (the CLI's --to, 测试打印 to another printer): empty or either form. */
export function printerAddressProblem(text: string): string | null {
  if (text.trim() === '') return null;
  return parsePrinterAddress(text) ? null : ADDRESS_PROBLEMS.any;
}

/** The mode and address together, as saved in 设置: an ESC/POS mode needs an address of its kind. */
export function ticketPrinterProblem(mode: TicketPrinterMode, address: string): string | null {
  if (mode === 'os') return printerAddressProblem(address);
  const parsed = parsePrinterAddress(address);
  if (!address.trim()) return mode === 'network' ? ADDRESS_PROBLEMS.networkMissing : ADDRESS_PROBLEMS.deviceMissing;
  if (!parsed) return ADDRESS_PROBLEMS.any;
  return parsed.kind === mode ? null : ADDRESS_PROBLEMS[mode];
}

/**
 * The answers to DLE EOT n (Epson ESC/POS reference, "DLE EOT: Transmit real-time status"):
 * n=1 printer, n=2 off-line cause, n=4 roll paper sensor. Each answer has bits 1 and 4 set and
 * bits 0 and 7 clear; anything else is not a status byte.
 */
export interface PrinterStatus {
  printer: number;
  offline: number;
  paper: number;
}

const isStatusByte = (b: number) => (b & 0b1001_0011) === 0b0001_0010;

export const PRINTER_MESSAGES = {
  unreachable: (where: string) => `连接不上排队号打印机（${where}）：请检查打印机电源、网线和地址。`,
  noAnswer: (where: string) => `排队号打印机没有应答（${where}）：打印机可能已关机或离线。`,
  garbled: (where: string) => `排队号打印机的应答无法识别（${where}）：请确认它是 ESC/POS 小票打印机。`,
  paperOut: '排队号打印机缺纸：请装入新纸卷。',
  coverOpen: '排队号打印机上盖未合上：请合上上盖。',
  error: '排队号打印机故障（如切刀卡纸或打印头过热）：请检查打印机。',
  offline: '排队号打印机处于离线状态：请检查打印机。',
  paperLow: '排队号打印机纸卷将尽，请及时换纸。',
  noDevice: (where: string) => `找不到排队号打印机设备（${where}）：请检查连接线和设置中的设备名。`,
  deviceFailed: (where: string, why: string) => `无法写入排队号打印机（${where}）：${why}`,
  deviceTimeout: (where: string) => `排队号打印机（${where}）长时间不接收数据：打印机可能已关机或缺纸。`,
} as const;

/** The problem the status shows, most specific first, or null when the printer can print. */
export function statusProblem(s: PrinterStatus, where: string): string | null {
  if (![s.printer, s.offline, s.paper].every(isStatusByte)) return PRINTER_MESSAGES.garbled(where);
  // Paper end from the roll sensor (bits 5, 6) or as the off-line cause (bit 5).
  if ((s.paper & 0b0110_0000) !== 0 || (s.offline & 0b0010_0000) !== 0) return PRINTER_MESSAGES.paperOut;
  if ((s.offline & 0b0000_0100) !== 0) return PRINTER_MESSAGES.coverOpen;
  if ((s.offline & 0b0100_0000) !== 0) return PRINTER_MESSAGES.error;
  if ((s.printer & 0b0000_1000) !== 0) return PRINTER_MESSAGES.offline;
  return null;
}

/** Whether the roll sensor reports the paper near its end (bits 2, 3): print, and say so. */
export function paperLow(s: PrinterStatus): boolean {
  return isStatusByte(s.paper) && (s.paper & 0b0000_1100) !== 0;
}
