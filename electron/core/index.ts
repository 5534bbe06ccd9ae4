import type { HostKind } from '../../shared/contract';
import { makeClock, type TestClock } from './infra/clock';
import { EventHub } from './infra/events';
import type { KdfParams } from './infra/key-slots';
import { createLogger, type Logger } from './infra/log';
import { dataFiles } from './infra/paths';
import type { Area } from '../../shared/contract';
import { enforceScope } from './infra/scope';
import { mustChangePassword } from './infra/access';
import { createRouter, type AreaHandlers, type Handlers, type Router } from './infra/router';
import { DocumentService } from './documents/service';
import { pdfEngine } from './infra/pdf/engine';
import { discoverFonts } from './infra/pdf/fonts';
import { displayHandlers } from './display/handlers';
import { documentsHandlers } from './documents/handlers';
import { appointmentsHandlers } from './appointments/handlers';
import { dayHandlers } from './day/handlers';
import { attachmentsHandlers } from './attachments/handlers';
import { accountsHandlers } from './accounts/handlers';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backup/handlers';
import { BackgroundBackups } from './backup/background';
import { settingsHandlers } from './settings/handlers';
import { authHandlers } from './auth/handlers';
import { backupFraction, Upgrades } from './auth/upgrade';
import { calendarHandlers } from './calendar/handlers';
import { casesHandlers } from './cases/handlers';
import { superviseHandlers } from './supervise/handlers';
import { visitsHandlers } from './visits/handlers';
import { ledgerHandlers } from './ledger/handlers';
import { peopleHandlers } from './people/handlers';
import { petitionersHandlers } from './petitioners/handlers';
import { rosterHandlers } from './roster/handlers';
import { signaturesHandlers } from './signatures/handlers';
import { statsHandlers } from './stats/handlers';
import { printerHandlers } from './printer/handlers';
import { cardHandlers } from './card/handlers';
import { summonsHandlers } from './summons/handlers';
import { systemHandlers } from './system/handlers';
import { transferHandlers } from './transfer/handlers';
import { SessionStore } from './infra/sessions';
import { Store } from './infra/store';
import { PasswordGate } from './infra/password-gate';
import { CardReads } from './infra/card-reads';

/**
 * Each contract area's handlers come from `electron/core/<area>/handlers.ts`, and from nowhere
 * else (tests/unit/contract-areas.test.ts checks this map against the contract and the folders).
 */
export const AREA_HANDLERS = {
  system: systemHandlers,
  auth: authHandlers,
  accounts: accountsHandlers,
  settings: settingsHandlers,
  backup: backupHandlers,
  audit: auditHandlers,
  petitioners: petitionersHandlers,
  documents: documentsHandlers,
  signatures: signaturesHandlers,
  calendar: calendarHandlers,
  roster: rosterHandlers,
  people: peopleHandlers,
  transfer: transferHandlers,
  display: displayHandlers,
  visits: visitsHandlers,
  summons: summonsHandlers,
  attachments: attachmentsHandlers,
  appointments: appointmentsHandlers,
  day: dayHandlers,
  cases: casesHandlers,
  supervise: superviseHandlers,
  ledger: ledgerHandlers,
  stats: statsHandlers,
  printer: printerHandlers,
  card: cardHandlers,
} as const;

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  /** e.g. "Node 20.20.2" or "Electron 40.8.5". */
  runtime: string;
  /** The clock, for unit tests; otherwise made from `testClock` or the system time (infra/clock.ts). */
  now?: () => Date;
  /** A test clock from HALL_NOW (testClockFromEnv): shown by system.info and audited when the store opens. */
  testClock?: TestClock | null;
  log?: Logger;
  /** Path of the driver built for Electron's ABI, in development (see build/scripts/electron-native.mjs). */
  nativeBinding?: string;
  /** Key-slot cost; tests lower it, the app keeps the default. */
  kdf?: KdfParams;
  /**
   * Take the daily backup in the background at the first login of a China day (the desktop app
   * and preview host; not each CLI command, which would end before it and throw it away).
   */
  dailyBackup?: boolean;
  /** For tests of the background backup: a pause after each copy step (see backup/background.ts). */
  backupStepDelayMs?: number;
  /** For tests of upgrades: a pause after each migration statement, and how long a login waits before answering "upgrading". */
  upgradeStatementDelayMs?: number;
  upgradeAnswerMs?: number;
}

export interface Core {
  router: Router;
  documents: DocumentService;
  events: EventHub;
  sessions: SessionStore;
  store: Store;
  /** The one check of every password and recovery code (infra/password-gate.ts). */
  gate: PasswordGate;
  log: Logger;
  /** Backups made in a worker thread beside the app (backup/background.ts). */
  backups: BackgroundBackups;
  /** The methods each area's handlers answer, for the test that keeps areas and contract aligned. */
  methodsByArea: Record<Area, string[]>;
  /** Closes at once: a backup in progress is stopped and its partial copy removed. */
  close(): void;
  /** Closes when the app exits: waits for a backup in progress at most `capMs` (default 2.5 s), then as close(). */
  shutdown(capMs?: number): Promise<void>;
}

const DEFAULT_IDLE_LOCK_MS = 10 * 60 * 1000;
/** How long exit waits for a backup in progress before leaving it for the next start (closing adds ~0.4 s at 1M visits). */
const EXIT_BACKUP_CAP_MS = 2500;

