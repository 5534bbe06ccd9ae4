import {
  a4,
  clause,
  cnDate,
  cnDateTime,
  docNumberLine,
  grid,
  GRID,
  label,
  paragraph,
  salutation,
  section,
  signature,
  signatures,
  title,
  value,
  wideRow,
  type Stamp,
} from './layout';
import type { LedgerRow } from './reports';
import type { Block, DocDefinition, TableCell } from './types';

/**
 * The papers a case folder (一案一卷) holds beside the 四单一记录, as the "六有" of seed 004 asks:
 * the notice of acceptance, the written answer, the 回访 record, the 复查/复核 request and
 * opinion, the owning leader's 查办报告 and the case's extract of the 台账. Pure functions from
 * record data to a document, like slips.ts.
 */

/** The 落款 (office and date) of a notice to the petitioner. */
const sender = (office: string, date: string): Block[] => [
  { text: office, alignment: 'right', margin: [0, 30, 20, 4] },
  { text: cnDate(date), alignment: 'right', margin: [0, 0, 20, 0] },
];

export interface AcceptanceData {
  petitioner: string;
  caseNo: string;
  caseTitle: string;
  visitDate: string;
  acceptedOn: string;
  deadline: string;
  owningLeader: string;
  office: string;
}

/** 信访事项受理告知书: the petitioner is told in writing that the matter is accepted, and by when it is answered. */
export function acceptanceNotice(d: AcceptanceData, stamp: Stamp): DocDefinition {
  return a4('受理告知书', stamp, [
    title('信访事项受理告知书'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.visitDate)}来访反映的“${clause(d.caseTitle)}”信访事项，经审查，属于本机关职权范围，本机关于${cnDate(d.acceptedOn)}予以受理，将于${cnDate(d.deadline)}前办结并书面答复您。`,
    ),
    paragraph(
      `\u3000\u3000该事项由${d.owningLeader || '本机关'}包案办理。办理期间如有新的情况或材料，请及时与本机关联系。`,
    ),
    ...sender(d.office, d.acceptedOn),
    signatures([signature('信访人签收', null)]),
  ]);
}

export interface AnswerData {
  petitioner: string;
  caseNo: string;
  caseTitle: string;
  visitDate: string;
  unit: string;
  findings: string;
  outcome: string;
  basis: string;
  answerDate: string;
  answerWay: string;
  /** Days within which the petitioner may ask for 复查 (setting reviewRequestDays). */
  reviewRequestDays: number;
  office: string;
}

/** 信访事项书面答复意见书: the written answer to the petitioner, from the case's closure (办结). */
export function writtenAnswer(d: AnswerData, stamp: Stamp): DocDefinition {
  return a4('书面答复意见书', stamp, [
    title('信访事项答复意见书'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.visitDate)}反映的“${clause(d.caseTitle)}”信访事项，经${d.unit || '本机关'}调查核实，现答复如下：`,
    ),
    section('一、调查核实情况'),
    paragraph(`\u3000\u3000${d.findings}`),
    section('二、处理意见及依据'),
    paragraph(`\u3000\u3000处理意见：${d.outcome}。依据：${clause(d.basis)}。`),
    section('三、救济途径'),
    paragraph(
      `\u3000\u3000如对本答复意见不服，可自收到本意见书之日起${d.reviewRequestDays}日内，向本机关的上一级机关请求复查。`,
    ),
    grid([[label('答复日期'), value(cnDate(d.answerDate)), label('送达方式'), value(d.answerWay)]]),
    ...sender(d.office, d.answerDate),
    signatures([signature('信访人签收', null)]),
  ]);
}

export interface FollowUpData {
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  at: string;
  way: string;
  byName: string;
  result: string;
  satisfaction: string;
}

