// Child process for tests/security/crash-upgrade.test.ts: logs in to a store that needs an
// upgrade and waits for it; HALL_CRASH_AT (set by the test) kills it with SIGKILL at a named
// step (a migration statement in the upgrade's worker, or a step of the backup before it).
import { runChild } from './child';
import { ADMIN, must, testCore } from './core';

const [dataDir] = process.argv.slice(2);
const core = testCore(dataDir!, { upgradeAnswerMs: 0 });
const call = must(core, 'crash');

async function run(): Promise<void> {
  let view = await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  while (view.upgrade && view.upgrade.phase !== 'failed') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    view = await call('auth.session', {});
  }
  if (!view.account) throw new Error(view.upgrade?.message ?? 'no session');
}

runChild(core, run);
