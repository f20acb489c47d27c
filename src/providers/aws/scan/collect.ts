/**
 * Collectors: what the scanner reads in one account, fact by fact. Each fact is read through `attempt`, which
 * turns AccessDenied, an API the endpoint lacks, throttling past the retries and timeouts into an unknown
 * fact naming the action that failed — never into a safe-looking empty value.
 */

import {
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
import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListMFADevicesCommand,
  paginateListRoles,
  paginateListUsers,
  paginateListVirtualMFADevices,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { paginateListHostedZones } from '@aws-sdk/client-route-53';
import { GetDomainDetailCommand, paginateListDomains } from '@aws-sdk/client-route-53-domains';
import { paginateListSubscriptionsByTopic } from '@aws-sdk/client-sns';
import { paginateDescribeAlarms, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { ClientPool } from './clients.js';
import type {
  AccountFacts,
  AlternateContactType,
  BillingAlarmFact,
  BillingPrincipalFact,
  BudgetFact,
  ContactFact,
  DomainFact,
  Fact,
  HostedZoneFact,
  MfaDeviceFact,
  RecommendedActionFact,
  RootCredentialReportRow,
  UnknownReason,
} from './facts.js';

/** The payments actions that replaced aws-portal:ModifyPaymentMethods: any one lets a principal pay. */
export const paymentActions = [
  'payments:CreatePaymentInstrument',
  'payments:UpdatePaymentPreferences',
  'payments:MakePayment',
] as const;

/** Reads one fact; any failure becomes an unknown fact with the reason and the action that failed. */
export async function attempt<T>(action: string, read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { status: 'seen', value: await read(), action };
  } catch (error) {
    return { status: 'unknown', reason: classify(error), action, message: describe(error) };
  }
}

export function classify(error: unknown): UnknownReason {
  const name = error instanceof Error ? error.name : '';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (
    /AccessDenied|Unauthorized|AuthorizationError|NotAuthorized|InvalidClientTokenId|ExpiredToken/i.test(
      name,
    ) ||
    status === 403
  ) {
    return 'access-denied';
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name) || status === 429)
    return 'throttled';
  if (/Timeout|AbortError|TimedOut/i.test(name)) return 'timeout';
  // An endpoint without the API (an emulator) answers with an HTML error page the SDK cannot parse.
  if (
    error instanceof Error &&
    /Deserialization error/.test(error.message) &&
    /<!doctype|<html/i.test(error.message)
  ) {
    return 'not-available';
  }
  if (
    /NotImplemented|UnknownOperation|InvalidAction|UnsupportedOperation|UnrecognizedClient|NotFound$/i.test(
      name,
    ) ||
    status === 404 ||
    status === 501
  ) {
    return 'not-available';
  }
  return 'error';
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}

export interface AccountContext {
  pool: ClientPool;
  accountId: string;
  /** A pool in the management account, for the Account API's member operations. */
  management?: ClientPool | undefined;
}

export async function collectRootFacts(
  context: AccountContext,
): Promise<
  Pick<
    AccountFacts,
    'rootMfaEnabled' | 'rootAccessKeysPresent' | 'rootCredentialReport' | 'rootVirtualMfaDevices'
  >
