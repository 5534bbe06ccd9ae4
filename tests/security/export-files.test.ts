// Files written for the user are the user's alone (issue 13, medium findings): the CLI wrote
// exports, reports and PDFs with the default umask, so every account on the machine could read
// a `cases.json --full` with petitioners' names and ID numbers.
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallApp } from '../../electron/main/app';
import { hall, hallInit, passwordFile } from '../helpers/cli';
import { createFakeElectron } from '../helpers/fake-electron';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'export pass 2026';

describe.skipIf(process.platform === 'win32')('files the CLI writes for the user', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let creds: string[];
  const out = (name: string) => path.join(tmp.dir, name);
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  beforeAll(() => {
    const pw = passwordFile(tmp.dir, PASSWORD);
    creds = ['--user', 'admin', '--password-file', pw];
    expect(hallInit(data, pw).code).toBe(0);
    expect(hall(data, ['demo', ...creds]).code).toBe(0);
  });

  const RANGE = ['--from', '2000-01-01', '--to', '2100-12-31'];
  // One of each place the CLI writes a file.
  const WRITES: [string, string[]][] = [
    ['台账.csv', ['export', 'ledger', ...RANGE]],
    ['督办.xlsx', ['export', 'supervise']],
    ['cases-full.json', ['export', 'cases', ...RANGE, '--full']],
    ['模板.xlsx', ['import', 'template']],
    ['登记表.pdf', ['print', 'registration', '--record', '1']],
    ['月报.pdf', ['report', 'monthly', '--month', '2026-11']],
    ['月报.xlsx', ['report', 'monthly', '--month', '2026-11']],
  ];

  it.each(WRITES)('writes %s readable by its owner alone (0600)', (name, args) => {
    const r = hall(data, [...args, '--out', out(name), ...creds]);
    expect(r.code, r.err).toBe(0);
    expect(mode(out(name))).toBe(0o600);
  });

  it('narrows a file that was already there, readable by others, before writing into it', () => {
    const file = out('旧的.json');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const r = hall(data, ['export', 'cases', ...RANGE, '--full', '--out', file, ...creds]);
    expect(r.code, r.err).toBe(0);
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toBeTypeOf('object');
  });

  it('writes a sample PDF, which needs no login, the same way', () => {
    const r = hall(data, ['print', 'folder', '--sample', '--out', out('样例.pdf')]);
    expect(r.code, r.err).toBe(0);
    expect(mode(out('样例.pdf'))).toBe(0o600);
  });
});

describe.skipIf(process.platform === 'win32')('files the desktop app saves for the user', () => {
  const tmp = tempDir();
  const fake = createFakeElectron();
  let app: ReturnType<typeof startHallApp>;

  beforeAll(async () => {
    process.env.HALL_DATA_DIR = path.join(tmp.dir, 'data');
    // The window loads the bundle's page at start: it must be there, as in the host's own test.
    fs.mkdirSync(path.join(tmp.dir, 'bundle', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'bundle', 'renderer', 'index.html'), '<html>大厅</html>');
    app = startHallApp(fake.module, path.join(tmp.dir, 'bundle'));
    fake.ready();
    await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(() => {
    app?.core.close();
    delete process.env.HALL_DATA_DIR;
    tmp.cleanup();
  });

  /** A download as Chromium leaves it (the default mode), then its end. */
  function download(name: string, state: 'completed' | 'cancelled'): string {
    const file = path.join(tmp.dir, name);
    fs.writeFileSync(file, '序号,案件编号\r\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const item = Object.assign(new EventEmitter(), { getSavePath: () => file });
    fake.sessionEvents.emit('will-download', {}, item);
    item.emit('done', {}, state);
    return file;
  }

  it('narrows a completed download (an export from the counter) to its owner alone', () => {
    expect(fs.statSync(download('台账.csv', 'completed')).mode & 0o777).toBe(0o600);
  });

  it('leaves a cancelled one alone', () => {
    expect(fs.statSync(download('半个.csv', 'cancelled')).mode & 0o777).toBe(0o644);
  });
});
