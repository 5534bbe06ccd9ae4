import { asc, eq } from 'drizzle-orm';
import { HallError, type MethodParsedInput } from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import { orm } from '../infra/db/orm';
import { leaders, leaderScopes, participants, rooms, units, unitScopes } from '../infra/db/schema';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { requireRows } from '../infra/references';
import { listCategories, listLocalities, referenceLists, saveCategory, saveLocality } from './reference';

export interface PeopleDeps {
  store: Store;
}

/** Leaders, responsible units, rooms and regular participants: who receives and who is called. */
export function peopleHandlers(deps: PeopleDeps): AreaHandlers<'people'> {
  return {
    'leaders.list': () => listLeaders(deps),
    'leaders.save': (input, call) => saveLeader(deps, input, call),
    'units.list': () => listUnits(deps),
    'units.save': (input, call) => saveUnit(deps, input, call),
    'rooms.list': () => listRooms(deps),
    'rooms.save': (input, call) => saveRoom(deps, input, call),
    'participants.list': () => listParticipants(deps),
    'participants.save': (input, call) => saveParticipant(deps, input, call),
    'reference.lists': () => referenceLists(deps),
    'localities.list': () => listLocalities(deps),
    'localities.save': (input, call) => saveLocality(deps, input, call),
    'categories.list': () => listCategories(deps),
    'categories.save': (input, call) => saveCategory(deps, input, call),
  };
}

type ScopeTable = 'leader_scopes' | 'unit_scopes';
type ScopeOwner = 'leader_id' | 'unit_id';

/** The categories and localities a leader or a unit looks after. */
function scopes(db: Db, of: 'leader' | 'unit', id: number): { categoryIds: number[]; localityIds: number[] } {
  const rows =
    of === 'leader'
      ? orm(db)
          .select({ categoryId: leaderScopes.categoryId, localityId: leaderScopes.localityId })
          .from(leaderScopes)
          .where(eq(leaderScopes.leaderId, id))
          .all()
      : orm(db)
          .select({ categoryId: unitScopes.categoryId, localityId: unitScopes.localityId })
          .from(unitScopes)
          .where(eq(unitScopes.unitId, id))
          .all();
  return {
    categoryIds: rows.flatMap((r) => (r.categoryId ? [r.categoryId] : [])),
    localityIds: rows.flatMap((r) => (r.localityId ? [r.localityId] : [])),
  };
}

function setScopes(
  db: Db,
  table: ScopeTable,
  owner: ScopeOwner,
  id: number,
  categoryIds: number[],
  localityIds: number[],
): void {
  requireRows(db, [
    { path: 'categoryIds', table: 'categories', ids: categoryIds },
    { path: 'localityIds', table: 'localities', ids: localityIds },
  ]);
  db.prepare(`DELETE FROM ${table} WHERE ${owner} = ?`).run(id);
  const insert = db.prepare(`INSERT INTO ${table} (${owner}, category_id, locality_id) VALUES (?, ?, ?)`);
  for (const c of new Set(categoryIds)) insert.run(id, c, null);
  for (const l of new Set(localityIds)) insert.run(id, null, l);
}

function listLeaders({ store }: PeopleDeps) {
  const db = store.database;
  return orm(db)
    .select({
      id: leaders.id,
      name: leaders.name,
      post: leaders.post,
      portfolio: leaders.portfolio,
      rank: leaders.rank,
      phone: leaders.phone,
      isPrincipal: leaders.isPrincipal,
      active: leaders.active,
    })
    .from(leaders)
    .orderBy(asc(leaders.sort), asc(leaders.id))
    .all()
    .map((l) => ({ ...l, ...scopes(db, 'leader', l.id) }));
}

function saveLeader({ store }: PeopleDeps, input: MethodParsedInput<'leaders.save'>, call: ServiceCall) {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      const values = [
        input.name,
        input.post,
        input.portfolio,
        input.rank,
        input.phone,
        input.isPrincipal ? 1 : 0,
        input.active ? 1 : 0,
      ];
      let id = input.id;
      if (id) {
        const before = d.prepare('SELECT * FROM leaders WHERE id = ?').get(id);
        if (!before) throw new HallError('NOT_FOUND', '没有这位领导。');
        d.prepare(
          'UPDATE leaders SET name = ?, post = ?, portfolio = ?, rank = ?, phone = ?, is_principal = ?, active = ?, updated_at = hall_now() WHERE id = ?',
        ).run(...values, id);
        audit({ action: 'leader.update', entity: 'leader', entityId: id, before, after: input });
      } else {
        id = Number(
          d
            .prepare(
              'INSERT INTO leaders (name, post, portfolio, rank, phone, is_principal, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM leaders))',
            )
            .run(...values).lastInsertRowid,
        );
        audit({ action: 'leader.create', entity: 'leader', entityId: id, after: input });
      }
      setScopes(d, 'leader_scopes', 'leader_id', id, input.categoryIds, input.localityIds);
      return id;
    }),
  };
}

