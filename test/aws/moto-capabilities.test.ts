// What moto 5.2.1 (the AWS emulator the live-scan tests run against) can and cannot answer, call by call, for the
// APIs Lockout reads. Each test pins moto's behaviour down with its evidence, so that an upgrade of moto that
// changes any of it fails here first, and test/aws/MOTO.md (the table of these findings) can be trusted.
//
// Set MOTO_FINDINGS_FILE=/some/path.json to have the evidence of every probe written there.
import { writeFileSync } from 'node:fs';
import {
  GetAccountInformationCommand,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  GetPrimaryEmailCommand,
} from '@aws-sdk/client-account';
import { ListRecommendedActionsCommand } from '@aws-sdk/client-bcm-recommended-actions';
import {
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
} from '@aws-sdk/client-budgets';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type EnableMFADeviceCommandInput,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListRolesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { GetDomainDetailCommand, ListDomainsCommand } from '@aws-sdk/client-route-53-domains';
import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { AssumeRootCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOTO_DEFAULT_ACCOUNT, startMotoServer, type MotoServer } from './moto-server.js';
import { buildOrganization, type BuiltAccount, type BuiltOrganization } from './organization-fixture.js';
import { recordingClients, type RecordingClients } from './recorder.js';

/** The outcome of one call: its answer, or its error as the SDK raised it and as moto's log explains it. */
type Probe<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** The SDK error's name. */
      name: string;
      /** The first line of the SDK error's message. */
      message: string;
      httpStatusCode: number | undefined;
      /** What moto's log says about it: NotImplementedError, a missing backend, or the request line. */
      moto: string | undefined;
    };

interface Finding {
  api: string;
  probe: Probe<unknown>;
}

const findings: Finding[] = [];
let moto: MotoServer;
let org: BuiltOrganization;
let management: RecordingClients;
/** Clients acting in the first member account, through the credentials AssumeRole gave. */
let member: RecordingClients;
let firstMember: BuiltAccount;

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The reason moto logged for a failed request, read from the server's output that followed the call: the
 * exception of an HTTP 500 (its traceback follows the request line), else the request line of a 4xx.
 */
async function motoReason(before: number): Promise<string | undefined> {
  // The log may trail the response by a moment.
  for (let wait = 0; wait < 40; wait++) {
    const recent = moto.output().slice(before);
    const reason =
      /NotImplementedError: (.+)/.exec(recent)?.[1] ??
      /(Unable to find appropriate backend for \S+?)\.Remember/.exec(recent)?.[1];
    if (reason !== undefined) return reason;
    const request = /"(POST \/\S* HTTP\/1\.1" 4\d\d)/.exec(recent)?.[1];
    if (request !== undefined) return request;
    await sleep(25);
  }
  return undefined;
}

async function probe<T>(api: string, call: () => Promise<T>): Promise<Probe<T>> {
  const before = moto.output().length;
  let result: Probe<T>;
  try {
    result = { ok: true, value: await call() };
  } catch (error) {
    const err = error as Error & { $metadata?: { httpStatusCode?: number } };
    result = {
      ok: false,
      name: err.name,
      message: (err.message.split('\n')[0] ?? '').trim(),
      httpStatusCode: err.$metadata?.httpStatusCode,
      moto: await motoReason(before),
    };
  }
  findings.push({ api, probe: result });
  return result;
}

function value<T>(result: Probe<T>): T {
  if (!result.ok)
    throw new Error(`expected an answer, got ${result.name}: ${result.message} (${result.moto})`);
  return result.value;
}

function failure<T>(result: Probe<T>): Extract<Probe<T>, { ok: false }> {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result;
}

beforeAll(async () => {
  moto = await startMotoServer();
  org = await buildOrganization(moto.url, { members: 3 });
  firstMember = org.members[0]!;
  management = recordingClients(moto.url);
  member = recordingClients(moto.url, { credentials: firstMember.credentials });
}, 60_000);

afterAll(async () => {
  management.destroy();
  member.destroy();
  await moto.stop();
  const file = process.env.MOTO_FINDINGS_FILE;
  if (file !== undefined && file !== '') {
    writeFileSync(
      file,
      JSON.stringify(findings, (_key, v: unknown) => (v instanceof Uint8Array ? '<bytes>' : v), 2),
    );
  }
});

