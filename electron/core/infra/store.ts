import fs from 'node:fs';
import path from 'node:path';
import { HallError, type DatabaseState } from '../../../shared/contract';
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
import { CIPHER_LABEL, integrityCheck, openDatabase, translateDriverError, type Db } from './db/connection';
import { LATEST_SCHEMA, migrate, schemaVersion } from './db/migrate';
import { orm } from './db/orm';
import { value } from './db/sql';
import { accounts, settings as settingsTable } from './db/schema';
import { fsyncDir, writeFileAtomic } from './fs-safe';
import { keyFingerprint, readKeyring, writeKeyring, type KeyringFile } from './key-slots';
import type { Logger } from './log';
import type { DataFiles } from './paths';

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
  nativeBinding?: string;
}

export interface BackupInfo {
  name: string;
  file: string;
  reason: string;
  createdAt: string;
  size: number;
}

/** Encrypted or not, the hall's files are for the account running the app only. */
export function restrictToOwner(file: string): void {
  if (process.platform !== 'win32' && fs.existsSync(file)) fs.chmodSync(file, 0o600);
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
  private readonly now: () => Date;
  private readonly nativeBinding: string | undefined;
  private db: Db | null = null;
  private key: Buffer | null = null;
  /** The live sealed head as last read or written: every write checks it, so it is kept, not re-read. */
  private liveHead: SealedHead | null | undefined = undefined;
  private cachedSettings: Settings | null = null;

  constructor(options: StoreOptions) {
    this.files = options.files;
    this.log = options.log;
    this.now = options.now;
    this.nativeBinding = options.nativeBinding;
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
    if (this.db) {
      if (!this.holdsKey(key)) throw new HallError('DATA_PROBLEM', '密钥与当前数据库不一致。');
      return;
    }
    const staged = `${this.files.database}.init`;
    // First run crashed after writing the keyring but before the rename: finish it.
    if (!fs.existsSync(this.files.database) && fs.existsSync(staged)) fs.renameSync(staged, this.files.database);
    if (!fs.existsSync(this.files.database) && fs.existsSync(this.files.keyring))
      throw new HallError('DATA_PROBLEM', `数据库文件 ${this.files.database} 不存在。可以从备份恢复（hall restore）。`);
    const db = openDatabase(this.files.database, {
      key,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
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
  }

  close(options: { checkpoint?: boolean } = {}): void {
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

  private sealed(head: AuditHead): SealedHead {
    const key = this.currentKey();
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

  /** The whole chain against the data folder's sealed head and every backup's. */
  verifyAudit(): AuditVerdict {
    const others = this.listBackups()
      .map((b) => ({ label: `备份 ${b.name} 的链头`, head: this.readSealedHead(`${b.file}.audit-head.json`) }))
      .filter((x): x is { label: string; head: SealedHead } => x.head !== null);
    // verify reads the file itself: it must judge what is on disk, not what this process last wrote.
    this.liveHead = undefined;
    return verifyAudit(this.database, { key: this.currentKey(), live: this.sealedAuditHead(), others });
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
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    );
    for (const [k, v] of Object.entries(values) as [string, unknown][])
      if (v !== undefined) put.run(k, JSON.stringify(v));
    this.cachedSettings = null;
  }

  // ── Backups ─────────────────────────────────────────────────────────────────────────────

  private stamp(): string {
    return this.now()
      .toISOString()
      .replace(/[-:TZ.]/g, '')
      .replace(/^(\d{8})(\d{9})$/, '$1-$2');
  }

  /**
   * Takes a backup: checkpoint, then hold the write lock while copying the still-encrypted
   * file (and any WAL another process wrote since), then open the copy with the key and run
   * integrity_check. A copy that fails the check is deleted and the backup reported failed.
   */
  backup(reason: string, target?: string): BackupInfo {
    const db = this.database;
    fs.mkdirSync(this.files.backups, { recursive: true, mode: 0o700 });
    const name = `hall-${this.stamp()}-${reason}.db`;
    const file = target ?? path.join(this.files.backups, name);
    const staging = `${file}.partial`;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('BEGIN IMMEDIATE');
      try {
        fs.copyFileSync(this.files.database, staging);
        const wal = `${this.files.database}-wal`;
        if (fs.existsSync(wal) && fs.statSync(wal).size > 0) fs.copyFileSync(wal, `${staging}-wal`);
      } finally {
        db.exec('COMMIT');
      }
      const copy = openDatabase(staging, {
        key: this.currentKey(),
        ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
      });
      try {
        copy.pragma('wal_checkpoint(TRUNCATE)');
        copy.pragma('journal_mode = DELETE');
        const problems = integrityCheck(copy);
        if (problems.length > 0) throw new HallError('DATA_PROBLEM', `备份校验失败：${problems[0]}`);
      } finally {
        copy.close();
      }
      fs.renameSync(staging, file);
      restrictToOwner(file);
      fs.copyFileSync(this.files.keyring, `${file}.keyring.json`);
      restrictToOwner(`${file}.keyring.json`);
      // The head as of this copy: every later chain must still begin with it.
      const head = auditHead(db);
      writeFileAtomic(`${file}.audit-head.json`, JSON.stringify(this.sealed(head)));
      fsyncDir(path.dirname(file));
    } catch (error) {
      for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
      throw translateDriverError(error);
    }
    this.log.info('backup written', { reason });
    if (!target) this.pruneBackups();
    return {
      name: path.basename(file),
      file,
      reason,
      createdAt: this.now().toISOString(),
      size: fs.statSync(file).size,
    };
  }

  listBackups(): BackupInfo[] {
    if (!fs.existsSync(this.files.backups)) return [];
    return fs
      .readdirSync(this.files.backups)
      .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
      .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
      .map(({ name, match }) => {
        const file = path.join(this.files.backups, name);
        const s = match[1]!;
        const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
        return { name, file, reason: match[2]!, createdAt, size: fs.statSync(file).size };
      })
      .sort((a, b) => (a.name < b.name ? 1 : -1));
  }

  /** Keeps the newest `backupKeep` automatic backups; manual ones are the user's to delete. */
  private pruneBackups(): void {
    const keep = this.db ? this.settings().backupKeep : DEFAULT_SETTINGS.backupKeep;
    const automatic = this.listBackups().filter((b) => b.reason !== 'manual');
    for (const old of automatic.slice(keep)) {
      fs.rmSync(old.file, { force: true });
      fs.rmSync(`${old.file}.keyring.json`, { force: true });
      fs.rmSync(`${old.file}.audit-head.json`, { force: true });
    }
  }

  /** A daily backup when none was taken today (checked at open). */
  backupIfDue(): BackupInfo | null {
    // "Today" is the China day (backup names keep their UTC instant): at 00:30 in the hall a
    // new day's backup is due even though UTC is still on yesterday.
    const today = chinaDay(this.now());
    const taken = this.listBackups().some((b) => chinaDay(b.createdAt) === today);
    return taken ? null : this.backup('daily');
  }

  /**
   * Checks that a backup opens with `key` and is intact, without changing anything. Returns
   * its schema version and, if asked, the role an account has in it.
   */
  checkBackup(file: string, key: Buffer, accountId?: number): { version: number; role: string | null } {
    if (!fs.existsSync(file)) throw new HallError('NOT_FOUND', `找不到备份文件 ${file}`);
    const copy = openDatabase(file, {
      key,
      readonly: true,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
    try {
      const problems = integrityCheck(copy);
      if (problems.length > 0) throw new HallError('DATA_PROBLEM', `备份文件已损坏：${problems[0]}`);
      const version = schemaVersion(copy);
      if (version > LATEST_SCHEMA)
        throw new HallError('DATA_PROBLEM', `备份由更新版本的软件创建（结构版本 ${version}），请先升级软件。`);
      const row =
        accountId === undefined
          ? undefined
          : orm(copy)
              .select({ role: accounts.role, active: accounts.active })
              .from(accounts)
              .where(eq(accounts.id, accountId))
              .get();
      return { version, role: row?.active ? row.role : null };
    } finally {
      copy.close();
    }
  }

  /**
   * Replaces the database with a backup. The backup is checked first (key, integrity,
   * version); the current database is moved aside, not deleted; then the backup is opened.
   * `keyring` is the keyring that wraps `key` (the backup's own when the key has changed).
   */
  restore(file: string, key: Buffer, keyring: KeyringFile): { replacedWith: string; keptAside: string | null } {
    if (keyFingerprint(key) !== keyring.keyId) throw new HallError('DATA_PROBLEM', '密钥与备份不匹配。');
    this.checkBackup(file, key);
    this.close();
    let keptAside: string | null = null;
    fs.mkdirSync(this.files.backups, { recursive: true });
    if (fs.existsSync(this.files.database)) {
      keptAside = path.join(this.files.backups, `replaced-${this.stamp()}.db`);
      fs.renameSync(this.files.database, keptAside);
      for (const suffix of ['-wal', '-shm']) {
        const f = this.files.database + suffix;
        if (fs.existsSync(f)) fs.renameSync(f, keptAside + suffix);
      }
      if (fs.existsSync(this.files.keyring)) fs.copyFileSync(this.files.keyring, `${keptAside}.keyring.json`);
    }
    const staging = `${this.files.database}.restoring`;
    fs.copyFileSync(file, staging);
    fs.renameSync(staging, this.files.database);
    writeKeyring(this.files.keyring, keyring);
    // The live head belonged to the data just set aside: keep it with them, and seal the restored chain.
    if (fs.existsSync(this.files.auditHead))
      fs.renameSync(
        this.files.auditHead,
        keptAside ? `${keptAside}.audit-head.json` : `${this.files.auditHead}.replaced`,
      );
    fsyncDir(this.files.dir);
    this.open(key);
    return { replacedWith: file, keptAside };
  }

  /**
   * Changes the database key in the WAL-safe order: checkpoint, leave WAL, rekey, back to WAL.
   * The new keyring is written beside the old one first and swapped in only after the rekey,
   * so a crash at any point leaves a keyring that opens the database (see keyringCandidates).
   */
  rekeyDatabase(newKey: Buffer, newKeyring: KeyringFile): void {
    const db = this.database;
    const next = `${this.files.keyring}.next`;
    writeKeyring(next, newKeyring);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    fs.renameSync(next, this.files.keyring);
    fsyncDir(this.files.dir);
    this.key?.fill(0);
    this.key = Buffer.from(newKey);
    // The seal's key derives from the database key: seal the head again under the new one.
    this.sealAuditHead();
  }

  /** The keyring, then a pending one from an interrupted rekey, if any. */
  keyringCandidates(): KeyringFile[] {
    const list = [this.keyring()];
    const next = `${this.files.keyring}.next`;
    if (fs.existsSync(next)) list.push(readKeyring(next));
    return list;
  }
}