function listUnits({ store }: PeopleDeps) {
  const db = store.database;
  return orm(db)
    .select({ id: units.id, name: units.name, contact: units.contact, phone: units.phone, active: units.active })
    .from(units)
    .orderBy(asc(units.name))
    .all()
    .map((u) => ({ ...u, ...scopes(db, 'unit', u.id) }));
}

function saveUnit({ store }: PeopleDeps, input: MethodParsedInput<'units.save'>, call: ServiceCall) {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      const clash = d.prepare('SELECT id FROM units WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null);
      if (clash)
        throw new HallError('CONFLICT', `已有名为“${input.name}”的单位。`, [{ path: 'name', message: '单位名称重复' }]);
      let id = input.id;
      if (id) {
        const before = d.prepare('SELECT * FROM units WHERE id = ?').get(id);
        if (!before) throw new HallError('NOT_FOUND', '没有这个单位。');
        d.prepare(
          'UPDATE units SET name = ?, contact = ?, phone = ?, active = ?, updated_at = hall_now() WHERE id = ?',
        ).run(input.name, input.contact, input.phone, input.active ? 1 : 0, id);
        audit({ action: 'unit.update', entity: 'unit', entityId: id, before, after: input });
      } else {
        id = Number(
          d
            .prepare('INSERT INTO units (name, contact, phone, active) VALUES (?, ?, ?, ?)')
            .run(input.name, input.contact, input.phone, input.active ? 1 : 0).lastInsertRowid,
        );
        audit({ action: 'unit.create', entity: 'unit', entityId: id, after: input });
      }
      setScopes(d, 'unit_scopes', 'unit_id', id, input.categoryIds, input.localityIds);
      return id;
    }),
  };
}

function listRooms({ store }: PeopleDeps) {
  return orm(store.database)
    .select({
      id: rooms.id,
      name: rooms.name,
      location: rooms.location,
      queuePrefix: rooms.queuePrefix,
      active: rooms.active,
    })
    .from(rooms)
    .orderBy(asc(rooms.id))
    .all();
}

function saveRoom({ store }: PeopleDeps, input: MethodParsedInput<'rooms.save'>, call: ServiceCall) {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      if (d.prepare('SELECT 1 FROM rooms WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null))
        throw new HallError('CONFLICT', '接待室名称重复。', [{ path: 'name', message: '名称重复' }]);
      const values = [input.name, input.location, input.queuePrefix || null, input.active ? 1 : 0];
      if (input.id) {
        const before = d.prepare('SELECT * FROM rooms WHERE id = ?').get(input.id);
        if (!before) throw new HallError('NOT_FOUND', '没有这个接待室。');
        d.prepare('UPDATE rooms SET name = ?, location = ?, queue_prefix = ?, active = ? WHERE id = ?').run(
          ...values,
          input.id,
        );
        audit({ action: 'room.update', entity: 'room', entityId: input.id, before, after: input });
        return input.id;
      }
      const id = Number(
        d.prepare('INSERT INTO rooms (name, location, queue_prefix, active) VALUES (?, ?, ?, ?)').run(...values)
          .lastInsertRowid,
      );
      audit({ action: 'room.create', entity: 'room', entityId: id, after: input });
      return id;
    }),
  };
}

function listParticipants({ store }: PeopleDeps) {
  return orm(store.database)
    .select({
      id: participants.id,
      name: participants.name,
      kind: participants.kind,
      organisation: participants.organisation,
      phone: participants.phone,
      active: participants.active,
    })
    .from(participants)
    .orderBy(asc(participants.kind), asc(participants.name))
    .all();
}

function saveParticipant({ store }: PeopleDeps, input: MethodParsedInput<'participants.save'>, call: ServiceCall) {
  return {
    id: store.write(actorOf(call.session), (d, audit) => {
      const values = [input.name, input.kind, input.organisation, input.phone, input.active ? 1 : 0];
      if (input.id) {
        const before = d.prepare('SELECT * FROM participants WHERE id = ?').get(input.id);
        if (!before) throw new HallError('NOT_FOUND', '没有这位参加人。');
        d.prepare(
          'UPDATE participants SET name = ?, kind = ?, organisation = ?, phone = ?, active = ? WHERE id = ?',
        ).run(...values, input.id);
        audit({ action: 'participant.update', entity: 'participant', entityId: input.id, before, after: input });
        return input.id;
      }
      const id = Number(
        d
          .prepare('INSERT INTO participants (name, kind, organisation, phone, active) VALUES (?, ?, ?, ?, ?)')
          .run(...values).lastInsertRowid,
      );
      audit({ action: 'participant.create', entity: 'participant', entityId: id, after: input });
      return id;
    }),
  };
}
