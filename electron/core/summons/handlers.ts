import { chinaDay } from '../../../shared/domain/calendar';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { all, one, value } from '../infra/db/sql';
import { joinArrivedUnits } from '../cases/interviews';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { reachableLeader, reachFilter, summonsReachableSql } from '../infra/scope';
import { requireRows } from '../infra/references';

export interface SummonsDeps {
  store: Store;
  now: () => Date;
}

/** Units summoned to the hall for a visit must arrive within the set minutes (seed 002 §十一). */
export function summonsHandlers(deps: SummonsDeps): AreaHandlers<'summons'> {
  return {
    'summons.create': (input, call) => createSummons(deps, input, call),
    'summons.arrive': (input, call) => arrive(deps, input, call),
    'summons.today': (_input, call) => summonsToday(deps, reachableLeader(deps.store, call.session)),
  };
}

function createSummons({ store, now }: SummonsDeps, input: MethodParsedInput<'summons.create'>, call: ServiceCall) {
  const minutes = store.settings().unitArrivalMinutes;
  return {
    created: store.write(actorOf(call.session), (db, audit) => {
      if (!db.prepare('SELECT 1 FROM visits WHERE id = ?').get(input.visitId))
        throw new HallError('NOT_FOUND', '没有这次来访。');
      const at = now();
      const due = new Date(at.getTime() + minutes * 60_000);
      requireRows(db, [{ path: 'unitIds', table: 'units', ids: input.unitIds, active: true }]);
      const insert = db.prepare('INSERT INTO summons (visit_id, unit_id, summoned_at, due_at) VALUES (?, ?, ?, ?)');
      for (const unitId of new Set(input.unitIds))
        insert.run(input.visitId, unitId, at.toISOString(), due.toISOString());
      audit({
        action: 'summons.create',
        entity: 'visit',
        entityId: input.visitId,
        detail: { units: input.unitIds.length, minutes },
      });
      return new Set(input.unitIds).size;
    }),
  };
}

interface SummonsDueRow {
  due_at: string;
  arrived_at: string | null;
}

function arrive({ store, now }: SummonsDeps, input: MethodParsedInput<'summons.arrive'>, call: ServiceCall) {
  return store.write(actorOf(call.session), (db, audit) => {
    const s = one<SummonsDueRow>(db, 'SELECT due_at, arrived_at FROM summons WHERE id = ?', input.summonsId);
    if (!s) throw new HallError('NOT_FOUND', '没有这条通知。');
    if (s.arrived_at) throw new HallError('CONFLICT', '已登记到场。');
    const at = now().toISOString();
    const late = at > s.due_at;
    db.prepare('UPDATE summons SET arrived_at = ?, late = ? WHERE id = ?').run(at, late ? 1 : 0, input.summonsId);
    // The unit is now present at the visit's interview, if one is open (cases/interviews.ts).
    const interviewId = value<number>(
      db,
      'SELECT i.id FROM interviews i JOIN summons s ON s.visit_id = i.visit_id WHERE s.id = ? AND i.ended_at IS NULL ORDER BY i.id DESC LIMIT 1',
      input.summonsId,
    );
    if (interviewId !== undefined) joinArrivedUnits(db, interviewId);
    audit({ action: 'summons.arrive', entity: 'summons', entityId: input.summonsId, detail: { late } });
    return { late };
  });
}

/** A summons of today as read: `late` is the stored 0/1. */
interface SummonsRow {
  id: number;
  visitId: number;
  unit: string;
  summonedAt: string;
  dueAt: string;
  arrivedAt: string | null;
  late: number;
}

/** Today's summons; for a leader, those of the visits they reach (infra/scope.ts). */
function summonsToday({ store, now }: SummonsDeps, leader: number | null) {
  const day = chinaDay(now());
  const reach = reachFilter(leader, summonsReachableSql('v'));
  return all<SummonsRow>(
    store.database,
    `SELECT s.id, s.visit_id AS visitId, u.name AS unit, s.summoned_at AS summonedAt, s.due_at AS dueAt, s.arrived_at AS arrivedAt, s.late
           FROM summons s JOIN units u ON u.id = s.unit_id JOIN visits v ON v.id = s.visit_id WHERE v.date = ? AND ${reach.sql} ORDER BY s.id`,
    day,
    ...reach.params,
  ).map((r) => ({ ...r, late: r.late === 1 }));
}
