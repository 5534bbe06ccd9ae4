import { describe, expect, it, vi } from 'vitest';
import { HallError } from '../../shared/contract';
import {
  createRouter,
  FOREIGN_KEY_TEXT,
  MALFORMED_TEXT,
  malformedStrings,
  type Handlers,
} from '../../electron/core/infra/router';
import { SessionStore } from '../../electron/core/infra/sessions';
import type { Logger, LogFields } from '../../electron/core/infra/log';

const goodInfo = {
  appName: '信访接待大厅',
  version: '1.0.0',
  host: 'cli' as const,
  runtime: 'Node',
  dataDir: '/tmp/x',
  database: { state: 'open' as const, file: '/tmp/x/hall.db', cipher: 'sqlcipher', schemaVersion: 1 },
  office: null,
  now: new Date(0).toISOString(),
  testClock: null,
};

/** A router over a system.info handler that may break the contract (what some tests check). */
function setup(impl: (...args: Parameters<Handlers['system.info']>) => unknown, clock = { t: 0 }) {
  const lines: { message: string; fields?: LogFields }[] = [];
  const log: Logger = {
    info: (message, fields) => lines.push({ message, fields }),
    warn: (message, fields) => lines.push({ message, fields }),
    error: (message, fields) => lines.push({ message, fields }),
  };
  const sessions = new SessionStore(() => clock.t, 1000);
  const spy = vi.fn(impl);
  const listSpy = vi.fn(() => []);
  // Only the methods these tests call; the router looks handlers up by name.
  const router = createRouter({ 'system.info': spy, 'accounts.list': listSpy } as unknown as Handlers, sessions, log);
  return { router, sessions, spy, listSpy, lines };
}

const ctx = { host: 'cli' as const, clientId: 'c1' };

describe('the router', () => {
  it('returns the value of a service that keeps the contract', async () => {
    const { router } = setup(() => goodInfo);
    expect(await router.call('system.info', {}, ctx)).toEqual({ ok: true, value: goodInfo });
  });

  it('never lets bad input reach the service, and names the field in Chinese', async () => {
    const { router, spy } = setup(() => goodInfo);
    const result = await router.call('system.info', { surprise: true }, ctx);
    expect(spy).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('BAD_INPUT');
      expect(result.error.fields?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a method that is not in the contract', async () => {
    const { router } = setup(() => goodInfo);
    expect(await router.call('system.format', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await router.call('__proto__', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('passes a HallError through with its code and message', async () => {
    const { router } = setup(() => {
      throw new HallError('NOT_FOUND', '没有这个案件。');
    });
    expect(await router.call('system.info', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有这个案件。' },
    });
  });

  it('hides the text of an unexpected error from the caller and from the log', async () => {
    const { router, lines } = setup(() => {
      throw new Error('constraint failed: 张三 110101199003077777');
    });
    const result = await router.call('system.info', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('张三');
    expect(JSON.stringify(lines)).not.toContain('张三');
    expect(JSON.stringify(lines)).not.toContain('110101');
  });

  it('refuses a guarded method without a session, with a locked session, or with the wrong role', async () => {
    const clock = { t: 0 };
    const { router, sessions, listSpy } = setup(() => goodInfo, clock);
    expect(await router.call('accounts.list', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    sessions.open('c1', { accountId: 2, username: 'op', displayName: '甲', role: 'operator' });
    expect(await router.call('accounts.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    sessions.open('c1', { accountId: 1, username: 'boss', displayName: '乙', role: 'admin' });
    expect(await router.call('accounts.list', {}, ctx)).toMatchObject({ ok: true, value: [] });
    clock.t = 5000;
    expect(await router.call('accounts.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(listSpy).toHaveBeenCalledTimes(1);
  });

  it('answers a foreign key that refused a write as BAD_INPUT, and logs the method to find the missed check by', async () => {
    // The last line of defence: handlers check the rows an input names (infra/references.ts).
    const { router, lines } = setup(() => {
      throw Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    });
    expect(await router.call('system.info', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: FOREIGN_KEY_TEXT },
    });
    expect(lines).toContainEqual({ message: 'foreign key refused', fields: { method: 'system.info' } });
  });

  it('reports a full disk as DISK_FULL, not as an internal error', async () => {
    const { router } = setup(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    expect(await router.call('system.info', {}, ctx)).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
  });

  it('treats a service that breaks its output schema as an internal error', async () => {
    const { router } = setup(() => ({ ...goodInfo, version: 3 }));
    expect(await router.call('system.info', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('sessions', () => {
  it('locks a session after the idle time and keeps who it was', () => {
    const clock = { t: 0 };
    const sessions = new SessionStore(() => clock.t, 1000);
    sessions.open('w1', { accountId: 1, username: 'op', displayName: '接待员甲', role: 'operator' });
    clock.t = 900;
    expect(sessions.check('w1').kind).toBe('active');
    clock.t = 1800;
    expect(sessions.check('w1').kind).toBe('active');
    clock.t = 2801;
    expect(sessions.check('w1')).toMatchObject({ kind: 'locked', session: { username: 'op' } });
    sessions.unlock('w1');
    expect(sessions.check('w1').kind).toBe('active');
    expect(sessions.check('w2').kind).toBe('none');
  });

  it('refuses a lone surrogate anywhere in the input, at its field, before any handler runs', async () => {
    // SQLite stores a lone surrogate as U+FFFD: the hash of the audit entry would not match
    // the stored bytes, and `audit verify` would report a break that no one made.
    const { router, spy } = setup(() => goodInfo);
    for (const input of [{ name: 'x\ud800' }, { a: ['ok', { b: '\udc00y' }] }, { ['k\ud800']: 1 }]) {
      const result = await router.call('system.info', input, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('BAD_INPUT');
        expect(result.error.fields?.[0]?.message).toMatch(/无法识别的字符/);
      }
    }
    const nested = await router.call('system.info', { a: ['ok', { b: '\udc00y' }] }, ctx);
    expect(!nested.ok && nested.error.fields?.map((f) => f.path)).toEqual(['a.1.b']);
    expect(spy).not.toHaveBeenCalled();
    // A well-formed pair (an Ext B character, 𠀀) is text like any other.
    expect(malformedStrings({ name: '张𠀀', list: ['𪚥', '\ud842\udfb7'] })).toEqual([]);
    expect(malformedStrings(['\udfb7\ud842'])).toEqual(['0']);
  });

  it('refuses a NUL like a lone surrogate: SQLite reads text only up to it', async () => {
    // Was: a NUL in the ledger's search text cut the FTS5 phrase short, and the query failed as INTERNAL.
    const { router, spy } = setup(() => goodInfo);
    expect(await router.call('system.info', { text: 'a\u0000b' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'text', message: MALFORMED_TEXT }] },
    });
    expect(malformedStrings({ list: ['ok', 'x\u0000'], ['k\u0000']: 1 })).toEqual(['list.1', 'k\u0000']);
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers input nested deeper than the call stack with BAD_INPUT, not a thrown RangeError', async () => {
    // Was: the walk for lone surrogates recursed, overflowed the stack at about 2,000 levels and
    // the router's promise rejected instead of answering.
    const { router, spy } = setup(() => goodInfo);
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const result = await router.call('system.info', deep, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!result.ok && result.error.fields?.[0]?.path).toBe(Array(100_000).fill('a').join('.'));
    expect(spy).not.toHaveBeenCalled();
  });
});
