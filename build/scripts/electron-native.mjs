// Builds a copy of the native SQLite driver for Electron's ABI, beside (not over) the Node
// build in node_modules, so `npm start` and `npm test` work on one checkout in either order.
// The Electron main process loads it through better-sqlite3's `nativeBinding` option.
// Needs the network once (prebuilt binary, or Electron headers for node-gyp).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;
const driverDir = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const target = path.join(
  root,
  'node_modules',
  '.electron-native',
  `electron-${electronVersion}-${process.platform}-${process.arch}`,
  'better_sqlite3.node',
);

if (fs.existsSync(target)) process.exit(0);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-native-'));
fs.cpSync(driverDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
console.log(`为 Electron ${electronVersion} 编译数据库驱动（只需一次）…`);
try {
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
  ]);
} catch {
  run(process.execPath, [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`已生成 ${path.relative(root, target)}`);
