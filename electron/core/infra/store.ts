import fs from 'node:fs';
import path from 'node:path';
import { HallError, type DatabaseState } from '../../../shared/contract';
import { backupsToKeep, type RetentionPolicy } from '../../../shared/domain/backup-retention';
import { chinaDay } from '../../../shared/domain/calendar';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/domain/settings';
import {
  appendAudit,
  auditHead,
  sealOf,
  verifyAudit,
  type AuditActor,
  type AuditInput,
  type AuditHead,
  type AuditVerdict,
  type SealedHead,
} from './audit-chain';
import { eq } from 'drizzle-orm';
import { CIPHER_LABEL, openDatabase, quickCheck, translateDriverError, type Db } from './db/connection';
import { LATEST_SCHEMA, migrate, pendingMigrations, schemaVersion } from './db/migrate';
import type { Migration } from './db/migrations.generated';
import { statementWeights } from './db/upgrade-estimate';
import { checkPages } from './db/page-check';
import { orm } from './db/orm';
import { value, values } from './db/sql';
import { accounts, settings as settingsTable } from './db/schema';
import { fsyncDir, restrictToOwner, writeFileAtomic } from './fs-safe';
import { crashPoint } from './crash-points';
import {
  keyFingerprint,
  keyThroughSharedSlot,
  newDatabaseKey,
  readKeyring,
  rebindKeyring,
  revokedSince,
  writeKeyring,
  type KeyringFile,
} from './key-slots';
import type { Logger } from './log';
import type { DataFiles } from './paths';
import type { TestClock } from './clock';

export interface StoreDescription {
  state: DatabaseState;
  file: string;
  cipher: string;
  schemaVersion: number | null;
}

export interface StoreOptions {
  files: DataFiles;
  log: Logger;
  now: () => Date;
  /** Set when the clock is a test clock (HALL_NOW): each opening of the store records it in the audit trail. */
  testClock?: TestClock | null;
  nativeBinding?: string;
}

export interface BackupInfo {
  name: string;
  file: string;
  reason: string;
  createdAt: string;
  size: number;
}

/** What a backup's keyring says against the live one (see Store.keyStatus). */
export interface BackupKeyStatus {
  /** Slots in its keyring that the live keyring no longer has: secrets revoked since it was made. */
  revoked: number;
  /** Written before backups had keys of their own: its keyring opens the live file too. */
  sharesLiveKey: boolean;
}

const BACKUP_NAME = /^hall-(\d{8}-\d{6}\d{3})-([a-z-]+)\.db$/;

/**
 * The encrypted store: the keyring, the open database and its key, the settings, writes with
 * their audit entries, and backups. The key lives only in this object's memory while the
 * database is open, and is zeroed on close.
 */
export class Store {
  readonly files: DataFiles;
  private readonly log: Logger;
  /** The core's one clock (infra/clock.ts), for operations that hold the store and not the core. */
  readonly now: () => Date;
  private readonly testClock: TestClock | null;
  private readonly nativeBinding: string | undefined;
  private db: Db | null = null;
  private key: Buffer | null = null;
  /** The live sealed head as last read or written: every write checks it, so it is kept, not re-read. */
  private liveHead: SealedHead | null | undefined = undefined;
  private cachedSettings: Settings | null = null;
  /** Set when the page check finds damage: from then on nothing is written (see write()). */
  private damage: string | null = null;
  /** Set when today's automatic backup failed: the app works on, and says so. */
  private backupFailure: string | null = null;
  /** Set after a backup when the second place failed or space runs short (backup/background.ts). */
  private backupWarning: string | null = null;
  private pageCheck: Promise<void> = Promise.resolve();
  private checkRound = 0;

  constructor(options: StoreOptions) {
    this.files = options.files;
    this.log = options.log;
    this.now = options.now;
    this.testClock = options.testClock ?? null;
    this.nativeBinding = options.nativeBinding;
    if (fs.existsSync(this.files.dir)) this.finishInterruptedWork();
  }

  state(): DatabaseState {
    if (this.db) return 'open';
    return fs.existsSync(this.files.keyring) ? 'locked' : 'uninitialized';
  }

  describe(): StoreDescription {
    return {
      state: this.state(),
      file: this.files.database,
      cipher: CIPHER_LABEL,
      schemaVersion: this.db ? schemaVersion(this.db) : null,
    };
  }

  isOpen(): boolean {
    return this.db !== null;
  }

  officeName(): string | null {
    return this.db ? this.settings().officeName : null;
  }

  keyring(): KeyringFile {
    return readKeyring(this.files.keyring);
  }

  saveKeyring(keyring: KeyringFile): void {
    writeKeyring(this.files.keyring, keyring);
  }

  /** True when `key` is the key of this store (used to check a second login while open). */
  holdsKey(key: Buffer): boolean {
    return this.key !== null && this.key.equals(key);
  }

  currentKey(): Buffer {
    if (!this.key) throw new HallError('UNAUTHENTICATED');
    return this.key;
  }

