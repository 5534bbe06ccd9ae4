import { createHash } from 'node:crypto';
import { KINDS, type DocumentKind } from '../../../shared/documents/kinds';
import { canonical } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, value } from '../infra/db/sql';
import { VOLATILE } from './loaders';

/**
 * What a printed copy froze. Printing keeps the data exactly as printed (before masking) and
 * the master data it showed: each value of a leader, unit, category, locality, room, account
 * or the office that appears in the data, by where it lives (`leaders:3:post` → 县长). A
 * master-data change later (a leader's new post, a renamed unit) is not a change of the
 * record: the current data with those values put back as printed is compared with the copy,
 * so an unchanged record still verifies as 一致 and its reprint shows the post as printed.
 * A record that points elsewhere (another leader, another unit) shows another value and is a
 * change. Values are matched whole, or as a whole word of a text of words ("林海堃 县长"); a
 * value the record shows in any other way reads as changed, never the other way round.
 */
export interface Snapshot {
  data: unknown;
  masters: Record<string, string>;
}

/** The master data a document can show, each value by its key. */
const MASTER_SOURCES: [table: string, columns: string[]][] = [
  ['leaders', ['name', 'post', 'portfolio']],
  ['units', ['name']],
  ['categories', ['name']],
  ['localities', ['name']],
  ['rooms', ['name', 'location']],
  ['accounts', ['display_name']],
  ['participants', ['name', 'organisation']],
];

function masterValues(db: Db): Map<string, string> {
  const out = new Map<string, string>();
  for (const [table, columns] of MASTER_SOURCES)
    for (const row of all<Record<string, unknown>>(db, `SELECT id, ${columns.join(', ')} FROM ${table}`))
      for (const column of columns) {
        const v = row[column];
        if (typeof v === 'string' && v !== '') out.set(`${table}:${String(row.id)}:${column}`, v);
      }
  const office = value<string>(db, "SELECT value FROM settings WHERE key = 'officeName'");
  if (office !== undefined) out.set('settings:officeName', JSON.parse(office) as string);
  return out;
}

const WORDS = /([ \u3000]+)/;

/** Every string of a value, and each word of a string of words. */
function strings(data: unknown, into: Set<string>): Set<string> {
  if (typeof data === 'string') {
    into.add(data);
    for (const w of data.split(WORDS)) into.add(w);
  } else if (Array.isArray(data)) for (const v of data) strings(v, into);
  else if (data && typeof data === 'object') for (const v of Object.values(data)) strings(v, into);
  return into;
}

/** The master values `data` shows, to freeze with it. */
export function mastersShown(db: Db, data: unknown): Record<string, string> {
  const shown = strings(data, new Set());
  const out: Record<string, string> = {};
  for (const [key, v] of masterValues(db)) if (shown.has(v)) out[key] = v;
  return out;
}

/** Replaces every string equal to a key of `swap` (whole, or a whole word) by its value. */
function substitute(data: unknown, swap: Map<string, string>): unknown {
  if (typeof data === 'string') {
    const whole = swap.get(data);
    if (whole !== undefined) return whole;
    return data
      .split(WORDS)
      .map((w) => swap.get(w) ?? w)
      .join('');
  }
  if (Array.isArray(data)) return data.map((v) => substitute(v, swap));
  if (data && typeof data === 'object')
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, substitute(v, swap)]));
  return data;
}

/**
 * The current data with the master data a copy froze put back as it was printed. A current
 * value that two frozen values would claim is left alone (which one it was cannot be told).
 */
export function asPrinted(db: Db, current: unknown, masters: Record<string, string>): unknown {
  const now = masterValues(db);
  const swap = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const [key, printed] of Object.entries(masters)) {
    const today = now.get(key);
    if (today === undefined || today === printed) continue;
    if (swap.has(today) && swap.get(today) !== printed) ambiguous.add(today);
    swap.set(today, printed);
  }
  for (const a of ambiguous) swap.delete(a);
  return swap.size === 0 ? current : substitute(current, swap);
}

/** The data without its print-time fields (a notice's publication date, a report's 填报日期). */
export function stable(kind: DocumentKind, data: unknown): Record<string, unknown> {
  const volatile = new Set(VOLATILE[kind] ?? []);
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => !volatile.has(k)));
}

/**
 * Fields that live with the moment, not with the copy: taken new when a frozen copy is printed
 * again (a lost queue ticket shows how many are waiting now). Everything else of a reprint is
 * the copy as first printed, its 填报人 and dates included.
 */
const LIVE: Partial<Record<DocumentKind, string[]>> = { ticket: ['ahead', 'waitMinutes'] };

