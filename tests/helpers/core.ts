import { createCore, type Core, type CoreOptions } from '../../electron/core';
import { silentLogger } from '../../electron/core/log';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../shared/contract';

/** A cheap key-slot cost for tests; the format is the same, only scrypt's N is lower. */
export const TEST_KDF = { N: 2 ** 10, r: 8, p: 1 };

export function testCore(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, host: 'cli', runtime: 'test', log: silentLogger, kdf: TEST_KDF, ...options });
}

/** Calls a method as a given connection and returns the raw result. */
export function caller(core: Core, clientId = 'test') {
  return <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> =>
    core.router.call(method, input, { host: 'cli', clientId }) as Promise<Result<MethodOutput<M>>>;
}

/** Calls a method and returns its value, failing the test with the error otherwise. */
export function must(core: Core, clientId = 'test') {
  const call = caller(core, clientId);
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
}

export const ADMIN = { officeName: '某某县信访局', username: 'admin', displayName: '王管理', password: 'correct horse 1' };
