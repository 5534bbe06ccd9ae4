import type { Db } from '../infra/db/connection';
import { one } from '../infra/db/sql';

/** Where a leader receives on a day: their duty slot (if any) and the room a call sends visitors to. */
export interface ReceivingRoom {
  slotId: number | null;
  roomId: number | null;
  queuePrefix: string | null;
}

interface SlotRoomRow {
  id: number;
  room_id: number | null;
}

interface RoomRow {
  id: number;
  queue_prefix: string | null;
}

/**
 * The one answer to "which room does this leader receive in today", for a new number and for a
 * number moved to another leader. Before, only a leader on a duty slot with a room had one: a
 * principal leader called in for a group of 20 or more, a leader taking over a line, or a joint
 * reception without a room on its slot got none, and the hall called "到接待室". Now, in order:
 * 1. the room of the leader's duty slot that day (a substitute is on the slot he stands in for;
 *    every leader of a joint reception is on its slot);
 * 2. the room this leader already receives in today (a second group goes where the first went);
 * 3. a room in use that no duty slot holds that day and no other leader receives in now;
 * 4. failing that, the room in use with the fewest numbers waiting.
 * Only when the office has no room in use at all is there none.
 */
export function receivingRoom(db: Db, date: string, leaderId: number): ReceivingRoom {
  const slot = one<SlotRoomRow>(
    db,
    `SELECT ds.id, ds.room_id FROM duty_slots ds JOIN duty_slot_leaders dl ON dl.slot_id = ds.id
     WHERE ds.date = ? AND dl.leader_id = ? AND ds.cancelled = 0 ORDER BY ds.room_id IS NULL, ds.start_time, ds.id LIMIT 1`,
    date,
    leaderId,
  );
  const slotId = slot?.id ?? null;
  const room =
    (slot?.room_id ? one<RoomRow>(db, 'SELECT id, queue_prefix FROM rooms WHERE id = ?', slot.room_id) : undefined) ??
    one<RoomRow>(
      db,
      `SELECT r.id, r.queue_prefix FROM tickets t JOIN rooms r ON r.id = t.room_id
       WHERE t.date = ? AND t.leader_id = ? AND r.active = 1 ORDER BY t.id DESC LIMIT 1`,
      date,
      leaderId,
    ) ??
    one<RoomRow>(
      db,
      `SELECT r.id, r.queue_prefix FROM rooms r WHERE r.active = 1
         AND NOT EXISTS (SELECT 1 FROM duty_slots ds WHERE ds.room_id = r.id AND ds.date = ? AND ds.cancelled = 0)
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.room_id = r.id AND t.date = ? AND t.leader_id IS NOT ?
                           AND t.status IN ('waiting', 'called', 'in_reception'))
       ORDER BY r.id LIMIT 1`,
      date,
      date,
      leaderId,
    ) ??
    one<RoomRow>(
      db,
      `SELECT r.id, r.queue_prefix FROM rooms r WHERE r.active = 1
       ORDER BY (SELECT count(*) FROM tickets t WHERE t.room_id = r.id AND t.date = ? AND t.status IN ('waiting', 'called')), r.id
       LIMIT 1`,
      date,
    );
  return { slotId, roomId: room?.id ?? null, queuePrefix: room?.queue_prefix ?? null };
}
