import { HallError, type SlotForm, type SlotSession } from '../../../shared/contract';
import { addDaysIso, type WorkCalendar } from '../../../shared/domain/calendar';
import {
  checkCoverage,
  quarterSpan,
  type CoverageReport,
  type SlotPresence,
} from '../../../shared/domain/roster-check';
import { ruleDates, ruleParams, type RuleParams } from '../../../shared/domain/roster';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../infra/db/connection';
import { orm } from '../infra/db/orm';
import { leaders as leadersTable, rosterRuleLeaders, rosterRules } from '../infra/db/schema';
import { all, values } from '../infra/db/sql';

/** Duty slots and their leaders as the roster screens, the CLI and the checks read them. */
export interface SlotView {
  id: number;
  ruleId: number | null;
  date: string;
  session: SlotSession;
  startTime: string;
  endTime: string;
  form: SlotForm;
  roomId: number | null;
  room: string | null;
  place: string | null;
  note: string | null;
  edited: boolean;
  leaders: {
    id: number;
    name: string;
    post: string;
    absent: boolean;
    reason: string | null;
    substituteFor: string | null;
  }[];
}

/** A slot with its room's name (listSlots). */
interface SlotRow {
  id: number;
  rule_id: number | null;
  date: string;
  session: SlotView['session'];
  start_time: string;
  end_time: string;
  form: SlotView['form'];
  room_id: number | null;
  room: string | null;
  place: string | null;
  note: string | null;
  edited: number;
}

/** A leader on a slot, with whom they stand in for and their absence, if any (listSlots). */
interface SlotLeaderRow {
  id: number;
  name: string;
  post: string;
  substitute_for: string | null;
  reason: string | null;
  absence: number | null;
}

export function listSlots(db: Db, from: string, to: string): SlotView[] {
  const slots = all<SlotRow>(
    db,
    `SELECT s.id, s.rule_id, s.date, s.session, s.start_time, s.end_time, s.form, s.room_id, r.name AS room, s.place, s.note, s.edited
     FROM duty_slots s LEFT JOIN rooms r ON r.id = s.room_id WHERE s.date BETWEEN ? AND ? AND s.cancelled = 0 ORDER BY s.date, s.start_time, s.id`,
    from,
    to,
  );
  const leaders = (slotId: number) =>
    all<SlotLeaderRow>(
      db,
      `SELECT dl.slot_id, l.id, l.name, l.post, sub.name AS substitute_for, a.reason, a.id AS absence
       FROM duty_slot_leaders dl JOIN leaders l ON l.id = dl.leader_id LEFT JOIN leaders sub ON sub.id = dl.substitute_for_id
       LEFT JOIN absences a ON a.slot_id = dl.slot_id AND a.leader_id = dl.leader_id
       WHERE dl.slot_id = ? ORDER BY dl.id`,
      slotId,
    );
  return slots.map((s) => ({
    id: s.id,
    ruleId: s.rule_id,
    date: s.date,
    session: s.session,
    startTime: s.start_time,
    endTime: s.end_time,
    form: s.form,
    roomId: s.room_id,
    room: s.room,
    place: s.place,
    note: s.note,
    edited: s.edited === 1,
    leaders: leaders(s.id).map((l) => ({
      id: l.id,
      name: l.name,
      post: l.post,
      absent: l.absence !== null,
      reason: l.reason,
      substituteFor: l.substitute_for,
    })),
  }));
}

function presence(db: Db, from: string, to: string): SlotPresence[] {
  return listSlots(db, from, to).map((s) => {
    const replaced = new Set(s.leaders.filter((l) => l.substituteFor).map((l) => l.substituteFor));
    return {
      date: s.date,
      form: s.form,
      present: s.leaders.filter((l) => !l.absent).map((l) => l.id),
      unreplaced: s.leaders.filter((l) => l.absent && !replaced.has(l.name)).map((l) => l.id),
    };
  });
}

/** Coverage gaps and duty shortfalls of a month (YYYY-MM). */
export function rosterCheck(
  db: Db,
  cal: WorkCalendar,
  month: string,
  quota: { monthlyReceptions: number; quarterlyOutsideVisits: number },
): CoverageReport & { unknownYears: number[] } {
  const { quarterStart, monthStart, monthEnd } = quarterSpan(month);
  const working: string[] = [];
  for (let d = monthStart; d <= monthEnd; d = addDaysIso(d, 1)) if (cal.isWorkingDay(d)) working.push(d);
  const leaders = orm(db)
    .select({ id: leadersTable.id, name: leadersTable.name, post: leadersTable.post })
    .from(leadersTable)
    .where(eq(leadersTable.active, true))
    .orderBy(asc(leadersTable.sort), asc(leadersTable.id))
    .all();
  const report = checkCoverage(month, working, presence(db, quarterStart, monthEnd), leaders, quota);
  return { ...report, unknownYears: cal.hasYear(Number(month.slice(0, 4))) ? [] : [Number(month.slice(0, 4))] };
}

/**
 * Creates the slots a rule gives in [from, to]. Dates that already have a slot of this rule are
 * left as they are, so slots edited by hand survive regenerating.
 */
export function generateSlots(
  db: Db,
  cal: WorkCalendar,
  ruleId: number,
  from: string,
  to: string,
): { created: number; kept: number } {
  const rule = orm(db)
    .select()
    .from(rosterRules)
    .where(and(eq(rosterRules.id, ruleId), eq(rosterRules.active, true)))
    .get();
  if (!rule) throw new HallError('NOT_FOUND', '没有这条排班规则。');
  const params = ruleParams.safeParse(rule.params);
  if (!params.success) throw new HallError('DATA_PROBLEM', '排班规则的参数不完整，请重新编辑。');
  const leaders = orm(db)
    .select({ leaderId: rosterRuleLeaders.leaderId })
    .from(rosterRuleLeaders)
    .where(eq(rosterRuleLeaders.ruleId, ruleId))
    .all()
    .map((r) => r.leaderId);
  if (leaders.length === 0) throw new HallError('RULE_VIOLATION', '排班规则还没有指定接访领导。');
  const start = from > rule.validFrom ? from : rule.validFrom;
  const end = rule.validTo && rule.validTo < to ? rule.validTo : to;
  // A slot moved by hand keeps the date the rule gave it, so regenerating does not add it twice.
  const existing = new Set(
    values<string>(db, 'SELECT coalesce(rule_date, date) FROM duty_slots WHERE rule_id = ?', ruleId),
  );
  const insertSlot = db.prepare(
    'INSERT INTO duty_slots (rule_id, date, rule_date, session, start_time, end_time, form, room_id, place, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLeader = db.prepare('INSERT INTO duty_slot_leaders (slot_id, leader_id) VALUES (?, ?)');
  let created = 0;
  let kept = 0;
  for (const d of ruleDates(params.data as RuleParams, rule.shiftToWorkingDay, start, end, cal)) {
    if (existing.has(d.date)) {
      kept++;
      continue;
    }
    const note = d.shiftedFrom ? `由${d.shiftedFrom}顺延` : null;
    const slotId = Number(
      insertSlot.run(
        ruleId,
        d.date,
        d.date,
        rule.session,
        rule.startTime,
        rule.endTime,
        rule.form,
        rule.roomId,
        rule.place,
        note,
      ).lastInsertRowid,
    );
    for (const l of leaders) insertLeader.run(slotId, l);
    created++;
  }
  return { created, kept };
}
