/**
 * Subsets of CFF (OpenType .otf/.ttc with PostScript outlines: Noto CJK, Source Han Sans) with
 * the subroutines inlined. fontkit keeps every global and local subroutine index of the whole
 * font in each subset (unused entries as one-byte stubs, used ones whole): a CJK font's 30,000+
 * subroutines made each subset 50 KB however few glyphs a slip used, and encoding those indexes
 * was most of a warm slip's time. Inlining the calls into each glyph's charstring draws exactly
 * the same outlines (same operators, same numbers, hints kept), and a subset then costs only its
 * glyphs. Each glyph is flattened once per process.
 */

interface SubrRef {
  offset: number;
  length: number;
}

interface CffTable {
  version: number;
  stream: { buffer: Uint8Array };
  globalSubrIndex?: SubrRef[];
  topDict: { CharStrings: SubrRef[] };
  privateDictForGlyph(gid: number): { Subrs?: SubrRef[] } | null;
}

/** The part of fontkit's CFFSubset this replaces (fontkit 2: `subsetCharstrings` and `subsetSubrs`). */
interface CffSubsetLike {
  cff?: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: SubrRef[], used: Record<number, boolean>): Uint8Array[];
}

/** Type 2 charstrings: the bias added to a subroutine number (Adobe TN 5177, 4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

const MAX_DEPTH = 10; // the spec's subroutine nesting limit

class FlattenError extends Error {}

/**
 * One glyph's charstring with every callsubr/callgsubr replaced by the subroutine's body. Only
 * what the inlining needs is interpreted: operand values (for subroutine numbers), and the stem
 * count (hintmask/cntrmask carry one mask bit per stem).
 */
export function flattenCharstring(cff: CffTable, gid: number): Uint8Array {
  const bytes = cff.stream.buffer;
  const global = cff.globalSubrIndex ?? [];
  const local = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const out: number[] = [];
  /** Operands on the stack: value, and where its bytes start in `out` (a subroutine number is removed). */
  const stack: { value: number; at: number }[] = [];
  let stems = 0;
  let ended = false;

  const run = (start: number, end: number, depth: number): void => {
    if (depth > MAX_DEPTH) throw new FlattenError('subroutines nested too deep');
    let i = start;
    while (i < end && !ended) {
      const b0 = bytes[i]!;
      const at = out.length;
      if (b0 >= 32 || b0 === 28) {
        let len: number;
        let value: number;
        if (b0 === 28) {
          len = 3;
          value = ((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16)) >> 16;
        } else if (b0 <= 246) {
          len = 1;
          value = b0 - 139;
        } else if (b0 <= 250) {
          len = 2;
          value = (b0 - 247) * 256 + bytes[i + 1]! + 108;
        } else if (b0 <= 254) {
          len = 2;
          value = -(b0 - 251) * 256 - bytes[i + 1]! - 108;
        } else {
          len = 5;
          value = ((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 8) | bytes[i + 4]!) / 65536;
        }
        if (i + len > end) throw new FlattenError('operand runs past the charstring');
        for (let k = 0; k < len; k++) out.push(bytes[i + k]!);
        stack.push({ value, at });
        i += len;
        continue;
      }
      i++;
      switch (b0) {
        case 10: // callsubr
        case 29: {
          // callgsubr
          const subrs = b0 === 10 ? local : global;
          const top = stack.pop();
          if (!top) throw new FlattenError('subroutine call without a number');
          const subr = subrs[top.value + bias(subrs.length)];
          if (!subr) throw new FlattenError('no such subroutine');
          out.length = top.at; // the number is spent by the call
          run(subr.offset, subr.offset + subr.length, depth + 1);
          break;
        }
        case 11: // return
          return;
        case 14: // endchar
          out.push(b0);
          ended = true;
          return;
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          stems += stack.length >> 1;
          stack.length = 0;
          out.push(b0);
          break;
        case 19: // hintmask
        case 20: {
          // cntrmask: operands before it are an implicit vstem
          stems += stack.length >> 1;
          stack.length = 0;
          const n = (stems + 7) >> 3;
          if (i + n > end) throw new FlattenError('mask runs past the charstring');
          out.push(b0);
          for (let k = 0; k < n; k++) out.push(bytes[i + k]!);
          i += n;
          break;
        }
        case 12: // two-byte operator
          if (i >= end) throw new FlattenError('escape at the end');
          out.push(b0, bytes[i]!);
          i++;
          stack.length = 0;
          break;
        default:
          out.push(b0);
          stack.length = 0;
      }
    }
  };

  const cs = cff.topDict.CharStrings[gid];
  if (!cs) throw new FlattenError('no such glyph');
  run(cs.offset, cs.offset + cs.length, 0);
  return Uint8Array.from(out);
}

const flattened = new WeakMap<CffTable, Map<number, Uint8Array>>();

function flatGlyph(cff: CffTable, gid: number): Uint8Array {
  let glyphs = flattened.get(cff);
  if (!glyphs) flattened.set(cff, (glyphs = new Map()));
  let cs = glyphs.get(gid);
  if (!cs) glyphs.set(gid, (cs = flattenCharstring(cff, gid)));
  return cs;
}

/** Fonts whose charstrings could not be flattened (a malformed font added in 设置): subset the fontkit way. */
const unflattenable = new WeakSet<CffTable>();

/**
 * Makes a fontkit subset write inlined charstrings and empty subroutine indexes. CFF2 (variable
 * fonts) and TrueType subsets are left as they are. A font that fails to flatten keeps
 * fontkit's own subsetting, which is bigger but draws the same.
 */
export function flattenSubset<T>(subset: T): T {
  const s = subset as unknown as CffSubsetLike;
  const cff = s.cff;
  if (!cff || cff.version >= 2 || unflattenable.has(cff)) return subset;
  const original = { charstrings: s.subsetCharstrings, subrs: s.subsetSubrs };
  let flat = true;
  s.subsetCharstrings = function (this: CffSubsetLike) {
    try {
      this.charstrings = this.glyphs.map((gid) => flatGlyph(cff, gid));
      this.gsubrs = [];
    } catch (error) {
      if (!(error instanceof FlattenError)) throw error;
      unflattenable.add(cff);
      flat = false;
      original.charstrings.call(this);
    }
  };
  s.subsetSubrs = function (this: CffSubsetLike, subrs, used) {
    return flat ? [] : original.subrs.call(this, subrs, used);
  };
  return subset;
}
