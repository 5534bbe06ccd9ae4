import fs from 'node:fs';
import path from 'node:path';
// The build script is plain ESM shared with .ci/run; its types are not declared.
// @ts-expect-error no declaration file for a build script
import { buildTermbDouble } from '../../build/scripts/termb-double.mjs';

/**
 * The ID card reader SDK's test double (tests/fixtures/termb/termb.c), built with the system
 * compiler if missing. Null with a reason only when this machine has no C compiler: the tests that
 * need it then skip, saying so (CI installs gcc).
 */
export function termbDouble(): { file: string | null; reason: string | null } {
  return (buildTermbDouble as () => { file: string | null; reason: string | null })();
}

/** A file that chooses the double's behaviour (ok, open-fail, no-card, removed, read-error, expired, long-term). */
export function modeFile(dir: string): { file: string; set(mode: string): void } {
  const file = path.join(dir, 'termb-mode');
  fs.writeFileSync(file, 'ok');
  return { file, set: (mode) => fs.writeFileSync(file, mode) };
}
