import { HallError } from '../../../shared/contract';
import { maskName } from '../../../shared/domain/mask';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import { reachFilter, ticketReachableSql } from '../infra/scope';
import { requireRows } from '../infra/references';
import { receivingRoom } from '../roster/rooms';

/**
 * The day's queue, per leader: call the next number, call it again, skip a no-show (back to
 * the end, or out after the configured number of calls), transfer to another leader, start
 * and finish the reception. Every move returns what changed so the host can push it.
 */
export interface TicketView {
  id: number;
  code: string;
  leaderId: number | null;
  leader: string | null;
  roomId: number | null;
  room: string | null;
  status: 'waiting' | 'called' | 'in_reception' | 'done' | 'skipped' | 'transferred' | 'gone';
  callCount: number;
  position: number;
  /** Masked: the queue is seen by the whole hall. */
  name: string;
  headCount: number;
  visitId: number;
}

/** A queue row as read: the primary petitioner's name still in full. */
interface QueueRow extends Omit<TicketView, 'name'> {
  fullName: string | null;
}

/** The day's queue; for a leader (`leader` not null) the tickets of their own queue only (infra/scope.ts). */
export function queueOf(db: Db, date: string, leader: number | null = null): TicketView[] {
  const reach = reachFilter(leader, ticketReachableSql('t', 'v'));
  return all<QueueRow>(
    db,
    `SELECT t.id, t.code, t.leader_id AS leaderId, l.name AS leader, t.room_id AS roomId, r.name AS room, t.status, t.call_count AS callCount, t.position, t.visit_id AS visitId, v.head_count AS headCount,
           (SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = t.visit_id ORDER BY vp.is_primary DESC LIMIT 1) AS fullName
         FROM tickets t JOIN visits v ON v.id = t.visit_id LEFT JOIN leaders l ON l.id = t.leader_id LEFT JOIN rooms r ON r.id = t.room_id
         WHERE t.date = ? AND ${reach.sql} ORDER BY t.leader_id, t.position`,
    date,
    ...reach.params,
  ).map(({ fullName, ...t }) => ({ ...t, name: maskName(fullName) }));
}

interface TicketRow {
  id: number;
  date: string;
  leader_id: number | null;
  status: TicketView['status'];
  call_count: number;
  visit_id: number;
  code: string;
}

function ticket(db: Db, id: number): TicketRow {
  const t = one<TicketRow>(
    db,
    'SELECT id, date, leader_id, status, call_count, visit_id, code FROM tickets WHERE id = ?',
    id,
  );
  if (!t) throw new HallError('NOT_FOUND', '没有这个排队号。');
  return t;
}

/** A number called from a line. */
interface CalledTicket {
  id: number;
  code: string;
}

/** Calls the leader's next waiting number; returns it, or null when nobody waits. */
export function callNext(db: Db, date: string, leaderId: number, at: string): CalledTicket | null {
  const busy = value<string>(
    db,
    "SELECT code FROM tickets WHERE date = ? AND leader_id = ? AND status IN ('called', 'in_reception')",
    date,
    leaderId,
  );
  if (busy !== undefined)
    throw new HallError('RULE_VIOLATION', `${busy} 号还在接待或等候入场，请先办结、过号或重新呼叫。`);
  const next = one<CalledTicket>(
    db,
    "SELECT id, code FROM tickets WHERE date = ? AND leader_id = ? AND status = 'waiting' ORDER BY position LIMIT 1",
    date,
    leaderId,
  );
  if (!next) return null;
  db.prepare("UPDATE tickets SET status = 'called', call_count = call_count + 1, called_at = ? WHERE id = ?").run(
    at,
    next.id,
  );
  return next;
}

export function recall(db: Db, id: number, at: string): void {
  const t = ticket(db, id);
  if (t.status !== 'called') throw new HallError('RULE_VIOLATION', '只能重呼已叫到的号。');
  db.prepare('UPDATE tickets SET call_count = call_count + 1, called_at = ? WHERE id = ?').run(at, id);
}

/** A no-show: back to the end of the line, or out once called `maxCalls` times. */
export function skip(db: Db, id: number, maxCalls: number, at: string): 'requeued' | 'gone' {
  const t = ticket(db, id);
  if (t.status !== 'called') throw new HallError('RULE_VIOLATION', '只能对已叫到的号过号。');
  if (t.call_count >= maxCalls) {
    db.prepare("UPDATE tickets SET status = 'gone' WHERE id = ?").run(id);
    db.prepare("UPDATE visits SET status = 'left', updated_at = ? WHERE id = ?").run(at, t.visit_id);
    return 'gone';
  }
  const end = value<number>(
    db,
    'SELECT coalesce(max(position), 0) + 1 AS p FROM tickets WHERE date = ? AND leader_id IS ?',
    t.date,
    t.leader_id,
  )!;
  db.prepare("UPDATE tickets SET status = 'waiting', position = ? WHERE id = ?").run(end, id);
  return 'requeued';
}

/** Moves a waiting or called number to another leader's line, at its end, keeping the number. */
export function transfer(db: Db, id: number, leaderId: number, reason: string, at: string): void {
  const t = ticket(db, id);
  if (t.status !== 'waiting' && t.status !== 'called') throw new HallError('RULE_VIOLATION', '只能转交等候中的号。');
  if (t.leader_id === leaderId) throw new HallError('RULE_VIOLATION', '已经是这位领导。');
  requireRows(db, [{ path: 'leaderId', table: 'leaders', ids: leaderId, active: true }]);
  const end = value<number>(
    db,
    'SELECT coalesce(max(position), 0) + 1 AS p FROM tickets WHERE date = ? AND leader_id = ?',
    t.date,
    leaderId,
  )!;
  // The number goes to the new leader's room, so the call sends the visitor there.
  const { roomId } = receivingRoom(db, t.date, leaderId);
  db.prepare(
    "UPDATE tickets SET leader_id = ?, room_id = ?, status = 'waiting', position = ?, transfer_reason = ? WHERE id = ?",
  ).run(leaderId, roomId, end, reason, id);
  db.prepare('UPDATE visits SET leader_id = ?, updated_at = ? WHERE id = ?').run(leaderId, at, t.visit_id);
}

export function start(db: Db, id: number, at: string): void {
  const t = ticket(db, id);
  if (t.status !== 'called') throw new HallError('RULE_VIOLATION', '请先叫号，来访人到场后再开始接待。');
  db.prepare("UPDATE tickets SET status = 'in_reception', started_at = ? WHERE id = ?").run(at, id);
  db.prepare("UPDATE visits SET status = 'in_reception', updated_at = ? WHERE id = ?").run(at, t.visit_id);
}

export function finish(db: Db, id: number, at: string): void {
  const t = ticket(db, id);
  if (t.status !== 'in_reception') throw new HallError('RULE_VIOLATION', '只能办结正在接待的号。');
  db.prepare("UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ?").run(at, id);
  db.prepare("UPDATE visits SET status = 'done', updated_at = ? WHERE id = ?").run(at, t.visit_id);
}
