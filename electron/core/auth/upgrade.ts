import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HallError, type UpgradeView } from '../../../shared/contract';
import { machineTime } from '../infra/clock';
import { upgradeDelayMs } from '../infra/crash-points';
import { migrationError } from '../infra/db/migrate';
import type { Migration } from '../infra/db/migrations.generated';
import { priorSeconds, UpgradeTracker } from '../infra/db/upgrade-estimate';
import { runUpgradeWorker } from '../infra/db/upgrade-worker';
import type { Logger } from '../infra/log';
import type { BackupInfo, Store } from '../infra/store';

export interface UpgradeDeps {
  store: Store;
  /** The backup before any change, made beside the app (backup/background.ts). */
  backup: (reason: string) => Promise<BackupInfo>;
  /** Where the backup stands, as a fraction, while it runs. */
  backupProgress: () => number | null;
  now: () => Date;
  log: Logger;
  nativeBinding?: string;
  /** For tests: a pause after each migration statement, an upgrade made slow on purpose. */
  statementDelayMs?: number;
  /** Monotonic milliseconds, for the estimate (tests set their own). */
  ms?: () => number;
}

interface Job {
  steps: number;
  phase: 'backup' | 'migrate';
  /** Pending-list index of the migration running. */
  migration: number;
  backupStarted: number;
  tracker: UpgradeTracker | null;
  /** What the migrations should take at the prior rate, said while the backup runs. */
  migrationSeconds: number;
  backupName: string | null;
  done: Promise<void>;
}

/**
 * Database upgrades that a login starts and waits for, off the thread that answers: first the
 * backup (in the backup worker), then every pending migration in one transaction on the upgrade
 * worker's own connection (infra/db/upgrade-worker.ts). Meanwhile `view()` says which step runs,
 * how far it is and how long the rest should take; the login answers with it at once (see
 * auth/handlers.ts) and the upgrade screen asks again until the store is open.
 */
export class Upgrades {
  private job: Job | null = null;
  private failure: UpgradeView | null = null;
  private readonly ms: () => number;

  constructor(private readonly deps: UpgradeDeps) {
    this.ms = deps.ms ?? (() => performance.now());
  }

  running(): boolean {
    return this.job !== null;
  }

  /**
   * The upgrade running (joined, whatever the key: the caller has already unwrapped it from a
   * slot of this store), or a new one when opening with `key` needs migrations; null when it
   * needs none. Resolves when the store's file is at the app's schema (the caller opens it).
   */
  startIfNeeded(key: Buffer): Promise<void> | null {
    if (this.job) return this.job.done;
    const plan = this.deps.store.pendingUpgrade(key);
    if (!plan) return null;
    this.failure = null;
    const job: Job = {
      steps: plan.pending.length + 1,
      phase: 'backup',
      migration: 0,
      backupStarted: this.ms(),
      tracker: null,
      migrationSeconds: priorSeconds(plan.weights),
      backupName: null,
      done: Promise.resolve(),
    };
    this.job = job;
    this.deps.store.setUpgrading(true);
    const own = Buffer.from(key);
    job.done = this.run(job, own, plan).then(
      () => {
        own.fill(0);
        this.job = null;
        this.deps.store.setUpgrading(false);
      },
      (error: unknown) => {
        own.fill(0);
        this.job = null;
        this.deps.store.setUpgrading(false);
        this.failure = failed(error, job);
        this.deps.log.error('upgrade failed', { step: job.phase, migration: job.migration });
        throw this.failure.message ? new HallError('DATA_PROBLEM', this.failure.message) : error;
      },
    );
    return job.done;
  }

  private async run(job: Job, key: Buffer, plan: { from: number; pending: Migration[]; weights: number[][] }) {
    const { store } = this.deps;
    store.openForUpgradeBackup(key);
    try {
      const info = await this.deps.backup(`pre-migrate-v${plan.from}`);
      job.backupName = path.basename(info.file);
    } finally {
      store.close();
    }
    job.phase = 'migrate';
    const tracker = new UpgradeTracker(plan.weights, this.ms);
    job.tracker = tracker;
    const started = this.ms();
    const worker = runUpgradeWorker({
      database: store.files.database,
      key,
      pending: plan.pending,
      now: this.deps.now().toISOString(),
      appliedAt: machineTime(),
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
      statementDelayMs: this.deps.statementDelayMs ?? upgradeDelayMs(),
      onProgress: (migration, statements) => {
        // A migration's last statement done: the next one is running.
        const finished = statements === plan.pending[migration]!.statements.length;
        job.migration = finished ? Math.min(migration + 1, plan.pending.length - 1) : migration;
        tracker.done(migration, statements);
      },
    });
    await worker.done;
    this.deps.log.info('upgrade done', {
      from: plan.from,
      to: plan.pending.at(-1)!.version,
      seconds: Math.round((this.ms() - started) / 100) / 10,
    });
  }

  /** What the upgrade screen shows now: the running upgrade, or the last one's failure. */
  view(): UpgradeView | null {
    const job = this.job;
    if (!job) return this.failure;
    if (job.phase === 'backup') {
      const fraction = this.deps.backupProgress() ?? 0;
      const elapsed = (this.ms() - job.backupStarted) / 1000;
      return {
        phase: 'backup',
        step: 1,
        steps: job.steps,
        percent: Math.floor(fraction * 100),
        // The backup's rest from its own pace (nothing to say before it has gone a little way),
        // then the migrations at the prior rate.
        remainingSeconds:
          fraction >= 0.03 ? Math.ceil((elapsed * (1 - fraction)) / fraction) + job.migrationSeconds : null,
        message: null,
        backup: null,
      };
    }
    const estimate = job.tracker!.estimate();
    return {
      phase: 'migrate',
      step: job.migration + 2,
      steps: job.steps,
      percent: Math.min(99, Math.floor(estimate.fraction * 100)),
      remainingSeconds: estimate.remainingSeconds,
      message: null,
      backup: job.backupName,
    };
  }
}

/**
 * How far a backup is, from its progress report: the copy is about a third of its time, the
 * re-encryption (every page read and written) most of the rest, the check the end.
 */
export function backupFraction(progress: { phase: string; percent: number } | null): number | null {
  if (!progress) return null;
  if (progress.phase === 'copy') return (progress.percent / 100) * 0.3;
  if (progress.phase === 'encrypt') return 0.3;
  if (progress.phase === 'check') return 0.85;
  return 1;
}

/** A failed upgrade as the screen says it: nothing changed, and where the backup is. */
function failed(error: unknown, job: Job): UpgradeView {
  const cause = migrationError(error);
  const base =
    cause instanceof HallError
      ? cause.message
      : job.phase === 'backup'
        ? '升级前的备份未能完成（请检查磁盘空间），数据库没有做任何改动。'
        : `数据库升级未能完成（${(cause as { code?: string }).code || (cause as Error).message}），升级已撤销，数据保持原样。`;
  const backup = job.backupName ? `升级前的备份为 ${job.backupName}。` : '';
  return {
    phase: 'failed',
    step: job.phase === 'backup' ? 1 : job.migration + 2,
    steps: job.steps,
    percent: 0,
    remainingSeconds: null,
    message: `${base}${backup}请联系技术支持。`,
    backup: job.backupName,
  };
}
