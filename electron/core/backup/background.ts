import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HallError, type EventPayload } from '../../../shared/contract';
import { cipherPragmas, translateDriverError } from '../infra/db/connection';
import { crashPoint } from '../infra/crash-points';
import type { EventHub } from '../infra/events';
import { fsyncDir } from '../infra/fs-safe';
import type { Logger } from '../infra/log';
import type { BackupInfo, BackupPlan, Store } from '../infra/store';
import { cleanPlace, freeBytes, placeBackups, placeProblem, prunePlace, SPARE_BYTES, spaceFor } from './place';
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

/** The last copy to the second place since the app started (shown on 设置 › 备份). */
export interface PlaceCopy {
  at: string;
  name: string;
  ok: boolean;
  message: string | null;
}

interface Running {
  plan: BackupPlan;
  /** The worker of the current step (the backup, then the copy to the second place), or null between. */
  worker: Worker | null;
  /** The copy at the second place being written, removed if the backup is stopped. */
  placeStaging: string | null;
  progress: BackupProgress;
  release: () => void;
  aborted: boolean;
  done: Promise<void>;
}

const SYSTEM = { id: null, name: '系统' };

/**
 * Backups, one at a time, in a worker thread (./worker.ts): the login and every call go on while
 * it copies, re-encrypts and checks; the store only publishes the result (Store.publishBackup).
 * Every backup goes this way — the daily one, 立即备份, `hall backup --out`, the one before a
 * rekey — and restores and rekeys queue behind them (exclusive()), so nothing replaces the live
 * file while a backup reads it. A backup made in the backups' folder is then copied to the
 * second place (settings.backupPlace) and checked there. Progress goes out as `backup.progress`
 * events; a daily backup that fails becomes the session's notice, and so does a second place
 * that failed or space that runs short (Store.setBackupWarning).
 */
export class BackgroundBackups {
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Backups and exclusive tasks queued or in progress. */
  private pending = 0;
  private dailyQueued = false;
  private placeLast: PlaceCopy | null = null;
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

  /** The last copy to the second place since the app started, or null. */
  lastPlaceCopy(): PlaceCopy | null {
    return this.placeLast;
  }

