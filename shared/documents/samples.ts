import { DOC_KIND_CHARS, DOC_NUMBER_PATTERN, formatDocNumber } from '../domain/numbers';
import type { FolderPart } from './folder';
import { KINDS, type DocumentKind, type KindData } from './kinds';
import type { Stamp } from './layout';
import { DAILY_FIGURES, MONTHLY_LEADER_HEAD } from './period-report';

/**
 * Realistic sample data for every kind, for `hall print <kind> --sample` and the README's
 * pictures. No database is involved. The petitioner's name has 𠮷 (outside the BMP) and a
 * representative's has 䶮, so a missing glyph shows at once.
 */
const PETITIONER = {
  name: '𠮷春燕',
  sex: '女',
  idNumber: '330424198703150027',
  phone: '13905731234',
  address: '清河县城关镇前进村3组18号',
};
const LEADER = { name: '吴晓喆', post: '副县长' };
const DEMAND = '房屋征收补偿标准偏低，请求按市场评估价重新核定补偿，并尽快落实安置房交付时间。';

export const SAMPLE_OFFICE = '清河县信访局';

export function sampleStamp(kind: DocumentKind): Stamp {
  return {
    office: SAMPLE_OFFICE,
    docNo: KINDS[kind].numbered
      ? formatDocNumber(DOC_NUMBER_PATTERN, { organ: '清信访', kindChar: DOC_KIND_CHARS[kind] ?? '', year: 2026 }, 17)
      : '',
    code: 'SMPL-0000',
    qr: `HALL1:SMPL-0000:${kind}`,
  };
}

const registration: KindData['registration'] = {
  visitNo: 'DJ20261123005',
  date: '2026-11-23',
  session: '上午',
  leader: LEADER,
  petitioners: [
    PETITIONER,
    {
      name: '刘䶮',
      sex: '男',
      idNumber: '330424197011020035',
      phone: '13857312345',
      address: '清河县城关镇前进村3组21号',
    },
  ],
  headCount: 2,
  representatives: ['𠮷春燕'],
  repeat: { count: 1, earlier: [{ date: '2026-09-14', leader: '周建华', matter: '房屋征收补偿' }] },
  locality: '城关镇',
  category: '城乡建设（征地拆迁）',
  demand: DEMAND,
  facts:
    '2025年3月，信访人房屋被列入城关镇旧城改造征收范围。评估报告按2023年价格计算，信访人认为未反映当前市场价格，且同区域其他户补偿标准较高。安置房原定2026年6月交付，至今未交付。',
  earlierHandling: '2026年9月14日来访，周建华副书记接待并交县住建局核实，县住建局答复“按政策执行”，信访人不满意。',
  legalChannel: '不属于诉讼、仲裁、行政复议等法定途径受理事项，予以受理。',
  attachments: ['房屋征收评估报告复印件（3页）', '安置协议复印件（2页）'],
  registrar: '李接待',
  petitionerSignature: null,
};

const turns: KindData['interview']['turns'] = [
  { speaker: '吴晓喆（副县长）', text: '您好，请坐。今天我专门来听取您的意见，您把情况详细说一说。' },
  {
    speaker: '𠮷春燕（信访人）',
    text: '领导，我家房子去年被征收，评估价是按前年的价格算的，同一条街后签约的人家每平方多了四百多元，我们觉得不公平。安置房说好今年六月交房，到现在也没有消息，一家五口一直在外面租房子住。',
  },
  {
    speaker: '县住建局（王科长）',
    text: '评估是按征收决定公告之日的市场价格评估的，这是条例规定。关于安置房，施工方资金出了一些问题，目前主体已经完工，正在做外墙和配套。',
  },
  {
    speaker: '吴晓喆（副县长）',
    text: '评估时点的问题，请住建局把政策依据和同区域的评估情况整理清楚，当面给信访人解释；确有差异的，要查明原因。安置房交付要有明确时间表，过渡期租房补贴要按月足额发放。',
  },
  {
    speaker: '𠮷春燕（信访人）',
    text: '只要能给我们一个明确的交房时间，租房补贴按时发，我们愿意等。评估的问题希望能再看一看。',
  },
];

