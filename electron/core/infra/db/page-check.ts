import { createHmac, pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';

/**
 * SQLCipher 4's page layout as connection.ts opens it (4096-byte pages; each page ends with a
 * 16-byte IV and a 64-byte HMAC-SHA512 over the page's ciphertext, its IV and its page number).
 * The HMAC key derives from the raw key and the file's salt (the first 16 bytes) with the
 * library's fixed "fast" PBKDF2 of 2 rounds; tests/unit/page-check.test.ts proves it against
 * files the driver writes.
 */
const PAGE_SIZE = 4096;
const HMAC_SIZE = 64;
const SALT_SIZE = 16;
const HMAC_SALT_MASK = 0x3a;
const FAST_KDF_ROUNDS = 2;
const PAGES_PER_READ = 256;

export interface PageCheck {
  pages: number;
  /** 1-based numbers of pages whose HMAC does not match (the first 20). */
  damaged: number[];
  /** True when the file is not a whole number of pages (cut short). */
  truncated: boolean;
}

/**
 * Checks every page of an encrypted database file against its HMAC, reading 1 MiB at a time
 * and yielding between reads, so it can run beside the app without stopping it. This finds any
 * changed byte (disk damage, a bad copy) without walking the B-trees; SQLite reads only what a
 * query needs, so a damaged page otherwise shows only when something reads it.
 * `stop` is polled between reads (the store closes).
 */
export async function checkPages(file: string, key: Buffer, stop: () => boolean = () => false): Promise<PageCheck> {
  const handle = await fs.promises.open(file, 'r');
  const hmacKey = Buffer.alloc(32);
  try {
    const { size } = await handle.stat();
    const salt = Buffer.alloc(SALT_SIZE);
    await handle.read(salt, 0, SALT_SIZE, 0);
    pbkdf2Sync(
      key,
      salt.map((b) => b ^ HMAC_SALT_MASK),
      FAST_KDF_ROUNDS,
      32,
      'sha512',
    ).copy(hmacKey);
    const pages = Math.floor(size / PAGE_SIZE);
    const damaged: number[] = [];
    const buffer = Buffer.alloc(PAGE_SIZE * PAGES_PER_READ);
    for (let first = 0; first < pages && !stop(); first += PAGES_PER_READ) {
      const count = Math.min(PAGES_PER_READ, pages - first);
      const { bytesRead } = await handle.read(buffer, 0, count * PAGE_SIZE, first * PAGE_SIZE);
      for (let i = 0; i < count; i++) {
        const n = first + i + 1;
        const start = i * PAGE_SIZE;
        const end = start + PAGE_SIZE;
        const ok = end <= bytesRead && pageMatches(hmacKey, buffer.subarray(start, end), n);
        if (!ok && damaged.length < 20) damaged.push(n);
      }
    }
    // A page the app wrote while it was being read (a checkpoint) can look torn once: read each
    // suspect again and keep only those still wrong.
    const page = Buffer.alloc(PAGE_SIZE);
    const still: number[] = [];
    for (const n of damaged) {
      const { bytesRead } = await handle.read(page, 0, PAGE_SIZE, (n - 1) * PAGE_SIZE);
      if (bytesRead < PAGE_SIZE || !pageMatches(hmacKey, page, n)) still.push(n);
    }
    return { pages, damaged: still, truncated: size % PAGE_SIZE !== 0 };
  } finally {
    hmacKey.fill(0);
    await handle.close();
  }
}

function pageMatches(hmacKey: Buffer, page: Buffer, n: number): boolean {
  const pageNo = Buffer.alloc(4);
  pageNo.writeUInt32LE(n);
  return createHmac('sha512', hmacKey)
    .update(page.subarray(n === 1 ? SALT_SIZE : 0, PAGE_SIZE - HMAC_SIZE))
    .update(pageNo)
    .digest()
    .equals(page.subarray(PAGE_SIZE - HMAC_SIZE, PAGE_SIZE));
}