  /** Opens the database with a key from a slot, migrating it (after a backup) if needed. */
  open(key: Buffer): void {
    if (this.upgrading) throw new HallError('CONFLICT', '数据库正在升级，请等升级完成后再试。');
    if (this.db) {
      if (!this.holdsKey(key)) throw new HallError('DATA_PROBLEM', '密钥与当前数据库不一致。');
      return;
    }
    const staged = `${this.files.database}.init`;
    // First run crashed after writing the keyring but before the rename: finish it.
    if (!fs.existsSync(this.files.database) && fs.existsSync(staged)) fs.renameSync(staged, this.files.database);
    if (!fs.existsSync(this.files.database) && fs.existsSync(this.files.keyring))
      throw new HallError('DATA_PROBLEM', `数据库文件 ${this.files.database} 不存在。可以从备份恢复（hall restore）。`);
    const db = this.openFile(this.files.database, key);
    restrictToOwner(this.files.database);
    this.db = db;
    this.key = Buffer.from(key);
    this.liveHead = undefined;
    try {
      migrate(db, (from) => this.backup(`pre-migrate-v${from}`));
    } catch (error) {
      this.close({ checkpoint: false });
      throw error;
    }
    this.cachedSettings = null;
    // An office set up before heads were sealed gets its first seal now; from here on every
    // write renews it.
    if (!fs.existsSync(this.files.auditHead)) this.sealAuditHead();
    this.auditFinishedSwap();
    // Whatever is written from here on carries the test clock's dates: the trail says so.
    if (this.testClock)
      this.audit(
        { id: null, name: '系统' },
        {
          action: 'system.testClock',
          entity: 'system',
          detail: { instant: this.testClock.instant, running: this.testClock.running },
        },
      );
    this.startPageCheck();
  }

  /**
   * What opening with `key` would migrate, read before anything is written (auth/upgrade.ts):
   * null when nothing is pending or the file is not there (open() says why). Refuses as open()
   * does: a database from a newer app, or one whose migrations differ from this app's.
   */
  pendingUpgrade(key: Buffer): { from: number; pending: Migration[]; weights: number[][] } | null {
    if (this.db || !fs.existsSync(this.files.database)) return null;
    const db = this.openFile(this.files.database, key);
    try {
      const { from, pending } = pendingMigrations(db);
      if (pending.length === 0 || from === 0) return null;
      return { from, pending, weights: statementWeights(db, pending) };
    } finally {
      db.close();
    }
  }

  /**
   * Opens the file at its old schema for the backup taken before an upgrade, and nothing else
   * (no audit, no page check): the upgrade closes it again before its worker migrates.
   */
  /** Set while an upgrade runs (auth/upgrade.ts): nothing else may open the file meanwhile. */
  private upgrading = false;

  setUpgrading(on: boolean): void {
    this.upgrading = on;
  }

  openForUpgradeBackup(key: Buffer): void {
    if (this.db) throw new HallError('DATA_PROBLEM', '数据库已打开，不能开始升级。');
    this.db = this.openFile(this.files.database, key);
    this.key = Buffer.from(key);
    this.liveHead = undefined;
    this.cachedSettings = null;
  }

  /**
   * Checks every page of the live file right after it opens, in the background (db/page-check.ts:
   * about a second per GiB, measured by `npm run bench -- store`), so opening stays fast. Auto-
   * checkpoints wait meanwhile, so the file does not change under the check. Damage stops every
   * write with a clear message; the restore choice stays open to the administrator.
   */
  private startPageCheck(): void {
    const round = ++this.checkRound;
    const key = Buffer.from(this.currentKey());
    this.database.pragma('wal_autocheckpoint = 0');
    this.pageCheck = checkPages(this.files.database, key, () => round !== this.checkRound)
      .then(
        (result) => {
          if (round !== this.checkRound || (result.damaged.length === 0 && !result.truncated)) return;
          const where = result.damaged.length > 0 ? `第 ${result.damaged.join('、')} 页校验不符` : '文件被截断';
          this.damage = `数据库文件已损坏（${where}），已停止保存以免扩大损失。请管理员在“设置 › 备份与恢复”中从最近的备份恢复。`;
          this.log.error('page check found damage', { damaged: result.damaged.length, truncated: result.truncated });
        },
        () => {
          if (round === this.checkRound) this.log.warn('page check could not read the database file');
        },
      )
      .finally(() => {
        key.fill(0);
        if (round === this.checkRound && this.db) this.db.pragma('wal_autocheckpoint = 1000');
      });
  }

  /** Resolves when the page check of the open file is done (tests, `audit verify`, the bench). */
  pagesChecked(): Promise<void> {
    return this.pageCheck;
  }

  /** What the staff must know about the store now: damage found, or today's backup failed. */
  notice(): string | null {
    return this.damage ?? this.backupFailure ?? this.backupWarning;
  }

  close(options: { checkpoint?: boolean } = {}): void {
    this.checkRound++;
    this.damage = null;
    if (!this.db) return;
    try {
      if (options.checkpoint !== false) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A failed checkpoint loses nothing: the WAL is replayed at the next open.
    }
    this.db.close();
    this.db = null;
    this.key?.fill(0);
    this.key = null;
    this.liveHead = undefined;
    this.cachedSettings = null;
  }

  /** The open database; refuses when locked (a service called without a session bug). */
  get database(): Db {
    if (!this.db) throw new HallError('UNAUTHENTICATED', '数据库未解锁，请先登录。');
    return this.db;
  }

