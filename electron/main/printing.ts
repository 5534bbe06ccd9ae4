import { randomBytes } from 'node:crypto';
import type * as Electron from 'electron';
import { APP_ORIGIN } from './security';

/** URL path under app:// where a PDF waiting to be printed is served, from memory only. */
export const PRINT_PATH = '/__print/';

/**
 * PDFs handed to the printer, held in memory under an unguessable token while a hidden window
 * loads them: they hold personal data and never touch the disk unencrypted.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, Buffer>();

  add(pdf: Buffer): string {
    const token = randomBytes(24).toString('hex');
    this.jobs.set(token, pdf);
    return token;
  }

  /** The PDF for an app:// path, or null. */
  lookup(pathname: string): Buffer | null {
    if (!pathname.startsWith(PRINT_PATH)) return null;
    const token = pathname.slice(PRINT_PATH.length).replace(/\.pdf$/, '');
    return this.jobs.get(token) ?? null;
  }

  remove(token: string): void {
    this.jobs.delete(token);
  }
}

/** A hidden window with Chromium's PDF viewer (plugins) and nothing else: no preload, no Node. */
export function printWindowOptions(): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      spellcheck: false,
    },
  };
}

/**
 * Prints a PDF to a named printer (empty: the system default). Tickets go silently to the
 * receipt printer; A4 documents show the system dialog so the operator can choose copies.
 * Electron prints PDFs through webContents.print since 32 (blank pages before) and silently
 * since 36.
 */
export async function printPdf(
  BrowserWindow: typeof Electron.BrowserWindow,
  jobs: PrintJobs,
  pdf: Buffer,
  options: { deviceName: string; silent: boolean },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const token = jobs.add(pdf);
  const win = new BrowserWindow(printWindowOptions());
  try {
    await win.loadURL(`${APP_ORIGIN}${PRINT_PATH}${token}.pdf`);
    return await new Promise((resolve) =>
      win.webContents.print(
        {
          silent: options.silent,
          printBackground: true,
          ...(options.deviceName ? { deviceName: options.deviceName } : {}),
        },
        (success, reason) => resolve(success ? { ok: true } : { ok: false, reason: reason || 'failed' }),
      ),
    );
  } finally {
    jobs.remove(token);
    win.destroy();
  }
}
