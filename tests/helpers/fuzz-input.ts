import { z } from 'zod';

/**
 * Inputs for the contract-wide fuzz test (tests/security/fuzz.test.ts), derived from a method's
 * zod input schema: a valid input to start from, then that input spoiled one field at a time
 * (wrong type, missing, lone surrogate, huge, out of range, dangling id, empty or huge list) and
 * a few seeded combinations. Walks zod's own classes, so refinements are honoured: a candidate
 * value is kept only if the field's schema accepts it. A schema kind it does not know throws,
 * so a new method the fuzzer cannot reach fails the test instead of being skipped silently.
 */

export type Path = readonly (string | number)[];

/** Where the values of the fields come from, beside the generic candidates. */
export interface Source {
  /**
   * An existing row for an id-like field, given the object it sits in: the `index`-th of a list,
   * for the `variant`-th valid input (each move of cases.move may name another case). Throws
   * for a field whose table it does not know.
   */
  id(method: string, key: string, parent: Record<string, unknown>, index: number, variant: number): number;
  /** Values to try first for a field of this name. */
  hints(key: string): readonly unknown[];
}

/** One field of an input: its path, its schema without the wrappers, and a valid value for it. */
export interface Slot {
  path: Path;
  key: string;
  schema: z.ZodType;
  idLike: boolean;
  valid: unknown;
}

export interface FuzzCase {
  label: string;
  input: unknown;
}

/** `id`, `…Id`, `…Ids`: a field that names rows. */
export const isIdKey = (key: string): boolean => key === 'id' || /[a-z](Id|Ids)$/.test(key);

export const DANGLING_ID = 999_999;
export const HUGE_STRING = 'a'.repeat(2 ** 20);
const HUGE_ARRAY = 50_000;
const LONE_SURROGATE = 'x\ud800';

/** The schema under optional / nullable / default / readonly wrappers, and what the wrappers allow. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean; nullable: boolean } {
  let core = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    if (core instanceof z.ZodOptional || core instanceof z.ZodDefault || core instanceof z.ZodPrefault) {
      optional = true;
      core = core.unwrap() as z.ZodType;
    } else if (core instanceof z.ZodNullable) {
      nullable = true;
      core = core.unwrap() as z.ZodType;
    } else if (core instanceof z.ZodReadonly) core = core.unwrap() as z.ZodType;
    else if (core instanceof z.ZodPipe) {
      // A transform's input is what a caller sends; a preprocess (transform first) takes its output's.
      core = (core.in instanceof z.ZodTransform ? core.out : core.in) as z.ZodType;
    } else return { core, optional, nullable };
  }
}

/** Strings a field might accept, tried in order after the hints; the fixed day keeps them deterministic. */
function genericStrings(day: string): string[] {
  return [
    '测试内容',
    day,
    `${day}T09:30`,
    '09:30',
    day.slice(0, 7),
    PNG_1PX,
    JPEG_TINY,
    `hall-${day}-manual.db`,
    'Fuzz pass 2468 ok',
    '',
    'A',
    'ABCD1234',
  ];
}

/** A 1×1 PNG in base64: for the signature and attachment fields. */
export const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The start and end of a JPEG in base64 (SOI FF D8 FF E0, EOI): for the 材料 page fields. */
export const JPEG_TINY = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]).toString('base64');

type Fill = 'minimal' | 'optional' | 'all';

class Generator {
  constructor(
    private readonly method: string,
    private readonly source: Source,
    private readonly day: string,
    private readonly variant = 0,
  ) {}

  /** A value for `schema` at `path`, or `undefined` to leave an optional field out. */
  value(schema: z.ZodType, key: string, parent: Record<string, unknown>, path: Path, fill: Fill, index = 0): unknown {
    const { core, optional, nullable } = unwrap(schema);
    if (optional && fill === 'minimal' && path.length > 0) return undefined;
    if (nullable && fill !== 'all') return null;
    return this.core(core, key, parent, path, fill, index);
  }

