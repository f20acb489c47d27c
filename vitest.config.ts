import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    // Each file runs in its own fork: the engine allocates large typed arrays and two cores is all we have.
    pool: 'forks',
  },
});
