import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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

/**
 * A font of the fallback chain: per character, the run's own font draws it if it can, else the
 * first of these that has the glyph. Serif fonts come first so a rare name stays in a serif
 * (宋/明) face; the bundled sans is the last resort.
 */
export interface ChainFont extends FontFamily {
  /** What it is, for `hall print --sample --fonts` and the logs. */
  label: string;
  role: 'serif' | 'added' | 'rare' | 'bundled';
}

export interface FontPlan {
  /** Body text: 仿宋 (FangSong, 仿宋_GB2312) where the PC has it, else a free 楷 (AR PL UKai CN), else Noto Serif CJK. */
  body: FontFamily;
  /** Titles: 小标宋 where the PC has it, else 黑体. */
  heading: FontFamily;
  sans: FontFamily;
  /** The fallback chain, in order (see ChainFont). */
  chain: ChainFont[];
  /** Where the body font came from, for the bench and the logs. */
  source: 'fangsong' | 'kai' | 'noto' | 'bundled';
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

/** Where fonts are installed: the Windows Fonts folders, or the fontconfig folders of Linux. */
function fontRoots(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    const roots = [path.join(env.WINDIR ?? 'C:\\Windows', 'Fonts')];
    if (env.LOCALAPPDATA) roots.push(path.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    return roots;
  }
  const home = env.HOME ?? os.homedir();
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local/share/fonts'),
    path.join(home, '.fonts'),
  ];
}

/** Every font file under the roots by lower-case file name (Windows names vary in case: SIMFANG.TTF). */
function indexFonts(roots: string[]): Map<string, string> {
  const index = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(full, depth + 1);
      else if (/\.(ttf|otf|ttc)$/i.test(e.name) && !index.has(e.name.toLowerCase()))
        index.set(e.name.toLowerCase(), full);
    }
  };
  for (const root of roots) walk(root, 0);
  return index;
}

let indexCache: { key: string; index: Map<string, string> } | null = null;

/** When a folder (or a folder in it: a new Debian font package) last changed. */
function stamp(dir: string): string {
  try {
    const subdirs = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
    return [dir, ...subdirs.map((e) => path.join(dir, e.name))].map((d) => fs.statSync(d).mtimeMs).join(',');
  } catch {
    return '-';
  }
}

/**
 * The folders are listed again only when one changed (a font installed while the app runs),
 * not on every print.
 */
function fontIndex(roots: string[]): Map<string, string> {
  const key = roots.map((r) => `${r}:${stamp(r)}`).join('\n');
  if (indexCache?.key !== key) indexCache = { key, index: indexFonts(roots) };
  return indexCache.index;
}

type Candidate = [file: string, postscriptName?: string];

/** 仿宋: Windows' FangSong, then the older 仿宋_GB2312 files offices install for 公文. */
const FANGSONG: Candidate[] = [['simfang.ttf'], ['FS_GB2312.ttf'], ['仿宋_GB2312.ttf'], ['仿宋_GB2312.TTF']];
/** A free 楷 with the whole GB 2312 set (Debian fonts-arphic-ukai), for Linux PCs without 仿宋. */
const KAI: Candidate[] = [['ukai.ttc', 'UKaiCN']];
/** 方正小标宋 (FZXiaoBiaoSong-B05S), the title face of GB/T 9704, under the names it is installed as. */
const XIAOBIAOSONG: Candidate[] = [['FZXBSJW.TTF'], ['FZXBSK.TTF'], ['方正小标宋简体.ttf'], ['方正小标宋_GBK.ttf']];
const HEI: Candidate[] = [['simhei.ttf']];
const SONG: Candidate[] = [['simsun.ttc', 'SimSun']];
const NOTO_SERIF: Candidate = ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'];
const NOTO_SERIF_BOLD: Candidate = ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'];
const NOTO_SANS_BOLD: Candidate = ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'];
const NOTO_SANS: Candidate = ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'];
/**
 * Fonts for CJK Extensions B–G: SimSun-ExtB ships with every Windows; 花园明朝 A/B (Debian
 * fonts-hanazono) on Linux. HanaMinA holds the BMP and part of Ext B, HanaMinB the rest of
 * the supplementary plane.
 */
const RARE: { label: string; file: Candidate }[] = [
  { label: 'SimSun-ExtB', file: ['simsunb.ttf'] },
  { label: 'HanaMinA', file: ['HanaMinA.ttf'] },
  { label: 'HanaMinB', file: ['HanaMinB.ttf'] },
];

/**
 * HALL_FONTS=bundled prints with the bundled font only; HALL_FONTS=no-rare leaves out the
 * Ext B–G fonts of the system (to see what an office without them gets).
 */
