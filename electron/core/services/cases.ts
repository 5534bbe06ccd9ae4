import { createCase, moveCase, type CaseContext } from '../cases';
import type { Handler, ServiceCall } from '../router';
import type { Store } from '../store';
import { actorOf } from './auth';
import { officeCalendar } from './calendar';

/** Cases through the contract: the role comes from the session, never from the input. */
export function caseHandlers({ store, now }: { store: Store; now: () => Date }) {
  const context = (call: ServiceCall, audit: CaseContext['audit']): CaseContext => ({
    today: new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    nowIso: now().toISOString(),
    cal: officeCalendar(store),
    settings: store.settings(),
    role: call.session!.role,
    actorId: call.session!.accountId,
    audit,
  });
  const create: Handler<'cases.create'> = (input, call) => store.write(actorOf(call.session), (db, audit) => createCase(db, input, context(call, audit)));
  const move: Handler<'cases.move'> = (input, call) => store.write(actorOf(call.session), (db, audit) => moveCase(db, input, context(call, audit)));
  return { 'cases.create': create, 'cases.move': move };
}
