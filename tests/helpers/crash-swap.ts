// Child process for tests/security/crash-swap.test.ts: logs in as the administrator and runs one
// multi-file operation; HALL_CRASH_AT (set by the test) kills it with SIGKILL at a named step.
import { changeDatabaseKey } from '../../electron/core';
import { runChild } from './child';
import { ADMIN, must, testCore } from './core';

const [dataDir, operation, backupName] = process.argv.slice(2);
const core = testCore(dataDir!);
const admin = must(core, 'crash');
const ctx = { host: 'cli' as const, clientId: 'crash' };

async function run(): Promise<void> {
  await admin('auth.login', { username: 'admin', password: ADMIN.password });
  if (operation === 'restore') await admin('backup.restore', { name: backupName!, password: ADMIN.password });
  else if (operation === 'rekey') await changeDatabaseKey(core, ctx, ADMIN.password);
  else if (operation === 'backup') await admin('backup.create', {});
  else if (operation === 'reencrypt') await admin('backup.reencrypt', { name: backupName! });
  else throw new Error(`unknown operation ${operation}`);
}

runChild(core, run);
