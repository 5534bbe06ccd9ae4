// The rule a newcomer relies on: method `x.y` is declared in shared/contract/<area>.ts and handled
// in electron/core/<area>/handlers.ts, where <area> is `x` or the one group `x` belongs to.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AREA_HANDLERS } from '../../electron/core';
import { CONTRACT_AREAS, METHOD_NAMES, type Area } from '../../shared/contract';
import { testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '../..');
const AREAS = Object.keys(CONTRACT_AREAS) as Area[];
/** Folders of electron/core that are not contract areas: the infrastructure and the host-facing operations. */
const NOT_AREAS = ['infra', 'operations'];

describe('contract areas', () => {
  const dir = tempDir();
  const core = testCore(dir.dir);
  afterAll(() => {
    core.close();
    dir.cleanup();
  });

  it('declares each area in shared/contract/<area>.ts and each method in exactly one area', () => {
    const seen = new Map<string, Area>();
    for (const area of AREAS) {
      expect(fs.existsSync(path.join(ROOT, 'shared/contract', `${area}.ts`)), area).toBe(true);
      for (const name of Object.keys(CONTRACT_AREAS[area])) {
        expect(seen.has(name), name).toBe(false);
        seen.set(name, area);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    // A prefix belongs to one area only: `queue.*` all in visits, never split.
    const areaOfPrefix = new Map<string, Area>();
    for (const [name, area] of seen) {
      const prefix = name.split('.')[0]!;
      expect(areaOfPrefix.get(prefix) ?? area, name).toBe(area);
      areaOfPrefix.set(prefix, area);
    }
  });

  it('has one folder per area under electron/core, and no other folder but infrastructure', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, 'electron/core'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .filter((d) => !NOT_AREAS.includes(d));
    expect(folders.sort()).toEqual([...AREAS].sort());
  });

  it.each(AREAS)('handles the %s methods in electron/core/%s/handlers.ts, exactly those', async (area) => {
    const mod = (await import(`../../electron/core/${area}/handlers.ts`)) as Record<string, unknown>;
    expect(mod[`${area}Handlers`], `${area}Handlers`).toBe(AREA_HANDLERS[area]);
    expect([...core.methodsByArea[area]].sort()).toEqual(Object.keys(CONTRACT_AREAS[area]).sort());
  });

  it('writes no handler of an area in another folder', () => {
    // A handler is a method name as a property key: `'cases.create': (input, call) => …`.
    const areaOf = new Map(AREAS.flatMap((area) => Object.keys(CONTRACT_AREAS[area]).map((m) => [m, area] as const)));
    const misplaced: string[] = [];
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((d) =>
          d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
        );
    for (const file of walk(path.join(ROOT, 'electron/core'))) {
      const folder = path.relative(path.join(ROOT, 'electron/core'), file).split(path.sep)[0];
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s*'([a-z]+\.[A-Za-z]+)':\s*(?:async\s*)?\(/gm)) {
        const area = areaOf.get(m[1]!);
        if (area && area !== folder) misplaced.push(`${m[1]} in ${path.relative(ROOT, file)}`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
