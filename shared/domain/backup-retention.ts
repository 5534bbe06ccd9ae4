import { addDaysIso, chinaDay, weekdayOf } from './calendar';

/** How many automatic backups of each tier are kept, and the bytes all backups may take. */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** All backups together (manual and kept-aside ones count too); automatic ones go first when over. */
  budgetBytes: number;
}

export interface RetainedBackup {
  name: string;
  /** ISO instant (UTC); the tiers count China days. */
  createdAt: string;
  size: number;
  /** `manual` and `replaced` are the user's: never removed here, but they count against the budget. */
  reason: string;
}

const isUsers = (b: RetainedBackup) => b.reason === 'manual' || b.reason === 'replaced';

/** The Monday (China day) of the week a China day falls in. */
function mondayOf(day: string): string {
  return addDaysIso(day, -((weekdayOf(day) + 6) % 7));
}

/**
 * The automatic backups to keep: the newest of each of the last `daily` China days that have
 * one, of the last `weekly` weeks (Monday to Sunday) and of the last `monthly` months (the
 * grandfather-father-son scheme), and then, while all backups together exceed the budget, the
 * oldest kept only for a day go first, then those kept for a week, then for a month. The newest
 * backup is always kept: a budget smaller than one copy leaves one copy, not none.
 */
export function backupsToKeep(backups: readonly RetainedBackup[], policy: RetentionPolicy): Set<string> {
  const automatic = backups.filter((b) => !isUsers(b)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const tier = new Map<string, number>(); // name → 0 daily, 1 weekly, 2 monthly (the longest that keeps it)
  const pick = (key: (day: string) => string, count: number, level: number) => {
    const seen = new Set<string>();
    for (const b of automatic) {
      const k = key(chinaDay(b.createdAt));
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      tier.set(b.name, Math.max(tier.get(b.name) ?? 0, level));
    }
  };
  pick((day) => day, policy.daily, 0);
  pick(mondayOf, policy.weekly, 1);
  pick((day) => day.slice(0, 7), policy.monthly, 2);
  const newest = automatic[0]?.name;
  if (newest) tier.set(newest, Math.max(tier.get(newest) ?? 0, 3));

  let total = backups.filter(isUsers).reduce((sum, b) => sum + b.size, 0);
  for (const b of automatic) if (tier.has(b.name)) total += b.size;
  // Over budget: drop the least valuable first (lowest tier), oldest first within a tier.
  const dropOrder = automatic
    .filter((b) => tier.has(b.name) && b.name !== newest)
    .sort((a, b) => tier.get(a.name)! - tier.get(b.name)! || (a.createdAt < b.createdAt ? -1 : 1));
  for (const b of dropOrder) {
    if (total <= policy.budgetBytes) break;
    tier.delete(b.name);
    total -= b.size;
  }
  return new Set([...backups.filter(isUsers).map((b) => b.name), ...tier.keys()]);
}
