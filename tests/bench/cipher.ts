import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CONNECTION_PRAGMAS, type Db } from '../../electron/core/infra/db/connection';
import { newDatabaseKey } from '../../electron/core/infra/key-slots';
import { ms } from './stats';
import { benchDatabase, lookups, prepare, type LookupFigures } from './store';

const VISITS = Number(process.env.BENCH_VISITS ?? 1_000_000);
const PAGE_SIZES = (process.env.BENCH_PAGE_SIZES ?? '4096,8192,16384').split(',').map(Number);

/**
 * The authenticated ciphers SQLite3 Multiple Ciphers offers, each with a 256-bit key given raw
 * (x'…', no passphrase KDF: the key is random), as the pragmas that select it.
 */
const CIPHERS: { name: string; pragmas: (pageSize: number) => string[] }[] = [
  {
    name: 'SQLCipher 4 (AES-256-CBC + HMAC-SHA512)',
    pragmas: (pageSize) => [`cipher='sqlcipher'`, 'legacy=4', `legacy_page_size=${pageSize}`],
  },
  { name: 'ChaCha20-Poly1305', pragmas: () => [`cipher='chacha20'`] },
  { name: 'AEGIS-256', pragmas: () => [`cipher='aegis'`, `algorithm='aegis-256'`] },
  { name: 'AEGIS-256x2', pragmas: () => [`cipher='aegis'`, `algorithm='aegis-256x2'`] },
];

function raw(file: string, pragmas: string[], key: Buffer | null): Db {
  const db = new Database(file);
  for (const pragma of pragmas) db.pragma(pragma);
  if (key) db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}

/** The plain bench database at `pageSize` (VACUUM rewrites every page at the new size). */
function plainAt(source: string, dir: string, pageSize: number): string {
  const file = path.join(dir, `plain-${pageSize}.db`);
  fs.copyFileSync(source, file);
  const db = raw(file, [], null);
  db.pragma('journal_mode = DELETE');
  db.pragma(`page_size = ${pageSize}`);
  db.exec('VACUUM');
  db.close();
  return file;
}

/** Opens as the app does (its connection pragmas), then the same lookups as the store bench. */
function measure(file: string, pragmas: string[], key: Buffer | null): { openMs: number; figures: LookupFigures } {
  const t = performance.now();
  const db = raw(file, pragmas, key);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
  const openMs = performance.now() - t;
  try {
    return { openMs, figures: lookups(db) };
  } finally {
    db.close();
  }
}

/**
 * Encrypted against plain first reads, per cipher and page size (issue 17: "within 1.5× of
 * plain, if a cipher choice or page size gets there without weakening the protection"). Each
 * variant is the store bench's plain database rewritten at the page size, then encrypted in
 * place (rekey) under a fresh key; "first read" is the store bench's: a new connection (cold for
 * SQLite's page cache, the file in the OS cache) looking up 5,000 people by ID and by phone.
 */
export async function benchCipher(): Promise<void> {
  const { plainFile } = benchDatabase();
  prepare(plainFile, null);
  const dir = path.join(path.dirname(plainFile), 'cipher');
  fs.mkdirSync(dir, { recursive: true });
  console.log(
    `\ncipher bench: ${VISITS.toLocaleString()} visits, first and hot lookups by ID number (p95), per page size`,
  );
  console.log(
    'cipher                                     page    open      first p95 (× plain)     hot p95 (× plain)   file',
  );
  for (const pageSize of PAGE_SIZES) {
    const plain = plainAt(plainFile, dir, pageSize);
    const base = measure(plain, [], null);
    const row = (name: string, m: ReturnType<typeof measure>, size: number) =>
      console.log(
        `${name.padEnd(42)} ${String(pageSize).padEnd(6)} ${ms(m.openMs).padStart(8)}   ${ms(m.figures.first.id.p95).padStart(9)} (${(m.figures.first.id.p95 / base.figures.first.id.p95).toFixed(2)}×)      ${ms(m.figures.hot.id.p95).padStart(8)} (${(m.figures.hot.id.p95 / base.figures.hot.id.p95).toFixed(2)}×)   ${(size / 2 ** 20).toFixed(0)} MiB`,
      );
    row('plain', base, fs.statSync(plain).size);
    for (const cipher of CIPHERS) {
      const file = path.join(dir, `enc-${pageSize}.db`);
      fs.copyFileSync(plain, file);
      const key = newDatabaseKey();
      const db = raw(file, cipher.pragmas(pageSize), null);
      db.pragma(`rekey="x'${key.toString('hex')}'"`);
      db.close();
      row(cipher.name, measure(file, cipher.pragmas(pageSize), key), fs.statSync(file).size);
      key.fill(0);
      fs.rmSync(file, { force: true });
    }
    fs.rmSync(plain, { force: true });
  }
  console.log(
    'goal: encrypted first reads within 1.5× of plain, without weakening the protection (authenticated encryption, 256-bit keys)',
  );
}
