import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The preview host and Chromium for the browser tests and the renderer bench (no vitest here). */
const ROOT = path.resolve(__dirname, '../..');

export interface RunningPreview {
  url: string;
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built preview host as a user would and waits for its HALL_URL line. */
export function startPreview(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningPreview> {
  const entry = path.join(ROOT, 'out/preview/index.cjs');
  if (!fs.existsSync(entry)) throw new Error('out/preview/index.cjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, HALL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`preview did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^HALL_URL=(\S+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        const url = match[1]!;
        resolve({
          url,
          origin: new URL(url).origin,
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${out}`)));
  });
}

const CHROMIUM = process.env.HALL_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium for the browser tests. `scrollbars` keeps the page's scroll bar taking its width, as
 * on the hall's Windows PCs (Playwright hides it by default): for the tests of what fits.
 * `fakeCamera` gives Chromium its built-in test camera (a moving test pattern) and grants the
 * page's camera request without a prompt, for the document camera's tests.
 */
export function launchBrowser({ scrollbars = false, fakeCamera = false } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set HALL_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(fakeCamera ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ],
  });
}
