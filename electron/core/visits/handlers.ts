import { chinaDay } from '../../../shared/domain/calendar';
import type { EventHub } from '../infra/events';
import { callNext, finish, queueOf, recall, skip, start, transfer } from './queue';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { lookupVisits, registerVisit } from './register';
import { actorOf } from '../infra/access';

/** Registration and the queue at the counter; every queue move is pushed to every window. */
export function visitsHandlers({ store, events, now }: { store: Store; events: EventHub; now: () => Date }): AreaHandlers<'visits'> {
  const today = () => chinaDay(now());

  const lookup: Handler<'visits.lookup'> = (input) => lookupVisits(store.database, input);

  const register: Handler<'visits.register'> = (input, call) => {
    const s = store.settings();
    const result = store.write(actorOf(call.session), (db, audit) => {
      const r = registerVisit(db, input, {
        date: today(),
        now: now(),
        registrarId: call.session?.accountId ?? null,
        rules: { maxRepresentatives: s.maxRepresentatives, principalLeaderGroupSize: s.principalLeaderGroupSize, principalLeaderRepeatVisits: s.principalLeaderRepeatVisits },
        minutesPerVisit: s.minutesPerVisit,
      });
      audit({ action: 'visit.register', entity: 'visit', entityId: r.visitId, after: { visitNo: r.visitNo, leaderId: r.leaderId, ticket: r.ticket?.code ?? null }, detail: { headCount: input.headCount, guided: r.guided } });
      return r;
    });
    events.emit('queue.changed', { date: today(), action: 'register', called: null });
    return result;
  };

  const board: Handler<'queue.today'> = () => queueOf(store.database, today());

  const calledInfo = (ticketId: number) => {
    const t = queueOf(store.database, today()).find((x) => x.id === ticketId);
    return t ? { code: t.code, room: t.room, leader: t.leader } : null;
  };

  const callNextHandler: Handler<'queue.call'> = (input, call) => {
    const next = store.write(actorOf(call.session), (db, audit) => {
      const t = callNext(db, today(), input.leaderId);
      if (t) audit({ action: 'queue.call', entity: 'ticket', entityId: t.id, detail: { code: t.code } });
      return t;
    });
    events.emit('queue.changed', { date: today(), action: 'call', called: next ? calledInfo(next.id) : null });
    return { ticket: next };
  };

  const act: Handler<'queue.act'> = (input, call) => {
    const s = store.settings();
    const result = store.write(actorOf(call.session), (db, audit) => {
      let r = 'ok';
      if (input.action === 'recall') recall(db, input.ticketId);
      else if (input.action === 'skip') r = skip(db, input.ticketId, s.queueMaxCalls);
      else if (input.action === 'start') start(db, input.ticketId);
      else if (input.action === 'finish') finish(db, input.ticketId);
      else transfer(db, input.ticketId, input.leaderId, input.reason);
      audit({ action: `queue.${input.action}`, entity: 'ticket', entityId: input.ticketId, detail: { result: r } });
      return r;
    });
    events.emit('queue.changed', { date: today(), action: input.action, called: input.action === 'recall' ? calledInfo(input.ticketId) : null });
    return { result };
  };

  return { 'visits.lookup': lookup, 'visits.register': register, 'queue.today': board, 'queue.call': callNextHandler, 'queue.act': act };
}
