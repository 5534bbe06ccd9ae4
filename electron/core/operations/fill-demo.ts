import { actorOf } from '../infra/access';
import type { CallContext } from '../infra/router';
import { adminSession, type OperationCore } from './access';
import { fillDemo, type DemoSummary } from './demo';

/**
 * Fills a new database with the demo dataset, as an administrator. A database that already has
 * visits is refused with `DATABASE_NOT_EMPTY` and left as it was.
 */
export function fillDemoData({ store, sessions }: OperationCore, ctx: CallContext, today?: Date): DemoSummary {
  const me = adminSession(sessions, ctx);
  return fillDemo(store, actorOf(me), today ?? store.now());
}
