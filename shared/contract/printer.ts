import { z } from 'zod';
import { printerAddressProblem } from '../domain/ticket-printer';
import { method, type MethodSpec, ROLE_SETS } from './define';

/** What a print to the ticket printer came to: sent or not, where, and what the printer said. */
const printOutcome = z.object({
  /** The ticket is on paper: the printer took it and reported no problem after it (a roll near its end is a warning). */
  printed: z.boolean(),
  /** tcp://host:port or the port (/dev/usb/lp0, COM3). */
  printer: z.string(),
  /** A problem in Chinese (缺纸, 上盖未合上, 没有应答…) or a warning (纸卷将尽); null when all is well. */
  message: z.string().nullable(),
  /** The printed copy's verification code (its QR code), or null when nothing was printed. */
  code: z.string().nullable(),
});

/**
 * The queue-ticket printer in ESC/POS (electron/core/printer): a network printer
 * (tcp://host:9100) or a USB/serial port, as 设置 says. With the OS printer (the default) the
 * ticket goes through documents.print as a PDF instead.
 */
export const printerMethods = {
  'printer.ticket': method({
    summary:
      '在小票打印机上打印排队号（ESC/POS）；打印前后查询打印机状态，缺纸、上盖打开、离线时说明原因，排队号照常有效、可重打',
    access: ROLE_SETS.counter,
    scope: [{ ticket: 'ticketId' }],
    input: z.object({ ticketId: z.number().int().positive('请指定排队号') }).strict(),
    output: printOutcome,
  }),

  'printer.test': method({
    summary: '打印一张测试小票：设置中的排队号打印机，或指定的打印机（tcp://地址:端口 或设备）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        printerAddress: z
          .string()
          .trim()
          .max(200)
          .superRefine((text, ctx) => {
            const problem = printerAddressProblem(text);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
      })
      .strict(),
    output: printOutcome,
  }),
} as const satisfies Record<string, MethodSpec>;
