import fs from 'node:fs';
import net from 'node:net';
import {
  describeAddress,
  paperLow,
  PRINTER_MESSAGES,
  statusProblem,
  type PrinterAddress,
  type PrinterStatus,
} from '../../../shared/domain/ticket-printer';

/**
 * How long the printer has to connect and to answer a status query, and to take a ticket: a
 * printer on the hall's network answers in milliseconds, so the counter hears about a dead one
 * within a second and a half, not after the socket's own minutes.
 */
export const PRINTER_TIMEOUT_MS = 1500;

/** DLE EOT 1, 2, 4 (Epson ESC/POS reference "DLE EOT"): printer, off-line cause, roll paper sensor. */
const STATUS_QUERY = Buffer.from([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4]);

/** What happened to a ticket: `problem` stops the print (nothing sent) or reports one found after it. */
export interface Delivery {
  sent: boolean;
  printer: string;
  /** A problem (缺纸, 离线…) or a warning (纸卷将尽); null when all is well. */
  message: string | null;
}

/** The bytes of a ticket, made once the printer is known to be ready (so nothing is recorded for a dead one). */
export type Ticket = () => Promise<Buffer>;

/**
 * Sends a ticket to the printer at `address`. Over the network the printer's real-time status
 * is asked before (a printer that cannot print gets nothing and the reason is returned) and
 * after (paper that ran out during the ticket). A port is written as a file; it has no status
 * channel we can rely on (the Linux printer class and Windows' COM ports are written only).
 */
export async function deliver(
  address: PrinterAddress,
  ticket: Ticket,
  timeoutMs = PRINTER_TIMEOUT_MS,
): Promise<Delivery> {
  const printer = describeAddress(address);
  if (address.kind === 'device') return toDevice(address.path, ticket, timeoutMs);
  const link = await PrinterLink.open(address.host, address.port, timeoutMs).catch(() => null);
  if (!link) return { sent: false, printer, message: PRINTER_MESSAGES.unreachable(printer) };
  try {
    const before = await link.status();
    if (!before) return { sent: false, printer, message: PRINTER_MESSAGES.noAnswer(printer) };
    const problem = statusProblem(before, printer);
    if (problem) return { sent: false, printer, message: problem };
    await link.write(await ticket());
    const after = await link.status();
    const late = after ? statusProblem(after, printer) : PRINTER_MESSAGES.noAnswer(printer);
    if (late) return { sent: true, printer, message: `打印后：${late}排队号可能没有打全，请处理后重新打印。` };
    return { sent: true, printer, message: paperLow(after!) ? PRINTER_MESSAGES.paperLow : null };
  } finally {
    link.close();
  }
}

/** A TCP connection to a printer (port 9100, "raw"), with its answers read byte by byte. */
class PrinterLink {
  private received = Buffer.alloc(0);
  private wake: (() => void) | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake?.();
    });
    socket.on('close', () => this.wake?.());
    socket.on('error', () => this.wake?.());
  }

  static open(host: string, port: number, timeoutMs: number): Promise<PrinterLink> {
    return new Promise((resolve, reject) => {
      // No Nagle: each status query is 9 bytes that must leave at once, not after a delayed ACK (~40 ms each).
      const socket = net.connect({ host, port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('connect timeout'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new PrinterLink(socket, timeoutMs));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** The three status bytes, or null when the printer does not answer all three in time. */
  async status(): Promise<PrinterStatus | null> {
    this.received = Buffer.alloc(0);
    if (
      !(await this.write(STATUS_QUERY).then(
        () => true,
        () => false,
      ))
    )
      return null;
    const bytes = await this.read(3);
    return bytes ? { printer: bytes[0]!, offline: bytes[1]!, paper: bytes[2]! } : null;
  }

  write(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('write timeout')), this.timeoutMs);
      this.socket.write(data, (e) => {
        clearTimeout(timer);
        if (e) reject(e);
        else resolve();
      });
    });
  }

  private read(n: number): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const done = (value: Buffer | null) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(value);
      };
      const timer = setTimeout(() => done(null), this.timeoutMs);
      const check = () => {
        if (this.received.length >= n) done(this.received.subarray(0, n));
        else if (this.socket.destroyed) done(null);
      };
      this.wake = check;
      check();
    });
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }
}

/**
 * Writes a ticket to a port. Linux: the device file (/dev/usb/lp0, /dev/ttyUSB0…), which must
 * exist as a character device (never created: a typo must not become a file). Windows: COM3 and
 * LPT1 as \\.\COM3, a shared printer (\\PC\小票) as it is; the spooler passes its bytes raw.
 * A port that does not take the bytes in time (a printer switched off) is given up.
 */
async function toDevice(path: string, ticket: Ticket, timeoutMs: number): Promise<Delivery> {
  const file = /^(COM\d+|LPT\d)$/i.test(path) ? `\\\\.\\${path.toUpperCase()}` : path;
  if (file.startsWith('/')) {
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isCharacterDevice()) return { sent: false, printer: path, message: PRINTER_MESSAGES.noDevice(path) };
  }
  const share = file.startsWith('\\\\') && !file.startsWith('\\\\.\\');
  const bytes = await ticket();
  // The handle is closed when the write ends, even one given up on: a port that never takes
  // the bytes holds its handle until the device goes away, not beyond.
  const write = (async () => {
    // r+ never creates or truncates a file; a shared printer is opened for writing as Windows' copy /b does.
    const handle = await fs.promises.open(file, share ? 'w' : 'r+');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return 'done' as const;
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs * 4)));
  try {
    if ((await Promise.race([write, late])) === 'late') {
      write.catch(() => undefined);
      return { sent: false, printer: path, message: PRINTER_MESSAGES.deviceTimeout(path) };
    }
    return { sent: true, printer: path, message: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? '没有写入权限（Linux 上请把本机账号加入 lp 或 dialout 组）'
        : code === 'ENOENT'
          ? '设备不存在'
          : (code ?? '写入失败');
    return { sent: false, printer: path, message: PRINTER_MESSAGES.deviceFailed(path, why) };
  } finally {
    clearTimeout(timer);
  }
}
