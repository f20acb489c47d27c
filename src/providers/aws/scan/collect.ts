/**
 * Collectors: what the scanner reads in one account, fact by fact. Each fact is read through `attempt`, which
 * turns AccessDenied, an API the endpoint lacks, throttling past the retries, timeouts, reset connections and
 * answers without the fields the fact needs into an unknown fact naming the action that failed — never into a
 * safe-looking empty value. A field the API always returns is `required`: its absence is a malformed answer
 * (an empty 200, a proxy's page), not "none".
 */

import { setTimeout as sleep } from 'node:timers/promises';

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
  GetLoginProfileCommand,
  ListMFADevicesCommand,
  paginateListAccessKeys,
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
  RootCredentialsFact,
  UnknownReason,
} from './facts.js';
import { errorLine } from './errors.js';

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
    return { status: 'unknown', reason: classify(error), action, message: errorLine(error) };
  }
}

/** A success answer without what the fact needs, or not the API's at all. */
export class MalformedAnswerError extends Error {
  override readonly name = 'MalformedAnswer';
  constructor(what: string) {
    super(`the answer has ${what}`);
  }
}

/** A field the API always returns; absent, the answer is malformed and the fact unknown. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) throw new MalformedAnswerError(`no ${field}`);
  return value;
}

/** Node's codes for a connection closed under the request; the SDK renames these errors "TimeoutError". */
const connectionResetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function classify(error: unknown): UnknownReason {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const answered = (error as { $response?: { statusCode?: number } } | null)?.$response?.statusCode;
  if (error instanceof MalformedAnswerError) return 'malformed-answer';
  if (
    (typeof code === 'string' && connectionResetCodes.has(code)) ||
    (error instanceof Error && /socket hang up/i.test(error.message))
  ) {
    return 'connection-reset';
  }
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
  if (/Timeout|AbortError|TimedOut/i.test(name) || code === 'ETIMEDOUT') return 'timeout';
  if (error instanceof Error && /Deserialization error/.test(error.message)) {
    // A success status with a body that is not the API's (HTML, garbage): malformed, never "none".
    if (answered !== undefined && answered >= 200 && answered < 300) return 'malformed-answer';
    // An error status with a web page: a server without the API (moto's 404 "no route", its 500 for an
    // action it has not implemented), not AWS saying the fact is hidden: AWS's errors are XML or JSON.
    if (/<!doctype|<html/i.test(error.message)) return 'not-supported';
  }
  if (/NotImplemented|UnknownOperation|InvalidAction|UnsupportedOperation/i.test(name) || status === 501) {
    return 'not-supported';
  }
  // AWS's own "not found" (NoSuchEntity, ResourceNotFound…) or a token it does not know: not visible here.
  if (/UnrecognizedClient|NotFound$/i.test(name) || status === 404) return 'not-available';
  return 'error';
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
  const summary = await attempt('iam:GetAccountSummary', async () =>
    required((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap, 'SummaryMap'),
  );
  // IAM always returns both keys: a summary without one says nothing about root, it does not say "none".
  const fromSummary = (key: 'AccountMFAEnabled' | 'AccountAccessKeysPresent'): Fact<boolean> => {
    if (summary.status !== 'seen') return summary;
    const count = summary.value[key];
    if (typeof count !== 'number') return malformed(summary.action, `no ${key} in its SummaryMap`);
    return { status: 'seen', value: count > 0, action: summary.action };
  };
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
        for (const device of required(page.VirtualMFADevices, 'VirtualMFADevices')) {
          // Root's devices are the ones assigned to an ARN ending in :root, whatever their serial's name.
          if (device.User?.Arn?.endsWith(':root')) {
            devices.push({
              serialNumber: required(device.SerialNumber, 'SerialNumber'),
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

/** The credential report's columns the root row is read from. */
const reportColumns = [
  'user',
  'password_enabled',
  'password_last_used',
  'mfa_active',
  'access_key_1_active',
  'access_key_2_active',
] as const;

function malformed(action: string, what: string): Fact<never> {
  const error = new MalformedAnswerError(what);
  return { status: 'unknown', reason: 'malformed-answer', action, message: errorLine(error) };
}

async function rootReportRow(pool: ClientPool): Promise<RootCredentialReportRow> {
  const iam = pool.iam();
  // The report is generated asynchronously: ask, then poll a few times.
  for (let attemptNumber = 0; attemptNumber < 10; attemptNumber++) {
    const state = required((await iam.send(new GenerateCredentialReportCommand({}))).State, 'State');
    if (state === 'COMPLETE') break;
    // The scan's end interrupts the wait too.
    await sleep(Math.min(2000, 200 * (attemptNumber + 1)), undefined, { signal: pool.settings.signal });
  }
  const report = await iam.send(new GetCredentialReportCommand({}));
  const csv = Buffer.from(required(report.Content, 'Content')).toString('utf8');
  const [header, ...rows] = csv.trim().split('\n');
  const columns = (header ?? '').split(',');
  const missing = reportColumns.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new MalformedAnswerError(`a credential report without ${missing.join(', ')}`);
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
  const devices = required(
    (await rootPool.iam().send(new ListMFADevicesCommand({}))).MFADevices,
    'MFADevices',
  );
  return devices.map((device) => {
    const serialNumber = required(device.SerialNumber, 'SerialNumber');
    return { serialNumber, kind: mfaKind(serialNumber), enabledAt: device.EnableDate?.toISOString() };
  });
}

/**
 * Whether root has a password, in an AssumeRoot audit session: GetLoginProfile without a user name answers
 * root's login profile, or NoSuchEntity when it has none (API_GetLoginProfile: "If the user does not exist or
 * does not have a password, the operation returns a 404 (NoSuchEntity) error").
 */
export async function rootHasPassword(rootPool: ClientPool): Promise<boolean> {
  try {
    required((await rootPool.iam().send(new GetLoginProfileCommand({}))).LoginProfile, 'LoginProfile');
    return true;
  } catch (error) {
    if (noLoginProfile(error)) return false;
    throw error;
  }
}

/**
 * NoSuchEntity about the login profile. One about the user itself ("The user with name None cannot be
 * found", an emulator's answer to a call without a user name) says the session is not root's: no answer.
 */
function noLoginProfile(error: unknown): boolean {
  if (!(error instanceof Error) || !/^NoSuchEntity(Exception)?$/.test(error.name)) return false;
  return !/user with name .* cannot be found/i.test(error.message);
}

/** Root's access keys, in an AssumeRoot audit session (ListAccessKeys without a user name). */
export async function countRootAccessKeys(rootPool: ClientPool): Promise<number> {
  let keys = 0;
  for await (const page of paginateListAccessKeys({ client: rootPool.iam() }, {})) {
    keys += required(page.AccessKeyMetadata, 'AccessKeyMetadata').length;
  }
  return keys;
}

/**
 * A root's credentials from its audit session: the password and access keys read here, the MFA devices as
 * already listed. Any of them unknown makes the whole unknown: "no credentials" needs all three seen.
 */
export async function readRootCredentials(
  rootPool: ClientPool,
  mfaDevices: Fact<MfaDeviceFact[]>,
): Promise<Fact<RootCredentialsFact>> {
  const password = await attempt('iam:GetLoginProfile', () => rootHasPassword(rootPool));
  if (password.status !== 'seen') return password;
  const accessKeys = await attempt('iam:ListAccessKeys', () => countRootAccessKeys(rootPool));
  if (accessKeys.status !== 'seen') return accessKeys;
  if (mfaDevices.status !== 'seen') return mfaDevices;
  return {
    status: 'seen',
    value: { password: password.value, mfaDevices: mfaDevices.value.length, accessKeys: accessKeys.value },
    action: password.action,
  };
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
      const info = required(
        (await client.send(new GetContactInformationCommand({ AccountId: accountId }))).ContactInformation,
        'ContactInformation',
      );
      // The phone is required in every contact AWS keeps: without it the answer is not one.
      return { name: info.FullName, phoneNumber: required(info.PhoneNumber, 'PhoneNumber') };
    },
  );
  const alternateContacts = await attempt('account:GetAlternateContact', async () => {
    const contacts: Partial<Record<AlternateContactType, ContactFact>> = {};
    for (const type of ['BILLING', 'OPERATIONS', 'SECURITY'] as const) {
      try {
        const contact = required(
          (
            await client.send(
              new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: type }),
            )
          ).AlternateContact,
          'AlternateContact',
        );
        contacts[type] = {
          name: contact.Name,
          email: required(contact.EmailAddress, 'EmailAddress'),
          phoneNumber: contact.PhoneNumber,
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
        const answer = await client.send(new GetPrimaryEmailCommand({ AccountId: context.accountId }));
        return required(answer.PrimaryEmail, 'PrimaryEmail');
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
      for (const user of required(page.Users, 'Users')) {
        principals.push({ arn: required(user.Arn, 'a user Arn'), kind: 'iam-user' });
      }
    }
    for await (const page of paginateListRoles({ client: iam }, {})) {
      for (const role of required(page.Roles, 'Roles')) {
        // Service-linked roles are AWS's own and cannot be assumed by people.
        if (!role.Path?.startsWith('/aws-service-role/'))
          principals.push({ arn: required(role.Arn, 'a role Arn'), kind: 'iam-role' });
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
      // A decision for every action asked, or the principal's reach is unknown.
      const decisions = new Map(
        required(result.EvaluationResults, 'EvaluationResults').map((evaluation) => [
          evaluation.EvalActionName,
          evaluation.EvalDecision,
        ]),
      );
      const undecided = paymentActions.filter((action) => !decisions.get(action));
      if (undecided.length > 0) throw new MalformedAnswerError(`no decision for ${undecided.join(', ')}`);
      const allowed = paymentActions.filter((action) => decisions.get(action) === 'allowed');
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
      // The list is always there, empty when nothing is wrong: without it, payment trouble is unknown.
      for (const action of required(page.recommendedActions, 'recommendedActions')) {
        actions.push({
          type: required(action.type, 'an action type'),
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
      for (const summary of required(page.Domains, 'Domains')) {
        const name = required(summary.DomainName, 'a DomainName');
        const detail = await domainsClient.send(new GetDomainDetailCommand({ DomainName: name }));
        if (detail.DomainName === undefined) throw new MalformedAnswerError(`no detail for ${name}`);
        const emails = [detail.RegistrantContact, detail.AdminContact, detail.TechContact]
          .map((contact) => contact?.Email)
          .filter((email): email is string => typeof email === 'string');
        found.push({
          name,
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
      for (const zone of required(page.HostedZones, 'HostedZones')) {
        zones.push({
          id: required(zone.Id, 'a zone Id'),
          name: required(zone.Name, 'a zone Name').replace(/\.$/, ''),
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
    for (const budget of required(list.Budgets, 'Budgets')) {
      const name = required(budget.BudgetName, 'a BudgetName');
      const subscribers: BudgetFact['subscribers'] = [];
      const notifications = await budgets.send(
        new DescribeNotificationsForBudgetCommand({ AccountId: context.accountId, BudgetName: name }),
      );
      for (const notification of required(notifications.Notifications, 'Notifications')) {
        const result = await budgets.send(
          new DescribeSubscribersForNotificationCommand({
            AccountId: context.accountId,
            BudgetName: name,
            Notification: notification,
          }),
        );
        for (const subscriber of required(result.Subscribers, 'Subscribers')) {
          const type = subscriber.SubscriptionType === 'SNS' ? 'SNS' : 'EMAIL';
          const address = required(subscriber.Address, 'a subscriber Address');
          subscribers.push({
            type,
            address,
            confirmed: type === 'SNS' ? await topicHasConfirmedSubscriber(context, address) : true,
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
      for (const alarm of required(page.MetricAlarms, 'MetricAlarms')) {
        if (!watchesEstimatedCharges(alarm)) continue;
        const actions: BillingAlarmFact['actions'] = [];
        for (const action of alarm.AlarmActions ?? []) {
          if (action.startsWith('arn:aws:sns:')) {
            actions.push({ topicArn: action, confirmed: await topicHasConfirmedSubscriber(context, action) });
          }
        }
        alarms.push({
          name: required(alarm.AlarmName, 'an AlarmName'),
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
      const confirmed = required(page.Subscriptions, 'Subscriptions').some(
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
