/**
 * Text as overlapping two-character tokens, for the second full-text index (case_fts2): the
 * trigram index finds substrings of three characters and more, this one finds a two-character
 * word such as 河口 or 拆迁. "清河县河口镇" → "清河 河县 县河 河口 口镇". Only letters and
 * digits pair up (punctuation and spaces split runs); Latin letters are lower-cased; a
 * character outside the BMP (𠮷) counts as one character.
 */
const RUN = /[\p{L}\p{N}]+/gu;

export function bigrams(text: string | null | undefined): string {
  if (!text) return '';
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(RUN)) {
    const chars = Array.from(match[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out.join(' ');
}

/** Whether a search word can be looked up in the pair index: exactly two letters or digits. */
export function isPairWord(word: string): boolean {
  return /^[\p{L}\p{N}]{2}$/u.test(word) && Array.from(word).length === 2;
}
