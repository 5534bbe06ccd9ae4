import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { HallError, type EventPayload } from '../../../shared/contract';
import { cipherPragmas, translateDriverError } from '../infra/db/connection';
import type { EventHub } from '../infra/events';
import type { Logger } from '../infra/log';
import type { BackupInfo, BackupPlan, Store } from '../infra/store';
import { BACKUP_WORKER_SOURCE } from './worker';

export type BackupProgress = EventPayload<'backup.progress'>;

export interface BackgroundOptions {
  /** Path of the driver built for Electron's ABI, in development (as for the store). */
  nativeBinding?: string;
  /** Bytes per copy step (default 8 MiB): one progress report at most per percent. */
  chunkBytes?: number;
  /** A pause after each copy step, for tests that need a backup still running at a given moment. */
  stepDelayMs?: number;
}

/** Free space a backup needs beyond the database's size: the copy, its journal while re-keyed, and room to work on. */
const SPARE_BYTES = 64 * 2 ** 20;

/**
 * Backups made beside the app, one at a time, in a worker thread (./worker.ts): the login and
 * every call go on while it copies, re-encrypts and checks; the store only publishes the result
 * (Store.publishBackup). Progress goes out as `backup.progress` events; a daily backup that fails
 * (a full disk, a failed check) becomes the session's notice, as before.
 */
