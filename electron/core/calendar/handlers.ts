import { HallError } from '../../../shared/contract';
import { unknownYearsWarning, WorkCalendar, type CalendarOverride } from '../../../shared/domain/calendar';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

/** The calendar as the office sees it: official data plus the administrator's entries. */
export function officeCalendar(store: Store): WorkCalendar {
  return new WorkCalendar(store.database.prepare('SELECT date, kind, name FROM calendar_overrides ORDER BY date').all() as CalendarOverride[]);
}

export function calendarHandlers({ store }: { store: Store }): AreaHandlers<'calendar'> {
  const overrides: Handler<'calendar.overrides'> = (input) => {
    const rows = (
      input.year
        ? store.database.prepare("SELECT date, kind, name FROM calendar_overrides WHERE date LIKE ? ORDER BY date").all(`${input.year}-%`)
        : store.database.prepare('SELECT date, kind, name FROM calendar_overrides ORDER BY date').all()
    ) as CalendarOverride[];
    return { overrides: rows, lastOfficialYear: new WorkCalendar().lastOfficialYear() };
  };

  const setOverride: Handler<'calendar.setOverride'> = (input, call) => {
    store.write(actorOf(call.session), (db, audit) => {
      const before = db.prepare('SELECT date, kind, name FROM calendar_overrides WHERE date = ?').get(input.date);
      db.prepare('INSERT INTO calendar_overrides (date, kind, name) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name').run(input.date, input.kind, input.name);
      audit({ action: 'calendar.setOverride', entity: 'calendar', entityId: input.date, before, after: input });
    });
    return { ok: true as const };
  };

  const removeOverride: Handler<'calendar.removeOverride'> = (input, call) => {
    store.write(actorOf(call.session), (db, audit) => {
      const before = db.prepare('SELECT date, kind, name FROM calendar_overrides WHERE date = ?').get(input.date);
      if (!before) throw new HallError('NOT_FOUND', '这一天没有调整记录。');
      db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(input.date);
      audit({ action: 'calendar.removeOverride', entity: 'calendar', entityId: input.date, before });
    });
    return { ok: true as const };
  };

  const compute: Handler<'calendar.compute'> = (input) => {
    const cal = officeCalendar(store);
    const r = input.unit === 'working' ? { ...cal.addWorkingDays(input.from, input.days), rolled: false } : cal.addCalendarDays(input.from, input.days, input.rollForward);
    return { date: r.date, rolled: r.rolled, unknownYears: r.unknownYears, warning: unknownYearsWarning(r.unknownYears) };
  };

  return { 'calendar.overrides': overrides, 'calendar.setOverride': setOverride, 'calendar.removeOverride': removeOverride, 'calendar.compute': compute };
}
