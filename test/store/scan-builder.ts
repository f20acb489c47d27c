// Builds realistic ScanResults for tests: accounts whose facts are seen with the IAM action they came from, or
// unknown with the reason, as the live scanner records them. Override any fact or field per test.
import type { Finding } from '../../src/checks/check.js';
import {
  everyFactUnknown,
  type AccountFacts,
  type OrganizationFacts,
  type ScanResult,
  type UnknownFact,
  type UnknownReason,
} from '../../src/providers/aws/scan/facts.js';
import { seen, unknownFact } from '../support/scan-facts.js';

export { seen };

export function unknown(
  action: string,
  reason: UnknownReason = 'access-denied',
  message = `User: arn:aws:iam::111111111111:user/scanner is not authorized to perform: ${action}`,
): UnknownFact {
  return unknownFact(reason, action, message);
}

/** The IAM action each fact is read with. */
export const factActions = {
  reached: 'sts:AssumeRole',
  rootMfaEnabled: 'iam:GetAccountSummary',
  rootAccessKeysPresent: 'iam:GetAccountSummary',
  rootCredentialReport: 'iam:GetCredentialReport',
  rootVirtualMfaDevices: 'iam:ListVirtualMFADevices',
  rootMfaDevices: 'iam:ListMFADevices',
  contactInformation: 'account:GetContactInformation',
  alternateContacts: 'account:GetAlternateContact',
  primaryEmail: 'account:GetPrimaryEmail',
  billingPrincipals: 'iam:SimulatePrincipalPolicy',
  recommendedActions: 'bcm-recommended-actions:ListRecommendedActions',
  domains: 'route53domains:ListDomains',
  hostedZones: 'route53:ListHostedZones',
  budgets: 'budgets:ViewBudget',
  billingAlarms: 'cloudwatch:DescribeAlarms',
} as const;

/**
 * A healthy account as a standalone account sees itself: root MFA on with one virtual device, no root keys,
 * a contact phone, a billing contact, one admin who may pay, one domain with auto-renew, a budget. What an IAM
 * principal cannot see of a standalone account (all of root's devices, its own root email) is unknown.
 */
export function accountFacts(
  accountId = '111111111111',
  overrides: Partial<AccountFacts> = {},
): AccountFacts {
  return {
    accountId,
    name: 'personal',
    organizationRole: 'standalone',
    reached: seen(true, factActions.reached),
    rootMfaEnabled: seen(true, factActions.rootMfaEnabled),
    rootAccessKeysPresent: seen(false, factActions.rootAccessKeysPresent),
    rootCredentialReport: seen(
      {
        passwordEnabled: true,
        passwordLastUsed: '2024-03-02T10:11:12Z',
        mfaActive: true,
        accessKey1Active: false,
        accessKey2Active: false,
      },
      factActions.rootCredentialReport,
    ),
    rootVirtualMfaDevices: seen(
      [
        {
          serialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
          kind: 'virtual',
          enabledAt: '2018-05-01T09:00:00Z',
        },
      ],
      factActions.rootVirtualMfaDevices,
    ),
    rootMfaDevices: unknown(
      'sts:AssumeRoot',
      'not-available',
      'Centralized root access is not enabled for this account',
    ),
    contactInformation: seen(
      { name: 'Hana Sato', phoneNumber: '+81 90-1234-5678' },
      factActions.contactInformation,
    ),
    alternateContacts: seen(
      { BILLING: { name: 'Hana Sato', email: 'billing@example.net', phoneNumber: '+81 90-1234-5678' } },
      factActions.alternateContacts,
    ),
    primaryEmail: unknown(
      factActions.primaryEmail,
      'not-available',
      'Only the management account can read it',
    ),
    billingPrincipals: seen(
      [
        {
          arn: `arn:aws:iam::${accountId}:user/admin`,
          kind: 'iam-user',
          allowedActions: ['payments:ListPaymentInstruments', 'payments:UpdatePaymentPreferences'],
        },
      ],
      factActions.billingPrincipals,
    ),
    recommendedActions: seen([], factActions.recommendedActions),
    domains: seen(
      [
        {
          name: 'example.net',
          expiresAt: '2025-03-01T00:00:00Z',
          autoRenew: true,
          transferLock: true,
          contactEmails: ['hana@example.net'],
        },
      ],
      factActions.domains,
    ),
    hostedZones: seen(
      [{ id: 'Z0123456789ABCDEFGHIJ', name: 'example.net', private: false }],
      factActions.hostedZones,
    ),
    budgets: seen(
      [{ name: 'monthly', subscribers: [{ type: 'EMAIL', address: 'hana@example.net', confirmed: true }] }],
      factActions.budgets,
    ),
    billingAlarms: seen([], factActions.billingAlarms),
    ...overrides,
  };
}

