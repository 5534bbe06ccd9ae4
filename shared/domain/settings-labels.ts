import type { Settings } from './settings';

/**
 * Each setting as people read it, with its unit: 设置 › 单位与规则 labels its fields and the audit log
 * names a changed setting by these words (旧值 → 新值). `satisfies` makes a new setting without a label fail to compile.
 */
export const SETTINGS_LABELS = {
  officeName: { label: '单位名称' },
  officePhone: { label: '对外联系电话' },
  docNumberPattern: { label: '文号格式' },
  organAbbreviation: { label: '机关代字' },
  docKindChars: { label: '文种代字' },
  idleLockMinutes: { label: '闲置自动锁定', unit: '分钟' },
  backupKeep: { label: '每日备份保留最近', unit: '天' },
  backupWeeks: { label: '每周备份保留最近', unit: '周' },
  backupMonths: { label: '每月备份保留最近', unit: '个月' },
  backupBudgetGiB: { label: '备份最多占用（0 为数据库大小的5倍）', unit: 'GiB' },
  backupPlace: { label: '第二备份位置' },
  acceptDecisionDays: { label: '决定是否受理并告知', unit: '日' },
  answerDays: { label: '办理答复期限（自受理之日）', unit: '日' },
  visitWorkingDays: { label: '领导接访一般事项办结', unit: '个工作日' },
  hardMatterMonths: { label: '疑难事项办结', unit: '个月' },
  backlogWorkingDays: { label: '信访积案化解', unit: '个工作日' },
  extensionMaxDays: { label: '延期最多', unit: '日' },
  reviewRequestDays: { label: '申请复查/复核期限', unit: '日' },
  reviewAnswerDays: { label: '复查/复核答复期限', unit: '日' },
  superviseDueWorkingDays: { label: '督办提醒：到期前', unit: '个工作日内' },
  superviseReceiptWorkingDays: { label: '督办提醒：交办后未签收超过', unit: '个工作日' },
  superviseYellowOverdueDays: { label: '黄牌督办：超期', unit: '日及以上' },
  superviseRedOverdueDays: { label: '红牌督办：超期', unit: '日及以上' },
  maxRepresentatives: { label: '集体访代表最多', unit: '人' },
  principalLeaderGroupSize: { label: '需主要领导接待的人数', unit: '人及以上' },
  unitArrivalMinutes: { label: '责任单位到场时限', unit: '分钟' },
  principalLeaderRepeatVisits: { label: '需主要领导接待的重复访次数', unit: '次及以上' },
  noticeLeadDays: { label: '接访公示提前', unit: '日' },
  monthlyReportDueDay: { label: '月报报送截止（次月）', unit: '日' },
  reportAddressee: { label: '报告主送机关' },
  monthlyReceptions: { label: '每位领导每月接访', unit: '天及以上' },
  quarterlyOutsideVisits: { label: '每位领导每季度下访', unit: '次及以上' },
  appointmentLeaderNoticeDays: { label: '约访提前通知接访领导', unit: '日' },
  appointmentPetitionerNoticeDays: { label: '约访提前通知信访人', unit: '日' },
  queueMaxCalls: { label: '过号上限：叫号未到', unit: '次后取消排队' },
  minutesPerVisit: { label: '每人接待用时（估算等候、排约访）', unit: '分钟' },
  revealsPerHour: { label: '每账号每小时查看完整个人信息', unit: '次以内' },
  printFonts: { label: '打印字体' },
  ticketPrinter: { label: '排队小票打印机' },
  a4Printer: { label: 'A4 文书打印机' },
  fondsNo: { label: '全宗号' },
  archiveNoPattern: { label: '档号格式' },
  retentionRule: { label: '保管期限' },
} as const satisfies Record<keyof Settings, { label: string; unit?: string }>;

export type SettingKey = keyof typeof SETTINGS_LABELS;
