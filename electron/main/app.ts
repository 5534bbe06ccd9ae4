import fs from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import {
  DISPLAY_ONLY,
  HallError,
  isDisplayEvent,
  isDisplayMethod,
  isEventName,
  type Result,
} from '../../shared/contract';
import {
  actorOf,
  createCore,
  resolveDataDir,
  restrictToOwner,
  testClockFromEnv,
  type Core,
  type TestClock,
} from '../core';
import { PrintJobs, printPdf } from './printing';
import { appProtocolHandler, registerAppScheme } from './protocol';
import { APP_ORIGIN, hardenSession, hardenWebContents, isTrustedSender, secureWindowOptions } from './security';

export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'screen' | 'dialog'
>;

/**
 * The question when a counter window with unsaved input is closed: the page holds the close
 * (beforeunload, renderer/src/api/unsaved.ts) and Chromium leaves the asking to the host.
 */
export const UNSAVED_CLOSE_QUESTION = {
  type: 'warning',
  title: '信访接待大厅',
  message: '还有未保存的内容',
  detail: '正在输入的内容还没有保存完。仍要关闭窗口吗？',
  buttons: ['仍要关闭', '返回继续编辑'],
  defaultId: 1,
  cancelId: 1,
} as const satisfies Electron.MessageBoxSyncOptions;

export const CALL_CHANNEL = 'hall:call';
export const EVENT_CHANNEL = 'hall:event';
export const PRINT_CHANNEL = 'hall:print';
export const PRINTERS_CHANNEL = 'hall:printers';

export interface HallApp {
  core: Core;
  /** Every window of the app; IPC is answered from these only. */
  windows: Set<Electron.WebContents>;
  /** Those of them that show the hall's wall screen: display methods and events only. */
  displays: Set<Electron.WebContents>;
  createCounterWindow(): Electron.BrowserWindow;
  createDisplayWindow(): Electron.BrowserWindow | null;
}

/**
 * In development the driver in node_modules is built for Node (tests, CLI); the Electron build
 * sits beside it (build/scripts/electron-native.mjs). Packaged apps are rebuilt for Electron.
 */
