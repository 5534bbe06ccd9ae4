import { HallError } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { caseDetail, listCases } from './view';
import { addResponsibility, createCase, moveCase, type CaseContext } from './moves';
import { openInterview, readInterview, saveInterview, type InterviewContext } from './interviews';
import type { AreaHandlers, Handler, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf, ownCasesOnly } from '../infra/access';
import { officeCalendar } from '../calendar/handlers';

/** Cases and interview records through the contract: the role comes from the session, never from the input. */
export function casesHandlers({ store, now }: { store: Store; now: () => Date }): AreaHandlers<'cases'> {
  const context = (call: ServiceCall, audit: CaseContext['audit']): CaseContext => ({
    today: chinaDay(now()),
    nowIso: now().toISOString(),
    cal: officeCalendar(store),
    settings: store.settings(),
    role: call.session!.role,
    actorId: call.session!.accountId,
    audit,
  });
  const create: Handler<'cases.create'> = (input, call) => store.write(actorOf(call.session), (db, audit) => createCase(db, input, context(call, audit)));
  const responsibility: Handler<'cases.responsibility'> = (input, call) => store.write(actorOf(call.session), (db, audit) => addResponsibility(db, input, context(call, audit)));
  const move: Handler<'cases.move'> = (input, call) => store.write(actorOf(call.session), (db, audit) => moveCase(db, input, context(call, audit)));
  const interviewContext = (call: ServiceCall, audit: InterviewContext['audit']): InterviewContext => ({
    nowIso: now().toISOString(),
    actorId: call.session!.accountId,
    actorName: call.session!.displayName,
    audit,
  });
  const openOne: Handler<'interviews.open'> = (input, call) =>
    readInterview(store.database, store.write(actorOf(call.session), (db, audit) => openInterview(db, input.visitId, interviewContext(call, audit))));
  const getOne: Handler<'interviews.get'> = (input) => readInterview(store.database, input.interviewId);
  const saveOne: Handler<'interviews.save'> = (input, call) => store.write(actorOf(call.session), (db, audit) => saveInterview(db, input, interviewContext(call, audit)));
  // A 接访领导 account sees the cases its leader owns (包案), whatever the filter asks for.
  const list: Handler<'cases.list'> = (input, call) => {
    const own = ownCasesOnly(store, call.session);
    return listCases(store.database, own === null ? input : { ...input, leaderId: own }, chinaDay(now()));
  };
  const get: Handler<'cases.get'> = (input, call) => {
    const own = ownCasesOnly(store, call.session);
    if (own !== null && !store.database.prepare('SELECT 1 FROM cases WHERE id = ? AND owning_leader_id = ?').get(input.caseId, own))
      throw new HallError('FORBIDDEN', '只能查看本人包案的案件。');
    return caseDetail(store.database, input.caseId, chinaDay(now()));
  };
  return { 'cases.create': create, 'cases.move': move, 'cases.responsibility': responsibility, 'cases.list': list, 'cases.get': get, 'interviews.open': openOne, 'interviews.get': getOne, 'interviews.save': saveOne };
}
