// Chinese everywhere, at the field (issue 16, item 7): every input of every contract method,
// spoiled one field at a time (tests/helpers/fuzz-input.ts), is refused with messages that are
// Chinese, name their field and carry no Latin letter: no "expected number", no "数值过小：期望
// number >=1". The router's own answers are fuzzed on a real office in tests/security/fuzz.test.ts.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldIssues } from '../../electron/core/infra/router';
import { contract, FIELD_LABELS, METHOD_NAMES, namesField, PATH_LABELS } from '../../shared/contract';
import { settingsPatchSchema } from '../../shared/domain/settings';
import { interviewSaveInput } from '../../shared/domain/interview';
import { fuzzCases, PNG_1PX, type Source } from '../helpers/fuzz-input';

const DAY = '2026-11-23';

/** Values a field needs to pass its own rules, where the generic candidates would not. */
const HINTS: Record<string, unknown[]> = {
  idNumber: [''],
  // A township's division code (the regex takes 6, 9 or 12 digits).
  code: ['330424100'],
  phone: [''],
  year: [2026],
  dryRun: [true],
  username: ['fuzz-name'],
  active: [true],
  docNumberPattern: ['发〔{year}〕{seq}号'],
  archiveNoPattern: ['{全宗号}-{year}-{保管期限代码}-{seq}'],
  fondsNo: ['X012'],
  base64: [PNG_1PX],
  mime: ['image/png'],
  startTime: ['08:30'],
  endTime: ['17:30'],
  at: [`2026-11-30T09:30`],
};
const source: Source = { id: (_m, _k, _p, index) => 1 + index, hints: (key) => HINTS[key] ?? [] };

/**
 * Latin letters in a message, leaving out what the user reads in Latin letters on the paper or
 * the card in front of them: the placeholders a pattern setting is written with ({seq}, {year}),
 * file formats (PDF, PNG, JPG), the A4 sheet and the X an ID number may end with.
 */
const ALLOWED_LATIN = new Set(['PDF', 'PNG', 'JPG', 'A', 'X']);
const latinIn = (message: string) =>
  (message.replace(/\{[a-z]+\}/g, '').match(/[A-Za-z]+/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
const HAN = /\p{Script=Han}/u;

/** Every object key of a schema, with its path (without list indices). */
function keysOf(schema: z.ZodType, path: string[] = [], out = new Map<string, string[]>(), depth = 0) {
  if (depth > 12) return out;
  const s = schema as z.ZodType & { unwrap?: () => z.ZodType };
  if (
    s instanceof z.ZodOptional ||
    s instanceof z.ZodDefault ||
    s instanceof z.ZodPrefault ||
    s instanceof z.ZodNullable ||
    s instanceof z.ZodReadonly
  )
    return keysOf(s.unwrap!(), path, out, depth + 1);
  if (s instanceof z.ZodPipe) {
    keysOf(s.in as z.ZodType, path, out, depth + 1);
    keysOf(s.out as z.ZodType, path, out, depth + 1);
  } else if (s instanceof z.ZodObject)
    for (const [k, child] of Object.entries(s.shape)) {
      out.set([...path, k].join('.'), [...path, k]);
      keysOf(child as z.ZodType, [...path, k], out, depth + 1);
    }
  else if (s instanceof z.ZodArray) keysOf(s.element as z.ZodType, path, out, depth + 1);
  else if (s instanceof z.ZodUnion) for (const o of s.options as z.ZodType[]) keysOf(o, path, out, depth + 1);
  else if (s instanceof z.ZodRecord) keysOf(s.valueType as z.ZodType, path, out, depth + 1);
  return out;
}

describe('the Chinese error map', () => {
  it('knows a Chinese name for every field of every method', () => {
    const unnamed: string[] = [];
    for (const method of METHOD_NAMES)
      for (const [dotted, path] of keysOf(contract[method].input)) {
        const label = PATH_LABELS[path.slice(-2).join('.')] ?? FIELD_LABELS[path.at(-1)!];
        if (!label || !HAN.test(label)) unnamed.push(`${method} ${dotted}`);
      }
    expect(unnamed, 'add these to shared/contract/field-labels.ts').toEqual([]);
  });

  it('answers every spoiled input of every method in Chinese, naming the field, without a Latin letter', () => {
    const problems: string[] = [];
    let refused = 0;
    for (const method of METHOD_NAMES) {
      const schema = contract[method].input;
      for (const { label, input } of fuzzCases(method, schema, source, DAY)) {
        const parsed = schema.safeParse(input ?? {});
        if (parsed.success) continue;
        refused++;
        for (const issue of fieldIssues(parsed.error)) {
          const where = `${method} [${label}] ${issue.path}: ${issue.message}`;
          if (!HAN.test(issue.message)) problems.push(`not Chinese: ${where}`);
          if (latinIn(issue.message).length > 0) problems.push(`Latin letters: ${where}`);
          const path = issue.path === '' ? [] : issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
          if (path.length > 0 && !namesField(path, issue.message)) problems.push(`field not named: ${where}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(METHOD_NAMES.length * 10);
  });

  it('says what is wrong with a number setting in words, with the field', () => {
    const messages = (input: unknown) => {
      const r = settingsPatchSchema.safeParse(input);
      return r.success ? [] : fieldIssues(r.error).map((f) => f.message);
    };
    expect(messages({ extensionMaxDays: 0 })).toEqual(['延期最长天数不能小于1']);
    expect(messages({ extensionMaxDays: 91 })).toEqual(['延期最长天数不能大于90']);
    expect(messages({ extensionMaxDays: 'x' })).toEqual(['延期最长天数应为数字']);
    expect(messages({ extensionMaxDays: 1.5 })).toEqual(['延期最长天数应为整数']);
    expect(messages({ backupKeep: NaN })).toEqual(['每日备份保留天数应填写数字']);
  });

  it('names the list item a message is about, and keeps a schema’s own message with its field', () => {
    const r = interviewSaveInput.safeParse({
      interviewId: 1,
      version: 1,
      place: '接待室',
      participants: [],
      turns: [{ speaker: 'nobody', text: 'x'.repeat(4001) }],
      opinion: '',
      disposition: null,
      petitionerResponse: '',
    });
    expect(r.success).toBe(false);
    expect(fieldIssues(r.error!)).toEqual([
      { path: 'turns.0.speaker', message: '说话人（第1项）不是可选的值' },
      { path: 'turns.0.text', message: '谈话内容（第1项）：最多4000字' },
    ]);
  });
});
