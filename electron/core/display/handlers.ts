import { HallError } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { weekNoticeOf } from '../documents/loaders';
import { queueOf, type TicketView } from '../visits/queue';
import { all, value } from '../infra/db/sql';
import type { AreaHandlers } from '../infra/router';
import type { Store } from '../infra/store';

export interface DisplayDeps {
  store: Store;
  now: () => Date;
  /** The test clock's instant (HALL_NOW), or null. */
  testClock: string | null;
}

/**
 * The hall display and the rooms' door screens show what the notice shows: public by rule (the
 * schedule is published), so they need no login; they carry no petitioner's data beyond a
 * number and a surname. When the store is locked (nobody has logged in yet today) there is
 * nothing to show.
 */
export function displayHandlers(deps: DisplayDeps): AreaHandlers<'display'> {
  return {
    'display.notice': () => notice(deps),
    'display.queue': () => queue(deps),
    'display.room': (input) => room(deps, input.roomId),
  };
}

function notice({ store, now, testClock }: DisplayDeps) {
  const today = chinaDay(now());
  if (!store.isOpen()) return { office: null, period: '', today, testClock, slots: [] };
  const n = weekNoticeOf(store.database, today, today);
  return { office: store.officeName(), period: n.period, today, testClock, slots: n.slots };
}

/** Surname only (the masked name's first character group), never a full name on a public screen. */
const surnameOf = (t: TicketView) => t.name.replace(/\*+$/, '') + '*';

/** The number a room's leader has on: the one called to the door, else the one in reception. */
function currentOf(tickets: TicketView[]): TicketView | undefined {
  return tickets.find((t) => t.status === 'called') ?? tickets.find((t) => t.status === 'in_reception');
}

function queue({ store, now }: DisplayDeps) {
  const at = now().toISOString();
  if (!store.isOpen()) return { now: at, calling: [], waiting: [], rooms: [] };
  const today = chinaDay(now());
  const tickets = queueOf(store.database, today);
  // A ticket belongs to its room; one without a room (no room in the leader's slot) to its leader's line.
  const groups = new Map<string, TicketView[]>();
  for (const t of tickets) {
    const key = t.roomId !== null ? `room-${t.roomId}` : `leader-${t.leaderId ?? 0}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const rooms = [...groups.entries()]
    .map(([key, list]) => {
      const waiting = list.filter((t) => t.status === 'waiting');
      const current = currentOf(list);
      const first = list[0]!;
      return {
        key,
        roomId: first.roomId,
        room: first.room ?? (first.leader ? `${first.leader}接待` : '待分配'),
        leader: (current ?? waiting[0] ?? first).leader,
        current: current?.code ?? null,
        waiting: waiting.slice(0, 12).map((t) => ({ code: t.code, surname: surnameOf(t) })),
      };
    })
    // A room with nobody waiting and nobody on stays off the wall.
    .filter((r) => r.current !== null || r.waiting.length > 0)
    .sort((a, b) => a.room.localeCompare(b.room, 'zh-CN'));
  return {
    now: at,
    calling: tickets
      .filter((t) => t.status === 'called')
      .map((t) => ({ code: t.code, room: t.room, leader: t.leader })),
    waiting: tickets
      .filter((t) => t.status === 'waiting')
      .slice(0, 12)
      .map((t) => ({ code: t.code, surname: surnameOf(t), leader: t.leader })),
    rooms,
  };
}

/** The door screen of one room: who receives there today, the number on, the next ones. */
function room({ store, now, testClock }: DisplayDeps, roomId: number) {
  const at = now().toISOString();
  if (!store.isOpen()) return { now: at, testClock, office: null, room: null, leaders: [], current: null, next: [] };
  const db = store.database;
  const name = value<string>(db, 'SELECT name FROM rooms WHERE id = ?', roomId);
  if (name === undefined) throw new HallError('NOT_FOUND', '没有这个接待室。');
  const today = chinaDay(now());
  const tickets = queueOf(db, today).filter((t) => t.roomId === roomId);
  // The roster says who sits in the room today; an absent leader does not, their substitute does.
  const rostered = all<{ name: string }>(
    db,
    `SELECT DISTINCT l.name FROM duty_slots s JOIN duty_slot_leaders dl ON dl.slot_id = s.id JOIN leaders l ON l.id = dl.leader_id
       LEFT JOIN absences a ON a.slot_id = s.id AND a.leader_id = dl.leader_id
       WHERE s.date = ? AND s.room_id = ? AND s.cancelled = 0 AND a.id IS NULL ORDER BY s.start_time, dl.id`,
    today,
    roomId,
  ).map((r) => r.name);
  // A leader given the room for the day without a roster entry (a principal leader, a joint reception).
  const queued = tickets.flatMap((t) => (t.leader ? [t.leader] : []));
  const current = currentOf(tickets);
  return {
    now: at,
    testClock,
    office: store.officeName(),
    room: name,
    leaders: [...new Set([...rostered, ...queued])],
    current: current ? { code: current.code, status: current.status as 'called' | 'in_reception' } : null,
    next: tickets
      .filter((t) => t.status === 'waiting')
      .slice(0, 5)
      .map((t) => ({ code: t.code, surname: surnameOf(t) })),
  };
}