/** A member account seen from the management account: its root email and state are known. */
export function memberFacts(accountId: string, overrides: Partial<AccountFacts> = {}): AccountFacts {
  return accountFacts(accountId, {
    name: `member-${accountId.slice(-4)}`,
    organizationRole: 'member',
    state: 'ACTIVE',
    primaryEmail: seen(`aws+${accountId}@example.net`, factActions.primaryEmail),
    rootMfaDevices: seen(
      [{ serialNumber: `arn:aws:iam::${accountId}:u2f/root/key-1`, kind: 'fido' }],
      'iam:ListMFADevices',
    ),
    billingPrincipals: seen([], factActions.billingPrincipals),
    domains: seen([], factActions.domains),
    ...overrides,
  });
}

/** An account the scanner could not get into: every fact unknown for the same reason. */
export function unreachedFacts(accountId: string, overrides: Partial<AccountFacts> = {}): AccountFacts {
  const denied = unknown('sts:AssumeRole', 'access-denied', 'not authorized to perform: sts:AssumeRole');
  return {
    ...everyFactUnknown(denied),
    accountId,
    organizationRole: 'member',
    state: 'ACTIVE',
    ...overrides,
  };
}

export function organization(overrides: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return {
    id: 'o-abcd123456',
    managementAccountId: '111111111111',
    featureSet: 'ALL',
    enabledFeatures: seen(['RootCredentialsManagement'], 'iam:ListOrganizationsFeatures'),
    ...overrides,
  };
}

/** A scan of `accounts` (one standalone account by default); stats follow from the accounts. */
export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  const accounts = overrides.accounts ?? [accountFacts()];
  const reached = accounts.filter((account) => account.reached.status === 'seen').length;
  return {
    startedAt: '2024-06-01T08:00:00.000Z',
    finishedAt: '2024-06-01T08:00:42.000Z',
    callerAccountId: accounts[0]?.accountId ?? '111111111111',
    region: 'us-east-1',
    accounts,
    stats: {
      apiCalls: 17 * accounts.length,
      retries: 1,
      accountsReached: reached,
      accountsFailed: accounts.length - reached,
    },
    ...overrides,
  };
}

/** A management account with two members, one of them unreachable. */
export function organizationScan(overrides: Partial<ScanResult> = {}): ScanResult {
  return scanResult({
    organization: organization(),
    accounts: [
      accountFacts('111111111111', {
        name: 'management',
        organizationRole: 'management',
        state: 'ACTIVE',
        primaryEmail: seen('owner@example.net', factActions.primaryEmail),
      }),
      memberFacts('222222222222'),
      unreachedFacts('333333333333'),
    ],
    ...overrides,
  });
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    checkId: 'root-single-mfa-device',
    severity: 'high',
    title: 'Root has a single MFA device',
    accountId: '111111111111',
    accountName: 'personal',
    message: 'Root of personal has one MFA device: the authenticator on phone "old-phone".',
    factors: ['old-phone'],
    why: 'Losing the phone locks root out until identity verification, which takes days.',
    fix: 'Register a second MFA device, a security key kept elsewhere.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    ...overrides,
  };
}
