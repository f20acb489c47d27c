import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    // Each file runs in its own fork: the engine allocates large typed arrays and two cores is all we have.
    pool: 'forks',
    // No test may reach a real credential service: the SDK's default chain would try the instance metadata
    // address (169.254.169.254) when a test forgets its fake credentials. With this it fails at once instead.
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
