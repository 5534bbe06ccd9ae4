import { describe, expect, it } from 'vitest';
import { runCli as run, EXIT, versionCommand } from '../../electron/cli/commands';

const runCli = (argv: string[], io: Parameters<typeof run>[1]) => run(argv, io, [versionCommand]);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} } };
}

describe('hall CLI', () => {
  it('prints Chinese help listing the commands and the exit codes', async () => {
    const c = io();
    expect(await runCli(['--help'], c.io)).toBe(EXIT.ok);
    const text = c.out.join('');
    expect(text).toContain('用法: hall <命令>');
    expect(text).toContain('version');
    expect(text).toContain('HALL_DATA_DIR');
  });

  it('prints the version', async () => {
    const c = io();
    expect(await runCli(['version'], c.io)).toBe(EXIT.ok);
    expect(c.out.join('').trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with a hint on an unknown command or none', async () => {
    const c = io();
    expect(await runCli(['frobnicate'], c.io)).toBe(EXIT.usage);
    expect(c.err.join('')).toContain('hall --help');
    expect(await runCli([], io().io)).toBe(EXIT.usage);
  });
});
