// The wall screen faces the public (issue 13, medium findings): its window had the counter's
// whole bridge, so a page made to misbehave there could log in, read cases or print.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, startHallApp } from '../../electron/main/app';
import { value } from '../../electron/core/infra/db/sql';
import { DISPLAY_ONLY, type HallBridge } from '../../shared/contract';
import { ADMIN, must, visitInput } from '../helpers/core';
import { createFakeElectron, type FakeWebContents } from '../helpers/fake-electron';
import { tempDir } from '../helpers/tmp';

// The preload's electron: what it exposes to the page, and what it sends over IPC.
const preload = vi.hoisted(() => ({
  exposed: new Map<string, HallBridge>(),
  invoked: [] as unknown[][],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: HallBridge) => preload.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => (preload.invoked.push(args), Promise.resolve({ ok: true, value: {} })),
    on: () => {},
    removeListener: () => {},
  },
}));

const REFUSED = { ok: false, error: { code: 'FORBIDDEN', message: DISPLAY_ONLY } };

describe('the wall-display window', () => {
  const tmp = tempDir();
  const fake = createFakeElectron({ displays: 2 });
  let hall: NonNullable<ReturnType<typeof startHallApp>>;
  let counter: FakeWebContents;
  let display: FakeWebContents;
  let petitionerId: number;
  const from = (contents: FakeWebContents, channel: string, ...args: unknown[]) =>
    fake.ipcHandlers.get(channel)!({ sender: contents, senderFrame: contents.mainFrame }, ...args);

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'bundle', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'bundle', 'renderer', 'index.html'), '<html>大厅</html>');
    process.env.HALL_DATA_DIR = path.join(tmp.dir, 'data');
    hall = startHallApp(fake.module, path.join(tmp.dir, 'bundle'))!;
    fake.ready();
    await new Promise((r) => setTimeout(r, 10));
    [counter, display] = fake.windows.map((w) => w.webContents) as [FakeWebContents, FakeWebContents];
    expect(fake.windows.map((w) => w.loaded)).toEqual(['app://hall/', 'app://hall/display']);
    // The counter sets up the office and registers a visitor with an ID number; it stays logged in.
    await from(counter, CALL_CHANNEL, 'setup.init', ADMIN);
    const desk = must(hall.core, `window-${counter.id}`);
    const person = {
      name: '欧阳明',
      sex: 'male' as const,
      idNumber: '110101199003074530',
      phone: '13905731234',
      address: '',
      isRepresentative: false,
    };
    const visit = await desk('visits.register', visitInput([person], '安置房逾期交付'));
    petitionerId = value<number>(
      hall.core.store.database,
      'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ?',
      visit.visitId,
    )!;
  });
  afterAll(() => {
    hall.core.close();
    delete process.env.HALL_DATA_DIR;
    tmp.cleanup();
  });

  it('gets a display-only preload; the counter keeps its own', () => {
    const preloadOf = (i: number) =>
      String((fake.windows[i]!.options.webPreferences as Record<string, unknown>).preload);
    expect(preloadOf(0)).toMatch(/preload[/\\]index\.cjs$/);
    expect(preloadOf(1)).toMatch(/preload[/\\]display\.cjs$/);
  });

  it('is refused every method but the display ones in the main process, with a counter logged in', async () => {
    expect(
      await from(counter, CALL_CHANNEL, 'petitioners.reveal', {
        petitionerId,
        field: 'idNumber',
        reason: { kind: 'verify_identity' },
      }),
    ).toMatchObject({
      ok: true,
      value: { value: '110101199003074530' },
    });
    for (const [method, input] of [
      ['petitioners.reveal', { petitionerId, field: 'idNumber' }],
      ['cases.list', {}],
      ['visits.list', {}],
      ['system.info', {}],
      ['auth.session', {}],
      ['setup.init', ADMIN],
      ['backup.restoreLatest', { username: ADMIN.username, password: ADMIN.password }],
      ['nothing.atAll', {}],
    ] as const)
      expect(await from(display, CALL_CHANNEL, method, input), method).toEqual(REFUSED);
  });

  it('cannot log in, even with the right password: no session is ever opened for it', async () => {
    const sessions = hall.core.sessions.size;
    expect(
      await from(display, CALL_CHANNEL, 'auth.login', { username: ADMIN.username, password: ADMIN.password }),
    ).toEqual(REFUSED);
    expect(await from(display, CALL_CHANNEL, 'accounts.list', {})).toEqual(REFUSED);
    expect(hall.core.sessions.size).toBe(sessions);
  });

  it('reads the display methods', async () => {
    expect(await from(display, CALL_CHANNEL, 'display.queue', {})).toMatchObject({
      ok: true,
      value: { calling: [], waiting: [{ surname: '欧*' }] },
    });
    expect(await from(display, CALL_CHANNEL, 'display.notice', {})).toMatchObject({ ok: true });
  });

  it('can neither print nor list the printers', async () => {
    const pdf = Buffer.from('%PDF-1.7\n').toString('base64');
    expect(await from(display, PRINT_CHANNEL, pdf, 'a4')).toEqual(REFUSED);
    expect(await from(display, PRINTERS_CHANNEL)).toEqual(REFUSED);
  });

  it('hears the queue event only', () => {
    const heard = [counter.sent.length, display.sent.length] as const;
    hall.core.events.emit('system.stateChanged', { database: 'open' });
    hall.core.events.emit('queue.changed', { date: '2026-11-30', action: 'call', called: null });
    expect(counter.sent.slice(heard[0]).map((m) => m[1])).toEqual(['system.stateChanged', 'queue.changed']);
    expect(display.sent.slice(heard[1]).map((m) => m[1])).toEqual(['queue.changed']);
  });

  it('has a preload that offers the page the display methods and no printer', async () => {
    await import('../../electron/preload/display');
    const bridge = preload.exposed.get('hall')!;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(await bridge.call('cases.list', {})).toEqual(REFUSED);
    expect(await bridge.call('auth.login', { username: 'admin', password: 'x' })).toEqual(REFUSED);
    expect(preload.invoked).toEqual([]);
    await bridge.call('display.queue', {});
    expect(preload.invoked).toEqual([['hall:call', 'display.queue', {}]]);
  });
});
