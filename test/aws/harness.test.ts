// Tests of the live-scan test harness itself: the moto server's life cycle, the environment it sets, the
// recorder, and the organization fixture (determinism, size and speed).
import { GetAccountSummaryCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOTO_DEFAULT_ACCOUNT,
  assertLoopback,
  motoClientConfig,
  resetMoto,
  startMotoServer,
  type MotoServer,
} from './moto-server.js';
import {
  buildOrganization,
  managementPlan,
  memberPlan,
  type BuiltOrganization,
} from './organization-fixture.js';
import { OperationRecorder, recordAllClients, recordOperations, recordingClients } from './recorder.js';

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMotoServer();
});

afterAll(async () => {
  await moto.stop();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A build's description without what changes from run to run (timings, assumed-role credentials). */
function stable(org: BuiltOrganization): unknown {
  return {
    ...org,
    buildMs: undefined,
    calls: Object.fromEntries(org.calls),
    accounts: undefined,
    management: { ...org.management, credentials: undefined },
    members: org.members.map((m) => ({ ...m, credentials: undefined })),
  };
}

describe('moto server', () => {
  it('listens on 127.0.0.1 and points the AWS environment of this process at itself', async () => {
    expect(moto.url).toBe(`http://127.0.0.1:${moto.port}`);
    expect(process.env.AWS_ENDPOINT_URL).toBe(moto.url);
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('testing');
    expect(process.env.AWS_PROFILE).toBeUndefined();
    // A client made with no endpoint and no credentials still reaches the emulator, with fake credentials.
    const bare = new STSClient({});
    const recorder = new OperationRecorder();
    recordOperations(bare, recorder);
    try {
      const me = await bare.send(new GetCallerIdentityCommand({}));
      expect(me.Account).toBe(MOTO_DEFAULT_ACCOUNT);
      expect(recorder.records).toMatchObject([
        { operation: 'STS:GetCallerIdentity', hostname: '127.0.0.1', outcome: 'ok', httpStatusCode: 200 },
      ]);
    } finally {
      bare.destroy();
    }
  });

  it('refuses any endpoint but the loopback address', () => {
    expect(() => {
      assertLoopback('https://iam.amazonaws.com');
    }).toThrow(/only http:\/\/127\.0\.0\.1/);
    expect(() => motoClientConfig('http://10.0.0.1:5000')).toThrow(/refusing/);
    expect(motoClientConfig(moto.url)).toMatchObject({
      endpoint: moto.url,
      region: 'us-east-1',
      maxAttempts: 1,
    });
  });

  it('says plainly when moto_server is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startMotoServer()).rejects.toThrow(
        "moto_server is missing: install Python's moto[server]",
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('starts a second server on another port, and stop() ends it and restores the environment', async () => {
    const before = process.env.AWS_ENDPOINT_URL;
    const other = await startMotoServer();
    expect(other.port).not.toBe(moto.port);
    expect(process.env.AWS_ENDPOINT_URL).toBe(other.url);
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    await other.stop();
    expect(isAlive(other.pid)).toBe(false);
    expect(process.env.AWS_ENDPOINT_URL).toBe(before);
    await expect(fetch(`${other.url}/moto-api/`)).rejects.toThrow();
  }, 30_000);

  it('resetMoto forgets everything', async () => {
    const iam = new IAMClient(motoClientConfig(moto.url));
    try {
      await buildOrganization(moto.url, { members: 1 });
      expect((await iam.send(new ListUsersCommand({}))).Users).not.toEqual([]);
      await resetMoto(moto.url);
      expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
    } finally {
      iam.destroy();
    }
  });
});

describe('recorder', () => {
  it('records operations with their outcome, and names those outside an allowed list', async () => {
    const { recorder, iam, organizations, destroy } = recordingClients(moto.url);
    try {
      await resetMoto(moto.url);
      await iam.send(new GetAccountSummaryCommand({}));
      // Outside an organization: DescribeOrganization fails as in AWS, but moto's ListAccounts answers [].
      await expect(organizations.send(new DescribeOrganizationCommand({}))).rejects.toThrow(
        'Your account is not a member of an organization.',
      );
      expect((await organizations.send(new ListAccountsCommand({}))).Accounts).toEqual([]);
      expect(recorder.operations()).toEqual([
        'IAM:GetAccountSummary',
        'Organizations:DescribeOrganization',
        'Organizations:ListAccounts',
      ]);
      expect(recorder.records.map((r) => [r.operation, r.outcome, r.httpStatusCode])).toEqual([
        ['IAM:GetAccountSummary', 'ok', 200],
        ['Organizations:DescribeOrganization', 'AWSOrganizationsNotInUseException', 400],
        ['Organizations:ListAccounts', 'ok', 200],
      ]);
      expect(recorder.unexpected(['IAM:GetAccountSummary'])).toEqual([
        'Organizations:DescribeOrganization',
        'Organizations:ListAccounts',
      ]);
      expect(recorder.unexpected(['IAM:GetAccountSummary', 'Organizations:*'])).toEqual([]);
      expect(() => {
        recorder.assertOnly(['IAM:GetAccountSummary', 'Organizations:ListAccounts']);
      }).toThrow('operations sent outside the allowed list: Organizations:DescribeOrganization');
      expect(recorder.counts().get('IAM:GetAccountSummary')).toBe(1);
      recorder.clear();
      expect(recorder.records).toEqual([]);
    } finally {
      destroy();
    }
  });

  it('refuses, before sending, a request to a host that is not the loopback address', async () => {
    const recorder = new OperationRecorder();
    // An endpoint on the documentation range (TEST-NET-1): never contacted, the recorder stops the request first.
    const client = recordOperations(
      new IAMClient({
        endpoint: 'http://192.0.2.1:9',
        region: 'us-east-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        maxAttempts: 1,
      }),
      recorder,
    );
    try {
      await expect(client.send(new GetAccountSummaryCommand({}))).rejects.toThrow(
        'refusing to send IAM:GetAccountSummary to 192.0.2.1',
      );
      expect(recorder.records).toMatchObject([{ outcome: 'NonLoopbackRequestError', hostname: '192.0.2.1' }]);
    } finally {
      client.destroy();
    }
  });

  it('recordAllClients records clients made anywhere, until uninstalled', async () => {
    const recorder = new OperationRecorder();
    const uninstall = recordAllClients(recorder);
    const sts = new STSClient(motoClientConfig(moto.url));
    try {
      await sts.send(new GetCallerIdentityCommand({}));
      await sts.send(new GetCallerIdentityCommand({}));
    } finally {
      uninstall();
    }
    await sts.send(new GetCallerIdentityCommand({}));
    const later = new IAMClient(motoClientConfig(moto.url));
    await later.send(new GetAccountSummaryCommand({}));
    sts.destroy();
    later.destroy();
    // The client already instrumented keeps its middleware; clients made after uninstalling are not recorded.
    expect(recorder.records.map((r) => r.operation)).toEqual([
      'STS:GetCallerIdentity',
      'STS:GetCallerIdentity',
      'STS:GetCallerIdentity',
    ]);
  });
});

describe('organization fixture', () => {
  it('is deterministic: the same seed on a reset server gives the same organization', async () => {
    await resetMoto(moto.url);
    const first = await buildOrganization(moto.url, { members: 4 });
    await resetMoto(moto.url);
    const second = await buildOrganization(moto.url, { members: 4 });
    expect(stable(second)).toEqual(stable(first));
    await resetMoto(moto.url);
    const reseeded = await buildOrganization(moto.url, { members: 4, seed: 7 });
    expect(reseeded.members.map((m) => m.id)).not.toEqual(first.members.map((m) => m.id));
  });

  it('builds 50 members within 60 s, each holding what its plan says', async () => {
    await resetMoto(moto.url);
    const org = await buildOrganization(moto.url, { members: 50 });
    console.log(
      `buildOrganization(50 members): ${org.buildMs.toFixed(0)} ms, ${[...org.calls.values()].reduce((a, b) => a + b, 0)} calls`,
    );
    expect(org.buildMs).toBeLessThan(60_000);
    expect(org.accounts).toHaveLength(51);
    expect(new Set(org.accounts.map((a) => a.id)).size).toBe(51);
    expect(org.management.domains).toEqual(managementPlan.domains);
    expect(org.management.payers).toEqual(['owner-admin', 'billing-manager']);
    for (const account of org.members) {
      const plan = memberPlan(account.index, 50);
      expect(account.name).toBe(`member-${String(account.index).padStart(2, '0')}`);
      expect(account.users.map((u) => u.name)).toEqual(plan.users.map((u) => u.name));
      expect(Object.keys(account.alternateContacts)).toEqual(plan.alternateContacts);
      expect(account.domains).toEqual(plan.domains);
      expect(account.hostedZones).toHaveLength(plan.hostedZones.length + plan.domains.length);
      expect(account.budgets.length).toBe(plan.budget === 'none' ? 0 : 1);
    }
    // What the accounts hold, seen from inside one of them.
    const payer = org.members.find((m) => m.payers.length > 0)!;
    const inside = new IAMClient(motoClientConfig(moto.url, payer.credentials));
    try {
      const users = await inside.send(new ListUsersCommand({}));
      expect(users.Users?.map((u) => u.Arn).sort()).toEqual(payer.users.map((u) => u.arn).sort());
    } finally {
      inside.destroy();
    }
    // The fixture writes through the management account and the members' assumed roles only.
    const kinds = new Set([...org.calls.keys()].map((op) => op.split(':')[0]));
    expect([...kinds].sort()).toEqual([
      'Account',
      'Budgets',
      'CloudWatch',
      'IAM',
      'Organizations',
      'Route53',
      'Route53Domains',
      'SNS',
      'STS',
    ]);
    expect(org.calls.get('STS:AssumeRole')).toBe(50);
  }, 90_000);
});