> {
  const iam = context.pool.iam();
  const summary = await attempt(
    'iam:GetAccountSummary',
    async () => (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {},
  );
  const fromSummary = (key: 'AccountMFAEnabled' | 'AccountAccessKeysPresent'): Fact<boolean> =>
    summary.status === 'seen'
      ? { status: 'seen', value: (summary.value[key] ?? 0) > 0, action: summary.action }
      : summary;
  return {
    rootMfaEnabled: fromSummary('AccountMFAEnabled'),
    rootAccessKeysPresent: fromSummary('AccountAccessKeysPresent'),
    rootCredentialReport: await attempt('iam:GetCredentialReport', () => rootReportRow(context.pool)),
    rootVirtualMfaDevices: await attempt('iam:ListVirtualMFADevices', async () => {
      const devices: MfaDeviceFact[] = [];
      for await (const page of paginateListVirtualMFADevices(
        { client: iam },
        { AssignmentStatus: 'Assigned' },
      )) {
        for (const device of page.VirtualMFADevices ?? []) {
          // Root's devices are the ones assigned to an ARN ending in :root, whatever their serial's name.
          if (device.User?.Arn?.endsWith(':root')) {
            devices.push({
              serialNumber: device.SerialNumber ?? '',
              kind: 'virtual',
              enabledAt: device.EnableDate?.toISOString(),
            });
          }
        }
      }
      return devices;
    }),
  };
}

async function rootReportRow(pool: ClientPool): Promise<RootCredentialReportRow> {
  const iam = pool.iam();
  // The report is generated asynchronously: ask, then poll a few times.
  for (let attemptNumber = 0; attemptNumber < 10; attemptNumber++) {
    const state = await iam.send(new GenerateCredentialReportCommand({}));
    if (state.State === 'COMPLETE') break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 200 * (attemptNumber + 1))));
  }
  const report = await iam.send(new GetCredentialReportCommand({}));
  const csv = report.Content ? Buffer.from(report.Content).toString('utf8') : '';
  const [header, ...rows] = csv.trim().split('\n');
  const columns = (header ?? '').split(',');
  const rootLine = rows.find((line) => line.startsWith('<root_account>,'));
  if (!rootLine) {
    const error = new Error('the credential report has no <root_account> row');
    error.name = 'NotImplemented';
    throw error;
  }
  const cells = rootLine.split(',');
  const cell = (name: string): string => cells[columns.indexOf(name)] ?? '';
  const used = cell('password_last_used');
  return {
    passwordEnabled: cell('password_enabled') === 'true',
    passwordLastUsed: used && used !== 'N/A' && used !== 'no_information' ? used : undefined,
    mfaActive: cell('mfa_active') === 'true',
    accessKey1Active: cell('access_key_1_active') === 'true',
    accessKey2Active: cell('access_key_2_active') === 'true',
  };
}

/** A root's MFA devices as an AssumeRoot audit session sees them (ListMFADevices without a user name). */
export async function listRootMfaDevices(rootPool: ClientPool): Promise<MfaDeviceFact[]> {
  const devices = (await rootPool.iam().send(new ListMFADevicesCommand({}))).MFADevices ?? [];
  return devices.map((device) => ({
    serialNumber: device.SerialNumber ?? '',
    kind: mfaKind(device.SerialNumber ?? ''),
    enabledAt: device.EnableDate?.toISOString(),
  }));
}

function mfaKind(serial: string): MfaDeviceFact['kind'] {
  if (serial.includes(':mfa/')) return 'virtual';
  if (serial.includes(':u2f/')) return 'fido';
  if (/^GAHT|^[A-Z0-9]{10,}$/.test(serial)) return 'hardware-totp';
  return 'unknown';
}

export async function collectContacts(
  context: AccountContext,
): Promise<Pick<AccountFacts, 'contactInformation' | 'alternateContacts' | 'primaryEmail'>> {
  const member = context.management !== undefined;
  // From the management account for members (trusted access), from the account itself otherwise.
  const client = (context.management ?? context.pool).account();
  const accountId = member ? context.accountId : undefined;
  const contactInformation = await attempt(
    'account:GetContactInformation',
    async (): Promise<ContactFact> => {
      const info = (await client.send(new GetContactInformationCommand({ AccountId: accountId })))
        .ContactInformation;
      return { name: info?.FullName, phoneNumber: info?.PhoneNumber };
    },
  );
  const alternateContacts = await attempt('account:GetAlternateContact', async () => {
    const contacts: Partial<Record<AlternateContactType, ContactFact>> = {};
    for (const type of ['BILLING', 'OPERATIONS', 'SECURITY'] as const) {
      try {
        const contact = (
          await client.send(
            new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: type }),
          )
        ).AlternateContact;
        contacts[type] = {
          name: contact?.Name,
          email: contact?.EmailAddress,
          phoneNumber: contact?.PhoneNumber,
        };
      } catch (error) {
        // An unset alternate contact answers ResourceNotFoundException: that is a seen "none".
        if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
      }
    }
    return contacts;
  });
  const primaryEmail: Fact<string> = member
    ? await attempt('account:GetPrimaryEmail', async () => {
        const email = (await client.send(new GetPrimaryEmailCommand({ AccountId: context.accountId })))
          .PrimaryEmail;
        return email ?? '';
      })
    : {
        status: 'unknown',
        reason: 'not-available',
        action: 'account:GetPrimaryEmail',
        message:
          "no API shows a standalone or management account's own root email: declare it in the inventory",
      };
  return { contactInformation, alternateContacts, primaryEmail };
}

