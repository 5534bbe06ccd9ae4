import { z } from 'zod';
import { passwordProblem } from './password';
import {
  ARCHIVE_NO_PATTERN,
  archiveNoPatternSchema,
  DEFAULT_RETENTION_RULE,
  fondsNoSchema,
  retentionRuleSchema,
} from './archive';
import { printerAddressProblem, TICKET_PRINTER_MODES } from './ticket-printer';
import {
  DOC_KIND_CHARS,
  DOC_NUMBER_PATTERN,
  docNumberPatternProblem,
  kindCharProblem,
  organAbbreviationProblem,
} from './numbers';

export const CARD_READER_DRIVERS = ['none', 'sdk', 'service'] as const;

/** An http(s) address on this PC: a card's data must not leave the machine on its way to the form. */
function loopbackUrl(text: string): boolean {
  const m = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/i.exec(text);
  return m !== null;
}

/** A rule of shared/domain/numbers.ts as a zod check: its message at the field. */
const ruled = (problem: (text: string) => string | null) =>
  z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const message = problem(text);
      if (message) ctx.addIssue({ code: 'custom', message });
    });

/** The kind characters by document kind: only kinds that are numbered, each a rule-abiding character. */
const docKindCharsSchema = z
  .object(Object.fromEntries(Object.keys(DOC_KIND_CHARS).map((kind) => [kind, ruled(kindCharProblem).optional()])))
  .strict();

/**
 * The office's settings. Every number of the brief §5 is a setting with the brief's default,
 * because the seeds differ between towns.
 */
export const settingsSchema = z.object({
  officeName: z.string().trim().min(2, '单位名称至少2个字').max(60),
  /** The office's public telephone: printed on the 约访通知书 and the duty notice so people can call back. */
  officePhone: z
    .string()
    .trim()
    .max(30, '最多30个字符')
    .regex(/^[0-9+()\- ]*$/, '电话只能包含数字、空格和 + - ( )')
    .default(''),
  /**
   * e.g. {organ}{kind}〔{year}〕{seq}号 → 清信访登〔2026〕12号 (see shared/domain/numbers.ts). Read
   * as stored; a change is held to the rules (docNumberPatternInput), numbering checks again.
   */
  docNumberPattern: z.string().trim().min(3).max(40).default(DOC_NUMBER_PATTERN),
  /** 机关代字 printed at the head of every document number, e.g. 清信访; empty: none. */
  organAbbreviation: z.string().trim().max(8).default(''),
  /** The character each numbered kind prints after the organ abbreviation (DOC_KIND_CHARS); '' for none. */
  docKindChars: z.record(z.string(), z.string()).default({ ...DOC_KIND_CHARS }),
  idleLockMinutes: z.number().int().min(1, '至少1分钟').max(240).default(10),
  /** Automatic backups kept: the newest of each of this many days, weeks and months (shared/domain/backup-retention.ts). */
  backupKeep: z.number().int().min(1, '至少1天').max(365, '最多365天').default(7),
  backupWeeks: z.number().int().min(0).max(52, '最多52周').default(4),
  backupMonths: z.number().int().min(0).max(120, '最多120个月').default(12),
  /** What all backups together may take, in GiB; 0: five times the database's size. */
  backupBudgetGiB: z.number().int().min(0).max(100_000).default(0),
  /**
   * The second backup place: a folder on a USB drive or a network share (a full path), or '' for
   * none. Each backup made in the backups' folder is copied there, checked and kept under the
   * same retention (electron/core/backup/place.ts); checked when saved.
   */
  backupPlace: z.string().trim().max(400, '路径最多400个字符').default(''),
  acceptDecisionDays: z.number().int().min(1).max(60).default(15),
  answerDays: z.number().int().min(1).max(180).default(60),
  visitWorkingDays: z.number().int().min(1).max(90).default(15),
  hardMatterMonths: z.number().int().min(1).max(12).default(2),
  backlogWorkingDays: z.number().int().min(1).max(365).default(60),
  extensionMaxDays: z.number().int().min(1).max(90).default(30),
  reviewRequestDays: z.number().int().min(1).max(90).default(30),
  reviewAnswerDays: z.number().int().min(1).max(90).default(30),
  /** Morning supervision list: due within this many working days; unreceived after this many. */
  superviseDueWorkingDays: z.number().int().min(0).max(30).default(3),
  superviseReceiptWorkingDays: z.number().int().min(1).max(30).default(2),
  /** Proposed card by days overdue: yellow from the first, red from the fifteenth (thresholds vary by town). */
  superviseYellowOverdueDays: z.number().int().min(1).max(365).default(1),
  superviseRedOverdueDays: z.number().int().min(1).max(365).default(15),
  maxRepresentatives: z.number().int().min(1).max(20).default(5),
  principalLeaderGroupSize: z.number().int().min(2).max(1000).default(20),
  unitArrivalMinutes: z.number().int().min(1).max(120).default(10),
  principalLeaderRepeatVisits: z.number().int().min(2).max(20).default(3),
  noticeLeadDays: z.number().int().min(0).max(30).default(2),
  monthlyReportDueDay: z.number().int().min(1).max(28).default(4),
  /** 主送机关 of the daily, weekly and monthly reports (an upward document, 上行文). */
  reportAddressee: z.string().trim().min(2, '主送机关至少2个字').max(60).default('市信访局'),
  /** Duty requirement per leader (seed 002: a day a month at the hall, an outside visit a quarter). */
  monthlyReceptions: z.number().int().min(0).max(31).default(1),
  quarterlyOutsideVisits: z.number().int().min(0).max(90).default(1),
  /** Appointments: tell the leader and the petitioner this many days ahead (seed 003). */
  appointmentLeaderNoticeDays: z.number().int().min(0).max(30).default(2),
  appointmentPetitionerNoticeDays: z.number().int().min(0).max(30).default(1),
  /** A number called this many times without the visitor coming is skipped for good. */
  queueMaxCalls: z.number().int().min(1).max(10).default(3),
  /** Used for the estimated wait on tickets. */
  minutesPerVisit: z.number().int().min(1).max(120).default(15),
  /**
   * Full ID numbers and phones an account may see in an hour, on screen or on printed full
   * copies (shared/domain/reveal.ts): the 31st within 60 minutes is refused.
   */
  revealsPerHour: z.number().int().min(1, '至少1次').max(500, '最多500次').default(30),
  /**
   * Font files the administrator adds to the print fonts' fallback chain (full paths to
   * .ttf/.otf/.ttc), for characters no installed font has; checked when saved
   * (electron/core/infra/pdf/fonts.ts, fontFileProblem).
   */
  printFonts: z.array(z.string().trim().min(1, '请填写字体文件路径').max(400)).max(8, '最多8个字体').default([]),
  /** Printer names in the desktop app; empty means the system default. */
  ticketPrinter: z.string().trim().max(200).default(''),
  /**
   * How tickets print (shared/domain/ticket-printer.ts): the OS printer above through the PDF
   * path, or ESC/POS to the address: tcp://host:9100 or a port (/dev/usb/lp0, COM3). The two
   * together are checked where they are saved (ticketPrinterProblem).
   */
  ticketPrinterMode: z.enum(TICKET_PRINTER_MODES).default('os'),
  ticketPrinterAddress: ruled(printerAddressProblem).pipe(z.string().max(200)).default(''),
  a4Printer: z.string().trim().max(200).default(''),
  /**
   * The ID card reader at the counter (electron/core/card/, docs/devices.md): none, the vendor's
   * SDK library loaded through koffi, or the vendor's local HTTP service on this PC.
   */
  cardReaderDriver: z.enum(CARD_READER_DRIVERS).default('none'),
  /** Full path of termb.dll (Windows) or libtermb.so (Linux); checked when saved (electron/core/card). */
  cardReaderLibrary: z.string().trim().max(400).default(''),
  /** The reader's port as the SDKs number them: 0 tries USB 1001–1016 in turn, 1–16 a serial port, 1001–1016 one USB port. */
  cardReaderPort: z
    .number()
    .int()
    .refine(
      (p) => p === 0 || (p >= 1 && p <= 16) || (p >= 1001 && p <= 1016),
      '阅读器端口应为 0（自动）、1–16（串口）或 1001–1016（通用串行总线口）',
    )
    .default(0),
  /** The vendor service's read address, on this PC only (loopback), e.g. http://127.0.0.1:19196/readcard. */
  cardReaderServiceUrl: z
    .string()
    .trim()
    .max(200)
    .refine(
      (url) => url === '' || loopbackUrl(url),
      '只能填写本机的服务地址（127.0.0.1 加端口和读卡路径，见阅读器说明书）',
    )
    .default(''),
  /** The case folder (一案一卷): 全宗号, 档号 pattern and 保管期限 rule (shared/domain/archive.ts). */
  fondsNo: fondsNoSchema.default(''),
  archiveNoPattern: archiveNoPatternSchema.default(ARCHIVE_NO_PATTERN),
  retentionRule: retentionRuleSchema.default(DEFAULT_RETENTION_RULE),
});

