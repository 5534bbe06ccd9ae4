import { isIsoDate, unknownYearsWarning, WorkCalendar } from '../../shared/domain/calendar';
import { officeCalendar } from '../core/calendar/handlers';
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
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > 3650) throw new CliError(EXIT.usage, '--days 应为 0 到 3650 的整数。');
  return n;
}

/**
 * The calendar with the administrator's overrides when credentials are given (they live in the
 * encrypted database), otherwise the official data alone.
 */
async function calendar(io: CliIo, values: { user?: string | undefined; 'password-file'?: string | undefined }): Promise<WorkCalendar> {
  if (!values.user && !io.env.HALL_USER) return new WorkCalendar();
  return using(await loggedIn(io, values), (session) => officeCalendar(session.core.store));
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary: '工作日计算（法定节假日与调休，含管理员录入的调整）',
  usage: 'calendar add-working-days|add-days|is-working-day …',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(rest, { ...CREDENTIAL_OPTIONS, from: { type: 'string' }, days: { type: 'string' }, 'roll-forward': { type: 'boolean' } }, true);
    const warn = (years: number[]) => {
      const w = unknownYearsWarning(years);
      if (w) io.err(`${w}\n`);
    };
    switch (sub) {
      case 'add-working-days': {
        const r = (await calendar(io, values)).addWorkingDays(date(values.from, '--from '), days(values.days));
        io.out(`${r.date}\n`);
        warn(r.unknownYears);
        return EXIT.ok;
      }
      case 'add-days': {
        const r = (await calendar(io, values)).addCalendarDays(date(values.from, '--from '), days(values.days), values['roll-forward'] ?? false);
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