  /**
   * Starts the daily backup when none was taken this China day and returns at once. A backup that
   * cannot be made (a full disk, a failed check) must not stop the day's work: the staff are
   * told (the session's notice) and the next login tries again.
   */
  startIfDue(): Promise<BackupInfo | null> {
    if (!this.store.isOpen() || !this.store.backupDue() || this.dailyQueued) return Promise.resolve(null);
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
      this.checkSpace();
    } catch (error) {
      return Promise.resolve(failed(error));
    }
    this.dailyQueued = true;
    // The failure is recorded inside the job, so settle() returns with the notice already set.
    return this.enqueue(() =>
      this.start('daily')
        .catch(failed)
        .finally(() => (this.dailyQueued = false)),
    );
  }

  /**
   * A backup in the background, after the one running (if any); `target`: a file of the user's
   * choosing instead of the backups' folder (not copied to the second place, not pruned). The
   * space is checked first, on this thread, so a disk that cannot hold the copy is said at once
   * and nothing is written.
   */
  run(reason: string, target?: string): Promise<BackupInfo> {
    this.checkSpace(target ? path.dirname(path.resolve(target)) : this.store.files.backups);
    return this.enqueue(() => this.start(reason, target));
  }

  /**
   * Runs `task` when no backup is running or queued before it; backups asked for meanwhile wait
   * for it. Restore and rekey go this way: they replace the live file, which a backup must never
   * be reading. `task` may take its own backup first through the `backup` it is given (the
   * pre-rekey backup), which runs at once, not behind the task itself.
   */
  exclusive<T>(task: (backup: (reason: string) => Promise<BackupInfo>) => T | Promise<T>): Promise<T> {
    return this.enqueue(async () =>
      task((reason) => {
        this.checkSpace(this.store.files.backups);
        return this.start(reason);
      }),
    );
  }

  /** One queue for backups and exclusive tasks: each starts after everything asked for before it. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const go = (): Promise<T> => {
      let result: Promise<T>;
      try {
        result = task();
      } catch (error) {
        result = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return result.finally(() => this.pending--);
    };
    // Nothing running or waiting: it starts now, so status() shows a backup as soon as this returns.
    const next = this.pending++ > 0 ? this.queue.then(go) : go();
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Throws DISK_FULL when `dir` cannot hold another copy of the database. */
  checkSpace(dir: string = this.store.files.backups): void {
    const needed = fs.statSync(this.store.files.database).size + SPARE_BYTES;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const free = freeBytes(dir);
    if (free !== null && free < needed) {
      this.log.warn('no space for a backup', { free, needed });
      throw new HallError(
        'DISK_FULL',
        `备份所在磁盘剩余 ${mib(free)} MiB，不足以再存一份备份（需要约 ${mib(needed)} MiB）。请清理磁盘或在设置中减少保留的备份。`,
      );
    }
  }

  /**
   * Space and the second place as they are now, against the next backup (the database's size):
   * what 设置 › 备份 shows, and what is said after each backup.
   */
  spaceReport() {
    const store = this.store;
    const nextSize = fs.statSync(store.files.database, { throwIfNoEntry: false })?.size ?? 0;
    fs.mkdirSync(store.files.backups, { recursive: true, mode: 0o700 });
    const local = spaceFor(store.files.backups, nextSize);
    const dir = this.placeDir();
    const problem = dir ? placeProblem(dir, store.files.dir) : null;
    const space = dir && !problem ? spaceFor(dir, nextSize) : null;
    const warnings: string[] = [];
    if (local.short)
      warnings.push(
        `本机备份所在磁盘只剩 ${mib(local.free!)} MiB，下一次备份需要约 ${mib(local.needed)} MiB：请尽快清理磁盘或减少保留的备份。`,
      );
    if (problem) warnings.push(`第二备份位置不可用：${problem}${/[？。]$/.test(problem) ? '' : '。'}`);
    else if (space?.short)
      warnings.push(
        `第二备份位置只剩 ${mib(space.free!)} MiB，下一次备份需要约 ${mib(space.needed)} MiB：请更换更大的U盘或清理该文件夹。`,
      );
    if (this.placeLast && !this.placeLast.ok && !problem) warnings.push(this.placeLast.message!);
    return {
      local,
      place: {
        dir,
        problem,
        space,
        copies: dir && !problem ? placeBackups(dir).length : 0,
        last: this.placeLast,
      },
      warnings,
    };
  }

  private placeDir(): string {
    try {
      return this.store.isOpen() ? this.store.settings().backupPlace : '';
    } catch {
      return '';
    }
  }

  private async start(reason: string, target?: string): Promise<BackupInfo> {
    const store = this.store;
    const plan = store.planBackup(reason, target);
    const release = store.holdBusy();
    let finished = () => {};
    const running: Running = {
      plan,
      worker: null,
      placeStaging: null,
      progress: { reason, phase: 'copy', percent: 0, message: null },
      release,
      aborted: false,
      done: new Promise<void>((resolve) => (finished = resolve)),
    };
    this.running = running;
    const report = (next: Partial<BackupProgress>) => {
      Object.assign(running.progress, next);
      this.events.emit('backup.progress', { ...running.progress });
    };
    report({});
    try {
      let info: BackupInfo;
      try {
        const liveKey = store.currentKey();
        await this.runWorker(running, report, {
          mode: 'backup',
          database: store.files.database,
          staging: plan.staging,
          livePragmas: cipherPragmas(liveKey),
          filePragmas: cipherPragmas(plan.fileKey),
          rekeyPragma: `rekey="x'${plan.fileKey.toString('hex')}'"`,
        });
        info = store.publishBackup(plan);
      } catch (error) {
        store.discardBackup(plan);
        const failure = translateDriverError(error);
        report({
          phase: 'failed',
          message: failure instanceof HallError ? failure.message : '备份文件无法读写，未完成。',
        });
        throw failure instanceof Error ? failure : new Error(String(failure));
      }
      const notes = plan.pruneAfter ? await this.afterBackup(running, info, report) : [];
      report({ phase: 'done', percent: 100, message: notes.length > 0 ? notes.join(' ') : null });
      return info;
    } finally {
      plan.fileKey.fill(0);
      release();
      if (this.running === running) this.running = null;
      finished();
    }
  }

  /**
   * After a backup in the backups' folder: the copy to the second place, then what the staff
   * must know (the place failed, space runs short before the next backup fails), as the
   * session's notice and in the audit trail. The local backup stands whatever happens here.
   */
  private async afterBackup(
    running: Running,
    info: BackupInfo,
    report: (next: Partial<BackupProgress>) => void,
  ): Promise<string[]> {
    const dir = this.placeDir();
    if (dir && !running.aborted) await this.copyToPlace(running, dir, info, report);
    const { local, place, warnings } = this.spaceReport();
    this.store.setBackupWarning(warnings.length > 0 ? warnings.join(' ') : null);
    if (local.short || place.space?.short) {
      this.log.warn('backup space running short', { local: local.free, place: place.space?.free ?? null });
      this.auditQuietly({
        action: 'backup.spaceShort',
        entity: 'backup',
        entityId: info.name,
        detail: {
          localFreeMiB: local.free === null ? null : Math.floor(local.free / 2 ** 20),
          placeFreeMiB: place.space?.free == null ? null : Math.floor(place.space.free / 2 ** 20),
          neededMiB: Math.ceil(local.needed / 2 ** 20),
        },
      });
    }
    return warnings;
  }

  /**
   * Copies a published backup to the second place: the place checked (there, writable, room for
   * it), what an earlier copy left half-made removed, the copy written in steps to `….partial`
   * by the worker and opened there with the backup's own key and checked, its sidecars written,
   * the copy renamed last; then the retention scheme applied there. Never throws: a failure is
   * recorded (lastPlaceCopy, the audit trail) and said.
   */
  private async copyToPlace(
    running: Running,
    dir: string,
    info: BackupInfo,
    report: (next: Partial<BackupProgress>) => void,
  ): Promise<void> {
    const at = this.store.now().toISOString();
    const file = path.join(dir, info.name);
    const staging = `${file}.partial`;
    try {
      const problem = placeProblem(dir, this.store.files.dir);
      if (problem) throw new HallError('NOT_FOUND', problem);
      cleanPlace(dir);
      const free = freeBytes(dir);
      const needed = info.size + SPARE_BYTES;
      if (free !== null && free < needed)
        throw new HallError('DISK_FULL', `剩余 ${mib(free)} MiB，放不下这份备份（需要约 ${mib(needed)} MiB）`);
      report({ phase: 'place', percent: 0 });
      running.placeStaging = staging;
      try {
        await this.runWorker(running, report, {
          mode: 'place',
          source: info.file,
          staging,
          filePragmas: cipherPragmas(running.plan.fileKey),
        });
        // Sidecars first, the copy renamed last (as Store.publishBackup): a listed copy has its keyring.
        for (const sidecar of ['.keyring.json', '.audit-head.json']) copySynced(info.file + sidecar, file + sidecar);
        crashPoint('place:sidecars');
        fs.renameSync(staging, file);
        fsyncDir(dir);
      } catch (error) {
        removeStaged(staging);
        for (const sidecar of ['.keyring.json', '.audit-head.json'])
          if (!fs.existsSync(file)) fs.rmSync(file + sidecar, { force: true });
        throw error;
      } finally {
        running.placeStaging = null;
      }
      const dropped = prunePlace(dir, this.store.retentionPolicy());
      this.placeLast = { at, name: info.name, ok: true, message: null };
      this.log.info('backup copied to the second place', { dropped: dropped.length });
      this.auditQuietly({ action: 'backup.placeCopy', entity: 'backup', entityId: info.name, detail: { dropped } });
    } catch (error) {
      const message = `备份 ${info.name} 未能复制到第二备份位置（${placeFailure(error)}）；本机的备份已完成，不受影响。`;
      this.placeLast = { at, name: info.name, ok: false, message };
      this.log.warn('copy to the second place failed', { code: (error as { code?: string }).code ?? null });
      this.auditQuietly({
        action: 'backup.placeFailed',
        entity: 'backup',
        entityId: info.name,
        detail: { reason: placeFailure(error) },
      });
    }
  }

  /** An audit entry of the system's; a store that cannot write (closed, damaged) loses only the entry. */
  private auditQuietly(entry: Parameters<Store['audit']>[1]): void {
    try {
      if (this.store.isOpen()) this.store.audit(SYSTEM, entry);
    } catch {
      this.log.warn('backup audit entry not written', { action: entry.action });
    }
  }

  /** One step in the worker thread: resolves when it reports done, rejects on its error or when stopped. */
  private runWorker(
    running: Running,
    report: (next: Partial<BackupProgress>) => void,
    data: Record<string, unknown>,
  ): Promise<void> {
    if (running.aborted) return Promise.reject(new HallError('DATA_PROBLEM', '备份已中止，未完成的副本已删除。'));
    const store = this.store;
    const worker = new Worker(BACKUP_WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: this.driver,
        nativeBinding: this.options.nativeBinding ?? null,
        chunkBytes: this.options.chunkBytes ?? 8 * 2 ** 20,
        stepDelayMs: this.options.stepDelayMs ?? 0,
        ...data,
      },
    });
    running.worker = worker;
    return new Promise<void>((resolve, reject) => {
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
            percent:
              m.phase === 'copy' || m.phase === 'place' ? Math.floor((m.done * 100) / Math.max(1, m.total)) : 100,
          });
        else if (m.type === 'done') outcome = { ok: true };
        else outcome = { ok: false, error: workerError(m) };
      });
      worker.on('error', (error) => (outcome ??= { ok: false, error }));
      worker.on('exit', () => {
        if (running.worker === worker) running.worker = null;
        if (!outcome || running.aborted) reject(new HallError('DATA_PROBLEM', '备份已中止，未完成的副本已删除。'));
        else if (!outcome.ok) reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
        else resolve();
      });
    });
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
      // The queue, not only the step: what the job does with its outcome (the notice) is done too.
      Promise.all([running.done, this.queue]).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), capMs))),
    ]);
    clearTimeout(timer);
    if (!finished) this.abort();
    return finished;
  }

  /** Stops the backup in progress at once; what it wrote (here and at the second place) is removed. */
  abort(): void {
    const running = this.running;
    if (!running) return;
    this.log.warn('background backup stopped', { reason: running.plan.reason });
    running.aborted = true;
    void running.worker?.terminate();
    // Removed now as well as when the worker has exited: the process may end before that.
    this.store.discardBackup(running.plan);
    if (running.placeStaging) removeStaged(running.placeStaging);
    running.release();
  }
}

