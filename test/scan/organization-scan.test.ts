/**
 * `lockout scan --org` against moto_server: an Organization of 50 members reached by assuming
 * OrganizationAccountAccessRole, scanned read-only, reconciled, analysed and reported; a partial failure (members
 * that deny access, an API that throttles) that still completes and marks nothing safe that was not seen.
 *
 * moto 5.2.1 lacks some APIs (see test/aws/MOTO.md). For those, the scanner's recorded-response hook answers with
 * responses shaped like AWS's documented ones; each is named below with the API moto lacks.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScan, type ScanCommandOptions } from '../../src/cli/scan-command.js';
import { allowedOperations } from '../../src/providers/aws/scan/actions.js';
import type { Responder } from '../../src/providers/aws/scan/clients.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { buildOrganization, ORGANIZATION_ROLE, type BuiltOrganization } from '../aws/organization-fixture.js';
import { resetMoto, startMotoServer, type MotoServer } from '../aws/moto-server.js';
import { OperationRecorder, recordAllClients } from '../aws/recorder.js';
import { describeErrors, validateCheckReport, validateSarif } from '../report/support.js';
import { checks } from '../../src/checks/index.js';
import { formats } from '../../src/report/formats.js';

const MEMBERS = 50;
let moto: MotoServer;
let organization: BuiltOrganization;
let storeDir: string;

beforeAll(async () => {
  moto = await startMotoServer();
  await resetMoto(moto.url);
  organization = await buildOrganization(moto.url, { members: MEMBERS });
  storeDir = mkdtempSync(path.join(tmpdir(), 'lockout-store-'));
}, 120_000);

afterAll(async () => {
  await moto.stop();
});

/** The phone AWS would call for each account: the management's is the owner's, members' are someone's. */
const contactPhone = (accountId: string): string => `+1 206 555 ${accountId.slice(-4)}`;

/** Member roots seen through AssumeRoot: every third has no MFA, the others one virtual device. */
const rootDevices = (accountId: string): { SerialNumber: string; EnableDate: Date }[] =>
  Number(accountId.slice(-2)) % 3 === 0
    ? []
    : [
        {
          SerialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
          EnableDate: new Date('2024-01-02'),
        },
      ];

