// Builds the ID card reader SDK's test double (tests/fixtures/termb/termb.c) into a shared
// library with the system compiler, so the `sdk` card-reader driver is tested through the real
// koffi binding. Called by .ci/run and by the tests themselves (tests/helpers/termb.ts), so
// `npm test` alone works on a machine with gcc. Rebuilds only when the source is newer.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(root, 'tests/fixtures/termb/termb.c');
export const libraryFile = path.join(
  root,
  'tests/fixtures/termb/build',
  process.platform === 'win32' ? 'termb.dll' : process.platform === 'darwin' ? 'libtermb.dylib' : 'libtermb.so',
);

/** Whether a C compiler answers as `cc`/`gcc`. */
function compiler() {
  for (const cc of [process.env.CC, 'gcc', 'cc'].filter(Boolean)) {
    try {
      execFileSync(cc, ['--version'], { stdio: 'ignore' });
      return cc;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** The built library's path, or null with the reason when no compiler is installed. */
export function buildTermbDouble() {
  if (fs.existsSync(libraryFile) && fs.statSync(libraryFile).mtimeMs >= fs.statSync(source).mtimeMs)
    return { file: libraryFile, reason: null };
  const cc = compiler();
  if (!cc) return { file: null, reason: 'no C compiler (gcc or cc) on this machine' };
  fs.mkdirSync(path.dirname(libraryFile), { recursive: true });
  // Build beside, then rename: a parallel test never loads a half-written library.
  const partial = `${libraryFile}.${process.pid}.tmp`;
  execFileSync(cc, ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-o', partial, source], { stdio: 'inherit' });
  fs.renameSync(partial, libraryFile);
  return { file: libraryFile, reason: null };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, reason } = buildTermbDouble();
  if (!file) {
    console.error(`termb double not built: ${reason}`);
    process.exit(1);
  }
  console.log(file);
}