export class BackgroundBackups {
  private running: {
    plan: BackupPlan;
    worker: Worker;
    done: Promise<BackupInfo>;
    progress: BackupProgress;
    release: () => void;
  } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly driver = require.resolve('better-sqlite3-multiple-ciphers');

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly log: Logger,
    private readonly options: BackgroundOptions = {},
  ) {}

  /** The backup in progress, or null. */
  status(): BackupProgress | null {
    return this.running?.progress ?? null;
  }

  /**
   * Starts the daily backup when none was taken this China day and returns at once. A backup that
   * cannot be made (a full disk, a failed check) must not stop the day's work: the staff are
   * told (the session's notice) and the next login tries again.
   */
  startIfDue(): Promise<BackupInfo | null> {
    if (!this.store.isOpen() || !this.store.backupDue() || this.running?.plan.reason === 'daily')
      return Promise.resolve(null);
    const failed = (error: unknown) => {
      const reason = error instanceof HallError && error.code === 'DISK_FULL' ? '磁盘空间不足' : '备份未能完成';
      const detail = error instanceof HallError && error.code === 'DATA_PROBLEM' ? `：${error.message}` : '';
      this.store.setBackupFailure(
        `今天的自动备份未完成（${reason}${detail}）。数据已正常保存；请清理磁盘后重新登录或在“设置 › 备份与恢复”中手动备份。`,
      );
      this.log.error('daily backup failed', { reason });
      return null;
    };
    try {
      return this.run('daily').then((info) => info, failed);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  }

  /**
   * A backup in the background, after the one running (if any). The space is checked first, on
   * this thread, so a disk that cannot hold the copy is said at once and nothing is written.
   */
  run(reason: string): Promise<BackupInfo> {
    this.checkSpace();
    const begin = () => {
      try {
        return this.start(reason);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    // Nothing running or waiting: it starts now, so status() shows it as soon as this returns.
    const next = this.running || this.waiting > 0 ? this.afterQueue(begin) : begin();
    this.queue = next.catch(() => undefined);
    return next;
  }

  private waiting = 0;

  private afterQueue(begin: () => Promise<BackupInfo>): Promise<BackupInfo> {
    this.waiting++;
    return this.queue.then(() => {
      this.waiting--;
      return begin();
    });
  }

  /** Throws DISK_FULL when the backups' folder cannot hold another copy of the database. */
  checkSpace(): void {
    const needed = fs.statSync(this.store.files.database).size + SPARE_BYTES;
    fs.mkdirSync(this.store.files.backups, { recursive: true, mode: 0o700 });
    const free = freeBytes(this.store.files.backups);
    if (free !== null && free < needed) {
      this.log.warn('no space for a backup', { free, needed });
      throw new HallError(
        'DISK_FULL',
        `备份所在磁盘剩余 ${mib(free)} MiB，不足以再存一份备份（需要约 ${mib(needed)} MiB）。请清理磁盘或在设置中减少保留的备份。`,
      );
    }
  }

  private start(reason: string): Promise<BackupInfo> {
    const store = this.store;
    const plan = store.planBackup(reason);
    const release = store.holdBusy();
    const liveKey = store.currentKey();
    const worker = new Worker(BACKUP_WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: this.driver,
        nativeBinding: this.options.nativeBinding ?? null,
        database: store.files.database,
        staging: plan.staging,
        livePragmas: cipherPragmas(liveKey),
        filePragmas: cipherPragmas(plan.fileKey),
        rekeyPragma: `rekey="x'${plan.fileKey.toString('hex')}'"`,
        chunkBytes: this.options.chunkBytes ?? 8 * 2 ** 20,
        stepDelayMs: this.options.stepDelayMs ?? 0,
      },
    });
    const progress: BackupProgress = { reason, phase: 'copy', percent: 0, message: null };
    const report = (next: Partial<BackupProgress>) => {
      Object.assign(progress, next);
      this.events.emit('backup.progress', { ...progress });
    };
    report({});
    const done = new Promise<BackupInfo>((resolve, reject) => {
      let outcome: { ok: true } | { ok: false; error: unknown } | null = null;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'checkpoint') {
          // The worker needs an empty WAL for its snapshot: this thread, the only writer, empties it.
          try {
            if (store.isOpen()) store.database.pragma('wal_checkpoint(TRUNCATE)');
          } catch {
            // Busy: the worker asks again.
          }
          worker.postMessage('checkpointed');
        } else if (m.type === 'progress')
          report({
            phase: m.phase,
            percent: m.phase === 'copy' ? Math.floor((m.done * 100) / Math.max(1, m.total)) : 100,
          });
        else if (m.type === 'done') outcome = { ok: true };
        else outcome = { ok: false, error: workerError(m) };
      });
      worker.on('error', (error) => (outcome ??= { ok: false, error }));
      worker.on('exit', () => {
        this.running = null;
        try {
          if (!outcome) throw new HallError('DATA_PROBLEM', '备份已中止，未完成的副本已删除。');
          if (!outcome.ok) throw outcome.error;
          const info = store.publishBackup(plan);
          report({ phase: 'done', percent: 100 });
          resolve(info);
        } catch (error) {
          store.discardBackup(plan);
          const failure = translateDriverError(error);
          report({
            phase: 'failed',
            message: failure instanceof HallError ? failure.message : '备份文件无法读写，未完成。',
          });
          reject(failure instanceof Error ? failure : new Error(String(failure)));
        } finally {
          plan.fileKey.fill(0);
          release();
        }
      });
    });
    this.running = { plan, worker, done, progress, release };
    return done;
  }

  /**
   * Waits for the backup in progress at most `capMs`; then stops it (its partial copy is removed,
   * or, if the process ends first, removed at the next start). True when none was left running.
   */
  async settle(capMs: number): Promise<boolean> {
    const running = this.running;
    if (!running) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      running.done.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), capMs))),
    ]);
    clearTimeout(timer);
    if (!finished) this.abort();
    return finished;
  }

  /** Stops the backup in progress at once; what it wrote is removed. */
  abort(): void {
    const running = this.running;
    if (!running) return;
    this.log.warn('background backup stopped', { reason: running.plan.reason });
    void running.worker.terminate();
    // Removed now as well as when the worker has exited: the process may end before that.
    this.store.discardBackup(running.plan);
    running.release();
  }
}

type WorkerMessage =
  | { type: 'checkpoint' }
  | { type: 'progress'; phase: 'copy' | 'encrypt' | 'check'; done: number; total: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };

function workerError(m: { code: string; message: string }): unknown {
  if (m.code === 'CHECK_FAILED') return new HallError('DATA_PROBLEM', `备份校验失败：${m.message}`);
  return translateDriverError(Object.assign(new Error(m.message), { code: m.code }));
}

function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const mib = (bytes: number) => Math.floor(bytes / 2 ** 20).toLocaleString('en-US');
