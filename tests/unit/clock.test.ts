import { describe, expect, it } from 'vitest';
import { desktopTestClock, startHallApp } from '../../electron/main/app';
import { createFakeElectron } from '../helpers/fake-electron';
import { makeClock, testClockFromEnv } from '../../electron/core/infra/clock';
import { ADMIN, must, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('the test clock (HALL_NOW)', () => {
  it('is off when HALL_NOW is unset', () => {
    expect(testClockFromEnv({})).toBeNull();
    expect(testClockFromEnv({ HALL_NOW: '  ', HALL_NOW_RUNNING: '0' })).toBeNull();
  });

  it('reads an instant with its offset, as UTC', () => {
    expect(testClockFromEnv({ HALL_NOW: '2026-10-09T09:00+08:00' })).toEqual({
      instant: '2026-10-09T01:00:00.000Z',
      running: false,
    });
    // 00:30 in Beijing is still the 8th in UTC: the instant, not the wall time, is kept.
    expect(testClockFromEnv({ HALL_NOW: '2026-10-09T00:30:15+08:00' })?.instant).toBe('2026-10-08T16:30:15.000Z');
    expect(testClockFromEnv({ HALL_NOW: '2026-10-08T16:30:00.5Z' })?.instant).toBe('2026-10-08T16:30:00.500Z');
    expect(testClockFromEnv({ HALL_NOW: '2026-10-08T20:30-04:00' })?.instant).toBe('2026-10-09T00:30:00.000Z');
  });

  it('stands still unless HALL_NOW_RUNNING=1', () => {
    let real = 1_000_000;
    const frozen = makeClock(testClockFromEnv({ HALL_NOW: '2026-10-09T09:00+08:00' }), () => real);
    real += 3_600_000;
    expect(frozen().toISOString()).toBe('2026-10-09T01:00:00.000Z');
  });

  it('runs on from the instant by the real time elapsed when HALL_NOW_RUNNING=1', () => {
    let real = 1_000_000;
    const running = makeClock(
      testClockFromEnv({ HALL_NOW: '2026-10-09T09:00+08:00', HALL_NOW_RUNNING: '1' }),
      () => real,
    );
    expect(running().toISOString()).toBe('2026-10-09T01:00:00.000Z');
    real += 90_000;
    expect(running().toISOString()).toBe('2026-10-09T01:01:30.000Z');
  });

  it('refuses a bad value with an error naming the variable', () => {
    for (const bad of [
      '2026-10-09',
      '2026-10-09T09:00',
      '2026-02-30T09:00+08:00',
      '2026-10-09T24:00+08:00',
      'tomorrow',
    ])
      expect(() => testClockFromEnv({ HALL_NOW: bad }), bad).toThrow(/HALL_NOW must be an instant with an offset/);
    expect(() => testClockFromEnv({ HALL_NOW: '2026-10-09T09:00+08:00', HALL_NOW_RUNNING: 'yes' })).toThrow(
      /HALL_NOW_RUNNING/,
    );
    expect(() => testClockFromEnv({ HALL_NOW_RUNNING: '1' })).toThrow(/HALL_NOW is not/);
  });

  it('is refused by the installed desktop app and allowed in development', () => {
    const env = { HALL_NOW: '2026-10-09T09:00+08:00' };
    expect(() => desktopTestClock({ isPackaged: true }, env)).toThrow(/HALL_NOW is refused by the installed app/);
    expect(desktopTestClock({ isPackaged: true }, {})).toBeNull();
    expect(desktopTestClock({ isPackaged: false }, env)?.instant).toBe('2026-10-09T01:00:00.000Z');
  });

  it('makes the installed Electron host quit before it opens a window or the store', () => {
    const tmp = tempDir();
    const fake = createFakeElectron();
    fake.app.isPackaged = true;
    process.env.HALL_NOW = '2026-10-09T09:00+08:00';
    process.env.HALL_DATA_DIR = tmp.dir;
    try {
      expect(startHallApp(fake.module, tmp.dir)).toBeNull();
      expect(fake.calls.quit).toBe(1);
      expect(fake.windows).toHaveLength(0);
      expect(fake.ipcHandlers.size).toBe(0);
    } finally {
      delete process.env.HALL_NOW;
      delete process.env.HALL_DATA_DIR;
      tmp.cleanup();
    }
  });

  it('drives core, shows in system.info and is audited when the store opens', async () => {
    const tmp = tempDir();
    const testClock = testClockFromEnv({ HALL_NOW: '2026-10-09T00:30+08:00' });
    const core = testCore(tmp.dir, { testClock });
    try {
      const admin = must(core, 'admin');
      expect((await admin('system.info', {})).testClock).toBe('2026-10-08T16:30:00.000Z');
      await admin('setup.init', ADMIN);
      const info = await admin('system.info', {});
      expect(info.now).toBe('2026-10-08T16:30:00.000Z');
      const entries = (await admin('audit.list', { limit: 20 })).entries;
      const marks = entries.filter((e) => e.action === 'system.testClock');
      expect(marks).toHaveLength(1);
      expect(JSON.stringify(marks[0])).toContain('2026-10-08T16:30:00.000Z');
      // Every entry of the rehearsal carries the test clock's time, not the machine's.
      expect(entries.every((e) => e.at === '2026-10-08T16:30:00.000Z')).toBe(true);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });

  it('leaves system.info.testClock null and writes no mark on the real clock', async () => {
    const tmp = tempDir();
    const core = testCore(tmp.dir);
    try {
      const admin = must(core, 'admin');
      await admin('setup.init', ADMIN);
      expect((await admin('system.info', {})).testClock).toBeNull();
      const entries = (await admin('audit.list', { limit: 20 })).entries;
      expect(entries.some((e) => e.action === 'system.testClock')).toBe(false);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
