import { Align, InMemory, Model, Printer, Style } from 'escpos-buffer';
import Epson from 'escpos-buffer/dist/profile/Epson';
import type { KindData } from '../../../shared/documents/kinds';
import type { Stamp } from '../../../shared/documents/layout';

type TicketData = KindData['ticket'];

/**
 * The printers we drive: Epson's ESC/POS as the TM series and the Chinese 80 mm printers
 * (佳博, 芯烨, 汉印…) implement it. escpos-buffer builds the commands; its Epson profile is
 * given a capability of our own, because its code pages are Western only: the one code page
 * here is GB18030, and the command that selects it is FS & (Kanji/Chinese character mode, Epson
 * ESC/POS reference "FS &"), so escpos-buffer encodes every text in GB18030 and switches the
 * printer into Chinese mode after ESC @ (initialize).
 */
const CAPABILITY = {
  profile: 'epson',
  brand: 'ESC/POS',
  model: '80mm GB18030',
  // Font A, 12×24 dots: 48 columns (24 Chinese characters) on 72 mm of print width.
  columns: 48,
  fonts: [{ name: 'Font A', columns: 48 }],
  codepage: 'gb18030',
  codepages: [{ code: 'gb18030', command: '\x1C&' }],
  initialize: '\x1B@',
};

/**
 * GS V 66 n (Epson ESC/POS reference "GS V: Select cut mode and cut paper", function B): feed
 * to the cutter plus n motion units and cut, leaving one point uncut. Written by hand: the
 * library's Epson cut is ESC m, which the reference marks obsolete and some printers ignore,
 * and it does not feed the last lines past the cutter first.
 */
const FEED_AND_CUT = Buffer.from([0x1d, 0x56, 66, 24]);

/** The QR text is plain ASCII (HALL1:code:hash): escpos-buffer counts its length in characters. */
const ASCII = /^[\x20-\x7e]+$/;

export interface TicketLines {
  /** Printed over the ticket, for a test print. */
  banner?: string;
}

/**
 * The queue ticket as ESC/POS bytes: the office, the number large (GS ! at 4×4), the masked
 * name, the leader, the room, the time, the wait, the QR code by the printer's own QR command
 * (GS ( k: model 2, store, print) with the same text as the PDF ticket's, and a cut.
 */
export async function ticketBytes(d: TicketData, stamp: Stamp, lines: TicketLines = {}): Promise<Buffer> {
  if (!ASCII.test(stamp.qr)) throw new Error(`QR text must be ASCII: ${JSON.stringify(stamp.qr)}`);
  const connection = new InMemory();
  const printer = await Printer.CONNECT(new Model(new Epson(CAPABILITY)), connection);
  if (lines.banner) await printer.writeln(lines.banner, Style.Bold, Align.Center);
  await printer.writeln(stamp.office, Style.Bold, Align.Center);
  await printer.writeln('信访接待大厅 排队号', 0, Align.Center);
  await printer.feed(1);
  await printer.withStyle({ width: 4, height: 4, bold: true, align: Align.Center }, () => printer.writeln(d.code));
  await printer.feed(1);
  await printer.writeln(`来访人：${d.maskedName}`);
  await printer.writeln(`接访领导：${d.leader}`);
  await printer.writeln(`接待室：${d.room || '待定'}`);
  await printer.writeln(`取号时间：${d.issuedAt}`);
  await printer.writeln(`前面还有 ${d.ahead} 位，预计等候约 ${d.waitMinutes} 分钟`);
  await printer.feed(1);
  if (stamp.qr) {
    await printer.setAlignment(Align.Center);
    // Module size 6 dots: about 20 mm wide for this text, readable by the hall's scanners.
    await printer.qrcode(stamp.qr, 6);
    await printer.feed(1);
    await printer.setAlignment(Align.Left);
    await printer.writeln(`核验码 ${stamp.code}`, 0, Align.Center);
  }
  await printer.writeln('请留意大厅显示屏叫号。过号请到窗口重新排队。', 0, Align.Center);
  await printer.feed(3);
  return Buffer.concat([connection.buffer(), FEED_AND_CUT]);
}
