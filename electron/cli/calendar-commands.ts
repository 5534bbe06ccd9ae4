import { isIsoDate, unknownYearsWarning, WorkCalendar } from '../../shared/domain/calendar';
import { CliError, EXIT, type CliIo, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, using } from './context';

const USAGE = [
  'calendar add-working-days --from YYYY-MM-DD --days N',
  'calendar add-days --from YYYY-MM-DD --days N [--roll-forward]',
  'calendar is-working-day YYYY-MM-DD',
].join('\n       hall ');

function date(value: string | undefined, what: string): string {
  if (!value || !isIsoDate(value)) throw new CliError(EXIT.usage, `${what}应为 YYYY-MM-DD 格式的日期。`);
  return value;
}

function days(value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > 3650)
    throw new CliError(EXIT.usage, '--days 应为 0 到 3650 的整数。');
  return n;
}

type Credentials = { user?: string | undefined; 'password-file'?: string | undefined };

/** Credentials given: the administrator's overrides count (they live in the encrypted database). */
const withOffice = (io: CliIo, values: Credentials) => Boolean(values.user || io.env.HALL_USER);

/**
 * A deadline: through `calendar.compute` with the administrator's overrides when credentials are
 * given, otherwise from the official data alone.
 */
async function compute(
  io: CliIo,
  values: Credentials,
  from: string,
  days: number,
  unit: 'working' | 'calendar',
  rollForward: boolean,
): Promise<{ date: string; unknownYears: number[] }> {
  if (!withOffice(io, values)) {
    const cal = new WorkCalendar();
    return unit === 'working' ? cal.addWorkingDays(from, days) : cal.addCalendarDays(from, days, rollForward);
  }
  return using(await loggedIn(io, values), (session) =>
    session.call('calendar.compute', { from, days, unit, rollForward }),
  );
}

/** The calendar with the administrator's overrides (from `calendar.overrides`) when credentials are given. */
async function calendar(io: CliIo, values: Credentials): Promise<WorkCalendar> {
  if (!withOffice(io, values)) return new WorkCalendar();
  const { overrides } = await using(await loggedIn(io, values), (session) => session.call('calendar.overrides', {}));
  return new WorkCalendar(overrides);
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary: '工作日计算（法定节假日与调休，含管理员录入的调整）',
  usage: 'calendar add-working-days|add-days|is-working-day …',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(
      rest,
      {
        ...CREDENTIAL_OPTIONS,
        from: { type: 'string' },
        days: { type: 'string' },
        'roll-forward': { type: 'boolean' },
      },
      true,
    );
    const warn = (years: number[]) => {
      const w = unknownYearsWarning(years);
      if (w) io.err(`${w}\n`);
    };
    switch (sub) {
      case 'add-working-days': {
        const r = await compute(io, values, date(values.from, '--from '), days(values.days), 'working', false);
        io.out(`${r.date}\n`);
        warn(r.unknownYears);
        return EXIT.ok;
      }
      case 'add-days': {
        const r = await compute(
          io,
          values,
          date(values.from, '--from '),
          days(values.days),
          'calendar',
          values['roll-forward'] ?? false,
        );
        io.out(`${r.date}\n`);
        warn(r.unknownYears);
        return EXIT.ok;
      }
      case 'is-working-day': {
        const d = date(positionals[0], '日期');
        const cal = await calendar(io, values);
        io.out(`${cal.isWorkingDay(d)}\n`);
        warn(cal.hasYear(Number(d.slice(0, 4))) ? [] : [Number(d.slice(0, 4))]);
        return EXIT.ok;
      }
      default:
        throw new CliError(EXIT.usage, `用法：hall ${USAGE}`);
    }
  },
};
