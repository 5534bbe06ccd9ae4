import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { caseDetail, listCases } from './view';
import { addResponsibility, createCase, moveCase, type CaseContext } from './moves';
import { addInvestigationReport } from './reports';
import { openInterview, readInterview, saveInterview, type InterviewContext } from './interviews';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Db } from '../infra/db/connection';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { reachableLeader } from '../infra/scope';
import { officeCalendar } from '../calendar/handlers';

export interface CasesDeps {
  store: Store;
  now: () => Date;
}

/** Cases and interview records through the contract: the role comes from the session, never from the input. */
export function casesHandlers(deps: CasesDeps): AreaHandlers<'cases'> {
  return {
    'cases.create': (input, call) => writeCase(deps, call, (db, ctx) => createCase(db, input, ctx)),
    'cases.move': (input, call) => writeCase(deps, call, (db, ctx) => moveCase(db, input, ctx)),
    'cases.responsibility': (input, call) => writeCase(deps, call, (db, ctx) => addResponsibility(db, input, ctx)),
    'cases.report': (input, call) => writeCase(deps, call, (db, ctx) => addInvestigationReport(db, input, ctx)),
    'cases.list': (input, call) => listOwnCases(deps, input, call),
    'cases.get': (input, call) => getCase(deps, input, call),
    'interviews.open': (input, call) => openAndReadInterview(deps, input, call),
    'interviews.get': (input) => readInterview(deps.store.database, input.interviewId),
    'interviews.save': (input, call) => writeInterview(deps, call, (db, ctx) => saveInterview(db, input, ctx)),
  };
}

/** One case move in one transaction, with the caller's role, the day and the office calendar. */
function writeCase<T>(deps: CasesDeps, call: ServiceCall, change: (db: Db, ctx: CaseContext) => T): T {
  return deps.store.write(actorOf(call.session), (db, audit) => change(db, caseContext(deps, call, audit)));
}

function writeInterview<T>(deps: CasesDeps, call: ServiceCall, change: (db: Db, ctx: InterviewContext) => T): T {
  return deps.store.write(actorOf(call.session), (db, audit) => change(db, interviewContext(deps, call, audit)));
}

function openAndReadInterview(deps: CasesDeps, input: MethodParsedInput<'interviews.open'>, call: ServiceCall) {
  const interviewId = writeInterview(deps, call, (db, ctx) => openInterview(db, input.visitId, ctx));
  return readInterview(deps.store.database, interviewId);
}

function caseContext({ store, now }: CasesDeps, call: ServiceCall, audit: CaseContext['audit']): CaseContext {
  return {
    today: chinaDay(now()),
    nowIso: now().toISOString(),
    cal: officeCalendar(store),
    settings: store.settings(),
    role: call.session!.role,
    actorId: call.session!.accountId,
    audit,
  };
}

function interviewContext({ now }: CasesDeps, call: ServiceCall, audit: InterviewContext['audit']): InterviewContext {
  return {
    nowIso: now().toISOString(),
    actorId: call.session!.accountId,
    actorName: call.session!.displayName,
    audit,
  };
}

// A 接访领导 account sees the cases its leader owns (包案), whatever the filter asks for.
function listOwnCases({ store, now }: CasesDeps, input: MethodParsedInput<'cases.list'>, call: ServiceCall) {
  const own = reachableLeader(store, call.session);
  return listCases(store.database, own === null ? input : { ...input, leaderId: own }, chinaDay(now()));
}

function getCase({ store, now }: CasesDeps, input: MethodParsedInput<'cases.get'>, call: ServiceCall) {
  const own = reachableLeader(store, call.session);
  if (
    own !== null &&
    !store.database.prepare('SELECT 1 FROM cases WHERE id = ? AND owning_leader_id = ?').get(input.caseId, own)
  )
    throw new HallError('FORBIDDEN', '只能查看本人包案的案件。');
  return caseDetail(store.database, input.caseId, chinaDay(now()), {
    cal: officeCalendar(store),
    settings: store.settings(),
  });
}
