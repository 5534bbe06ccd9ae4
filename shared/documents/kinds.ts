import {
  acceptanceNotice,
  finalNotice,
  followUpRecord,
  investigationReport,
  ledgerExtract,
  reviewOpinion,
  reviewRequest,
  transferNotice,
  writtenAnswer,
  type AcceptanceData,
  type AnswerData,
  type FinalNoticeData,
  type FollowUpData,
  type InvestigationData,
  type LedgerExtractData,
  type ReviewOpinionData,
  type ReviewRequestData,
  type TransferNoticeData,
} from './case-papers';
import { caseFolder, type FolderData } from './folder';
import { quarterlyReport, type QuarterlyData } from './quarterly';
import type { Stamp } from './layout';
import { periodReport, type PeriodReportData } from './period-report';
import {
  daySummary,
  ledger,
  queueTicket,
  rosterNotice,
  type DaySummaryData,
  type LedgerData,
  type NoticeData,
  type TicketData,
} from './reports';
import {
  appointmentNotice,
  assignmentSlip,
  closureSlip,
  extensionNotice,
  guidanceSlip,
  interviewRecord,
  registrationSlip,
  responsibilityLetter,
  supervisionSlip,
  type AppointmentData,
  type AssignmentData,
  type ClosureData,
  type ExtensionData,
  type GuidanceData,
  type InterviewData,
  type RegistrationData,
  type ResponsibilityData,
  type SupervisionData,
} from './slips';
import type { DocDefinition } from './types';

export const DOCUMENT_KINDS = [
  'registration',
  'interview',
  'assignment',
  'supervision',
  'extension',
  'closure',
  'responsibility',
  'appointment',
  'notice',
  'notice-month',
  'ledger',
  'monthly-report',
  'weekly-report',
  'daily-report',
  'quarterly',
  'day-summary',
  'ticket',
  'guidance',
  'acceptance',
  'transfer-notice',
  'final-notice',
  'answer',
  'follow-up',
  'review-request',
  'review-opinion',
  'investigation',
  'ledger-extract',
  'folder',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface KindData {
  registration: RegistrationData;
  interview: InterviewData;
  assignment: AssignmentData;
  supervision: SupervisionData;
  extension: ExtensionData;
  closure: ClosureData;
  responsibility: ResponsibilityData;
  appointment: AppointmentData;
  notice: NoticeData;
  'notice-month': NoticeData;
  ledger: LedgerData;
  'monthly-report': PeriodReportData;
  'weekly-report': PeriodReportData;
  'daily-report': PeriodReportData;
  quarterly: QuarterlyData;
  'day-summary': DaySummaryData;
  ticket: TicketData;
  guidance: GuidanceData;
  acceptance: AcceptanceData;
  'transfer-notice': TransferNoticeData;
  'final-notice': FinalNoticeData;
  answer: AnswerData;
  'follow-up': FollowUpData;
  'review-request': ReviewRequestData;
  'review-opinion': ReviewOpinionData;
  investigation: InvestigationData;
  'ledger-extract': LedgerExtractData;
  folder: FolderData;
}

export interface KindSpec<K extends DocumentKind> {
  label: string;
  /** Which kind of record `--record <id>` names. */
  record: string;
  /** Document number series (〔year〕第N号), or null when the kind has none. */
  numbered: boolean;
  layout: (data: KindData[K], stamp: Stamp) => DocDefinition;
}

export const KINDS: { [K in DocumentKind]: KindSpec<K> } = {
  registration: { label: '信访事项登记单', record: '来访登记', numbered: true, layout: registrationSlip },
  interview: { label: '接谈记录', record: '接谈记录', numbered: true, layout: interviewRecord },
  assignment: { label: '信访事项交办单', record: '交办', numbered: true, layout: assignmentSlip },
  supervision: { label: '信访事项督办单', record: '督办', numbered: true, layout: supervisionSlip },
  extension: { label: '延期办理告知书', record: '延期', numbered: true, layout: extensionNotice },
  closure: { label: '信访事项办结单', record: '案件', numbered: true, layout: closureSlip },
  responsibility: { label: '包案领导责任书', record: '责任书', numbered: true, layout: responsibilityLetter },
  appointment: { label: '约访通知书', record: '约访', numbered: true, layout: appointmentNotice },
  notice: { label: '领导接访公示', record: '排班（该周第一天的值班）', numbered: false, layout: rosterNotice },
  'notice-month': { label: '领导接访公示（月）', record: '月份（YYYYMM）', numbered: false, layout: rosterNotice },
  ledger: { label: '信访事项台账', record: '年份', numbered: false, layout: ledger },
  'monthly-report': { label: '月度信访工作报告', record: '月份（YYYYMM）', numbered: true, layout: periodReport },
  'weekly-report': { label: '信访工作周报', record: '该周星期一（YYYYMMDD）', numbered: true, layout: periodReport },
  'daily-report': { label: '信访工作日报（零报告）', record: '日期（YYYYMMDD）', numbered: true, layout: periodReport },
  quarterly: {
    label: '包案领导季度报告',
    record: '领导编号×100000＋年×10＋季度',
    numbered: true,
    layout: quarterlyReport,
  },
  'day-summary': { label: '来访接待日汇总', record: '日期（YYYYMMDD）', numbered: false, layout: daySummary },
  ticket: { label: '排队号', record: '排队号', numbered: false, layout: queueTicket },
  guidance: { label: '不予受理告知书', record: '来访登记', numbered: true, layout: guidanceSlip },
  acceptance: { label: '信访事项受理告知书', record: '案件', numbered: true, layout: acceptanceNotice },
  'transfer-notice': { label: '信访事项转送告知书', record: '受理决定', numbered: true, layout: transferNotice },
  'final-notice': { label: '信访事项不再受理告知书', record: '受理决定', numbered: true, layout: finalNotice },
  answer: { label: '信访事项答复意见书', record: '办结', numbered: true, layout: writtenAnswer },
  'follow-up': { label: '信访事项回访记录', record: '回访', numbered: true, layout: followUpRecord },
  'review-request': { label: '复查（复核）申请登记表', record: '复查复核', numbered: true, layout: reviewRequest },
  'review-opinion': { label: '复查（复核）意见书', record: '复查复核', numbered: true, layout: reviewOpinion },
  investigation: { label: '信访事项查办报告', record: '查办报告', numbered: true, layout: investigationReport },
  'ledger-extract': { label: '信访事项台账（摘录）', record: '案件', numbered: false, layout: ledgerExtract },
  folder: { label: '信访事项档案（一案一卷）', record: '案件', numbered: false, layout: caseFolder },
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/**
 * A document listing the whole office's petitioners (a year's ledger, a day's summary): beyond any
 * leader's reach. Here, not in the access policy, so the renderer hides what the policy refuses.
 */
export function officeWideDocument(kind: DocumentKind): boolean {
  return kind === 'ledger' || kind === 'day-summary';
}

/** Builds the definition of one kind from its data; the generic form callers use. */
export function layoutOf<K extends DocumentKind>(kind: K, data: KindData[K], stamp: Stamp): DocDefinition {
  return (KINDS[kind] as KindSpec<K>).layout(data, stamp);
}
