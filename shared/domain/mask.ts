/**
 * Masks shown wherever the full value is not needed (lists, the hall display, tickets).
 * Chinese names keep the surname; ID numbers keep region and checksum digit; phones keep
 * the first three and last four digits, as people are used to from banks and couriers.
 */
export function maskIdNumber(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

export function maskPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** 张三 → 张*, 欧阳娜娜 → 欧阳**; counts code points, so 𠮷 is one character, not two. */
export function maskName(value: string | null | undefined): string {
  if (!value) return '';
  const chars = Array.from(value);
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
