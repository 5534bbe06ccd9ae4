import { HallError } from '../../../shared/contract';
import {
  isDraftParticipant,
  PARTICIPANT_NAME_MISSING,
  type InterviewSaveInput,
} from '../../../shared/domain/interview';
import { maskName } from '../../../shared/domain/mask';
import type { AuditInput } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';

/** 接谈记录: opened when reception starts, saved as it is typed, fixed once ended. */
export interface InterviewContext {
  nowIso: string;
  actorId: number | null;
  actorName: string;
  audit: (entry: AuditInput) => void;
}

interface InterviewRow {
  id: number;
  visit_id: number;
  visit_no: string;
  demand: string;
  leader_id: number | null;
  case_id: number | null;
  case_no: string | null;
  name: string;
  leader: string | null;
  started_at: string;
  ended_at: string | null;
  place: string;
  opinion: string;
  disposition: InterviewSaveInput['disposition'];
  petitioner_response: string;
  confirmation: string | null;
  signature_id: number | null;
  version: number;
}

type ParticipantRow = InterviewSaveInput['participants'][number];
type TurnRow = InterviewSaveInput['turns'][number];

export function readInterview(db: Db, interviewId: number) {
  const i = one<InterviewRow>(
    db,
    `SELECT i.id, i.visit_id, v.visit_no, v.demand, v.leader_id, p.name, l.name AS leader,
              c.id AS case_id, c.case_no, i.started_at, i.ended_at, i.place, i.opinion, i.disposition, i.petitioner_response, i.confirmation, i.signature_id, i.version
       FROM interviews i JOIN visits v ON v.id = i.visit_id
       JOIN visit_petitioners vp ON vp.visit_id = v.id AND vp.is_primary = 1 JOIN petitioners p ON p.id = vp.petitioner_id
       LEFT JOIN leaders l ON l.id = i.leader_id
       -- The case opened from this visit (a visit belongs to one case at most).
       LEFT JOIN case_visits cv ON cv.visit_id = v.id LEFT JOIN cases c ON c.id = cv.case_id
       WHERE i.id = ?`,
    interviewId,
  );
  if (!i) throw new HallError('NOT_FOUND', '没有这份接谈记录。');
  return {
    interviewId: i.id,
    visitId: i.visit_id,
    visitNo: i.visit_no,
    petitioner: maskName(i.name),
    leader: i.leader,
    leaderId: i.leader_id,
    demand: i.demand,
    /** The case opened from this visit, if any (立案 is offered once the interview has ended). */
    case: i.case_id !== null ? { caseId: i.case_id, caseNo: i.case_no! } : null,
    startedAt: i.started_at,
    endedAt: i.ended_at,
    place: i.place,
    participants: all<ParticipantRow>(
      db,
      'SELECT kind, name FROM interview_participants WHERE interview_id = ? ORDER BY id',
      i.id,
    ),
    turns: all<TurnRow>(db, 'SELECT speaker, text FROM interview_turns WHERE interview_id = ? ORDER BY seq', i.id),
    opinion: i.opinion,
    disposition: i.disposition,
    petitionerResponse: i.petitioner_response,
    signed: i.signature_id !== null || i.confirmation === 'paper',
    version: i.version,
  };
}

/** A visit with the leader receiving it and the room. */
interface ReceivingRow {
  id: number;
  leader_id: number | null;
  leader: string | null;
  room: string | null;
}

