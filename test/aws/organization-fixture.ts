// Test support: build, through the AWS SDK against moto, an AWS Organization shaped like a real one, and describe
// what was built so that live-scan tests can assert against it.
//
//   await resetMoto(moto.url);
//   const org = await buildOrganization(moto.url, { members: 3 });
//   org.management.users.filter((u) => u.canPay) ...
//
// The management account is moto's default account 123456789012 (root email master@example.com: moto fixes it).
// It creates the organization (all features) and N member accounts, then reaches each member the way an owner
// would, by sts:AssumeRole into arn:aws:iam::<member>:role/OrganizationAccountAccessRole: in moto the credentials
// AssumeRole returns act in the role's account (moto files their access key under that account). The role need
// not exist for moto (it checks neither trust nor permissions); moto's CreateAccount makes it, with its trust
// policy but no permissions, and the fixture gives it an inline equivalent of AdministratorAccess, as AWS would.
//
// What the accounts hold follows fixed rules on the member's number (see memberPlan), and moto's random generator
// is seeded first: on a fresh or reset server, the same options give the same account ids, user ids and zone ids.
//
// What moto 5.2.1 cannot hold, and the fixture therefore does not build (see test/aws/MOTO.md):
// - a root MFA device: EnableMFADevice needs a user name, and root is none (NoSuchEntity); AccountMFAEnabled stays 0;
// - a pending email subscription: moto confirms every subscription at once (PendingConfirmation false);
// - budget subscribers can be created but not read back (DescribeSubscribersForNotification is not implemented);
// - a contact phone number (GetContactInformation/PutContactInformation are not implemented).
import { PutAlternateContactCommand, type AlternateContactType } from '@aws-sdk/client-account';
import { CreateBudgetCommand, type NotificationWithSubscribers } from '@aws-sdk/client-budgets';
import { PutMetricAlarmCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  type CreateAccountStatus,
} from '@aws-sdk/client-organizations';
import { CreateHostedZoneCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { RegisterDomainCommand, type ContactDetail } from '@aws-sdk/client-route-53-domains';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { FAKE_CREDENTIALS, MOTO_DEFAULT_ACCOUNT, seedMoto, type StaticCredentials } from './moto-server.js';
import { OperationRecorder, recordingClients, type RecordingClients } from './recorder.js';

/** The root mail domain: every root email of the organization is at this domain (moto fixes the management's). */
export const ROOT_MAIL_DOMAIN = 'example.com';

/** The role AWS creates in accounts made by CreateAccount, and that the management account assumes. */
export const ORGANIZATION_ROLE = 'OrganizationAccountAccessRole';

/** A CloudWatch billing alarm as the console makes it: estimated charges over 100 USD, notifying `actions`. */
export function putBillingAlarm(
  cloudwatch: Pick<CloudWatchClient, 'send'>,
  name: string,
  actions: string[],
  enabled = true,
): Promise<unknown> {
  return cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      Statistic: 'Maximum',
      Period: 21_600,
      EvaluationPeriods: 1,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      ActionsEnabled: enabled,
      AlarmActions: actions,
    }),
  );
}

/** What an IAM user's policy allows, as far as paying goes. */
export type UserKind =
  /** Allow payments:* (and billing reads): can change the payment method (given billing access is activated). */
  | 'payer'
  /** Allow *:* : can pay too, by policy. */
  | 'admin'
  /** Allow *:* but Deny payments:* : cannot pay. */
  | 'admin-denied-payments'
  /** Allow a few workload services only: cannot pay. */
  | 'developer';

export interface BuiltUser {
  name: string;
  arn: string;
  /** moto's generated user id (AIDA...). */
  userId: string;
  kind: UserKind;
  /** Whether its policies allow payments:* (ModifyPaymentMethods and friends). */
  canPay: boolean;
  /** Name of its inline policy. */
  policyName: string;
  /** The policy document, as sent. */
  policy: PolicyDocument;
  /** Serial numbers (ARNs) of its virtual MFA devices. */
  mfaDevices: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Effect: 'Allow' | 'Deny'; Action: string | string[]; Resource: string }[];
}

export interface BuiltAlternateContact {
  name: string;
  title: string;
  emailAddress: string;
  phoneNumber: string;
}

export interface BuiltHostedZone {
  /** "/hostedzone/..." as Route 53 gives it. */
  id: string;
  /**
   * As Route 53 lists it: "internal.example.com." for a zone made by CreateHostedZone, but "example.com" (no final
   * dot, a moto quirk) for one that RegisterDomain made.
   */
  name: string;
  /** Whether Route 53 Domains created it while registering the domain of the same name. */
  fromRegistration: boolean;
}

