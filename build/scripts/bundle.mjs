// Bundles the Node-side entry points (Electron main and preload, preview host, CLI) with
// esbuild. Dependencies stay external: electron-builder ships node_modules, and the native
// driver cannot be bundled anyway. The renderer is built by Vite (vite.config.ts).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  packages: 'external',
  logLevel: 'warning',
  define: { __HALL_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

const entries = [
  { in: 'electron/main/index.ts', out: 'out/main/index.cjs' },
  { in: 'electron/preload/index.ts', out: 'out/preload/index.cjs' },
  { in: 'electron/preload/display.ts', out: 'out/preload/display.cjs' },
  { in: 'electron/preview/index.ts', out: 'out/preview/index.cjs' },
  { in: 'electron/cli/hall.ts', out: 'out/cli/hall.cjs', banner: '#!/usr/bin/env node' },
];

await Promise.all(
  entries.map((e) =>
    build({ ...common, entryPoints: [e.in], outfile: e.out, ...(e.banner ? { banner: { js: e.banner } } : {}) }),
  ),
);
