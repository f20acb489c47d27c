/**
 * The calls the SDK's credential providers make before a scan can read anything — sts:AssumeRoleWithWebIdentity
 * for a web identity token, sts:AssumeRole for a profile with role_arn, sso:GetRoleCredentials for an IAM
 * Identity Center profile — go where the scan's calls go (--endpoint-url: here a local fault server), and are
 * counted in the scan's calls: the count equals the requests the server received.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialCalls, credentialOperations } from '../../src/providers/aws/scan/actions.js';
import { scanAws, type ScanOptions } from '../../src/providers/aws/scan/scan.js';
import {
  jsonAnswer,
  queryAnswer,
  startFaultServer,
  wellAnswered,
  type FaultRoute,
  type FaultServer,
} from '../support/fault-server.js';
import { isolateAwsEnvironment } from '../support/aws-environment.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/scanner`;

const stsCredentials = (operation: string): ReturnType<typeof queryAnswer> =>
  queryAnswer(
    operation,
    '<Credentials><AccessKeyId>ASIAFAULTSERVER00001</AccessKeyId><SecretAccessKey>fault-server-secret</SecretAccessKey>' +
      '<SessionToken>fault-server-session</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>' +
      `<AssumedRoleUser><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/scanner/lockout</Arn>` +
      '<AssumedRoleId>AROAFAULTSERVER:lockout</AssumedRoleId></AssumedRoleUser>',
  );

/** The credential call answered, then every scan call as for a small standalone account. */
const route: FaultRoute = (call) => {
  switch (call.operation) {
    case 'AssumeRoleWithWebIdentity':
    case 'AssumeRole':
      return stsCredentials(call.operation);
    case 'GetRoleCredentials':
      return jsonAnswer({
        roleCredentials: {
          accessKeyId: 'ASIAFAULTSERVER00002',
          secretAccessKey: 'fault-server-secret',
          sessionToken: 'fault-server-session',
          expiration: Date.parse('2030-01-01T00:00:00Z'),
        },
      });
    default:
      return wellAnswered(ACCOUNT)(call);
  }
};

let server: FaultServer;
let home: string;

beforeEach(async () => {
  server = await startFaultServer(route);
  home = mkdtempSync(path.join(tmpdir(), 'lockout-credentials-'));
  // No static credentials, no real config: only what each test sets up. Every client, the providers' own
  // included, is also pointed at the local server by the environment, so nothing can leave this machine.
  isolateAwsEnvironment(home);
  vi.stubEnv('AWS_ENDPOINT_URL', server.url);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  writeFileSync(path.join(home, 'credentials'), '');
  writeFileSync(path.join(home, 'config'), '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.stop();
});

async function scan(options: Partial<ScanOptions> = {}): Promise<Awaited<ReturnType<typeof scanAws>>> {
  return scanAws({
    region: 'us-east-1',
    endpoint: server.url,
    org: false,
    roleName: 'OrganizationAccountAccessRole',
    concurrency: 1,
    maxAttempts: 1,
    callTimeoutMs: 2_000,
    timeoutMs: 20_000,
    ...options,
  });
}

describe('credential calls', () => {
  it('sts:AssumeRoleWithWebIdentity (AWS_WEB_IDENTITY_TOKEN_FILE) is sent to the endpoint and counted', async () => {
    const token = path.join(home, 'token');
    writeFileSync(token, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJsb2Nrb3V0In0.');
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', token);
    vi.stubEnv('AWS_ROLE_ARN', ROLE);
    const result = await scan();
    expect(server.count('AssumeRoleWithWebIdentity')).toBe(1);
    expect(result.accounts[0]?.rootMfaEnabled).toMatchObject({ status: 'seen' });
    expect(result.stats.apiCalls).toBe(server.calls.length);
  });

  it('sts:AssumeRole of a profile with role_arn is sent to the endpoint and counted', async () => {
    writeFileSync(
      path.join(home, 'config'),
      [
        '[profile scanner]',
        `role_arn = ${ROLE}`,
        'source_profile = base',
        '[profile base]',
        'aws_access_key_id = testing',
        'aws_secret_access_key = testing',
      ].join('\n'),
    );
    const result = await scan({ profile: 'scanner' });
    expect(server.count('AssumeRole')).toBe(1);
    expect(result.stats.apiCalls).toBe(server.calls.length);
  });

  it('sso:GetRoleCredentials of an IAM Identity Center profile is sent to the endpoint and counted', async () => {
    const startUrl = 'https://example.awsapps.com/start';
    writeFileSync(
      path.join(home, 'config'),
      [
        '[profile sso]',
        `sso_start_url = ${startUrl}`,
        'sso_region = us-east-1',
        `sso_account_id = ${ACCOUNT}`,
        'sso_role_name = Scanner',
      ].join('\n'),
    );
    // The token `aws sso login` caches (a fake one, valid until 2030).
    const cache = path.join(home, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      path.join(cache, `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({
        startUrl,
        region: 'us-east-1',
        accessToken: 'fault-server-sso-token',
        expiresAt: '2030-01-01T00:00:00Z',
      }),
    );
    const result = await scan({ profile: 'sso' });
    expect(server.count('GetRoleCredentials')).toBe(1);
    expect(result.stats.apiCalls).toBe(server.calls.length);
  });
});

describe('the credential call list', () => {
  it('names each call once, with why', () => {
    const keys = credentialCalls.map((call) => `${call.client}:${call.operation}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...credentialOperations].sort()).toEqual([...keys].sort());
    for (const call of credentialCalls) expect(call.why.length).toBeGreaterThan(10);
  });
});