export interface BuiltSubscriber {
  type: 'EMAIL' | 'SNS';
  address: string;
}

export interface BuiltNotification {
  notificationType: 'ACTUAL' | 'FORECASTED';
  comparisonOperator: 'GREATER_THAN';
  threshold: number;
  thresholdType: 'PERCENTAGE';
  subscribers: BuiltSubscriber[];
}

export interface BuiltBudget {
  name: string;
  limitUsd: number;
  notifications: BuiltNotification[];
}

export interface BuiltTopic {
  arn: string;
  name: string;
  /** Subscriptions as requested; moto confirms them at once, where AWS would leave email ones pending. */
  subscriptions: { protocol: 'email'; endpoint: string }[];
}

export interface BuiltAlarm {
  name: string;
  /** SNS topics the alarm notifies. */
  actions: string[];
}

export interface BuiltAccount {
  id: string;
  name: string;
  /** Root user's email. */
  email: string;
  role: 'management' | 'member';
  /** Member number, 1..N (0 for the management account). */
  index: number;
  /** Credentials that act in this account (assumed role for members; the fake default ones for management). */
  credentials: StaticCredentials;
  users: BuiltUser[];
  /** Names of the users whose policies allow payments:* (root can always pay and is not listed). */
  payers: string[];
  /** Root MFA devices: always empty, as moto cannot attach an MFA device to root. */
  rootMfaDevices: string[];
  hostedZones: BuiltHostedZone[];
  /** Domain names registered through Route 53 Domains in this account. */
  domains: string[];
  budgets: BuiltBudget[];
  alternateContacts: Partial<Record<AlternateContactType, BuiltAlternateContact>>;
  topics: BuiltTopic[];
  alarms: BuiltAlarm[];
}

export interface BuiltOrganization {
  id: string;
  arn: string;
  featureSet: 'ALL';
  managementAccountId: string;
  management: BuiltAccount;
  members: BuiltAccount[];
  /** Management first, then members in creation order. */
  accounts: BuiltAccount[];
  /** Every operation the fixture sent, with counts. */
  calls: Map<string, number>;
  /** Wall-clock milliseconds the build took. */
  buildMs: number;
}

export interface BuildOptions {
  /** Number of member accounts (the management account comes on top). */
  members: number;
  /** Seed for moto's random generator (default 20220630); null leaves it alone. */
  seed?: number | null;
}

const PAYMENTS_ACTIONS = ['payments:*', 'aws-portal:ViewBilling', 'billing:Get*', 'billing:List*'];

export function policyFor(kind: UserKind): PolicyDocument {
  switch (kind) {
    case 'payer':
      return {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: PAYMENTS_ACTIONS, Resource: '*' }],
      };
    case 'admin':
      return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    case 'admin-denied-payments':
      return {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'payments:*', Resource: '*' },
        ],
      };
    case 'developer':
      return {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['ec2:*', 's3:*', 'lambda:*', 'route53:*'], Resource: '*' }],
      };
  }
}

export function canPay(kind: UserKind): boolean {
  return kind === 'payer' || kind === 'admin';
}

/** What one account gets. Exported so that tests can state expectations without building. */
export interface AccountPlan {
  users: { name: string; kind: UserKind; mfa: boolean }[];
  alternateContacts: AlternateContactType[];
  hostedZones: string[];
  domains: string[];
  budget: 'none' | 'email' | 'email-and-sns';
  topic: boolean;
  alarm: boolean;
}

export function memberName(index: number, members: number): string {
  return `member-${String(index).padStart(Math.max(2, String(members).length), '0')}`;
}

export function memberEmail(index: number, members: number): string {
  return `aws+${memberName(index, members)}@${ROOT_MAIL_DOMAIN}`;
}

/** The management account: everything, like the incident's single account grown into an organization. */
export const managementPlan: AccountPlan = {
  users: [
    { name: 'owner-admin', kind: 'admin', mfa: true },
    { name: 'billing-manager', kind: 'payer', mfa: true },
    { name: 'ops', kind: 'admin-denied-payments', mfa: false },
    { name: 'ci-deployer', kind: 'developer', mfa: false },
  ],
  alternateContacts: ['BILLING', 'OPERATIONS', 'SECURITY'],
  // The root mail domain is registered here (which creates its hosted zone): the cycle worth flagging.
  hostedZones: [`internal.${ROOT_MAIL_DOMAIN}`],
  domains: [ROOT_MAIL_DOMAIN],
  budget: 'email-and-sns',
  topic: true,
  alarm: true,
};

