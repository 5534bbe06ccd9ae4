import { describe, expect, it } from 'vitest';
import { backupsToKeep, type RetainedBackup } from '../../shared/domain/backup-retention';
import { chinaInstant } from '../../shared/domain/calendar';

const GiB = 2 ** 30;
const POLICY = { daily: 7, weekly: 4, monthly: 12, budgetBytes: 1000 * GiB };

/** One automatic backup at a China wall-clock time, named for it. */
function at(local: string, reason = 'daily', size = GiB): RetainedBackup {
  return { name: `${local}-${reason}`, createdAt: chinaInstant(local)!, size, reason };
}

/** A backup at 09:00 China time on each day from `first` for `days` days. */
function everyDay(first: string, days: number, size = GiB): RetainedBackup[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    at(`${new Date(start + i * 86_400_000).toISOString().slice(0, 10)}T09:00`, 'daily', size),
  );
}

const kept = (backups: RetainedBackup[], policy = POLICY) =>
  [...backupsToKeep(backups, policy)].map((n) => n.slice(0, 10)).sort();

describe('backup retention (7 daily, 4 weekly, 12 monthly, within a budget)', () => {
  it('keeps the last seven days, one a week for four weeks and one a month for twelve months', () => {
    // 1 Jan to 16 Nov 2026: the 16th of November is a Monday.
    const all = everyDay('2026-01-01', 320);
    expect(all.at(-1)!.name.slice(0, 10)).toBe('2026-11-16');
    expect(kept(all)).toEqual([
      // monthly: the newest of each month (month ends), Jan–Oct …
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      // … weekly: the Sundays closing the weeks of 26 Oct and 2 Nov (the weeks of 9 and 16 Nov
      // are kept by the daily tier) …
      '2026-11-01',
      '2026-11-08',
      // … and daily: 10–16 November.
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
    ]);
  });

  it('counts China days: 00:30 on the 16th is the 16th, though UTC is still on the 15th', () => {
    const backups = [at('2026-11-15T09:00'), at('2026-11-15T23:50', 'exit'), at('2026-11-16T00:30')];
    expect(backups[2]!.createdAt).toBe('2026-11-15T16:30:00.000Z');
    // Two China days: the newest of the 15th (23:50) and the 16th; 09:00 on the 15th goes.
    expect([...backupsToKeep(backups, { ...POLICY, daily: 2, weekly: 0, monthly: 0 })].sort()).toEqual([
      '2026-11-15T23:50-exit',
      '2026-11-16T00:30-daily',
    ]);
    // One day kept: the 16th's (00:30 China time) alone.
    expect([...backupsToKeep(backups, { ...POLICY, daily: 1, weekly: 0, monthly: 0 })]).toEqual([
      '2026-11-16T00:30-daily',
    ]);
  });

  it('a month ends at midnight China time: 23:59 on 31 October stays October’s, 00:10 on 1 November is November’s', () => {
    const backups = [at('2026-10-30T10:00'), at('2026-10-31T23:59'), at('2026-11-01T00:10')];
    expect([...backupsToKeep(backups, { ...POLICY, daily: 0, weekly: 0, monthly: 2 })].sort()).toEqual([
      '2026-10-31T23:59-daily',
      '2026-11-01T00:10-daily',
    ]);
  });

  it('never removes manual or kept-aside backups, but counts them against the budget', () => {
    const backups = [
      ...everyDay('2026-11-01', 16),
      at('2026-10-01T10:00', 'manual'),
      at('2026-09-01T10:00', 'replaced'),
    ];
    const keep = backupsToKeep(backups, { ...POLICY, budgetBytes: 4 * GiB });
    expect(keep.has('2026-10-01T10:00-manual')).toBe(true);
    expect(keep.has('2026-09-01T10:00-replaced')).toBe(true);
    // 4 GiB: the two of the user's and two automatic ones.
    expect(keep.size).toBe(4);
  });

  it('over budget drops daily-only copies oldest first, then weekly, then monthly, and keeps the newest always', () => {
    const all = everyDay('2026-09-01', 77); // to 16 November
    const unbounded = backupsToKeep(all, POLICY);
    expect(unbounded.size).toBe(11);
    const nine = kept(all, { ...POLICY, budgetBytes: 9 * GiB });
    // The two oldest daily-only ones (10 and 11 November) went first; weeks and months stay.
    expect(nine).toEqual([
      '2026-09-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-08',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
      '2026-11-16',
    ]);
    const two = kept(all, { ...POLICY, budgetBytes: 2 * GiB });
    expect(two).toEqual(['2026-10-31', '2026-11-16']);
    // A budget below one copy still keeps the newest.
    expect(kept(all, { ...POLICY, budgetBytes: 0 })).toEqual(['2026-11-16']);
  });

  it('keeps nothing extra for an empty list or a zero policy but the newest', () => {
    expect(backupsToKeep([], POLICY).size).toBe(0);
    expect(kept(everyDay('2026-11-01', 5), { daily: 0, weekly: 0, monthly: 0, budgetBytes: 100 * GiB })).toEqual([
      '2026-11-05',
    ]);
  });
});