/** Principals other than root whose policies allow a payments action, by IAM's own policy simulator. */
export async function collectBillingPrincipals(
  context: AccountContext,
): Promise<Fact<BillingPrincipalFact[]>> {
  const iam = context.pool.iam();
  return attempt('iam:SimulatePrincipalPolicy', async () => {
    const principals: { arn: string; kind: BillingPrincipalFact['kind'] }[] = [];
    for await (const page of paginateListUsers({ client: iam }, {})) {
      for (const user of page.Users ?? []) if (user.Arn) principals.push({ arn: user.Arn, kind: 'iam-user' });
    }
    for await (const page of paginateListRoles({ client: iam }, {})) {
      for (const role of page.Roles ?? []) {
        // Service-linked roles are AWS's own and cannot be assumed by people.
        if (role.Arn && !role.Path?.startsWith('/aws-service-role/'))
          principals.push({ arn: role.Arn, kind: 'iam-role' });
      }
    }
    const payers: BillingPrincipalFact[] = [];
    for (const principal of principals) {
      const result = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: principal.arn,
          ActionNames: [...paymentActions],
        }),
      );
      const allowed = (result.EvaluationResults ?? [])
        .filter((evaluation) => evaluation.EvalDecision === 'allowed')
        .map((evaluation) => evaluation.EvalActionName ?? '');
      if (allowed.length > 0) payers.push({ ...principal, allowedActions: allowed });
    }
    return payers;
  });
}