/** The back end of the app, host-independent: each host creates one and mounts its router. */
export function createCore(options: CoreOptions): Core {
  const testClock = options.testClock ?? null;
  const now = options.now ?? makeClock(testClock);
  const log = options.log ?? createLogger();
  const events = new EventHub();
  const store = new Store({
    files: dataFiles(options.dataDir),
    log,
    now,
    testClock,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const sessions = new SessionStore(
    () => now().getTime(),
    DEFAULT_IDLE_LOCK_MS,
    (session) => mustChangePassword(store, session),
  );
  const gate = new PasswordGate(store, now);
  // The fonts of this PC plus those the administrator added in 设置; a new one rebuilds the engine.
  const engine = () => pdfEngine(() => discoverFonts(process.env, process.platform, store.settings().printFonts));
  const documents = new DocumentService(store, engine, now);

  const backups = new BackgroundBackups(store, events, log, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.backupStepDelayMs ? { stepDelayMs: options.backupStepDelayMs } : {}),
  });

  const upgrades = new Upgrades({
    store,
    backup: (reason) => backups.run(reason),
    backupProgress: () => backupFraction(backups.status()),
    now,
    log,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.upgradeStatementDelayMs ? { statementDelayMs: options.upgradeStatementDelayMs } : {}),
  });

  const kdf = options.kdf ? { kdf: options.kdf } : {};
  const cardReads = new CardReads(now);
  const areas = {
    system: systemHandlers({
      host: options.host,
      runtime: options.runtime,
      store,
      now,
      testClock: testClock?.instant ?? null,
    }),
    auth: authHandlers({
      store,
      sessions,
      gate,
      now,
      ...kdf,
      upgrades,
      ...(options.upgradeAnswerMs !== undefined ? { upgradeAnswerMs: options.upgradeAnswerMs } : {}),
      onOpened: () => {
        events.emit('system.stateChanged', { database: 'open' });
        if (options.dailyBackup) void backups.startIfDue();
      },
    }),
    accounts: accountsHandlers({ store, sessions, ...kdf }),
    settings: settingsHandlers({ store, sessions }),
    backup: backupHandlers({ store, sessions, gate, backups }),
    audit: auditHandlers({ store, now }),
    petitioners: petitionersHandlers({ store, now }),
    documents: documentsHandlers({ documents, store }),
    signatures: signaturesHandlers({ store }),
    calendar: calendarHandlers({ store }),
    roster: rosterHandlers({ store, now }),
    people: peopleHandlers({ store }),
    transfer: transferHandlers({ store, now }),
    display: displayHandlers({ store, now, testClock: testClock?.instant ?? null }),
    visits: visitsHandlers({ store, events, now, cardReads }),
    summons: summonsHandlers({ store, now }),
    attachments: attachmentsHandlers({ store }),
    appointments: appointmentsHandlers({ store, now }),
    day: dayHandlers({ store, events, now }),
    cases: casesHandlers({ store, now }),
    supervise: superviseHandlers({ store, now }),
    ledger: ledgerHandlers({ store, now, engine }),
    stats: statsHandlers({ store, now }),
    printer: printerHandlers({ store, documents, now }),
    card: cardHandlers({ store, now, cardReads }),
  } satisfies { [A in Area]: AreaHandlers<A> };
  const handlers = Object.assign({}, ...Object.values(areas)) as Handlers;

  const router = createRouter(handlers, sessions, log, (session, scope, input) =>
    enforceScope(store, session, scope, input),
  );
  return {
    router,
    documents,
    events,
    sessions,
    store,
    gate,
    log,
    methodsByArea: Object.fromEntries(Object.entries(areas).map(([area, h]) => [area, Object.keys(h)])) as Record<
      Area,
      string[]
    >,
    backups,
    close: () => {
      backups.abort();
      store.close();
    },
    shutdown: async (capMs = EXIT_BACKUP_CAP_MS) => {
      await backups.settle(capMs);
      store.close();
    },
  };
}

// ── What the hosts (electron/main, electron/preview, electron/cli) may use ───────────────────
// Hosts import this file and nothing deeper in core; keep this list short and deliberate.

/** Who is calling (host and connection): the context of every router call and operation. */
export type { CallContext } from './infra/router';
/** Where the data lives (HALL_DATA_DIR or the platform's folder), and the app's name and version. */
export { resolveDataDir } from './infra/paths';
export { APP_NAME, APP_VERSION } from './infra/app-info';
/** The test clock a host reads from HALL_NOW / HALL_NOW_RUNNING; a bad value throws, naming the variable. */
export { testClockFromEnv, type TestClock } from './infra/clock';
/** A logger that writes nothing, for the CLI, whose output is for scripts. */
export { silentLogger } from './infra/log';
/** The renderer bundle as files, with the strict CSP: the same for app:// and the preview host. */
export { contentType, resolveStaticFile, SECURITY_HEADERS } from './infra/static-files';
/** The audit actor of a session, for what a host records itself (sending a PDF to a printer). */
export { actorOf } from './infra/access';
/** Files for the user (exports, reports, PDFs) readable by their owner alone: the CLI's writes, the app's downloads. */
export { restrictToOwner, writeOwnerOnly } from './infra/fs-safe';

/**
 * Operations: what core offers a host beside the contract's methods, because they take a path
 * on this machine, show a secret once, or need no database. Those that act for an account check
 * the caller's session as the router does; failures are `HallError`s, as from the router.
 */
export { backupToPath, restoreFromPath } from './operations/backup-to-path';
export { changeDatabaseKey, rotateRecoveryCode } from './operations/rekey';
export { fillDemoData } from './operations/fill-demo';
export { describeSampleFonts, renderSample } from './operations/sample';
