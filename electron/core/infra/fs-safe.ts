import fs from 'node:fs';
import path from 'node:path';

/**
 * Write-then-rename with fsync of the file and its folder: after a crash the target holds
 * either the old or the new content, never half of either.
 */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}

export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Readable and writable by the account running the app only: the mode of every file the hall writes. */
const OWNER_ONLY = 0o600;

/**
 * Writes a file for the user (an export, a report, a printed document): readable by its owner
 * alone (0600 on POSIX), as it holds petitioners' data. A file already there is narrowed before
 * a byte of the new content is written. (The same mode as the store's own files.)
 */
export function writeOwnerOnly(file: string, data: string | Buffer): void {
  const fd = fs.openSync(file, 'w', OWNER_ONLY);
  try {
    if (process.platform !== 'win32') fs.fchmodSync(fd, OWNER_ONLY);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/** Narrows a file written by someone else (Chromium, for a download) to its owner alone. */
export function restrictToOwner(file: string): void {
  if (process.platform !== 'win32' && fs.existsSync(file)) fs.chmodSync(file, OWNER_ONLY);
}
