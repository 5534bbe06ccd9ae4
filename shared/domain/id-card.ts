import { isIsoDate } from './calendar';
import { parseIdNumber } from './id-number';
import type { Sex } from './registration';

/**
 * What a second-generation resident ID card (二代身份证) holds, as the card readers return it,
 * and the checks the hall makes before it fills a form from it. Pure: the drivers that talk to
 * a reader live in electron/core/card/.
 */
export interface IdCard {
  name: string;
  sex: Sex;
  /** 民族 as text (汉, 蒙古, …). */
  nation: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  idNumber: string;
  /** 签发机关 */
  authority: string;
  /** 有效期限: YYYY-MM-DD; validTo null is 长期 (valid for life). */
  validFrom: string;
  validTo: string | null;
}

/** A card's raw fields as a driver got them (text already decoded from GB18030). */
export type RawCard = Record<keyof IdCard, string>;

/**
 * The 56 nationalities by their GB/T 3304 code (the code the chip stores; some SDKs return the
 * code, most the name), plus 97 其他 and 98 外国血统中国籍人士 of the same standard.
 */
export const NATIONS: Readonly<Record<string, string>> = {
  '01': '汉', '02': '蒙古', '03': '回', '04': '藏', '05': '维吾尔', '06': '苗', '07': '彝', '08': '壮',
  '09': '布依', '10': '朝鲜', '11': '满', '12': '侗', '13': '瑶', '14': '白', '15': '土家', '16': '哈尼',
  '17': '哈萨克', '18': '傣', '19': '黎', '20': '傈僳', '21': '佤', '22': '畲', '23': '高山', '24': '拉祜',
  '25': '水', '26': '东乡', '27': '纳西', '28': '景颇', '29': '柯尔克孜', '30': '土', '31': '达斡尔',
  '32': '仫佬', '33': '羌', '34': '布朗', '35': '撒拉', '36': '毛南', '37': '仡佬', '38': '锡伯', '39': '阿昌',
  '40': '普米', '41': '塔吉克', '42': '怒', '43': '乌孜别克', '44': '俄罗斯', '45': '鄂温克', '46': '德昂',
  '47': '保安', '48': '裕固', '49': '京', '50': '塔塔尔', '51': '独龙', '52': '鄂伦春', '53': '赫哲',
  '54': '门巴', '55': '珞巴', '56': '基诺', '97': '其他', '98': '外国血统中国籍人士',
}; // prettier-ignore

/** 民族 as a code ("1", "01") or as text ("汉", "汉族") → the text the card prints. */
export function nationText(value: string): string | null {
  const v = value.trim();
  if (/^\d{1,2}$/.test(v)) return NATIONS[v.padStart(2, '0')] ?? null;
  const name = v.endsWith('族') && v !== '族' ? v.slice(0, -1) : v;
  return Object.values(NATIONS).includes(name) ? name : null;
}

/** 20160501, 2016-05-01 or 2016.05.01 → 2016-05-01; null when it is no day. */
export function cardDate(value: string): string | null {
  const digits = value.trim().replace(/[-./年月日]/g, '');
  if (!/^\d{8}$/.test(digits)) return null;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

/** The messages of a card the hall will not fill a form from. */
export const CARD_PROBLEMS = {
  expired: (validTo: string) =>
    `该身份证已过有效期（有效期至 ${validTo}），不能用于登记，请信访人出示有效证件或手工录入`,
  badNumber: (reason: string) => `读到的身份证号码无效：${reason}。请重新读卡或手工录入`,
  badField: (label: string) => `读到的身份证信息不完整（${label}），请重新放卡后读卡`,
} as const;

const FIELD_LABELS: Record<keyof IdCard, string> = {
  name: '姓名',
  sex: '性别',
  nation: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '公民身份号码',
  authority: '签发机关',
  validFrom: '有效期起始日期',
  validTo: '有效期截止日期',
};

/**
 * A card as the hall takes it, or the problem that stops it: every field present and well formed,
 * the ID number's check digit right and agreeing with birth date and sex, and the card still
 * valid on `today` (a China day, from core's one clock). A card valid until today is still valid.
 */
export function checkCard(raw: RawCard, today: string): { ok: true; card: IdCard } | { ok: false; message: string } {
  const bad = (field: keyof IdCard) => ({ ok: false as const, message: CARD_PROBLEMS.badField(FIELD_LABELS[field]) });
  const name = raw.name.trim();
  if (!name || name.length > 30 || name.includes('\uFFFD')) return bad('name');
  const sexText = raw.sex.trim();
  const sex: Sex | null =
    sexText === '男' || sexText === '1' ? 'male' : sexText === '女' || sexText === '2' ? 'female' : null;
  if (!sex) return bad('sex');
  const nation = nationText(raw.nation);
  if (!nation) return bad('nation');
  const birthDate = cardDate(raw.birthDate);
  if (!birthDate) return bad('birthDate');
  const address = raw.address.trim();
  if (!address || address.includes('\uFFFD')) return bad('address');
  const id = parseIdNumber(raw.idNumber, today);
  if (!id.ok) return { ok: false, message: CARD_PROBLEMS.badNumber(id.reason) };
  if (id.converted || id.birthDate !== birthDate || id.sex !== sex)
    return { ok: false, message: CARD_PROBLEMS.badNumber('号码与出生日期或性别不一致') };
  const validFrom = cardDate(raw.validFrom);
  if (!validFrom) return bad('validFrom');
  const endText = raw.validTo.trim();
  const validTo = endText === '长期' ? null : cardDate(endText);
  if (validTo === null && endText !== '长期') return bad('validTo');
  if (validTo !== null && validTo < today) return { ok: false, message: CARD_PROBLEMS.expired(validTo) };
  return {
    ok: true,
    card: {
      name,
      sex,
      nation,
      birthDate,
      address,
      idNumber: id.value,
      authority: raw.authority.trim(),
      validFrom,
      validTo,
    },
  };
}