const interview: KindData['interview'] = {
  draft: false,
  place: '清河县信访接待大厅第一接待室',
  startedAt: '2026-11-23T01:20:00.000Z',
  endedAt: '2026-11-23T02:05:00.000Z',
  leader: LEADER,
  clerk: '赵记录',
  units: ['县住房和城乡建设局', '城关镇人民政府'],
  others: ['郑律师（清河律师事务所）'],
  petitioners: ['𠮷春燕', '刘䶮'],
  turns,
  opinion:
    '一、由县住建局牵头、城关镇配合，15个工作日内对评估时点和同区域补偿标准作出书面说明；二、县住建局于12月10日前公布安置房交付时间表；三、过渡期租房补贴按月足额发放。',
  disposition: '交办',
  response: '同意，等待书面答复。',
  signatures: { petitioner: null, clerk: null, leader: null },
};

const assignment: KindData['assignment'] = {
  assignmentNo: 'JB20260042',
  date: '2026-11-23',
  petitioner: { name: PETITIONER.name, phone: PETITIONER.phone, address: PETITIONER.address },
  summary: '反映房屋征收评估价偏低、安置房逾期未交付。',
  demand: DEMAND,
  instruction: '请县住建局牵头，城关镇配合，依法依规核实处理，15个工作日内书面答复信访人。',
  leader: '吴晓喆',
  leadUnit: '县住房和城乡建设局',
  assistingUnits: ['城关镇人民政府'],
  deadline: '2026-12-14',
  deadlineNote: '自交办之日起15个工作日（已顺延至工作日）',
  reportRequirements: '办理结果、答复意见书及送达回证，报县信访局。',
  office: SAMPLE_OFFICE,
  receipt: { signedBy: '王建军', signedAt: '2026-11-23T06:30:00.000Z' },
};

const supervision: KindData['supervision'] = {
  supervisionNo: 'DB20260011',
  assignmentNo: 'JB20260042',
  caseTitle: '𠮷春燕反映房屋征收补偿问题',
  unit: '县住房和城乡建设局',
  reason: '办理期限将至，尚未报送办理结果。',
  level: '黄牌督办',
  requirements: '请于答复期限前报送办理结果；逾期未办结的，将按规定通报。',
  answerBy: '2026-12-14',
  issuedAt: '2026-12-08T01:00:00.000Z',
  office: SAMPLE_OFFICE,
  receipt: null,
};

const closure: KindData['closure'] = {
  assignmentNo: 'JB20260042',
  caseTitle: '𠮷春燕反映房屋征收补偿问题',
  unit: '县住房和城乡建设局',
  findings:
    '经核实，评估时点符合《国有土地上房屋征收与补偿条例》规定；同区域后签约户补偿较高系装修评估差异所致。安置房因施工方资金问题延期，现已落实资金。',
  outcome: '解释',
  basis: '《国有土地上房屋征收与补偿条例》第十九条；《信访工作条例》第三十二条',
  answerDate: '2026-12-12',
  answerWay: '书面答复，当面送达',
  satisfaction: '基本满意',
  stopped: true,
  officeReview: '同意办结。',
  owningLeader: '吴晓喆',
};

const extension: KindData['extension'] = {
  petitioner: '𠮷春燕',
  caseNo: 'XF20260128',
  caseTitle: '房屋征收补偿问题',
  acceptedOn: '2026-11-23',
  previousDeadline: '2026-12-14',
  newDeadline: '2027-01-13',
  days: 30,
  reason: '涉及多个部门协调、评估报告需重新出具',
  approver: '吴晓喆',
  approvedOn: '2026-12-10',
  office: '清河县信访局',
};

const quarterly: KindData['quarterly'] = {
  leader: LEADER,
  year: 2026,
  quarter: 4,
  asOf: '2026-12-31',
  figures: [
    { label: '包案信访事项', value: '6' },
    { label: '其中已办结', value: '4' },
    { label: '未办结', value: '2' },
    { label: '其中超过办理期限', value: '1' },
    { label: '本季度新增', value: '3' },
    { label: '本季度督办', value: '4' },
  ],
  open: [
    {
      caseNo: 'XF20260128',
      acceptedOn: '2026-11-23',
      petitioner: '𠮷*燕',
      title: '房屋征收补偿问题',
      unit: '县住房和城乡建设局',
      deadline: '2027-01-13',
      status: '已延期',
      overdueDays: 0,
      progress: '2026-11-24责任单位签收；督办1次（最近2026-12-10，一般督办）',
    },
    {
      caseNo: 'XF20260097',
      acceptedOn: '2026-10-09',
      petitioner: '欧阳**',
      title: '拖欠农民工工资',
      unit: '县人力资源和社会保障局',
      deadline: '2026-12-07',
      status: '已签收',
      overdueDays: 24,
      progress: '2026-10-12责任单位签收；督办3次（最近2026-12-21，红牌督办）',
    },
  ],
};

