import { and, asc, eq } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { lacksOutsidePlace, OUTSIDE_PLACE_MESSAGE } from '../../../shared/domain/duty';
import { describeRule, ruleParams } from '../../../shared/domain/roster';
import { generateSlots, listSlots, rosterCheck } from './slots';
import { orm } from '../infra/db/orm';
import { absences, rosterRuleLeaders, rosterRules } from '../infra/db/schema';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { officeCalendar } from '../calendar/handlers';
import { requireRows } from '../infra/references';

export interface RosterDeps {
  store: Store;
  now: () => Date;
}

/** Roster rules, duty slots, absences and the monthly coverage check. */
export function rosterHandlers(deps: RosterDeps): AreaHandlers<'roster'> {
  return {
    'roster.rules': () => listRules(deps),
    'roster.saveRule': (input, call) => saveRule(deps, input, call),
    'roster.generate': (input, call) => generate(deps, input, call),
    'roster.slots': (input) => listSlots(deps.store.database, input.from, input.to),
    'roster.updateSlot': (input, call) => updateSlot(deps, input, call),
    'roster.markAbsent': (input, call) => markAbsent(deps, input, call),
    'roster.substitute': (input, call) => substitute(deps, input, call),
    'roster.check': (input) => check(deps, input),
  };
}

/** The active rules; a rule whose stored parameters no longer parse is left out. */
function listRules({ store }: RosterDeps) {
  const db = orm(store.database);
  return db
    .select()
    .from(rosterRules)
    .where(eq(rosterRules.active, true))
    .orderBy(asc(rosterRules.id))
    .all()
    .flatMap((r) => {
      const params = ruleParams.safeParse(r.params);
      if (!params.success) return [];
      const leaderIds = db
        .select({ leaderId: rosterRuleLeaders.leaderId })
        .from(rosterRuleLeaders)
        .where(eq(rosterRuleLeaders.ruleId, r.id))
        .all()
        .map((x) => x.leaderId);
      return [
        {
          id: r.id,
          name: r.name,
          params: params.data,
          shiftToWorkingDay: r.shiftToWorkingDay,
          session: r.session,
          startTime: r.startTime,
          endTime: r.endTime,
          form: r.form,
          roomId: r.roomId,
          place: r.place,
          leaderIds,
          validFrom: r.validFrom,
          validTo: r.validTo,
          description: describeRule(params.data, r.shiftToWorkingDay),
        },
      ];
    });
}

