import { z } from 'zod';
import { DOCUMENT_KINDS } from '../documents/kinds';
import { isIsoDate } from '../domain/calendar';
import { caseExportInput } from '../domain/case-export';
import { caseCreateInput, caseMoveInput, responsibilityInput } from '../domain/case-input';
import { CASE_STATUSES } from '../domain/case-status';
import { DISPOSITIONS, interviewSaveInput, PARTICIPANT_KINDS, SPEAKERS } from '../domain/interview';
import { LEDGER_OUTCOMES, ledgerExportInput, ledgerQueryInput } from '../domain/ledger';
import { visitInput } from '../domain/registration';
import { passwordSchema, settingsSchema, usernameSchema } from '../domain/settings';
import { SUPERVISION_LEVELS, SUPERVISION_REASONS } from '../domain/supervision';
import { REPORT_KINDS, statsFigures, statsInput } from '../domain/stats';
import { method, noInput, type MethodSpec } from './define';
import {
  accountView,
  auditEntryView,
  auditVerdict,
  backupView,
  coverageReport,
  earlierVisit,
  leaderInput,
  leaderView,
  participantView,
  role,
  rosterRule,
  sessionView,
  slotView,
  systemInfo,
  ticketView,
  unitInput,
  unitView,
} from './schemas';

