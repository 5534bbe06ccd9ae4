import { ACCEPT_DECISION_LABELS } from './acceptance';
import { RETENTION_FACT_LABELS } from './archive';
import { CASE_MOVES, MOVE_SPECS, type CaseMove } from './case-machine';
import { chinaMinute } from './calendar';
import { CASE_STATUS_LABELS } from './case-status';
import { DISPOSITION, labelOr } from './labels';
import { LEDGER_HEADERS } from './ledger';
import { REVEAL_REASON_LABELS, type RevealReasonKind } from './reveal';
import { ROLE_LABELS } from './roles';
import { SETTINGS_LABELS } from './settings-labels';

/**
 * The audit trail in words an official reads (issue 16 item 8): every audited action code with a
 * Chinese verb phrase, the kinds of record, and an entry's facts as a sentence. The code's
 * `AuditInput.action` is typed by this table, so an action without a label does not compile;
 * tests/unit/audit-labels.test.ts also reads every `action:` in electron/core against it.
 */
const CASE_MOVE_ACTIONS = Object.fromEntries(CASE_MOVES.map((m) => [`case.${m}`, MOVE_SPECS[m].label])) as {
  [M in CaseMove as `case.${M}`]: string;
};

export const AUDIT_ACTION_LABELS = {
  'setup.init': '首次设置',
  'system.testClock': '使用测试时钟',
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.logout': '退出登录',
  'auth.unlock': '解锁',
  'auth.changePassword': '修改密码',
  'auth.recover': '用恢复码重设密码',
  'account.create': '新建账号',
  'account.resetPassword': '重置密码',
  'account.remove': '停用账号',
  'settings.update': '修改设置',
  'backup.create': '备份数据',
  'backup.restore': '恢复备份',
  'backup.reencrypt': '重新加密备份',
  'backup.placeCopy': '复制备份到第二位置',
  'backup.placeFailed': '备份未能复制到第二位置',
  'backup.spaceShort': '备份空间不足预警',
  'keyring.rotateRecovery': '更换恢复码',
  'keyring.rekeyDatabase': '更换数据库密钥',
  'petitioner.reveal': '查看完整个人信息',
  'demo.fill': '填入演示数据',
  'document.print': '打印文书',
  'document.verify': '核验文书',
  'document.sendToPrinter': '发送到打印机',
  'signature.capture': '采集签名',
  'attachment.add': '添加附件',
  'visit.register': '登记来访',
  'visit.decide': '作出受理决定',
  'visit.correct': '更正登记',
  'queue.call': '叫号',
  'queue.recall': '重呼',
  'queue.skip': '过号',
  'queue.start': '开始接待',
  'queue.finish': '接待完毕',
  'queue.transfer': '转交其他领导',
  'interview.open': '开始接谈记录',
  'interview.end': '结束接谈',
  'case.create': '立案',
  'case.join': '并入已有案件',
  ...CASE_MOVE_ACTIONS,
  'case.responsibility': '签订包案领导责任书',
  'case.report': '记录调查报告',
  'summons.create': '通知责任单位到场',
  'summons.arrive': '登记单位到场',
  'appointment.book': '预约接访',
  'appointment.notified': '登记已通知',
  'roster.createRule': '新建排班规则',
  'roster.updateRule': '修改排班规则',
  'roster.generate': '按规则生成排班',
  'roster.updateSlot': '修改值班安排',
  'roster.absence': '登记领导请假',
  'roster.substitute': '安排替班领导',
  'leader.create': '新增接访领导',
  'leader.update': '修改接访领导',
  'unit.create': '新增责任单位',
  'unit.update': '修改责任单位',
  'room.create': '新增接待室',
  'room.update': '修改接待室',
  'participant.create': '新增参加人员',
  'participant.update': '修改参加人员',
  'category.create': '新增问题类别',
  'category.update': '修改问题类别',
  'category.retire': '停用问题类别',
  'locality.create': '新增属地',
  'locality.update': '修改属地',
  'locality.retire': '停用属地',
  'calendar.setOverride': '设置节假日调整',
  'calendar.removeOverride': '撤销节假日调整',
  'ledger.export': '导出台账',
  'day.export': '导出当日名单',
  'day.carryOver': '日终改为约访',
  'day.close': '日终结束接待',
  'supervise.export': '导出督办清单',
  'stats.report': '生成统计报表',
  'transfer.export': '导出基础数据',
  'transfer.import': '导入基础数据',
  'export.cases': '导出案件数据（脱敏）',
  'export.cases.full': '导出案件数据（完整）',
  'import.history': '导入历史数据',
  'audit.export': '导出审计日志',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, code);
}