function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function recordedResponses(
  options: { denyMembers?: ReadonlySet<string>; throttle?: { operation: string; accountId: string } } = {},
): Responder {
  const management = organization.managementAccountId;
  return (operation, input, accountId) => {
    const account = accountId ?? management;
    if (
      options.throttle &&
      operation === options.throttle.operation &&
      account === options.throttle.accountId
    ) {
      return awsError('ThrottlingException', 'Rate exceeded', 400);
    }
    const request = input as Record<string, unknown>;
    switch (operation) {
      case 'STS:AssumeRole': {
        // moto performs AssumeRole itself; a member that denies it answers as AWS does.
        const target = String(request.RoleArn).split(':')[4] ?? '';
        return options.denyMembers?.has(target)
          ? awsError(
              'AccessDenied',
              `User is not authorized to perform: sts:AssumeRole on resource: ${String(request.RoleArn)}`,
              403,
            )
          : undefined;
      }
      case 'IAM:GetAccountSummary': // moto 5.2.1 always answers AccountMFAEnabled 0
        return account === management
          ? {
              SummaryMap: {
                AccountMFAEnabled: 1,
                AccountAccessKeysPresent: 0,
                Users: organization.management.users.length,
              },
            }
          : undefined;
      case 'Account:GetContactInformation': // moto 5.2.1 lacks account:GetContactInformation
        return {
          ContactInformation: {
            FullName: 'Example Owner',
            AddressLine1: '410 Terry Ave N',
            City: 'Seattle',
            CountryCode: 'US',
            PostalCode: '98109',
            PhoneNumber: contactPhone(typeof request.AccountId === 'string' ? request.AccountId : account),
          },
        };
      case 'Account:GetPrimaryEmail': // moto 5.2.1 lacks account:GetPrimaryEmail
        return { PrimaryEmail: organization.accounts.find((a) => a.id === request.AccountId)?.email };
      case 'IAM:ListOrganizationsFeatures': // moto 5.2.1 lacks iam:ListOrganizationsFeatures
        return {
          OrganizationId: organization.id,
          EnabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        };
      case 'STS:AssumeRoot': // moto 5.2.1 lacks sts:AssumeRoot
        return {
          Credentials: {
            AccessKeyId: `ASIAROOT${String(request.TargetPrincipal).slice(-8)}`,
            SecretAccessKey: 'x'.repeat(40),
            SessionToken: 'audit-session',
            Expiration: new Date(Date.now() + 900_000),
          },
          SourceIdentity: 'lockout',
        };
      case 'IAM:ListMFADevices': // only asked in an AssumeRoot session, which moto cannot open
        return { MFADevices: rootDevices(account), IsTruncated: false };
      case 'IAM:GetLoginProfile': // the same session: every member root here keeps its password
        return { LoginProfile: { UserName: account, CreateDate: new Date('2024-01-02') } };
      case 'IAM:ListAccessKeys': // the same session: no root access keys
        return { AccessKeyMetadata: [], IsTruncated: false };
      case 'IAM:SimulatePrincipalPolicy': {
        // moto 5.2.1 lacks iam:SimulatePrincipalPolicy
        const arn = String(request.PolicySourceArn);
        const user = organization.accounts.flatMap((a) => a.users).find((u) => u.arn === arn);
        const allowed = user ? user.canPay : arn.endsWith(`:role/${ORGANIZATION_ROLE}`);
        return {
          EvaluationResults: (request.ActionNames as string[]).map((action) => ({
            EvalActionName: action,
            EvalResourceName: '*',
            EvalDecision: allowed ? 'allowed' : 'implicitDeny',
          })),
          IsTruncated: false,
        };
      }
      case 'Budgets:DescribeSubscribersForNotification': {
        // moto 5.2.1 stores subscribers but cannot read them
        const budget = organization.accounts
          .find((a) => a.id === account)
          ?.budgets.find((b) => b.name === request.BudgetName);
        const subscribers = budget?.notifications[0]?.subscribers ?? [];
        return { Subscribers: subscribers.map((s) => ({ SubscriptionType: s.type, Address: s.address })) };
      }
      case 'BCMRecommendedActions:ListRecommendedActions': // moto 5.2.1 lacks bcm-recommended-actions
        return account === management
          ? {
              recommendedActions: [
                {
                  id: 'ra-1',
                  type: 'PAYMENTS_PAST_DUE',
                  severity: 'CRITICAL',
                  feature: 'PAYMENTS',
                  lastUpdatedTimeStamp: '2026-11-20T00:00:00Z',
                },
              ],
            }
          : { recommendedActions: [] };
      default:
        return undefined;
    }
  };
}

/**
 * What no API shows, declared as an owner would: a shared password vault for every root, the management
 * root's security key, one card, billing delegated, a passport; member roots' mailboxes on example.com, whose
 * registration and DNS live in the management account.
 */
