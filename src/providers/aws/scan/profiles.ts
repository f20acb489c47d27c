/**
 * Whether a named AWS profile exists, read as the SDK reads the shared files (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, ~/.aws): a --profile that is not there is the user's mistake to name, not a
 * credentials chain that "could not load credentials from any providers".
 */
import { parseKnownFiles } from '@smithy/core/config';

/** The profiles there are, when `profile` is not one of them; undefined when it is. */
export async function missingProfile(profile: string): Promise<string[] | undefined> {
  const profiles = await parseKnownFiles({ ignoreCache: true });
  return profile in profiles ? undefined : Object.keys(profiles).sort();
}

/** What `lockout scan` and `lockout init` say of a --profile the shared files do not hold. */
export function missingProfileProblem(
  profile: string,
  profiles: readonly string[],
): { message: string; hint: string } {
  return {
    message:
      `--profile ${profile}: no such profile in the AWS config or credentials files` +
      (profiles.length > 0 ? ` (profiles there: ${profiles.join(', ')})` : ' (they hold none)'),
    hint: 'aws configure list-profiles shows them; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say where they are read',
  };
}