/** Why a copy to the second place failed, in words for the staff. */
function placeFailure(error: unknown): string {
  if (error instanceof HallError)
    return error.code === 'DISK_FULL' && !error.message.includes('MiB')
      ? '磁盘已满'
      : error.message.replace(/[。.]$/, '');
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return '磁盘已满';
  if (['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'EHOSTDOWN'].includes(code)) return 'U盘被拔出或网络文件夹断开';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入权限';
  if (code.startsWith('SQLITE_')) return '复制后的文件未通过校验';
  return `复制失败${code ? `（${code}）` : ''}`;
}

/** Copies a small file and syncs it (a backup's sidecar, to the second place). */
function copySynced(from: string, to: string): void {
  fs.copyFileSync(from, to);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeStaged(staging: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true });
}

type WorkerMessage =
  | { type: 'checkpoint' }
  | { type: 'progress'; phase: 'copy' | 'encrypt' | 'check' | 'place'; done: number; total: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };

function workerError(m: { code: string; message: string }): unknown {
  if (m.code === 'CHECK_FAILED') return new HallError('DATA_PROBLEM', `备份校验失败：${m.message}`);
  return translateDriverError(Object.assign(new Error(m.message), { code: m.code }));
}

const mib = (bytes: number) => Math.floor(bytes / 2 ** 20).toLocaleString('en-US');
