import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startPreview, type RunningPreview } from '../helpers/chromium';
import { ms, summarize } from './stats';

/**
 * `npm run bench -- renderer`: the built renderer's chunks (raw and gzip), what the first screen
 * loads, and two times measured in Chromium through the preview host on the demo store:
 *  - first screen: from the start of `page.goto` (the token URL, its redirect included) until the
 *    login form is visible and its fields enabled, in a fresh browser context each time (nothing
 *    cached: the preview host also sends no-store);
 *  - 统计: after logging in (fresh context), from the click on 统计 in the menu until its four
 *    charts have drawn (their SVG holds paths, which happens only once the figures have come).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = path.resolve(__dirname, '../..');
const RENDERER = path.join(ROOT, 'out/renderer');
const CLI = path.join(ROOT, 'out/cli/hall.cjs');
/** The demo store's "today": a working Monday, so this month's figures are full. */
const NOW = '2026-11-23T09:00+08:00';
const USER = 'admin';
const PASSWORD = 'bench renderer 2026';
const CHARTS = 4;

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;

interface Asset {
  name: string;
  raw: number;
  gzip: number;
}

function assets(): Asset[] {
  const dir = path.join(RENDERER, 'assets');
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((name) => {
      const file = path.join(dir, name);
      return { name, raw: fs.statSync(file).size, gzip: gzipSize(file) };
    })
    .sort((a, b) => b.raw - a.raw);
}

/** The demo store through the CLI, as README tells a user to make it. */
function demoStore(dir: string): void {
  const pw = path.join(dir, 'pw');
  fs.writeFileSync(pw, PASSWORD, { mode: 0o600 });
  const env = { ...process.env, HALL_DATA_DIR: path.join(dir, 'data'), HALL_NOW: NOW };
  const creds = ['--user', USER, '--password-file', pw];
  execFileSync(process.execPath, [CLI, 'init', '--office', '清河县信访局', ...creds, '--name', '王管理'], { env });
  execFileSync(process.execPath, [CLI, 'demo', ...creds], { env });
}

/** Scripts and style sheets the page fetched from the build, by file name. */
function recordLoads(page: Page): Set<string> {
  const loaded = new Set<string>();
  page.on('requestfinished', (req) => {
    const type = req.resourceType();
    if (type === 'script' || type === 'stylesheet') loaded.add(path.basename(new URL(req.url()).pathname));
  });
  return loaded;
}

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** page.goto start → login form visible with its fields enabled. */
async function firstScreen(page: Page, preview: RunningPreview): Promise<number> {
  const t0 = performance.now();
  await page.goto(preview.url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const fields = ['username', 'current-password'].map((a) =>
        document.querySelector<HTMLInputElement>(`input[autocomplete="${a}"]`),
      );
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.replace(/\s/g, '') === '登录');
      return fields.every((f) => f && !f.disabled && f.offsetParent !== null) && !!button && !button.disabled;
    },
    undefined,
    { polling: 'raf' },
  );
  return performance.now() - t0;
}

/** The floor: a fresh context's navigation to the host's small 401 page (no token), until it has loaded. */
async function floor(browser: Browser, preview: RunningPreview): Promise<number> {
  const { context, page } = await freshPage(browser);
  const t0 = performance.now();
  await page.goto(preview.origin + '/', { waitUntil: 'load' });
  const t = performance.now() - t0;
  await context.close();
  return t;
}

/** Logs in and waits until the first screen after it (今日接访) has its code. */
async function login(page: Page): Promise<void> {
  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
  await page.getByTestId('screen-loading').waitFor({ state: 'detached' });
}

/** Click on 统计 → every chart's SVG has paths in it. */
async function openStats(page: Page): Promise<number> {
  const t0 = performance.now();
  await page.getByRole('menuitem', { name: '统计' }).click();
  await page.waitForFunction(
    (n) => {
      const boxes = [...document.querySelectorAll('main div[role="img"]')];
      return boxes.length === n && boxes.every((b) => b.querySelector('svg path') !== null);
    },
    CHARTS,
    { polling: 'raf' },
  );
  return performance.now() - t0;
}

export async function benchRenderer(): Promise<void> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html')))
    throw new Error('out/renderer is missing: run `npm run build`');
  const all = assets();
  const byName = new Map(all.map((a) => [a.name, a]));
  console.log(`renderer bench: the build in out/renderer (${all.length} files), measured in Chromium at 1366×768`);
  console.log('  chunk                                          raw        gzip');
  for (const a of all) console.log(`  ${a.name.padEnd(44)} ${kib(a.raw).padStart(11)} ${kib(a.gzip).padStart(11)}`);
  const total = all.reduce((s, a) => ({ raw: s.raw + a.raw, gzip: s.gzip + a.gzip }), { raw: 0, gzip: 0 });
  console.log(`  ${'all chunks'.padEnd(44)} ${kib(total.raw).padStart(11)} ${kib(total.gzip).padStart(11)}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-bench-renderer-'));
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  try {
    demoStore(tmp);
    preview = await startPreview(path.join(tmp, 'data'), { HALL_NOW: NOW });
    browser = await launchBrowser();
    const first: number[] = [];
    const stats: number[] = [];
    const floors: number[] = [];
    let firstLoads = new Set<string>();
    let statsLoads = new Set<string>();
    // One warm-up of each (Chromium's own start, the host's first reads), then the measured runs.
    for (let i = 0; i <= RUNS; i++) {
      const { context, page } = await freshPage(browser);
      const loads = recordLoads(page);
      const t = await firstScreen(page, preview);
      const atLogin = new Set(loads);
      await login(page);
      const afterLogin = new Set(loads);
      const s = await openStats(page);
      const bare = await floor(browser, preview);
      if (i > 0) {
        floors.push(bare);
        first.push(t);
        stats.push(s);
      }
      firstLoads = atLogin;
      statsLoads = new Set([...loads].filter((f) => !afterLogin.has(f)));
      await context.close();
    }
    const sum = (names: Set<string>) =>
      [...names].reduce(
        (s, n) => ({ raw: s.raw + (byName.get(n)?.raw ?? 0), gzip: s.gzip + (byName.get(n)?.gzip ?? 0) }),
        { raw: 0, gzip: 0 },
      );
    const fl = sum(firstLoads);
    const sl = sum(statsLoads);
    console.log(`  first screen loads ${[...firstLoads].sort().join(', ')}`);
    console.log(`    ${kib(fl.raw)} raw, ${kib(fl.gzip)} gzip`);
    console.log(`  opening 统计 after login loads ${[...statsLoads].sort().join(', ') || 'nothing'}`);
    console.log(`    ${kib(sl.raw)} raw, ${kib(sl.gzip)} gzip`);
    const f = summarize(first);
    const s = summarize(stats);
    const n = summarize(floors);
    console.log(
      `  first screen (page.goto start → login form visible and enabled), ${RUNS} cold navigations: median ${ms(f.median)}, max ${ms(f.max)}   goal < 400 ms`,
    );
    console.log(
      `  for scale: a fresh context's navigation to the host's 401 page, median ${ms(n.median)} (the machine's floor now, load ${os.loadavg()[0]!.toFixed(1)})`,
    );
    console.log(
      `  统计 (menu click → its ${CHARTS} charts drawn), demo store, ${RUNS} runs: median ${ms(s.median)}, max ${ms(s.max)}   goal < 1 s`,
    );
  } finally {
    await browser?.close();
    await preview?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
