import { Worker } from 'node:worker_threads';
import { bigrams } from './bigrams';
import { CONNECTION_PRAGMAS, cipherPragmas } from './connection';
import { applyMigrations } from './migrate';
import type { Migration } from './migrations.generated';

/**
 * The upgrade's thread: pending migrations run on a connection of its own, so the thread that
 * answers the window (and the upgrade screen's questions) stays free while SQLite rebuilds
 * tables for minutes. Like the backup's worker (backup/worker.ts) it is JavaScript kept as text
 * and started with `eval: true`, so it runs the same from the bundles, vitest and the packaged
 * app. It runs the *text* of migrate.ts's applyMigrations and of bigrams.ts's bigrams (both
 * self-contained for this): one way to apply a migration, one definition of hall_bigrams.
 *
 * All pending migrations are one transaction, as on the main thread: a crash or a kill at any
 * statement leaves the WAL with an uncommitted transaction, which SQLite drops at the next open,
 * so the store opens at its old version and the next login starts the upgrade again.
 */
const UPGRADE_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
// A bundler told to keep function names (esbuild's keepNames, as tsx runs it) wraps inner
// functions in __name(fn, "name"): outside their module that helper must exist; naming is all it does.
globalThis.__name = globalThis.__name || ((fn) => fn);
const applyMigrations = new Function('return (' + w.applySource + ')')();
const bigrams = new Function('return (' + w.bigramsSource + ')')();
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// The named steps of infra/crash-points.ts: a test sets HALL_CRASH_AT and the process dies here.
const crashPoint = (step) => {
  if (process.env.HALL_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
};
try {
  const db = new Database(w.database, { fileMustExist: true, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
  try {
    for (const pragma of w.pragmas) db.pragma(pragma);
    db.function('hall_bigrams', { deterministic: true }, bigrams);
    // One instant for the whole upgrade: the core's clock as it stood when the upgrade began.
    db.function('hall_now', { deterministic: false }, () => w.now);
    applyMigrations(db, w.pending, w.appliedAt, (migration, statements) => {
      parentPort.postMessage({ type: 'progress', migration, statements });
      crashPoint('upgrade:' + migration + ':' + statements);
      if (w.statementDelayMs > 0) pause(w.statementDelayMs);
    });
    crashPoint('upgrade:committed');
  } finally {
    db.close();
  }
  parentPort.postMessage({ type: 'done' });
} catch (error) {
  parentPort.postMessage({
    type: 'error',
    code: String((error && error.code) || ''),
    message: String((error && error.message) || error),
    violations: error && typeof error.violations === 'number' ? error.violations : null,
  });
}
`;

export interface UpgradeWorkerOptions {
  database: string;
  key: Buffer;
  pending: Migration[];
  /** The core's clock when the upgrade began (hall_now() in column defaults). */
  now: string;
  /** Machine time, recorded as each migration's applied_at. */
  appliedAt: string;
  nativeBinding?: string;
  /** A pause after each statement, for tests that need an upgrade still running (or slow). */
  statementDelayMs?: number;
  onProgress: (migration: number, statementsDone: number) => void;
}

/** Runs the pending migrations in a worker; resolves when they are committed, rejects with the error (a foreign-key violation carries `violations`). */
export function runUpgradeWorker(options: UpgradeWorkerOptions): {
  done: Promise<void>;
  terminate: () => Promise<number>;
} {
  const worker = new Worker(UPGRADE_WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3-multiple-ciphers'),
      nativeBinding: options.nativeBinding ?? null,
      database: options.database,
      pragmas: [...cipherPragmas(options.key), 'journal_mode = WAL', ...CONNECTION_PRAGMAS],
      pending: options.pending,
      now: options.now,
      appliedAt: options.appliedAt,
      statementDelayMs: options.statementDelayMs ?? 0,
      applySource: applyMigrations.toString(),
      bigramsSource: bigrams.toString(),
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
    worker.on(
      'message',
      (m: {
        type: string;
        migration?: number;
        statements?: number;
        code?: string;
        message?: string;
        violations?: number | null;
      }) => {
        if (m.type === 'progress') options.onProgress(m.migration!, m.statements!);
        else if (m.type === 'done') {
          settled = true;
          resolve();
        } else if (m.type === 'error') {
          settled = true;
          reject(
            Object.assign(new Error(m.message), {
              code: m.code,
              ...(m.violations != null ? { violations: m.violations } : {}),
            }),
          );
        }
      },
    );
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(Object.assign(new Error(`upgrade worker exited (${code})`), { code: 'WORKER_EXIT' }));
    });
  });
  return { done, terminate: () => worker.terminate() };
}
