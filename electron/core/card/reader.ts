import { HallError } from '../../../shared/contract';
import type { RawCard } from '../../../shared/domain/id-card';

/**
 * A card reader at the counter, whichever way the vendor lets us reach it. `read` resolves to the
 * card's fields as text (decoded, not yet checked: shared/domain/id-card.ts checks them), or null
 * when no card lies on the reader; every other failure is a DEVICE error with a Chinese message
 * the operator can act on. Calls are one at a time (a poll and a 读卡 press never interleave).
 */
export interface CardReader {
  read(): Promise<RawCard | null>;
  /** Frees the port (settings changed, the app closes). */
  close(): void;
}

/** A failure of the reader, said so the operator knows what to do next. */
export function deviceError(message: string): HallError {
  return new HallError('DEVICE', message);
}

/** The message of an explicit 读卡 when no card lies on the reader (a poll answers null instead). */
export const NO_CARD = '阅读器上没有身份证：请把身份证放在阅读器感应区，再按“读卡”';

/** Runs calls one after another: the SDKs keep one global state per process and are not re-entrant. */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
