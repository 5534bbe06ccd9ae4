import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { addDaysIso, chinaDay, chinaInstant } from '../../../shared/domain/calendar';
import { maskName, maskPhone } from '../../../shared/domain/mask';
import { all, value } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import type { AuditInput } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';

type AuditFn = (entry: AuditInput) => void;
import { actorOf } from '../infra/access';
import { appointmentReachableSql, reachableLeader, reachFilter } from '../infra/scope';
import { requireRows } from '../infra/references';

export interface AppointmentsDeps {
  store: Store;
  now: () => Date;
}

/** 约访: a reception booked with a leader, and the notices owed before it. */
export function appointmentsHandlers(deps: AppointmentsDeps): AreaHandlers<'appointments'> {
  return {
    'appointments.book': (input, call) => book(deps, input, call),
    'appointments.upcoming': (_input, call) => ({
      appointments: upcomingAppointments(deps, reachableLeader(deps.store, call.session)),
    }),
    'appointments.notices': (_input, call) =>
      petitionerNotices(deps, reachableLeader(deps.store, call.session)).map(({ fullPhone, ...n }) => ({
        ...n,
        phone: maskPhone(fullPhone),
      })),
    'appointments.notified': (input, call) => notified(deps, input, call),
  };
}

function book({ store, now }: AppointmentsDeps, input: MethodParsedInput<'appointments.book'>, call: ServiceCall) {
  // The time is typed in Beijing time; the hall stores the UTC instant.
  const at = chinaInstant(input.at);
  if (at === null) throw new HallError('BAD_INPUT', '时间不正确。', [{ path: 'at', message: '时间不正确' }]);
  if (Date.parse(at) <= now().getTime())
    throw new HallError('BAD_INPUT', '约访时间应在以后。', [{ path: 'at', message: '约访时间应在以后' }]);
  const id = store.write(actorOf(call.session), (db, audit) => {
    requireRows(db, [{ path: 'leaderId', table: 'leaders', ids: input.leaderId, active: true }]);
    return bookVisit(db, audit, {
      visitId: input.visitId,
      leaderId: input.leaderId,
      at,
      place: input.place,
      purpose: input.purpose,
      updatedAt: now().toISOString(),
    });
  });
  return { id };
}

/** What one booking needs: the visit, the leader, the UTC instant, the place and the purpose. */
export interface Booking {
  visitId: number;
  leaderId: number;
  /** UTC instant (chinaInstant of the Beijing time typed). */
  at: string;
  place: string;
  purpose: string;
  /** The clock's instant, for the visit's updated_at. */
  updatedAt: string;
}

/**
 * Books an appointment for a visit's primary petitioner inside the caller's write, and takes
 * the visit off today's queue (the visitor will come back on the appointment): the one way a
 * visitor becomes an appointment, for a single booking and for the end of the day alike.
 */
export function bookVisit(db: Db, audit: AuditFn, b: Booking): number {
  const petitionerId = value<number>(
    db,
    'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ? ORDER BY is_primary DESC LIMIT 1',
    b.visitId,
  );
  if (petitionerId === undefined) throw new HallError('NOT_FOUND', '没有这次来访。');
  const caseId = value<number>(db, 'SELECT case_id FROM case_visits WHERE visit_id = ? LIMIT 1', b.visitId);
  const slotId = value<number>(
    db,
    'SELECT ds.id FROM duty_slots ds JOIN duty_slot_leaders dl ON dl.slot_id = ds.id WHERE ds.date = ? AND dl.leader_id = ? AND ds.cancelled = 0 LIMIT 1',
    chinaDay(new Date(b.at)),
    b.leaderId,
  );
  const newId = Number(
    db
      .prepare(
        "INSERT INTO appointments (petitioner_id, case_id, leader_id, slot_id, at, place, purpose, status, booked_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', hall_now())",
      )
      .run(petitionerId, caseId ?? null, b.leaderId, slotId ?? null, b.at, b.place, b.purpose).lastInsertRowid,
  );
  db.prepare(
    "UPDATE visits SET status = CASE WHEN status IN ('queued', 'registered') THEN 'left' ELSE status END, updated_at = ? WHERE id = ?",
  ).run(b.updatedAt, b.visitId);
  db.prepare("UPDATE tickets SET status = 'gone' WHERE visit_id = ? AND status IN ('waiting', 'called')").run(
    b.visitId,
  );
  audit({
    action: 'appointment.book',
    entity: 'appointment',
    entityId: newId,
    detail: { visitId: b.visitId, leaderId: b.leaderId },
  });
  return newId;
}

