// An AWS environment of the test's own: no credentials, profile or token from the machine, the shared config and
// credentials files in a temporary home, no instance metadata. Each test then sets up only what it tests, and
// nothing the SDK reads can send a call anywhere but where the test points it. Undo with vi.unstubAllEnvs().
import * as path from 'node:path';
import { vi } from 'vitest';

export function isolateAwsEnvironment(home: string): void {
  for (const key of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ]) {
    vi.stubEnv(key, undefined);
  }
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}