const responsibility: KindData['responsibility'] = {
  caseNo: 'XF20260128',
  caseTitle: '𠮷春燕反映房屋征收补偿问题',
  petitioner: '𠮷春燕',
  leader: LEADER,
  unit: '县住房和城乡建设局',
  responsiblePerson: '王建军',
  goal: '明确安置房交付时间，落实过渡期补贴，解释评估政策，实现息诉罢访。',
  measures: '每半月听取一次进展汇报；协调施工方资金；组织评估机构当面答疑。',
  deadline: '2027-01-31',
  signedOn: '2026-11-23',
};

const appointment: KindData['appointment'] = {
  petitioner: '𠮷春燕',
  address: PETITIONER.address,
  leader: LEADER,
  at: '2026-12-02T01:30:00.000Z',
  place: '清河县信访接待大厅第一接待室',
  purpose: '房屋征收补偿',
  office: SAMPLE_OFFICE,
  issuedOn: '2026-11-25',
  contactPhone: '0573-84120000',
};

const notice: KindData['notice'] = {
  period: '2026年11月23日至11月27日',
  slots: [
    {
      date: '2026-11-23',
      time: '8:30-11:30',
      leader: '吴晓喆',
      post: '副县长',
      portfolio: '自然资源、住房城乡建设',
      place: '信访接待大厅第一接待室',
      form: '定期接访',
      note: '',
    },
    {
      date: '2026-11-24',
      time: '8:30-11:30',
      leader: '黄丽娟',
      post: '副县长',
      portfolio: '教育、卫生健康、民政',
      place: '信访接待大厅第二接待室',
      form: '定期接访',
      note: '',
    },
    {
      date: '2026-11-25',
      time: '8:30-11:30',
      leader: '赵德明',
      post: '副县长',
      portfolio: '农业农村、生态环境',
      place: '柳林镇红星村',
      form: '下访',
      note: '',
    },
    {
      date: '2026-11-26',
      time: '8:30-11:30',
      leader: '马春燕',
      post: '县人大常委会副主任',
      portfolio: '人力资源和社会保障',
      place: '信访接待大厅第一接待室',
      form: '定期接访',
      note: '代孙国强',
    },
    {
      date: '2026-11-27',
      time: '14:30-17:30',
      leader: '周建华、林海堃',
      post: '县委副书记；县长',
      portfolio: '党群、政法；县政府全面工作',
      place: '信访接待大厅第三接待室',
      form: '联合接访',
      note: '',
    },
  ],
  publishedOn: '2026-11-20',
  contact: '0573-84120000',
};

