import { KINDS, type DocumentKind } from '../../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../../shared/documents/samples';
import { pdfEngine, type RenderResult } from '../infra/pdf/engine';
import { describeFonts, discoverFonts } from '../infra/pdf/fonts';

/**
 * A document of `kind` filled with sample data, rendered without a database or a login: for
 * checking printers, fonts and layouts. `env` chooses the fonts as it does for the app.
 */
export function renderSample(kind: DocumentKind, env: NodeJS.ProcessEnv = process.env): Promise<RenderResult> {
  const engine = pdfEngine(() => discoverFonts(env));
  return engine.render(KINDS[kind].layout(sampleData(kind) as never, sampleStamp(kind)));
}

/** The font files printing would use on this PC (body, title, the fallback chain), one line each. */
export function describeSampleFonts(env: NodeJS.ProcessEnv = process.env): string[] {
  return describeFonts(discoverFonts(env));
}
