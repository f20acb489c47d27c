// Every test runs with the instance metadata service off (vitest.config.ts), so a test that forgets its fake
// credentials fails at once instead of letting the SDK's default chain call 169.254.169.254.
import { expect, it } from 'vitest';

it('the AWS SDK may not reach the instance metadata address from any test', () => {
  expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
});
