import { HallError } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { checkCard, type IdCard } from '../../../shared/domain/id-card';
import type { Settings } from '../../../shared/domain/settings';
import type { CardReads } from '../infra/card-reads';
import type { Clock } from '../infra/clock';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { type CardReader, deviceError, NO_CARD } from './reader';
import { SdkCardReader } from './sdk-driver';
import { ServiceCardReader } from './service-driver';

export interface CardDeps {
  store: Store;
  now: Clock;
  /** Where a read card is remembered, so registration can trust a 身份证读取 marker. */
  cardReads: CardReads;
}

export const NOT_CONFIGURED = '没有设置身份证阅读器：请管理员在 设置 › 单位 中选择阅读器的连接方式';

/** The reader the settings describe, kept while they stay the same (the port stays open between reads). */
class Readers {
  private current: { key: string; reader: CardReader } | null = null;

  for(s: Settings): CardReader {
    const key = JSON.stringify([s.cardReaderDriver, s.cardReaderLibrary, s.cardReaderPort, s.cardReaderServiceUrl]);
    if (this.current?.key === key) return this.current.reader;
    this.current?.reader.close();
    const reader = makeReader(s);
    this.current = { key, reader };
    return reader;
  }
}

function makeReader(s: Settings): CardReader {
  if (s.cardReaderDriver === 'sdk') return new SdkCardReader(s.cardReaderLibrary, s.cardReaderPort);
  if (s.cardReaderDriver === 'service' && s.cardReaderServiceUrl) return new ServiceCardReader(s.cardReaderServiceUrl);
  throw deviceError(NOT_CONFIGURED);
}

/**
 * Reads the card on the reader and checks it (shared/domain/id-card.ts) against today in China
 * time, from the one clock: an expired card, a wrong check digit or a field that did not read is
 * refused with its message, so the form is filled only from a card the hall accepts.
 */
async function readCard(deps: CardDeps, readers: Readers, poll: boolean, call: ServiceCall): Promise<IdCard | null> {
  const raw = await readers.for(deps.store.settings()).read();
  if (raw === null) {
    if (poll) return null;
    throw deviceError(NO_CARD);
  }
  const checked = checkCard(raw, chinaDay(deps.now()));
  if (!checked.ok) throw new HallError('RULE_VIOLATION', checked.message);
  if (call.session) deps.cardReads.remember(call.session.accountId, checked.card);
  return checked.card;
}

/** card.*: the ID card reader at the counter (docs/devices.md). */
export function cardHandlers(deps: CardDeps): AreaHandlers<'card'> {
  const readers = new Readers();
  return {
    'card.read': async (_input, call) => (await readCard(deps, readers, false, call))!,
    'card.poll': (_input, call) => readCard(deps, readers, true, call),
  };
}
