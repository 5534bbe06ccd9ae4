import { z } from 'zod';
import { isIsoDate } from './calendar';
import { OUTCOME, SATISFACTION, SEX } from './labels';

/**
 * The template for the hall's records kept before the app (the old spreadsheets): one row per
 * visit; a row with a 案件编号 also opens (or, for a later row with the same number, joins) a
 * case. Each row is checked twice: by `historyRow` below at the boundary (present, short enough,
 * dates and words from the lists), then by the domain rules in the core (ID numbers, phones,
 * names that must exist, dates in order).
 */
export const HISTORY_SHEET = '历史来访与案件';

/** Case columns: a later row of the same case leaves them empty or repeats the first row's values. */
export const HISTORY_CASE_COLUMNS = [
  '事项标题',
  '受理日期',
  '包案领导',
  '办理期限',
  '责任单位',
  '办结日期',
  '办理结果',
  '办结情况',
  '满意度',
] as const;

export const HISTORY_COLUMNS = [
  '登记日期',
  '信访人',
  '性别',
  '身份证号',
  '联系电话',
  '住址',
  '来访人数',
  '问题属地',
  '问题类别',
  '诉求',
  '接访领导',
  '案件编号',
  ...HISTORY_CASE_COLUMNS,
] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** What each column takes, as the template's second sheet and docs/exports.md show it. */
export const HISTORY_HELP: Record<HistoryColumn, string> = {
  登记日期: '必填。来访日期，YYYY-MM-DD，不晚于今天',
  信访人: '必填。姓名（集体访填代表之一）',
  性别: '男、女或不填（有身份证号时按证号）',
  身份证号: '可不填；填写须是有效的18位或旧式15位号码',
  联系电话: '可不填；11位手机号或带区号的固定电话',
  住址: '可不填',
  来访人数: '可不填（按1人）；1至999',
  问题属地: '可不填；须是系统中已有的属地名称',
  问题类别: '可不填；须是系统中已有的问题类别名称',
  诉求: '必填',
  接访领导: '可不填；须是系统中已有的接访领导姓名',
  案件编号: '已立案的填写（如 XF20240012）；不填则只导入来访。多行同一编号为同一案件的多次来访，案件各列以第一行为准',
  事项标题: '可不填（取诉求前30个字）',
  受理日期: '有案件编号时必填；不早于登记日期',
  包案领导: '可不填；须是系统中已有的接访领导姓名',
  办理期限: '有案件编号时必填；不早于受理日期',
  责任单位: '可不填；须是系统中已有的单位，多个用“、”分隔，第一个为牵头单位',
  办结日期: '已办结的填写；不早于受理日期，不晚于今天',
  办理结果: '有办结日期时必填：支持、解释或不支持',
  办结情况: '可不填',
  满意度: '可不填（按未表态）：满意、基本满意、不满意、未表态',
};

/** Most data rows one file may hold. */
export const HISTORY_MAX_ROWS = 20_000;

const byLabel = <K extends string>(map: Record<K, string>) =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, K>;
export const SEX_BY_LABEL = byLabel(SEX);
export const OUTCOME_BY_LABEL = byLabel(OUTCOME);
export const SATISFACTION_BY_LABEL = byLabel(SATISFACTION);

const optional = (max: number) => z.string().max(max, `不能超过${max}个字`);
const required = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过${max}个字`);
const date = z.string().refine((v) => v === '' || isIsoDate(v), '应为“年-月-日”格式的日期，如 2026-10-09');
const oneOf = (labels: string[]) =>
  z.string().refine((v) => v === '' || labels.includes(v), `应填 ${labels.join('、')} 之一`);

/** The boundary check: every cell is text (empty when blank); the messages name what is wrong. */
export const needed = (when: string) => `${when}时必填`;
export const historyRow = z
  .object({
    登记日期: date.refine((v) => v !== '', '不能为空'),
    信访人: required(40),
    性别: oneOf(['男', '女', '不详']),
    身份证号: optional(20),
    联系电话: optional(20),
    住址: optional(200),
    来访人数: z.string().refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1), '应为1至999的整数'),
    问题属地: optional(60),
    问题类别: optional(60),
    诉求: required(4000),
    接访领导: optional(40),
    案件编号: z
      .string()
      .max(30, '不能超过30个字')
      .regex(/^[\p{L}\p{N}_\-()（）〔〕]*$/u, '只能包含字母、数字、汉字和 - ( ) 〔 〕'),
    事项标题: optional(200),
    受理日期: date,
    包案领导: optional(40),
    办理期限: date,
    责任单位: optional(400),
    办结日期: date,
    办理结果: oneOf(Object.keys(OUTCOME_BY_LABEL)),
    办结情况: optional(4000),
    满意度: oneOf(Object.keys(SATISFACTION_BY_LABEL)),
  })
  .strict()
  .superRefine((r, ctx) => {
    const need = (column: HistoryColumn, when: string) =>
      ctx.addIssue({ code: 'custom', path: [column], message: needed(when) });
    // 受理日期 and 办理期限 are required on the first row of a case only: the core knows which row that is.
    if (!r.案件编号) {
      for (const c of HISTORY_CASE_COLUMNS)
        if (r[c]) ctx.addIssue({ code: 'custom', path: [c], message: '没有案件编号的行不能填写案件各列' });
    }
    if (r.办结日期 && !r.办理结果) need('办理结果', '有办结日期');
    if (r.案件编号 && !r.办结日期)
      for (const c of ['办理结果', '办结情况', '满意度'] as const)
        if (r[c]) ctx.addIssue({ code: 'custom', path: [c], message: '没有办结日期的案件不填此列' });
  });
export type HistoryRow = z.infer<typeof historyRow>;

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}
