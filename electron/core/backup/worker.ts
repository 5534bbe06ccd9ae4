/**
 * The background backup's thread. It is plain JavaScript kept as text and started with
 * `new Worker(source, { eval: true })`: the same code then runs from the esbuild bundles, from
 * vitest's TypeScript and from the packaged app, with no second entry file to build and find.
 * It reaches the driver by the path the main thread resolved, and takes the cipher pragmas made
 * by infra/db/connection.ts (cipherPragmas), so the key scheme is the one every file uses.
 *
 * Why not SQLite's online backup API (`db.backup()`): this driver refuses it between encrypted
 * databases ("backup is not supported with incompatible source and target databases", measured)
 * and writes its target unencrypted otherwise. What it does instead, step by step:
 *
 * 1. Takes a read snapshot of the database *file alone*: a read transaction begun while the WAL
 *    is empty. Such a reader holds WAL read-lock 0, and no checkpoint (of this or any process)
 *    may write into the file while it is held; the app goes on writing to the WAL meanwhile.
 *    When the WAL is not empty, the worker asks the main thread to checkpoint it (TRUNCATE) and
 *    tries again: a checkpoint from this thread would hold the write lock while it waits for
 *    the app's readers, and the app's writes would fail busy meanwhile (measured: they did).
 * 2. Copies the file in chunks to `….partial` (created exclusively, owner-only), reporting
 *    progress after each percent, and fsyncs it.
 * 3. Re-encrypts the copy under the backup's own key (the rekey reads every page through its
 *    HMAC: a torn or changed page fails it), then runs quick_check on the result and fsyncs it.
 *
 * The main thread publishes the checked copy (sidecars first, rename last: Store.publishBackup).
 * A crash or a terminate at any step leaves only `….partial`, which the next start removes.
 */
export const BACKUP_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, receiveMessageOnPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(w.driver);

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// The named steps of infra/crash-points.ts: a test sets HALL_CRASH_AT and the process dies here.
const crashPoint = (step) => {
  if (process.env.HALL_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
};
const progress = (phase, done, total) => parentPort.postMessage({ type: 'progress', phase, done, total });

function open(file, pragmas, readonly = false) {
  // fileMustExist: a copy removed under the worker must fail, not reopen as a new empty database.
  const db = new Database(file, { fileMustExist: true, readonly, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
  try {
    for (const pragma of pragmas) db.pragma(pragma);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function walSize() {
  try {
    return fs.statSync(w.database + '-wal').size;
  } catch {
    return 0;
  }
}

// Copies \`from\` to the staging file (created exclusively, owner-only) in steps of chunkBytes,
// reporting each percent as \`phase\`, and fsyncs it.
function copyChunks(fromFile, phase, step) {
  const total = fs.statSync(fromFile).size;
  const from = fs.openSync(fromFile, 'r');
  let to = -1;
  try {
    to = fs.openSync(w.staging, 'wx', 0o600);
    const buffer = Buffer.allocUnsafe(w.chunkBytes);
    let done = 0;
    let reported = -1;
    while (done < total) {
      const n = fs.readSync(from, buffer, 0, Math.min(buffer.length, total - done), done);
      if (n === 0) throw Object.assign(new Error('file shrank during the copy'), { code: 'SHORT_READ' });
      let written = 0;
      while (written < n) written += fs.writeSync(to, buffer, written, n - written, done + written);
      done += n;
      const percent = Math.floor((done * 100) / total);
      if (percent !== reported) {
        reported = percent;
        progress(phase, done, total);
      }
      if (w.stepDelayMs > 0) pause(w.stepDelayMs);
      crashPoint(step);
    }
    fs.fsyncSync(to);
  } finally {
    fs.closeSync(from);
    if (to >= 0) fs.closeSync(to);
  }
}

function copySnapshot() {
  const live = open(w.database, w.livePragmas);
  try {
    let snapshot = false;
    for (let attempt = 0; attempt < 50 && !snapshot; attempt++) {
      live.exec('BEGIN');
      live.prepare('SELECT count(*) FROM sqlite_master').get();
      if (walSize() === 0) snapshot = true;
      else {
        live.exec('COMMIT');
        parentPort.postMessage({ type: 'checkpoint' });
        let answer;
        while (!(answer = receiveMessageOnPort(parentPort))) pause(10);
        if (attempt > 0) pause(20 * attempt);
      }
    }
    if (!snapshot) throw Object.assign(new Error('database busy'), { code: 'SQLITE_BUSY' });
    copyChunks(w.database, 'copy', 'backup:copying');
  } finally {
    if (live.inTransaction) live.exec('COMMIT');
    live.close();
  }
}

// quick_check of the staging file under the backup's own key; a problem fails the backup.
function check() {
  const copy = open(w.staging, w.filePragmas, true);
  let problems;
  try {
    problems = copy
      .pragma('quick_check')
      .map((row) => String(Object.values(row)[0]))
      .filter((line) => line !== 'ok');
  } finally {
    copy.close();
  }
  if (problems.length > 0) throw Object.assign(new Error(problems.slice(0, 3).join('; ')), { code: 'CHECK_FAILED' });
}

function reencryptAndCheck() {
  progress('encrypt', 0, 1);
  const copy = open(w.staging, w.livePragmas);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma(w.rekeyPragma);
  } finally {
    copy.close();
  }
  progress('check', 0, 1);
  check();
  const fd = fs.openSync(w.staging, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

// The copy of a published backup to the second place: in steps, then opened with the backup's
// own key and checked (the key's HMAC on every page read, quick_check on the structure).
function copyToPlace() {
  copyChunks(w.source, 'place', 'place:copying');
  crashPoint('place:copied');
  check();
}

try {
  if (w.mode === 'place') copyToPlace();
  else {
    copySnapshot();
    crashPoint('backup:copied');
    reencryptAndCheck();
    crashPoint('backup:reencrypted');
  }
  parentPort.postMessage({ type: 'done' });
} catch (error) {
  parentPort.postMessage({ type: 'error', code: String(error && error.code || ''), message: String(error && error.message || error) });
}
`;