  /**
   * Runs a change and its audit entries in one transaction: both land or neither does.
   * Disk-full and similar driver errors become contract errors; the database is untouched.
   */
  write<T>(actor: AuditActor, fn: (db: Db, audit: (entry: AuditInput) => void) => T): T {
    const db = this.database;
    if (this.damage) throw new HallError('DATA_PROBLEM', this.damage);
    const at = this.now();
    let result: T;
    try {
      result = db.transaction(() => fn(db, (entry) => appendAudit(db, actor, entry, at)))();
    } catch (error) {
      throw translateDriverError(error);
    }
    this.sealAuditHead();
    return result;
  }

  /**
   * Writes the chain's head, sealed, outside the database. A crash before this leaves the seal
   * one write behind, which verify accepts (the sealed head is still a prefix of the chain).
   */
  private sealAuditHead(): void {
    const db = this.database;
    const previous = this.sealedAuditHead();
    // Only a chain that still begins with the sealed head is sealed anew: a tail deleted or
    // recomputed while the app was closed must stay visible, not be sealed over by the next write.
    if (
      previous &&
      previous.count > 0 &&
      value<string>(db, 'SELECT hash FROM audit_log WHERE seq = ?', previous.count) !== previous.hash
    ) {
      this.log.error('audit chain does not extend its sealed head; seal kept');
      return;
    }
    const head = auditHead(db);
    const sealed = this.sealed(head);
    try {
      writeFileAtomic(this.files.auditHead, JSON.stringify(sealed));
      this.liveHead = sealed;
    } catch {
      // The change itself is committed; the next write seals again.
      this.log.warn('audit head not sealed');
    }
  }

  /** A head sealed with the key of the file it belongs to (the live file's by default). */
  private sealed(head: AuditHead, key: Buffer = this.currentKey()): SealedHead {
    return { ...head, seal: sealOf(key, head), at: this.now().toISOString(), keyId: keyFingerprint(key) };
  }

  /** The data folder's sealed head (read once per open, then kept as it is written). */
  sealedAuditHead(): SealedHead | null {
    if (this.liveHead === undefined) this.liveHead = this.readSealedHead(this.files.auditHead);
    return this.liveHead;
  }

