/**
 * Issue 13, scan messages: what stops a scan before it starts is said as one clean line, by its cause — an
 * endpoint that refuses the connection is not a credentials problem, a --profile that does not exist is
 * named, and an answer that is not AWS's is not dumped raw. A local fault server stands in for AWS; the
 * configuration files are temporary ones, so nothing real is read and nothing leaves the machine.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScanError, scanAws, type ScanOptions } from '../../src/providers/aws/scan/scan.js';
import { isolateAwsEnvironment } from '../support/aws-environment.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'lockout-start-'));
  isolateAwsEnvironment(home);
  writeFileSync(
    path.join(home, 'config'),
    '[profile work]\nregion = us-east-1\n[profile home]\nregion = eu-west-3\n',
  );
  writeFileSync(path.join(home, 'credentials'), '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function failure(options: Partial<ScanOptions>): Promise<ScanError> {
  const error = await scanAws({
    region: 'us-east-1',
    org: false,
    roleName: 'OrganizationAccountAccessRole',
    concurrency: 1,
    maxAttempts: 1,
    callTimeoutMs: 2_000,
    timeoutMs: 10_000,
    ...options,
  }).then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(ScanError);
  return error as ScanError;
}

const credentials = { accessKeyId: 'AKIDLOCALTEST0000000', secretAccessKey: 'local-test-secret' };

describe('a scan that cannot start says why, in one line', () => {
  it('a refused connection is an unreachable endpoint, not a credentials problem', async () => {
    const error = await failure({ endpoint: 'http://127.0.0.1:9', credentials });
    expect(error.message).toMatch(/^could not reach AWS at http:\/\/127\.0\.0\.1:9: connection refused/);
    expect(error.message).not.toMatch(/authenticate|credential/i);
    expect(error.hint).toMatch(/endpoint/);
  });

  it('a --profile that does not exist is named, with the profiles there are', async () => {
    const error = await failure({ endpoint: 'http://127.0.0.1:9', profile: 'wrok' });
    expect(error.message).toBe(
      '--profile wrok: no such profile in the AWS config or credentials files (profiles there: home, work)',
    );
  });

  describe('an answer that is not AWS’s', () => {
    let server: FaultServer;
    beforeEach(async () => {
      server = await startFaultServer(() => ({ kind: 'html' }));
    });
    afterEach(async () => {
      await server.stop();
    });

    it('is one line, without the SDK’s raw dump', async () => {
      const error = await failure({ endpoint: server.url, credentials });
      expect(error.message.split('\n')).toHaveLength(1);
      expect(error.message).not.toMatch(/\$response|<html|inspect the hidden field/i);
      expect(error.message.length).toBeLessThan(300);
    });
  });
});
