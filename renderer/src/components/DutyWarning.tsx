import { Alert } from 'antd';
import type { MethodOutput } from '../../../shared/contract';
import { weekdayOf } from '../../../shared/domain/calendar';
import { useCall } from '../api/useCall';

type Slot = MethodOutput<'roster.slots'>[number];

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * What the roster and the office calendar say against a booking on `date` with `leaderId`, or
 * null: nobody receives that day (a weekend, a holiday, a day without roster), or the chosen
 * leader is not among those who do. Absent leaders do not count; their substitutes do.
 */
export function dutyProblem(
  date: string,
  slots: readonly Slot[],
  restDay: boolean,
  leaderId: number | null | undefined,
): string | null {
  const onDuty = [
    ...new Map(slots.flatMap((s) => s.leaders.filter((l) => !l.absent).map((l) => [l.id, l.name] as const))).entries(),
  ];
  const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日（星期${WEEK[weekdayOf(date)]}）`;
  if (onDuty.length === 0)
    return `${day}${restDay ? '是休息日，' : ''}没有领导值班接访，请确认约访日期，或先在排班中安排领导。`;
  if (leaderId && !onDuty.some(([id]) => id === leaderId))
    return `所选领导${day}不在值班表上；当天值班：${onDuty.map(([, name]) => name).join('、')}。`;
  return null;
}

/** The warning of dutyProblem under a date field: it warns, it does not refuse (a leader may receive off roster). */
export function DutyWarning({ date, leaderId }: { date: string; leaderId?: number | null }) {
  const slots = useCall('roster.slots', { from: date, to: date });
  // With no days added and rolling forward, a rest day rolls to the next working day.
  const day = useCall('calendar.compute', { from: date, days: 0, unit: 'calendar', rollForward: true });
  if (!slots.data || !day.data || slots.loading || day.loading) return null;
  const problem = dutyProblem(date, slots.data, day.data.rolled, leaderId);
  return problem ? (
    <Alert type="warning" showIcon title={problem} data-testid="duty-warning" style={{ marginBottom: 12 }} />
  ) : null;
}
