// `hall device card` (issue 19): reads the card on the configured reader, on a store that holds the
// demo data, and prints its fields as JSON with the ID number masked; failures exit 4 with the message.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { silentLogger } from '../../electron/core/infra/log';
import { SDK_MESSAGES } from '../../electron/core/card/sdk-driver';
import { NOT_CONFIGURED } from '../../electron/core/card/handlers';
import { hall, hallInit, passwordFile } from '../helpers/cli';
import { must } from '../helpers/core';
import { termbDouble } from '../helpers/termb';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'device pass 2026';
const built = termbDouble();
if (!built.file) console.warn(`hall device card test skipped: ${built.reason}`);

(built.file ? describe : describe.skip)('hall device card', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  let creds: string[] = [];
  const HALL_NOW = '2026-11-23T09:00+08:00';

  beforeAll(async () => {
    const pw = passwordFile(tmp.dir, PASSWORD);
    creds = ['--user', 'admin', '--password-file', pw];
    expect(hallInit(data, pw).code).toBe(0);
    expect(hall(data, ['demo', ...creds], { HALL_NOW }).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('says the reader is not set up until the administrator sets it', () => {
    const r = hall(data, ['device', 'card', ...creds], { HALL_NOW });
    expect(r.code).toBe(4);
    expect(r.err).toContain(NOT_CONFIGURED);
  });

  it('prints the card as JSON, the ID number masked', async () => {
    const core = createCore({ dataDir: data, host: 'cli', runtime: 'test', log: silentLogger });
    const admin = must(core, 'admin');
    await admin('auth.login', { username: 'admin', password: PASSWORD });
    await admin('settings.update', { cardReaderDriver: 'sdk', cardReaderLibrary: built.file! });
    core.close();

    const r = hall(data, ['device', 'card', ...creds], { HALL_NOW, TERMB_DOUBLE_MODE: 'ok' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      name: '李堃𠮷',
      sex: 'male',
      nation: '汉',
      birthDate: '1978-03-15',
      address: '河北省清河县城关镇人民路88号',
      idNumber: '130534********1219',
      authority: '清河县公安局',
      validFrom: '2016-05-01',
      validTo: '2036-05-01',
    });
    expect(r.out).not.toContain('130534197803151219');
  });

  it.each([
    ['no-card', '阅读器上没有身份证'],
    ['open-fail', SDK_MESSAGES.openFailed('USB 1001–1016')],
    ['removed', SDK_MESSAGES.removed],
    ['expired', '该身份证已过有效期（有效期至 2025-01-01）'],
  ])('exits 4 with the message when the double answers %s', (mode, message) => {
    const r = hall(data, ['device', 'card', ...creds], { HALL_NOW, TERMB_DOUBLE_MODE: mode });
    expect(r.code).toBe(4);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('refuses an unknown device with the usage', () => {
    const r = hall(data, ['device', 'scanner', ...creds]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('hall device card');
  });
});
