/**
 * A small JSON Schema (draft 2020-12) validator for the keywords our checked-in schemas use:
 * type, const, enum, pattern, minimum, maximum, properties, required, additionalProperties,
 * items, anyOf. It refuses a keyword it does not know, so a schema that grows past it fails
 * loudly instead of passing by accident.
 */
type Schema = Record<string, unknown>;
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples']);
const KNOWN = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  ...ANNOTATIONS,
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`json-schema helper: unsupported keyword ${k} at ${at}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const t = typeOf(value);
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer')))
      return [`${at}: expected ${types.join('|')}, got ${t}`];
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    errors.push(`${at}: does not match ${schema.pattern}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validate(props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...validate(schema.additionalProperties as Schema, v, `${at}.${k}`));
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => errors.push(...validate(schema.items as Schema, v, `${at}[${i}]`)));
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => validate(s, value, at).length === 0))
    errors.push(`${at}: matches none of anyOf`);
  return errors;
}
