import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The native driver and child processes are safer in forks than in worker threads.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
