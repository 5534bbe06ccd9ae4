/**
 * Text as overlapping two-character tokens, for the second full-text index (case_fts2): the
 * trigram index finds substrings of three characters and more, this one finds a two-character
 * word such as 河口 or 拆迁. "清河县河口镇" → "清河 河县 县河 河口 口镇". Only letters and
 * digits pair up (punctuation and spaces split runs); Latin letters are lower-cased; a
 * character outside the BMP (𠮷) counts as one character.
 *
 * Self-contained (the pattern inside, any value in): the upgrade worker registers this function's
 * own text as hall_bigrams on its connection (db/upgrade-worker.ts).
 */
export function bigrams(text: unknown): string {
  if (typeof text !== 'string' || !text) return '';
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const chars = Array.from(match[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out.join(' ');
}

/** Whether a search word can be looked up in the pair index: exactly two letters or digits. */
export function isPairWord(word: string): boolean {
  return /^[\p{L}\p{N}]{2}$/u.test(word) && Array.from(word).length === 2;
}
