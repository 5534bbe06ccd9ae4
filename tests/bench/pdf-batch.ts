// A batch of case folders in a fresh process, one after another as a month's archive run
// would print them; prints "<folders> <pages> <seconds> <peak rss MiB>".
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { KINDS } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';

const count = Number(process.argv[2] ?? 1000);
void (async () => {
  const engine = pdfEngine(() => discoverFonts());
  let peak = process.memoryUsage().rss;
  let pages = 0;
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    pages += (await engine.render(KINDS.folder.layout(sampleData('folder'), sampleStamp('folder')))).pages;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  process.stdout.write(
    `${count} ${pages} ${((performance.now() - t) / 1000).toFixed(1)} ${(peak / 2 ** 20).toFixed(0)}\n`,
  );
})();
