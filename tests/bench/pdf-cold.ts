// One cold render in a fresh process: prints milliseconds from engine creation to the PDF, and
// from the process's start (imports included: what a cold `hall print` pays before its first page).
import { pdfEngine } from '../../electron/core/infra/pdf/engine';
import { discoverFonts } from '../../electron/core/infra/pdf/fonts';
import { isDocumentKind, layoutOf } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';

const kind = process.argv[2];
if (!isDocumentKind(kind)) process.exit(2);
const t = performance.now();
void pdfEngine(() => discoverFonts())
  .render(layoutOf(kind, sampleData(kind), sampleStamp(kind)))
  .then(() => process.stdout.write(`${(performance.now() - t).toFixed(1)} ${performance.now().toFixed(1)}\n`));
