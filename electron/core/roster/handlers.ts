import { HallError, type SlotForm, type SlotSession } from '../../../shared/contract';
import { lacksOutsidePlace, OUTSIDE_PLACE_MESSAGE } from '../../../shared/domain/duty';
import { describeRule, ruleParams } from '../../../shared/domain/roster';
import { generateSlots, listSlots, rosterCheck } from './slots';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { officeCalendar } from '../calendar/handlers';

interface RuleRow {
  id: number;
  name: string;
  params: string;
  shift_to_working_day: number;
  session: SlotSession;
  start_time: string;
  end_time: string;
  form: SlotForm;
  room_id: number | null;
  place: string | null;
  valid_from: string;
  valid_to: string | null;
}

/** Roster rules, duty slots, absences and the monthly coverage check. */
export function rosterHandlers({ store }: { store: Store }): AreaHandlers<'roster'> {
  const db = () => store.database;

  const rules: Handler<'roster.rules'> = () =>
    (db().prepare('SELECT * FROM roster_rules WHERE active = 1 ORDER BY id').all() as RuleRow[]).flatMap((r) => {
      const params = ruleParams.safeParse(JSON.parse(r.params));
      if (!params.success) return [];
      const leaderIds = (db().prepare('SELECT leader_id FROM roster_rule_leaders WHERE rule_id = ?').all(r.id) as { leader_id: number }[]).map((x) => x.leader_id);
      return [
        {
          id: r.id,
          name: r.name,
          params: params.data,
          shiftToWorkingDay: r.shift_to_working_day === 1,
          session: r.session,
          startTime: r.start_time,
          endTime: r.end_time,
          form: r.form,
          roomId: r.room_id,
          place: r.place,
          leaderIds,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          description: describeRule(params.data, r.shift_to_working_day === 1),
        },
      ];
    });

  const saveRule: Handler<'roster.saveRule'> = (input, call) => {
    if (lacksOutsidePlace(input.form, input.place)) throw new HallError('BAD_INPUT', `${OUTSIDE_PLACE_MESSAGE}。`, [{ path: 'place', message: OUTSIDE_PLACE_MESSAGE }]);
    if (input.form === 'joint' && input.leaderIds.length < 2) throw new HallError('BAD_INPUT', '联合接访至少两位领导。', [{ path: 'leaderIds', message: '联合接访至少两位领导' }]);
    if (input.validTo && input.validTo < input.validFrom) throw new HallError('BAD_INPUT', '结束日期不能早于开始日期。', [{ path: 'validTo', message: '结束日期不能早于开始日期' }]);
    const id = store.write(actorOf(call.session), (d, audit) => {
      const known = d.prepare(`SELECT count(*) AS n FROM leaders WHERE active = 1 AND id IN (${input.leaderIds.map(() => '?').join(',')})`).get(...input.leaderIds) as { n: number };
      if (known.n !== new Set(input.leaderIds).size) throw new HallError('NOT_FOUND', '所选领导不存在或已停用。');
      const values = [input.name, input.params.kind, JSON.stringify(input.params), input.shiftToWorkingDay ? 1 : 0, input.session, input.startTime, input.endTime, input.form, input.roomId, input.place, input.validFrom, input.validTo];
      let ruleId = input.id;
      if (ruleId) {
        const before = d.prepare('SELECT * FROM roster_rules WHERE id = ?').get(ruleId);
        if (!before) throw new HallError('NOT_FOUND', '没有这条排班规则。');
        d.prepare(
          "UPDATE roster_rules SET name = ?, kind = ?, params = ?, shift_to_working_day = ?, session = ?, start_time = ?, end_time = ?, form = ?, room_id = ?, place = ?, valid_from = ?, valid_to = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
        ).run(...values, ruleId);
        d.prepare('DELETE FROM roster_rule_leaders WHERE rule_id = ?').run(ruleId);
        audit({ action: 'roster.updateRule', entity: 'roster_rule', entityId: ruleId, before, after: input });
      } else {
        ruleId = Number(
          d.prepare('INSERT INTO roster_rules (name, kind, params, shift_to_working_day, session, start_time, end_time, form, room_id, place, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values).lastInsertRowid,
        );
        audit({ action: 'roster.createRule', entity: 'roster_rule', entityId: ruleId, after: input });
      }
      const link = d.prepare('INSERT INTO roster_rule_leaders (rule_id, leader_id) VALUES (?, ?)');
      for (const l of new Set(input.leaderIds)) link.run(ruleId, l);
      return ruleId;
    });
    return { id };
  };

  const generate: Handler<'roster.generate'> = (input, call) =>
    store.write(actorOf(call.session), (d, audit) => {
      const r = generateSlots(d, officeCalendar(store), input.ruleId, input.from, input.to);
      audit({ action: 'roster.generate', entity: 'roster_rule', entityId: input.ruleId, detail: { from: input.from, to: input.to, created: r.created, kept: r.kept } });
      return r;
    });

  const slots: Handler<'roster.slots'> = (input) => listSlots(db(), input.from, input.to);

  const updateSlot: Handler<'roster.updateSlot'> = (input, call) => {
    store.write(actorOf(call.session), (d, audit) => {
      const before = d.prepare('SELECT * FROM duty_slots WHERE id = ?').get(input.slotId);
      if (!before) throw new HallError('NOT_FOUND', '没有这次值班。');
      d.prepare(
        "UPDATE duty_slots SET date = ?, start_time = ?, end_time = ?, session = CASE WHEN ? < '12:00' THEN 'morning' ELSE 'afternoon' END, form = ?, room_id = ?, place = ?, note = ?, cancelled = ?, edited = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
      ).run(input.date, input.startTime, input.endTime, input.startTime, input.form, input.roomId, input.place, input.note, input.cancelled ? 1 : 0, input.slotId);
      audit({ action: 'roster.updateSlot', entity: 'duty_slot', entityId: input.slotId, before, after: input });
    });
    return { ok: true as const };
  };

  const markAbsent: Handler<'roster.markAbsent'> = (input, call) => {
    store.write(actorOf(call.session), (d, audit) => {
      const onDuty = d.prepare('SELECT 1 FROM duty_slot_leaders WHERE slot_id = ? AND leader_id = ?').get(input.slotId, input.leaderId);
      if (!onDuty) throw new HallError('NOT_FOUND', '这位领导不在该次值班中。');
      if (d.prepare('SELECT 1 FROM absences WHERE slot_id = ? AND leader_id = ?').get(input.slotId, input.leaderId)) throw new HallError('CONFLICT', '已登记过请假。');
      const id = Number(
        d.prepare('INSERT INTO absences (slot_id, leader_id, reason, reported_at, created_by) VALUES (?, ?, ?, ?, ?)').run(input.slotId, input.leaderId, input.reason, new Date().toISOString(), call.session?.accountId ?? null)
          .lastInsertRowid,
      );
      audit({ action: 'roster.absence', entity: 'duty_slot', entityId: input.slotId, after: { absence: id, leaderId: input.leaderId } });
    });
    return { ok: true as const };
  };

  const substitute: Handler<'roster.substitute'> = (input, call) => {
    store.write(actorOf(call.session), (d, audit) => {
      const absence = d.prepare('SELECT id, substitute_leader_id FROM absences WHERE slot_id = ? AND leader_id = ?').get(input.slotId, input.absentLeaderId) as { id: number; substitute_leader_id: number | null } | undefined;
      if (!absence) throw new HallError('RULE_VIOLATION', '请先登记该领导请假，再安排替班。');
      if (absence.substitute_leader_id) throw new HallError('CONFLICT', '已安排过替班。');
      if (d.prepare('SELECT 1 FROM duty_slot_leaders WHERE slot_id = ? AND leader_id = ?').get(input.slotId, input.substituteLeaderId)) throw new HallError('CONFLICT', '替班领导已在该次值班中。');
      if (!d.prepare('SELECT 1 FROM leaders WHERE id = ? AND active = 1').get(input.substituteLeaderId)) throw new HallError('NOT_FOUND', '替班领导不存在或已停用。');
      d.prepare('UPDATE absences SET substitute_leader_id = ? WHERE id = ?').run(input.substituteLeaderId, absence.id);
      d.prepare('INSERT INTO duty_slot_leaders (slot_id, leader_id, substitute_for_id) VALUES (?, ?, ?)').run(input.slotId, input.substituteLeaderId, input.absentLeaderId);
      d.prepare("UPDATE duty_slots SET edited = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(input.slotId);
      audit({ action: 'roster.substitute', entity: 'duty_slot', entityId: input.slotId, after: { absent: input.absentLeaderId, substitute: input.substituteLeaderId } });
    });
    return { ok: true as const };
  };

  const check: Handler<'roster.check'> = (input) => {
    const s = store.settings();
    return rosterCheck(db(), officeCalendar(store), input.month, { monthlyReceptions: s.monthlyReceptions, quarterlyOutsideVisits: s.quarterlyOutsideVisits });
  };

  return {
    'roster.rules': rules,
    'roster.saveRule': saveRule,
    'roster.generate': generate,
    'roster.slots': slots,
    'roster.updateSlot': updateSlot,
    'roster.markAbsent': markAbsent,
    'roster.substitute': substitute,
    'roster.check': check,
  };
}
