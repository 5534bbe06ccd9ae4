import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_CHANNEL, PRINT_CHANNEL, PRINTERS_CHANNEL, startHallApp } from '../../electron/main/app';
import { createFakeElectron, type FakeWebContents } from '../helpers/fake-electron';
import { tempDir } from '../helpers/tmp';

describe('the Electron host (with a stand-in electron module)', () => {
  const tmp = tempDir();
  const fake = createFakeElectron();
  let hall: ReturnType<typeof startHallApp>;
  let contents: FakeWebContents;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'bundle', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(tmp.dir, 'bundle', 'renderer', 'index.html'), '<html>大厅</html>');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
    process.env.HALL_DATA_DIR = path.join(tmp.dir, 'data');
    hall = startHallApp(fake.module, path.join(tmp.dir, 'bundle'));
    fake.ready();
    await new Promise((r) => setTimeout(r, 10));
    const win = fake.windows[0];
    if (!win) throw new Error('no window');
    contents = win.webContents;
  });
  afterAll(() => {
    delete process.env.HALL_DATA_DIR;
    tmp.cleanup();
  });

  it('opens one counter window on app:// with a sandboxed, isolated, Node-free renderer', () => {
    // The hidden windows the print test opens for its jobs are not counter windows.
    expect(fake.windows.filter((w) => !w.loaded?.includes('/__print/'))).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(fake.windows[0]!.loaded).toBe('app://hall/');
    expect(fake.calls.sandbox).toBe(1);
    expect(fake.schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ secure: true, standard: true }) }),
    ]);
  });

  it('asks in Chinese before a window with unsaved input closes, and closes only when told to', () => {
    // The page held the close (beforeunload): the host asks; "返回继续编辑" keeps the window.
    fake.dialogs.answer = 1;
    expect(contents.fire('will-prevent-unload')).toBe(false);
    expect(fake.dialogs.shown.at(-1)).toMatchObject({
      message: '还有未保存的内容',
      buttons: ['仍要关闭', '返回继续编辑'],
    });
    // "仍要关闭": preventing the default of will-prevent-unload lets the close go ahead.
    fake.dialogs.answer = 0;
    expect(contents.fire('will-prevent-unload')).toBe(true);
    expect(fake.dialogs.shown).toHaveLength(2);
  });

  it('denies window.open, foreign navigation, redirects and webviews', () => {
    expect(contents.openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://hall/display')).toBe(false);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('grants the camera, video only, to the top frame of our own bundle, and denies everything else', () => {
    const ask = (permission: string, details: Record<string, unknown>) => {
      let granted: boolean | null = null;
      fake.permissions.request?.(contents, permission, (ok) => (granted = ok), details);
      return granted;
    };
    const camera = {
      requestingUrl: 'app://hall/',
      isMainFrame: true,
      mediaTypes: ['video'],
      securityOrigin: 'app://hall/',
    };
    expect(ask('media', camera)).toBe(true);
    // A microphone, alone or with the camera; no media type named.
    expect(ask('media', { ...camera, mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { ...camera, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask('media', { ...camera, mediaTypes: [] })).toBe(false);
    expect(ask('media', { requestingUrl: 'app://hall/', isMainFrame: true })).toBe(false);
    // Another origin, a look-alike host, a file, an iframe (the PDF preview).
    expect(
      ask('media', { ...camera, requestingUrl: 'https://evil.example/', securityOrigin: 'https://evil.example' }),
    ).toBe(false);
    expect(ask('media', { ...camera, requestingUrl: 'app://hall.evil/' })).toBe(false);
    expect(ask('media', { ...camera, requestingUrl: 'file:///C:/hall/index.html' })).toBe(false);
    expect(ask('media', { ...camera, securityOrigin: 'http://127.0.0.1:1' })).toBe(false);
    expect(ask('media', { ...camera, isMainFrame: false })).toBe(false);
    // Every other permission, even from our own page.
    for (const p of ['display-capture', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(ask(p, camera), p).toBe(false);

    const check = (permission: string, origin: string, details: Record<string, unknown>) =>
      fake.permissions.check?.(contents, permission, origin, { isMainFrame: true, ...details });
    expect(check('media', 'app://hall', { mediaType: 'video', securityOrigin: 'app://hall/' })).toBe(true);
    expect(check('media', 'app://hall', { mediaType: 'audio' })).toBe(false);
    expect(check('media', 'app://hall', { mediaType: 'unknown' })).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check('media', 'app://hall', { mediaType: 'video', embeddingOrigin: 'https://evil.example' })).toBe(false);
    expect(check('geolocation', 'app://hall', {})).toBe(false);
    expect(fake.permissions.device?.()).toBe(false);
  });

  it('answers IPC from its own top frame and refuses any other frame', async () => {
    const handler = fake.ipcHandlers.get(CALL_CHANNEL)!;
    const ok = (await handler({ sender: contents, senderFrame: contents.mainFrame }, 'system.info', {})) as {
      ok: boolean;
      value: { host: string };
    };
    expect(ok).toMatchObject({ ok: true, value: { host: 'electron' } });

    const iframe = { url: 'app://hall/' };
    expect(await handler({ sender: contents, senderFrame: iframe }, 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const strangerFrame = { url: 'https://evil.example/' };
    const stranger = { ...contents, mainFrame: strangerFrame };
    expect(await handler({ sender: stranger, senderFrame: strangerFrame }, 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await handler({ sender: contents, senderFrame: contents.mainFrame }, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('serves the bundle over app:// with the CSP and never a file outside it', async () => {
    const handle = fake.protocolHandlers.get('app')!;
    const index = handle(new Request('app://hall/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await index.text()).toContain('大厅');
    expect(handle(new Request('app://hall/..%2f..%2fsecret.txt')).status).toBe(404);
    expect(handle(new Request('app://other/index.html')).status).toBe(404);
  });

  it('pushes back-end events to its windows', () => {
    hall!.core.events.emit('system.stateChanged', { database: 'locked' });
    expect(contents.sent.at(-1)).toEqual(['hall:event', 'system.stateChanged', { database: 'locked' }]);
  });

  it('sends a PDF to the ticket printer silently and to the A4 printer with a dialog, from memory', async () => {
    const call = fake.ipcHandlers.get(CALL_CHANNEL)!;
    const print = fake.ipcHandlers.get(PRINT_CHANNEL)!;
    const own = { sender: contents, senderFrame: contents.mainFrame };
    const pdf = Buffer.from('%PDF-1.7\n% a ticket\n').toString('base64');
    expect(await print(own, pdf, 'ticket')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await call(own, 'setup.init', {
      officeName: '清河县信访局',
      username: 'admin',
      displayName: '王管理',
      password: 'counter pass 1',
    });
    await call(own, 'settings.update', { ticketPrinter: 'Receipt-80', a4Printer: '' });

    const before = fake.windows.length;
    expect(await print(own, pdf, 'ticket')).toEqual({ ok: true, value: { printed: true } });
    const job = fake.windows[before]!;
    expect(job.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    });
    expect((job.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(job.loaded).toMatch(/^app:\/\/hall\/__print\/[0-9a-f]{48}\.pdf$/);
    expect(job.served).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(job.served!.bytes.toString()).toBe('%PDF-1.7\n% a ticket\n');
    expect(job.webContents.printed[0]!.options).toMatchObject({ silent: true, deviceName: 'Receipt-80' });
    expect(job.destroyed).toBe(true);
    // The PDF is gone from memory once printed.
    expect(fake.protocolHandlers.get('app')!(new Request(job.loaded!)).status).toBe(404);

    expect(await print(own, pdf, 'a4')).toMatchObject({ ok: true });
    expect(fake.windows[before + 1]!.webContents.printed[0]!.options).toEqual({ silent: false, printBackground: true });

    expect(await print(own, Buffer.from('<html>').toString('base64'), 'a4')).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await print({ sender: contents, senderFrame: { url: 'app://hall/' } }, pdf, 'a4')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await fake.ipcHandlers.get(PRINTERS_CHANNEL)!(own)).toEqual({
      ok: true,
      value: [
        { name: 'Receipt-80', isDefault: false },
        { name: 'Office-A4', isDefault: true },
      ],
    });
    const audit = (await call(own, 'audit.list', { limit: 10 })) as { value: { entries: { action: string }[] } };
    expect(audit.value.entries.filter((e) => e.action === 'document.sendToPrinter')).toHaveLength(2);
  });

  it('opens the hall display full screen on a second monitor, locked down like the counter window', async () => {
    const two = createFakeElectron({ displays: 2 });
    startHallApp(two.module, path.join(tmp.dir, 'bundle'));
    two.ready();
    await new Promise((r) => setTimeout(r, 10));
    expect(two.windows.map((w) => w.loaded)).toEqual(['app://hall/', 'app://hall/display']);
    expect(two.windows[1]!.options).toMatchObject({
      x: 1920,
      fullscreen: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(fake.windows.map((w) => w.loaded).filter((u) => !u?.includes('__print'))).toEqual(['app://hall/']); // one monitor: no display window
  });

  it('quits at once when another instance holds the lock', () => {
    const second = createFakeElectron({ gotLock: false });
    expect(startHallApp(second.module, tmp.dir)).toBeNull();
    expect(second.calls.quit).toBe(1);
    expect(second.windows).toHaveLength(0);
  });
});