/** 信访事项回访记录: who called or visited the petitioner after the answer, how, and what they said. */
export function followUpRecord(d: FollowUpData, stamp: Stamp): DocDefinition {
  return a4('回访记录', stamp, [
    title('信访事项回访记录'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    grid([
      wideRow('信访事项', d.caseTitle),
      [label('信访人'), value(d.petitioner), label('回访时间'), value(cnDateTime(d.at))],
      [label('回访方式'), value(d.way), label('回访人'), value(d.byName)],
      wideRow('回访情况', d.result),
      wideRow('信访人满意度', d.satisfaction),
    ]),
    signatures([signature('回访人', null), signature('信访人', null)]),
  ]);
}

/** 复查 or 复核, as the paper names it. */
export type ReviewKind = '复查' | '复核';

export interface ReviewRequestData {
  kind: ReviewKind;
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  /** The answer or opinion the petitioner does not accept, and its day. */
  contested: string;
  contestedOn: string | null;
  requestedOn: string;
  body: string;
  deadline: string;
}

/** 复查（复核）申请登记表: the petitioner's request for 复查 or 复核 as the office recorded it. */
export function reviewRequest(d: ReviewRequestData, stamp: Stamp): DocDefinition {
  const w = d.kind;
  return a4(`${w}申请登记表`, stamp, [
    title(`信访事项${w}申请登记表`),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    grid([
      wideRow('信访事项', d.caseTitle),
      [label('申请人'), value(d.petitioner), label('申请日期'), value(cnDate(d.requestedOn))],
      wideRow('不服的意见', d.contestedOn ? `${d.contested}（${cnDate(d.contestedOn)}）` : d.contested),
      [label(`${w}机关`), value(d.body), label('答复期限'), value(cnDate(d.deadline))],
    ]),
    signatures([signature('申请人', null), signature('登记人', null)]),
  ]);
}

export interface ReviewOpinionData {
  kind: ReviewKind;
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  requestedOn: string;
  body: string;
  result: string;
  decidedOn: string;
  reviewRequestDays: number;
}

/** 复查（复核）意见书: the body's opinion on the request; a 复核 opinion ends the matter (三级终结). */
export function reviewOpinion(d: ReviewOpinionData, stamp: Stamp): DocDefinition {
  const w = d.kind;
  const after =
    d.kind === '复查'
      ? `\u3000\u3000如对本复查意见不服，可自收到本意见书之日起${d.reviewRequestDays}日内，向复查机关的上一级机关请求复核。`
      : '\u3000\u3000本复核意见为该信访事项的最终处理意见。信访人以同一事实和理由再次提出投诉请求的，不再受理。';
  return a4(`${w}意见书`, stamp, [
    title(`信访事项${w}意见书`),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.requestedOn)}对“${clause(d.caseTitle)}”信访事项的处理意见提出${w}请求。经${w}，意见如下：`,
    ),
    paragraph(`\u3000\u3000${d.result}`),
    paragraph(after),
    ...sender(d.body, d.decidedOn),
    signatures([signature('信访人签收', null)]),
  ]);
}

export interface InvestigationData {
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  leader: { name: string; post: string };
  unit: string;
  acceptedOn: string;
  answeredOn: string | null;
  findings: string;
  measures: string;
  stabilityMeasures: string;
  result: string;
  signedOn: string;
}

/** 查办报告: the owning leader's signed report (findings, measures, 稳控措施, result) of seed 004. */
export function investigationReport(d: InvestigationData, stamp: Stamp): DocDefinition {
  return a4('查办报告', stamp, [
    title('信访事项查办报告'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    grid([
      wideRow('信访事项', d.caseTitle),
      [label('信访人'), value(d.petitioner), label('包案领导'), value(`${d.leader.name}（${d.leader.post}）`)],
      [label('受理日期'), value(cnDate(d.acceptedOn)), label('答复日期'), value(cnDate(d.answeredOn))],
      wideRow('承办单位', d.unit),
    ]),
    section('一、查办情况'),
    paragraph(`\u3000\u3000${d.findings}`),
    section('二、采取的措施'),
    paragraph(`\u3000\u3000${d.measures}`),
    section('三、稳控措施'),
    paragraph(`\u3000\u3000${d.stabilityMeasures}`),
    section('四、办理结果'),
    paragraph(`\u3000\u3000${d.result}`),
    signatures([signature('包案领导', null, cnDate(d.signedOn))]),
  ]);
}

/** The case's line of the 台账 (the ledger's own row), and every step behind it. */
export interface LedgerExtractData extends Omit<LedgerRow, 'daysLeft'> {
  /** Every step of the case in date order, as the ledger records it. */
  events: { date: string; event: string; detail: string }[];
  /** The day of the last step: the extract is as of then. */
  asOf: string;
}

/** 信访事项台账（摘录）: the case's line of the 台账 and each step it went through. */
export function ledgerExtract(d: LedgerExtractData, stamp: Stamp): DocDefinition {
  const rows: TableCell[][] = d.events.map((e) => [
    { text: cnDate(e.date), noWrap: true },
    { text: e.event, noWrap: true },
    { text: e.detail },
  ]);
  return a4('台账摘录', stamp, [
    title('信访事项台账（摘录）'),
    docNumberLine(stamp, `截至${cnDate(d.asOf)}`),
    grid([
      [label('案件编号'), value(d.caseNo), label('受理日期'), value(cnDate(d.acceptedOn))],
      [label('信访人'), value(d.petitioner), label('问题类别'), value(d.category)],
      [label('问题属地'), value(d.locality), label('包案领导'), value(d.leader)],
      wideRow('事项摘要', d.summary),
      [label('责任单位'), value(d.unit), label('办理期限'), value(cnDate(d.deadline))],
      wideRow('状态', d.status),
    ]),
    section('办理经过'),
    {
      table: {
        widths: ['auto', 'auto', '*'],
        headerRows: 1,
        dontBreakRows: true,
        body: [[label('日期'), label('环节'), label('情况')], ...rows],
      },
      layout: GRID,
      fontSize: 10.5,
    },
  ]);
}

export interface TransferNoticeData {
  petitioner: string;
  visitNo: string;
  visitDate: string;
  demand: string;
  /** The competent organ or the lower level the matter was sent to. */
  organ: string;
  decidedOn: string;
  office: string;
}

/** 信访事项转送告知书: the matter belongs to another organ (or a lower level) and was sent there (条例 art 22). */
export function transferNotice(d: TransferNoticeData, stamp: Stamp): DocDefinition {
  return a4('转送告知书', stamp, [
    title('信访事项转送告知书'),
    docNumberLine(stamp, `登记编号：${d.visitNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.visitDate)}来访反映的“${clause(d.demand)}”信访事项，经审查，属于${d.organ}的职责范围。根据《信访工作条例》第二十二条的规定，本机关已于${cnDate(d.decidedOn)}将该事项转送（交办）${d.organ}办理。`,
    ),
    paragraph(
      `\u3000\u3000${d.organ}将依法决定是否受理并书面告知您。请您与${d.organ}联系，了解办理情况；对同一事项请勿重复信访。`,
    ),
    ...sender(d.office, d.decidedOn),
    signatures([signature('信访人签收', null)]),
  ]);
}

export interface FinalNoticeData {
  petitioner: string;
  visitNo: string;
  visitDate: string;
  demand: string;
  /** The final case of the matter and the day its 复核 was decided, when known. */
  caseNo: string;
  rereviewOn: string | null;
  decidedOn: string;
  office: string;
}

/** 信访事项不再受理告知书: the matter went through handling, 复查 and 复核 (三级终结, 条例 art 36). */
export function finalNotice(d: FinalNoticeData, stamp: Stamp): DocDefinition {
  const rereview = d.rereviewOn ? `，复核意见已于${cnDate(d.rereviewOn)}作出` : '';
  return a4('不再受理告知书', stamp, [
    title('信访事项不再受理告知书'),
    docNumberLine(stamp, `登记编号：${d.visitNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.visitDate)}来访反映的“${clause(d.demand)}”信访事项，${d.caseNo ? `已作为信访事项（案件编号${d.caseNo}）` : '已'}依法办理，并经复查、复核${rereview}，属三级终结事项。`,
    ),
    paragraph(
      '\u3000\u3000根据《信访工作条例》第三十六条的规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，各级机关、单位不再受理。本机关对您反映的该事项不再受理，请予理解。',
    ),
    paragraph('\u3000\u3000如您有新的事实和理由，可另行提出；合法权益受到侵害的，可依法通过诉讼等途径解决。'),
    ...sender(d.office, d.decidedOn),
    signatures([signature('信访人签收', null)]),
  ]);
}
