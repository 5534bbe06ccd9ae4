/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character (0-9 or X) computed
 * with ISO 7064 MOD 11-2. Old 15-digit numbers (before 1999) have a 2-digit year and no check
 * character; they convert by inserting "19" and appending the check character.
 */
import { isValidDay } from './calendar';

/** The refusal of a birth date that is no day, before 1900, or after today. */
export const ID_BIRTH_DATE_WRONG = '身份证号码中的出生日期不正确';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; converted: boolean }
  | { ok: false; reason: string };

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Checks an ID number. `today` (a China day) refuses a birth date after it; without it (the
 * contract's schema and the form, which hold no clock) only the date's shape is checked, and
 * core checks the birth date against its clock when it registers (visits/register.ts).
 */
export function parseIdNumber(input: string, today?: string): IdNumberResult {
  const raw = input.trim().toUpperCase();
  let value = raw;
  let converted = false;
  if (/^\d{15}$/.test(raw)) {
    const first17 = raw.slice(0, 6) + '19' + raw.slice(6);
    value = first17 + idCheckChar(first17);
    converted = true;
  } else if (!/^\d{17}[\dX]$/.test(raw)) {
    return { ok: false, reason: '身份证号码应为18位（最后一位可以是X），或旧式15位数字' };
  }
  if (!/^[1-9]\d{5}$/.test(value.slice(0, 6))) return { ok: false, reason: '身份证号码的地区码不正确' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidDay(y, m, d) || y < 1900 || (today !== undefined && birthDate > today))
    return { ok: false, reason: ID_BIRTH_DATE_WRONG };
  if (!converted && idCheckChar(value.slice(0, 17)) !== value[17])
    return { ok: false, reason: '身份证号码校验位不正确，请核对' };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, converted };
}

/** Mainland mobile numbers, or landlines with an area code (010-12345678, 0571 8888888). */
export function parsePhone(input: string): { ok: true; value: string } | { ok: false; reason: string } {
  const compact = input.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return { ok: true, value: compact };
  if (/^0\d{2,3}\d{7,8}$/.test(compact)) return { ok: true, value: compact };
  return { ok: false, reason: '电话号码应为11位手机号，或带区号的固定电话' };
}
