import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/infra/db/connection';
import { all } from '../../electron/core/infra/db/sql';

/** Every file under a folder with its sha256, to prove that an action changed nothing. */
/**
 * Every file below `dir` by its content hash. The password gate's counter file is left out: a
 * wrong password changes it (and only it) on purpose.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'hall.auth-failures.json')
        out[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export function allFiles(dir: string): string[] {
  return Object.keys(snapshot(dir)).map((f) => path.join(dir, f));
}

/**
 * A page of the units table in a store's database (by dbstat), far from anything login reads:
 * where the damage tests flip bytes, so they damage data rather than the login's own pages
 * whatever the schema grows to.
 */
export function unitDataPage(db: Db): number {
  const pages = all<{ pageno: number }>(db, "SELECT pageno FROM dbstat WHERE name = 'units' AND pagetype = 'leaf'");
  if (pages.length < 3) throw new Error('too few unit pages to damage one safely: add more units');
  return pages[Math.floor(pages.length / 2)]!.pageno;
}

/** Flips `count` bytes in the middle of a database page (SQLCipher pages are 4096 bytes); the page. */
export function flipPage(file: string, page: number, count = 16): number {
  const bytes = fs.readFileSync(file);
  const at = (page - 1) * 4096 + 2048;
  for (let i = 0; i < count; i++) bytes[at + i] = bytes[at + i]! ^ 0xff;
  fs.writeFileSync(file, bytes);
  return page;
}
