import type { HostKind } from '../../shared/contract';
import { EventHub } from './events';
import { createLogger, type Logger } from './log';
import { dataFiles } from './paths';
import { createRouter, type Handlers, type Router } from './router';
import { systemHandlers } from './services/system';
import { SessionStore } from './sessions';
import { Store } from './store';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  /** e.g. "Node 20.20.2" or "Electron 40.8.5". */
  runtime: string;
  now?: () => Date;
  log?: Logger;
  idleLockMs?: number;
}

export interface Core {
  router: Router;
  events: EventHub;
  sessions: SessionStore;
  store: Store;
  log: Logger;
  close(): void;
}

const DEFAULT_IDLE_LOCK_MS = 10 * 60 * 1000;

/** The back end of the app, host-independent: each host creates one and mounts its router. */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? createLogger();
  const events = new EventHub();
  const sessions = new SessionStore(() => now().getTime(), options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS);
  const store = new Store(dataFiles(options.dataDir));

  const handlers = {
    ...systemHandlers({ host: options.host, runtime: options.runtime, store, now }),
  } satisfies Handlers;

  const router = createRouter(handlers, sessions, log);
  return {
    router,
    events,
    sessions,
    store,
    log,
    close: () => store.close(),
  };
}
