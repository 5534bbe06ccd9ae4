// A receipt printer on the loopback network (port 9100's "raw" protocol) and a reader of the
// ESC/POS bytes it receives, for the tests of electron/core/printer.
import net from 'node:net';
import iconv from 'iconv-lite';

/** The printer's answers to DLE EOT 1, 2 and 4; null: it never answers. */
export type StatusAnswers = { printer: number; offline: number; paper: number } | null;

/** A ready printer: bits 1 and 4 set in each answer, nothing else (Epson ESC/POS reference, DLE EOT). */
export const READY: StatusAnswers = { printer: 0x12, offline: 0x12, paper: 0x12 };
/** Paper end: the roll sensor's bits 5 and 6, and "printing stopped by paper end" as the off-line cause. */
export const PAPER_OUT: StatusAnswers = { printer: 0x1a, offline: 0x32, paper: 0x72 };
export const COVER_OPEN: StatusAnswers = { printer: 0x1a, offline: 0x16, paper: 0x12 };

export interface LoopbackPrinter {
  address: string;
  /** Every byte received on every connection, in order. */
  bytes(): Buffer;
  /** Set what the next status queries are answered. */
  answer(status: StatusAnswers): void;
  /** Resolves once a connection has ended (the app closed it). */
  closed(): Promise<void>;
  stop(): Promise<void>;
}

export async function loopbackPrinter(status: StatusAnswers = READY): Promise<LoopbackPrinter> {
  let answers = status;
  const chunks: Buffer[] = [];
  let ended: () => void = () => undefined;
  let endedOnce = new Promise<void>((r) => (ended = r));
  const server = net.createServer((socket) => {
    // A printer answers each status byte at once, as its own small stack does.
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      // Answer each DLE EOT n at once, as a printer does in real time.
      for (let i = 0; i + 2 < pending.length; i++)
        if (pending[i] === 0x10 && pending[i + 1] === 0x04 && answers) {
          const n = pending[i + 2];
          socket.write(Buffer.from([n === 1 ? answers.printer : n === 2 ? answers.offline : answers.paper]));
          i += 2;
        }
      pending = pending.subarray(Math.max(0, pending.length - 2));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      ended();
      endedOnce = new Promise<void>((r) => (ended = r));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `tcp://127.0.0.1:${port}`,
    bytes: () => Buffer.concat(chunks),
    answer: (s) => (answers = s),
    closed: () => endedOnce,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.unref();
      }),
  };
}

/** What a receipt printer would make of the bytes. */
export interface Printed {
  /** The text lines, decoded from GB18030, with the character size (GS !) they were set in. */
  lines: { text: string; width: number; height: number }[];
  /** The data of each GS ( k "store in the symbol storage area" (fn 80), and whether the QR was printed (fn 81). */
  qrStored: string[];
  qrPrinted: number;
  /** The QR model (fn 65) and module size (fn 67) set. */
  qrModel: number | null;
  qrModuleSize: number | null;
  chineseMode: boolean;
  initialized: boolean;
  cuts: number;
  statusQueries: number[];
  /** Bytes the reader did not understand as a command it knows (none expected). */
  unknown: number[];
}

/** Reads ESC/POS (the commands electron/core/printer/escpos.ts sends) into what prints. */
export function readEscPos(b: Buffer): Printed {
  const out: Printed = {
    lines: [],
    qrStored: [],
    qrPrinted: 0,
    qrModel: null,
    qrModuleSize: null,
    chineseMode: false,
    initialized: false,
    cuts: 0,
    statusQueries: [],
    unknown: [],
  };
  let text: number[] = [];
  let size = { width: 1, height: 1 };
  let lineSize = size;
  const endLine = () => {
    out.lines.push({ text: iconv.decode(Buffer.from(text), 'gb18030'), ...lineSize });
    text = [];
    lineSize = size;
  };
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n1 = b[i + 1];
    if (c === 0x1b && n1 === 0x40) {
      out.initialized = true;
      i += 2;
    } else if (c === 0x1c && (n1 === 0x26 || n1 === 0x2e)) {
      // FS & selects the Chinese character mode, FS . cancels it.
      out.chineseMode = n1 === 0x26;
      i += 2;
    } else if (c === 0x1b && [0x61, 0x45, 0x21, 0x4d, 0x74, 0x2d].includes(n1!)) i += 3;
    else if (c === 0x1b && n1 === 0x64) {
      if (text.length) endLine();
      i += 3;
    } else if (c === 0x1d && n1 === 0x21) {
      const n = b[i + 2]!;
      size = { width: (n >> 4) + 1, height: (n & 15) + 1 };
      if (!text.length) lineSize = size;
      i += 3;
    } else if (c === 0x1d && n1 === 0x28 && b[i + 2] === 0x6b) {
      const len = b[i + 3]! + b[i + 4]! * 256;
      const body = b.subarray(i + 5, i + 5 + len);
      const [cn, fn] = [body[0], body[1]];
      if (cn === 49 && fn === 80) out.qrStored.push(body.subarray(3).toString('latin1'));
      else if (cn === 49 && fn === 81) out.qrPrinted++;
      else if (cn === 49 && fn === 65) out.qrModel = body[2]! - 48;
      else if (cn === 49 && fn === 67) out.qrModuleSize = body[2]!;
      i += 5 + len;
    } else if (c === 0x1d && n1 === 0x56) {
      out.cuts++;
      i += b[i + 2] === 65 || b[i + 2] === 66 ? 4 : 3;
    } else if (c === 0x10 && n1 === 0x04) {
      out.statusQueries.push(b[i + 2]!);
      i += 3;
    } else if (c === 0x0d) i++;
    else if (c === 0x0a) {
      endLine();
      i++;
    } else if (c < 0x20) {
      out.unknown.push(c);
      i++;
    } else {
      if (!text.length) lineSize = size;
      text.push(c);
      i++;
    }
  }
  if (text.length) endLine();
  return out;
}