describe('cross-account access', () => {
  it('AssumeRole credentials act in the role’s account; the fake default credentials act in 123456789012', async () => {
    const me = value(
      await probe('STS GetCallerIdentity (management)', () =>
        management.sts.send(new GetCallerIdentityCommand({})),
      ),
    );
    expect(me.Account).toBe(MOTO_DEFAULT_ACCOUNT);
    const them = value(
      await probe('STS GetCallerIdentity (member)', () => member.sts.send(new GetCallerIdentityCommand({}))),
    );
    expect(them.Account).toBe(firstMember.id);
    expect(them.Arn).toBe(
      `arn:aws:sts::${firstMember.id}:assumed-role/OrganizationAccountAccessRole/lockout-fixture`,
    );
    // Each account's IAM holds its own users only.
    const users = value(
      await probe('IAM ListUsers (member)', () => member.iam.send(new ListUsersCommand({}))),
    );
    expect(users.Users?.map((u) => u.UserName).sort()).toEqual(firstMember.users.map((u) => u.name).sort());
    // moto's CreateAccount made the role (with its trust policy); the fixture gave it permissions.
    const roles = value(
      await probe('IAM ListRoles (member)', () => member.iam.send(new ListRolesCommand({}))),
    );
    expect(roles.Roles?.map((r) => r.RoleName)).toContain('OrganizationAccountAccessRole');
  });
});

