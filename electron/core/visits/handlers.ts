import { chinaDay } from '../../../shared/domain/calendar';
import type { MethodParsedInput } from '../../../shared/contract';
import type { EventHub } from '../infra/events';
import { callNext, finish, queueOf, recall, skip, start, transfer } from './queue';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { lookupVisits, registerVisit } from './register';
import { actorOf } from '../infra/access';
import type { CardReads } from '../infra/card-reads';
import { reachableLeader } from '../infra/scope';
import { officeCalendar } from '../calendar/handlers';
import { decideVisit, pendingVisits, recentDecisions } from './acceptance';
import { correctVisit, visitView } from './correct';

export interface VisitsDeps {
  store: Store;
  events: EventHub;
  now: () => Date;
  /** The cards read lately: a petitioner marked 身份证读取 must be one of them. */
  cardReads: CardReads;
}

/** Registration and the queue at the counter; every queue move is pushed to every window. */
export function visitsHandlers(deps: VisitsDeps): AreaHandlers<'visits'> {
  return {
    'visits.lookup': (input, call) =>
      lookupVisits(deps.store.database, input, reachableLeader(deps.store, call.session)),
    'visits.register': (input, call) => register(deps, input, call),
    'visits.get': (input, call) => visitView(deps.store.database, input.visitId, caller(deps, call)),
    'visits.correct': (input, call) => correct(deps, input, call),
    'visits.pending': (_input, call) => pending(deps, call),
    'visits.decide': (input, call) => decide(deps, input, call),
    'queue.today': (_input, call) =>
      queueOf(deps.store.database, today(deps), reachableLeader(deps.store, call.session)),
    'queue.call': (input, call) => callNextTicket(deps, input, call),
    'queue.act': (input, call) => actOnTicket(deps, input, call),
  };
}

const today = ({ now }: VisitsDeps) => chinaDay(now());

function register(deps: VisitsDeps, input: MethodParsedInput<'visits.register'>, call: ServiceCall) {
  const { store, events, now } = deps;
  const s = store.settings();
  input.petitioners.forEach((p, i) => {
    if (p.identitySource === 'card') deps.cardReads.vouch(call.session?.accountId ?? null, p, i);
  });
  const result = store.write(actorOf(call.session), (db, audit) => {
    const r = registerVisit(db, input, {
      date: today(deps),
      now: now(),
      registrarId: call.session?.accountId ?? null,
      rules: {
        maxRepresentatives: s.maxRepresentatives,
        principalLeaderGroupSize: s.principalLeaderGroupSize,
        principalLeaderRepeatVisits: s.principalLeaderRepeatVisits,
      },
      minutesPerVisit: s.minutesPerVisit,
    });
    audit({
      action: 'visit.register',
      entity: 'visit',
      entityId: r.visitId,
      after: { visitNo: r.visitNo, leaderId: r.leaderId, ticket: r.ticket?.code ?? null },
      detail: {
        headCount: input.headCount,
        guided: r.guided,
        finalMatter: r.finalMatter,
        ...(r.newMatterReason ? { newMatterReason: r.newMatterReason } : {}),
      },
    });
    return r;
  });
  events.emit('queue.changed', { date: today(deps), action: 'register', called: null });
  return result;
}

/** The caller as the correction rule sees them: the role and, for a 接访领导, their leader. */
function caller(deps: VisitsDeps, call: ServiceCall) {
  return {
    role: call.session!.role,
    leaderId: reachableLeader(deps.store, call.session),
    accountId: call.session?.accountId ?? null,
  };
}

function correct(deps: VisitsDeps, input: MethodParsedInput<'visits.correct'>, call: ServiceCall) {
  const s = deps.store.settings();
  return deps.store.write(actorOf(call.session), (db, audit) =>
    correctVisit(db, input, {
      who: caller(deps, call),
      today: today(deps),
      at: deps.now().toISOString(),
      rules: {
        maxRepresentatives: s.maxRepresentatives,
        principalLeaderGroupSize: s.principalLeaderGroupSize,
        principalLeaderRepeatVisits: s.principalLeaderRepeatVisits,
      },
      audit,
    }),
  );
}

function pending(deps: VisitsDeps, call: ServiceCall) {
  const leader = reachableLeader(deps.store, call.session);
  const days = deps.store.settings().acceptDecisionDays;
  const on = today(deps);
  const db = deps.store.database;
  return {
    on,
    days,
    items: pendingVisits(db, { today: on, cal: officeCalendar(deps.store), days, leader }),
    decided: recentDecisions(db, leader),
  };
}

function decide(deps: VisitsDeps, input: MethodParsedInput<'visits.decide'>, call: ServiceCall) {
  return deps.store.write(actorOf(call.session), (db, audit) =>
    decideVisit(db, input, {
      today: today(deps),
      cal: officeCalendar(deps.store),
      days: deps.store.settings().acceptDecisionDays,
      actorId: call.session?.accountId ?? null,
      audit,
    }),
  );
}

/** What the hall's screens announce for a called number. */
function calledInfo(deps: VisitsDeps, ticketId: number) {
  const t = queueOf(deps.store.database, today(deps)).find((x) => x.id === ticketId);
  return t ? { code: t.code, room: t.room, leader: t.leader } : null;
}

function callNextTicket(deps: VisitsDeps, input: MethodParsedInput<'queue.call'>, call: ServiceCall) {
  const next = deps.store.write(actorOf(call.session), (db, audit) => {
    const t = callNext(db, today(deps), input.leaderId, deps.now().toISOString());
    if (t) audit({ action: 'queue.call', entity: 'ticket', entityId: t.id, detail: { code: t.code } });
    return t;
  });
  deps.events.emit('queue.changed', {
    date: today(deps),
    action: 'call',
    called: next ? calledInfo(deps, next.id) : null,
  });
  return { ticket: next };
}

function actOnTicket(deps: VisitsDeps, input: MethodParsedInput<'queue.act'>, call: ServiceCall) {
  const s = deps.store.settings();
  const result = deps.store.write(actorOf(call.session), (db, audit) => {
    let r = 'ok';
    const at = deps.now().toISOString();
    if (input.action === 'recall') recall(db, input.ticketId, at);
    else if (input.action === 'skip') r = skip(db, input.ticketId, s.queueMaxCalls, at);
    else if (input.action === 'start') start(db, input.ticketId, at);
    else if (input.action === 'finish') finish(db, input.ticketId, at);
    else transfer(db, input.ticketId, input.leaderId, input.reason, at);
    audit({ action: `queue.${input.action}`, entity: 'ticket', entityId: input.ticketId, detail: { result: r } });
    return r;
  });
  deps.events.emit('queue.changed', {
    date: today(deps),
    action: input.action,
    called: input.action === 'recall' ? calledInfo(deps, input.ticketId) : null,
  });
  return { result };
}
