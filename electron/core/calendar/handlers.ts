import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { unknownYearsWarning, WorkCalendar, type CalendarOverride } from '../../../shared/domain/calendar';
import { all, one } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Db } from '../infra/db/connection';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

export interface CalendarDeps {
  store: Store;
}

/** The calendar as the office sees it: official data plus the administrator's entries. */
export function officeCalendar(store: Store): WorkCalendar {
  return calendarOf(store.database);
}

/** The same, from an open database (a loader that has no store). */
export function calendarOf(db: Db): WorkCalendar {
  // Read for every deadline: a cached statement.
  return new WorkCalendar(all<CalendarOverride>(db, 'SELECT date, kind, name FROM calendar_overrides ORDER BY date'));
}

export function calendarHandlers(deps: CalendarDeps): AreaHandlers<'calendar'> {
  return {
    'calendar.overrides': (input) => listOverrides(deps, input),
    'calendar.setOverride': (input, call) => setOverride(deps, input, call),
    'calendar.removeOverride': (input, call) => removeOverride(deps, input, call),
    'calendar.compute': (input) => compute(deps, input),
  };
}

function listOverrides({ store }: CalendarDeps, input: MethodParsedInput<'calendar.overrides'>) {
  const rows = input.year
    ? all<CalendarOverride>(
        store.database,
        'SELECT date, kind, name FROM calendar_overrides WHERE date LIKE ? ORDER BY date',
        `${input.year}-%`,
      )
    : all<CalendarOverride>(store.database, 'SELECT date, kind, name FROM calendar_overrides ORDER BY date');
  return { overrides: rows, lastOfficialYear: new WorkCalendar().lastOfficialYear() };
}

function setOverride({ store }: CalendarDeps, input: MethodParsedInput<'calendar.setOverride'>, call: ServiceCall) {
  store.write(actorOf(call.session), (db, audit) => {
    const before = one<CalendarOverride>(
      db,
      'SELECT date, kind, name FROM calendar_overrides WHERE date = ?',
      input.date,
    );
    db.prepare(
      'INSERT INTO calendar_overrides (date, kind, name) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name',
    ).run(input.date, input.kind, input.name);
    audit({ action: 'calendar.setOverride', entity: 'calendar', entityId: input.date, before, after: input });
  });
  return { ok: true as const };
}

function removeOverride(
  { store }: CalendarDeps,
  input: MethodParsedInput<'calendar.removeOverride'>,
  call: ServiceCall,
) {
  store.write(actorOf(call.session), (db, audit) => {
    const before = one<CalendarOverride>(
      db,
      'SELECT date, kind, name FROM calendar_overrides WHERE date = ?',
      input.date,
    );
    if (!before) throw new HallError('NOT_FOUND', '这一天没有调整记录。');
    db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(input.date);
    audit({ action: 'calendar.removeOverride', entity: 'calendar', entityId: input.date, before });
  });
  return { ok: true as const };
}

function compute({ store }: CalendarDeps, input: MethodParsedInput<'calendar.compute'>) {
  const cal = officeCalendar(store);
  const r =
    input.unit === 'working'
      ? { ...cal.addWorkingDays(input.from, input.days), rolled: false }
      : cal.addCalendarDays(input.from, input.days, input.rollForward);
  return { date: r.date, rolled: r.rolled, unknownYears: r.unknownYears, warning: unknownYearsWarning(r.unknownYears) };
}
