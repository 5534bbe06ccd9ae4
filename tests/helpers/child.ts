import type { Core } from '../../electron/core';

/**
 * The end of a child process a crash test starts: runs `work`, closes the core and says
 * "finished" on stdout, or writes the error to stderr and exits 1. A kill at a crash point
 * (HALL_CRASH_AT) ends it before either.
 */
export function runChild(core: Core, work: () => Promise<void>): void {
  work().then(
    () => {
      core.close();
      process.stdout.write('finished\n');
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