interface UpcomingRow {
  id: number;
  at: string;
  leader: string;
  petitioner: string;
  place: string;
  purpose: string;
  status: string;
  petitioner_id: number;
  phone: string | null;
  leader_notified_on: string | null;
  petitioner_notified_on: string | null;
}

/**
 * Booked appointments from today on, with who still has to be told (names masked); for a leader
 * (`leader` not null, see infra/scope.ts), those they reach.
 */
export function upcomingAppointments(deps: AppointmentsDeps, leader: number | null) {
  return upcomingRows(deps, leader).map(({ petitionerId: _p, fullName: _n, fullPhone: _f, ...a }) => a);
}

/**
 * The petitioners to be told now (their notice day has come, nobody has told them yet), named
 * in full as the notice is made to them by name; the phone in full here, masked by every caller
 * but the recorded export (day.export 'notices').
 */
export function petitionerNotices(deps: AppointmentsDeps, leader: number | null) {
  return upcomingRows(deps, leader)
    .filter((a) => a.tellPetitioner)
    .map((a) => ({
      id: a.id,
      at: a.at,
      leader: a.leader,
      place: a.place,
      purpose: a.purpose,
      petitionerId: a.petitionerId,
      name: a.fullName,
      fullPhone: a.fullPhone,
    }));
}

function upcomingRows({ store, now }: AppointmentsDeps, leader: number | null) {
  const reach = reachFilter(leader, appointmentReachableSql('a'));
  const s = store.settings();
  const today = chinaDay(now());
  const rows = all<UpcomingRow>(
    store.database,
    `SELECT a.id, a.at, l.name AS leader, p.name AS petitioner, a.place, a.purpose, a.status, a.petitioner_id, p.phone, a.leader_notified_on, a.petitioner_notified_on
       FROM appointments a JOIN leaders l ON l.id = a.leader_id JOIN petitioners p ON p.id = a.petitioner_id
       WHERE a.status = 'booked' AND a.at >= ? AND ${reach.sql} ORDER BY a.at`,
    chinaInstant(today),
    ...reach.params,
  );
  return rows.map((r) => {
    const day = chinaDay(new Date(r.at));
    return {
      id: r.id,
      at: r.at,
      leader: r.leader,
      petitioner: maskName(r.petitioner),
      petitionerId: r.petitioner_id,
      fullName: r.petitioner,
      fullPhone: r.phone ?? '',
      place: r.place,
      purpose: r.purpose,
      status: r.status,
      tellLeader: !r.leader_notified_on && day <= addDaysIso(today, s.appointmentLeaderNoticeDays),
      tellPetitioner: !r.petitioner_notified_on && day <= addDaysIso(today, s.appointmentPetitionerNoticeDays),
    };
  });
}

function notified(
  { store, now }: AppointmentsDeps,
  input: MethodParsedInput<'appointments.notified'>,
  call: ServiceCall,
) {
  store.write(actorOf(call.session), (db, audit) => {
    const column = input.who === 'leader' ? 'leader_notified_on' : 'petitioner_notified_on';
    const changed = db
      .prepare(`UPDATE appointments SET ${column} = ? WHERE id = ?`)
      .run(chinaDay(now()), input.id).changes;
    if (changed === 0) throw new HallError('NOT_FOUND', '没有这次约访。');
    audit({ action: 'appointment.notified', entity: 'appointment', entityId: input.id, detail: { who: input.who } });
  });
  return { ok: true as const };
}
