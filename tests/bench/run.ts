// `npm run bench -- <area>`: prints the figures the issues name. Not a test: numbers only.
import { benchCipher } from './cipher';
import { benchLedger } from './ledger';
import { benchLookup } from './lookup';
import { benchPdf } from './pdf';
import { benchRenderer } from './renderer';
import { benchStatsReport } from './stats-report';
import { benchStore, benchStoreUpgrade } from './store';

const AREAS: Record<string, (args: string[]) => Promise<void>> = {
  store: benchStore,
  cipher: benchCipher,
  upgrade: benchStoreUpgrade,
  pdf: benchPdf,
  lookup: benchLookup,
  ledger: benchLedger,
  stats: benchStatsReport,
  renderer: benchRenderer,
};

const [area, ...rest] = process.argv.slice(2);
const run = area ? AREAS[area] : undefined;
if (!run) {
  console.error(`usage: npm run bench -- <${Object.keys(AREAS).join('|')}> [options]`);
  process.exit(2);
}
void run(rest).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