function saveRule({ store }: RosterDeps, input: MethodParsedInput<'roster.saveRule'>, call: ServiceCall) {
  if (lacksOutsidePlace(input.form, input.place))
    throw new HallError('BAD_INPUT', `${OUTSIDE_PLACE_MESSAGE}。`, [{ path: 'place', message: OUTSIDE_PLACE_MESSAGE }]);
  if (input.form === 'joint' && input.leaderIds.length < 2)
    throw new HallError('BAD_INPUT', '联合接访至少两位领导。', [
      { path: 'leaderIds', message: '联合接访至少两位领导' },
    ]);
  if (input.validTo && input.validTo < input.validFrom)
    throw new HallError('BAD_INPUT', '结束日期不能早于开始日期。', [
      { path: 'validTo', message: '结束日期不能早于开始日期' },
    ]);
  const id = store.write(actorOf(call.session), (d, audit) => {
    requireRows(d, [
      { path: 'leaderIds', table: 'leaders', ids: input.leaderIds, active: true },
      { path: 'roomId', table: 'rooms', ids: input.roomId },
    ]);
    const values = [
      input.name,
      input.params.kind,
      JSON.stringify(input.params),
      input.shiftToWorkingDay ? 1 : 0,
      input.session,
      input.startTime,
      input.endTime,
      input.form,
      input.roomId,
      input.place,
      input.validFrom,
      input.validTo,
    ];
    let ruleId = input.id;
    if (ruleId) {
      const before = d.prepare('SELECT * FROM roster_rules WHERE id = ?').get(ruleId);
      if (!before) throw new HallError('NOT_FOUND', '没有这条排班规则。');
      d.prepare(
        'UPDATE roster_rules SET name = ?, kind = ?, params = ?, shift_to_working_day = ?, session = ?, start_time = ?, end_time = ?, form = ?, room_id = ?, place = ?, valid_from = ?, valid_to = ?, updated_at = hall_now() WHERE id = ?',
      ).run(...values, ruleId);
      d.prepare('DELETE FROM roster_rule_leaders WHERE rule_id = ?').run(ruleId);
      audit({ action: 'roster.updateRule', entity: 'roster_rule', entityId: ruleId, before, after: input });
    } else {
      ruleId = Number(
        d
          .prepare(
            'INSERT INTO roster_rules (name, kind, params, shift_to_working_day, session, start_time, end_time, form, room_id, place, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(...values).lastInsertRowid,
      );
      audit({ action: 'roster.createRule', entity: 'roster_rule', entityId: ruleId, after: input });
    }
    const link = d.prepare('INSERT INTO roster_rule_leaders (rule_id, leader_id) VALUES (?, ?)');
    for (const l of new Set(input.leaderIds)) link.run(ruleId, l);
    return ruleId;
  });
  return { id };
}

function generate({ store }: RosterDeps, input: MethodParsedInput<'roster.generate'>, call: ServiceCall) {
  return store.write(actorOf(call.session), (d, audit) => {
    const r = generateSlots(d, officeCalendar(store), input.ruleId, input.from, input.to);
    audit({
      action: 'roster.generate',
      entity: 'roster_rule',
      entityId: input.ruleId,
      detail: { from: input.from, to: input.to, created: r.created, kept: r.kept },
    });
    return r;
  });
}

function updateSlot({ store }: RosterDeps, input: MethodParsedInput<'roster.updateSlot'>, call: ServiceCall) {
  store.write(actorOf(call.session), (d, audit) => {
    const before = d.prepare('SELECT * FROM duty_slots WHERE id = ?').get(input.slotId);
    if (!before) throw new HallError('NOT_FOUND', '没有这次值班。');
    requireRows(d, [{ path: 'roomId', table: 'rooms', ids: input.roomId }]);
    d.prepare(
      "UPDATE duty_slots SET date = ?, start_time = ?, end_time = ?, session = CASE WHEN ? < '12:00' THEN 'morning' ELSE 'afternoon' END, form = ?, room_id = ?, place = ?, note = ?, cancelled = ?, edited = 1, updated_at = hall_now() WHERE id = ?",
    ).run(
      input.date,
      input.startTime,
      input.endTime,
      input.startTime,
      input.form,
      input.roomId,
      input.place,
      input.note,
      input.cancelled ? 1 : 0,
      input.slotId,
    );
    audit({ action: 'roster.updateSlot', entity: 'duty_slot', entityId: input.slotId, before, after: input });
  });
  return { ok: true as const };
}

function markAbsent({ store, now }: RosterDeps, input: MethodParsedInput<'roster.markAbsent'>, call: ServiceCall) {
  store.write(actorOf(call.session), (d, audit) => {
    const onDuty = d
      .prepare('SELECT 1 FROM duty_slot_leaders WHERE slot_id = ? AND leader_id = ?')
      .get(input.slotId, input.leaderId);
    if (!onDuty) throw new HallError('NOT_FOUND', '这位领导不在该次值班中。');
    if (d.prepare('SELECT 1 FROM absences WHERE slot_id = ? AND leader_id = ?').get(input.slotId, input.leaderId))
      throw new HallError('CONFLICT', '已登记过请假。');
    const id = Number(
      d
        .prepare('INSERT INTO absences (slot_id, leader_id, reason, reported_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(input.slotId, input.leaderId, input.reason, now().toISOString(), call.session?.accountId ?? null)
        .lastInsertRowid,
    );
    audit({
      action: 'roster.absence',
      entity: 'duty_slot',
      entityId: input.slotId,
      after: { absence: id, leaderId: input.leaderId },
    });
  });
  return { ok: true as const };
}

function substitute({ store }: RosterDeps, input: MethodParsedInput<'roster.substitute'>, call: ServiceCall) {
  store.write(actorOf(call.session), (d, audit) => {
    const absence = orm(d)
      .select({ id: absences.id, substituteLeaderId: absences.substituteLeaderId })
      .from(absences)
      .where(and(eq(absences.slotId, input.slotId), eq(absences.leaderId, input.absentLeaderId)))
      .get();
    if (!absence) throw new HallError('RULE_VIOLATION', '请先登记该领导请假，再安排替班。');
    if (absence.substituteLeaderId) throw new HallError('CONFLICT', '已安排过替班。');
    if (
      d
        .prepare('SELECT 1 FROM duty_slot_leaders WHERE slot_id = ? AND leader_id = ?')
        .get(input.slotId, input.substituteLeaderId)
    )
      throw new HallError('CONFLICT', '替班领导已在该次值班中。');
    requireRows(d, [{ path: 'substituteLeaderId', table: 'leaders', ids: input.substituteLeaderId, active: true }]);
    d.prepare('UPDATE absences SET substitute_leader_id = ? WHERE id = ?').run(input.substituteLeaderId, absence.id);
    d.prepare('INSERT INTO duty_slot_leaders (slot_id, leader_id, substitute_for_id) VALUES (?, ?, ?)').run(
      input.slotId,
      input.substituteLeaderId,
      input.absentLeaderId,
    );
    d.prepare('UPDATE duty_slots SET edited = 1, updated_at = hall_now() WHERE id = ?').run(input.slotId);
    audit({
      action: 'roster.substitute',
      entity: 'duty_slot',
      entityId: input.slotId,
      after: { absent: input.absentLeaderId, substitute: input.substituteLeaderId },
    });
  });
  return { ok: true as const };
}

function check({ store }: RosterDeps, input: MethodParsedInput<'roster.check'>) {
  const s = store.settings();
  return rosterCheck(store.database, officeCalendar(store), input.month, {
    monthlyReceptions: s.monthlyReceptions,
    quarterlyOutsideVisits: s.quarterlyOutsideVisits,
  });
}
