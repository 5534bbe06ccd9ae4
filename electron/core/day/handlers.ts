import type { InferSelectModel } from 'drizzle-orm';
import type { MethodParsedInput } from '../../../shared/contract';
import { chinaDay, chinaMinute } from '../../../shared/domain/calendar';
import { maskName } from '../../../shared/domain/mask';
import { upcomingAppointments } from '../appointments/handlers';
import { actorOf } from '../infra/access';
import { reachableLeader, reachFilter, visitReachableSql } from '../infra/scope';
import { leaders as leadersTable } from '../infra/db/schema';
import { all } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { tableFile, type TableFile } from '../infra/table-file';

export interface DayDeps {
  store: Store;
  now: () => Date;
}

/** The end of the day at the counter: who was not received, and the lists as files. */
export function dayHandlers(deps: DayDeps): AreaHandlers<'day'> {
  return {
    'day.unreceived': (_input, call) => unreceivedRows(deps, reachableLeader(deps.store, call.session)),
    'day.export': (input, call) => exportDay(deps, input, call),
  };
}

interface UnreceivedRow {
  visitId: number;
  visitNo: string;
  code: string | null;
  leaderId: number | null;
  demand: string;
  name: string | null;
}

/** Visitors registered today and not yet received (names masked as on screen); for a leader, the visits they reach. */
function unreceivedRows({ store, now }: DayDeps, leader: number | null) {
  const reach = reachFilter(leader, visitReachableSql('v'));
  return all<UnreceivedRow>(
    store.database,
    `SELECT v.id AS visitId, v.visit_no AS visitNo, t.code, v.leader_id AS leaderId, v.demand,
           (SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = v.id ORDER BY vp.is_primary DESC LIMIT 1) AS name
         FROM visits v LEFT JOIN tickets t ON t.visit_id = v.id AND t.status IN ('waiting', 'called')
         WHERE v.date = ? AND v.status IN ('queued', 'registered') AND ${reach.sql} ORDER BY v.id`,
    chinaDay(now()),
    ...reach.params,
  ).map((r) => ({ ...r, name: maskName(r.name) }));
}

type LeaderNameRow = Pick<InferSelectModel<typeof leadersTable>, 'id' | 'name'>;

/** The two lists of the end of the day as a sheet (names masked as on screen, narrowed as on screen for a leader), audited. */
async function exportDay(deps: DayDeps, input: MethodParsedInput<'day.export'>, call: ServiceCall) {
  const { store, now } = deps;
  const today = chinaDay(now());
  const leader = reachableLeader(store, call.session);
  const leaders = new Map(
    all<LeaderNameRow>(store.database, 'SELECT id, name FROM leaders').map((l) => [l.id, l.name]),
  );
  const table: TableFile =
    input.list === 'unreceived'
      ? (() => {
          const rows = unreceivedRows(deps, leader);
          return {
            sheet: '今日未接待',
            title: `今日未接待（${today}）`,
            subtitle: `登记后未接待的来访人，共 ${rows.length} 人`,
            headers: ['序号', '登记编号', '排队号', '信访人', '接访领导', '诉求'],
            rows: rows.map((r, n) => [
              n + 1,
              r.visitNo,
              r.code ?? '',
              r.name,
              r.leaderId ? (leaders.get(r.leaderId) ?? '') : '',
              r.demand,
            ]),
            widths: [6, 16, 8, 10, 10, 50],
          };
        })()
      : (() => {
          const rows = upcomingAppointments(deps, leader);
          const tell = (a: (typeof rows)[number]) =>
            [a.tellLeader ? '领导' : '', a.tellPetitioner ? '信访人' : ''].filter(Boolean).join('、');
          return {
            sheet: '约访安排',
            title: `约访安排（${today} 起）`,
            subtitle: `已约未到的约访，共 ${rows.length} 次`,
            headers: ['序号', '约访时间', '接访领导', '信访人', '地点', '事由', '待通知'],
            rows: rows.map((a, n) => [n + 1, chinaMinute(a.at), a.leader, a.petitioner, a.place, a.purpose, tell(a)]),
            widths: [6, 18, 10, 10, 24, 40, 12],
          };
        })();
  const buffer = await tableFile(table, input.format);
  store.audit(actorOf(call.session), {
    action: 'day.export',
    entity: 'visit',
    detail: { list: input.list, format: input.format, rows: table.rows.length },
  });
  return {
    fileName: `${table.sheet}-${today}.${input.format}`,
    base64: buffer.toString('base64'),
    rows: table.rows.length,
  };
}