function organizationInventory(): string {
  const management = organization.management;
  const lines = [
    'version: 1',
    'factors:',
    '  devices:',
    '    - { id: key-a, kind: security-key, verified: 2026-10-01 }',
    '  passwordStores:',
    '    - { id: team-vault, verified: 2026-10-01 }',
    '  identityDocuments:',
    '    - { id: passport, kind: passport, expires: 2030-01-01 }',
    '  cards:',
    "    - { id: corp-card, lastFour: '1881', expires: 2029-12, status: ok }",
    '  domains:',
    `    - { id: example-com, name: example.com, registrar: '${management.id}', dns: '${management.id}' }`,
    '  mailboxes:',
    ...organization.accounts.map(
      (a) => `    - { id: mail-${a.id}, address: ${a.email}, domain: example-com }`,
    ),
    'accounts:',
    `  - id: '${management.id}'`,
    `    name: ${management.name}`,
    '    organization: management',
    `    root: { email: mail-${management.id}, password: { storedIn: team-vault }, mfa: [{ type: fido, heldBy: key-a }] }`,
    '    payment: { cards: [corp-card] }',
    '    iamBillingAccess: { activated: true, verified: 2026-10-01 }',
    ...organization.members.flatMap((m) => [
      `  - id: '${m.id}'`,
      `    name: ${m.name}`,
      '    organization: member',
      `    managementAccount: '${management.id}'`,
      `    root: { email: mail-${m.id}, password: { storedIn: team-vault } }`,
      '    payment: { paidBy: management }',
    ]),
  ];
  const file = path.join(storeDir, 'inventory.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function scanOptions(overrides: Partial<ScanCommandOptions> = {}): ScanCommandOptions {
  return {
    endpointUrl: moto.url,
    region: 'us-east-1',
    org: true,
    roleName: ORGANIZATION_ROLE,
    concurrency: 8,
    maxAttempts: 1,
    format: 'json',
    failOn: 'high',
    color: false,
    progress: false,
    store: path.join(storeDir, 'lockout.db'),
    responder: recordedResponses(),
    ...overrides,
  };
}

describe('lockout scan --org against moto_server', () => {
  it('scans every member read-only and reports findings per account and Organization-wide lockout sets', async () => {
    const recorder = new OperationRecorder();
    const uninstall = recordAllClients(recorder);
    const started = performance.now();
    let outcome;
    try {
      outcome = await runScan(scanOptions({ inventory: organizationInventory() }));
    } finally {
      uninstall();
    }
    const seconds = (performance.now() - started) / 1000;
    const report = JSON.parse(outcome.output) as CheckReport;

    expect(outcome.scan.accounts).toHaveLength(MEMBERS + 1);
    expect(outcome.scan.stats.accountsReached).toBe(MEMBERS + 1);
    expect(outcome.scan.stats.accountsFailed).toBe(0);
    expect(outcome.exitCode).toBe(1);
    // Nothing was sent that is not on the read-only list.
    expect(recorder.unexpected([...allowedOperations])).toEqual([]);
    for (const operation of outcome.scan.stats.apiCalls > 0 ? [...recorder.operations()] : []) {
      expect(allowedOperations).toContain(operation);
    }

    const byCheck = (id: string): typeof report.findings => report.findings.filter((f) => f.checkId === id);
    expect(byCheck('payment-trouble').map((f) => f.accountId)).toEqual([organization.managementAccountId]);
    // The management account's billing alarm notifies its topic, whose email subscription moto confirms.
    const management = outcome.scan.accounts.find((a) => a.accountId === organization.managementAccountId);
    // Named as ListAccounts names it, like every member (it was its bare id, which init then wrote as its name).
    expect(management?.name).toBe(organization.management.name);
    expect(organization.management.name).not.toBe(organization.managementAccountId);
    expect(management?.billingAlarms).toMatchObject({
      status: 'seen',
      value: [
        { name: 'estimated-charges-over-100-usd', actionsEnabled: true, actions: [{ confirmed: true }] },
      ],
    });
    expect(byCheck('budget-alerts-unheard').map((f) => f.accountId)).not.toContain(
      organization.managementAccountId,
    );
    // Members without root MFA (seen through AssumeRoot) and members with a single device.
    const noMfa = organization.members
      .filter((m) => rootDevices(m.id).length === 0)
      .map((m) => m.id)
      .sort();
    // One fact, one finding: root-mfa-off says it (a member's root may have no password: high, not critical),
    // and root-mfa-missing does not repeat it as if the owner had attested it.
    expect(
      byCheck('root-mfa-off')
        .map((f) => f.accountId)
        .sort(),
    ).toEqual(noMfa);
    expect(byCheck('root-mfa-missing').map((f) => f.accountId)).toEqual([]);
    // One device each for the other members, and the management root's single declared key.
    expect(byCheck('root-single-mfa-device').length).toBe(MEMBERS - noMfa.length + 1);
    // Every account's findings are reported under that account.
    expect(report.accounts).toHaveLength(MEMBERS + 1);
    expect(report.scan?.provenance.some((p) => p.field === 'contactPhone' && p.source === 'seen')).toBe(true);
    expect(report.organizationLockoutSets?.length).toBeGreaterThan(0);
    expect(report.organizationLockoutSets?.[0]?.accounts.length).toBeGreaterThan(1);

    // --format json and --format sarif validate against their schemas.
    expect(describeErrors(validateCheckReport(report))).toEqual([]);
    const sarif = JSON.parse(
      formats.sarif(outcome.report, checks, { color: false, sourceRoot: process.cwd() }),
    ) as unknown;
    expect(describeErrors(validateSarif(sarif))).toEqual([]);

    const callsPerAccount = outcome.scan.stats.apiCalls / outcome.scan.accounts.length;
    console.log(
      `scan --org: ${outcome.scan.accounts.length} accounts in ${seconds.toFixed(1)} s, ` +
        `${outcome.scan.stats.apiCalls} API calls (${callsPerAccount.toFixed(1)} per account), ${outcome.scan.stats.retries} retries`,
    );
  }, 300_000);

  it('completes when members deny access and an API throttles, and marks nothing safe that was not seen', async () => {
    const denied = new Set([organization.members[2]!.id, organization.members[6]!.id]);
    const throttled = organization.members[4]!.id;
    const outcome = await runScan(
      scanOptions({
        store: false,
        responder: recordedResponses({
          denyMembers: denied,
          throttle: { operation: 'Route53:ListHostedZones', accountId: throttled },
        }),
      }),
    );
    expect(outcome.scan.stats.accountsFailed).toBe(2);
    const report = JSON.parse(outcome.output) as CheckReport;
    for (const id of denied) {
      const account = report.accounts.find((a) => a.id === id)!;
      // Unseen accounts: no capability is reported as safe.
      expect(account.capabilities.every((c) => c.status !== 'cannot-be-lost')).toBe(true);
      const unseen = report.findings.filter((f) => f.checkId === 'unseen-facts' && f.accountId === id);
      expect(unseen.length).toBeGreaterThan(0);
      expect(unseen.map((f) => f.message).join(' ')).toContain('sts:AssumeRole');
    }
    const facts = outcome.scan.accounts.find((a) => a.accountId === throttled)!;
    expect(facts.hostedZones).toMatchObject({
      status: 'unknown',
      reason: 'throttled',
      action: 'route53:ListHostedZones',
    });
    expect(report.findings.some((f) => f.checkId === 'unseen-facts' && f.accountId === throttled)).toBe(true);
  }, 300_000);

  it('runs from the command line against moto alone, with the APIs moto lacks reported as unknown', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(
      [
        'scan',
        '--endpoint-url',
        moto.url,
        '--org',
        '--max-attempts',
        '1',
        '--format',
        'json',
        '--no-progress',
        '--store',
        path.join(storeDir, 'lockout.db'),
      ],
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    );
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.scan?.accounts).toBe(MEMBERS + 1);
    expect(report.scan?.unknownFacts).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.checkId === 'unseen-facts')).toBe(true);
  }, 300_000);

  it('remembers scans: history lists them and diff shows what changed', async () => {
    const store = path.join(storeDir, 'lockout.db');
    let stdout = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: () => undefined };
    expect(await main(['history', '--store', store, '--format', 'json'], io)).toBe(0);
    const scans = JSON.parse(stdout) as unknown[];
    expect(scans.length).toBeGreaterThanOrEqual(2);
    stdout = '';
    expect(await main(['diff', '--store', store], io)).toBe(0);
    // The second scan saw no payment warning and no contact phones: the diff says so.
    expect(stdout).toMatch(/Changes from scan \d+/);
  });
});