export function electronDriverBuild(app: Pick<ElectronModule['app'], 'isPackaged' | 'getAppPath'>): string | null {
  if (app.isPackaged) return null;
  const file = path.join(
    app.getAppPath(),
    'node_modules',
    '.electron-native',
    `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : null;
}

/**
 * The test clock for the desktop app. An installed app serves a real hall, whose records must
 * carry real dates, so it refuses HALL_NOW outright; a development run (npm run dev) may use it.
 */
export function desktopTestClock(
  app: Pick<ElectronModule['app'], 'isPackaged'>,
  env: NodeJS.ProcessEnv,
): TestClock | null {
  if (app.isPackaged && (env.HALL_NOW || env.HALL_NOW_RUNNING))
    throw new Error(
      'HALL_NOW is refused by the installed app: a test clock is for development, the preview host and the CLI.',
    );
  return testClockFromEnv(env);
}

/**
 * The Electron host: thin on purpose. It owns windows and security and mounts core's router on
 * IPC; everything else is in core, shared with the preview host and the CLI.
 */
export function startHallApp(electron: ElectronModule, bundleDir: string): HallApp | null {
  const { app, BrowserWindow, ipcMain, protocol, session, screen, dialog } = electron;

  let testClock: TestClock | null;
  try {
    testClock = desktopTestClock(app, process.env);
  } catch (error) {
    // Refuse to start rather than run a hall on a clock nobody meant.
    process.stderr.write(`信访接待大厅无法启动：${(error as Error).message}\n`);
    app.quit();
    return null;
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox();
  registerAppScheme(protocol);

  const nativeBinding = electronDriverBuild(app);
  const core = createCore({
    dataDir: process.env.HALL_DATA_DIR ? resolveDataDir() : path.join(app.getPath('userData'), 'data'),
    host: 'electron',
    runtime: `Electron ${process.versions.electron}`,
    dailyBackup: true,
    testClock,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  const windows = new Set<Electron.WebContents>();
  const displays = new Set<Electron.WebContents>();

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  /** A refusal in the contract's shape, with the contract's message unless one is given. */
  const fail = (...args: ConstructorParameters<typeof HallError>): Result<never> => ({
    ok: false,
    error: new HallError(...args).toBody(),
  });
  const UNKNOWN_PAGE = '拒绝来自未知页面的请求。';

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, windows)) return fail('FORBIDDEN', UNKNOWN_PAGE);
    const name = typeof method === 'string' ? method : '';
    // The wall screen faces the public: whatever its page asks, its window reaches the display
    // methods only, as a client of its own that never holds a session (it cannot log in), so
    // a counter's session or the login form is out of its reach.
    if (displays.has(event.sender)) {
      if (!isDisplayMethod(name)) return fail('FORBIDDEN', DISPLAY_ONLY);
      return core.router.call(name, input, { host: 'electron', clientId: `display-${event.sender.id}` });
    }
    // The router refuses anything that is not a method of the contract (UNKNOWN_METHOD).
    return core.router.call(name, input, { host: 'electron', clientId: `window-${event.sender.id}` });
  });

  const printJobs = new PrintJobs();

  ipcMain.handle(PRINT_CHANNEL, async (event, pdfBase64: unknown, target: unknown) => {
    if (!isTrustedSender(event, windows)) return fail('FORBIDDEN', UNKNOWN_PAGE);
    if (displays.has(event.sender)) return fail('FORBIDDEN', DISPLAY_ONLY);
    // The same gate as the router's: a window whose account must change its password prints nothing.
    const admitted = core.sessions.admit(`window-${event.sender.id}`);
    if (!admitted.ok) return fail(admitted.code);
    const session = admitted.session;
    if (typeof pdfBase64 !== 'string' || (target !== 'ticket' && target !== 'a4'))
      return fail('BAD_INPUT', '打印请求不正确。');
    const pdf = Buffer.from(pdfBase64, 'base64');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return fail('BAD_INPUT', '只能打印 PDF 文书。');
    const settings = core.store.settings();
    const result = await printPdf(BrowserWindow, printJobs, pdf, {
      deviceName: target === 'ticket' ? settings.ticketPrinter : settings.a4Printer,
      silent: target === 'ticket',
    });
    core.store.audit(actorOf(session), {
      action: 'document.sendToPrinter',
      entity: 'printer',
      detail: { target, ok: result.ok },
    });
    return result.ok ? { ok: true, value: { printed: true } } : fail('INTERNAL', `打印失败：${result.reason}`);
  });

  ipcMain.handle(PRINTERS_CHANNEL, async (event) => {
    if (!isTrustedSender(event, windows)) return fail('FORBIDDEN', UNKNOWN_PAGE);
    if (displays.has(event.sender)) return fail('FORBIDDEN', DISPLAY_ONLY);
    const printers = await event.sender.getPrintersAsync();
    return {
      ok: true,
      value: printers.map((p) => ({ name: p.name, isDefault: Boolean((p as { isDefault?: boolean }).isDefault) })),
    };
  });

  core.events.subscribe((name, payload) => {
    if (!isEventName(name)) return;
    for (const contents of windows)
      if (!displays.has(contents) || isDisplayEvent(name)) contents.send(EVENT_CHANNEL, name, payload);
  });

  function createCounterWindow(): Electron.BrowserWindow {
    const win = new BrowserWindow({
      ...secureWindowOptions(path.join(bundleDir, 'preload', 'index.cjs')),
      width: 1440,
      height: 900,
      minWidth: 1100,
      minHeight: 700,
      title: '信访接待大厅',
    });
    const contents = win.webContents;
    const id = contents.id;
    windows.add(contents);
    win.once('ready-to-show', () => win.show());
    // Preventing the default of will-prevent-unload lets the close go ahead.
    contents.on('will-prevent-unload', (event) => {
      if (
        dialog.showMessageBoxSync(win, { ...UNSAVED_CLOSE_QUESTION, buttons: [...UNSAVED_CLOSE_QUESTION.buttons] }) ===
        0
      )
        event.preventDefault();
    });
    win.on('closed', () => {
      windows.delete(contents);
      core.sessions.close(`window-${id}`);
    });
    void win.loadURL(`${APP_ORIGIN}/`);
    return win;
  }

  /** The hall's wall screen, full screen on a second monitor when there is one. */
  function createDisplayWindow(): Electron.BrowserWindow | null {
    const primary = screen.getPrimaryDisplay();
    const other = screen.getAllDisplays().find((d) => d.id !== primary.id);
    if (!other) return null;
    const win = new BrowserWindow({
      // A bridge of the display methods only; the IPC handlers enforce the same for this window.
      ...secureWindowOptions(path.join(bundleDir, 'preload', 'display.cjs')),
      x: other.bounds.x,
      y: other.bounds.y,
      width: other.bounds.width,
      height: other.bounds.height,
      fullscreen: true,
      title: '信访接待大厅 显示屏',
    });
    const contents = win.webContents;
    windows.add(contents);
    displays.add(contents);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      windows.delete(contents);
      displays.delete(contents);
    });
    void win.loadURL(`${APP_ORIGIN}/display`);
    return win;
  }

  app.on('second-instance', () => {
    const [first] = BrowserWindow.getAllWindows();
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());
  // Exit waits for a backup in progress a few seconds at most (core.shutdown), then quits; a
  // backup left unfinished is removed and taken again at the next start.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void core.shutdown().finally(() => app.exit(0));
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    // What the counter saves (exports, reports, PDFs) holds petitioners' data: Chromium writes
    // it with the default mode, so it is narrowed to the user alone once complete, as the CLI
    // writes its files.
    session.defaultSession.on('will-download', (_event, item) => {
      item.once('done', (_done, state) => {
        if (state === 'completed') restrictToOwner(item.getSavePath());
      });
    });
    protocol.handle('app', appProtocolHandler(path.join(bundleDir, 'renderer'), printJobs));
    createCounterWindow();
    createDisplayWindow();
  });

  return { core, windows, displays, createCounterWindow, createDisplayWindow };
}
