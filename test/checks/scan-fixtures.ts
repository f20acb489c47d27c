/**
 * Scan results for check tests: a healthy account where every fact was seen, with the actions the scanner
 * really names, so each case overrides only the facts its check reads.
 */
import {
  everyFactUnknown,
  type AccountFacts,
  type ScanResult,
  type UnknownFact,
  type UnknownReason,
} from '../../src/providers/aws/scan/facts.js';
import { seen, unknownFact } from '../support/scan-facts.js';
import { accountId } from './check-tester.js';

export { seen };

/** The IAM action behind each fact, as the collectors name it. */
export const actions = {
  reached: 'sts:GetCallerIdentity',
  assumeRole: 'sts:AssumeRole',
  summary: 'iam:GetAccountSummary',
  credentialReport: 'iam:GetCredentialReport',
  virtualMfa: 'iam:ListVirtualMFADevices',
  rootAudit: 'sts:AssumeRoot',
  contactInformation: 'account:GetContactInformation',
  alternateContacts: 'account:GetAlternateContact',
  primaryEmail: 'account:GetPrimaryEmail',
  billingPrincipals: 'iam:SimulatePrincipalPolicy',
  recommendedActions: 'bcm-recommended-actions:ListRecommendedActions',
  domains: 'route53domains:ListDomains',
  hostedZones: 'route53:ListHostedZones',
  budgets: 'budgets:ViewBudget',
  billingAlarms: 'cloudwatch:DescribeAlarms',
  organizationFeatures: 'iam:ListOrganizationsFeatures',
  listAccounts: 'organizations:ListAccounts',
} as const;

export function unknown(
  reason: UnknownReason,
  action: string,
  message = `${reason} on ${action}`,
): UnknownFact {
  return unknownFact(reason, action, message);
}

/** A healthy standalone account `111122223333` where every fact was seen; `overrides` replace whole facts. */
export function accountFacts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    accountId,
    name: 'personal',
    organizationRole: 'standalone',
    reached: seen(true, actions.reached),
    rootMfaEnabled: seen(true, actions.summary),
    rootAccessKeysPresent: seen(false, actions.summary),
    rootCredentialReport: seen(
      {
        passwordEnabled: false,
        mfaActive: true,
        accessKey1Active: false,
        accessKey2Active: false,
      },
      actions.credentialReport,
    ),
    rootVirtualMfaDevices: seen([], actions.virtualMfa),
    rootMfaDevices: seen(
      [{ serialNumber: 'arn:aws:iam::111122223333:u2f/root/key-a', kind: 'fido' }],
      actions.rootAudit,
    ),
    contactInformation: seen(
      { name: 'Alex Example', phoneNumber: '+81 80-0000-0002' },
      actions.contactInformation,
    ),
    alternateContacts: seen(
      { BILLING: { name: 'Billing', email: 'billing@example.org', phoneNumber: '+81 80-0000-0003' } },
      actions.alternateContacts,
    ),
    primaryEmail: seen('root@example.com', actions.primaryEmail),
    billingPrincipals: seen([], actions.billingPrincipals),
    recommendedActions: seen([], actions.recommendedActions),
    domains: seen([], actions.domains),
    hostedZones: seen([], actions.hostedZones),
    budgets: seen(
      [{ name: 'monthly', subscribers: [{ type: 'EMAIL', address: 'alex@example.org', confirmed: true }] }],
      actions.budgets,
    ),
    billingAlarms: seen([], actions.billingAlarms),
    ...overrides,
  };
}

/** A member the scanner could not enter: every fact unknown with the reason AssumeRole gave, as scan.ts builds it. */
export function unreachedMember(
  id: string,
  overrides: Partial<AccountFacts> = {},
  reason: UnknownReason = 'access-denied',
): AccountFacts {
  const failed = unknown(
    reason,
    actions.assumeRole,
    'AccessDenied: not authorized to perform sts:AssumeRole',
  );
  return {
    ...everyFactUnknown(failed),
    accountId: id,
    name: 'workloads',
    organizationRole: 'member',
    state: 'ACTIVE',
    ...overrides,
  };
}

/** A scan of the given accounts (one healthy standalone account by default), run from the first of them. */
export function scanResult(
  accounts: AccountFacts[] = [accountFacts()],
  fields: Partial<Omit<ScanResult, 'accounts'>> = {},
): ScanResult {
  return {
    startedAt: '2024-06-01T09:00:00.000Z',
    finishedAt: '2024-06-01T09:01:00.000Z',
    callerAccountId: accounts[0]?.accountId ?? accountId,
    region: 'us-east-1',
    accounts,
    stats: {
      apiCalls: 40,
      retries: 0,
      accountsReached: accounts.filter((account) => account.reached.status === 'seen').length,
      accountsFailed: accounts.filter((account) => account.reached.status !== 'seen').length,
    },
    ...fields,
  };
}

/** A scan with one healthy standalone account whose facts are `overrides` on top of the defaults. */
export function scanOf(overrides: Partial<AccountFacts> = {}): ScanResult {
  return scanResult([accountFacts(overrides)]);
}