/** The live fields of `data`, to lay over a frozen copy when it is printed again. */
export function printTime(kind: DocumentKind, data: unknown): Record<string, unknown> {
  const live = new Set(LIVE[kind] ?? []);
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => live.has(k)));
}

export function contentHash(kind: DocumentKind, data: unknown): string {
  return createHash('sha256')
    .update(canonical({ kind, data: stable(kind, data) }))
    .digest('hex');
}

/** A folder's parts as hashed: each document of the case by kind, record and its content hash. */
export interface FolderState {
  cover: Record<string, unknown>;
  parts: {
    kind: Exclude<DocumentKind, 'folder'>;
    id: number;
    date: string;
    responsible: string;
    title?: string;
    data: unknown;
  }[];
}

export function folderHash(state: FolderState): string {
  return createHash('sha256')
    .update(
      canonical({
        kind: 'folder',
        cover: state.cover,
        parts: state.parts.map((p) => ({ kind: p.kind, id: p.id, hash: contentHash(p.kind, p.data) })),
      }),
    )
    .digest('hex');
}

// ── What changed, in the words of the paper ─────────────────────────────────────────────

/** The Chinese name of each field a document's data has (shared/documents types). */
export const FIELD_LABELS: Record<string, string> = {
  draft: '草稿（接谈未结束）',
  organ: '转送机关',
  rereviewOn: '复核意见日期',
  addressee: '主送机关',
  visitDate: '来访日期',
  reviewRequestDays: '申请复查期限（日）',
  way: '回访方式',
  byName: '回访人',
  result: '结果',
  kind: '复查或复核',
  contested: '不服的处理意见',
  contestedOn: '原处理意见日期',
  requestedOn: '申请日期',
  body: '复查（复核）机关',
  decidedOn: '作出日期',
  answeredOn: '答复日期',
  stabilityMeasures: '稳控措施',
  events: '办理过程',
  event: '环节',
  detail: '情况',
  archiveNo: '档号',
  retentionBasis: '保管期限依据',
  visitNo: '登记编号',
  date: '日期',
  session: '接待场次',
  leader: '接访领导',
  petitioners: '信访人',
  headCount: '来访人数',
  representatives: '代表',
  repeat: '重复来访情况',
  locality: '所属地',
  category: '问题类别',
  demand: '诉求',
  facts: '事实和理由',
  earlierHandling: '此前处理情况',
  legalChannel: '法定途径',
  attachments: '附件',
  registrar: '登记人',
  petitionerSignature: '信访人签名',
  place: '地点',
  startedAt: '开始时间',
  endedAt: '结束时间',
  clerk: '记录人',
  units: '责任单位',
  others: '其他参加人员',
  turns: '谈话内容',
  opinion: '领导意见',
  disposition: '处理方式',
  response: '信访人意见',
  signatures: '签名',
  assignmentNo: '交办编号',
  petitioner: '信访人',
  summary: '事项摘要',
  instruction: '领导批示',
  leadUnit: '主办单位',
  assistingUnits: '协办单位',
  deadline: '办理期限',
  deadlineNote: '期限说明',
  reportRequirements: '报告要求',
  office: '单位名称',
  receipt: '签收',
  signedBy: '签收人',
  signedAt: '签收时间',
  supervisionNo: '督办编号',
  caseTitle: '信访事项',
  unit: '责任单位',
  reason: '事由',
  level: '督办级别',
  requirements: '督办要求',
  answerBy: '答复期限',
  issuedAt: '时间',
  findings: '调查核实情况',
  outcome: '办理结果',
  basis: '依据',
  answerDate: '答复日期',
  answerWay: '答复方式',
  satisfaction: '满意度',
  stopped: '息诉罢访',
  officeReview: '信访部门审核意见',
  owningLeader: '包案领导',
  caseNo: '案件编号',
  responsiblePerson: '责任人',
  goal: '化解目标',
  measures: '化解措施',
  signedOn: '签订日期',
  at: '约访时间',
  address: '住址',
  purpose: '约访事由',
  issuedOn: '发出日期',
  contactPhone: '联系电话',
  channel: '法定途径',
  acceptedOn: '受理日期',
  previousDeadline: '原办理期限',
  newDeadline: '延期后期限',
  days: '延期天数',
  approver: '批准人',
  approvedOn: '批准日期',
  period: '期间',
  slots: '接访安排',
  contact: '联系方式',
  title: '标题',
  filter: '范围',
  rows: '台账条目',
  code: '排队号',
  maskedName: '姓名',
  room: '接待室',
  figures: '统计数字',
  byLeader: '按领导统计',
  byCategory: '按类别统计',
  year: '年度',
  quarter: '季度',
  open: '在办事项',
  report: '报告种类',
  from: '起始日期',
  to: '截止日期',
  due: '报送时限',
  zero: '零报告',
  tables: '统计表',
  notes: '情况说明',
  closedOn: '办结日期',
  retention: '保管期限',
  archivist: '立卷人',
  archivedOn: '立卷日期',
  parts: '卷内文件',
  materials: '卷内附件材料',
  // Fields inside the above.
  name: '姓名',
  post: '职务',
  sex: '性别',
  idNumber: '身份证号码',
  phone: '联系电话',
  count: '次数',
  earlier: '此前来访',
  speaker: '发言人',
  text: '内容',
  time: '时间',
  portfolio: '分管工作',
  form: '接访形式',
  note: '备注',
  status: '办理状态',
  daysLeft: '剩余天数',
  overdueDays: '超期天数',
  progress: '进展情况',
  visits: '来访批次',
  people: '来访人数',
  matter: '事项',
  ahead: '前面等候',
  waitMinutes: '预计等候',
  label: '项目',
  value: '数值',
  head: '表头',
  widths: '栏宽',
  empty: '无数据说明',
  // Print-time fields (VOLATILE): never a change, named for completeness.
  publishedOn: '公示日期',
  preparedBy: '填报人',
  preparedOn: '填报日期',
  asOf: '截至日期',
  auditHead: '审计记录校验值',
};