describe('IAM', () => {
  it('GetAccountSummary works, but AccountMFAEnabled is always 0 (moto has no way to give root an MFA device)', async () => {
    for (const [label, clients, account] of [
      ['management', management, org.management],
      ['member', member, firstMember],
    ] as const) {
      const summary = value(
        await probe(`IAM GetAccountSummary (${label})`, () =>
          clients.iam.send(new GetAccountSummaryCommand({})),
        ),
      ).SummaryMap;
      expect(summary?.AccountMFAEnabled).toBe(0);
      expect(summary?.AccountAccessKeysPresent).toBe(0);
      expect(summary?.Users).toBe(account.users.length);
      expect(summary?.MFADevicesInUse).toBe(account.users.filter((u) => u.mfaDevices.length > 0).length);
    }
  });

  it('the credential report has one row per user and no <root_account> row', async () => {
    const started = value(
      await probe('IAM GenerateCredentialReport', () =>
        management.iam.send(new GenerateCredentialReportCommand({})),
      ),
    );
    expect(started.State).toBe('STARTED');
    const report = value(
      await probe('IAM GetCredentialReport', () => management.iam.send(new GetCredentialReportCommand({}))),
    );
    expect(report.ReportFormat).toBe('text/csv');
    const lines = new TextDecoder().decode(report.Content).trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 8)).toEqual([
      'user',
      'arn',
      'user_creation_time',
      'password_enabled',
      'password_last_used',
      'password_last_changed',
      'password_next_rotation',
      'mfa_active',
    ]);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((row) => row[0])).not.toContain('<root_account>');
    expect(rows.map((row) => row[0]).sort()).toEqual(org.management.users.map((u) => u.name).sort());
    // mfa_active follows the users' MFA devices.
    const mfa = header.indexOf('mfa_active');
    for (const user of org.management.users) {
      const row = rows.find((r) => r[0] === user.name)!;
      expect(row[mfa]).toBe(String(user.mfaDevices.length > 0));
    }
  });

  it('a virtual MFA device cannot be assigned to root: EnableMFADevice wants a user, and root is none', async () => {
    const device = value(
      await probe('IAM CreateVirtualMFADevice (root-account-mfa-device)', () =>
        management.iam.send(
          new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'root-account-mfa-device' }),
        ),
      ),
    );
    const serial = device.VirtualMFADevice!.SerialNumber!;
    const noName = failure(
      await probe('IAM EnableMFADevice (no UserName, for root)', () =>
        management.iam.send(
          // UserName is required by the API model; root has none, so it is left out on purpose.
          new EnableMFADeviceCommand({
            SerialNumber: serial,
            AuthenticationCode1: '123456',
            AuthenticationCode2: '654321',
          } as unknown as EnableMFADeviceCommandInput),
        ),
      ),
    );
    expect(noName).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name None cannot be found.',
      httpStatusCode: 404,
    });
    const rootName = failure(
      await probe('IAM EnableMFADevice (UserName root)', () =>
        management.iam.send(
          new EnableMFADeviceCommand({
            UserName: 'root',
            SerialNumber: serial,
            AuthenticationCode1: '123456',
            AuthenticationCode2: '654321',
          }),
        ),
      ),
    );
    expect(rootName).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name root cannot be found.',
    });
  });

  it('ListVirtualMFADevices lists the users’ devices with User.Arn, and never one whose User.Arn ends :root', async () => {
    const listed = value(
      await probe('IAM ListVirtualMFADevices', () =>
        management.iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any' })),
      ),
    ).VirtualMFADevices!;
    const assigned = listed.filter((d) => d.User !== undefined);
    expect(assigned.map((d) => d.User?.Arn).sort()).toEqual(
      org.management.users
        .filter((u) => u.mfaDevices.length > 0)
        .map((u) => u.arn)
        .sort(),
    );
    expect(assigned.every((d) => d.EnableDate instanceof Date)).toBe(true);
    expect(listed.some((d) => d.User?.Arn?.endsWith(':root') === true)).toBe(false);
    // The device made for root above stays unassigned.
    expect(
      listed.find((d) => d.SerialNumber?.endsWith(':mfa/root-account-mfa-device'))?.User,
    ).toBeUndefined();
  });

  it('ListMFADevices needs a UserName: without one (root, in an AssumeRoot session) moto looks up a user "None"', async () => {
    const withUser = value(
      await probe('IAM ListMFADevices (UserName)', () =>
        management.iam.send(new ListMFADevicesCommand({ UserName: 'owner-admin' })),
      ),
    );
    expect(withUser.MFADevices?.map((d) => d.SerialNumber)).toEqual([
      'arn:aws:iam::123456789012:mfa/owner-admin',
    ]);
    const noUser = failure(
      await probe('IAM ListMFADevices (no UserName)', () =>
        management.iam.send(new ListMFADevicesCommand({})),
      ),
    );
    expect(noUser).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name None cannot be found.',
    });
  });

  it('GetLoginProfile and ListAccessKeys without a UserName (root, in an AssumeRoot session) find no user either', async () => {
    const profile = failure(
      await probe('IAM GetLoginProfile (no UserName)', () =>
        management.iam.send(new GetLoginProfileCommand({})),
      ),
    );
    // The same NoSuchEntity as a user without a password would get, but about the user: the scanner reads
    // it as no answer about root, never as "no password" (src/providers/aws/scan/collect.ts).
    expect(profile).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name None cannot be found.',
    });
    const keys = failure(
      await probe('IAM ListAccessKeys (no UserName)', () =>
        management.iam.send(new ListAccessKeysCommand({})),
      ),
    );
    expect(keys.name).toBe('NoSuchEntityException');
    expect(keys.httpStatusCode).toBe(404);
  });

  it('ListOrganizationsFeatures is not implemented', async () => {
    const error = failure(
      await probe('IAM ListOrganizationsFeatures', () =>
        management.iam.send(new ListOrganizationsFeaturesCommand({})),
      ),
    );
    expect(error.httpStatusCode).toBe(500);
    expect(error.moto).toBe('The list_organizations_features action has not been implemented');
  });

  it('SimulatePrincipalPolicy is not implemented: it cannot tell who may use payments:*', async () => {
    const payer = org.management.users.find((u) => u.kind === 'payer')!;
    const error = failure(
      await probe('IAM SimulatePrincipalPolicy', () =>
        management.iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: payer.arn,
            ActionNames: ['payments:UpdatePaymentPreferences', 'payments:CreatePaymentInstrument'],
          }),
        ),
      ),
    );
    expect(error.httpStatusCode).toBe(500);
    expect(error.moto).toBe('The simulate_principal_policy action has not been implemented');
  });
});

