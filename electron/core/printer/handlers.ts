import { HallError } from '../../../shared/contract';
import { chinaMinute } from '../../../shared/domain/calendar';
import { sampleData } from '../../../shared/documents/samples';
import {
  ADDRESS_PROBLEMS,
  parsePrinterAddress,
  PRINTER_MESSAGES,
  ticketPrinterProblem,
  type PrinterAddress,
} from '../../../shared/domain/ticket-printer';
import type { DocumentService } from '../documents/service';
import { actorOf } from '../infra/access';
import type { AreaHandlers } from '../infra/router';
import type { Store } from '../infra/store';
import { ticketBytes } from './escpos';
import { deliver, type Delivery } from './transport';

export interface PrinterDeps {
  store: Store;
  documents: DocumentService;
  now: () => Date;
}

/** The ticket printer (ESC/POS): a queue ticket, and the administrator's test print. */
export function printerHandlers(deps: PrinterDeps): AreaHandlers<'printer'> {
  return {
    'printer.ticket': (input, call) => printTicket(deps, input.ticketId, actorOf(call.session)),
    'printer.test': (input, call) => testPrint(deps, input.printerAddress, actorOf(call.session)),
  };
}

/** The printer 设置 names, checked again here (the settings could predate a rule); refused for the OS printer. */
function configured(store: Store): PrinterAddress {
  const s = store.settings();
  if (s.ticketPrinterMode === 'os')
    throw new HallError(
      'RULE_VIOLATION',
      '排队号打印方式是“系统打印机”：请用打印排队号（PDF）打印，或在设置中改为小票打印机。',
    );
  const problem = ticketPrinterProblem(s.ticketPrinterMode, s.ticketPrinterAddress);
  const address = parsePrinterAddress(s.ticketPrinterAddress);
  if (problem || !address) throw new HallError('RULE_VIOLATION', `排队号打印机设置有误：${problem ?? ''}`);
  return address;
}

class NotSent extends Error {}

/** The ticket is on paper: sent, and the printer reported nothing after it but a roll near its end. */
const whole = (d: Delivery) => d.sent && (d.message === null || d.message === PRINTER_MESSAGES.paperLow);

/**
 * Prints a queue ticket on the ticket printer. The ticket is recorded as a print (code, QR text,
 * audit) only when the printer took it; a printer that cannot print leaves the number as it was
 * (issued, in the queue) and says why, so the operator fixes it and prints again.
 */
async function printTicket({ store, documents }: PrinterDeps, ticketId: number, actor: ReturnType<typeof actorOf>) {
  const address = configured(store);
  let delivery: Delivery | null = null;
  let code: string | null = null;
  try {
    code = (
      await documents.printTicket(ticketId, actor, async (data, stamp) => {
        delivery = await deliver(address, () => ticketBytes(data, stamp));
        if (!delivery.sent) throw new NotSent();
      })
    ).code;
  } catch (e) {
    if (!(e instanceof NotSent)) throw e;
  }
  const d = delivery as Delivery | null;
  return {
    printed: d !== null && whole(d),
    printer: d?.printer ?? '',
    message: d?.message ?? null,
    code,
  };
}

/** A test ticket (the sample's data, this office, now): not a queue number, so its code verifies as 查无此码. */
async function testPrint({ store, now }: PrinterDeps, to: string | undefined, actor: ReturnType<typeof actorOf>) {
  const address = to ? parsePrinterAddress(to) : configured(store);
  if (!address)
    throw new HallError('BAD_INPUT', undefined, [{ path: 'printerAddress', message: ADDRESS_PROBLEMS.any }]);
  const data = { ...sampleData('ticket'), issuedAt: chinaMinute(now()) };
  const stamp = { office: store.settings().officeName, docNo: '', code: 'TEST-0000', qr: 'HALL1:TEST-0000:test' };
  const d = await deliver(address, () => ticketBytes(data, stamp, { banner: '*** 打印测试 ***' }));
  // Sent to a device, as the desktop app's PDF prints are: audited with the outcome, no data of anyone.
  store.audit(actor, { action: 'document.sendToPrinter', entity: 'printer', detail: { target: 'ticket', ok: d.sent } });
  return { printed: whole(d), printer: d.printer, message: d.message, code: null };
}