const ok = z.object({ ok: z.literal(true) });
const interviewView = z.object({
  interviewId: z.number().int(),
  visitId: z.number().int(),
  visitNo: z.string(),
  petitioner: z.string(),
  leader: z.string().nullable(),
  leaderId: z.number().int().nullable(),
  demand: z.string(),
  case: z.object({ caseId: z.number().int(), caseNo: z.string() }).nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string(),
  participants: z.array(z.object({ kind: z.enum(PARTICIPANT_KINDS), name: z.string() })),
  turns: z.array(z.object({ speaker: z.enum(SPEAKERS), text: z.string() })),
  opinion: z.string(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  petitionerResponse: z.string(),
  signed: z.boolean(),
  version: z.number().int(),
});
const id = z.number().int().positive();
const displayName = z.string().trim().min(1, '请填写姓名').max(40);
const isoDate = z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD 格式');

/**
 * The whole API of the app. Every host (Electron IPC, the preview HTTP host, the CLI) serves
 * exactly this map through one router; the renderer calls nothing else.
 */
export const contract = {
  'system.info': method({
    summary: '应用版本、数据目录与数据库状态',
    access: 'public',
    input: noInput,
    output: systemInfo,
  }),

  'setup.init': method({
    summary: '首次设置：单位名称、第一个管理员；返回只显示一次的恢复码',
    access: 'public',
    input: z
      .object({
        officeName: settingsSchema.shape.officeName,
        username: usernameSchema,
        displayName,
        password: passwordSchema,
      })
      .strict(),
    output: z.object({ recoveryCode: z.string(), account: accountView }),
  }),

  'auth.session': method({
    summary: '当前连接的登录状态',
    access: 'public',
    input: noInput,
    output: sessionView,
  }),
  'auth.login': method({
    summary: '用户名和密码登录（解锁数据库）',
    access: 'public',
    input: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }).strict(),
    output: sessionView,
  }),
  'auth.unlock': method({
    summary: '闲置锁定后重新输入密码',
    access: 'public',
    input: z.object({ password: z.string().min(1, '请输入密码').max(256) }).strict(),
    output: sessionView,
  }),
  'auth.logout': method({
    summary: '退出登录',
    access: 'public',
    input: noInput,
    output: ok,
  }),
  'auth.changePassword': method({
    summary: '修改自己的密码（只重新封装本人的密钥槽）',
    access: 'session',
    input: z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(256), newPassword: passwordSchema }).strict(),
    output: ok,
  }),
  'auth.recover': method({
    summary: '用恢复码为管理员设置新密码',
    access: 'public',
    input: z.object({ recoveryCode: z.string().trim().min(10, '恢复码不完整').max(64), username: usernameSchema, newPassword: passwordSchema }).strict(),
    output: ok,
  }),

  'accounts.list': method({
    summary: '账号列表',
    access: ['admin'],
    input: noInput,
    output: z.array(accountView),
  }),
  'accounts.create': method({
    summary: '新建账号',
    access: ['admin'],
    input: z
      .object({ username: usernameSchema, displayName, role, password: passwordSchema, leaderId: id.nullable().default(null) })
      .strict()
      .refine((v) => v.role !== 'leader' || v.leaderId !== null, { path: ['leaderId'], message: '接访领导账号须关联一位接访领导' })
      .refine((v) => v.role === 'leader' || v.leaderId === null, { path: ['leaderId'], message: '只有接访领导账号关联领导' }),
    output: accountView,
  }),
  'accounts.resetPassword': method({
    summary: '重置账号密码（新的密钥槽，登录后须修改）',
    access: ['admin'],
    input: z.object({ accountId: id, newPassword: passwordSchema }).strict(),
    output: ok,
  }),
  'accounts.remove': method({
    summary: '停用账号并删除其密钥槽',
    access: ['admin'],
    input: z.object({ accountId: id }).strict(),
    output: ok,
  }),

  'settings.get': method({
    summary: '单位设置',
    access: 'session',
    input: noInput,
    output: settingsSchema,
  }),
  'settings.update': method({
    summary: '修改单位设置',
    access: ['admin'],
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),

  'backup.list': method({
    summary: '备份列表',
    access: ['admin'],
    input: noInput,
    output: z.array(backupView),
  }),
  'backup.create': method({
    summary: '立即备份',
    access: ['admin'],
    input: noInput,
    output: backupView,
  }),
  'backup.restore': method({
    summary: '从备份恢复（当前数据库另存，不删除）',
    access: ['admin'],
    input: z.object({ name: z.string().regex(/^hall-[\w-]+\.db$/, '备份名称不正确'), password: z.string().min(1, '请输入密码确认').max(256) }).strict(),
    output: z.object({ restored: z.string(), keptAside: z.string().nullable() }),
  }),

  'backup.restoreLatest': method({
    summary: '数据库无法打开时，由管理员用密码从最近的完好备份恢复',
    access: 'public',
    input: z.object({ username: usernameSchema, password: z.string().min(1, '请输入密码').max(256) }).strict(),
    output: z.object({ restored: z.string(), keptAside: z.string().nullable() }),
  }),

  'audit.list': method({
    summary: '审计日志（最新在前）',
    access: ['admin'],
    input: z.object({ beforeSeq: id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ entries: z.array(auditEntryView), total: z.number().int() }),
  }),
  'audit.verify': method({
    summary: '校验审计日志的哈希链',
    access: ['admin'],
    input: noInput,
    output: auditVerdict,
  }),

  'documents.print': method({
    summary: '按记录生成文书 PDF（登记、接谈、交办、督办、办结、责任书、约访、公示、台账、月报、排队号、一案一卷），记录文书号与核验码',
    access: ['operator', 'leader', 'archivist', 'admin'],
    input: z.object({ kind: z.enum(DOCUMENT_KINDS), recordId: z.number().int().positive('请指定记录') }).strict(),
    output: z.object({
      documentId: z.number().int(),
      code: z.string(),
      docNo: z.string(),
      version: z.number().int(),
      pages: z.number().int(),
      pdfBase64: z.string(),
      missingGlyphs: z.array(z.string()),
    }),
  }),
  'documents.targets': method({
    summary: '可打印的记录（编号、脱敏姓名、日期），供选择',
    access: ['operator', 'leader', 'archivist', 'admin'],
    input: z.object({ kind: z.enum(DOCUMENT_KINDS), query: z.string().trim().max(40).default('') }).strict(),
    output: z.array(z.object({ id: z.number().int(), label: z.string() })),
  }),
  'documents.verify': method({
    summary: '核验纸质文书：输入或扫描核验码，判断是否与当前记录一致',
    access: 'session',
    input: z.object({ code: z.string().trim().min(4, '请输入核验码').max(200) }).strict(),
    output: z.object({
      status: z.enum(['current', 'outdated', 'unknown']),
      code: z.string(),
      kind: z.enum(DOCUMENT_KINDS).nullable(),
      label: z.string().nullable(),
      recordId: z.number().int().nullable(),
      docNo: z.string().nullable(),
      printedAt: z.string().nullable(),
      version: z.number().int().nullable(),
      currentVersion: z.number().int().nullable(),
    }),
  }),

  'attachments.add': method({
    summary: '为来访登记添加附件（扫描件、照片），加密保存在数据库中',
    access: ['operator', 'leader', 'admin'],
    input: z
      .object({
        ownerType: z.enum(['visit']),
        ownerId: z.number().int().positive(),
        name: z.string().trim().min(1).max(120),
        mime: z.enum(['image/jpeg', 'image/png', 'application/pdf'], { message: '只能上传 JPG、PNG 图片或 PDF' }),
        base64: z.string().min(1).max(14_000_000, '附件不能超过10MB'),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),
  'attachments.list': method({
    summary: '来访登记的附件',
    access: ['operator', 'leader', 'archivist', 'admin'],
    input: z.object({ ownerType: z.enum(['visit']), ownerId: z.number().int().positive() }).strict(),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() })),
  }),
  'signatures.save': method({
    summary: '保存在屏幕上采集的信访人签名（PNG），打印时嵌入登记单或接谈记录',
    access: ['operator', 'leader', 'admin'],
    input: z
      .object({
        owner: z.enum(['visit', 'interview']),
        ownerId: z.number().int().positive(),
        pngBase64: z
          .string()
          .max(1_400_000, '签名图片过大')
          .regex(/^iVBORw0KGgo[A-Za-z0-9+/]+=*$/, '签名必须是 PNG 图片'),
      })
      .strict(),
    output: z.object({ attachmentId: z.number().int() }),
  }),

  'calendar.overrides': method({
    summary: '管理员录入的节假日与调休调整',
    access: 'session',
    input: z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.object({
      overrides: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })),
      lastOfficialYear: z.number().int(),
    }),
  }),
  'calendar.setOverride': method({
    summary: '录入一天的节假日或调休工作日（优先于内置的官方数据）',
    access: ['admin'],
    input: z.object({ date: isoDate, kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1, '请填写名称，如“春节”').max(20) }).strict(),
    output: ok,
  }),
  'calendar.removeOverride': method({
    summary: '删除一条节假日调整',
    access: ['admin'],
    input: z.object({ date: isoDate }).strict(),
    output: ok,
  }),
  'calendar.compute': method({
    summary: '期限计算：N 个工作日，或 N 日（遇节假日顺延）',
    access: 'session',
    input: z.object({ from: isoDate, days: z.number().int().min(0).max(3650), unit: z.enum(['working', 'calendar']), rollForward: z.boolean().default(true) }).strict(),
    output: z.object({ date: z.string(), rolled: z.boolean(), unknownYears: z.array(z.number().int()), warning: z.string().nullable() }),
  }),

  'leaders.list': method({
    summary: '接访领导名单（职务、分管工作、级别、分管的类别与属地）',
    access: 'session',
    input: noInput,
    output: z.array(leaderView),
  }),
  'leaders.save': method({
    summary: '新增或修改接访领导',
    access: ['admin'],
    input: leaderInput,
    output: z.object({ id: z.number().int() }),
  }),
  'units.list': method({
    summary: '责任单位',
    access: 'session',
    input: noInput,
    output: z.array(unitView),
  }),
  'units.save': method({
    summary: '新增或修改责任单位',
    access: ['admin'],
    input: unitInput,
    output: z.object({ id: z.number().int() }),
  }),
  'rooms.save': method({
    summary: '新增或修改接待室',
    access: ['admin'],
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1, '请填写名称').max(30),
        location: z.string().trim().max(60).nullable(),
        queuePrefix: z.string().trim().regex(/^[A-Z]?$/, '排队号前缀应为一个大写字母').nullable(),
        active: z.boolean(),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),
  'participants.list': method({
    summary: '律师、人大代表、政协委员等常邀参加人',
    access: 'session',
    input: noInput,
    output: z.array(participantView),
  }),
  'participants.save': method({
    summary: '新增或修改常邀参加人',
    access: ['admin'],
    input: participantView.omit({ id: true }).extend({ id: z.number().int().positive().optional() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),
  'reference.lists': method({
    summary: '问题类别和属地（供选择）',
    access: 'session',
    input: noInput,
    output: z.object({
      categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
      localities: z.array(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
    }),
  }),
  'rooms.list': method({
    summary: '接待室',
    access: 'session',
    input: noInput,
    output: z.array(z.object({ id: z.number().int(), name: z.string(), location: z.string().nullable(), queuePrefix: z.string().nullable(), active: z.boolean() })),
  }),
  'roster.rules': method({
    summary: '排班规则',
    access: 'session',
    input: noInput,
    output: z.array(rosterRule.extend({ id: z.number().int(), description: z.string() })),
  }),
  'roster.saveRule': method({
    summary: '新建或修改排班规则',
    access: ['admin'],
    input: rosterRule.extend({ id: z.number().int().positive().optional() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),
  'roster.generate': method({
    summary: '按规则生成一段时间的值班（已手工调整的不变）',
    access: ['admin'],
    input: z.object({ ruleId: z.number().int().positive(), from: isoDate, to: isoDate }).strict().refine((v) => v.from <= v.to, { message: '结束日期不能早于开始日期', path: ['to'] }),
    output: z.object({ created: z.number().int(), kept: z.number().int() }),
  }),
  'roster.slots': method({
    summary: '一段时间的值班安排',
    access: 'session',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: z.array(slotView),
  }),
  'roster.updateSlot': method({
    summary: '调整一次值班（日期、时间、形式、地点、备注或取消）；规则再生成时不覆盖',
    access: ['admin'],
    input: z
      .object({
        slotId: z.number().int().positive(),
        date: isoDate,
        startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
        endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
        form: z.enum(['regular', 'appointment', 'outside', 'joint']),
        roomId: z.number().int().positive().nullable(),
        place: z.string().trim().max(100).nullable(),
        note: z.string().trim().max(100).nullable(),
        cancelled: z.boolean(),
      })
      .strict()
      .refine((v) => v.startTime < v.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
      .refine((v) => v.form !== 'outside' || !!v.place, { message: '下访须填写地点', path: ['place'] }),
    output: ok,
  }),
  'roster.markAbsent': method({
    summary: '登记领导请假（须安排替班）',
    access: ['admin'],
    input: z.object({ slotId: z.number().int().positive(), leaderId: z.number().int().positive(), reason: z.string().trim().min(2, '请写明原因').max(200) }).strict(),
    output: ok,
  }),
  'roster.substitute': method({
    summary: '为请假的领导安排替班',
    access: ['admin'],
    input: z.object({ slotId: z.number().int().positive(), absentLeaderId: z.number().int().positive(), substituteLeaderId: z.number().int().positive() }).strict(),
    output: ok,
  }),
  'roster.check': method({
    summary: '当月值班覆盖和领导接访、下访次数检查',
    access: 'session',
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') }).strict(),
    output: coverageReport,
  }),

  'transfer.export': method({
    summary: '导出接访领导、责任单位或值班安排为 Excel（也是导入模板）',
    access: ['admin'],
    input: z.object({ what: z.enum(['leaders', 'units', 'roster']), from: isoDate.optional(), to: isoDate.optional() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'transfer.import': method({
    summary: '从 Excel 导入（先逐行检查；有一行出错则全部不导入）',
    access: ['admin'],
    input: z.object({ what: z.enum(['leaders', 'units', 'roster']), base64: z.string().min(1).max(20_000_000, '文件过大'), dryRun: z.boolean() }).strict(),
    output: z.object({ rows: z.number().int(), imported: z.number().int(), errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })) }),
  }),

  'display.notice': method({
    summary: '大厅显示屏：本周领导接访安排（公开信息，无个人数据）',
    access: 'public',
    input: noInput,
    output: z.object({
      office: z.string().nullable(),
      period: z.string(),
      today: z.string(),
      slots: z.array(z.object({ date: z.string(), time: z.string(), leader: z.string(), post: z.string(), portfolio: z.string(), place: z.string(), form: z.string(), note: z.string() })),
    }),
  }),

  'visits.lookup': method({
    summary: '输入身份证号、电话或姓名时查此前来访（证件号、电话脱敏）',
    access: ['operator', 'leader', 'admin'],
    input: z
      .object({ idNumber: z.string().trim().max(20).optional(), phone: z.string().trim().max(20).optional(), namePrefix: z.string().trim().min(1).max(30).optional() })
      .strict()
      .refine((q) => q.idNumber || q.phone || q.namePrefix, { message: '请输入身份证号、电话或姓名' }),
    output: z.array(earlierVisit),
  }),
  'visits.register': method({
    summary: '登记来访：检查规则，匹配接访领导，取排队号',
    access: ['operator', 'admin'],
    input: visitInput,
    output: z.object({
      visitId: z.number().int(),
      visitNo: z.string(),
      leaderId: z.number().int().nullable(),
      reason: z.string(),
      alerts: z.array(z.string()),
      guided: z.boolean(),
      ticket: z.object({ id: z.number().int(), code: z.string(), ahead: z.number().int(), waitMinutes: z.number().int() }).nullable(),
    }),
  }),
  'queue.today': method({
    summary: '今日排队（姓名脱敏）',
    access: 'session',
    input: noInput,
    output: z.array(ticketView),
  }),
  'queue.call': method({
    summary: '叫下一个号',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ leaderId: z.number().int().positive() }).strict(),
    output: z.object({ ticket: z.object({ id: z.number().int(), code: z.string() }).nullable() }),
  }),
  'queue.act': method({
    summary: '重呼、过号、转交、开始接待、办结',
    access: ['operator', 'leader', 'admin'],
    input: z.discriminatedUnion('action', [
      z.object({ action: z.literal('recall'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('skip'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('start'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('finish'), ticketId: z.number().int().positive() }).strict(),
      z.object({ action: z.literal('transfer'), ticketId: z.number().int().positive(), leaderId: z.number().int().positive(), reason: z.string().trim().min(2, '请写明转交原因').max(200) }).strict(),
    ]),
    output: z.object({ result: z.string() }),
  }),

  'summons.create': method({
    summary: '通知责任单位到场（开始10分钟倒计时）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ visitId: z.number().int().positive(), unitIds: z.array(z.number().int().positive()).min(1, '请选择单位') }).strict(),
    output: z.object({ created: z.number().int() }),
  }),
  'summons.arrive': method({
    summary: '登记单位到场（记录是否迟到）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ summonsId: z.number().int().positive() }).strict(),
    output: z.object({ late: z.boolean() }),
  }),
  'summons.today': method({
    summary: '今日通知到场的单位',
    access: 'session',
    input: noInput,
    output: z.array(
      z.object({
        id: z.number().int(),
        visitId: z.number().int(),
        unit: z.string(),
        summonedAt: z.string(),
        dueAt: z.string(),
        arrivedAt: z.string().nullable(),
        late: z.boolean(),
      }),
    ),
  }),
  'appointments.book': method({
    summary: '约访：约信访人在某时见某位领导',
    access: ['operator', 'leader', 'admin'],
    input: z
      .object({
        visitId: z.number().int().positive(),
        leaderId: z.number().int().positive(),
        at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 YYYY-MM-DDTHH:MM（北京时间）'),
        place: z.string().trim().min(2, '请填写地点').max(100),
        purpose: z.string().trim().min(2, '请填写事由').max(200),
      })
      .strict(),
    output: z.object({ id: z.number().int() }),
  }),
  'appointments.upcoming': method({
    summary: '约访安排，以及需要提前通知领导、信访人的名单',
    access: ['operator', 'leader', 'admin'],
    input: noInput,
    output: z.object({
      appointments: z.array(
        z.object({
          id: z.number().int(),
          at: z.string(),
          leader: z.string(),
          petitioner: z.string(),
          place: z.string(),
          purpose: z.string(),
          status: z.string(),
          tellLeader: z.boolean(),
          tellPetitioner: z.boolean(),
        }),
      ),
    }),
  }),
  'appointments.notified': method({
    summary: '登记已通知领导或信访人',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ id: z.number().int().positive(), who: z.enum(['leader', 'petitioner']) }).strict(),
    output: ok,
  }),
  'day.unreceived': method({
    summary: '今日未接待的来访人（可改为约访）',
    access: ['operator', 'leader', 'admin'],
    input: noInput,
    output: z.array(z.object({ visitId: z.number().int(), visitNo: z.string(), code: z.string().nullable(), name: z.string(), leaderId: z.number().int().nullable(), demand: z.string() })),
  }),
  'day.export': method({
    summary: '导出今日未接待名单或约访安排（Excel 或 CSV；姓名脱敏，记入审计）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ list: z.enum(['unreceived', 'appointments']), format: z.enum(['xlsx', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
  'cases.create': method({
    summary: '从来访立案（同一人同一事项已有案件的并案），按规则计算办理期限',
    access: ['operator', 'leader', 'admin'],
    input: caseCreateInput,
    output: z.object({ caseId: z.number().int(), caseNo: z.string(), joined: z.boolean(), deadline: z.string(), deadlineLabel: z.string() }),
  }),
  'cases.move': method({
    summary: '案件流转：交办、签收、督办、延期、办结、回访、复查、复核',
    access: ['operator', 'leader', 'admin'],
    input: caseMoveInput,
    /** recordId: the assignment, supervision, extension, closure, follow-up or review the move wrote, for its slip. */
    output: z.object({ status: z.string(), stage: z.string(), deadline: z.string(), recordId: z.number().int().nullable() }),
  }),
  'cases.responsibility': method({
    summary: '包案领导责任书：包案领导、责任单位和责任人、化解目标、工作措施和时限（记入案卷）',
    access: ['operator', 'leader', 'admin'],
    input: responsibilityInput,
    output: z.object({ id: z.number().int() }),
  }),
  'interviews.open': method({
    summary: '开始接谈：打开这次来访的接谈记录（没有则新建）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ visitId: id }).strict(),
    output: interviewView,
  }),
  'interviews.get': method({
    summary: '读取接谈记录',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ interviewId: id }).strict(),
    output: interviewView,
  }),
  'interviews.save': method({
    summary: '保存接谈记录（边写边存；end 结束接谈）',
    access: ['operator', 'leader', 'admin'],
    input: interviewSaveInput,
    output: z.object({ version: z.number().int(), savedAt: z.string(), endedAt: z.string().nullable() }),
  }),
  'cases.list': method({
    summary: '案件列表（按受理日期倒序，分页；信访人姓名脱敏）',
    access: ['operator', 'leader', 'admin'],
    input: z
      .object({
        status: z.enum(CASE_STATUSES).optional(),
        leaderId: id.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          acceptedOn: z.string(),
          petitioner: z.string(),
          title: z.string(),
          status: z.string(),
          stage: z.string(),
          leader: z.string().nullable(),
          leadUnit: z.string().nullable(),
          deadlineOn: z.string(),
          daysLeft: z.number().int().nullable(),
        }),
      ),
    }),
  }),
  'ledger.query': method({
    summary: '台账：按受理日期、包案领导、责任单位、类别、属地、状态、超期和全文检索筛选，按任一列排序，分页（信访人姓名脱敏）',
    access: ['operator', 'leader', 'admin', 'archivist'],
    input: ledgerQueryInput,
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          acceptedOn: z.string(),
          title: z.string(),
          petitioner: z.string(),
          locality: z.string().nullable(),
          category: z.string().nullable(),
          leader: z.string().nullable(),
          units: z.string().nullable(),
          status: z.enum(CASE_STATUSES),
          deadlineOn: z.string(),
          deadlineLabel: z.string(),
          daysLeft: z.number().int().nullable(),
          outcome: z.enum(LEDGER_OUTCOMES).nullable(),
        }),
      ),
    }),
  }),
  'ledger.export': method({
    summary: '导出台账（Excel 或 PDF；筛选和排序同台账，记入审计）',
    access: ['operator', 'leader', 'admin', 'archivist'],
    input: ledgerExportInput,
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
  'cases.get': method({
    summary: '一个案件的全部情况：来访、接谈、交办、督办、延期、办结、复查复核、已出文书和操作记录',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ caseId: id }).strict(),
    output: z.object({
      caseId: z.number().int(),
      caseNo: z.string(),
      title: z.string(),
      demand: z.string(),
      petitioner: z.string(),
      leader: z.string().nullable(),
      leaderId: z.number().int().nullable(),
      status: z.string(),
      stage: z.string(),
      final: z.boolean(),
      acceptedOn: z.string(),
      deadlineOn: z.string(),
      deadlineLabel: z.string(),
      daysLeft: z.number().int(),
      visits: z.array(z.object({ id: z.number().int(), visitNo: z.string(), date: z.string(), demand: z.string() })),
      interviews: z.array(z.object({ id: z.number().int(), visitId: z.number().int(), startedAt: z.string(), endedAt: z.string().nullable(), disposition: z.string().nullable() })),
      assignments: z.array(
        z.object({
          id: z.number().int(),
          assignmentNo: z.string(),
          stage: z.string(),
          instruction: z.string(),
          deadlineOn: z.string(),
          assignedAt: z.string(),
          leadUnit: z.string().nullable(),
          receivedBy: z.string().nullable(),
          receivedAt: z.string().nullable(),
        }),
      ),
      supervisions: z.array(z.object({ id: z.number().int(), supervisionNo: z.string(), reason: z.string(), level: z.string(), answerBy: z.string(), issuedAt: z.string() })),
      extensions: z.array(z.object({ id: z.number().int(), days: z.number().int(), reason: z.string(), approver: z.string(), approvedOn: z.string(), newDeadlineOn: z.string(), at: z.string() })),
      closures: z.array(z.object({ id: z.number().int(), stage: z.string(), outcome: z.string(), answerDate: z.string(), satisfaction: z.string(), closedAt: z.string() })),
      followUps: z.array(z.object({ id: z.number().int(), at: z.string(), way: z.string(), byName: z.string(), result: z.string(), satisfaction: z.string() })),
      appointments: z.array(z.object({ id: z.number().int(), at: z.string(), leader: z.string(), place: z.string(), status: z.string() })),
      responsibilities: z.array(
        z.object({ id: z.number().int(), leader: z.string(), unit: z.string().nullable(), responsiblePerson: z.string(), goal: z.string(), deadlineOn: z.string(), signedOn: z.string().nullable(), at: z.string() }),
      ),
      reviews: z.array(z.object({ id: z.number().int(), kind: z.string(), requestedOn: z.string(), deadlineOn: z.string(), result: z.string().nullable(), decidedOn: z.string().nullable() })),
      documents: z.array(z.object({ kind: z.string(), docNo: z.string().nullable(), code: z.string(), version: z.number().int(), pages: z.number().int(), createdAt: z.string() })),
      audit: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string() })),
    }),
  }),
  'stats.figures': method({
    summary: '统计：任一日期区间的来访、案件、督办、办理结果、满意度和领导接访下访数据，按领导、单位、类别、属地、接访形式和周分列',
    access: ['operator', 'leader', 'admin', 'archivist'],
    input: statsInput,
    output: statsFigures,
  }),
  'stats.report': method({
    summary: '日报（零报告）、周报、月报的 Excel 表：与打印的报告同一组数据（date 为该日、该周或该月中的任一天；记入审计）',
    access: ['operator', 'leader', 'admin', 'archivist'],
    input: z.object({ report: z.enum(REPORT_KINDS), date: isoDate }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'supervise.list': method({
    summary: '督办提醒：即将到期、已超期和交办后未签收的案件，并给出建议的督办等级',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ on: isoDate.optional() }).strict(),
    output: z.object({
      on: z.string(),
      items: z.array(
        z.object({
          caseId: z.number().int(),
          caseNo: z.string(),
          title: z.string(),
          status: z.string(),
          deadlineOn: z.string(),
          daysLeft: z.number().int(),
          assignedOn: z.string().nullable(),
          receivedOn: z.string().nullable(),
          reasons: z.array(z.enum(SUPERVISION_REASONS)),
          level: z.enum(SUPERVISION_LEVELS),
          supervisedCount: z.number().int(),
          lastSupervisedOn: z.string().nullable(),
          supervisedToday: z.boolean(),
          answerBy: z.string(),
          leader: z.string().nullable(),
          leadUnit: z.string().nullable(),
        }),
      ),
    }),
  }),
  'supervise.export': method({
    summary: '导出督办提醒（Excel 或 CSV；与督办页面同一份名单，记入审计）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ on: isoDate.optional(), format: z.enum(['xlsx', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  }),
  'export.cases': method({
    summary: '导出案件数据（JSON，交换格式见 docs/schemas/case-export.schema.json）：一个案件或受理日期区间内的全部案件；默认脱敏，完整数据仅管理员可导出，记入审计',
    access: ['operator', 'leader', 'admin', 'archivist'],
    input: caseExportInput,
    output: z.object({ fileName: z.string(), base64: z.string(), cases: z.number().int(), masked: z.boolean() }),
  }),
  'import.template': method({
    summary: '历史来访与案件的 Excel 导入模板',
    access: ['admin'],
    input: noInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'import.history': method({
    summary: '导入历史来访与案件（先试导入逐行检查；有一行出错则全部不导入）',
    access: ['admin'],
    input: z.object({ base64: z.string().min(1).max(20_000_000, '文件过大'), dryRun: z.boolean() }).strict(),
    output: z.object({
      rows: z.number().int(),
      visits: z.number().int(),
      cases: z.number().int(),
      imported: z.boolean(),
      errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    }),
  }),
  'display.queue': method({
    summary: '大厅显示屏：正在呼叫的号和等候的号（只显示号码和姓氏）',
    access: 'public',
    input: noInput,
    output: z.object({
      calling: z.array(z.object({ code: z.string(), room: z.string().nullable(), leader: z.string().nullable() })),
      waiting: z.array(z.object({ code: z.string(), surname: z.string(), leader: z.string().nullable() })),
    }),
  }),

  'petitioners.reveal': method({
    summary: '查看信访人完整的身份证号或电话（记入审计）',
    access: ['operator', 'leader', 'admin'],
    input: z.object({ petitionerId: id, field: z.enum(['idNumber', 'phone']) }).strict(),
    output: z.object({ value: z.string().nullable() }),
  }),
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
