/**
 * The password rule, one definition for the contract, the back end and the forms. An account
 * password unwraps the database key, so a guessable one opens every record: refuse the passwords
 * people guess first, and show how strong the rest are. Pure code, no word lists beyond a few
 * dozen of the commonest passwords (including the Chinese favourites).
 */

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** Below this estimate (bits) a password is refused. */
const MIN_BITS = 36;

const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'password123',
  'iloveyou',
  'admin123',
  'admin888',
  'administrator',
  'qwertyui',
  'qwerty123',
  'qwertyuiop',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'zxcvbnm1',
  'asdfghjk',
  'asdf1234',
  'zaq12wsx',
  'abc12345',
  'abcd1234',
  'abc123456',
  'a1234567',
  'aa123456',
  'qq123456',
  'a123456789',
  'woaini1314',
  'woaini520',
  '5201314520',
  '1314520520',
  'q1w2e3r4',
  'iloveyou1',
  'letmein1',
  'welcome1',
  'changeme',
  'test1234',
  'xinfang123',
  'xinfangju',
  'admin1234',
  'root1234',
]);

/** Keyboard rows and the alphabet, forwards; a password along one (either way) is no secret. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb',
];

function isRun(s: string): boolean {
  if (s.length < 4) return false;
  return RUNS.some((run) => run.includes(s) || [...run].reverse().join('').includes(s));
}

/** Repeats and runs collapsed: "aaaa" counts as one character, "abcd" as two. */
function effectiveLength(pw: string): number {
  let length = 0;
  for (let i = 0; i < pw.length; i++) {
    const prev = pw.charCodeAt(i - 1);
    const cur = pw.charCodeAt(i);
    const next = pw.charCodeAt(i + 1);
    const repeated = i > 0 && cur === prev;
    const inRun = i > 0 && Math.abs(cur - prev) === 1 && (cur - prev === next - cur || i === pw.length - 1);
    length += repeated ? 0 : inRun ? 0.5 : 1;
  }
  return length;
}

function poolSize(pw: string): number {
  let pool = 0;
  if (/[0-9]/.test(pw)) pool += 10;
  if (/[a-z]/.test(pw)) pool += 26;
  if (/[A-Z]/.test(pw)) pool += 26;
  if (/[^0-9A-Za-z\u3400-\u9fff]/.test(pw)) pool += 33;
  if (/[\u3400-\u9fff]/.test(pw)) pool += 3000;
  return pool;
}

/** A rough guess of the bits an attacker must search: character pool and length, repeats and runs discounted. */
export function passwordBits(pw: string): number {
  return Math.round(effectiveLength(pw) * Math.log2(Math.max(poolSize(pw), 2)));
}

export type PasswordStrength = '弱' | '一般' | '强' | '很强';

export function passwordStrength(pw: string): PasswordStrength {
  const bits = passwordBits(pw);
  return bits < MIN_BITS ? '弱' : bits < 60 ? '一般' : bits < 80 ? '强' : '很强';
}

/**
 * Why a new password is refused, in Chinese, or null when it is acceptable. `context` holds words
 * an attacker knows (the user name, the office name): a password that is one of them is refused.
 */
export function passwordProblem(pw: string, context: readonly string[] = []): string | null {
  if (pw.length < PASSWORD_MIN) return `密码至少${PASSWORD_MIN}位`;
  if (pw.length > PASSWORD_MAX) return '密码太长';
  const plain = pw.toLowerCase().replace(/\s+/g, '');
  if (plain.length < PASSWORD_MIN) return '密码不能主要由空格组成';
  if (new Set(plain).size < 4) return '密码不能只由一两个字符重复组成';
  if (COMMON.has(plain) || isRun(plain)) return '这是最常被猜到的密码之一，请换一个';
  if (
    context.some(
      (w) => w.trim().length >= 2 && plain.includes(w.toLowerCase().replace(/\s+/g, '')) && plain.length - w.length < 4,
    )
  )
    return '密码不能只是用户名或单位名称';
  if (passwordBits(pw) < MIN_BITS)
    return '密码太简单：请加长，或混用字母、数字和符号（可以用一句话，例如“qing he 2026 jie dai”）';
  return null;
}
