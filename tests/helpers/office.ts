// Kept apart from core.ts, which child processes (the crash test's writer) import outside vitest.
import { afterEach, beforeEach } from 'vitest';
import type { Core, CoreOptions } from '../../electron/core';
import { ADMIN, must, testCore } from './core';
import { tempDir } from './tmp';

/**
 * A fresh office per test: a temporary data folder, a core on it and the first administrator
 * logged in as connection 'admin'. Call at the top of a describe; read `office.core` in tests.
 */
export function freshOffice(options: Partial<CoreOptions> = {}): { readonly core: Core } {
  let current: Core | null = null;
  let tmp: ReturnType<typeof tempDir> | null = null;
  beforeEach(async () => {
    tmp = tempDir();
    current = testCore(tmp.dir, options);
    await must(current, 'admin')('setup.init', ADMIN);
  });
  afterEach(() => {
    current?.close();
    tmp?.cleanup();
    current = null;
  });
  return {
    get core(): Core {
      if (!current) throw new Error('freshOffice: the office exists only inside a test');
      return current;
    },
  };
}