  private readSealedHead(file: string): SealedHead | null {
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      const h = raw as Partial<SealedHead>;
      return typeof h.count === 'number' &&
        typeof h.hash === 'string' &&
        typeof h.seal === 'string' &&
        typeof h.keyId === 'string'
        ? { count: h.count, hash: h.hash, seal: h.seal, at: String(h.at ?? ''), keyId: h.keyId }
        : null;
    } catch {
      return null;
    }
  }

  /**
   * The whole chain against the data folder's sealed head and every backup's, once the page
   * check is done: damage in the file is reported first, as break 0 (the file, not an entry).
   */
  async verifyAudit(): Promise<AuditVerdict> {
    await this.pagesChecked();
    const verdict = this.verifyChain();
    if (!this.damage) return verdict;
    return { ok: false, count: verdict.count, breaks: [{ seq: 0, reason: this.damage }, ...verdict.breaks] };
  }

  private verifyChain(): AuditVerdict {
    // Each backup's head is sealed with that backup's key, reached through a slot it shares with
    // the live keyring; one that shares none is still checked as a prefix, just not for its seal.
    // Backups a restore left behind (another history, named in that restore's audit entry) are
    // not this chain's prefixes.
    const live = this.keyring();
    const offLineage = new Set(
      values<string>(this.database, "SELECT detail FROM audit_log WHERE action = 'backup.restore'").flatMap(
        (d) => (JSON.parse(d) as { offLineage?: string[] }).offLineage ?? [],
      ),
    );
    const others = this.listBackups().flatMap((b) => {
      const head = offLineage.has(b.name) ? null : this.readSealedHead(`${b.file}.audit-head.json`);
      const own = head ? this.backupKeyring(b.file) : null;
      const key = own ? keyThroughSharedSlot(live, this.currentKey(), own) : null;
      return head ? [{ label: `备份 ${b.name} 的链头`, head, ...(key ? { key } : {}) }] : [];
    });
    // verify reads the file itself: it must judge what is on disk, not what this process last wrote.
    this.liveHead = undefined;
    return verifyAudit(this.database, { key: this.currentKey(), live: this.sealedAuditHead(), others });
  }

  /**
   * Backups whose sealed head is not a prefix of the live chain: after a restore, the ones
   * written later than the restored backup (and the data kept aside) belong to another history.
   */
  backupsOffLineage(): string[] {
    return this.listBackups()
      .filter((b) => {
        const head = this.readSealedHead(`${b.file}.audit-head.json`);
        return (
          head !== null &&
          head.count > 0 &&
          value<string>(this.database, 'SELECT hash FROM audit_log WHERE seq = ?', head.count) !== head.hash
        );
      })
      .map((b) => b.name);
  }

  /** Records an audit entry on its own (logins, views of full values, prints). */
  audit(actor: AuditActor, entry: AuditInput): void {
    this.write(actor, (_db, audit) => audit(entry));
  }

  settings(): Settings {
    if (this.cachedSettings) return this.cachedSettings;
    // The value column is JSON: drizzle parses it.
    const rows = orm(this.database)
      .select({ key: settingsTable.key, value: settingsTable.value })
      .from(settingsTable)
      .all();
    const raw: Record<string, unknown> = {};
    for (const r of rows) raw[r.key] = r.value;
    const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...raw });
    if (!parsed.success) throw new HallError('DATA_PROBLEM', '设置数据不完整，请管理员检查“设置”。');
    this.cachedSettings = parsed.data;
    return parsed.data;
  }

  /** Writes changed settings inside a caller's transaction. */
  putSettings(db: Db, values: Partial<Settings>): void {
    const put = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, hall_now()) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    for (const [k, v] of Object.entries(values) as [string, unknown][])
      if (v !== undefined) put.run(k, JSON.stringify(v));
    this.cachedSettings = null;
  }

  // ── Multi-file operations ───────────────────────────────────────────────────────────────
  // Each runs under a busy marker (hall.busy-<pid>), so that another process starting meanwhile
  // (a CLI command beside the app) does not take its staged files for a crash's leftovers.

  /** See takeBackup. */
  backup(reason: string, target?: string): BackupInfo {
    return this.whileBusy(() => this.takeBackup(reason, target));
  }

  /** See reencryptBackupNow. */
  reencryptBackup(file: string): void {
    this.whileBusy(() => this.reencryptBackupNow(file));
  }

  /** See restoreNow. */
  restore(
    file: string,
    fileKey: Buffer,
    slots: { keyring: KeyringFile; key: Buffer },
  ): { replacedWith: string; keptAside: string | null } {
    return this.whileBusy(() => {
      this.refuseWhileOthersBusy();
      return this.restoreNow(file, fileKey, slots);
    });
  }

  /** See rekeyDatabaseNow. */
  rekeyDatabase(newKey: Buffer, keyring: KeyringFile): void {
    this.whileBusy(() => {
      this.refuseWhileOthersBusy();
      this.rekeyDatabaseNow(newKey, keyring);
    });
  }

  /**
   * A restore or rekey replaces the live file: never while another process (the app beside a
   * `hall` command) is backing it up or replacing it. In this process they queue behind the
   * backups instead (BackgroundBackups.exclusive).
   */
  private refuseWhileOthersBusy(): void {
    if (this.othersBusy())
      throw new HallError('CONFLICT', '另一个程序（如正在运行的信访接待大厅）正在备份或恢复数据，请等它完成后再试。');
  }

  private busyDepth = 0;

  private whileBusy<T>(fn: () => T): T {
    const release = this.holdBusy();
    try {
      return fn();
    } finally {
      release();
    }
  }

  /** True when another live process holds a busy marker; markers of dead processes are removed. */
  private othersBusy(): boolean {
    let busy = false;
    for (const name of fs.readdirSync(this.files.dir)) {
      const pid = Number(/^hall\.busy-(\d+)$/.exec(name)?.[1] ?? NaN);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      if (processAlive(pid)) busy = true;
      else fs.rmSync(path.join(this.files.dir, name), { force: true });
    }
    return busy;
  }

  // ── Backups ─────────────────────────────────────────────────────────────────────────────

  private stamp(): string {
    return this.now()
      .toISOString()
      .replace(/[-:TZ.]/g, '')
      .replace(/^(\d{8})(\d{9})$/, '$1-$2');
  }

  private openFile(file: string, key: Buffer, readonly = false): Db {
    return openDatabase(file, {
      key,
      readonly,
      now: this.now,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
  }

  /**
   * Copies the live database (and any WAL another process wrote since) to `staging` while
   * holding the write lock, so the copy is one consistent moment.
   */
  private copyLive(staging: string): void {
    const db = this.database;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('BEGIN IMMEDIATE');
    try {
      fs.copyFileSync(this.files.database, staging);
      const wal = `${this.files.database}-wal`;
      if (fs.existsSync(wal) && fs.statSync(wal).size > 0) fs.copyFileSync(wal, `${staging}-wal`);
    } finally {
      db.exec('COMMIT');
    }
  }

  /**
   * Re-encrypts the database file `staging` (opened with `fromKey`) in place under `toKey`, then
   * checks it: the rekey reads every page through its HMAC (a changed byte fails it), and
   * quick_check then walks the structure of the file that is kept. Returns its chain's head.
   */
  private reencrypt(staging: string, fromKey: Buffer, toKey: Buffer): AuditHead {
    const copy = this.openFile(staging, fromKey);
    try {
      copy.pragma('wal_checkpoint(TRUNCATE)');
      copy.pragma('journal_mode = DELETE');
      copy.pragma(`rekey="x'${toKey.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    const check = this.openFile(staging, toKey);
    try {
      check.pragma('journal_mode = DELETE');
      const problems = quickCheck(check);
      if (problems.length > 0) throw new HallError('DATA_PROBLEM', `备份校验失败：${problems[0]}`);
      const version = schemaVersion(check);
      if (version > LATEST_SCHEMA)
        throw new HallError('DATA_PROBLEM', `备份由更新版本的软件创建（结构版本 ${version}），请先升级软件。`);
      return auditHead(check);
    } finally {
      check.close();
    }
  }

  /**
   * Takes a backup under a key of its own: copy under the write lock, re-encrypt the copy with
   * a fresh key, check it whole, then publish it with a keyring that binds the *same slots*
   * (the same passwords and recovery code as now) to that key. A backup's keyring therefore
   * never opens the live file, and a secret revoked later opens only backups made before.
   */
  private takeBackup(reason: string, target?: string): BackupInfo {
    const liveKey = this.currentKey();
    const plan = this.planBackup(reason, target);
    try {
      this.copyLive(plan.staging);
      crashPoint('backup:copied');
      this.reencrypt(plan.staging, liveKey, plan.fileKey);
      fsyncFile(plan.staging);
      crashPoint('backup:reencrypted');
      return this.publishBackup(plan);
    } catch (error) {
      this.discardBackup(plan);
      throw translateDriverError(error);
    } finally {
      plan.fileKey.fill(0);
    }
  }

  /**
   * The names and keys of a backup about to be made: where it goes, its staging name (`….partial`:
   * removed at the next start if the process dies before the rename), a fresh key of its own and
   * the keyring binding today's slots to that key. The caller zeroes `fileKey`.
   */
  planBackup(reason: string, target?: string): BackupPlan {
    const liveKey = this.currentKey();
    fs.mkdirSync(this.files.backups, { recursive: true, mode: 0o700 });
    const file = target ?? path.join(this.files.backups, `hall-${this.stamp()}-${reason}.db`);
    const fileKey = newDatabaseKey();
    const { keyring } = rebindKeyring(this.keyring(), liveKey, fileKey);
    if (keyring.slots.length === 0) {
      fileKey.fill(0);
      throw new HallError('DATA_PROBLEM', '密钥文件中没有可用于备份的密钥槽：请重新登录后再备份。');
    }
    return { reason, file, staging: `${file}.partial`, fileKey, keyring, pruneAfter: !target };
  }

  /**
   * Publishes a staged copy already re-encrypted under `plan.fileKey` and checked: its schema
   * version is checked, its chain head sealed under its key; the sidecars are written first and
   * the database renamed last, so a listed backup always has its keyring.
   */
  publishBackup(plan: BackupPlan): BackupInfo {
    const { file, staging, fileKey } = plan;
    const check = this.openFile(staging, fileKey, true);
    let head: AuditHead;
    try {
      const version = schemaVersion(check);
      if (version > LATEST_SCHEMA)
        throw new HallError('DATA_PROBLEM', `备份由更新版本的软件创建（结构版本 ${version}），请先升级软件。`);
      head = auditHead(check);
    } finally {
      check.close();
    }
    writeKeyring(`${file}.keyring.json`, plan.keyring);
    writeFileAtomic(`${file}.audit-head.json`, JSON.stringify(this.sealed(head, fileKey)));
    fs.renameSync(staging, file);
    restrictToOwner(file);
    fsyncDir(path.dirname(file));
    this.log.info('backup written', { reason: plan.reason });
    this.backupFailure = null;
    if (plan.pruneAfter) this.pruneBackups();
    return {
      name: path.basename(file),
      file,
      reason: plan.reason,
      createdAt: this.now().toISOString(),
      size: fs.statSync(file).size,
    };
  }

  /** Removes what a backup that did not finish left (its staging copy and the copy's journals). */
  discardBackup(plan: BackupPlan): void {
    for (const f of [plan.staging, `${plan.staging}-wal`, `${plan.staging}-shm`, `${plan.staging}-journal`])
      fs.rmSync(f, { force: true });
  }

  /**
   * Marks this process busy until the returned function is called, for work that runs beside
   * the app (the background backup): another process starting meanwhile leaves its staged files.
   */
  holdBusy(): () => void {
    const marker = path.join(this.files.dir, `hall.busy-${process.pid}`);
    if (this.busyDepth++ === 0) fs.writeFileSync(marker, '', { mode: 0o600 });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.busyDepth === 0) fs.rmSync(marker, { force: true });
    };
  }

  listBackups(): BackupInfo[] {
    return listBackupFiles(this.files.backups);
  }

  /** A backup's keyring against `live` (the live keyring, read once by the caller for a whole list). */
  keyStatus(file: string, live: KeyringFile): BackupKeyStatus {
    const own = this.backupKeyring(file);
    return { revoked: own ? revokedSince(own, live) : 0, sharesLiveKey: own?.keyId === live.keyId };
  }

  /** The keyring beside a backup file, or null when it is missing or unreadable. */
  backupKeyring(file: string): KeyringFile | null {
    try {
      return readKeyring(`${file}.keyring.json`);
    } catch {
      return null;
    }
  }

  /** The retention scheme from the settings, the budget in bytes (0 in the settings: five times the database). */
  retentionPolicy(): RetentionPolicy {
    let s = DEFAULT_SETTINGS;
    try {
      if (this.db) s = this.settings();
    } catch {
      // Settings that cannot be read (a store mid-migration, damaged rows): the default scheme.
      this.log.warn('backup retention from the default settings');
    }
    const budgetBytes =
      s.backupBudgetGiB > 0
        ? s.backupBudgetGiB * 2 ** 30
        : 5 * (fs.statSync(this.files.database, { throwIfNoEntry: false })?.size ?? 0);
    return { daily: s.backupKeep, weekly: s.backupWeeks, monthly: s.backupMonths, budgetBytes };
  }

  /** Removes the automatic backups the retention scheme no longer keeps; manual and kept-aside ones are the user's. */
  private pruneBackups(): void {
    const all = this.listBackups();
    const keep = backupsToKeep(all, this.retentionPolicy());
    for (const b of all) if (!keep.has(b.name)) removeWithSidecars(b.file);
  }

  /**
   * Re-encrypts a backup under a fresh key with today's slots: a backup made before a password,
   * account or recovery code was revoked (or one whose keyring also opens the live file) then
   * opens with current secrets only. Its key is reached through a slot it shares with the live
   * keyring; the sealed head moves to the new key only if it verifies under the old one.
   */
  private reencryptBackupNow(file: string): void {
    const liveKey = this.currentKey();
    const live = this.keyring();
    const own = this.backupKeyring(file);
    const oldKey = own ? keyThroughSharedSlot(live, liveKey, own) : null;
    if (!oldKey)
      throw new HallError(
        'RULE_VIOLATION',
        '这个备份与当前密钥文件没有共同的密码或恢复码，无法重新加密；可用备份当时的管理员密码恢复它，或删除它。',
      );
    const newKey = newDatabaseKey();
    const staging = `${file}.partial`;
    try {
      fs.copyFileSync(file, staging);
      const head = this.reencrypt(staging, oldKey, newKey);
      fsyncFile(staging);
      const oldHead = this.readSealedHead(`${file}.audit-head.json`);
      const headIntact =
        oldHead !== null && oldHead.keyId === keyFingerprint(oldKey) && sealOf(oldKey, oldHead) === oldHead.seal;
      writeKeyring(`${file}.keyring.json.next`, rebindKeyring(live, liveKey, newKey).keyring);
      if (headIntact || !oldHead)
        writeFileAtomic(`${file}.audit-head.json.next`, JSON.stringify(this.sealed(head, newKey)));
      crashPoint('reencrypt:staged');
      fs.renameSync(staging, file);
      crashPoint('reencrypt:database');
      this.finishBackupSidecars(file);
    } catch (error) {
      // Before the rename nothing has changed: drop what was staged. After it, the sidecars are
      // left for finishInterruptedWork to move into place.
      if (fs.existsSync(staging))
        for (const f of [staging, `${staging}-journal`, `${file}.keyring.json.next`, `${file}.audit-head.json.next`])
          fs.rmSync(f, { force: true });
      throw translateDriverError(error);
    } finally {
      oldKey.fill(0);
      newKey.fill(0);
    }
    restrictToOwner(file);
  }

  /** Moves a re-encrypted backup's new keyring and head into place (safe to repeat). */
  private finishBackupSidecars(file: string): void {
    for (const sidecar of [`${file}.keyring.json`, `${file}.audit-head.json`])
      if (fs.existsSync(`${sidecar}.next`)) fs.renameSync(`${sidecar}.next`, sidecar);
    fsyncDir(path.dirname(file));
  }

  /** True when no backup was taken this China day (at 00:30 in the hall a new day's is due, though UTC is on yesterday). */
  backupDue(): boolean {
    const today = chinaDay(this.now());
    return !this.listBackups().some((b) => chinaDay(b.createdAt) === today);
  }

  /** Records why today's automatic backup did not finish (shown as the session's notice), or clears it. */
  setBackupFailure(message: string | null): void {
    this.backupFailure = message;
  }

  /** What the last backup left the staff to know (the second place failed, space runs short), or null. */
  setBackupWarning(message: string | null): void {
    this.backupWarning = message;
  }

  /** Checks that a backup opens with `key` and is intact, without changing anything. */
  checkBackup(file: string, key: Buffer): void {
    this.readBackup(file, key, (copy) => {
      const problems = quickCheck(copy);
      if (problems.length > 0) throw new HallError('DATA_PROBLEM', `备份文件已损坏：${problems[0]}`);
    });
  }

  /**
   * The role an account has in a backup (null: absent or disabled). Opening it proves the key
   * and the schema version; its pages are checked when a restore re-encrypts it, not twice.
   */
  roleInBackup(file: string, key: Buffer, accountId: number): string | null {
    return this.readBackup(file, key, (copy) => {
      const row = orm(copy)
        .select({ role: accounts.role, active: accounts.active })
        .from(accounts)
        .where(eq(accounts.id, accountId))
        .get();
      return row?.active ? row.role : null;
    });
  }

  private readBackup<T>(file: string, key: Buffer, read: (copy: Db) => T): T {
    if (!fs.existsSync(file)) throw new HallError('NOT_FOUND', `找不到备份文件 ${file}`);
    const copy = this.openFile(file, key, true);
    try {
      const version = schemaVersion(copy);
      if (version > LATEST_SCHEMA)
        throw new HallError('DATA_PROBLEM', `备份由更新版本的软件创建（结构版本 ${version}），请先升级软件。`);
      return read(copy);
    } finally {
      copy.close();
    }
  }

  /**
   * Replaces the database with a backup (opened with `fileKey`). The copy is re-encrypted under
   * a fresh key and checked before anything moves; the live keyring's slots are bound to that
   * key, so today's passwords open the restored data and no old password comes back with it.
   * The current database is kept aside as a backup named `…-replaced.db` (with its keyring
   * and sealed head), never deleted. `keyring`/`key` are the live keyring and its key, or,
   * when there is no usable live keyring, the backup's own.
   */
  private restoreNow(
    file: string,
    fileKey: Buffer,
    slots: { keyring: KeyringFile; key: Buffer },
  ): { replacedWith: string; keptAside: string | null } {
    if (!fs.existsSync(file)) throw new HallError('NOT_FOUND', `找不到备份文件 ${file}`);
    // No separate check of `file` first: the staged copy is checked whole before anything moves.
    const newKey = newDatabaseKey();
    const staging = `${this.files.database}.restoring`;
    try {
      fs.copyFileSync(file, staging);
      const head = this.reencrypt(staging, fileKey, newKey);
      fsyncFile(staging);
      crashPoint('restore:staged');
      const { keyring } = rebindKeyring(slots.keyring, slots.key, newKey);
      const keptAside = fs.existsSync(this.files.database)
        ? path.join(this.files.backups, `hall-${this.stamp()}-replaced.db`)
        : null;
      this.swapLive({ kind: 'restore', staged: staging, keptAside }, keyring, this.sealed(head, newKey), newKey);
      return { replacedWith: file, keptAside };
    } catch (error) {
      if (fs.existsSync(staging) && !fs.existsSync(this.swapJournal)) fs.rmSync(staging, { force: true });
      throw translateDriverError(error);
    } finally {
      newKey.fill(0);
    }
  }

  /**
   * Re-encrypts the live database under `newKey`, with `keyring` (which must bind `newKey`)
   * as its keyring. The old file is not kept: the caller takes a backup first.
   */
  private rekeyDatabaseNow(newKey: Buffer, keyring: KeyringFile): void {
    if (keyring.keyId !== keyFingerprint(newKey)) throw new HallError('DATA_PROBLEM', '新密钥与新密钥文件不一致。');
    const staging = `${this.files.database}.rekeying`;
    try {
      this.copyLive(staging);
      crashPoint('rekey:copied');
      const head = this.reencrypt(staging, this.currentKey(), newKey);
      fsyncFile(staging);
      crashPoint('rekey:staged');
      this.swapLive({ kind: 'rekey', staged: staging, keptAside: null }, keyring, this.sealed(head, newKey), newKey);
    } catch (error) {
      if (fs.existsSync(staging) && !fs.existsSync(this.swapJournal)) fs.rmSync(staging, { force: true });
      throw translateDriverError(error);
    }
  }

  private get swapJournal(): string {
    return path.join(this.files.dir, 'hall.swap.json');
  }

  private get finishedSwapNote(): string {
    return path.join(this.files.dir, 'hall.swap-finished.json');
  }

  /**
   * A restore or rekey finished at start after a crash was never audited by its caller: record
   * it now, as the system, with the backups a restore left on another history.
   */
  private auditFinishedSwap(): void {
    if (!fs.existsSync(this.finishedSwapNote)) return;
    let journal: Partial<SwapJournal> = {};
    try {
      journal = JSON.parse(fs.readFileSync(this.finishedSwapNote, 'utf8')) as Partial<SwapJournal>;
    } catch {
      // An unreadable note still says that something was finished.
    }
    const restore = journal.kind === 'restore';
    this.audit(
      { id: null, name: '系统' },
      {
        action: restore ? 'backup.restore' : 'keyring.rekeyDatabase',
        entity: restore ? 'backup' : 'keyring',
        detail: {
          finishedAfterCrash: true,
          ...(restore
            ? {
                keptAside: journal.keptAside ? path.basename(journal.keptAside) : null,
                offLineage: this.backupsOffLineage(),
              }
            : {}),
        },
      },
    );
    fs.rmSync(this.finishedSwapNote, { force: true });
  }

  /**
   * Puts a staged database, its keyring and its sealed head in place of the live ones. Every
   * new file is written under a `.next` name and a journal names the swap before the first
   * rename, so a crash at any step is finished at the next start (finishInterruptedSwap): the
   * live folder always ends up with one database, its keyring and its head, and the data set
   * aside stays beside its own keyring.
   */
  private swapLive(journal: SwapJournal, keyring: KeyringFile, head: SealedHead, newKey: Buffer): void {
    writeKeyring(`${this.files.keyring}.next`, keyring);
    writeFileAtomic(`${this.files.auditHead}.next`, JSON.stringify(head));
    writeFileAtomic(this.swapJournal, JSON.stringify(journal));
    crashPoint('swap:journal');
    this.close();
    this.finishSwap(journal);
    this.open(newKey);
  }

  /** The renames of a swap, each safe to repeat: the journal is removed only after the last. */
  private finishSwap(journal: SwapJournal): void {
    const { database, keyring, auditHead } = this.files;
    if (fs.existsSync(journal.staged)) {
      if (journal.keptAside) {
        fs.mkdirSync(this.files.backups, { recursive: true, mode: 0o700 });
        // The live data goes aside with the keyring and head that belong to it; the WAL first,
        // so no stale WAL is ever left beside the database that replaces it.
        for (const suffix of ['-wal', '-shm'])
          if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, journal.keptAside + suffix);
        if (fs.existsSync(keyring) && !fs.existsSync(`${journal.keptAside}.keyring.json`))
          fs.copyFileSync(keyring, `${journal.keptAside}.keyring.json`);
        if (fs.existsSync(auditHead)) fs.renameSync(auditHead, `${journal.keptAside}.audit-head.json`);
        if (fs.existsSync(database)) fs.renameSync(database, journal.keptAside);
        crashPoint('swap:aside');
      } else {
        // The live file was checkpointed when it closed; its empty WAL must not meet the new file.
        for (const suffix of ['-wal', '-shm']) fs.rmSync(database + suffix, { force: true });
      }
      fs.renameSync(journal.staged, database);
      crashPoint('swap:database');
    }
    if (fs.existsSync(`${keyring}.next`)) fs.renameSync(`${keyring}.next`, keyring);
    crashPoint('swap:keyring');
    if (fs.existsSync(`${auditHead}.next`)) fs.renameSync(`${auditHead}.next`, auditHead);
    fsyncDir(this.files.dir);
    if (journal.keptAside) fsyncDir(this.files.backups);
    fs.rmSync(this.swapJournal, { force: true });
    fsyncDir(this.files.dir);
  }

  /**
   * At start, before anything opens: finishes a restore or rekey a crash interrupted (the
   * journal says which), and removes what killed backups and swaps left behind (partial copies,
   * sidecars without their database). Needs no key: it only renames and deletes files.
   */
  finishInterruptedWork(): string[] {
    const done: string[] = [];
    // Another process is in the middle of one of these now: what looks left over is its work.
    if (this.othersBusy()) return done;
    if (fs.existsSync(this.swapJournal)) {
      let journal: SwapJournal | null = null;
      try {
        journal = JSON.parse(fs.readFileSync(this.swapJournal, 'utf8')) as SwapJournal;
      } catch {
        journal = null;
      }
      if (journal && typeof journal.staged === 'string') {
        // The audit entry of the interrupted act is written at the next open (auditFinishedSwap).
        writeFileAtomic(this.finishedSwapNote, JSON.stringify(journal));
        this.finishSwap(journal);
        done.push(journal.kind === 'restore' ? '已完成上次中断的恢复' : '已完成上次中断的密钥更换');
      } else fs.rmSync(this.swapJournal, { force: true });
    } else {
      // No journal: a pending file is from a swap that never began.
      for (const f of [`${this.files.keyring}.next`, `${this.files.auditHead}.next`]) fs.rmSync(f, { force: true });
    }
    for (const f of [`${this.files.database}.restoring`, `${this.files.database}.rekeying`])
      for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(f + suffix, { force: true });
    if (fs.existsSync(this.files.backups)) {
      // A re-encryption that renamed its database but not yet its sidecars: finish it. One
      // that had not renamed the database yet: its staged copy and new sidecars go.
      for (const name of fs.readdirSync(this.files.backups)) {
        const owner = /^(.*\.db)\.(?:keyring|audit-head)\.json\.next$/.exec(name);
        if (!owner) continue;
        const file = path.join(this.files.backups, owner[1]!);
        if (fs.existsSync(`${file}.partial`))
          for (const f of [`${file}.keyring.json.next`, `${file}.audit-head.json.next`]) fs.rmSync(f, { force: true });
        else this.finishBackupSidecars(file);
      }
      const names = new Set(fs.readdirSync(this.files.backups));
      for (const name of names) {
        const owner = /^(.*\.db)(\.partial.*|\.keyring\.json|\.audit-head\.json(?:\.next)?)$/.exec(name);
        if (owner && (owner[2]!.startsWith('.partial') || !names.has(owner[1]!))) {
          fs.rmSync(path.join(this.files.backups, name), { force: true });
          if (owner[2]!.startsWith('.partial')) done.push(`已清理未完成的备份 ${name}`);
        }
      }
    }
    for (const line of done) this.log.warn(line);
    return done;
  }
}

interface SwapJournal {
  kind: 'restore' | 'rekey';
  /** The staged database that becomes the live one. */
  staged: string;
  /** Where the live database goes (a restore keeps it as a backup); null: replaced. */
  keptAside: string | null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — alive all the same.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A backup being made: see Store.planBackup. */
export interface BackupPlan {
  reason: string;
  file: string;
  staging: string;
  fileKey: Buffer;
  keyring: KeyringFile;
  /** Apply the retention scheme after publishing (not for a copy to a path of the user's). */
  pruneAfter: boolean;
}

/** The backups in a folder (the backups' folder, or the second backup place), newest first. */
export function listBackupFiles(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
    .map(({ name, match }) => {
      const file = path.join(dir, name);
      const s = match[1]!;
      const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
      return { name, file, reason: match[2]!, createdAt, size: fs.statSync(file).size };
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** A backup file and what belongs to it. */
export function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}.keyring.json`, `${file}.audit-head.json`]) fs.rmSync(f, { force: true });
}
