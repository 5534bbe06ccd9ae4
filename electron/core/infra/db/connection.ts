import Database from 'better-sqlite3-multiple-ciphers';
import { HallError } from '../../../../shared/contract';
import { machineTime } from '../clock';
import { bigrams } from './bigrams';

export type Db = Database.Database;

export interface OpenOptions {
  /** A 32-byte key; omitted only for the unencrypted comparison in benchmarks. */
  key: Buffer | null;
  /** Path of a driver build for another ABI (Electron in development); see build/scripts/electron-native.mjs. */
  nativeBinding?: string;
  readonly?: boolean;
  /** Page cache in KiB (default 256 MiB, filled only as pages are read): hot pages are decrypted once, not on every read. */
  cacheKiB?: number;
  /** The core's clock, behind the SQL function hall_now(): statements stamp rows with it, not SQLite's 'now'. */
  now?: () => Date;
}

export const CIPHER_LABEL = 'SQLCipher 4 (AES-256-CBC + HMAC-SHA512)';

/** How every read-write connection runs, here and in the upgrade's worker (db/upgrade-worker.ts). */
export const CONNECTION_PRAGMAS = [
  'synchronous = FULL',
  'foreign_keys = ON',
  'temp_store = MEMORY',
  'secure_delete = ON',
  'mmap_size = 0',
  'cache_size = -262144',
  'busy_timeout = 5000',
];

/** The pragmas that set the cipher and key: here and in the background backup's worker (backup/worker.ts). */
export function cipherPragmas(key: Buffer): string[] {
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${key.toString('hex')}'"`];
}

/**
 * Opens an encrypted database. The raw key is given as x'…' so no passphrase KDF runs (the
 * key is already random); SQLCipher's page HMACs then reject a wrong key or a tampered page.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new HallError('DATA_PROBLEM', `无法打开数据库文件：${(error as { code?: string }).code ?? '未知错误'}`);
  }
  try {
    if (options.key) for (const pragma of cipherPragmas(options.key)) db.pragma(pragma);
    // Reading the schema proves the key: a wrong key or a damaged header fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!options.readonly) db.pragma('journal_mode = WAL');
    for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
    if (options.cacheKiB !== undefined) db.pragma(`cache_size = -${options.cacheKiB}`);
    // The ledger's search triggers (migration 0004) feed the pair index through this function.
    db.function('hall_bigrams', { deterministic: true }, bigrams);
    // Every connection has the clock: column defaults call it (migration 0006). Without the
    // core's clock (a benchmark, a check of a backup) it is the machine's.
    const now = options.now;
    db.function('hall_now', { deterministic: false }, () => (now ? now().toISOString() : machineTime()));
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new HallError(
        'DATA_PROBLEM',
        '数据库文件已损坏，无法打开。管理员可以从最近的备份恢复；损坏的文件会另存，不会删除。',
      );
    throw error;
  }
}

/** `ok`, or the first problems integrity_check reports. */
export function integrityCheck(db: Db): string[] {
  return problemsOf(db.pragma('integrity_check') as Record<string, string>[]);
}

/**
 * The B-tree structure of every page, without matching indexes to their tables: what a copy
 * needs after a rekey, which has already read every page through its HMAC. A quarter of
 * integrity_check's time at a million visits (npm run bench -- store).
 */
export function quickCheck(db: Db): string[] {
  return problemsOf(db.pragma('quick_check') as Record<string, string>[]);
}

function problemsOf(rows: Record<string, string>[]): string[] {
  const messages = rows.map((r) => Object.values(r)[0] ?? '');
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, 5);
}

/** Maps driver errors a user can act on to contract errors; others pass through. */
export function translateDriverError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC') return new HallError('DISK_FULL');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return new HallError('DATA_PROBLEM', '数据库文件已损坏，请从最近的备份恢复。');
  if (code === 'SQLITE_BUSY') return new HallError('CONFLICT', '数据库正被其他程序使用，请稍后重试。');
  return error;
}
