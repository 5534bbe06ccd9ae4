// The ticket printer (electron/core/printer): a queue ticket sent as ESC/POS to a loopback
// "printer", read back from its bytes; its status answers (paper out, cover open, silence);
// the setting and who may print.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../electron/core/printer/transport';
import type { Core } from '../../electron/core';
import { all, value } from '../../electron/core/infra/db/sql';
import {
  parsePrinterAddress,
  statusProblem,
  ticketPrinterProblem,
  PRINTER_MESSAGES,
  ADDRESS_PROBLEMS,
} from '../../shared/domain/ticket-printer';
import { ADMIN, caller, createAndLogin, must, OPERATOR, saveLeader, testCore, visitInput } from '../helpers/core';
import {
  COVER_OPEN,
  loopbackPrinter,
  PAPER_OUT,
  READY,
  readEscPos,
  type LoopbackPrinter,
} from '../helpers/escpos-printer';
import { tempDir } from '../helpers/tmp';

// 00:30 on 24 November 2026 in China: still the 23rd in UTC, so a day or time read in UTC shows.
const NOW = Date.parse('2026-11-23T16:30:00Z');

describe('the ticket printer (ESC/POS)', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let printer: LoopbackPrinter;
  let leaderId = 0;

  /** Registers a walk-in for the leader and returns the ticket's id and number. */
  const walkIn = async (name: string) => {
    const r = await admin(
      'visits.register',
      visitInput(
        [{ name, sex: 'unknown', idNumber: '', phone: '', address: '', isRepresentative: false }],
        '宅基地纠纷',
        {
          leaderId,
        },
      ),
    );
    return r.ticket!;
  };
  const documentRows = (ticketId: number) =>
    all<{ verify_code: string; content_hash: string }>(
      core.store.database,
      "SELECT verify_code, content_hash FROM documents WHERE kind = 'ticket' AND record_id = ? ORDER BY id",
      ticketId,
    );

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(NOW) });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { idleLockMinutes: 240 });
    await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'B', active: true });
    leaderId = (await saveLeader(admin, '林海堃')).id;
    printer = await loopbackPrinter();
    await admin('settings.update', { ticketPrinterMode: 'network', ticketPrinterAddress: printer.address });
  });
  afterAll(async () => {
    await printer.stop();
    core.close();
    tmp.cleanup();
  });

  it('prints the number large, the room, the leader, the masked name, the China time and the QR of the PDF ticket', async () => {
    const ticket = await walkIn('欧阳春燕');
    const before = printer.bytes().length;
    const out = await admin('printer.ticket', { ticketId: ticket.id });
    expect(out).toMatchObject({ printed: true, printer: printer.address, message: null });
    const paper = readEscPos(printer.bytes().subarray(before));
    expect(paper.unknown).toEqual([]);
    expect(paper.initialized && paper.chineseMode).toBe(true);
    // Asked before the ticket and after it: printer, off-line cause, roll paper.
    expect(paper.statusQueries).toEqual([1, 2, 4, 1, 2, 4]);
    const text = paper.lines.map((l) => l.text);
    expect(text).toContain(ADMIN.officeName);
    expect(paper.lines.find((l) => l.text === ticket.code)).toMatchObject({ width: 4, height: 4 });
    expect(ticket.code).toMatch(/^B\d{3}$/);
    expect(text).toContain('来访人：欧阳**');
    expect(text).toContain('接访领导：林海堃 副县长');
    expect(text).toContain('接待室：第一接待室');
    expect(text).toContain('取号时间：2026-11-24 00:30');
    expect(text.join('\n')).not.toContain('春燕');
    // GS ( k: model 2, stored once, printed once; the text is the one the PDF ticket's QR holds.
    const [row] = documentRows(ticket.id);
    expect(paper.qrModel).toBe(2);
    expect(paper.qrStored).toEqual([`HALL1:${out.code}:${row!.content_hash.slice(0, 16)}`]);
    expect(paper.qrPrinted).toBe(1);
    expect(text).toContain(`核验码 ${out.code}`);
    expect(paper.cuts).toBe(1);
    // The printed QR verifies, and a PDF print of the same ticket is the same copy (its hash).
    expect((await admin('documents.verify', { code: paper.qrStored[0]! })).status).toBe('current');
    await admin('documents.print', { kind: 'ticket', recordId: ticket.id });
    const rows = documentRows(ticket.id);
    expect(rows.map((r) => r.content_hash)).toEqual([row!.content_hash, row!.content_hash]);
  });

  it('prints nothing on a printer out of paper, says so, and keeps the number to print again', async () => {
    const ticket = await walkIn('张三');
    printer.answer(PAPER_OUT);
    const before = printer.bytes().length;
    const out = await admin('printer.ticket', { ticketId: ticket.id });
    expect(out).toEqual({ printed: false, printer: printer.address, message: PRINTER_MESSAGES.paperOut, code: null });
    // Only the status query went out, and no print was recorded.
    expect(readEscPos(printer.bytes().subarray(before)).lines).toEqual([]);
    expect(documentRows(ticket.id)).toEqual([]);
    const queue = await admin('queue.today', {});
    expect(queue.find((t) => t.id === ticket.id)?.status).toBe('waiting');
    printer.answer(COVER_OPEN);
    expect((await admin('printer.ticket', { ticketId: ticket.id })).message).toBe(PRINTER_MESSAGES.coverOpen);
    printer.answer(READY);
    const again = await admin('printer.ticket', { ticketId: ticket.id });
    expect(again.printed).toBe(true);
    expect(documentRows(ticket.id)).toHaveLength(1);
  });

  it('reports a printer that does not answer within the timeout, and one that is not there', async () => {
    const ticket = await walkIn('李四');
    printer.answer(null);
    const started = performance.now();
    const out = await admin('printer.ticket', { ticketId: ticket.id });
    // PRINTER_TIMEOUT_MS is 1.5 s; the test allows for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(out).toMatchObject({ printed: false, message: PRINTER_MESSAGES.noAnswer(printer.address) });
    printer.answer(READY);
    const gone = await loopbackPrinter();
    await gone.stop();
    const test = await admin('printer.test', { printerAddress: gone.address });
    expect(test).toMatchObject({ printed: false, message: PRINTER_MESSAGES.unreachable(gone.address) });
    expect(documentRows(ticket.id)).toEqual([]);
  });

  it('prints a test ticket to the configured printer or to another one', async () => {
    const other = await loopbackPrinter();
    try {
      const out = await admin('printer.test', { printerAddress: other.address });
      expect(out).toMatchObject({ printed: true, printer: other.address, code: null });
      const paper = readEscPos(other.bytes());
      expect(paper.lines.map((l) => l.text)).toContain('*** 打印测试 ***');
      expect(paper.lines.map((l) => l.text)).toContain('取号时间：2026-11-24 00:30');
      expect(paper.qrStored).toEqual(['HALL1:TEST-0000:test']);
      expect((await admin('documents.verify', { code: paper.qrStored[0]! })).status).toBe('unknown');
    } finally {
      await other.stop();
    }
    const sent = () =>
      value<number>(core.store.database, "SELECT count(*) FROM audit_log WHERE action = 'document.sendToPrinter'");
    const audited = sent();
    const before = printer.bytes().length;
    expect((await admin('printer.test', {})).printed).toBe(true);
    // The test print is audited as a print sent to a device.
    expect(sent()).toBe(audited! + 1);
    expect(readEscPos(printer.bytes().subarray(before)).lines.map((l) => l.text)).toContain('*** 打印测试 ***');
  });

  it('lets the counter print tickets and only the administrator test the printer', async () => {
    const operator = await createAndLogin(admin, core, 'op', OPERATOR).then(() => caller(core, 'op'));
    const ticket = await walkIn('王五');
    expect((await operator('printer.ticket', { ticketId: ticket.id })).ok).toBe(true);
    const test = await operator('printer.test', {});
    expect(test.ok || test.error.code).toBe('FORBIDDEN');
    const nobody = caller(core, 'stranger');
    const r = await nobody('printer.ticket', { ticketId: ticket.id });
    expect(r.ok || r.error.code).toBe('UNAUTHENTICATED');
    // A dangling ticket id is refused, nothing sent.
    const dangling = await admin('printer.ticket', { ticketId: 999_999 }).catch((e: Error) => e.message);
    expect(String(dangling)).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it('keeps the setting consistent: an ESC/POS mode needs an address of its kind, and only printers are addresses', async () => {
    const call = caller(core, 'admin');
    const refused = async (input: Parameters<typeof call<'settings.update'>>[1]) => {
      const r = await call('settings.update', input);
      return r.ok ? null : (r.error.fields?.[0] ?? { path: '', message: r.error.message });
    };
    expect(await refused({ ticketPrinterMode: 'device' })).toMatchObject({ path: 'ticketPrinterAddress' });
    expect(await refused({ ticketPrinterAddress: '/etc/passwd' })).toMatchObject({ path: 'ticketPrinterAddress' });
    expect(await refused({ ticketPrinterAddress: 'tcp://printer:99999' })).toMatchObject({
      path: 'ticketPrinterAddress',
    });
    expect(await refused({ ticketPrinterAddress: 'tcp://\ud800:9100' })).toMatchObject({
      path: 'ticketPrinterAddress',
    });
    const t = await call('printer.test', { printerAddress: 'file:///etc/passwd' });
    expect(t.ok || t.error.fields?.[0]?.path).toBe('printerAddress');
    // Nothing changed.
    expect(value<string>(core.store.database, "SELECT value FROM settings WHERE key = 'ticketPrinterMode'")).toBe(
      '"network"',
    );
    // The OS printer: tickets go through the PDF path, printer.ticket says so.
    await admin('settings.update', { ticketPrinterMode: 'os' });
    const ticket = await walkIn('赵六');
    const r = await call('printer.ticket', { ticketId: ticket.id });
    expect(r.ok || r.error.code).toBe('RULE_VIOLATION');
    await admin('settings.update', { ticketPrinterMode: 'network' });
  });
});