/** An action as words; a code from an older version of the app (none known) shows as itself. */
export function auditActionLabel(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTION_LABELS[code] : code;
}

/** The kinds of record an entry names (AuditInput.entity). */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  account: '账号',
  office: '本单位',
  settings: '设置',
  backup: '备份',
  petitioner: '信访人',
  keyring: '密钥',
  document: '文书',
  printer: '打印机',
  visit: '来访',
  ticket: '排队号',
  interview: '接谈记录',
  case: '案件',
  summons: '到场通知',
  appointment: '约访',
  duty_slot: '值班',
  roster_rule: '排班规则',
  leader: '接访领导',
  unit: '责任单位',
  room: '接待室',
  participant: '参加人员',
  calendar: '节假日',
  ledger: '台账',
  supervision: '督办',
  report: '报表',
  import: '历史数据',
  system: '系统',
  audit: '审计日志',
  category: '问题类别',
  locality: '属地',
  categories: '问题类别',
  localities: '属地',
  units: '责任单位',
  leaders: '接访领导',
  rooms: '接待室',
  participants: '参加人员',
};

export const auditEntityLabel = (entity: string): string => AUDIT_ENTITY_LABELS[entity] ?? entity;

// ── Settings changes ──────────────────────────────────────────────────────────────────────

/** A value as the audit keeps it: JSON scalars and lists of text. */
export type AuditScalar = string | number | boolean | null;
export type AuditValue = AuditScalar | string[];

/** One changed setting: the key (a sub-key after a dot for the grouped ones) and its two values. */
export interface SettingChange {
  key: string;
  from: AuditValue;
  to: AuditValue;
}

const asAuditValue = (v: unknown): AuditValue =>
  v === undefined
    ? null
    : Array.isArray(v)
      ? v.map(String)
      : typeof v === 'object' && v !== null
        ? JSON.stringify(v)
        : (v as AuditScalar);

const same = (a: AuditValue, b: AuditValue) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The settings that differ between before and after, and only those: a grouped setting (文种代字,
 * 保管期限) by its changed members, as `docKindChars.registration`.
 */
export function settingsChanges(before: Record<string, unknown>, after: Record<string, unknown>): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const key of Object.keys(SETTINGS_LABELS)) {
    const a = before[key];
    const b = after[key];
    const grouped = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
    if (grouped(a) || grouped(b)) {
      const ga = (grouped(a) ? a : {}) as Record<string, unknown>;
      const gb = (grouped(b) ? b : {}) as Record<string, unknown>;
      for (const sub of [...new Set([...Object.keys(ga), ...Object.keys(gb)])].sort()) {
        const from = asAuditValue(ga[sub]);
        const to = asAuditValue(gb[sub]);
        if (!same(from, to)) changes.push({ key: `${key}.${sub}`, from, to });
      }
      continue;
    }
    const from = asAuditValue(a);
    const to = asAuditValue(b);
    if (!same(from, to)) changes.push({ key, from, to });
  }
  return changes;
}

/** A setting's name in words, a grouped member after a middle dot (文种代字·信访事项登记单). */
export function settingLabel(key: string, kindLabels: Readonly<Record<string, string>> = {}): string {
  const [top, sub] = key.split('.', 2) as [string, string | undefined];
  const base = (SETTINGS_LABELS as Record<string, { label: string }>)[top]?.label ?? top;
  if (sub === undefined) return base;
  const member =
    top === 'retentionRule' ? (RETENTION_FACT_LABELS as Record<string, string>)[sub] : (kindLabels[sub] ?? sub);
  return `${base}·${member ?? sub}`;
}

function settingValue(key: string, v: AuditValue): string {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return '（空）';
  if (Array.isArray(v)) return v.join('、');
  const unit = (SETTINGS_LABELS as Record<string, { unit?: string }>)[key]?.unit;
  return typeof v === 'number' && unit ? `${v}${unit}` : String(v);
}

/** 闲置自动锁定：10分钟 → 30分钟 */
export function settingChangeText(c: SettingChange, kindLabels: Readonly<Record<string, string>> = {}): string {
  return `${settingLabel(c.key, kindLabels)}：${settingValue(c.key, c.from)} → ${settingValue(c.key, c.to)}`;
}

// ── An entry's facts in words ─────────────────────────────────────────────────────────────

/** Names the entry's facts refer to by id, looked up by the caller (core) in the database. */
export interface AuditRefs {
  /** A record's number or name (visit → 来访编号, case → 案件编号, leader → name, …); null when gone. */
  name: (kind: 'visit' | 'case' | 'leader' | 'unit' | 'category' | 'locality' | 'account', id: number) => string | null;
  /** Document kinds' labels (shared/documents/kinds.ts), for 打印文书 and 文种代字. */
  kindLabels: Readonly<Record<string, string>>;
}

