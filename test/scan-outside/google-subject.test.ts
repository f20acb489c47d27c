/**
 * --google-subject: a service account with domain-wide delegation acts as a Workspace admin; the subject must
 * reach the auth client the Directory API is called with. In-process credentials (a key made here), so no
 * token is asked of Google: the client is built and inspected, never used.
 */

import { generateKeyPairSync } from 'node:crypto';
import { auth } from '@googleapis/admin';
import { describe, expect, it } from 'vitest';
import { EXIT_INPUT } from '../../src/cli/errors.js';
import { main } from '../../src/cli/main.js';
import { googleWorkspaceAuth } from '../../src/cli/scan-outside.js';
import { directoryUserReadonlyScope } from '../../src/providers/google-workspace/scan/scan.js';

/** A service account key as its JSON file holds it, made for the test. */
function serviceAccount(): { client_email: string; private_key: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    client_email: 'lockout-scan@example-project.iam.gserviceaccount.com',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

async function clientFor(subject: string | undefined) {
  const built = await googleWorkspaceAuth(
    { googleSubject: subject },
    { googleServiceAccount: serviceAccount() },
  );
  if (!(built instanceof auth.GoogleAuth)) throw new Error('expected the scanner to build a GoogleAuth');
  return built.getClient();
}

describe('--google-subject', () => {
  it('reaches the JWT client as the subject it acts as, with the read-only scope', async () => {
    const client = await clientFor('admin@example.com');
    expect(client).toBeInstanceOf(auth.JWT);
    const jwt = client as InstanceType<typeof auth.JWT>;
    expect(jwt.subject).toBe('admin@example.com');
    expect(jwt.scopes).toEqual([directoryUserReadonlyScope]);
  });

  it('without it, the service account acts as itself', async () => {
    const client = (await clientFor(undefined)) as InstanceType<typeof auth.JWT>;
    expect(client.subject).toBeUndefined();
  });

  it('is refused, exit 2 and the option named, when it is not an address or has no --google-workspace', async () => {
    const run = async (args: string[]) => {
      let stderr = '';
      const code = await main(args, { stdout: () => {}, stderr: (text) => (stderr += text) });
      return { code, stderr };
    };
    const notAddress = await run(['scan', '--google-workspace', '--google-subject', 'admin']);
    expect(notAddress.code).toBe(EXIT_INPUT);
    expect(notAddress.stderr).toMatch(/--google-subject: "admin" is not an e-mail address/);
    const alone = await run(['scan', '--github-org', 'acme', '--google-subject', 'admin@example.com']);
    expect(alone.code).toBe(EXIT_INPUT);
    expect(alone.stderr).toMatch(/--google-subject is for --google-workspace/);
    expect(notAddress.stderr + alone.stderr).not.toMatch(/\n\s+at /);
  });
});
