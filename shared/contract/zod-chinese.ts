import { z } from 'zod';
import { fieldLabel, namedMessage } from './field-labels';

/**
 * The one error map of the app: every zod message without a message of its own is Chinese and
 * names its field ("延期最长天数不能小于1", not zod's "数值过小：期望 number >=1" or "expected
 * number"). Installed when the contract is imported, so the router, the core's own checks and
 * the renderer's forms all use it. tests/unit/error-map.test.ts walks every method's input with
 * spoiled values and fails on a message with a Latin letter in it.
 */
const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '“是”或“否”',
  array: '列表',
  object: '一组内容',
  record: '一组内容',
  date: '日期',
  null: '空值',
};

function sizeUnit(origin: unknown): string {
  if (origin === 'string') return '个字';
  if (origin === 'array' || origin === 'set') return '项';
  if (origin === 'file') return '字节';
  return '';
}

export function chineseIssue(issue: z.core.$ZodRawIssue): string {
  const label = fieldLabel(issue.path ?? []);
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return `请填写${label}`;
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `${label}应填写数字`;
      if (issue.expected === 'int') return `${label}应为整数`;
      return `${label}应为${TYPE_WORDS[issue.expected] ?? '正确的格式'}`;
    case 'too_small': {
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return issue.inclusive ? `${label}不能小于${String(issue.minimum)}` : `${label}应大于${String(issue.minimum)}`;
      if (issue.origin === 'date') return `${label}不能早于${String(issue.minimum)}`;
      if (Number(issue.minimum) === 1) return issue.origin === 'array' ? `请至少选择一项${label}` : `请填写${label}`;
      return `${label}至少${String(issue.minimum)}${sizeUnit(issue.origin)}`;
    }
    case 'too_big': {
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return issue.inclusive ? `${label}不能大于${String(issue.maximum)}` : `${label}应小于${String(issue.maximum)}`;
      if (issue.origin === 'date') return `${label}不能晚于${String(issue.maximum)}`;
      return `${label}最多${String(issue.maximum)}${sizeUnit(issue.origin)}`;
    }
    case 'invalid_format':
      return `${label}的格式不正确`;
    case 'not_multiple_of':
      return `${label}应为${String(issue.divisor)}的整数倍`;
    case 'unrecognized_keys':
      return `${label}含有不认识的项目`;
    case 'invalid_key':
    case 'invalid_element':
      return `${label}中有不正确的项`;
    case 'invalid_value':
      return missing ? `请选择${label}` : `${label}不是可选的值`;
    case 'invalid_union':
      return missing ? `请填写${label}` : `${label}不正确`;
    default:
      return `${label}不正确`;
  }
}

z.config({ customError: chineseIssue, localeError: chineseIssue });

/**
 * A form's check of one field against a schema, in the words the contract would answer with:
 * null when the value passes, else the message naming the field by `label`. The renderer's
 * forms check ranges with it instead of clamping (an InputNumber's min/max turned 45 into 30).
 */
export function checkField(label: string, schema: z.ZodType, value: unknown): string | null {
  const parsed = z.object({ [label]: schema }).safeParse({ [label]: value ?? undefined });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return namedMessage(issue.path, issue.message);
}

/** A whole number from `min` to `max`: a count of days, people or minutes typed into a form. */
export const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
