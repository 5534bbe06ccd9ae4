import {
  HallError,
  typedClient,
  type ErrorCode,
  type HallBridge,
  type HallClient,
  type HostPrinter,
  type Result,
} from '../../../shared/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser (the preview host). */
    hall?: HallBridge;
  }
}

/** Characters of a body sent with keepalive (the browser's limit is 64 KiB, and a Chinese character is 3 bytes). */
const KEEPALIVE_LIMIT = 20_000;

/** The same bridge over HTTP: POST /api/<method>, events by server-sent events. */
function httpBridge(): HallBridge {
  let source: EventSource | null = null;
  return {
    async call(method, input): Promise<Result<unknown>> {
      try {
        const body = JSON.stringify(input ?? {});
        const response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          credentials: 'same-origin',
          // A save started as the tab closes still reaches the host; the browser keeps such
          // requests alive up to 64 KiB of body.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: new HallError('INTERNAL', '无法连接到后台服务，请检查程序是否仍在运行。').toBody() };
      }
    },
    on(event, listener) {
      source ??= new EventSource('/api/events');
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

const client = typedClient(window.hall ?? httpBridge());
const AUTH_LOST: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED']);
const authLost = new Set<() => void>();

/**
 * Called when any call finds the session gone, idle-locked, or held until the account replaces
 * the password an administrator gave it, so the login, lock or change-password screen shows at once.
 */
export function onAuthLost(listener: () => void): () => void {
  authLost.add(listener);
  return () => authLost.delete(listener);
}

export const hall: HallClient = {
  async call(method, input) {
    const result = await client.call(method, input);
    if (!result.ok && AUTH_LOST.has(result.error.code)) for (const l of authLost) l();
    return result;
  },
  on: client.on,
};

/** The desktop app's printers (ticket and A4); null in a browser, which prints through its dialog. */
export const hostPrinter: HostPrinter | null = window.hall?.printer ?? null;
