import path from 'node:path';
import { createCore, resolveDataDir, testClockFromEnv } from '../core';
import { startPreviewServer } from './server';

/** `npm run preview`: the app in a browser, for tests and for machines without Electron. */
async function main(): Promise<void> {
  const core = createCore({
    dataDir: resolveDataDir(),
    host: 'preview',
    runtime: `Node ${process.versions.node}`,
    dailyBackup: true,
    // A bad HALL_NOW throws here and the host refuses to start (see the catch below).
    testClock: testClockFromEnv(process.env),
  });
  const port = Number(process.env.HALL_PREVIEW_PORT ?? 0);
  const server = await startPreviewServer(core, path.resolve(__dirname, '..', 'renderer'), port);
  process.stdout.write(`HALL_URL=${server.url}\n`);
  const stop = () => {
    void server
      .close()
      .then(() => core.shutdown())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`预览服务无法启动：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