describe('a printer on a port', () => {
  it('names a device that is not there, and never creates it', async () => {
    const out = await deliver({ kind: 'device', path: '/dev/usb/lp9' }, () => Promise.resolve(Buffer.from('x')));
    expect(out).toEqual({ sent: false, printer: '/dev/usb/lp9', message: PRINTER_MESSAGES.noDevice('/dev/usb/lp9') });
    expect(fs.existsSync('/dev/usb/lp9')).toBe(false);
  });
});

describe('printer addresses and status bytes', () => {
  it('reads tcp:// addresses and the supported ports, nothing else', () => {
    expect(parsePrinterAddress('tcp://192.168.1.50:9100')).toEqual({
      kind: 'network',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterAddress('tcp://printer.local')).toEqual({ kind: 'network', host: 'printer.local', port: 9100 });
    for (const p of ['/dev/usb/lp0', '/dev/ttyUSB0', '/dev/ttyS1', '/dev/lp0', 'COM3', 'lpt1', '\\\\FRONT\\小票'])
      expect(parsePrinterAddress(p), p).toMatchObject({ kind: 'device' });
    for (const p of [
      '/dev/null',
      '/dev/sda',
      '/etc/passwd',
      'C:\\x.bin',
      'tcp://a:0',
      'http://a:9100',
      'tcp://a b:9100',
    ])
      expect(parsePrinterAddress(p), p).toBeNull();
    expect(ticketPrinterProblem('os', '')).toBeNull();
    expect(ticketPrinterProblem('network', 'COM3')).toBe(ADDRESS_PROBLEMS.network);
    expect(ticketPrinterProblem('device', 'COM3')).toBeNull();
  });

  it('reads DLE EOT answers: ready, paper out, cover open, off line, not a status byte', () => {
    const where = 'tcp://x:9100';
    expect(statusProblem({ printer: 0x12, offline: 0x12, paper: 0x12 }, where)).toBeNull();
    expect(statusProblem({ printer: 0x12, offline: 0x12, paper: 0x72 }, where)).toBe(PRINTER_MESSAGES.paperOut);
    expect(statusProblem({ printer: 0x1a, offline: 0x16, paper: 0x12 }, where)).toBe(PRINTER_MESSAGES.coverOpen);
    expect(statusProblem({ printer: 0x1a, offline: 0x12, paper: 0x12 }, where)).toBe(PRINTER_MESSAGES.offline);
    expect(statusProblem({ printer: 0x1a, offline: 0x52, paper: 0x12 }, where)).toBe(PRINTER_MESSAGES.error);
    expect(statusProblem({ printer: 0x00, offline: 0x12, paper: 0x12 }, where)).toBe(PRINTER_MESSAGES.garbled(where));
  });
});