/**
 * Member number `index` (1-based):
 * - every odd member has a developer user `dev-NN` with MFA;
 * - members 1, 5, 9... have a payer `billing-NN` (no MFA); members 3, 7, 11... an admin `admin-NN` with MFA who
 *   is denied payments;
 * - alternate contacts: all three when index % 3 == 1, BILLING only when index % 3 == 0, none otherwise;
 * - a hosted zone `member-NN.example.com` when index % 5 == 0 (a workload zone);
 * - a registered domain `lockout-member-NN.com` (and its zone) when index % 10 == 2: domains in a member;
 * - a budget: with an EMAIL subscriber when index % 4 == 2, with EMAIL and SNS (own topic) when index % 8 == 4.
 */
export function memberPlan(index: number, members: number): AccountPlan {
  const suffix = memberName(index, members).slice('member-'.length);
  const users: AccountPlan['users'] = [];
  if (index % 2 === 1) users.push({ name: `dev-${suffix}`, kind: 'developer', mfa: true });
  if (index % 4 === 1) users.push({ name: `billing-${suffix}`, kind: 'payer', mfa: false });
  if (index % 4 === 3) users.push({ name: `admin-${suffix}`, kind: 'admin-denied-payments', mfa: true });
  const alternateContacts: AlternateContactType[] =
    index % 3 === 1 ? ['BILLING', 'OPERATIONS', 'SECURITY'] : index % 3 === 0 ? ['BILLING'] : [];
  const budget: AccountPlan['budget'] =
    index % 8 === 4 ? 'email-and-sns' : index % 4 === 2 ? 'email' : 'none';
  return {
    users,
    alternateContacts,
    hostedZones: index % 5 === 0 ? [`${memberName(index, members)}.${ROOT_MAIL_DOMAIN}`] : [],
    domains: index % 10 === 2 ? [`lockout-${memberName(index, members)}.com`] : [],
    budget,
    topic: budget === 'email-and-sns',
    alarm: false,
  };
}

function contactFor(type: AlternateContactType, account: string): BuiltAlternateContact {
  const who = type.toLowerCase();
  return {
    name: `${type[0]}${who.slice(1)} Contact ${account}`,
    title: `${type[0]}${who.slice(1)} lead`,
    emailAddress: `${who}+${account}@${ROOT_MAIL_DOMAIN}`,
    phoneNumber: '+81-3-5555-0100',
  };
}

const REGISTRANT: ContactDetail = {
  FirstName: 'Owner',
  LastName: 'Example',
  ContactType: 'PERSON',
  AddressLine1: '1-1 Chiyoda',
  City: 'Tokyo',
  CountryCode: 'JP',
  ZipCode: '1000001',
  PhoneNumber: '+81.355550100',
  Email: `owner@${ROOT_MAIL_DOMAIN}`,
};

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CreateAccount, then DescribeCreateAccountStatus until it settles (moto answers SUCCEEDED at once). */
async function createAccount(clients: RecordingClients, name: string, email: string): Promise<string> {
  const created = await clients.organizations.send(
    new CreateAccountCommand({ AccountName: name, Email: email }),
  );
  let status: CreateAccountStatus | undefined = created.CreateAccountStatus;
  for (let poll = 0; status?.State === 'IN_PROGRESS' && poll < 100; poll++) {
    await sleep(100);
    const described = await clients.organizations.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id }),
    );
    status = described.CreateAccountStatus;
  }
  if (status?.State !== 'SUCCEEDED' || status.AccountId === undefined) {
    throw new Error(
      `CreateAccount ${name} did not succeed: ${status?.State ?? 'no status'} ${status?.FailureReason ?? ''}`,
    );
  }
  return status.AccountId;
}

