/**
 * Whether there are AWS credentials to scan with, found the way `lockout scan` finds them (the SDK's default
 * chain: environment, ~/.aws/config and SSO, a --profile), with the providers' own calls bound and guarded as
 * the scan's are. The provider found is handed to the scan, so the credentials are resolved once.
 */

import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialProviderConfig, type CallStats } from '../providers/aws/scan/clients.js';
import { missingProfileProblem } from '../providers/aws/scan/profiles.js';
import { InitError } from './init.js';

export async function findCredentials(settings: {
  profile?: string | undefined;
  endpoint?: string | undefined;
  maxAttempts?: number | undefined;
}): Promise<{ provider: AwsCredentialIdentityProvider } | { missing: string }> {
  const stats: CallStats = { calls: 0, retries: 0, throttled: 0, byOperation: new Map() };
  const provider = fromNodeProviderChain({
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...credentialProviderConfig({ endpoint: settings.endpoint, maxAttempts: settings.maxAttempts, stats }),
  });
  try {
    await provider();
    return { provider };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    // A profile named on the command line that gives nothing is a mistake, not a reason to work offline; one
    // the shared files do not hold is named as such, as `lockout scan` names it.
    if (settings.profile) {
      const problem = await missingProfileProblem(settings.profile);
      if (problem !== undefined) throw new InitError(problem.message, problem.hint);
      throw new InitError(
        `--profile ${settings.profile}: no AWS credentials from it (${message})`,
        'check the profile name in ~/.aws/config (aws configure list-profiles), or run lockout init --offline',
      );
    }
    return { missing: `no AWS credentials found (${message})` };
  }
}
