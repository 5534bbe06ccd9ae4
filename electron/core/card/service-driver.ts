import iconv from 'iconv-lite';
import type { RawCard } from '../../../shared/domain/id-card';
import { type CardReader, deviceError, OneAtATime } from './reader';

/*
 * The local service driver: readers whose vendor runs a small web service on the PC (神思, 新中新 and
 * many 华视 kits ship one) answer a GET on a loopback address with the card as JSON. The vendors
 * name the fields differently; FIELD_NAMES is the one table that maps them, first match wins.
 * The answer may wrap the card in `data`/`result`/`card`, and may come in GBK (charset header).
 */

/** Each card field and the names vendors' services give it (case-insensitive). */
export const FIELD_NAMES: Record<keyof RawCard, readonly string[]> = {
  name: ['name', 'partyName', 'xm', 'peopleName'],
  sex: ['sex', 'gender', 'xb', 'sexCode'],
  nation: ['nation', 'nationality', 'folk', 'mz', 'nationCode'],
  birthDate: ['birthDate', 'birthday', 'born', 'bornDay', 'csrq'],
  address: ['address', 'addr', 'zz'],
  idNumber: ['idNumber', 'certNumber', 'cardNo', 'idCode', 'sfzh', 'idNum'],
  authority: ['authority', 'issuedBy', 'signDepartment', 'department', 'police', 'qfjg', 'issue'],
  validFrom: ['validFrom', 'effectedDate', 'userLifeBegin', 'startDate', 'validStart', 'yxqq'],
  validTo: ['validTo', 'expiredDate', 'userLifeEnd', 'endDate', 'validEnd', 'yxqz'],
};

/** Where a service says why there is no card. */
const MESSAGE_NAMES = ['message', 'msg', 'errorMsg', 'error', 'retmsg'];
const WRAPPERS = ['data', 'result', 'card', 'info'];

const TIMEOUT_MS = 5000;

export const SERVICE_MESSAGES = {
  unreachable: (url: string) =>
    `连接不上身份证阅读器服务 ${url}：请确认阅读器厂家的服务程序已启动，地址与 设置 › 单位 中的一致`,
  badAnswer: '身份证阅读器服务的回答无法识别：请确认服务地址填写的是读卡地址',
  says: (text: string) => `身份证阅读器服务：${text}`,
} as const;

function pick(record: Record<string, unknown>, names: readonly string[]): string | null {
  const lower = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const value = lower.get(name.toLowerCase());
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  }
  return null;
}

/** The card in a service's answer, or null when it holds none (no card on the reader), with the service's reason. */
export function cardFromAnswer(answer: unknown): { card: RawCard | null; message: string | null } {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    throw deviceError(SERVICE_MESSAGES.badAnswer);
  const top = answer as Record<string, unknown>;
  const inner = WRAPPERS.map((w) => top[w]).find(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  const record = inner ?? top;
  const message = pick(top, MESSAGE_NAMES);
  if (pick(record, FIELD_NAMES.idNumber) === null) return { card: null, message };
  const card = {} as RawCard;
  for (const [field, names] of Object.entries(FIELD_NAMES) as [keyof RawCard, readonly string[]][])
    card[field] = pick(record, names) ?? '';
  return { card, message: null };
}

export class ServiceCardReader implements CardReader {
  private readonly queue = new OneAtATime();

  constructor(private readonly url: string) {}

  read(): Promise<RawCard | null> {
    return this.queue.run(() => this.readNow());
  }

  close(): void {}

  private async readNow(): Promise<RawCard | null> {
    let response: Response;
    try {
      response = await fetch(this.url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    } catch {
      throw deviceError(SERVICE_MESSAGES.unreachable(this.url));
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const charset = /charset=([\w-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1]?.toLowerCase();
    const text =
      charset && /^(gbk|gb2312|gb18030)$/.test(charset) ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw deviceError(SERVICE_MESSAGES.badAnswer);
    }
    const { card, message } = cardFromAnswer(answer);
    // Services answer "no card" with a message and no card; a failed HTTP status with a message is the same.
    if (!card && !response.ok)
      throw deviceError(message ? SERVICE_MESSAGES.says(message) : SERVICE_MESSAGES.unreachable(this.url));
    return card;
  }
}
