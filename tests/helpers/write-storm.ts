// Child process for the crash test: logs in and writes as fast as it can, printing the id of
// each committed row, until it is killed with SIGKILL.
import { testCore } from './core';

const [dataDir, round] = process.argv.slice(2);
const core = testCore(dataDir!);
void core.router
  .call('auth.login', { username: 'admin', password: 'correct horse 1' }, { host: 'cli', clientId: 'storm' })
  .then((r) => {
    if (!r.ok) {
      process.stderr.write(`login failed: ${r.error.code}\n`);
      process.exit(1);
    }
    process.stdout.write('ready\n');
    for (let i = 0; ; i++) {
      const id = core.store.write({ id: 1, name: 'storm' }, (db, audit) => {
        const rowId = Number(
          db
            .prepare('INSERT INTO categories (name, sort) VALUES (?, ?)')
            .run(`storm-${round}-${i}-${'字'.repeat(i % 50)}`, i).lastInsertRowid,
        );
        audit({ action: 'category.create', entity: 'category', entityId: rowId });
        return rowId;
      });
      process.stdout.write(`${id}\n`);
    }
  });