export async function collectRecommendedActions(
  context: AccountContext,
): Promise<Fact<RecommendedActionFact[]>> {
  return attempt('bcm-recommended-actions:ListRecommendedActions', async () => {
    const actions: RecommendedActionFact[] = [];
    let nextToken: string | undefined;
    do {
      const page = await context.pool
        .recommendedActions()
        .send(new ListRecommendedActionsCommand({ nextToken }));
      for (const action of page.recommendedActions ?? []) {
        actions.push({
          type: action.type ?? 'UNKNOWN',
          severity: action.severity,
          lastUpdated: action.lastUpdatedTimeStamp,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return actions;
  });
}

export async function collectDomains(
  context: AccountContext,
): Promise<Pick<AccountFacts, 'domains' | 'hostedZones'>> {
  const domainsClient = context.pool.route53domains();
  const domains = await attempt('route53domains:ListDomains', async () => {
    const found: DomainFact[] = [];
    for await (const page of paginateListDomains({ client: domainsClient }, {})) {
      for (const summary of page.Domains ?? []) {
        if (!summary.DomainName) continue;
        const detail = await domainsClient.send(
          new GetDomainDetailCommand({ DomainName: summary.DomainName }),
        );
        const emails = [detail.RegistrantContact, detail.AdminContact, detail.TechContact]
          .map((contact) => contact?.Email)
          .filter((email): email is string => typeof email === 'string');
        found.push({
          name: summary.DomainName,
          expiresAt: (detail.ExpirationDate ?? summary.Expiry)?.toISOString(),
          autoRenew: detail.AutoRenew ?? summary.AutoRenew,
          transferLock: summary.TransferLock,
          contactEmails: [...new Set(emails)],
        });
      }
    }
    return found;
  });
  const hostedZones = await attempt('route53:ListHostedZones', async () => {
    const zones: HostedZoneFact[] = [];
    for await (const page of paginateListHostedZones({ client: context.pool.route53() }, {})) {
      for (const zone of page.HostedZones ?? []) {
        zones.push({
          id: zone.Id ?? '',
          name: (zone.Name ?? '').replace(/\.$/, ''),
          private: zone.Config?.PrivateZone ?? false,
        });
      }
    }
    return zones;
  });
  return { domains, hostedZones };
}

export async function collectBudgets(context: AccountContext): Promise<Fact<BudgetFact[]>> {
  const budgets = context.pool.budgets();
  return attempt('budgets:ViewBudget', async () => {
    const found: BudgetFact[] = [];
    const list = await budgets.send(new DescribeBudgetsCommand({ AccountId: context.accountId }));
    for (const budget of list.Budgets ?? []) {
      const name = budget.BudgetName ?? '';
      const subscribers: BudgetFact['subscribers'] = [];
      const notifications = await budgets.send(
        new DescribeNotificationsForBudgetCommand({ AccountId: context.accountId, BudgetName: name }),
      );
      for (const notification of notifications.Notifications ?? []) {
        const result = await budgets.send(
          new DescribeSubscribersForNotificationCommand({
            AccountId: context.accountId,
            BudgetName: name,
            Notification: notification,
          }),
        );
        for (const subscriber of result.Subscribers ?? []) {
          const type = subscriber.SubscriptionType === 'SNS' ? 'SNS' : 'EMAIL';
          subscribers.push({
            type,
            address: subscriber.Address ?? '',
            confirmed:
              type === 'SNS' ? await topicHasConfirmedSubscriber(context, subscriber.Address ?? '') : true,
          });
        }
      }
      found.push({ name, subscribers });
    }
    return found;
  });
}

export async function collectBillingAlarms(context: AccountContext): Promise<Fact<BillingAlarmFact[]>> {
  return attempt('cloudwatch:DescribeAlarms', async () => {
    const alarms: BillingAlarmFact[] = [];
    // DescribeAlarms cannot filter by metric server-side; 100 per page keeps it to one call in most accounts.
    for await (const page of paginateDescribeAlarms(
      { client: context.pool.cloudwatch() },
      { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 },
    )) {
      for (const alarm of page.MetricAlarms ?? []) {
        if (!watchesEstimatedCharges(alarm)) continue;
        const actions: BillingAlarmFact['actions'] = [];
        for (const action of alarm.AlarmActions ?? []) {
          if (action.startsWith('arn:aws:sns:')) {
            actions.push({ topicArn: action, confirmed: await topicHasConfirmedSubscriber(context, action) });
          }
        }
        alarms.push({
          name: alarm.AlarmName ?? '',
          actionsEnabled: alarm.ActionsEnabled ?? false,
          state: alarm.StateValue,
          actions,
        });
      }
    }
    return alarms;
  });
}

/** An alarm on AWS/Billing EstimatedCharges, directly or through one of its metric-math queries. */
function watchesEstimatedCharges(alarm: MetricAlarm): boolean {
  const billing = (namespace: string | undefined, metricName: string | undefined): boolean =>
    namespace === 'AWS/Billing' && metricName === 'EstimatedCharges';
  return (
    billing(alarm.Namespace, alarm.MetricName) ||
    (alarm.Metrics ?? []).some((query) =>
      billing(query.MetricStat?.Metric?.Namespace, query.MetricStat?.Metric?.MetricName),
    )
  );
}

/** Topics already judged in an account (per client pool): a budget and an alarm often share one. */
const topicVerdicts = new WeakMap<ClientPool, Map<string, Promise<boolean | 'unknown'>>>();

/** An SNS topic reaches someone only through a confirmed subscription; pending ones reach nobody. */
function topicHasConfirmedSubscriber(
  context: AccountContext,
  topicArn: string,
): Promise<boolean | 'unknown'> {
  let verdicts = topicVerdicts.get(context.pool);
  if (verdicts === undefined) {
    verdicts = new Map();
    topicVerdicts.set(context.pool, verdicts);
  }
  let verdict = verdicts.get(topicArn);
  if (verdict === undefined) {
    verdict = readTopicSubscriptions(context, topicArn);
    verdicts.set(topicArn, verdict);
  }
  return verdict;
}

async function readTopicSubscriptions(
  context: AccountContext,
  topicArn: string,
): Promise<boolean | 'unknown'> {
  const fact = await attempt('sns:ListSubscriptionsByTopic', async () => {
    // SNS answers only in the topic's own region (arn:aws:sns:REGION:ACCOUNT:NAME).
    const region = topicArn.split(':')[3] || undefined;
    for await (const page of paginateListSubscriptionsByTopic(
      { client: context.pool.sns(region) },
      { TopicArn: topicArn },
    )) {
      const confirmed = (page.Subscriptions ?? []).some(
        (subscription) =>
          subscription.SubscriptionArn !== undefined &&
          subscription.SubscriptionArn !== 'PendingConfirmation',
      );
      if (confirmed) return true;
    }
    return false;
  });
  return fact.status === 'seen' ? fact.value : 'unknown';
}