export type Settings = z.infer<typeof settingsSchema>;

type SettingsShape = typeof settingsSchema.shape;
type Patch = {
  [K in keyof SettingsShape]: z.ZodOptional<SettingsShape[K] extends z.ZodDefault<infer T> ? T : SettingsShape[K]>;
};

/**
 * A document-number pattern as the administrator enters it: without the serial every slip of a
 * kind and year would get the same number. Only a change is held to it: a pattern stored before
 * this rule still reads (settings stay editable), and numbering refuses it with a message
 * (electron/core/infra/numbering.ts) instead of looking for a free number forever.
 */
export const docNumberPatternInput = ruled(docNumberPatternProblem).pipe(z.string().min(3).max(40));
export const organAbbreviationInput = ruled(organAbbreviationProblem);

/**
 * A change to some settings: every field optional and without its default, so a field that is
 * not sent keeps its value. (zod's `.partial()` keeps the defaults: a change of one setting then
 * reset every other one, and backupKeep fell back to 30 and pruned backups.)
 */
export const settingsPatchSchema = z
  .object({
    // The mapped type above states what this builds; TypeScript cannot follow Object.fromEntries.
    ...(Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([key, field]) => [
        key,
        (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
      ]),
    ) as Patch),
    docNumberPattern: docNumberPatternInput.optional(),
    organAbbreviation: organAbbreviationInput.optional(),
    docKindChars: docKindCharsSchema.optional(),
  })
  .strict();

export const DEFAULT_SETTINGS: Omit<Settings, 'officeName'> = settingsSchema.omit({ officeName: true }).parse({});

/** Account passwords: the rule of shared/domain/password.ts (length, common passwords, strength). */
export const passwordSchema = z.string().superRefine((pw, ctx) => {
  const problem = passwordProblem(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少2个字符')
  .max(32, '用户名最多32个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, '用户名只能包含字母、数字、汉字和 _ . -');