export type FontsOption = 'bundled' | 'no-rare' | undefined;

/**
 * The fonts found at run time: those an office PC already has and people expect on 公文, then
 * the fallback chain, then the bundled Source Han Sans. `added` are font files the
 * administrator named in 设置 (checked by fontFileProblem when saved; skipped here if gone; of a
 * collection (.ttc) the first face is used).
 */
export function discoverFonts(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  added: readonly string[] = [],
): FontPlan {
  const bundled = bundledFamily();
  const option = env.HALL_FONTS as FontsOption;
  const index = option === 'bundled' ? new Map<string, string>() : fontIndex(fontRoots(env, platform));
  const find = (list: Candidate[]): FontFace | null => {
    for (const [file, postscriptName] of list) {
      const found = index.get(file.toLowerCase());
      if (found) return { file: found, ...(postscriptName ? { postscriptName } : {}) };
    }
    return null;
  };
  const serifNormal = find([NOTO_SERIF]);
  const serifBold = find([NOTO_SERIF_BOLD]);
  const serif: FontFamily | null = serifNormal && serifBold ? { normal: serifNormal, bold: serifBold } : null;
  const song = find(SONG);
  const hei = find(HEI) ?? find([NOTO_SANS_BOLD]);
  const fangsong = find(FANGSONG);
  const kai = fangsong ? null : find(KAI);
  const xbs = find(XIAOBIAOSONG);

  // 仿宋 and 楷 have no bold face; 公文 set bold in 黑体, so that is the real bold.
  const bodyNormal = fangsong ?? kai ?? serif?.normal ?? bundled.normal;
  const bodyBold = fangsong || kai ? (hei ?? serif?.bold ?? bundled.bold) : (serif?.bold ?? bundled.bold);
  const headingFace = xbs ?? hei ?? serif?.bold ?? bundled.bold;
  const sansNormal = find([NOTO_SANS]) ?? song ?? hei;

  const chain: ChainFont[] = [];
  if (serif) chain.push({ label: 'Noto Serif CJK SC', role: 'serif', ...serif });
  if (song) chain.push({ label: 'SimSun 宋体', role: 'serif', normal: song, bold: song });
  for (const file of added)
    if (fs.existsSync(file))
      chain.push({ label: path.basename(file), role: 'added', normal: { file }, bold: { file } });
  if (option !== 'no-rare')
    for (const rare of RARE) {
      const face = find([rare.file]);
      if (face) chain.push({ label: rare.label, role: 'rare', normal: face, bold: face });
    }
  chain.push({ label: 'Source Han Sans SC（随软件提供）', role: 'bundled', ...bundled });

  return {
    body: { normal: bodyNormal, bold: bodyBold },
    heading: { normal: headingFace, bold: headingFace },
    sans: sansNormal && hei ? { normal: sansNormal, bold: hei } : bundled,
    chain,
    source: fangsong ? 'fangsong' : kai ? 'kai' : serif ? 'noto' : 'bundled',
  };
}

/** A stable key of a plan: the engine is rebuilt only when the fonts it would use change. */
export function planKey(plan: FontPlan): string {
  return JSON.stringify(plan);
}

const SFNT_TAGS = new Set(['00010000', '4f54544f' /* OTTO */, '74746366' /* ttcf */, '74727565' /* true */]);

/**
 * Whether a path the administrator typed is a font the engine can use: an existing file whose
 * first four bytes are a TrueType/OpenType (or collection) signature. WOFF/WOFF2 are refused:
 * pdfkit prints their text invisibly. Returns a Chinese problem, or null.
 */
export function fontFileProblem(file: string): string | null {
  if (!path.isAbsolute(file)) return '请填写字体文件的完整路径';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `找不到文件：${file}`;
  }
  if (!stat.isFile()) return `不是文件：${file}`;
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!SFNT_TAGS.has(head.toString('hex'))) return `不是 TrueType/OpenType 字体（.ttf/.otf/.ttc）：${file}`;
  return null;
}

/** What a plan uses, one line a role: for `hall print --sample --fonts`. */
export function describeFonts(plan: FontPlan): string[] {
  const face = (f: FontFace) => `${f.file}${f.postscriptName ? `（${f.postscriptName}）` : ''}`;
  return [
    `正文：${face(plan.body.normal)}`,
    `正文加粗：${face(plan.body.bold)}`,
    `标题：${face(plan.heading.normal)}`,
    ...plan.chain.map((c, i) => `后备${i + 1}（${c.label}）：${face(c.normal)}`),
  ];
}
