/**
 * Named steps of the multi-file operations (backup, restore, rekey, re-encryption). A test sets
 * HALL_CRASH_AT to a step's name and the process dies there with SIGKILL, as a power cut or a
 * killed app would: that is how tests/security/crash-swap.test.ts proves every step recoverable.
 * Unset (always, outside those tests) it does nothing.
 */
export function crashPoint(step: string): void {
  if (process.env.HALL_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}
