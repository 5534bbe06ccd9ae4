import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { migrate, schemaVersion } from '../../electron/core/infra/db/migrate';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { silentLogger } from '../../electron/core/infra/log';
import { accountSlot, unwrapSlot, type KeyringFile } from '../../electron/core/infra/key-slots';
import type { SessionView } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { upgradeLine } from '../../shared/domain/upgrade';

/** The schema the upgrade is measured from (the bench database's own, as built before 0005). */
const FROM = Number(process.env.BENCH_UPGRADE_FROM ?? 5);
/** The tables the store bench fills (store.ts, fill), copied into a database at schema FROM. */
const FILLED = ['petitioners', 'visits', 'visit_petitioners'];

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The bench database at schema FROM, made once beside it: the bench copy itself when it is at
 * FROM, otherwise a database built at FROM (its first FROM migrations) with the bench's rows
 * copied in, so the measure repeats whatever schema the cached copy has reached.
 */
function oldCopy(encFile: string, key: Buffer): string {
  const probe = openDatabase(encFile, { key, readonly: true });
  const version = schemaVersion(probe);
  probe.close();
  if (version === FROM) return encFile;
  const file = path.join(path.dirname(encFile), `encrypted-v${FROM}.db`);
  if (fs.existsSync(file)) return file;
  const t0 = performance.now();
  const db = openDatabase(`${file}.building`, { key });
  migrate(db, () => {}, MIGRATIONS.slice(0, FROM));
  const src = openDatabase(encFile, { key, readonly: true });
  for (const table of FILLED) {
    const there = new Set((src.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[])
      .map((c) => c.name)
      .filter((c) => there.has(c));
    const list = columns.map((c) => `"${c}"`).join(', ');
    const insert = db.prepare(`INSERT INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
    const rows = src.prepare<[], unknown[]>(`SELECT ${list} FROM ${table}`).raw();
    db.exec('BEGIN');
    let n = 0;
    for (const row of rows.iterate()) {
      insert.run(...row);
      if (++n % 50_000 === 0) db.exec('COMMIT; BEGIN');
    }
    db.exec('COMMIT');
  }
  src.close();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(`${file}.building`, file);
  console.log(`built ${path.basename(file)} at schema ${FROM} in ${secs(performance.now() - t0)}`);
  return file;
}

/**
 * An upgrade as a login meets it (issue 17): a copy of the bench database at schema FROM, opened
 * through the core by a login that answers at once; the upgrade screen's questions every 250 ms
 * meanwhile, as the renderer asks them (every 500 ms). Prints the login's answer time, the
 * backup's and the migrations' durations, how often what the screen shows changed, how true
 * the estimate was, and how long the thread that answers was ever held (event-loop lag).
 */
export async function benchUpgrade(encFile: string, keyring: KeyringFile, password: string, visits: number) {
  const key = unwrapSlot(keyring, accountSlot(keyring, 'admin')!, password)!;
  const source = oldCopy(encFile, key);
  const dir = path.join(path.dirname(encFile), 'upgrade-folder');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(source, path.join(dir, 'hall.db'));
  fs.writeFileSync(path.join(dir, 'hall.keyring.json'), JSON.stringify(keyring));
  // The bench database holds visits only: the office's settings and its administrator, as any
  // store a login opens has them.
  const office = openDatabase(path.join(dir, 'hall.db'), { key });
  office.transaction(() => {
    const put = office.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
    for (const [k, v] of Object.entries({ ...DEFAULT_SETTINGS, officeName: '清河县信访局' }))
      put.run(k, JSON.stringify(v));
    office
      .prepare(
        "INSERT OR IGNORE INTO accounts (id, username, display_name, role) VALUES (1, 'admin', '王管理', 'admin')",
      )
      .run();
  })();
  office.pragma('wal_checkpoint(TRUNCATE)');
  office.close();
  const core = createCore({ dataDir: dir, host: 'cli', runtime: 'bench', log: silentLogger });
  const call = (method: 'auth.login' | 'auth.session', input: object) =>
    core.router.call(method, input, { host: 'cli', clientId: 'bench' }).then((r) => {
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as SessionView;
    });

  // The thread that answers the window: the longest it was held while the upgrade ran.
  let lag = 0;
  let tick = performance.now();
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - tick - 50);
    tick = now;
  }, 50);

  const t0 = performance.now();
  let view = await call('auth.login', { username: 'admin', password });
  const answerMs = performance.now() - t0;
  // The login itself runs scrypt on this thread (as before upgrades moved off it): held apart.
  const loginLag = lag;
  lag = 0;
  const seen: { at: number; view: NonNullable<SessionView['upgrade']> }[] = [];
  while (view.upgrade && view.upgrade.phase !== 'failed') {
    seen.push({ at: performance.now() - t0, view: view.upgrade });
    await new Promise((resolve) => setTimeout(resolve, 250));
    view = await call('auth.session', {});
  }
  const totalMs = performance.now() - t0;
  clearInterval(lagTimer);
  if (!view.account) throw new Error(`the upgrade failed: ${view.upgrade?.message ?? 'no session'}`);
  const to = schemaVersion(core.store.database);
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const backupEnd = seen.find((s) => s.view.phase === 'migrate')?.at ?? 0;
  // Cadence: the longest stretch in which the screen showed the same line and percent.
  let still = 0;
  let since = 0;
  for (let i = 1; i < seen.length; i++) {
    const a = seen[i - 1]!.view;
    const b = seen[i]!.view;
    if (a.percent !== b.percent || upgradeLine(a) !== upgradeLine(b)) since = seen[i]!.at;
    still = Math.max(still, seen[i]!.at - since);
  }
  const estimates = [0.1, 0.25, 0.5, 0.75, 0.9].map((f) => {
    const s = seen.find((x) => x.at >= f * totalMs && x.view.remainingSeconds !== null);
    return s
      ? `${Math.round(f * 100)}%: said ${s.view.remainingSeconds} s, took ${Math.round((totalMs - s.at) / 1000)} s`
      : '';
  });
  console.log(
    `\nupgrade at ${visits.toLocaleString()} visits: schema ${FROM} → ${to} (${to - FROM} migrations), through the login`,
  );
  console.log(
    `login answered in ${secs(answerMs)} with "${seen[0] ? upgradeLine(seen[0].view) : 'no upgrade'}"   goal: an upgrade over a few seconds shows its progress and an estimate before login completes`,
  );
  console.log(
    `upgrade ${secs(totalMs)}: the backup first ${secs(backupEnd)}, the migrations ${secs(totalMs - backupEnd)}; the screen asked ${seen.length} times, its line or percent never stood still longer than ${secs(still)}`,
  );
  console.log(
    `the estimate against the time it really took, at each share of the upgrade: ${estimates.filter(Boolean).join('; ')}`,
  );
  console.log(
    `the thread that answers the window was held at most ${Math.round(lag)} ms while the upgrade ran (${Math.round(loginLag)} ms during the login's own key unwrap)   goal: the app does not freeze`,
  );
}
