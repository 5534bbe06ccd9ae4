import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './preview';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the built `hall` CLI as a script would, in its own data folder. */
export function hall(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const entry = path.join(ROOT, 'out/cli/hall.cjs');
  if (!fs.existsSync(entry)) throw new Error('out/cli/hall.cjs is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, HALL_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export function passwordFile(dir: string, password: string): string {
  const file = path.join(dir, `pw-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return file;
}

/** `hall init` of the office the CLI suites use (清河县信访局, administrator admin/王管理). */
export function hallInit(dataDir: string, passwordFilePath: string): CliRun {
  return hall(dataDir, [
    'init',
    '--office',
    '清河县信访局',
    '--user',
    'admin',
    '--password-file',
    passwordFilePath,
    '--name',
    '王管理',
  ]);
}

/** `hall print <kind> --record <id> --out <file>` as the administrator admin, with `more` options after. */
export function hallPrint(
  dataDir: string,
  kind: string,
  recordId: number | string,
  out: string,
  passwordFilePath: string,
  ...more: string[]
): CliRun {
  return hall(dataDir, [
    'print',
    kind,
    '--record',
    String(recordId),
    '--out',
    out,
    '--user',
    'admin',
    '--password-file',
    passwordFilePath,
    ...more,
  ]);
}