describe('STS', () => {
  it('AssumeRoot is not implemented', async () => {
    const error = failure(
      await probe('STS AssumeRoot', () =>
        management.sts.send(
          new AssumeRootCommand({
            TargetPrincipal: firstMember.id,
            TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
          }),
        ),
      ),
    );
    expect(error.httpStatusCode).toBe(500);
    expect(error.moto).toBe('The assume_root action has not been implemented');
  });
});

describe('Account', () => {
  it('GetAlternateContact works, in the account itself and from the management account with AccountId', async () => {
    const own = value(
      await probe('Account GetAlternateContact (management, BILLING)', () =>
        management.account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' })),
      ),
    ).AlternateContact;
    const expected = org.management.alternateContacts.BILLING!;
    expect(own).toMatchObject({
      AlternateContactType: 'BILLING',
      Name: expected.name,
      Title: expected.title,
      EmailAddress: expected.emailAddress,
      PhoneNumber: expected.phoneNumber,
    });
    // member-01 has all three contacts; member-02 none.
    const viaManagement = value(
      await probe('Account GetAlternateContact (management → member, SECURITY)', () =>
        management.account.send(
          new GetAlternateContactCommand({ AccountId: firstMember.id, AlternateContactType: 'SECURITY' }),
        ),
      ),
    ).AlternateContact;
    expect(viaManagement?.EmailAddress).toBe(firstMember.alternateContacts.SECURITY?.emailAddress);
    const inside = value(
      await probe('Account GetAlternateContact (member itself, OPERATIONS)', () =>
        member.account.send(new GetAlternateContactCommand({ AlternateContactType: 'OPERATIONS' })),
      ),
    ).AlternateContact;
    expect(inside?.EmailAddress).toBe(firstMember.alternateContacts.OPERATIONS?.emailAddress);
    const second = org.members[1]!;
    expect(second.alternateContacts).toEqual({});
    const missing = failure(
      await probe('Account GetAlternateContact (none set)', () =>
        management.account.send(
          new GetAlternateContactCommand({ AccountId: second.id, AlternateContactType: 'BILLING' }),
        ),
      ),
    );
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'No contact of the inputted alternate contact type found.',
      httpStatusCode: 400,
    });
  });

  it('GetContactInformation, GetPrimaryEmail and GetAccountInformation are not implemented (no route: HTTP 404)', async () => {
    const calls = [
      [
        'Account GetContactInformation',
        () => management.account.send(new GetContactInformationCommand({})),
        'getContactInformation',
      ],
      [
        'Account GetPrimaryEmail',
        () => management.account.send(new GetPrimaryEmailCommand({ AccountId: firstMember.id })),
        'getPrimaryEmail',
      ],
      [
        'Account GetAccountInformation',
        () => management.account.send(new GetAccountInformationCommand({})),
        'getAccountInformation',
      ],
    ] as const;
    for (const [api, call, path] of calls) {
      const error = failure(await probe(api, call));
      // moto answers its HTML "404 Not Found" page, which the SDK fails to parse as JSON.
      expect(error.httpStatusCode).toBe(404);
      expect(error.name).toBe('SyntaxError');
      expect(error.message).toMatch(/^Unexpected token '<', "<!doctype "\.\.\. is not valid JSON/);
      expect(error.moto).toBe(`POST /${path} HTTP/1.1" 404`);
    }
  });
});

