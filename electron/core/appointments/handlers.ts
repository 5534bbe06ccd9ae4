import { HallError } from '../../../shared/contract';
import { addDaysIso, chinaDay, chinaMinute } from '../../../shared/domain/calendar';
import { maskName } from '../../../shared/domain/mask';
import type { Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { tableFile, type TableFile } from '../infra/table-file';
import { actorOf } from '../auth/handlers';

/** China time (UTC+8, no daylight saving) <-> stored UTC instants. */
const toUtc = (local: string) => new Date(`${local}:00+08:00`).toISOString();

/** 约访 (booked reception) and the end of the day at the counter. */
export function appointmentHandlers({ store, now }: { store: Store; now: () => Date }) {
  const book: Handler<'appointments.book'> = (input, call) => {
    const at = toUtc(input.at);
    if (Number.isNaN(Date.parse(at))) throw new HallError('BAD_INPUT', '时间不正确。', [{ path: 'at', message: '时间不正确' }]);
    if (Date.parse(at) <= now().getTime()) throw new HallError('BAD_INPUT', '约访时间应在以后。', [{ path: 'at', message: '约访时间应在以后' }]);
    const id = store.write(actorOf(call.session), (db, audit) => {
      const who = db.prepare('SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ? ORDER BY is_primary DESC LIMIT 1').get(input.visitId) as { petitioner_id: number } | undefined;
      if (!who) throw new HallError('NOT_FOUND', '没有这次来访。');
      if (!db.prepare('SELECT 1 FROM leaders WHERE id = ? AND active = 1').get(input.leaderId)) throw new HallError('NOT_FOUND', '所选领导不存在或已停用。', [{ path: 'leaderId', message: '领导不存在' }]);
      const caseRow = db.prepare('SELECT case_id FROM case_visits WHERE visit_id = ? LIMIT 1').get(input.visitId) as { case_id: number } | undefined;
      const slot = db.prepare('SELECT ds.id FROM duty_slots ds JOIN duty_slot_leaders dl ON dl.slot_id = ds.id WHERE ds.date = ? AND dl.leader_id = ? AND ds.cancelled = 0 LIMIT 1').get(input.at.slice(0, 10), input.leaderId) as
        | { id: number }
        | undefined;
      const newId = Number(
        db
          .prepare("INSERT INTO appointments (petitioner_id, case_id, leader_id, slot_id, at, place, purpose, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'booked')")
          .run(who.petitioner_id, caseRow?.case_id ?? null, input.leaderId, slot?.id ?? null, at, input.place, input.purpose).lastInsertRowid,
      );
      db.prepare("UPDATE visits SET status = CASE WHEN status IN ('queued', 'registered') THEN 'left' ELSE status END, updated_at = ? WHERE id = ?").run(now().toISOString(), input.visitId);
      db.prepare("UPDATE tickets SET status = 'gone' WHERE visit_id = ? AND status IN ('waiting', 'called')").run(input.visitId);
      audit({ action: 'appointment.book', entity: 'appointment', entityId: newId, detail: { visitId: input.visitId, leaderId: input.leaderId } });
      return newId;
    });
    return { id };
  };

  const upcomingRows = () => {
    const s = store.settings();
    const today = chinaDay(now());
    const rows = store.database
      .prepare(
        `SELECT a.id, a.at, l.name AS leader, p.name AS petitioner, a.place, a.purpose, a.status, a.leader_notified_on, a.petitioner_notified_on
         FROM appointments a JOIN leaders l ON l.id = a.leader_id JOIN petitioners p ON p.id = a.petitioner_id
         WHERE a.status = 'booked' AND a.at >= ? ORDER BY a.at`,
      )
      .all(new Date(`${today}T00:00:00+08:00`).toISOString()) as {
      id: number;
      at: string;
      leader: string;
      petitioner: string;
      place: string;
      purpose: string;
      status: string;
      leader_notified_on: string | null;
      petitioner_notified_on: string | null;
    }[];
    return rows.map((r) => {
      const day = chinaDay(new Date(r.at));
      return {
        id: r.id,
        at: r.at,
        leader: r.leader,
        petitioner: maskName(r.petitioner),
        place: r.place,
        purpose: r.purpose,
        status: r.status,
        tellLeader: !r.leader_notified_on && day <= addDaysIso(today, s.appointmentLeaderNoticeDays),
        tellPetitioner: !r.petitioner_notified_on && day <= addDaysIso(today, s.appointmentPetitionerNoticeDays),
      };
    });
  };
  const upcoming: Handler<'appointments.upcoming'> = () => ({ appointments: upcomingRows() });

  const notified: Handler<'appointments.notified'> = (input, call) => {
    store.write(actorOf(call.session), (db, audit) => {
      const column = input.who === 'leader' ? 'leader_notified_on' : 'petitioner_notified_on';
      const changed = db.prepare(`UPDATE appointments SET ${column} = ? WHERE id = ?`).run(chinaDay(now()), input.id).changes;
      if (changed === 0) throw new HallError('NOT_FOUND', '没有这次约访。');
      audit({ action: 'appointment.notified', entity: 'appointment', entityId: input.id, detail: { who: input.who } });
    });
    return { ok: true as const };
  };

  const unreceivedRows = () =>
    (
      store.database
        .prepare(
          `SELECT v.id AS visitId, v.visit_no AS visitNo, t.code, v.leader_id AS leaderId, v.demand,
             (SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = v.id ORDER BY vp.is_primary DESC LIMIT 1) AS name
           FROM visits v LEFT JOIN tickets t ON t.visit_id = v.id AND t.status IN ('waiting', 'called')
           WHERE v.date = ? AND v.status IN ('queued', 'registered') ORDER BY v.id`,
        )
        .all(chinaDay(now())) as { visitId: number; visitNo: string; code: string | null; leaderId: number | null; demand: string; name: string | null }[]
    ).map((r) => ({ ...r, name: maskName(r.name) }));
  const unreceived: Handler<'day.unreceived'> = () => unreceivedRows();

  /** The two lists of the end of the day as a sheet (names masked as on screen), audited. */
  const exportDay: Handler<'day.export'> = async (input, call) => {
    const today = chinaDay(now());
    const leaders = new Map((store.database.prepare('SELECT id, name FROM leaders').all() as { id: number; name: string }[]).map((l) => [l.id, l.name]));
    const table: TableFile =
      input.list === 'unreceived'
        ? (() => {
            const rows = unreceivedRows();
            return {
              sheet: '今日未接待',
              title: `今日未接待（${today}）`,
              subtitle: `登记后未接待的来访人，共 ${rows.length} 人`,
              headers: ['序号', '登记编号', '排队号', '信访人', '接访领导', '诉求'],
              rows: rows.map((r, n) => [n + 1, r.visitNo, r.code ?? '', r.name, r.leaderId ? (leaders.get(r.leaderId) ?? '') : '', r.demand]),
              widths: [6, 16, 8, 10, 10, 50],
            };
          })()
        : (() => {
            const rows = upcomingRows();
            const tell = (a: (typeof rows)[number]) => [a.tellLeader ? '领导' : '', a.tellPetitioner ? '信访人' : ''].filter(Boolean).join('、');
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
    store.audit(actorOf(call.session), { action: 'day.export', entity: 'visit', detail: { list: input.list, format: input.format, rows: table.rows.length } });
    return { fileName: `${table.sheet}-${today}.${input.format}`, base64: buffer.toString('base64'), rows: table.rows.length };
  };

  return { 'appointments.book': book, 'appointments.upcoming': upcoming, 'appointments.notified': notified, 'day.unreceived': unreceived, 'day.export': exportDay };
}
