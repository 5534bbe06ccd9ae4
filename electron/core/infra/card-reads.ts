import { HallError } from '../../../shared/contract';
import type { IdCard } from '../../../shared/domain/id-card';
import type { Clock } from './clock';

/** How long a read card vouches for a registration: the time to fill in the rest of the form. */
const VOUCH_MS = 60 * 60_000;

/**
 * The cards each account read on this PC lately, so a registration marked 身份证读取 is one: the
 * marker is the form's claim, and core holds it to a card the reader really returned with the same
 * number and name (the card area records, the visits area checks). In memory only: nothing of
 * the card outlives the app unless the visit is registered.
 */
export class CardReads {
  private readonly reads = new Map<number, { idNumber: string; name: string; at: number }[]>();

  constructor(private readonly now: Clock) {}

  remember(accountId: number, card: IdCard): void {
    const t = this.now().getTime();
    const kept = (this.reads.get(accountId) ?? []).filter((r) => t - r.at < VOUCH_MS && r.idNumber !== card.idNumber);
    this.reads.set(accountId, [...kept.slice(-19), { idNumber: card.idNumber, name: card.name, at: t }]);
  }

  /** Refuses a petitioner marked 身份证读取 whose number and name no card read by this account lately had. */
  vouch(accountId: number | null, person: { idNumber: string | null; name: string }, index: number): void {
    const t = this.now().getTime();
    const read = accountId === null ? undefined : this.reads.get(accountId);
    if (read?.some((r) => t - r.at < VOUCH_MS && r.idNumber === person.idNumber && r.name === person.name)) return;
    throw new HallError('RULE_VIOLATION', undefined, [
      {
        path: `petitioners.${index}.identitySource`,
        message: '标为“身份证读取”的信访人，本机最近没有读到这张身份证：请重新读卡，或改为手工录入',
      },
    ]);
  }
}
