import type { HostKind } from '../../shared/contract';
import { EventHub } from './infra/events';
import type { KdfParams } from './infra/key-slots';
import { createLogger, type Logger } from './infra/log';
import { dataFiles } from './infra/paths';
import { createRouter, type Handlers, type Router } from './infra/router';
import { DocumentService } from './documents/service';
import { pdfEngine } from './infra/pdf/engine';
import { discoverFonts } from './infra/pdf/fonts';
import { adminHandlers } from './settings/handlers';
import { displayHandlers } from './display/handlers';
import { documentHandlers } from './documents/handlers';
import { appointmentHandlers } from './appointments/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { authHandlers } from './auth/handlers';
import { calendarHandlers } from './calendar/handlers';
import { caseHandlers } from './cases/handlers';
import { counterHandlers } from './visits/handlers';
import { exportHandlers } from './transfer/exports';
import { ledgerHandlers } from './ledger/handlers';
import { peopleHandlers } from './people/handlers';
import { petitionerHandlers } from './petitioners/handlers';
import { rosterHandlers } from './roster/handlers';
import { signatureHandlers } from './signatures/handlers';
import { statsHandlers } from './stats/handlers';
import { summonsHandlers } from './summons/handlers';
import { systemHandlers } from './system/handlers';
import { transferHandlers } from './transfer/handlers';
import { SessionStore } from './infra/sessions';
import { Store } from './infra/store';
import { LoginThrottle } from './infra/throttle';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  /** e.g. "Node 20.20.2" or "Electron 40.8.5". */
  runtime: string;
  now?: () => Date;
  log?: Logger;
  /** Path of the driver built for Electron's ABI, in development (see build/scripts/electron-native.mjs). */
  nativeBinding?: string;
  /** Key-slot cost; tests lower it, the app keeps the default. */
  kdf?: KdfParams;
  /** Back up when the app closes (the desktop app and preview host; not each CLI command). */
  backupOnClose?: boolean;
}

export interface Core {
  router: Router;
  documents: DocumentService;
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
  const sessions = new SessionStore(() => now().getTime(), DEFAULT_IDLE_LOCK_MS);
  const store = new Store({ files: dataFiles(options.dataDir), log, now, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const throttle = new LoginThrottle(() => now().getTime());
  const documents = new DocumentService(store, () => pdfEngine(() => discoverFonts()), now);

  const handlers = {
    ...systemHandlers({ host: options.host, runtime: options.runtime, store, now }),
    ...authHandlers({ store, sessions, throttle, now, ...(options.kdf ? { kdf: options.kdf } : {}), onOpened: () => events.emit('system.stateChanged', { database: 'open' }) }),
    ...adminHandlers({ store, sessions }),
    ...petitionerHandlers({ store }),
    ...documentHandlers({ documents, store }),
    ...signatureHandlers({ store }),
    ...calendarHandlers({ store }),
    ...rosterHandlers({ store }),
    ...peopleHandlers({ store }),
    ...transferHandlers({ store }),
    ...displayHandlers({ store, now }),
    ...counterHandlers({ store, events, now }),
    ...summonsHandlers({ store, now }),
    ...attachmentHandlers({ store }),
    ...appointmentHandlers({ store, now }),
    ...caseHandlers({ store, now }),
    ...ledgerHandlers({ store, now, engine: () => pdfEngine(() => discoverFonts()) }),
    ...exportHandlers({ store, now }),
    ...statsHandlers({ store, now }),
  } satisfies Handlers;

  const router = createRouter(handlers, sessions, log);
  return {
    router,
    documents,
    events,
    sessions,
    store,
    log,
    close: () => {
      if (options.backupOnClose && store.isOpen()) {
        try {
          store.backup('exit');
        } catch {
          log.error('exit backup failed');
        }
      }
      store.close();
    },
  };
}
