import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh data folder per test, removed afterwards (Actual's per-test fixture habit). */
export function tempDir(prefix = 'hall-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
