import { chinaInstant, isIsoDate } from '../../../shared/domain/calendar';

/**
 * The hall's one clock. Every "now" in core is the `now` that createCore builds here and hands
 * to each area; nothing else in core reads the system time (lint forbids it, eslint.config.mjs).
 * A host may set a test clock with HALL_NOW so people and tests can rehearse any day; the date
 * arithmetic on what the clock says lives in shared/domain/calendar.ts.
 */
export type Clock = () => Date;

/** A clock set by HALL_NOW: the instant it starts from, and whether it runs on from there. */
export interface TestClock {
  /** The set instant as UTC ISO text (e.g. 2026-10-09T01:00:00.000Z for 2026-10-09T09:00+08:00). */
  instant: string;
  running: boolean;
}

/** The environment variables the test clock reads. */
export interface ClockEnv {
  HALL_NOW?: string | undefined;
  HALL_NOW_RUNNING?: string | undefined;
}

// An instant must say its offset: "09:00" alone would mean a different moment on each machine.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The test clock HALL_NOW asks for, or null when it is unset. A value that is not an instant
 * with an offset throws an error naming the variable: a host must refuse to start rather than
 * run on the real clock while the operator believes it is rehearsing.
 */
export function testClockFromEnv(env: ClockEnv): TestClock | null {
  const raw = env.HALL_NOW?.trim();
  const runningRaw = env.HALL_NOW_RUNNING?.trim() ?? '';
  if (runningRaw !== '' && runningRaw !== '0' && runningRaw !== '1')
    throw new Error(`HALL_NOW_RUNNING must be 1 (run on from HALL_NOW) or 0 (stand still), not "${runningRaw}".`);
  if (!raw) {
    if (runningRaw === '1')
      throw new Error('HALL_NOW_RUNNING is set but HALL_NOW is not: set the instant to start from.');
    return null;
  }
  const instant = parseInstant(raw);
  if (!instant)
    throw new Error(
      `HALL_NOW must be an instant with an offset, e.g. 2026-10-09T09:00+08:00 (or ...Z); "${raw}" is not one.`,
    );
  return { instant, running: runningRaw === '1' };
}

function parseInstant(text: string): string | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, day, hh, mm, ss, ms, offset] = m;
  // The wall time is checked by the calendar (no 30 February, no 24:00), then moved by the offset.
  if (!isIsoDate(day!)) return null;
  const wall = chinaInstant(`${day}T${hh}:${mm}:${ss ?? '00'}`);
  if (!wall) return null;
  const offsetMinutes = offset === 'Z' ? 0 : offsetOf(offset!);
  if (offsetMinutes === null) return null;
  // chinaInstant read the wall time as UTC+8; re-read it at the given offset instead.
  const at = Date.parse(wall) + (8 * 60 - offsetMinutes) * 60_000 + Number((ms ?? '0').padEnd(3, '0'));
  return new Date(at).toISOString();
}

function offsetOf(offset: string): number | null {
  const sign = offset.startsWith('-') ? -1 : 1;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/**
 * The clock for core: the system time, or the test clock standing still at its instant, or
 * running on from it by the real time elapsed since the clock was made. `realMs` is the
 * system time in milliseconds; tests pass their own to prove the running clock runs.
 */
export function makeClock(test: TestClock | null, realMs: () => number = () => Date.now()): Clock {
  if (!test) return () => new Date(realMs());
  const start = Date.parse(test.instant);
  if (!test.running) return () => new Date(start);
  const startedAt = realMs();
  return () => new Date(start + (realMs() - startedAt));
}

/**
 * The machine's real time, for facts about the machine rather than dates of the hall: a log
 * line's timestamp, when a migration ran, when a key slot was made. A test clock must not
 * change these, or a rehearsal would leave false times in the files an administrator reads.
 */
export function machineTime(): string {
  return new Date().toISOString();
}