describe('Organizations', () => {
  it('DescribeOrganization and ListAccounts work; the management root email is fixed at master@example.com', async () => {
    const described = value(
      await probe('Organizations DescribeOrganization', () =>
        management.organizations.send(new DescribeOrganizationCommand({})),
      ),
    ).Organization;
    expect(described).toMatchObject({
      Id: org.id,
      FeatureSet: 'ALL',
      MasterAccountId: MOTO_DEFAULT_ACCOUNT,
      MasterAccountEmail: 'master@example.com',
    });
    const accounts = value(
      await probe('Organizations ListAccounts', () =>
        management.organizations.send(new ListAccountsCommand({})),
      ),
    ).Accounts!;
    expect(accounts.map((a) => [a.Id, a.Name, a.Email, a.State, a.Status])).toEqual(
      org.accounts.map((a) => [a.id, a.name, a.email, 'ACTIVE', 'ACTIVE']),
    );
  });

  it('a member may call DescribeOrganization (as in AWS); its ListAccounts answers an empty list (AWS denies it)', async () => {
    const described = value(
      await probe('Organizations DescribeOrganization (member)', () =>
        member.organizations.send(new DescribeOrganizationCommand({})),
      ),
    ).Organization;
    expect(described?.MasterAccountId).toBe(MOTO_DEFAULT_ACCOUNT);
    const accounts = value(
      await probe('Organizations ListAccounts (member)', () =>
        member.organizations.send(new ListAccountsCommand({})),
      ),
    ).Accounts!;
    expect(accounts).toEqual([]);
  });
});

describe('Route 53 and Route 53 Domains', () => {
  it('ListDomains and GetDomainDetail work; RegisterDomain made a hosted zone named without its final dot', async () => {
    const domains = value(
      await probe('Route53Domains ListDomains', () =>
        management.route53domains.send(new ListDomainsCommand({})),
      ),
    ).Domains!;
    expect(domains.map((d) => d.DomainName)).toEqual(org.management.domains);
    expect(domains[0]).toMatchObject({ AutoRenew: true, TransferLock: true });
    expect(domains[0]?.Expiry).toBeInstanceOf(Date);
    const detail = value(
      await probe('Route53Domains GetDomainDetail', () =>
        management.route53domains.send(new GetDomainDetailCommand({ DomainName: 'example.com' })),
      ),
    );
    expect(detail.DomainName).toBe('example.com');
    expect(detail.RegistrantContact?.Email).toBe('owner@example.com');
    expect(detail.ExpirationDate).toBeInstanceOf(Date);
    // Domains live per account: the member that registered one lists it, the others do not.
    const memberDomains = value(
      await probe('Route53Domains ListDomains (member)', () =>
        member.route53domains.send(new ListDomainsCommand({})),
      ),
    ).Domains!;
    expect(memberDomains).toEqual([]);
  });

  it('ListHostedZones works', async () => {
    const zones = value(
      await probe('Route53 ListHostedZones', () => management.route53.send(new ListHostedZonesCommand({}))),
    ).HostedZones!;
    expect(zones.map((z) => [z.Id, z.Name]).sort()).toEqual(
      org.management.hostedZones.map((z) => [z.id, z.name]).sort(),
    );
    expect(zones.map((z) => z.Name).sort()).toEqual(['example.com', 'internal.example.com.']);
  });
});

describe('Budgets', () => {
  it('DescribeBudgets and DescribeNotificationsForBudget work; DescribeSubscribersForNotification is not implemented', async () => {
    const budgets = value(
      await probe('Budgets DescribeBudgets', () =>
        management.budgets.send(new DescribeBudgetsCommand({ AccountId: MOTO_DEFAULT_ACCOUNT })),
      ),
    ).Budgets!;
    expect(budgets.map((b) => b.BudgetName)).toEqual(['monthly-total']);
    expect(budgets[0]?.BudgetLimit).toEqual({ Amount: '100', Unit: 'USD' });
    const notifications = value(
      await probe('Budgets DescribeNotificationsForBudget', () =>
        management.budgets.send(
          new DescribeNotificationsForBudgetCommand({
            AccountId: MOTO_DEFAULT_ACCOUNT,
            BudgetName: 'monthly-total',
          }),
        ),
      ),
    ).Notifications!;
    expect(notifications).toEqual([
      {
        NotificationType: 'ACTUAL',
        ComparisonOperator: 'GREATER_THAN',
        Threshold: 80,
        ThresholdType: 'PERCENTAGE',
      },
      {
        NotificationType: 'FORECASTED',
        ComparisonOperator: 'GREATER_THAN',
        Threshold: 100,
        ThresholdType: 'PERCENTAGE',
      },
    ]);
    const error = failure(
      await probe('Budgets DescribeSubscribersForNotification', () =>
        management.budgets.send(
          new DescribeSubscribersForNotificationCommand({
            AccountId: MOTO_DEFAULT_ACCOUNT,
            BudgetName: 'monthly-total',
            Notification: notifications[0]!,
          }),
        ),
      ),
    );
    expect(error.httpStatusCode).toBe(500);
    expect(error.moto).toBe('The describe_subscribers_for_notification action has not been implemented');
  });

  it('budgets are per calling account: the management account sees none for a member that has one', async () => {
    const withBudget = org.members.find((m) => m.budgets.length > 0)!;
    const inside = recordingClients(moto.url, { credentials: withBudget.credentials });
    try {
      const own = value(
        await probe('Budgets DescribeBudgets (member itself)', () =>
          inside.budgets.send(new DescribeBudgetsCommand({ AccountId: withBudget.id })),
        ),
      ).Budgets!;
      expect(own.map((b) => b.BudgetName)).toEqual(['monthly-total']);
    } finally {
      inside.destroy();
    }
    const fromManagement = value(
      await probe('Budgets DescribeBudgets (management → member)', () =>
        management.budgets.send(new DescribeBudgetsCommand({ AccountId: withBudget.id })),
      ),
    ).Budgets!;
    expect(fromManagement).toEqual([]);
  });
});