const HOSTS: Readonly<Record<string, string>> = { electron: '桌面程序', preview: '浏览器预览', cli: '命令行' };
const FIELDS: Readonly<Record<string, string>> = { idNumber: '身份证号', phone: '电话' };
const COPIES: Readonly<Record<string, string>> = { full: '完整件', masked: '脱敏件' };
const FORMATS: Readonly<Record<string, string>> = { xlsx: 'Excel', csv: 'CSV', pdf: 'PDF', json: 'JSON' };
const NOTIFIED: Readonly<Record<string, string>> = { leader: '领导', petitioner: '信访人' };
const DAY_LISTS: Readonly<Record<string, string>> = {
  unreceived: '未接待的来访',
  appointments: '约访',
  notices: '约访通知名单',
};
const REPORTS: Readonly<Record<string, string>> = { daily: '日报', weekly: '周报', monthly: '月报' };
const QUEUE_RESULTS: Readonly<Record<string, string>> = {
  ok: '完成',
  requeued: '重新排队',
  gone: '过号次数已满，视为离开',
};
const VERIFY_REJECTED: Readonly<Record<string, string>> = { hash: '二维码校验值不符' };
/** What a failed password was typed for (infra/password-gate.ts). */
const CHECKS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.unlock': '解锁',
  'auth.changePassword': '修改密码',
  'auth.recover': '用恢复码重设密码',
  'backup.restore': '恢复备份',
  'backup.restoreLatest': '恢复最近的备份',
  'restore.file': '从文件恢复',
  'keyring.rekeyDatabase': '更换数据库密钥',
};

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : Array.isArray(v) ? v.map(String).join('、') : String(v);

/**
 * What each fact of an entry is called, and how its value reads. Facts not listed here are
 * internal (schema version, ids already named by the record column) and are left out.
 */
type Fact = (v: unknown, e: { action: string; refs: AuditRefs; detail: Record<string, unknown> }) => string | null;

const ref =
  (kind: Parameters<AuditRefs['name']>[0], label: string): Fact =>
  (v, { refs }) =>
    typeof v === 'number' ? `${label}：${refs.name(kind, v) ?? `已删除的记录（${v}）`}` : null;
const labelled =
  (label: string, map?: Readonly<Record<string, string>>): Fact =>
  (v) =>
    v === null || v === undefined || v === '' ? null : `${label}：${map ? labelOr(map, text(v)) : text(v)}`;
const count =
  (label: string, unit: string): Fact =>
  (v) =>
    typeof v === 'number' ? `${label}${v}${unit}` : null;
const flag =
  (yes: string, no: string | null = null): Fact =>
  (v) =>
    v ? yes : no;

