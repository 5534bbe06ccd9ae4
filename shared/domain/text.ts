/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string is well-formed UTF-16 (String.prototype.isWellFormed, which our TypeScript
 * target does not declare yet). SQLite stores a lone surrogate as U+FFFD, so such a string would
 * not be stored as it was checked or hashed.
 */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Whether a string can be stored and searched as it was checked: well-formed, and without NUL.
 * SQLite's C interfaces read text up to a NUL (an FTS5 query stops there, mid-phrase), so a
 * string holding one would not be the string that is used. No form can type one.
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && isWellFormedText(s);
}

/**
 * How a case is named on paper: "张三反映拖欠工程款问题". A title the operator already wrote as
 * a report ("反映拖欠工程款问题", "村民反映征地补偿问题") is not given a second 反映.
 */
export function matterHeading(petitioner: string, title: string): string {
  const t = title.trim();
  if (t.startsWith('反映')) return `${petitioner}${t}`;
  if (t.includes('反映') || !petitioner) return t;
  return `${petitioner}反映${t}`;
}
