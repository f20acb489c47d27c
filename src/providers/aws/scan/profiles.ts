/**
 * Whether a named AWS profile exists, read as the SDK reads the shared files (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, ~/.aws): a --profile that is not there is the user's mistake to name, not a
 * credentials chain that "could not load credentials from any providers".
 */
import { parseKnownFiles } from '@smithy/core/config';

/**
 * What `lockout scan` and `lockout init` say of a --profile the shared files do not hold (naming the profiles
 * there); undefined when they hold it, or cannot be read (the SDK's own error then says why).
 */
export async function missingProfileProblem(
  profile: string,
): Promise<{ message: string; hint: string } | undefined> {
  const profiles = await parseKnownFiles({ ignoreCache: true }).catch(() => undefined);
  if (profiles === undefined || profile in profiles) return undefined;
  const names = Object.keys(profiles).sort();
  return {
    message:
      `--profile ${profile}: no such profile in the AWS config or credentials files` +
      (names.length > 0 ? ` (profiles there: ${names.join(', ')})` : ' (they hold none)'),
    hint: 'aws configure list-profiles shows them; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say where they are read',
  };
}