async function assumeOrganizationRole(
  clients: RecordingClients,
  accountId: string,
): Promise<StaticCredentials> {
  const assumed = await clients.sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${ORGANIZATION_ROLE}`,
      RoleSessionName: 'lockout-fixture',
    }),
  );
  const credentials = assumed.Credentials;
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    throw new Error(`AssumeRole into ${accountId} returned no credentials`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
  };
}

/** Builds one account's contents with `inside` (clients acting in the account) and `management`. */
async function populate(
  account: BuiltAccount,
  plan: AccountPlan,
  inside: RecordingClients,
  management: RecordingClients,
): Promise<void> {
  const { iam } = inside;
  if (account.role === 'member') {
    // moto's CreateAccount makes the role with its trust policy but no permissions; AWS attaches
    // AdministratorAccess, which moto lacks unless it loads AWS's managed policies (slow): an inline equivalent.
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: ORGANIZATION_ROLE,
        PolicyName: 'AdministratorAccess',
        PolicyDocument: JSON.stringify(policyFor('admin')),
      }),
    );
  }

  for (const planned of plan.users) {
    const created = await iam.send(new CreateUserCommand({ UserName: planned.name }));
    const policy = policyFor(planned.kind);
    const policyName = `${planned.kind}-policy`;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: planned.name,
        PolicyName: policyName,
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const user: BuiltUser = {
      name: planned.name,
      arn: created.User?.Arn ?? `arn:aws:iam::${account.id}:user/${planned.name}`,
      userId: created.User?.UserId ?? '',
      kind: planned.kind,
      canPay: canPay(planned.kind),
      policyName,
      policy,
      mfaDevices: [],
    };
    if (planned.mfa) {
      const device = await iam.send(
        new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: planned.name }),
      );
      const serial =
        device.VirtualMFADevice?.SerialNumber ?? `arn:aws:iam::${account.id}:mfa/${planned.name}`;
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: planned.name,
          SerialNumber: serial,
          AuthenticationCode1: '123456',
          AuthenticationCode2: '654321',
        }),
      );
      user.mfaDevices.push(serial);
    }
    account.users.push(user);
    if (user.canPay) account.payers.push(user.name);
  }

  // Alternate contacts are set from the management account, for members through AccountId (trusted access).
  for (const type of plan.alternateContacts) {
    const contact = contactFor(type, account.name);
    await management.account.send(
      new PutAlternateContactCommand({
        ...(account.role === 'member' ? { AccountId: account.id } : {}),
        AlternateContactType: type,
        Name: contact.name,
        Title: contact.title,
        EmailAddress: contact.emailAddress,
        PhoneNumber: contact.phoneNumber,
      }),
    );
    account.alternateContacts[type] = contact;
  }

  for (const domain of plan.domains) {
    await inside.route53domains.send(
      new RegisterDomainCommand({
        DomainName: domain,
        // moto refuses 1 year: "ExpirationDate must by between 1 and 10 years from now".
        DurationInYears: 2,
        AutoRenew: true,
        AdminContact: REGISTRANT,
        RegistrantContact: REGISTRANT,
        TechContact: REGISTRANT,
      }),
    );
    account.domains.push(domain);
    // moto names the zone it makes without the final dot ("example.com"), so ListHostedZonesByName misses it.
    const zones = await inside.route53.send(new ListHostedZonesCommand({}));
    const zone = zones.HostedZones?.find((candidate) => candidate.Name?.replace(/\.$/, '') === domain);
    if (zone?.Id === undefined || zone.Name === undefined) {
      throw new Error(`RegisterDomain ${domain} made no hosted zone`);
    }
    account.hostedZones.push({ id: zone.Id, name: zone.Name, fromRegistration: true });
  }

  for (const name of plan.hostedZones) {
    const created = await inside.route53.send(
      new CreateHostedZoneCommand({ Name: name, CallerReference: `lockout-fixture-${account.id}-${name}` }),
    );
    account.hostedZones.push({ id: created.HostedZone?.Id ?? '', name: `${name}.`, fromRegistration: false });
  }

  let topicArn: string | undefined;
  if (plan.topic) {
    const name = 'billing-alerts';
    const topic = await inside.sns.send(new CreateTopicCommand({ Name: name }));
    topicArn = topic.TopicArn ?? `arn:aws:sns:us-east-1:${account.id}:${name}`;
    const endpoint = `billing-alerts+${account.name}@${ROOT_MAIL_DOMAIN}`;
    await inside.sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: endpoint }),
    );
    account.topics.push({ arn: topicArn, name, subscriptions: [{ protocol: 'email', endpoint }] });
  }

  if (plan.budget !== 'none') {
    const email: BuiltSubscriber = { type: 'EMAIL', address: `budget+${account.name}@${ROOT_MAIL_DOMAIN}` };
    const actual: BuiltNotification = {
      notificationType: 'ACTUAL',
      comparisonOperator: 'GREATER_THAN',
      threshold: 80,
      thresholdType: 'PERCENTAGE',
      subscribers: [email],
    };
    const notifications = [actual];
    if (plan.budget === 'email-and-sns' && topicArn !== undefined) {
      actual.subscribers.push({ type: 'SNS', address: topicArn });
      notifications.push({
        notificationType: 'FORECASTED',
        comparisonOperator: 'GREATER_THAN',
        threshold: 100,
        thresholdType: 'PERCENTAGE',
        subscribers: [{ type: 'SNS', address: topicArn }],
      });
    }
    const budget: BuiltBudget = { name: 'monthly-total', limitUsd: 100, notifications };
    const withSubscribers: NotificationWithSubscribers[] = notifications.map((notification) => ({
      Notification: {
        NotificationType: notification.notificationType,
        ComparisonOperator: notification.comparisonOperator,
        Threshold: notification.threshold,
        ThresholdType: notification.thresholdType,
      },
      Subscribers: notification.subscribers.map((subscriber) => ({
        SubscriptionType: subscriber.type,
        Address: subscriber.address,
      })),
    }));
    await inside.budgets.send(
      new CreateBudgetCommand({
        AccountId: account.id,
        Budget: {
          BudgetName: budget.name,
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: String(budget.limitUsd), Unit: 'USD' },
        },
        NotificationsWithSubscribers: withSubscribers,
      }),
    );
    account.budgets.push(budget);
  }

  if (plan.alarm && topicArn !== undefined) {
    const name = 'estimated-charges-over-100-usd';
    await putBillingAlarm(inside.cloudwatch, name, [topicArn]);
    account.alarms.push({ name, actions: [topicArn] });
  }
}

function emptyAccount(
  id: string,
  name: string,
  email: string,
  role: BuiltAccount['role'],
  index: number,
  credentials: StaticCredentials,
): BuiltAccount {
  return {
    id,
    name,
    email,
    role,
    index,
    credentials,
    users: [],
    payers: [],
    rootMfaDevices: [],
    hostedZones: [],
    domains: [],
    budgets: [],
    alternateContacts: {},
    topics: [],
    alarms: [],
  };
}

/**
 * Builds the organization on the emulator at `url`, which should be fresh or reset (resetMoto) first: the
 * management account must not be in an organization yet. Sequential on purpose: one call at a time keeps the ids
 * that moto draws in a fixed order, and the emulator is single-process anyway.
 */
export async function buildOrganization(url: string, options: BuildOptions): Promise<BuiltOrganization> {
  const started = performance.now();
  const { members } = options;
  if (!Number.isInteger(members) || members < 0)
    throw new Error(`members must be a whole number: ${members}`);
  const seed = options.seed === undefined ? 20220630 : options.seed;
  if (seed !== null) await seedMoto(url, seed);

  const recorder = new OperationRecorder();
  const management = recordingClients(url, { recorder });
  const opened: RecordingClients[] = [management];
  try {
    const created = await management.organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const organization = created.Organization;
    if (organization?.Id === undefined || organization.Arn === undefined) {
      throw new Error('CreateOrganization returned no organization');
    }
    const managementAccountId = organization.MasterAccountId ?? MOTO_DEFAULT_ACCOUNT;
    const managementAccount = emptyAccount(
      managementAccountId,
      'master',
      organization.MasterAccountEmail ?? `master@${ROOT_MAIL_DOMAIN}`,
      'management',
      0,
      { ...FAKE_CREDENTIALS },
    );

    const memberAccounts: BuiltAccount[] = [];
    for (let index = 1; index <= members; index++) {
      const name = memberName(index, members);
      const email = memberEmail(index, members);
      const id = await createAccount(management, name, email);
      memberAccounts.push(emptyAccount(id, name, email, 'member', index, { ...FAKE_CREDENTIALS }));
    }

    await populate(managementAccount, managementPlan, management, management);
    for (const account of memberAccounts) {
      account.credentials = await assumeOrganizationRole(management, account.id);
      const inside = recordingClients(url, { credentials: account.credentials, recorder });
      opened.push(inside);
      await populate(account, memberPlan(account.index, members), inside, management);
    }

    return {
      id: organization.Id,
      arn: organization.Arn,
      featureSet: 'ALL',
      managementAccountId,
      management: managementAccount,
      members: memberAccounts,
      accounts: [managementAccount, ...memberAccounts],
      calls: recorder.counts(),
      buildMs: performance.now() - started,
    };
  } finally {
    for (const clients of opened) clients.destroy();
  }
}