  core(core: z.ZodType, key: string, parent: Record<string, unknown>, path: Path, fill: Fill, index = 0): unknown {
    if (core instanceof z.ZodObject) {
      const out: Record<string, unknown> = {};
      // Id fields last: which table an id names can depend on a sibling (a document's kind, an owner's type).
      const keys = Object.keys(core.shape).sort((a, b) => Number(isIdKey(a)) - Number(isIdKey(b)));
      for (const k of keys) {
        const v = this.value(core.shape[k] as z.ZodType, k, out, [...path, k], fill);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if (core instanceof z.ZodArray) {
      for (let n = 1; n <= 3; n++) {
        const items = Array.from({ length: n }, (_, i) =>
          this.value(core.element as z.ZodType, key, parent, [...path, i], fill, i),
        );
        if (core.safeParse(items).success) return items;
      }
      throw new Error(`fuzz: no valid list for ${this.method} ${path.join('.')}`);
    }
    if (core instanceof z.ZodUnion) return this.core(core.options[0] as z.ZodType, key, parent, path, fill, index);
    if (core instanceof z.ZodNull) return null;
    return this.leaf(core, key, parent, path, index);
  }

  leaf(core: z.ZodType, key: string, parent: Record<string, unknown>, path: Path, index: number): unknown {
    let candidates: readonly unknown[];
    if (core instanceof z.ZodNumber && isIdKey(key))
      candidates = [this.source.id(this.method, key, parent, index, this.variant)];
    else if (core instanceof z.ZodNumber) candidates = [1, core.minValue, core.maxValue, 0].filter(Number.isFinite);
    else if (core instanceof z.ZodString) candidates = genericStrings(this.day);
    else if (core instanceof z.ZodBoolean) candidates = [false, true];
    else if (core instanceof z.ZodEnum) candidates = core.options;
    else if (core instanceof z.ZodLiteral) candidates = [...core.values];
    else throw new Error(`fuzz: no generator for a ${core.def.type} at ${this.method} ${path.join('.')}`);
    const found = [...this.source.hints(key), ...candidates].find((c) => core.safeParse(c).success);
    if (found === undefined) throw new Error(`fuzz: no valid value for ${this.method} ${path.join('.')}`);
    return found;
  }
}

/** The options of a top-level union (each move of cases.move, each action of queue.act), or the schema itself. */
function variants(schema: z.ZodType): z.ZodType[] {
  const { core } = unwrap(schema);
  return core instanceof z.ZodUnion ? (core.options as z.ZodType[]) : [schema];
}

/**
 * Valid inputs for a method, one per variant of its input: optional fields left out and
 * nullable ones null where the schema allows it, else filled. Throws when none parses.
 */
export function validInputs(method: string, schema: z.ZodType, source: Source, day: string): unknown[] {
  return variants(schema).map((variant, i) => {
    const gen = new Generator(method, source, day, i);
    // Start from the fewest fields; a refinement that wants one of the optional fields (a case
    // or a date range) names it in its issue's path, and it is taken from the fullest input.
    const full = gen.value(variant, '', {}, [], 'all');
    let input = gen.value(variant, '', {}, [], 'minimal');
    for (let round = 0; round < 5; round++) {
      const parsed = schema.safeParse(input);
      if (parsed.success) return input;
      // One at a time: the first missing field may satisfy the refinements that name the others.
      const missing = parsed.error.issues.find((issue) => issue.path.length > 0 && at(input, issue.path) === undefined);
      if (!missing) break;
      input = withValue(input, missing.path as Path, at(full, missing.path), []);
    }
    for (const fill of ['optional', 'all'] as const) {
      const filled = gen.value(variant, '', {}, [], fill);
      if (schema.safeParse(filled).success) return filled;
    }
    throw new Error(`fuzz: cannot make a valid input for ${method} (variant ${i})`);
  });
}

/** The value at `path` in `value`, or undefined. */
function at(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    value,
  );
}

/** Every field of `schema` along `base` (and the fields `base` leaves out), with a valid value for each. */
export function slotsOf(
  method: string,
  schema: z.ZodType,
  base: unknown,
  source: Source,
  day: string,
  variant = 0,
): Slot[] {
  const gen = new Generator(method, source, day, variant);
  const slots: Slot[] = [];
  const walk = (s: z.ZodType, value: unknown, key: string, parent: Record<string, unknown>, path: Path) => {
    const { core } = unwrap(s);
    let target = core;
    if (core instanceof z.ZodUnion) {
      const options = core.options as z.ZodType[];
      target = options.find((o) => o.safeParse(value).success) ?? options[0]!;
    }
    const valid = value ?? gen.core(target, key, parent, path, 'minimal');
    if (path.length > 0) slots.push({ path, key, schema: target, idLike: isIdKey(key), valid });
    if (target instanceof z.ZodObject) {
      const obj = valid as Record<string, unknown>;
      for (const [k, child] of Object.entries(target.shape)) walk(child as z.ZodType, obj[k], k, obj, [...path, k]);
    } else if (target instanceof z.ZodArray) {
      walk(target.element as z.ZodType, (valid as unknown[])[0], key, parent, [...path, 0]);
    }
  };
  walk(schema, base, '', {}, []);
  return slots;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Sets (or with `undefined`, removes) the value at `path` in a copy of `base`, filling absent parents from the slots. */
function withValue(base: unknown, path: Path, value: unknown, slots: readonly Slot[]): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i]!;
    if (node[step] === null || typeof node[step] !== 'object') {
      const parentPath = path.slice(0, i + 1).join('.');
      node[step] = structuredClone(slots.find((s) => s.path.join('.') === parentPath)?.valid ?? {});
    }
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

/** The spoiled values for one field, each with a short label. */
function badValues(slot: Slot, base: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  const current = at(base, slot.path);
  if (current === undefined || current === null) out.push(['valid', slot.valid]);
  else if (typeof slot.path[slot.path.length - 1] === 'string') out.push(['missing', undefined]);
  const kind = kindOf(slot.valid);
  for (const wrong of [null, true, 0, 'x', [], {}] as unknown[])
    if (kindOf(wrong) !== kind) out.push([`type ${kindOf(wrong)}`, wrong]);
  const s = slot.schema;
  if (s instanceof z.ZodString) {
    out.push(['lone surrogate', LONE_SURROGATE], ['1 MiB', HUGE_STRING], ['empty', ''], ['blank', '   ']);
    out.push(['nul', 'a\u0000b'], ['surrogate pair', '𠮷'.repeat(3)]);
  }
  if (s instanceof z.ZodNumber) {
    const numbers: [string, number][] = [
      ['-1', -1],
      ['0', 0],
      ['1.5', 1.5],
      ['2**53', 2 ** 53],
      ['-2**53', -(2 ** 53)],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['1e308', 1e308],
    ];
    out.push(...numbers);
    if (slot.idLike) out.push(['dangling', DANGLING_ID], ['max safe', Number.MAX_SAFE_INTEGER]);
  }
  if (s instanceof z.ZodEnum) {
    out.push(...(s.options as unknown[]).map((o): [string, unknown] => [`= ${String(o)}`, o]));
    out.push(['not an option', 'nope']);
  }
  if (s instanceof z.ZodBoolean) out.push(['flipped', !slot.valid]);
  if (s instanceof z.ZodObject) out.push(['empty object', {}]);
  if (s instanceof z.ZodArray) {
    const first = (slot.valid as unknown[])[0];
    out.push(['empty list', []], ['huge list', Array.from({ length: HUGE_ARRAY }, () => first)]);
    if (slot.idLike) {
      out.push(['dangling list', [DANGLING_ID]], ['valid and dangling', [first, DANGLING_ID]]);
      out.push(['duplicates', [first, first]]);
    }
  }
  return out;
}

/** A small seeded PRNG (mulberry32), the same sequence for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a text (FNV-1a): each method draws the same combinations whatever ran before it. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}

const COMBINATIONS = 6;

/** The order of the spoils of an input: see `fuzzCases`. */
function rank(what: string): number {
  if (/dangling|max safe/.test(what)) return 0;
  if (/huge|1 MiB/.test(what)) return 1;
  if (/^(valid|= |surrogate pair|flipped|duplicates|empty|blank)/.test(what)) return 3;
  return 2;
}

/**
 * The input with each text field still at its valid value given a numbered suffix, where the
 * field accepts it: a name an earlier case's write has taken (a unit, an account) then does not
 * stop every later case at the uniqueness check, before the field it spoils is looked at.
 */
function renamed(
  input: unknown,
  base: unknown,
  slots: readonly Slot[],
  spoiled: ReadonlySet<string>,
  n: number,
): unknown {
  let out = input;
  for (const slot of slots) {
    if (!(slot.schema instanceof z.ZodString) || spoiled.has(slot.path.join('.'))) continue;
    const current = at(out, slot.path);
    if (typeof current !== 'string' || current === '' || current !== at(base, slot.path)) continue;
    const unique = `${current}${n}`;
    if (slot.schema.safeParse(unique).success) out = withValue(out, slot.path, unique, slots);
  }
  return out;
}

/**
 * The fuzz cases of one method: the whole input spoiled (not an object, an extra or badly named
 * field, deep nesting), each field of each valid input spoiled in turn, a few seeded
 * combinations of two or three spoiled fields, and the valid inputs themselves, last. `first`
 * numbers the cases' names (see `renamed`): another caller of the same method starts elsewhere.
 */
export function fuzzCases(method: string, schema: z.ZodType, source: Source, day: string, first = 0): FuzzCase[] {
  const bases = validInputs(method, schema, source, day);
  const random = seeded(seedOf(method));
  // Deeper than a recursive walk of the input can go (it overflowed the stack at about 2,000).
  let deep: unknown = 'bottom';
  for (let i = 0; i < 20_000; i++) deep = { deeper: deep };
  const cases: FuzzCase[] = [
    { label: 'no input', input: undefined },
    { label: 'null', input: null },
    { label: 'a string', input: 'x' },
    { label: 'a number', input: 42 },
    { label: 'a list', input: [bases[0]] },
    { label: 'deep nesting', input: { ...(bases[0] as Record<string, unknown>), extra: deep } },
  ];
  let n = first;
  bases.forEach((base, b) => {
    const tag = bases.length > 1 ? `#${b} ` : '';
    const whole = base as Record<string, unknown>;
    cases.push({ label: `${tag}extra field`, input: { ...whole, extra: 1 } });
    cases.push({ label: `${tag}lone surrogate in a key`, input: { ...whole, [`k${LONE_SURROGATE}`]: 1 } });
    const proto = JSON.parse('{"__proto__":{"role":"admin"},"constructor":1}') as Record<string, unknown>;
    cases.push({ label: `${tag}prototype keys`, input: { ...proto, ...whole } });
    const slots = slotsOf(method, schema, base, source, day, b);
    // Dangling ids and huge values first, the spoils that may well pass last: a call that
    // succeeds moves its record on (a case assigned), and the next case meets a rule first.
    const spoils = slots
      .flatMap((slot) => badValues(slot, base).map(([what, v]) => ({ slot, what, v })))
      .sort((a, b) => rank(a.what) - rank(b.what));
    const spoilt = (picked: typeof spoils, label: string) => {
      let input = base;
      for (const { slot, v } of picked) input = withValue(input, slot.path, v, slots);
      const paths = new Set(picked.map(({ slot }) => slot.path.join('.')));
      cases.push({ label, input: renamed(input, base, slots, paths, ++n) });
    };
    for (const spoil of spoils) spoilt([spoil], `${tag}${spoil.slot.path.join('.')}: ${spoil.what}`);
    for (let c = 0; c < COMBINATIONS && spoils.length > 1; c++) {
      const picked = Array.from(
        { length: 2 + Math.floor(random() * 2) },
        () => spoils[Math.floor(random() * spoils.length)]!,
      );
      spoilt(picked, `${tag}combined ${picked.map(({ slot, what }) => `${slot.path.join('.')}: ${what}`).join(' + ')}`);
    }
    spoilt([], `valid ${tag}`.trim());
  });
  return cases;
}