const labelOf = (key: string) => FIELD_LABELS[key] ?? '其他内容';

function equal(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** A figure (`{label, value}`) or a table (`{title, ...}`) names itself. */
function ownName(item: unknown): string | null {
  if (!item || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  if (typeof o.label === 'string' && 'value' in o) return o.label;
  if (typeof o.title === 'string' && Array.isArray(o.rows)) return o.title;
  return null;
}

/**
 * Lists of the same people in the same order (a 登记单's petitioners): a correction changes a
 * field of one of them, named as 信访人（姓名）. Other lists (a report's open cases) change by rows.
 */
const PEOPLE_ROWS = new Set(['petitioners']);

/** The labels of what differs between two data of one kind: 诉求, 接访领导（职务）, 统计数字：办结. */
export function changedFields(kind: DocumentKind, before: unknown, after: unknown): string[] {
  const out = new Set<string>();
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const volatile = new Set(VOLATILE[kind] ?? []);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (volatile.has(key) || equal(a[key], b[key])) continue;
    const top = labelOf(key);
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.some((i) => ownName(i) !== null)) {
      // Figures and tables: name each one that changed.
      x.forEach((item, i) => {
        if (!equal(item, y[i])) out.add(`${top}：${ownName(item) ?? ownName(y[i]) ?? i + 1}`);
      });
    } else if (
      PEOPLE_ROWS.has(key) &&
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      [...x, ...y].every((i) => i && typeof i === 'object' && !Array.isArray(i))
    ) {
      // Rows of one shape (the petitioners of a 登记单): name the field that changed, 信访人（姓名）.
      x.forEach((item, i) => {
        const xo = item as Record<string, unknown>;
        const yo = y[i] as Record<string, unknown>;
        for (const sub of new Set([...Object.keys(xo), ...Object.keys(yo)]))
          if (!equal(xo[sub], yo[sub])) out.add(`${top}（${labelOf(sub)}）`);
      });
    } else if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const xo = x as Record<string, unknown>;
      const yo = y as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(xo), ...Object.keys(yo)]))
        if (!equal(xo[sub], yo[sub])) out.add(`${top}（${labelOf(sub)}）`);
    } else out.add(top);
  }
  return [...out];
}

/** What differs between two folder states: the cover's fields, then each document by its title. */
export function folderChanges(before: FolderState, after: FolderState): string[] {
  const out = changedFields('folder', before.cover, after.cover);
  const key = (p: { kind: string; id: number }) => `${p.kind}:${p.id}`;
  const then = new Map(before.parts.map((p) => [key(p), p]));
  const now = new Map(after.parts.map((p) => [key(p), p]));
  for (const p of after.parts) {
    const old = then.get(key(p));
    if (!old) out.push(`新增${KINDS[p.kind].label}`);
    else for (const field of changedFields(p.kind, old.data, p.data)) out.push(`${KINDS[p.kind].label}：${field}`);
  }
  for (const p of before.parts) if (!now.has(key(p))) out.push(`${KINDS[p.kind].label}已不在卷内`);
  return out;
}