describe('SNS', () => {
  it('ListSubscriptionsByTopic works, but an email subscription is confirmed at once (never PendingConfirmation)', async () => {
    const topic = org.management.topics[0]!;
    const subscriptions = value(
      await probe('SNS ListSubscriptionsByTopic', () =>
        management.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic.arn })),
      ),
    ).Subscriptions!;
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({ Protocol: 'email', Endpoint: topic.subscriptions[0]!.endpoint });
    expect(subscriptions[0]?.SubscriptionArn).not.toBe('PendingConfirmation');
    expect(subscriptions[0]?.SubscriptionArn).toMatch(new RegExp(`^${topic.arn}:[0-9a-f-]{36}$`));
    const attributes = value(
      await probe('SNS GetSubscriptionAttributes', () =>
        management.sns.send(
          new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptions[0]!.SubscriptionArn! }),
        ),
      ),
    ).Attributes!;
    expect(attributes.PendingConfirmation).toBe('false');
  });
});

describe('BCM Recommended Actions', () => {
  it('ListRecommendedActions is not implemented: moto has no such service', async () => {
    const error = failure(
      await probe('BCMRecommendedActions ListRecommendedActions', () =>
        management.recommendedActions.send(new ListRecommendedActionsCommand({})),
      ),
    );
    expect(error.httpStatusCode).toBe(500);
    expect(error.moto).toBe(
      'Unable to find appropriate backend for bcm-recommended-actions.us-east-1.amazonaws.com',
    );
  });
});

describe('CloudWatch', () => {
  it('DescribeAlarms works, with the alarm’s SNS actions', async () => {
    const alarms = value(
      await probe('CloudWatch DescribeAlarms', () =>
        management.cloudwatch.send(new DescribeAlarmsCommand({})),
      ),
    ).MetricAlarms!;
    expect(alarms.map((a) => [a.AlarmName, a.Namespace, a.MetricName, a.AlarmActions])).toEqual(
      org.management.alarms.map((a) => [a.name, 'AWS/Billing', 'EstimatedCharges', a.actions]),
    );
  });
});

describe('the recorder', () => {
  it('saw every probe, and only read operations after the fixture', () => {
    expect(
      management.recorder.unexpected([
        'IAM:*',
        'STS:*',
        'Account:*',
        'Organizations:*',
        'Route53:*',
        'Route53Domains:*',
        'Budgets:*',
        'SNS:*',
        'BCMRecommendedActions:*',
        'CloudWatch:*',
      ]),
    ).toEqual([]);
    const writes = management.recorder
      .operations()
      .filter((op) => /:(Create|Enable|Put|Delete|Update)/.test(op));
    // The only writes are the two root-MFA experiments.
    expect(writes).toEqual(['IAM:CreateVirtualMFADevice', 'IAM:EnableMFADevice']);
    expect(management.recorder.records.every((r) => r.hostname === '127.0.0.1')).toBe(true);
  });
});
