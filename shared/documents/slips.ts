import { asDraft } from './draft';
import {
  a4,
  clause,
  cnDate,
  cnDateTime,
  docNumberLine,
  grid,
  gridKeepingLastRow,
  issuer,
  keep,
  label,
  paragraph,
  salutation,
  SEAL,
  signOff,
  section,
  signature,
  signatures,
  title,
  unbroken,
  value,
  wideRow,
  type Stamp,
} from './layout';
import type { Content, DocDefinition, TableCell } from './types';

/** The 四单一记录 and the companion letters, as pure functions from record data to a document. */

export interface Person {
  name: string;
  sex: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface RegistrationData {
  visitNo: string;
  date: string;
  session: string;
  leader: { name: string; post: string } | null;
  petitioners: Person[];
  headCount: number;
  representatives: string[];
  repeat: { count: number; earlier: { date: string; leader: string; matter: string }[] };
  locality: string;
  category: string;
  demand: string;
  facts: string;
  earlierHandling: string;
  legalChannel: string;
  attachments: string[];
  registrar: string;
  petitionerSignature: string | null;
}

export function registrationSlip(d: RegistrationData, stamp: Stamp): DocDefinition {
  const people: TableCell[][] = d.petitioners.flatMap((p, i) => [
    [label(d.petitioners.length > 1 ? `信访人${i + 1}` : '信访人'), value(p.name), label('性别'), value(p.sex)],
    [label('身份证号'), value(p.idNumber), label('联系电话'), value(p.phone)],
    wideRow('住址或单位', p.address),
  ]);
  const repeat =
    d.repeat.count === 0
      ? '初次来访'
      : `重复来访（此前 ${d.repeat.count} 次）：` +
        d.repeat.earlier.map((e) => `${cnDate(e.date)} ${e.leader} ${e.matter}`).join('；');
  const body: TableCell[][] = [
    [label('登记日期'), value(`${cnDate(d.date)} ${d.session}`), label('接访领导'), leaderCell(d.leader)],
    ...people,
    [label('来访人数'), value(`${d.headCount} 人`), label('代表'), names(d.representatives)],
    wideRow('初访/重复访', repeat),
    [label('问题属地'), value(d.locality), label('问题类别'), value(d.category)],
    wideRow('诉求', d.demand),
    wideRow('事实与理由', d.facts),
    wideRow('此前处理情况', d.earlierHandling),
    wideRow('法定途径甄别', d.legalChannel),
    wideRow('附件', d.attachments.length ? d.attachments.join('；') : '无'),
  ];
  return a4('信访事项登记单', stamp, [
    title('信访事项登记单'),
    docNumberLine(stamp, `登记编号：${d.visitNo}`),
    ...gridKeepingLastRow(body),
    signatures([
      signature('登记人', null, null),
      signature('信访人签名', d.petitionerSignature, null),
      { text: `登记人：${d.registrar}`, fontSize: 10, color: '#555555' },
    ]),
  ]);
}

/** A leader as name and post, neither broken across lines. */
function leaderCell(leader: { name: string; post: string } | null): TableCell {
  return leader ? { text: unbroken(`${leader.name}（${leader.post}）`) } : value('');
}

/** Names in a cell, each whole: the line may break only between them. */
function names(list: string[]): TableCell {
  return list.length ? { text: unbroken(list.join('、')) } : value('');
}

export interface InterviewData {
  /** Not yet ended: printed only as a draft (watermark, no number, no code). */
  draft: boolean;
  place: string;
  startedAt: string;
  endedAt: string | null;
  leader: { name: string; post: string } | null;
  /** 记录人: the clerk participant(s) as entered, else the account that opened the record. */
  clerk: string;
  units: string[];
  /** Lawyers, deputies and others, each with what they are: 张明（律师）. */
  others: string[];
  petitioners: string[];
  /** Each turn by the speaker's name as entered, with the role: 林海堃（接谈领导）. */
  turns: { speaker: string; text: string }[];
  opinion: string;
  disposition: string;
  response: string;
  signatures: { petitioner: string | null; clerk: string | null; leader: string | null };
}

export function interviewRecord(d: InterviewData, stamp: Stamp): DocDefinition {
  const head: TableCell[][] = [
    [
      label('时间'),
      value(`${cnDateTime(d.startedAt)}${d.endedAt ? ` 至 ${cnDateTime(d.endedAt).slice(-5)}` : ''}`),
      label('地点'),
      value(d.place),
    ],
    [label('接谈领导'), leaderCell(d.leader), label('记录人'), names(d.clerk ? [d.clerk] : [])],
    [label('信访人'), { ...names(d.petitioners), colSpan: 3 }, { text: '' }, { text: '' }],
    [label('参加单位'), { ...names(d.units), colSpan: 3 }, { text: '' }, { text: '' }],
    [label('其他参加人'), { ...names(d.others), colSpan: 3 }, { text: '' }, { text: '' }],
  ];
  // Turns flow line by line across pages, as a transcript does: keeping each turn whole left a
  // third of every page blank.
  const turns: Content[] = d.turns.map((t) => ({
    text: [{ text: `${t.speaker}：`, bold: true }, t.text],
    margin: [0, 0, 0, 6],
    lineHeight: 1.4,
    alignment: 'justify',
  }));
  // The leader's opinion and the disposition close the body and stay with the signatures.
  const closing = keep({
    stack: [
      section('领导意见'),
      paragraph(d.opinion || '—'),
      grid([[label('处理方式'), value(d.disposition), label('信访人意见'), value(d.response)]]),
    ],
  });
  const doc = a4('接谈记录', stamp, [
    title(d.draft ? '领导接访接谈记录（草稿）' : '领导接访接谈记录'),
    d.draft
      ? {
          text: '接谈尚未结束，本记录为草稿，不编文号，不作正式文书使用。',
          color: '#b00000',
          fontSize: 11,
          alignment: 'center',
          margin: [0, 0, 0, 8],
        }
      : docNumberLine(stamp),
    grid(head),
    section('谈话内容'),
    ...turns,
    closing,
    signatures([
      signature('信访人签名', d.signatures.petitioner),
      signature('记录人签名', d.signatures.clerk),
      signature('接谈领导签名', d.signatures.leader),
    ]),
  ]);
  return d.draft ? asDraft(doc) : doc;
}

export interface AssignmentData {
  assignmentNo: string;
  date: string;
  petitioner: { name: string; phone: string; address: string };
  summary: string;
  demand: string;
  instruction: string;
  leader: string;
  leadUnit: string;
  assistingUnits: string[];
  deadline: string;
  deadlineNote: string;
  reportRequirements: string;
  office: string;
  receipt: { signedBy: string; signedAt: string } | null;
}

export function assignmentSlip(d: AssignmentData, stamp: Stamp): DocDefinition {
  return a4('信访事项交办单', stamp, [
    title('信访事项交办单'),
    docNumberLine(stamp, `交办编号：${d.assignmentNo}`),
    grid([
      [label('交办日期'), value(cnDate(d.date)), label('办理期限'), value(`${cnDate(d.deadline)}前`)],
      [label('信访人'), value(d.petitioner.name), label('联系电话'), value(d.petitioner.phone)],
      wideRow('住址', d.petitioner.address),
      wideRow('反映问题摘要', d.summary),
      wideRow('信访诉求', d.demand),
      wideRow('领导批示', `${d.instruction}${d.leader ? `（${d.leader}）` : ''}`),
      [label('牵头单位'), value(d.leadUnit), label('协办单位'), value(d.assistingUnits.join('、'))],
      wideRow('期限说明', d.deadlineNote),
      wideRow('报送要求', d.reportRequirements),
      wideRow('交办单位', `${d.office}${SEAL}`),
    ]),
    receipt(d.receipt),
    signatures([signature('承办单位签收', null, d.receipt ? cnDate(d.receipt.signedAt) : null)]),
  ]);
}

/** 签收回执: the heading and its grid, kept with the signature that follows. */
function receipt(r: { signedBy: string; signedAt: string } | null): Content {
  return keep({
    stack: [
      section('签收回执'),
      grid([[label('签收人'), value(r?.signedBy ?? ''), label('签收时间'), value(r ? cnDateTime(r.signedAt) : '')]]),
    ],
  });
}

export interface SupervisionData {
  supervisionNo: string;
  assignmentNo: string;
  caseTitle: string;
  unit: string;
  reason: string;
  level: string;
  requirements: string;
  answerBy: string;
  issuedAt: string;
  office: string;
  receipt: { signedBy: string; signedAt: string } | null;
}

export function supervisionSlip(d: SupervisionData, stamp: Stamp): DocDefinition {
  return a4('信访事项督办单', stamp, [
    title('信访事项督办单'),
    docNumberLine(stamp, `督办编号：${d.supervisionNo}`),
    grid([
      [label('督办日期'), value(cnDate(d.issuedAt)), label('督办级别'), value(d.level, { bold: true })],
      [label('原交办编号'), value(d.assignmentNo), label('承办单位'), names([d.unit])],
      wideRow('信访事项', d.caseTitle),
      wideRow('督办原因', d.reason),
      wideRow('督办要求', d.requirements),
      [label('答复期限'), value(`${cnDate(d.answerBy)}前`), label('督办单位'), value(`${d.office}${SEAL}`)],
    ]),
    receipt(d.receipt),
    signatures([signature('承办单位签收', null)]),
  ]);
}

export interface ClosureData {
  assignmentNo: string;
  caseTitle: string;
  unit: string;
  findings: string;
  outcome: string;
  basis: string;
  answerDate: string;
  answerWay: string;
  satisfaction: string;
  stopped: boolean;
  officeReview: string;
  owningLeader: string;
}

export function closureSlip(d: ClosureData, stamp: Stamp): DocDefinition {
  return a4('信访事项办结单', stamp, [
    title('信访事项办结单'),
    docNumberLine(stamp, `交办编号：${d.assignmentNo}`),
    ...gridKeepingLastRow([
      wideRow('信访事项', d.caseTitle),
      [label('承办单位'), names([d.unit]), label('包案领导'), names([d.owningLeader])],
      wideRow('调查核实情况', d.findings),
      [label('处理意见'), value(d.outcome, { bold: true }), label('答复日期'), value(cnDate(d.answerDate))],
      wideRow('处理依据', d.basis),
      [label('答复方式'), value(d.answerWay), label('信访人满意度'), value(d.satisfaction)],
      wideRow('是否息诉罢访', d.stopped ? '是' : '否'),
      wideRow('信访部门审核意见', d.officeReview),
    ]),
    signatures([signature('承办单位负责人', null), signature('包案领导', null)]),
  ]);
}

export interface ResponsibilityData {
  caseNo: string;
  caseTitle: string;
  petitioner: string;
  leader: { name: string; post: string };
  unit: string;
  responsiblePerson: string;
  goal: string;
  measures: string;
  deadline: string;
  signedOn: string | null;
}

export function responsibilityLetter(d: ResponsibilityData, stamp: Stamp): DocDefinition {
  return a4('包案领导责任书', stamp, [
    title('信访事项包案领导责任书'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    grid([
      wideRow('信访事项', d.caseTitle),
      [label('信访人'), names([d.petitioner]), label('包案领导'), leaderCell(d.leader)],
      [label('责任单位'), names([d.unit]), label('责任人'), names([d.responsiblePerson])],
      wideRow('化解目标', d.goal),
      wideRow('工作措施', d.measures),
      wideRow('化解时限', `${cnDate(d.deadline)}前`),
    ]),
    keep(
      paragraph(
        '包案领导对该信访事项负总责，一包到底，直至问题解决、信访人息诉罢访。责任单位按上述目标和措施落实，按期向包案领导报告进展。',
      ),
    ),
    signatures([
      signature('包案领导', null, d.signedOn ? cnDate(d.signedOn) : null),
      signature('责任单位负责人', null),
      signature('责任人', null),
    ]),
  ]);
}

export interface AppointmentData {
  petitioner: string;
  address: string;
  leader: { name: string; post: string };
  at: string;
  place: string;
  purpose: string;
  office: string;
  issuedOn: string;
  contactPhone: string;
}

export function appointmentNotice(d: AppointmentData, stamp: Stamp): DocDefinition {
  return a4('约访通知书', stamp, [
    title('约访通知书'),
    docNumberLine(stamp),
    salutation(d.petitioner),
    paragraph(
      // The purpose is typed freely ("房屋征收补偿", "当面听取征地补偿款问题的意见"): it gets a
      // sentence of its own rather than being wrapped in "您反映的“…”问题".
      `\u3000\u3000${d.leader.post}${d.leader.name}同志定于${cnDateTime(d.at)}在${d.place}约见您，当面听取您的意见。约见事由：${clause(d.purpose)}。请您按时到达，并携带本通知书、本人身份证件和相关材料。`,
    ),
    paragraph('\u3000\u3000如因故不能按时到达，请提前与我们联系，另行约定时间。'),
    ...gridKeepingLastRow([
      [label('约访时间'), value(cnDateTime(d.at)), label('约访地点'), value(d.place)],
      // No telephone set in 设置: the cell stays blank for the clerk to write, not a dash.
      [label('联系电话'), { text: d.contactPhone }, label('送达地址'), value(d.address)],
    ]),
    signOff(issuer(d.office, cnDate(d.issuedOn))),
  ]);
}

export interface GuidanceData {
  petitioner: string;
  visitNo: string;
  date: string;
  demand: string;
  channel: string;
  office: string;
}

/** 告知书: a matter for a court, arbitration or review is not accepted; the visitor is told where to go. */
export function guidanceSlip(d: GuidanceData, stamp: Stamp): DocDefinition {
  return a4('不予受理告知书', stamp, [
    title('信访事项不予受理告知书'),
    docNumberLine(stamp, `登记编号：${d.visitNo}`),
    salutation(d.petitioner),
    paragraph(`\u3000\u3000您于${cnDate(d.date)}来访反映的“${d.demand}”问题，${d.channel}`),
    paragraph(
      '\u3000\u3000根据《信访工作条例》第二十九条，对依法应当通过诉讼、仲裁、行政复议等法定途径解决的投诉请求，信访部门不予受理，并告知信访人依照有关法律、行政法规规定的程序向有关机关提出。',
    ),
    keep(paragraph('\u3000\u3000如对本告知有疑问，可向本单位咨询。')),
    signOff([...issuer(d.office, cnDate(d.date)), signature('信访人签收', null)]),
  ]);
}

export interface ExtensionData {
  petitioner: string;
  caseNo: string;
  caseTitle: string;
  acceptedOn: string;
  previousDeadline: string;
  newDeadline: string;
  days: number;
  reason: string;
  approver: string;
  approvedOn: string;
  office: string;
}

/** 延期办理告知书: the petitioner is told, with the reason, that the answer comes later (条例 art 34). */
export function extensionNotice(d: ExtensionData, stamp: Stamp): DocDefinition {
  return a4('延期办理告知书', stamp, [
    title('信访事项延期办理告知书'),
    docNumberLine(stamp, `案件编号：${d.caseNo}`),
    salutation(d.petitioner),
    paragraph(
      `\u3000\u3000您于${cnDate(d.acceptedOn)}提出的“${d.caseTitle}”信访事项，原定于${cnDate(d.previousDeadline)}前办结。因${clause(d.reason)}，经${d.approver}批准，办理期限延长${d.days}日，至${cnDate(d.newDeadline)}前办结并书面答复您。`,
    ),
    paragraph(
      '\u3000\u3000根据《信访工作条例》第三十四条，情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。',
    ),
    ...gridKeepingLastRow([
      [label('原办理期限'), value(cnDate(d.previousDeadline)), label('延长后期限'), value(cnDate(d.newDeadline))],
      [label('批准人'), names([d.approver]), label('批准日期'), value(cnDate(d.approvedOn))],
    ]),
    signOff([...issuer(d.office, cnDate(d.approvedOn)), signature('信访人签收', null)]),
  ]);
}
