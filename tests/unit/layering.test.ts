import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The files linted here exist only as text, outside tsconfig.json, so the type-aware rules
// (which need the file in the TypeScript project) are turned off for them.
const eslint = new ESLint({
  cwd: path.resolve(__dirname, '../..'),
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
});

/** The layering errors of one file with one import (or other code) in it. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.resolve(__dirname, '../..', file) });
  const messages = result?.messages ?? [];
  // A file that does not parse reports nothing else: that must fail, not pass as clean.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages
    .filter((m) => m.ruleId === 'layering/imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

const importing = (source: string) => `import * as m from '${source}';\nexport const x = m;`;

async function allowed(file: string, ...sources: string[]) {
  for (const source of sources)
    expect(await layeringErrors(file, importing(source)), `${file} importing ${source}`).toEqual([]);
}

async function refused(file: string, ...sources: string[]) {
  for (const source of sources)
    expect(await layeringErrors(file, importing(source)), `${file} importing ${source}`).toHaveLength(1);
}

describe('layering rules in lint (allowlists)', () => {
  it('lets shared/ import zod, data JSON and shared/ only', async () => {
    await allowed(
      'shared/domain/example.ts',
      'zod',
      'chinese-days/dist/chinese-days.json',
      './labels',
      '../contract',
      '../documents/kinds',
    );
    await refused(
      'shared/domain/example.ts',
      'dayjs',
      'react',
      'antd',
      'chinese-days',
      'better-sqlite3-multiple-ciphers',
      'electron',
    );
    await refused('shared/domain/example.ts', 'node:fs', 'fs', 'path');
    await refused(
      'shared/domain/example.ts',
      '../../electron/core/store',
      '../../electron/core',
      '../../renderer/src/api/bridge',
      '../../package.json',
    );
  });

  it('checks re-exports, dynamic imports and import types in shared/ too', async () => {
    expect(await layeringErrors('shared/x.ts', "export { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(await layeringErrors('shared/x.ts', "export * from '../electron/core';")).toHaveLength(1);
    expect(await layeringErrors('shared/x.ts', "export const load = () => import('exceljs');")).toHaveLength(1);
    expect(await layeringErrors('shared/x.ts', "export type Core = import('../electron/core').Core;")).toHaveLength(1);
  });

  it('keeps DOM and Node globals out of shared/', async () => {
    expect(await layeringErrors('shared/x.ts', 'export const x = () => document.title;')).toHaveLength(1);
    expect(await layeringErrors('shared/x.ts', 'export const x = () => process.env;')).toHaveLength(1);
  });

  it('lets the renderer import its UI packages, itself and shared/, never electron, Node, core or a driver', async () => {
    await allowed(
      'renderer/src/screens/x.tsx',
      'react',
      'react-dom/client',
      'antd',
      'antd/locale/zh_CN',
      '@ant-design/icons',
      'dayjs',
      'dayjs/locale/zh-cn',
      'echarts/core',
    );
    await allowed(
      'renderer/src/screens/x.tsx',
      '../api/bridge',
      './Cases',
      '../global.css',
      '../../../shared/contract',
    );
    await refused(
      'renderer/src/screens/x.tsx',
      'electron',
      'node:path',
      'fs',
      'better-sqlite3-multiple-ciphers',
      'exceljs',
      'zod-but-not-listed',
    );
    await refused(
      'renderer/src/screens/x.tsx',
      '../../../electron/core',
      '../../../electron/preload',
      '../../../tests/helpers/core',
    );
  });

  it('lets a host reach core through its index only', async () => {
    await allowed(
      'electron/main/x.ts',
      '../core',
      '../core/index',
      '../core/index.ts',
      'electron',
      'node:path',
      './security',
      '../../shared/contract',
    );
    await refused('electron/main/x.ts', '../core/infra/store', '../core/store', '../core/services/auth');
    await allowed('electron/preview/x.ts', '../core', 'node:http');
    await refused('electron/preview/x.ts', '../core/static-files', '../main/app', '../../renderer/src/api/bridge');
    await allowed('electron/cli/x.ts', '../core', './commands');
    await refused('electron/cli/x.ts', '../core/key-slots', '../core/pdf/engine');
  });

  it('keeps electron, the hosts and the renderer out of core, wherever in core the file is', async () => {
    await allowed(
      'electron/core/x.ts',
      'node:fs',
      'fs',
      'better-sqlite3-multiple-ciphers',
      'drizzle-orm/sqlite-core',
      'exceljs',
      'zod',
      './store',
      './db/schema',
      '../../shared/contract',
    );
    await refused(
      'electron/core/x.ts',
      'electron',
      'react',
      'playwright-core',
      '../main/app',
      '../preview/server',
      '../cli/commands',
      '../preload',
      '../../renderer/src/api/bridge',
    );
    await allowed('electron/core/infra/x.ts', '../store', './y', '../../../shared/contract');
    await refused('electron/core/infra/x.ts', 'electron', '../../main/app', '../../cli/context');
  });

  it('lets the preload import electron and shared/ only', async () => {
    await allowed('electron/preload/index.ts', 'electron', '../../shared/contract');
    await refused('electron/preload/index.ts', '../core', '../core/router', '../main/security', 'node:fs', 'zod');
  });
});

describe('typed SQL in lint', () => {
  async function castErrors(code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\n`, {
      filePath: path.resolve(__dirname, '../..', 'electron/core/cases/example.ts'),
    });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it('refuses a cast of a query result, and lets a named row type through sql.ts', async () => {
    const db =
      'declare const db: { prepare(s: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[]; pluck(): { get(...a: unknown[]): unknown } } };';
    expect(await castErrors(`${db}\nexport const r = db.prepare('SELECT 1').get() as { n: number };`)).toHaveLength(1);
    expect(await castErrors(`${db}\nexport const r = db.prepare('SELECT 1').all() as { n: number }[];`)).toHaveLength(
      1,
    );
    expect(await castErrors(`${db}\nexport const r = db.prepare('SELECT 1').pluck().get(1) as number;`)).toHaveLength(
      1,
    );
    expect(
      await castErrors(
        `declare function one<T>(s: string): T | undefined;\nexport const r = one<{ n: number }>('SELECT 1');`,
      ),
    ).toEqual([]);
  });
});

describe('one clock in lint', () => {
  async function clockErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: path.resolve(__dirname, '../..', file) });
    expect((result?.messages ?? []).filter((m) => m.fatal)).toEqual([]);
    return (result?.messages ?? [])
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map((m) => m.message)
      .filter((m) => m.includes('clock'));
  }
  const READS = [
    'export const a = new Date();',
    'export const a = Date.now();',
    "export const a = new Date('2026-10-09T00:00:00Z').toISOString().slice(0, 10);",
    "export const a = new Date('2026-10-09T00:00:00Z').getUTCDate();",
    'export const a = Date.UTC(2026, 9, 9);',
  ];

  it('refuses reading the system time or counting days in UTC in core, shared/, hosts and the renderer', async () => {
    for (const file of [
      'electron/core/cases/example.ts',
      'shared/domain/example.ts',
      'electron/cli/example.ts',
      'renderer/src/screens/Example.tsx',
    ])
      for (const code of READS) expect(await clockErrors(file, code), `${file}: ${code}`).toHaveLength(1);
  });

  it('lets the clock and calendar modules do it, and an instant built from a value anywhere', async () => {
    for (const file of ['electron/core/infra/clock.ts', 'shared/domain/calendar.ts', 'renderer/src/api/clock.ts'])
      for (const code of READS) expect(await clockErrors(file, code), `${file}: ${code}`).toEqual([]);
    expect(await clockErrors('electron/core/cases/example.ts', "export const a = new Date('2026-10-09');")).toEqual([]);
  });
});

describe('no silent clamping in the renderer', () => {
  const clampErrors = async (code: string) => {
    const file = path.resolve(__dirname, '../..', 'renderer/src/screens/Example.tsx');
    const [result] = await eslint.lintText(`${code}\n`, { filePath: file });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' && m.message.includes('clamp'));
  };

  it("refuses an InputNumber's min, max or precision, and lets one without them through", async () => {
    const head = "import { InputNumber } from 'antd';\n";
    for (const prop of ['min={1}', 'max={30}', 'precision={0}'])
      expect(await clampErrors(`${head}export const X = () => <InputNumber ${prop} />;`), prop).toHaveLength(1);
    expect(await clampErrors(`${head}export const X = () => <InputNumber aria-label="天数" />;`)).toEqual([]);
  });
});
