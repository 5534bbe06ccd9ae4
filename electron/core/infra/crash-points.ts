/**
 * Named steps of the multi-file operations (backup, restore, rekey, re-encryption). A test sets
 * HALL_CRASH_AT to a step's name and the process dies there with SIGKILL, as a power cut or a
 * killed app would: that is how tests/security/crash-swap.test.ts proves every step recoverable.
 * Unset (always, outside those tests) it does nothing.
 */
export function crashPoint(step: string): void {
  if (process.env.HALL_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}

/**
 * A pause after each statement of an upgrade (HALL_UPGRADE_DELAY_MS), so that an end-to-end test
 * of the preview host or the CLI sees a small store's upgrade screen as a large store's would
 * look. Unset (always, outside those tests) it is 0.
 */
export function upgradeDelayMs(): number {
  const ms = Number(process.env.HALL_UPGRADE_DELAY_MS ?? 0);
  return Number.isInteger(ms) && ms > 0 && ms <= 10_000 ? ms : 0;
}
