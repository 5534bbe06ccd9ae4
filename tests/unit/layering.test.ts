import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The files linted here exist only as text, outside tsconfig.json, so the type-aware rules
// (which need the file in the TypeScript project) are turned off for them.
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..'), overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }] });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  const messages = result?.messages ?? [];
  // A file that does not parse reports nothing else: that must fail, not pass as clean.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering rules in lint', () => {
  it('fails a shared/ file that imports node:fs', async () => {
    expect(await importErrors('shared/domain/example.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).not.toHaveLength(0);
    expect(await importErrors('shared/domain/example.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n")).not.toHaveLength(0);
  });

  it('fails a shared/ file that reaches for electron, the driver or the DOM', async () => {
    expect(await importErrors('shared/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).not.toHaveLength(0);
    expect(await importErrors('shared/x.ts', "import D from 'better-sqlite3-multiple-ciphers';\nexport const x = D;\n")).not.toHaveLength(0);
    expect(await importErrors('shared/x.ts', "import { Store } from '../electron/core/store';\nexport const x = Store;\n")).not.toHaveLength(0);
    expect(await importErrors('shared/x.ts', 'export const x = () => document.title;\n')).not.toHaveLength(0);
  });

  it('fails a renderer file that imports electron or Node', async () => {
    expect(await importErrors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import path from 'node:path';\nexport const x = path;\n")).not.toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { createCore } from '../../electron/core';\nexport const x = createCore;\n")).not.toHaveLength(0);
  });

  it('fails electron/core importing electron, and lets the hosts do it', async () => {
    expect(await importErrors('electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).not.toHaveLength(0);
    expect(await importErrors('electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(0);
  });

  it('passes clean files', async () => {
    expect(await importErrors('shared/x.ts', "import { z } from 'zod';\nexport const x = z.string();\n")).toHaveLength(0);
    expect(await importErrors('renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n")).toHaveLength(0);
  });
});
