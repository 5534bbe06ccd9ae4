// Who may read an ID card (issue 19): only the desk that registers visitors (operator, administrator);
// a leader's or an archivist's account, and anyone not logged in, is refused before the reader is touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import type { Core } from '../../electron/core';
import {
  ADMIN,
  ARCHIVIST,
  caller,
  createAndLogin,
  must,
  OPERATOR,
  rawCaller,
  saveLeader,
  testCore,
} from '../helpers/core';
import { modeFile, termbDouble } from '../helpers/termb';
import { tempDir } from '../helpers/tmp';

const built = termbDouble();
if (!built.file) console.warn(`card reader security tests skipped: ${built.reason}`);

(built.file ? describe : describe.skip)('the ID card reader’s door', () => {
  const tmp = tempDir();
  const mode = modeFile(tmp.dir);
  let core: Core;
  beforeAll(async () => {
    process.env.TERMB_DOUBLE_MODE_FILE = mode.file;
    core = testCore(tmp.dir);
    const admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    await admin('settings.update', { cardReaderDriver: 'sdk', cardReaderLibrary: built.file! });
    const { id: leaderId } = await saveLeader(admin, '赵县长');
    await createAndLogin(admin, core, 'operator', OPERATOR);
    await createAndLogin(admin, core, 'archivist', ARCHIVIST);
    await createAndLogin(admin, core, 'leader', {
      username: 'zhao',
      displayName: '赵县长',
      role: 'leader',
      password: 'leader pass 1',
      leaderId,
    });
  });
  afterAll(() => {
    delete process.env.TERMB_DOUBLE_MODE_FILE;
    core.close();
    tmp.cleanup();
  });

  it('declares the counter roles and no petitioner data from the store', () => {
    for (const m of ['card.read', 'card.poll'] as const) {
      expect(contract[m].access).toEqual(['operator', 'admin']);
      expect(contract[m].scope).toBe('none');
    }
  });

  it.each(['operator', 'admin'])('lets the %s read the card', async (who) => {
    expect(await caller(core, who)('card.read', {})).toMatchObject({ ok: true, value: { name: '李堃𠮷' } });
  });

  it.each(['leader', 'archivist'])('refuses the %s, and does not touch the reader', async (who) => {
    // The reader would answer "removed": a refusal by role must come first.
    mode.set('removed');
    for (const m of ['card.read', 'card.poll'] as const)
      expect(await caller(core, who)(m, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    mode.set('ok');
  });

  it('refuses a caller not logged in', async () => {
    expect(await caller(core, 'stranger')('card.read', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('takes no input: a smuggled path or port is refused', async () => {
    expect(await rawCaller(core, 'operator')('card.read', { library: '/tmp/evil.so' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('lets only the administrator point the reader at a library', async () => {
    expect(await caller(core, 'operator')('settings.update', { cardReaderLibrary: '/tmp/evil.so' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await caller(core, 'admin')('settings.update', { cardReaderLibrary: '/nowhere/evil.so' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'cardReaderLibrary' }] },
    });
  });

  it('does not let one account vouch for a card another account read', async () => {
    mode.set('ok');
    const card = await must(core, 'admin')('card.read', {});
    const admin = must(core, 'admin');
    await createAndLogin(admin, core, 'second', { ...OPERATOR, username: 'desk2', displayName: '接待员二' });
    const r = await caller(core, 'second')('visits.register', {
      petitioners: [{ name: card.name, sex: card.sex, idNumber: card.idNumber, identitySource: 'card' }],
      headCount: 1,
      categoryId: null,
      localityId: null,
      demand: '要求解决宅基地纠纷',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', fields: [{ path: 'petitioners.0.identitySource' }] },
    });
  });
});