/** The visit's interview, opened now if there is none yet (one record per visit). */
export function openInterview(db: Db, visitId: number, ctx: InterviewContext): number {
  const existing = value<number>(db, 'SELECT id FROM interviews WHERE visit_id = ? ORDER BY id DESC LIMIT 1', visitId);
  if (existing !== undefined) return existing;
  // The leader who is receiving: the ticket's (after any transfer), else the one registered.
  const visit = one<ReceivingRow>(
    db,
    `SELECT v.id, COALESCE(t.leader_id, v.leader_id) AS leader_id, l.name AS leader, r.name AS room
       FROM visits v LEFT JOIN tickets t ON t.visit_id = v.id LEFT JOIN leaders l ON l.id = COALESCE(t.leader_id, v.leader_id) LEFT JOIN rooms r ON r.id = t.room_id
       WHERE v.id = ? ORDER BY t.id DESC LIMIT 1`,
    visitId,
  );
  if (!visit) throw new HallError('NOT_FOUND', '没有这次来访。');
  const id = Number(
    db
      .prepare('INSERT INTO interviews (visit_id, leader_id, clerk_id, place, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(visit.id, visit.leader_id, ctx.actorId, visit.room ?? '信访接待大厅', ctx.nowIso).lastInsertRowid,
  );
  const participant = db.prepare('INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, ?, ?)');
  if (visit.leader) participant.run(id, 'leader', visit.leader);
  participant.run(id, 'clerk', ctx.actorName);
  joinArrivedUnits(db, id);
  ctx.audit({ action: 'interview.open', entity: 'interview', entityId: id, detail: { visitId } });
  return id;
}

/**
 * The units summoned to the visit that have arrived (到场) are present at its interview: each is
 * a participant (单位代表) of the record, added when the record opens, when the unit arrives and
 * on every save (a form that did not list it yet keeps it), once by unit.
 */
export function joinArrivedUnits(db: Db, interviewId: number): void {
  db.prepare(
    `INSERT INTO interview_participants (interview_id, kind, name, unit_id)
     SELECT i.id, 'unit', u.name, u.id FROM interviews i JOIN summons s ON s.visit_id = i.visit_id JOIN units u ON u.id = s.unit_id
     WHERE i.id = ? AND s.arrived_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM interview_participants ip WHERE ip.interview_id = i.id AND (ip.unit_id = u.id OR (ip.kind = 'unit' AND ip.name = u.name)))
     GROUP BY u.id ORDER BY min(s.arrived_at)`,
  ).run(interviewId);
}

interface InterviewVersionRow {
  version: number;
  ended_at: string | null;
}

/**
 * Writes the whole record as it stands. Called on every pause in typing, so it is not audited
 * each time — the opening and the end are. A stale version means another window saved since.
 */
export function saveInterview(
  db: Db,
  input: InterviewSaveInput,
  ctx: InterviewContext,
): { version: number; savedAt: string; endedAt: string | null } {
  const row = one<InterviewVersionRow>(db, 'SELECT version, ended_at FROM interviews WHERE id = ?', input.interviewId);
  if (!row) throw new HallError('NOT_FOUND', '没有这份接谈记录。');
  if (row.ended_at) throw new HallError('RULE_VIOLATION', '接谈已结束，记录不能再修改。');
  if (row.version !== input.version) throw new HallError('CONFLICT', '这份接谈记录已在别处修改，请重新打开后再编辑。');
  // Draft rows (no name yet) are saved with the rest, but a record is not fixed with one in it.
  const drafts = input.participants.flatMap((p, i) =>
    isDraftParticipant(p) ? [{ path: `participants.${i}.name`, message: PARTICIPANT_NAME_MISSING }] : [],
  );
  if (input.end && drafts.length > 0)
    throw new HallError('RULE_VIOLATION', '结束接谈前请填写参加人员姓名，或移除未填写的行。', drafts);
  const endedAt = input.end ? ctx.nowIso : null;
  db.prepare(
    'UPDATE interviews SET place = ?, opinion = ?, disposition = ?, petitioner_response = ?, ended_at = ?, version = version + 1, updated_at = ? WHERE id = ?',
  ).run(
    input.place,
    input.opinion,
    input.disposition,
    input.petitionerResponse,
    endedAt,
    ctx.nowIso,
    input.interviewId,
  );
  db.prepare('DELETE FROM interview_participants WHERE interview_id = ?').run(input.interviewId);
  const participant = db.prepare('INSERT INTO interview_participants (interview_id, kind, name) VALUES (?, ?, ?)');
  for (const p of input.participants) participant.run(input.interviewId, p.kind, p.name);
  joinArrivedUnits(db, input.interviewId);
  db.prepare('DELETE FROM interview_turns WHERE interview_id = ?').run(input.interviewId);
  const turn = db.prepare('INSERT INTO interview_turns (interview_id, seq, speaker, text) VALUES (?, ?, ?, ?)');
  input.turns.forEach((t, i) => turn.run(input.interviewId, i + 1, t.speaker, t.text));
  if (input.end)
    ctx.audit({
      action: 'interview.end',
      entity: 'interview',
      entityId: input.interviewId,
      detail: { disposition: input.disposition, turns: input.turns.length },
    });
  return { version: row.version + 1, savedAt: ctx.nowIso, endedAt };
}
