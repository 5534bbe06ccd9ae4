import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under a folder with its sha256, to prove that an action changed nothing. */
/**
 * Every file below `dir` by its content hash. The password gate's counter file is left out: a
 * wrong password changes it (and only it) on purpose.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'hall.auth-failures.json')
        out[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

export function allFiles(dir: string): string[] {
  return Object.keys(snapshot(dir)).map((f) => path.join(dir, f));
}
