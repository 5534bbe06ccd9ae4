import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One face of a font: a file, and for a TrueType/OpenType collection the face's PostScript name. */
export interface FontFace {
  file: string;
  postscriptName?: string;
}

export interface FontFamily {
  normal: FontFace;
  bold: FontFace;
}

export interface FontPlan {
  /** Body text: 仿宋 on Windows, Noto Serif CJK on Linux. */
  body: FontFamily;
  /** Titles: 黑体 on Windows, a heavy serif on Linux. */
  heading: FontFamily;
  sans: FontFamily;
  /** Shipped with the app (Source Han Sans SC, OFL): draws every glyph the others lack. */
  fallback: FontFamily;
  /** Where the fonts came from, for the system screen and the logs. */
  source: 'windows' | 'noto' | 'bundled';
}

const requireHere = createRequire(__filename);

/** The OFL fallback shipped with the app (node-source-han-sans-sc). */
export function bundledFamily(): FontFamily {
  const dir = path.dirname(requireHere.resolve('node-source-han-sans-sc/package.json'));
  return {
    normal: { file: path.join(dir, 'SourceHanSansSC-Regular.otf') },
    bold: { file: path.join(dir, 'SourceHanSansSC-Bold.otf') },
  };
}

function exists(face: FontFace): boolean {
  return fs.existsSync(face.file);
}

function windowsPlan(env: NodeJS.ProcessEnv, fallback: FontFamily): FontPlan | null {
  const dir = path.join(env.WINDIR ?? 'C:\\Windows', 'Fonts');
  const f = (file: string, postscriptName?: string): FontFace => ({
    file: path.join(dir, file),
    ...(postscriptName ? { postscriptName } : {}),
  });
  const fangsong = f('simfang.ttf');
  const hei = f('simhei.ttf');
  const song = f('simsun.ttc', 'SimSun');
  if (![fangsong, hei].every(exists)) return null;
  // 仿宋 has no bold face; official documents set bold in 黑体, so that is the real bold.
  return {
    body: { normal: fangsong, bold: hei },
    heading: { normal: hei, bold: hei },
    sans: exists(song) ? { normal: song, bold: hei } : { normal: hei, bold: hei },
    fallback,
    source: 'windows',
  };
}

const NOTO_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/truetype/noto',
];

function notoPlan(fallback: FontFamily): FontPlan | null {
  for (const dir of NOTO_DIRS) {
    const f = (file: string, postscriptName: string): FontFace => ({ file: path.join(dir, file), postscriptName });
    const serif = {
      normal: f('NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'),
      bold: f('NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'),
    };
    const sans = {
      normal: f('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'),
      bold: f('NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'),
    };
    if (![serif.normal, serif.bold].every(exists)) continue;
    return {
      body: serif,
      heading: { normal: serif.bold, bold: serif.bold },
      sans: [sans.normal, sans.bold].every(exists) ? sans : serif,
      fallback,
      source: 'noto',
    };
  }
  return null;
}

/**
 * Fonts found at run time: the ones an office PC already has and people expect on forms,
 * else the bundled Source Han Sans for everything. HALL_FONTS=bundled forces the bundled set.
 */
export function discoverFonts(env: NodeJS.ProcessEnv = process.env, platform = process.platform): FontPlan {
  const fallback = bundledFamily();
  if (env.HALL_FONTS !== 'bundled') {
    const found = platform === 'win32' ? windowsPlan(env, fallback) : notoPlan(fallback);
    if (found) return found;
  }
  return {
    body: fallback,
    heading: { normal: fallback.bold, bold: fallback.bold },
    sans: fallback,
    fallback,
    source: 'bundled',
  };
}
