import type { InferSelectModel } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { chinaDay, chinaInstant, chinaMinute } from '../../../shared/domain/calendar';
import { maskName } from '../../../shared/domain/mask';
import { bookVisit, petitionerNotices, upcomingAppointments } from '../appointments/handlers';
import { checkRevealReason, recordReveal } from '../infra/reveals';
import { actorOf } from '../infra/access';
import { reachableLeader, reachFilter, visitReachableSql } from '../infra/scope';
import { leaders as leadersTable } from '../infra/db/schema';
import { all, value } from '../infra/db/sql';
import type { EventHub } from '../infra/events';
import { requireRows } from '../infra/references';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { tableFile, type TableFile } from '../infra/table-file';

export interface DayDeps {
  store: Store;
  events: EventHub;
  now: () => Date;
}

/** The end of the day at the counter: who was not received, and the lists as files. */
export function dayHandlers(deps: DayDeps): AreaHandlers<'day'> {
  return {
    'day.unreceived': (_input, call) => unreceivedRows(deps, reachableLeader(deps.store, call.session)),
    'day.carryOver': (input, call) => carryOver(deps, input, call),
    'day.export': (input, call) => exportDay(deps, input, call),
  };
}

interface CarryRow {
  id: number;
  leaderId: number | null;
  demand: string;
}

const fieldError = (path: string, message: string) => new HallError('BAD_INPUT', message, [{ path, message }]);

/**
 * The end of the day for many visitors at once: each of the named visits that is still today's,
 * unreceived and reachable by the caller becomes an appointment (one after another per leader,
 * minutesPerVisit apart, after those the leader already has from that time) or is closed as
 * left without reception; the rest are counted as skipped (received meanwhile, or not the
 * caller's). One write per call, audited per visit; the screen sends batches and shows progress.
 */
function carryOver(deps: DayDeps, input: MethodParsedInput<'day.carryOver'>, call: ServiceCall) {
  const { store, now, events } = deps;
  const today = chinaDay(now());
  const to = input.to;
  let start: string | null = null;
  if (to.kind === 'appointment') {
    start = chinaInstant(to.at);
    if (start === null) throw fieldError('to.at', '约访时间不正确');
    if (chinaDay(start) <= today) throw fieldError('to.at', '请选择今天以后的日期');
  }
  const leader = reachableLeader(store, call.session);
  const reach = reachFilter(leader, visitReachableSql('v'));
  const ids = [...new Set(input.visitIds)];
  const minutes = store.settings().minutesPerVisit;
  const done = store.write(actorOf(call.session), (db, audit) => {
    const rows = all<CarryRow>(
      db,
      `SELECT v.id, v.leader_id AS leaderId, v.demand FROM visits v
         LEFT JOIN tickets t ON t.visit_id = v.id AND t.status IN ('waiting', 'called')
         WHERE v.id IN (${ids.map(() => '?').join(', ')}) AND v.date = ? AND v.status IN ('queued', 'registered') AND ${reach.sql}
         ORDER BY t.leader_id, t.position, v.id`,
      ...ids,
      today,
      ...reach.params,
    );
    if (to.kind === 'close') {
      const closeVisit = db.prepare("UPDATE visits SET status = 'left', updated_at = ? WHERE id = ?");
      const closeTicket = db.prepare(
        "UPDATE tickets SET status = 'gone' WHERE visit_id = ? AND status IN ('waiting', 'called')",
      );
      for (const r of rows) {
        closeVisit.run(now().toISOString(), r.id);
        closeTicket.run(r.id);
        audit({ action: 'day.close', entity: 'visit', entityId: r.id, detail: { date: today } });
      }
      return rows.length;
    }
    if (to.leaderId !== null)
      requireRows(db, [{ path: 'to.leaderId', table: 'leaders', ids: to.leaderId, active: true }]);
    else if (rows.some((r) => r.leaderId === null))
      throw fieldError('to.leaderId', '有来访人尚未分配接访领导，请选择约见领导');
    const base = Date.parse(start!);
    for (const r of rows) {
      const leaderId = r.leaderId ?? to.leaderId!;
      // After what this leader already has booked from the chosen time that day (earlier batches too).
      const taken = value<number>(
        db,
        "SELECT count(*) FROM appointments WHERE leader_id = ? AND status = 'booked' AND at >= ? AND at < ?",
        leaderId,
        start,
        chinaInstant(`${chinaDay(start!)}T23:59`),
      )!;
      const at = new Date(base + taken * minutes * 60_000).toISOString();
      const appointmentId = bookVisit(db, audit, {
        visitId: r.id,
        leaderId,
        at,
        place: to.place,
        purpose: purposeOf(r.demand),
        updatedAt: now().toISOString(),
      });
      audit({ action: 'day.carryOver', entity: 'visit', entityId: r.id, detail: { appointmentId, at } });
    }
    return rows.length;
  });
  if (done > 0) events.emit('queue.changed', { date: today, action: 'dayEnd', called: null });
  return { done, skipped: ids.length - done };
}

/**
 * The petitioners to tell of their appointment, by name and full phone, for the desk that
 * phones them: every phone in the sheet is a reveal, recorded with the reason (and counted
 * against the hourly limit) in one write before the sheet is made; none when refused.
 */
