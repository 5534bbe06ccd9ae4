import { EventEmitter } from 'node:events';
import type { ElectronModule } from '../../electron/main/app';

/**
 * A stand-in for the 'electron' module, recording what the host asks of it. It has just
 * enough behaviour for the host's wiring: windows, web contents, IPC, protocol, session.
 */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: unknown[][] = [];
  readonly printed: { options: Record<string, unknown> }[] = [];
  print(options: Record<string, unknown>, callback: (success: boolean, reason: string) => void) {
    this.printed.push({ options });
    callback(true, '');
  }
  getPrintersAsync() {
    return Promise.resolve([
      { name: 'Receipt-80', isDefault: false },
      { name: 'Office-A4', isDefault: true },
    ]);
  }
  readonly mainFrame = { url: 'app://hall/' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  /** Emits an Electron-style event; returns whether a listener prevented the default. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export function createFakeElectron(options: { gotLock?: boolean; displays?: number } = {}) {
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const calls = { quit: 0, sandbox: 0 };
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  Object.assign(app, {
    requestSingleInstanceLock: () => options.gotLock ?? true,
    quit: () => void calls.quit++,
    enableSandbox: () => void calls.sandbox++,
    getPath: () => '/tmp/fake-user-data',
    getAppPath: () => '/tmp/fake-app',
    isPackaged: false,
    whenReady: () => whenReady,
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loaded: string | null = null;
    destroyed = false;
    /** What the app:// protocol answered when this window loaded its URL. */
    served: { status: number; type: string | null; bytes: Buffer } | null = null;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded = url;
      const handler = protocolHandlers.get('app');
      if (handler && url.startsWith('app://')) {
        const res = handler(new Request(url));
        this.served = {
          status: res.status,
          type: res.headers.get('content-type'),
          bytes: Buffer.from(await res.arrayBuffer()),
        };
      }
    }
    destroy() {
      this.destroyed = true;
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    static getAllWindows() {
      return windows;
    }
  }

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => ipcHandlers.set(channel, fn),
  };

  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Response>();
  const protocol = {
    registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s),
    handle: (scheme: string, fn: (request: Request) => Response) => protocolHandlers.set(scheme, fn),
  };

  const permissions: {
    request?: (wc: unknown, p: string, cb: (ok: boolean) => void, details?: unknown) => void;
    check?: (wc?: unknown, p?: string, origin?: string, details?: unknown) => boolean;
    device?: () => boolean;
  } = {};
  /** The default session's events (a download starting), for a test to fire. */
  const sessionEvents = new EventEmitter();
  const session = {
    defaultSession: {
      on: (event: string, fn: (...args: unknown[]) => void) => sessionEvents.on(event, fn),
      setPermissionRequestHandler: (fn: typeof permissions.request) => (permissions.request = fn),
      setPermissionCheckHandler: (fn: typeof permissions.check) => (permissions.check = fn),
      setDevicePermissionHandler: (fn: typeof permissions.device) => (permissions.device = fn),
    },
  };

  const displays = Array.from({ length: options.displays ?? 1 }, (_, i) => ({
    id: i + 1,
    bounds: { x: i * 1920, y: 0, width: 1920, height: 1080 },
  }));
  const screen = { getPrimaryDisplay: () => displays[0], getAllDisplays: () => displays };

  /** The message boxes the host showed, and the button the next one answers with. */
  const dialogs = { shown: [] as { message: string; buttons: string[] }[], answer: 1 };
  const dialog = {
    showMessageBoxSync: (_win: unknown, box: { message: string; buttons: string[] }) => {
      dialogs.shown.push(box);
      return dialogs.answer;
    },
  };

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session,
    screen,
    dialog,
  } as unknown as ElectronModule;
  return {
    module,
    app,
    calls,
    ready,
    windows,
    ipcHandlers,
    schemes,
    protocolHandlers,
    permissions,
    sessionEvents,
    dialogs,
  };
}
