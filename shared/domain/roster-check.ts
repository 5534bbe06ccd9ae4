import { daysInMonth } from './calendar';
import type { ReceptionForm } from './duty';

/**
 * Coverage and duty checks over a month of duty slots: pure, so the service, the CLI and the
 * tests share one definition of "covered" and "short of quota".
 */
export interface SlotPresence {
  date: string;
  form: ReceptionForm;
  /** Leaders who will actually sit: the rostered ones not reported absent, plus substitutes. */
  present: number[];
  /** Rostered leaders reported absent and not yet replaced. */
  unreplaced: number[];
}

export interface LeaderQuota {
  id: number;
  name: string;
  post: string;
}

export interface Shortfall {
  leaderId: number;
  name: string;
  post: string;
  monthReceptions: number;
  monthRequired: number;
  quarterOutside: number;
  quarterRequired: number;
}

export interface CoverageReport {
  month: string;
  /** Working days with nobody on duty (including days whose only leader is absent and unreplaced). */
  uncovered: string[];
  /** Slots whose absent leader still needs a substitute. */
  needsSubstitute: { date: string; leaderIds: number[] }[];
  shortfalls: Shortfall[];
}

/**
 * `slots` must hold the whole quarter up to the month's end; `workingDays` the month's working
 * days. A leader counts a reception day for each distinct date at the hall (not 下访), and an
 * outside visit for each 下访 date.
 */
export function checkCoverage(
  month: string,
  workingDays: string[],
  slots: SlotPresence[],
  leaders: LeaderQuota[],
  quota: { monthlyReceptions: number; quarterlyOutsideVisits: number },
): CoverageReport {
  const inMonth = slots.filter((s) => s.date.startsWith(month));
  const covered = new Set(inMonth.filter((s) => s.present.length > 0).map((s) => s.date));
  const uncovered = workingDays.filter((d) => !covered.has(d));
  const needsSubstitute = inMonth
    .filter((s) => s.unreplaced.length > 0)
    .map((s) => ({ date: s.date, leaderIds: s.unreplaced }));
  const shortfalls: Shortfall[] = [];
  for (const l of leaders) {
    const hallDays = new Set(
      inMonth.filter((s) => s.form !== 'outside' && s.present.includes(l.id)).map((s) => s.date),
    );
    const outside = new Set(slots.filter((s) => s.form === 'outside' && s.present.includes(l.id)).map((s) => s.date));
    const row = {
      leaderId: l.id,
      name: l.name,
      post: l.post,
      monthReceptions: hallDays.size,
      monthRequired: quota.monthlyReceptions,
      quarterOutside: outside.size,
      quarterRequired: quota.quarterlyOutsideVisits,
    };
    if (row.monthReceptions < row.monthRequired || row.quarterOutside < row.quarterRequired) shortfalls.push(row);
  }
  return { month, uncovered, needsSubstitute, shortfalls };
}

/** First day of the quarter holding `month` (YYYY-MM) and the month's last day. */
export function quarterSpan(month: string): { quarterStart: string; monthStart: string; monthEnd: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  const last = daysInMonth(y, m);
  return {
    quarterStart: `${y}-${String(q).padStart(2, '0')}-01`,
    monthStart: `${month}-01`,
    monthEnd: `${month}-${String(last).padStart(2, '0')}`,
  };
}