function noticesTable(
  { store, now }: DayDeps,
  call: ServiceCall,
  given: unknown,
  leader: number | null,
  today: string,
): TableFile {
  const reason = checkRevealReason(given);
  const rows = petitionerNotices({ store, now }, leader);
  const actor = actorOf(call.session);
  store.write(actor, (db, audit) => {
    for (const r of rows)
      if (r.fullPhone)
        recordReveal(
          db,
          audit,
          { actor, now: now(), limit: store.settings().revealsPerHour, reason },
          { entity: 'petitioner', entityId: r.petitionerId, detail: { field: 'phone', list: 'notices' } },
        );
  });
  return {
    sheet: '约访通知名单',
    title: `约访通知名单（${today}）`,
    subtitle: `今日应通知的信访人，共 ${rows.length} 人；含完整电话，用后请妥善处理`,
    headers: ['序号', '信访人', '电话', '约访时间', '接访领导', '地点', '事由'],
    rows: rows.map((r, n) => [n + 1, r.name, r.fullPhone, chinaMinute(r.at), r.leader, r.place, r.purpose]),
    widths: [6, 10, 16, 18, 10, 24, 40],
  };
}

/** The appointment's purpose from the visit's demand, within the booking's 2–200 characters. */
function purposeOf(demand: string): string {
  const text = demand.trim();
  if (text.length < 2) return '继续反映来访诉求';
  return [...text].length > 200 ? [...text].slice(0, 199).join('') + '…' : text;
}

interface UnreceivedRow {
  visitId: number;
  visitNo: string;
  code: string | null;
  leaderId: number | null;
  demand: string;
  name: string | null;
}

/** Visitors registered today and not yet received (names masked as on screen); for a leader, the visits they reach. */
function unreceivedRows({ store, now }: DayDeps, leader: number | null) {
  const reach = reachFilter(leader, visitReachableSql('v'));
  return all<UnreceivedRow>(
    store.database,
    `SELECT v.id AS visitId, v.visit_no AS visitNo, t.code, v.leader_id AS leaderId, v.demand,
           (SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = v.id ORDER BY vp.is_primary DESC LIMIT 1) AS name
         FROM visits v LEFT JOIN tickets t ON t.visit_id = v.id AND t.status IN ('waiting', 'called')
         WHERE v.date = ? AND v.status IN ('queued', 'registered') AND ${reach.sql} ORDER BY v.id`,
    chinaDay(now()),
    ...reach.params,
  ).map((r) => ({ ...r, name: maskName(r.name) }));
}

type LeaderNameRow = Pick<InferSelectModel<typeof leadersTable>, 'id' | 'name'>;

/** The two lists of the end of the day as a sheet (names masked as on screen, narrowed as on screen for a leader), audited. */
async function exportDay(deps: DayDeps, input: MethodParsedInput<'day.export'>, call: ServiceCall) {
  const { store, now } = deps;
  const today = chinaDay(now());
  const leader = reachableLeader(store, call.session);
  const leaders = new Map(
    all<LeaderNameRow>(store.database, 'SELECT id, name FROM leaders').map((l) => [l.id, l.name]),
  );
  const table: TableFile =
    input.list === 'notices'
      ? noticesTable(deps, call, input.reason, leader, today)
      : input.list === 'unreceived'
        ? (() => {
            const rows = unreceivedRows(deps, leader);
            return {
              sheet: '今日未接待',
              title: `今日未接待（${today}）`,
              subtitle: `登记后未接待的来访人，共 ${rows.length} 人`,
              headers: ['序号', '登记编号', '排队号', '信访人', '接访领导', '诉求'],
              rows: rows.map((r, n) => [
                n + 1,
                r.visitNo,
                r.code ?? '',
                r.name,
                r.leaderId ? (leaders.get(r.leaderId) ?? '') : '',
                r.demand,
              ]),
              widths: [6, 16, 8, 10, 10, 50],
            };
          })()
        : (() => {
            const rows = upcomingAppointments(deps, leader);
            const tell = (a: (typeof rows)[number]) =>
              [a.tellLeader ? '领导' : '', a.tellPetitioner ? '信访人' : ''].filter(Boolean).join('、');
            return {
              sheet: '约访安排',
              title: `约访安排（${today} 起）`,
              subtitle: `已约未到的约访，共 ${rows.length} 次`,
              headers: ['序号', '约访时间', '接访领导', '信访人', '地点', '事由', '待通知'],
              rows: rows.map((a, n) => [n + 1, chinaMinute(a.at), a.leader, a.petitioner, a.place, a.purpose, tell(a)]),
              widths: [6, 18, 10, 10, 24, 40, 12],
            };
          })();
  const buffer = await tableFile(table, input.format);
  store.audit(actorOf(call.session), {
    action: 'day.export',
    entity: 'visit',
    detail: { list: input.list, format: input.format, rows: table.rows.length },
  });
  return {
    fileName: `${table.sheet}-${today}.${input.format}`,
    base64: buffer.toString('base64'),
    rows: table.rows.length,
  };
}
