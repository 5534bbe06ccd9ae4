import { HallError } from '../../../shared/contract';
import type { Db } from '../infra/db/connection';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

type ScopeTable = 'leader_scopes' | 'unit_scopes';
type ScopeOwner = 'leader_id' | 'unit_id';

function scopes(db: Db, table: ScopeTable, owner: ScopeOwner, id: number): { categoryIds: number[]; localityIds: number[] } {
  const rows = db.prepare(`SELECT category_id, locality_id FROM ${table} WHERE ${owner} = ?`).all(id) as { category_id: number | null; locality_id: number | null }[];
  return {
    categoryIds: rows.flatMap((r) => (r.category_id ? [r.category_id] : [])),
    localityIds: rows.flatMap((r) => (r.locality_id ? [r.locality_id] : [])),
  };
}

function setScopes(db: Db, table: ScopeTable, owner: ScopeOwner, id: number, categoryIds: number[], localityIds: number[]): void {
  const known = (t: string, list: number[]) =>
    list.length === 0 || (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE id IN (${list.map(() => '?').join(',')})`).get(...list) as { n: number }).n === new Set(list).size;
  if (!known('categories', categoryIds)) throw new HallError('NOT_FOUND', '所选问题类别不存在。', [{ path: 'categoryIds', message: '类别不存在' }]);
  if (!known('localities', localityIds)) throw new HallError('NOT_FOUND', '所选属地不存在。', [{ path: 'localityIds', message: '属地不存在' }]);
  db.prepare(`DELETE FROM ${table} WHERE ${owner} = ?`).run(id);
  const insert = db.prepare(`INSERT INTO ${table} (${owner}, category_id, locality_id) VALUES (?, ?, ?)`);
  for (const c of new Set(categoryIds)) insert.run(id, c, null);
  for (const l of new Set(localityIds)) insert.run(id, null, l);
}

/** Leaders, responsible units, rooms and regular participants: who receives and who is called. */
export function peopleHandlers({ store }: { store: Store }): AreaHandlers<'people'> {
  const db = () => store.database;

  const leaders: Handler<'leaders.list'> = () =>
    (
      db().prepare('SELECT id, name, post, portfolio, rank, phone, is_principal, active FROM leaders ORDER BY sort, id').all() as {
        id: number;
        name: string;
        post: string;
        portfolio: string;
        rank: string;
        phone: string | null;
        is_principal: number;
        active: number;
      }[]
    ).map((l) => ({ id: l.id, name: l.name, post: l.post, portfolio: l.portfolio, rank: l.rank, phone: l.phone, isPrincipal: l.is_principal === 1, active: l.active === 1, ...scopes(db(), 'leader_scopes', 'leader_id', l.id) }));

  const saveLeader: Handler<'leaders.save'> = (input, call) => ({
    id: store.write(actorOf(call.session), (d, audit) => {
      const values = [input.name, input.post, input.portfolio, input.rank, input.phone, input.isPrincipal ? 1 : 0, input.active ? 1 : 0];
      let id = input.id;
      if (id) {
        const before = d.prepare('SELECT * FROM leaders WHERE id = ?').get(id);
        if (!before) throw new HallError('NOT_FOUND', '没有这位领导。');
        d.prepare("UPDATE leaders SET name = ?, post = ?, portfolio = ?, rank = ?, phone = ?, is_principal = ?, active = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(...values, id);
        audit({ action: 'leader.update', entity: 'leader', entityId: id, before, after: input });
      } else {
        id = Number(d.prepare('INSERT INTO leaders (name, post, portfolio, rank, phone, is_principal, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM leaders))').run(...values).lastInsertRowid);
        audit({ action: 'leader.create', entity: 'leader', entityId: id, after: input });
      }
      setScopes(d, 'leader_scopes', 'leader_id', id, input.categoryIds, input.localityIds);
      return id;
    }),
  });

  const units: Handler<'units.list'> = () =>
    (db().prepare('SELECT id, name, contact, phone, active FROM units ORDER BY name').all() as { id: number; name: string; contact: string | null; phone: string | null; active: number }[]).map((u) => ({
      ...u,
      active: u.active === 1,
      ...scopes(db(), 'unit_scopes', 'unit_id', u.id),
    }));

  const saveUnit: Handler<'units.save'> = (input, call) => ({
    id: store.write(actorOf(call.session), (d, audit) => {
      const clash = d.prepare('SELECT id FROM units WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null);
      if (clash) throw new HallError('CONFLICT', `已有名为“${input.name}”的单位。`, [{ path: 'name', message: '单位名称重复' }]);
      let id = input.id;
      if (id) {
        const before = d.prepare('SELECT * FROM units WHERE id = ?').get(id);
        if (!before) throw new HallError('NOT_FOUND', '没有这个单位。');
        d.prepare("UPDATE units SET name = ?, contact = ?, phone = ?, active = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(input.name, input.contact, input.phone, input.active ? 1 : 0, id);
        audit({ action: 'unit.update', entity: 'unit', entityId: id, before, after: input });
      } else {
        id = Number(d.prepare('INSERT INTO units (name, contact, phone, active) VALUES (?, ?, ?, ?)').run(input.name, input.contact, input.phone, input.active ? 1 : 0).lastInsertRowid);
        audit({ action: 'unit.create', entity: 'unit', entityId: id, after: input });
      }
      setScopes(d, 'unit_scopes', 'unit_id', id, input.categoryIds, input.localityIds);
      return id;
    }),
  });

  const rooms: Handler<'rooms.list'> = () =>
    (db().prepare('SELECT id, name, location, queue_prefix, active FROM rooms ORDER BY id').all() as { id: number; name: string; location: string | null; queue_prefix: string | null; active: number }[]).map((r) => ({
      id: r.id,
      name: r.name,
      location: r.location,
      queuePrefix: r.queue_prefix,
      active: r.active === 1,
    }));

  const saveRoom: Handler<'rooms.save'> = (input, call) => ({
    id: store.write(actorOf(call.session), (d, audit) => {
      if (d.prepare('SELECT 1 FROM rooms WHERE name = ? AND id IS NOT ?').get(input.name, input.id ?? null)) throw new HallError('CONFLICT', '接待室名称重复。', [{ path: 'name', message: '名称重复' }]);
      const values = [input.name, input.location, input.queuePrefix || null, input.active ? 1 : 0];
      if (input.id) {
        const before = d.prepare('SELECT * FROM rooms WHERE id = ?').get(input.id);
        if (!before) throw new HallError('NOT_FOUND', '没有这个接待室。');
        d.prepare('UPDATE rooms SET name = ?, location = ?, queue_prefix = ?, active = ? WHERE id = ?').run(...values, input.id);
        audit({ action: 'room.update', entity: 'room', entityId: input.id, before, after: input });
        return input.id;
      }
      const id = Number(d.prepare('INSERT INTO rooms (name, location, queue_prefix, active) VALUES (?, ?, ?, ?)').run(...values).lastInsertRowid);
      audit({ action: 'room.create', entity: 'room', entityId: id, after: input });
      return id;
    }),
  });

  const participants: Handler<'participants.list'> = () =>
    (db().prepare('SELECT id, name, kind, organisation, phone, active FROM participants ORDER BY kind, name').all() as { id: number; name: string; kind: 'lawyer' | 'deputy' | 'cppcc' | 'other'; organisation: string | null; phone: string | null; active: number }[]).map((p) => ({
      ...p,
      active: p.active === 1,
    }));

  const saveParticipant: Handler<'participants.save'> = (input, call) => ({
    id: store.write(actorOf(call.session), (d, audit) => {
      const values = [input.name, input.kind, input.organisation, input.phone, input.active ? 1 : 0];
      if (input.id) {
        const before = d.prepare('SELECT * FROM participants WHERE id = ?').get(input.id);
        if (!before) throw new HallError('NOT_FOUND', '没有这位参加人。');
        d.prepare('UPDATE participants SET name = ?, kind = ?, organisation = ?, phone = ?, active = ? WHERE id = ?').run(...values, input.id);
        audit({ action: 'participant.update', entity: 'participant', entityId: input.id, before, after: input });
        return input.id;
      }
      const id = Number(d.prepare('INSERT INTO participants (name, kind, organisation, phone, active) VALUES (?, ?, ?, ?, ?)').run(...values).lastInsertRowid);
      audit({ action: 'participant.create', entity: 'participant', entityId: id, after: input });
      return id;
    }),
  });

  const reference: Handler<'reference.lists'> = () => ({
    categories: db().prepare('SELECT id, name FROM categories WHERE active = 1 ORDER BY sort, id').all() as { id: number; name: string }[],
    localities: (db().prepare('SELECT id, name, parent_id FROM localities WHERE active = 1 ORDER BY sort, id').all() as { id: number; name: string; parent_id: number | null }[]).map((l) => ({
      id: l.id,
      name: l.name,
      parentId: l.parent_id,
    })),
  });

  return {
    'leaders.list': leaders,
    'leaders.save': saveLeader,
    'units.list': units,
    'units.save': saveUnit,
    'rooms.list': rooms,
    'rooms.save': saveRoom,
    'participants.list': participants,
    'participants.save': saveParticipant,
    'reference.lists': reference,
  };
}
