import { useEffect, useMemo, useState } from 'react';
import { chinaDay, chinaMinute, weekdayOf } from '../../../shared/domain/calendar';
import { browserMs, offsetFrom } from '../api/clock';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * The time on a public screen, from the back end's one clock (`now` of its last answer, HALL_NOW
 * on a test clock) carried forward by the browser's elapsed time: the wall shows the hall's
 * time, not the screen PC's. China time, with the date and the weekday.
 */
export function HallClock({ now, style }: { now: string | undefined; style?: React.CSSProperties }) {
  // Measured once per answer: how far the hall's clock is from the browser's.
  const offset = useMemo(() => (now ? offsetFrom(now) : null), [now]);
  const [tick, setTick] = useState(() => browserMs());
  useEffect(() => {
    const timer = setInterval(() => setTick(browserMs()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (offset === null) return null;
  const at = new Date(tick + offset);
  const day = chinaDay(at);
  return (
    <div style={style} data-testid="hall-clock">
      <span style={{ fontSize: '0.6em', marginRight: '0.6em' }}>
        {Number(day.slice(5, 7))}月{Number(day.slice(8))}日 星期{WEEK[weekdayOf(day)]}
      </span>
      <span style={{ fontWeight: 800, fontVariantNumeric: 'tabular-nums' }}>{chinaMinute(at).slice(11)}</span>
    </div>
  );
}