const ledger: KindData['ledger'] = {
  title: '2026年信访事项台账',
  filter: '受理日期 2026-01-01 至 2026-12-31　全部状态',
  rows: Array.from({ length: 60 }, (_, i) => ({
    caseNo: `XF2026${String(i + 1).padStart(4, '0')}`,
    acceptedOn: `2026-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    petitioner: i % 7 === 0 ? '𠮷**' : ['王*', '李*', '张*', '刘*', '欧阳**'][i % 5]!,
    category: ['城乡建设（征地拆迁）', '劳动和社会保障', '农村农业', '民政', '生态环境'][i % 5]!,
    locality: ['城关镇', '东坝镇', '西河乡', '南山街道'][i % 4]!,
    summary: [
      '房屋征收补偿标准偏低',
      '工地拖欠农民工工资',
      '土地流转租金未按合同支付',
      '申请低保未获批准',
      '养殖场污染河道',
    ][i % 5]!,
    leader: ['吴晓喆', '马春燕', '赵德明', '黄丽娟', '赵德明'][i % 5]!,
    unit: ['县住建局', '县人社局', '县农业农村局', '县民政局', '市生态环境局县分局'][i % 5]!,
    deadline: `2026-${String((i % 11) + 2).padStart(2, '0')}-15`,
    status: ['已交办', '已签收', '已办结', '已回访', '已延期'][i % 5]!,
  })),
};

const monthly: KindData['monthly-report'] = {
  report: 'monthly',
  addressee: '市信访局',
  title: '2026年10月信访工作情况报告',
  from: '2026-10-01',
  to: '2026-10-31',
  period: '统计时段：2026年10月1日至10月31日',
  due: '报送时限：2026年11月4日（次月4日）前',
  zero: false,
  figures: [
    { label: '来访批次', value: 126 },
    { label: '来访人次', value: 241 },
    { label: '集体访批次', value: 7 },
    { label: '重复访批次', value: 23, note: '占18.3%' },
    { label: '首次来访批次', value: 103 },
    { label: '受理信访事项', value: 84 },
    { label: '办结信访事项', value: 71 },
    { label: '按期办结', value: 67, note: '按期办结率94.4%' },
    { label: '超期未办结', value: 4, note: '截至10月31日' },
    { label: '延期办理', value: 3 },
    { label: '督办', value: 9, note: '一般5、黄牌3、红牌1' },
    { label: '回访', value: 52 },
    { label: '息诉罢访', value: 48 },
    { label: '满意及基本满意', value: 61, note: '满意率85.9%' },
  ],
  tables: [
    {
      title: '按问题类别',
      head: ['问题类别', '来访批次', '来访人次', '受理件数'],
      rows: [
        ['城乡建设（征地拆迁）', 38, 92, 27],
        ['劳动和社会保障', 29, 61, 21],
        ['农村农业', 22, 38, 14],
        ['民政', 15, 19, 10],
        ['其他', 22, 31, 12],
      ],
      widths: ['*', 64, 64, 64],
      empty: '本月无来访，无新受理信访事项。',
    },
    {
      title: '领导接访下访情况',
      head: MONTHLY_LEADER_HEAD,
      rows: [
        ['吴晓喆', 41, 96, 2, 1, 1, 1, 28, 22, 1],
        ['黄丽娟', 35, 57, 1, 1, 0, 1, 24, 21, 2],
        ['赵德明', 50, 88, 2, 1, 1, 1, 32, 28, 1],
      ],
      widths: [52, '*', '*', '*', '*', '*', '*', '*', '*', '*'],
      empty: '无。',
      note: '要求：每位领导每月到大厅接访1天以上、每季度下访1次以上（设置）；本季度下访自2026年10月1日起计。',
    },
    {
      title: '责任单位办理情况',
      head: ['责任单位', '交办件数', '办结件数', '按期办结', '超期未办结', '被督办次数'],
      rows: [
        ['县住房和城乡建设局', 27, 22, 20, 2, 4],
        ['县人力资源和社会保障局', 21, 19, 19, 1, 2],
        ['县农业农村局', 14, 13, 12, 1, 3],
      ],
      widths: ['*', 50, 50, 50, 54, 54],
      empty: '本月无交办、办结或督办。',
    },
  ],
  notes:
    '本月共接待群众来访126批241人次，其中集体访7批、重复访23批；受理信访事项84件，办结71件，按期办结率94.4%；截至10月31日超期未办结4件；发出督办单9份（红牌1份）。来访较多的问题类别为城乡建设（征地拆迁）（38批）、劳动和社会保障（29批）、农村农业（22批）。',
  preparedBy: '李接待',
  preparedOn: '2026-11-03',
};

/** A week of its own: its rows add up to its figures, and the week is counted to its Friday. */
const weekly: KindData['weekly-report'] = {
  report: 'weekly',
  addressee: '市信访局',
  title: '2026年第48周信访工作周报',
  from: '2026-11-23',
  to: '2026-11-29',
  period: '统计时段：2026年11月23日至11月29日（截至11月27日）',
  due: '报送时限：2026年11月27日（本周五）前',
  zero: false,
  figures: [
    { label: '来访批次', value: 31 },
    { label: '来访人次', value: 58 },
    { label: '集体访批次', value: 2 },
    { label: '重复访批次', value: 6, note: '占19.4%' },
    { label: '首次来访批次', value: 25 },
    { label: '受理信访事项', value: 21 },
    { label: '办结信访事项', value: 17 },
    { label: '按期办结', value: 16, note: '按期办结率94.1%' },
    { label: '超期未办结', value: 2, note: '截至11月27日' },
    { label: '延期办理', value: 1 },
    { label: '督办', value: 3, note: '一般2、黄牌1、红牌0' },
    { label: '回访', value: 12 },
    { label: '息诉罢访', value: 11 },
    { label: '满意及基本满意', value: 15, note: '满意率88.2%' },
  ],
  tables: [
    {
      title: '按问题类别',
      head: ['问题类别', '来访批次', '来访人次', '受理件数'],
      rows: [
        ['城乡建设（征地拆迁）', 10, 24, 7],
        ['劳动和社会保障', 8, 15, 6],
        ['农村农业', 6, 9, 4],
        ['民政', 4, 5, 2],
        ['其他', 3, 5, 2],
      ],
      widths: ['*', 64, 64, 64],
      empty: '本周无来访，无新受理信访事项。',
    },
    {
      title: '责任单位办理情况',
      head: ['责任单位', '交办件数', '办结件数', '按期办结', '超期未办结', '被督办次数'],
      rows: [
        ['县住房和城乡建设局', 7, 6, 5, 1, 2],
        ['县人力资源和社会保障局', 6, 6, 6, 0, 0],
        ['县农业农村局', 4, 5, 5, 1, 1],
      ],
      widths: ['*', 50, 50, 50, 54, 54],
      empty: '本周无交办、办结或督办。',
    },
  ],
  notes:
    '本周共接待群众来访31批58人次，其中集体访2批、重复访6批；受理信访事项21件，办结17件，按期办结率94.1%；截至11月27日超期未办结2件；发出督办单3份。来访较多的问题类别为城乡建设（征地拆迁）（10批）、劳动和社会保障（8批）、农村农业（6批）。',
  preparedBy: '李接待',
  preparedOn: '2026-11-27',
};

const daily: KindData['daily-report'] = {
  report: 'daily',
  addressee: '市信访局',
  title: '2026年11月22日信访工作日报',
  from: '2026-11-22',
  to: '2026-11-22',
  period: '统计日期：2026年11月22日（星期日）',
  due: '报送时限：当日15:30前',
  zero: true,
  figures: DAILY_FIGURES.map((label) => ({ label, value: 0 })),
  tables: [
    {
      title: '按问题类别',
      head: ['问题类别', '来访批次', '来访人次', '受理件数'],
      rows: [],
      widths: ['*', 64, 64, 64],
      empty: '今日无来访，无新受理信访事项。',
    },
    {
      title: '领导接访情况',
      head: ['接访领导', '接待批次', '接待人次'],
      rows: [],
      widths: ['*', 80, 80],
      empty: '今日无领导接待来访。',
    },
  ],
  notes: '今日无群众来访，无新受理信访事项。',
  preparedBy: '李接待',
  preparedOn: '2026-11-22',
};

const ticket: KindData['ticket'] = {
  code: 'A012',
  maskedName: '𠮷**',
  leader: '吴晓喆 副县长',
  room: '第一接待室',
  issuedAt: '2026-11-23 09:12',
  ahead: 3,
  waitMinutes: 45,
};

const CASE_TITLE = '房屋征收补偿问题';

/** The case papers of the sample folder: one case from acceptance to 复核, dated in order. */
const PAPERS: Pick<
  KindData,
  'acceptance' | 'answer' | 'follow-up' | 'review-request' | 'review-opinion' | 'investigation' | 'ledger-extract'
> = {
  acceptance: {
    petitioner: '𠮷春燕',
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    visitDate: '2026-11-23',
    acceptedOn: '2026-11-23',
    deadline: '2026-12-14',
    owningLeader: '吴晓喆',
    office: SAMPLE_OFFICE,
  },
  answer: {
    petitioner: '𠮷春燕',
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    visitDate: '2026-11-23',
    unit: '县住房和城乡建设局',
    findings:
      '经调查核实，信访人位于城关镇东街的房屋于2026年8月列入征收范围，评估价格依据征收时点的市场价确定，补偿款中的搬迁费和临时安置费已按标准计算，装修部分的补偿未单独评估。',
    outcome: '支持',
    basis: '《国有土地上房屋征收与补偿条例》第十七条、第十九条',
    answerDate: '2026-12-12',
    answerWay: '书面答复（当面送达）',
    reviewRequestDays: 30,
    office: SAMPLE_OFFICE,
  },
  'follow-up': {
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    petitioner: '𠮷春燕',
    at: '2026-12-18T02:30:00.000Z',
    way: '电话回访',
    byName: '信访局回访组 周敏',
    result: '信访人表示装修补偿已重新评估，但对评估金额仍有不同意见，拟申请复查。',
    satisfaction: '基本满意',
  },
  'review-request': {
    kind: '复查',
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    petitioner: '𠮷春燕',
    contested: '答复意见：支持',
    contestedOn: '2026-12-12',
    requestedOn: '2026-12-28',
    body: '清河县人民政府',
    deadline: '2027-01-27',
  },
  'review-opinion': {
    kind: '复查',
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    petitioner: '𠮷春燕',
    requestedOn: '2026-12-28',
    body: '清河县人民政府',
    result: '原处理意见认定事实清楚，适用依据正确，维持原处理意见。装修部分的补偿按重新评估结果执行。',
    decidedOn: '2027-01-20',
    reviewRequestDays: 30,
  },
  investigation: {
    caseNo: 'XF20260128',
    caseTitle: CASE_TITLE,
    petitioner: '𠮷春燕',
    leader: { name: '吴晓喆', post: '副县长' },
    unit: '县住房和城乡建设局',
    acceptedOn: '2026-11-23',
    answeredOn: '2026-12-12',
    findings: '包案后召开协调会一次，调阅征收评估资料，现场查看房屋装修情况，确认装修部分漏评。',
    measures: '责成县住建局委托评估机构对装修部分补充评估，补偿款于2026年12月10日前发放到位。',
    stabilityMeasures: '由城关镇确定专人联系信访人，每周走访一次，及时通报办理进展，做好思想疏导。',
    result: '补充评估完成，装修补偿款已发放，信访人基本满意。',
    signedOn: '2026-12-15',
  },
  'ledger-extract': {
    caseNo: 'XF20260128',
    acceptedOn: '2026-11-23',
    petitioner: '𠮷春燕',
    category: '城乡建设（征地拆迁）',
    locality: '城关镇',
    summary: CASE_TITLE,
    leader: '吴晓喆',
    unit: '县住房和城乡建设局',
    deadline: '2027-01-27',
    status: '复查',
    events: [
      { date: '2026-11-23', event: '来访登记', detail: 'DJ20261123007，1人' },
      { date: '2026-11-23', event: '受理', detail: 'XF20260128，包案领导吴晓喆' },
      { date: '2026-11-23', event: '交办', detail: 'JB20260033交县住房和城乡建设局，限2026-12-14' },
      { date: '2026-12-08', event: '督办', detail: 'DB20260012，限2026-12-11答复' },
      { date: '2026-12-12', event: '办结答复', detail: '处理意见：支持' },
      { date: '2026-12-15', event: '查办报告', detail: '包案领导签字' },
      { date: '2026-12-18', event: '回访', detail: '基本满意' },
      { date: '2026-12-28', event: '申请复查', detail: '清河县人民政府' },
      { date: '2027-01-20', event: '复查意见', detail: '维持原处理意见' },
    ],
    asOf: '2027-01-20',
  },
};

function part(
  kind: Exclude<DocumentKind, 'folder'>,
  id: string,
  title: string,
  date: string,
  responsible: string,
): FolderPart {
  const stamp = sampleStamp(kind);
  const doc = KINDS[kind].layout(SAMPLES[kind] as never, stamp);
  return { id, title, docNo: stamp.docNo, date, responsible, doc };
}

const SAMPLES: Omit<KindData, 'folder'> = {
  registration,
  interview,
  assignment,
  supervision,
  extension,
  closure,
  responsibility,
  appointment,
  notice,
  'notice-month': { ...notice, period: '2026年11月' },
  ledger,
  'monthly-report': monthly,
  'weekly-report': weekly,
  'daily-report': daily,
  quarterly,
  'day-summary': {
    date: '2026-11-23',
    figures: [
      { label: '来访批次', value: '14' },
      { label: '来访人次', value: '31' },
      { label: '集体访', value: '1' },
      { label: '重复访', value: '3' },
      { label: '引导至法定途径', value: '1' },
      { label: '未接待（改约）', value: '2' },
    ],
    byLeader: [
      { name: '吴晓喆', visits: 9, people: 22 },
      { name: '林海堃', visits: 5, people: 9 },
    ],
    byCategory: [
      { name: '城乡建设（征地拆迁）', visits: 6 },
      { name: '劳动和社会保障', visits: 5 },
      { name: '民政', visits: 3 },
    ],
    preparedBy: '李接待',
    auditHead: '1284-3F9A0C7D21B8',
  },
  ticket,
  'transfer-notice': {
    petitioner: '𠮷春燕',
    visitNo: 'DJ20261123014',
    visitDate: '2026-11-23',
    demand: '小区电梯长期故障，物业公司不予维修',
    organ: '城关镇人民政府',
    decidedOn: '2026-11-25',
    office: SAMPLE_OFFICE,
  },
  'final-notice': {
    petitioner: '𠮷春燕',
    visitNo: 'DJ20270315006',
    visitDate: '2027-03-15',
    demand: CASE_TITLE,
    caseNo: 'XF20260128',
    rereviewOn: '2027-02-26',
    decidedOn: '2027-03-16',
    office: SAMPLE_OFFICE,
  },
  guidance: {
    petitioner: '𠮷春燕',
    visitNo: 'DJ20261123007',
    date: '2026-11-23',
    demand: '对法院判决执行不到位有意见',
    channel: '属于诉讼途径解决的事项，不予受理，已引导信访人依法向人民法院提出。',
    office: SAMPLE_OFFICE,
  },
  ...PAPERS,
};

export function sampleData<K extends DocumentKind>(kind: K): KindData[K] {
  if (kind !== 'folder') return SAMPLES[kind as Exclude<DocumentKind, 'folder'>] as KindData[K];
  const folder: KindData['folder'] = {
    caseNo: 'XF20260128',
    caseTitle: '𠮷春燕反映房屋征收补偿问题',
    petitioner: '𠮷春燕',
    category: '城乡建设（征地拆迁）',
    locality: '城关镇',
    owningLeader: '吴晓喆',
    acceptedOn: '2026-11-23',
    closedOn: '2026-12-12',
    archiveNo: 'X012-2027-D30-0004',
    retention: '30年',
    retentionBasis: '经复查（30年）',
    archivist: '钱档案',
    archivedOn: '2027-01-25',
    notes: ['“六有”材料齐全；稳控措施见查办报告。', '本卷为脱敏件：身份证号码和联系电话已隐去部分数字。'],
    parts: [
      part('registration', 'p1', '信访事项登记单', '2026-11-23', '县信访局'),
      part('interview', 'p2', '领导接访接谈记录', '2026-11-23', '县信访局'),
      part('acceptance', 'p3', '信访事项受理告知书', '2026-11-23', '县信访局'),
      part('responsibility', 'p4', '包案领导责任书', '2026-11-23', '吴晓喆'),
      part('assignment', 'p5', '信访事项交办单', '2026-11-23', '县信访局'),
      part('supervision', 'p6', '信访事项督办单', '2026-12-08', '县信访局'),
      part('closure', 'p7', '信访事项办结单', '2026-12-12', '县住建局'),
      part('answer', 'p8', '信访事项答复意见书', '2026-12-12', '县住建局'),
      part('investigation', 'p9', '信访事项查办报告', '2026-12-15', '吴晓喆'),
      part('follow-up', 'p10', '信访事项回访记录', '2026-12-18', '县信访局'),
      part('review-request', 'p11', '信访事项复查申请登记表', '2026-12-28', '𠮷春燕'),
      part('review-opinion', 'p12', '信访事项复查意见书', '2027-01-20', '清河县人民政府'),
      part('ledger-extract', 'p13', '信访事项台账（摘录）', '2027-01-20', '县信访局'),
    ],
  };
  return folder as KindData[K];
}
