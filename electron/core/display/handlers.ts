import { chinaDay } from '../../../shared/domain/calendar';
import { weekNoticeOf } from '../documents/loaders';
import { queueOf } from '../visits/queue';
import type { AreaHandlers } from '../infra/router';
import type { Store } from '../infra/store';

export interface DisplayDeps {
  store: Store;
  now: () => Date;
  /** The test clock's instant (HALL_NOW), or null. */
  testClock: string | null;
}

/**
 * The hall display shows what the notice shows: public by rule (the schedule is published),
 * so it needs no login; it carries no petitioner's data. When the store is locked (nobody has
 * logged in yet today) there is nothing to show.
 */
export function displayHandlers(deps: DisplayDeps): AreaHandlers<'display'> {
  return {
    'display.notice': () => notice(deps),
    'display.queue': () => queue(deps),
  };
}

function notice({ store, now, testClock }: DisplayDeps) {
  const today = chinaDay(now());
  if (!store.isOpen()) return { office: null, period: '', today, testClock, slots: [] };
  const n = weekNoticeOf(store.database, today, today);
  return { office: store.officeName(), period: n.period, today, testClock, slots: n.slots };
}

function queue({ store, now }: DisplayDeps) {
  if (!store.isOpen()) return { calling: [], waiting: [] };
  const today = chinaDay(now());
  const tickets = queueOf(store.database, today);
  return {
    calling: tickets
      .filter((t) => t.status === 'called')
      .map((t) => ({ code: t.code, room: t.room, leader: t.leader })),
    // Surname only (masked name's first character group), never a full name on the wall.
    waiting: tickets
      .filter((t) => t.status === 'waiting')
      .slice(0, 12)
      .map((t) => ({ code: t.code, surname: t.name.replace(/\*+$/, '') + '*', leader: t.leader })),
  };
}