const FACTS: Readonly<Record<string, Fact>> = {
  role: labelled('角色', ROLE_LABELS),
  host: labelled('途径', HOSTS),
  username: labelled('用户名'),
  check: labelled('用于', CHECKS),
  visitId: ref('visit', '来访'),
  caseId: ref('case', '案件'),
  leaderId: ref('leader', '领导'),
  onlyLeaderId: ref('leader', '限本人案件'),
  unitId: ref('unit', '责任单位'),
  categoryId: ref('category', '类别'),
  localityId: ref('locality', '属地'),
  field: labelled('查看', FIELDS),
  reason: (v, { detail }) => {
    if (typeof v !== 'string' || !v) return null;
    // A correction's reason is the operator's own words; a reveal's is one of the listed kinds.
    if (!(v in REVEAL_REASON_LABELS)) return `理由：${v}`;
    const label = REVEAL_REASON_LABELS[v as RevealReasonKind];
    const words = typeof detail.reasonText === 'string' && detail.reasonText ? `：${detail.reasonText}` : '';
    return `理由：${label}${words}`;
  },
  kind: (v, { refs }) => (typeof v === 'string' ? `文书：${refs.kindLabels[v] ?? v}` : null),
  copy: labelled('印件', COPIES),
  changed: labelled('更正内容'),
  caseOpen: flag('已立案'),
  version: (v) => (typeof v === 'number' ? `第${v}版` : null),
  pages: count('共', '页'),
  code: labelled('编码'),
  draft: flag('草稿'),
  match: (v, { detail }) =>
    v === true ? '核验结果：一致' : detail.rejected ? null : v === false ? '核验结果：记录已更新' : null,
  rejected: labelled('核验未通过', VERIFY_REJECTED),
  headCount: count('来访', '人'),
  guided: flag('引导至法定途径'),
  finalMatter: flag('三级终结事项，不再受理'),
  newMatterReason: labelled('作为新事项的理由'),
  late: flag('逾期'),
  delayReason: labelled('逾期原因'),
  organ: labelled('转送机关'),
  disposition: labelled('处理方式', DISPOSITION),
  turns: count('对话', '段'),
  // A case move's from and to are states; an export's or a roster's are days.
  from: (v, e) => (e.action.startsWith('case.') ? labelled('原状态', CASE_STATUS_LABELS) : labelled('自'))(v, e),
  to: (v, e) => (e.action.startsWith('case.') ? labelled('新状态', CASE_STATUS_LABELS) : labelled('至'))(v, e),
  units: count('通知单位', '个'),
  minutes: count('限', '分钟内到场'),
  who: labelled('已通知', NOTIFIED),
  created: count('新生成', '个值班'),
  kept: count('保留', '个值班'),
  list: labelled('名单', DAY_LISTS),
  format: labelled('格式', FORMATS),
  rows: count('共', '行'),
  on: labelled('日期'),
  report: labelled('报表', REPORTS),
  statuses: (v) =>
    Array.isArray(v) && v.length ? `状态：${v.map((s) => labelOr(CASE_STATUS_LABELS, String(s))).join('、')}` : null,
  overdue: flag('仅超期'),
  searched: flag('含全文检索'),
  sort: (v) => {
    if (typeof v !== 'string') return null;
    const [column, order] = v.split(' ');
    return `按${(LEDGER_HEADERS as Record<string, string>)[column ?? ''] ?? column}${order === 'asc' ? '升序' : '降序'}`;
  },
  caseNo: labelled('案件'),
  acceptedFrom: labelled('受理日期自'),
  acceptedTo: labelled('至'),
  cases: count('', '件案件'),
  visits: count('', '次来访'),
  newPetitioners: count('新信访人', '名'),
  // The test clock's instant is stored as UTC; officials read it as Beijing time.
  instant: (v) => (typeof v === 'string' && v ? `时间：${chinaMinute(v)}（北京时间）` : null),
  running: (v) => (v === undefined ? null : v ? '时钟走动' : '时钟停止'),
  reencrypted: count('重新加密', '份'),
  failed: (v) => (Array.isArray(v) && v.length ? `未能加密：${v.join('、')}` : null),
  keptAside: labelled('原数据另存为'),
  offLineage: (v) => (Array.isArray(v) && v.length ? `不在同一谱系的备份：${v.join('、')}` : null),
  finishedAfterCrash: flag('意外中断后完成'),
  result: labelled('结果', QUEUE_RESULTS),
  target: labelled('打印机', { ticket: '排队号打印机', a4: 'A4 文书打印机' }),
  ok: (v) => (v === true ? '成功' : v === false ? '失败' : null),
  actorId: ref('account', '操作人'),
  filterAction: (v) => (typeof v === 'string' ? `操作：${auditActionLabel(v)}` : null),
  record: labelled('记录'),
  dropped: count('移除', '个无效账号密钥'),
  decision: labelled('决定', ACCEPT_DECISION_LABELS),
};

/**
 * Facts kept for the record but not worth a word on screen: ids the record column already names,
 * the reveal's words (said with its reason), the failed login's own time, a schema version.
 */
export const AUDIT_QUIET_FACTS = new Set([
  'recordId',
  'reasonText',
  'at',
  'schemaVersion',
  'full',
  'responsibilityId',
  'reportId',
]);

/** Every fact the log can say in words, for the test that reads the code's audit calls. */
export const AUDIT_SAID_FACTS = (): string[] => Object.keys(FACTS);

/**
 * An entry's detail as one line of Chinese: 设置 as 旧值 → 新值, every other fact by its label.
 * The detail is the JSON the chain keeps (audit-chain.ts); unparsable text is shown as it is.
 */
export function auditDetailText(action: string, detailJson: string, refs: AuditRefs): string {
  let detail: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(detailJson);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return detailJson;
    detail = parsed as Record<string, unknown>;
  } catch {
    return detailJson;
  }
  if (action === 'settings.update') {
    const changes = Array.isArray(detail.changes) ? (detail.changes as SettingChange[]) : null;
    // Entries written before the change list was kept name only the keys sent.
    if (!changes)
      return Array.isArray(detail.keys)
        ? `提交的设置项：${(detail.keys as string[]).map((k) => settingLabel(k, refs.kindLabels)).join('、')}`
        : '';
    return changes.length ? changes.map((c) => settingChangeText(c, refs.kindLabels)).join('；') : '没有改动';
  }
  const parts: string[] = [];
  for (const [key, v] of Object.entries(detail)) {
    const fact = FACTS[key];
    if (!fact) continue;
    const said = fact(v, { action, refs, detail });
    if (said) parts.push(said);
  }
  return parts.join('；');
}
