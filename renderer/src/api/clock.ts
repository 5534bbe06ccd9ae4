import { useEffect, useState } from 'react';
import { useSession } from './session';

/**
 * The renderer's one reading of the browser clock (lint exempts this file only). Times come
 * from the back end's clock (system.info.now), so a test clock (HALL_NOW) counts on screen too;
 * the browser clock only measures how much time has passed since that reading.
 */
export function browserMs(): number {
  return Date.now();
}

/** The difference between the back end's clock and the browser's, measured at one reading. */
export function offsetFrom(serverNow: string): number {
  return Date.parse(serverNow) - browserMs();
}

/**
 * The hall's time in milliseconds, re-read every `intervalMs`: the back end's clock at the first
 * reading carried forward by the browser's elapsed time (so a countdown ticks even when a test
 * clock stands still).
 */
export function useHallNow(intervalMs = 1000): number {
  const { clockOffset } = useSession();
  const [now, setNow] = useState(() => browserMs() + clockOffset);
  useEffect(() => {
    const timer = setInterval(() => setNow(browserMs() + clockOffset), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, clockOffset]);
  return now;
}
