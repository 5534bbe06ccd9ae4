import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  contract,
  CONTRACT_AREAS,
  DISPLAY_METHODS,
  ERROR_CODES,
  type MethodSpec,
  ERROR_MESSAGES,
  EVENT_NAMES,
  METHOD_NAME,
  METHOD_NAMES,
  typedClient,
} from '../../shared/contract';
import { describeApi } from '../../electron/preview/server';

const CJK = /[\u4e00-\u9fff]/;

describe('the contract', () => {
  it('names every method area.verb', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    for (const name of METHOD_NAMES) expect(name).toMatch(METHOD_NAME);
  });

  it('names every event area.noun', () => {
    for (const name of EVENT_NAMES) expect(name).toMatch(METHOD_NAME);
  });

  it('declares for every method the scope of the data it reaches; everything-at-once is the administrator’s alone', () => {
    for (const name of METHOD_NAMES) {
      const spec: MethodSpec = contract[name];
      expect(spec.scope, name).toBeDefined();
      if (spec.scope === 'everything' && name !== 'backup.restoreLatest') expect(spec.access, name).toEqual(['admin']);
      // A target names an input field that exists in the input schema.
      if (Array.isArray(spec.scope)) {
        const schema = z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' });
        // A union (queue.act, cases.move) names the field in each alternative.
        const objects = [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].filter((o) => typeof o === 'object');
        const props = Object.fromEntries(objects.flatMap((o) => Object.entries(o.properties ?? {})));
        for (const target of spec.scope) {
          const named = Object.values(target).flat() as string[];
          for (const field of named) expect(Object.keys(props), `${name} ${field}`).toContain(field);
          // The record itself is named by an id: a whole number (the kind or owner type beside it is a word).
          const idField = named[named.length - 1]!;
          expect((props[idField] as { type?: string } | undefined)?.type, `${name} ${idField}`).toBe('integer');
        }
      }
    }
  });

  it('gives the wall screen exactly the display area: public methods that reach no petitioner’s data', () => {
    expect([...DISPLAY_METHODS].sort()).toEqual(Object.keys(CONTRACT_AREAS.display).sort());
    for (const name of DISPLAY_METHODS) expect(contract[name]).toMatchObject({ access: 'public', scope: 'none' });
  });

  it('gives every error code a Chinese message a user can read', () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(CJK);
  });

  it('describes every method with a Chinese summary and JSON Schemas', () => {
    const api = describeApi();
    expect(api.methods.map((m) => m.name)).toEqual(METHOD_NAMES);
    for (const m of api.methods) {
      expect(m.summary).toMatch(CJK);
      // An object schema has a type; a union of objects (queue.act) has its alternatives.
      for (const schema of [m.input, m.output])
        expect(
          Object.keys(schema).some((k) => k === 'type' || k === 'oneOf' || k === 'anyOf'),
          m.name,
        ).toBe(true);
    }
    expect(contract['system.info'].input.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe('the typed client', () => {
  it('refuses a value that does not match the output schema instead of trusting it', async () => {
    const client = typedClient({ call: async () => ({ ok: true, value: { appName: 1 } }), on: () => () => {} });
    const result = await client.call('system.info', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) });
  });

  it('drops pushed events whose payload does not match', () => {
    let push: (p: unknown) => void = () => {};
    const client = typedClient({
      call: async () => ({ ok: true, value: null }),
      on: (_e, l) => ((push = l), () => {}),
    });
    const seen: unknown[] = [];
    client.on('system.stateChanged', (p) => seen.push(p));
    push({ database: 'nonsense' });
    push({ database: 'open' });
    expect(seen).toEqual([{ database: 'open' }]);
  });
});
