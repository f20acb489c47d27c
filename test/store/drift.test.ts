// Drift between two scans, as a table: each case is two scans (and maybe their findings) and the exact changes
// expected — no more, so noise shows up as a failure too. A final test checks every change kind has a case.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Finding } from '../../src/checks/check.js';
import type { AccountFacts, Fact, ScanResult } from '../../src/providers/aws/scan/facts.js';
import { changeKinds, diffScans, type Change, type ChangeKind } from '../../src/store/drift.js';
import { accountFactKeys, type AccountFactKey } from '../../src/store/scan-shape.js';
import {
  accountFacts,
  factActions,
  finding,
  memberFacts,
  organization,
  organizationScan,
  scanResult,
  seen,
  unknown,
  unreachedFacts,
} from './scan-builder.js';

const id = '111111111111';
const member = '222222222222';
const later = { startedAt: '2024-07-01T08:00:00.000Z', finishedAt: '2024-07-01T08:00:40.000Z' };

/** The standalone account, with some facts overridden; scans a month apart. */
function standalone(overrides: Partial<AccountFacts> = {}, scan: Partial<ScanResult> = {}): ScanResult {
  return scanResult({ accounts: [accountFacts(id, overrides)], ...scan });
}
function standaloneLater(overrides: Partial<AccountFacts> = {}, scan: Partial<ScanResult> = {}): ScanResult {
  return standalone(overrides, { ...later, ...scan });
}

/** The Organization scan with the member (222222222222) overridden. */
function withMember(overrides: Partial<AccountFacts>, scan: Partial<ScanResult> = {}): ScanResult {
  const base = organizationScan(scan);
  return {
    ...base,
    accounts: base.accounts.map((account) =>
      account.accountId === member ? memberFacts(member, overrides) : account,
    ),
  };
}

const virtualDevice = {
  serialNumber: `arn:aws:iam::${id}:mfa/root-account-mfa-device`,
  kind: 'virtual' as const,
};
const secondKey = { serialNumber: `arn:aws:iam::${id}:u2f/root/key-2`, kind: 'fido' as const };

const domain = {
  name: 'example.net',
  expiresAt: '2025-03-01T00:00:00Z',
  autoRenew: true,
  transferLock: true,
  contactEmails: ['hana@example.net'],
};
const domains = (...list: (typeof domain)[]) => seen(list, factActions.domains);
const actions = (...types: string[]) =>
  seen(
    types.map((type) => ({ type })),
    factActions.recommendedActions,
  );
const payer = (name: string) => ({
  arn: `arn:aws:iam::${id}:user/${name}`,
  kind: 'iam-user' as const,
  allowedActions: ['payments:UpdatePaymentPreferences'],
});
const payers = (...names: string[]) => seen(names.map(payer), factActions.billingPrincipals);
const billingContact = { name: 'Hana Sato', email: 'billing@example.net', phoneNumber: '+81 90-1234-5678' };

interface Case {
  name: string;
  before: ScanResult;
  after: ScanResult;
  findings?: [Finding[], Finding[]];
  expected: Partial<Change>[];
}

const cases: Case[] = [
  { name: 'identical scans', before: standalone(), after: standaloneLater(), expected: [] },
  {
    name: 'root MFA turned off',
    before: standalone(),
    after: standaloneLater({ rootMfaEnabled: seen(false, factActions.rootMfaEnabled) }),
    expected: [
      {
        accountId: id,
        accountName: 'personal',
        kind: 'root-mfa-disabled',
        severity: 'critical',
        fact: 'rootMfaEnabled',
        before: true,
        after: false,
      },
    ],
  },
  {
    name: 'root MFA turned on',
    before: standalone({ rootMfaEnabled: seen(false, factActions.rootMfaEnabled) }),
    after: standaloneLater(),
    expected: [{ kind: 'root-mfa-enabled', severity: 'info' }],
  },
  {
    name: 'the virtual device removed while other devices cannot be seen',
    before: standalone(),
    after: standaloneLater({ rootVirtualMfaDevices: seen([], factActions.rootVirtualMfaDevices) }),
    expected: [
      {
        kind: 'root-mfa-device-removed',
        severity: 'high',
        message: expect.stringContaining(virtualDevice.serialNumber) as string,
        before: expect.objectContaining(virtualDevice) as unknown,
      },
    ],
  },
  {
    name: "a member root's last device removed",
    before: withMember({}),
    after: withMember({ rootMfaDevices: seen([], 'iam:ListMFADevices') }, later),
    expected: [
      {
        accountId: member,
        kind: 'root-mfa-device-removed',
        severity: 'critical',
        message: expect.stringMatching(/no MFA device left/) as string,
      },
    ],
  },
  {
    name: 'a device listed by both sources is removed once',
    before: standalone({ rootMfaDevices: seen([virtualDevice], 'iam:ListMFADevices') }),
    after: standaloneLater({
      rootMfaDevices: seen([], 'iam:ListMFADevices'),
      rootVirtualMfaDevices: seen([], factActions.rootVirtualMfaDevices),
    }),
    expected: [{ kind: 'root-mfa-device-removed', severity: 'critical' }],
  },
  {
    name: 'a second device registered',
    before: standalone(),
    after: standaloneLater({
      rootVirtualMfaDevices: seen([virtualDevice, secondKey], factActions.rootVirtualMfaDevices),
    }),
    expected: [{ kind: 'root-mfa-device-added', severity: 'medium', after: secondKey }],
  },
  {
    name: 'devices that cannot be read are unknown, not removed',
    before: standalone(),
    after: standaloneLater({ rootVirtualMfaDevices: unknown(factActions.rootVirtualMfaDevices) }),
    expected: [
      {
        kind: 'fact-became-unknown',
        severity: 'medium',
        fact: 'rootVirtualMfaDevices',
        message: expect.stringMatching(
          /access-denied on iam:ListVirtualMFADevices.*not a change of value/,
        ) as string,
        after: { reason: 'access-denied', action: factActions.rootVirtualMfaDevices },
      },
    ],
  },
  {
    name: 'a fact readable again has no earlier value to compare',
    before: standalone({ contactInformation: unknown(factActions.contactInformation, 'throttled') }),
    after: standaloneLater({
      contactInformation: seen({ phoneNumber: '+1 555 0100' }, factActions.contactInformation),
    }),
    expected: [
      {
        kind: 'fact-became-known',
        severity: 'info',
        fact: 'contactInformation',
        before: { reason: 'throttled', action: factActions.contactInformation },
      },
    ],
  },
  {
    name: 'root access keys created',
    before: standalone(),
    after: standaloneLater({ rootAccessKeysPresent: seen(true, factActions.rootAccessKeysPresent) }),
    expected: [{ kind: 'root-access-keys-appeared', severity: 'critical', before: false, after: true }],
  },
  {
    name: 'root access keys deleted',
    before: standalone({ rootAccessKeysPresent: seen(true, factActions.rootAccessKeysPresent) }),
    after: standaloneLater(),
    expected: [{ kind: 'root-access-keys-removed', severity: 'info' }],
  },
  {
    name: 'contact phone changed: masked in the message, whole in the values',
    before: standalone(),
    after: standaloneLater({
      contactInformation: seen(
        { name: 'Hana Sato', phoneNumber: '+81 80-9999-0011' },
        factActions.contactInformation,
      ),
    }),
    expected: [
      {
        kind: 'contact-phone-changed',
        severity: 'high',
        message: expect.stringContaining('from +** **-****-**78 to +** **-****-**11') as string,
        before: '+81 90-1234-5678',
        after: '+81 80-9999-0011',
      },
    ],
  },
  {
    name: 'the same phone written differently is no change',
    before: standalone(),
    after: standaloneLater({
      contactInformation: seen(
        { name: 'Hana Sato', phoneNumber: '+81 90 1234 5678' },
        factActions.contactInformation,
      ),
    }),
    expected: [],
  },
  {
    name: 'billing contact removed, security contact changed, operations contact added',
    before: standalone({
      alternateContacts: seen(
        { BILLING: billingContact, SECURITY: { email: 'sec@example.net' } },
        factActions.alternateContacts,
      ),
    }),
    after: standaloneLater({
      alternateContacts: seen(
        { SECURITY: { email: 'someone@elsewhere.example' }, OPERATIONS: { email: 'ops@example.net' } },
        factActions.alternateContacts,
      ),
    }),
    expected: [
      { kind: 'alternate-contact-removed', severity: 'high', before: { type: 'BILLING', ...billingContact } },
      {
        kind: 'alternate-contact-changed',
        severity: 'medium',
        message: 'the security contact changed from sec@example.net to someone@elsewhere.example',
      },
      {
        kind: 'alternate-contact-added',
        severity: 'info',
        after: { type: 'OPERATIONS', email: 'ops@example.net' },
      },
    ],
  },
  {
    name: 'an alternate contact whose email only changed case is the same',
    before: standalone(),
    after: standaloneLater({
      alternateContacts: seen(
        { BILLING: { ...billingContact, email: 'Billing@Example.net' } },
        factActions.alternateContacts,
      ),
    }),
    expected: [],
  },
  {
    name: "a member's root email changed",
    before: withMember({}),
    after: withMember({ primaryEmail: seen('someone@elsewhere.example', factActions.primaryEmail) }, later),
    expected: [
      {
        accountId: member,
        kind: 'primary-email-changed',
        severity: 'high',
        before: `aws+${member}@example.net`,
        after: 'someone@elsewhere.example',
      },
    ],
  },
  {
    name: 'payment warnings appear, each at its severity; other recommended actions are ignored',
    before: standalone({ recommendedActions: actions('CREATE_BUDGET') }),
    after: standaloneLater({
      recommendedActions: actions(
        'UPDATE_EXPIRED_PAYMENT_METHOD',
        'UPDATE_INVALID_PAYMENT_METHOD',
        'PAYMENTS_DUE',
        'PAYMENTS_PAST_DUE',
        'REVIEW_ANOMALIES',
      ),
    }),
    expected: [
      {
        kind: 'payment-warning-appeared',
        severity: 'critical',
        after: { type: 'UPDATE_INVALID_PAYMENT_METHOD' },
      },
      { kind: 'payment-warning-appeared', severity: 'critical', after: { type: 'PAYMENTS_PAST_DUE' } },
      {
        kind: 'payment-warning-appeared',
        severity: 'high',
        after: { type: 'UPDATE_EXPIRED_PAYMENT_METHOD' },
      },
      { kind: 'payment-warning-appeared', severity: 'medium', after: { type: 'PAYMENTS_DUE' } },
    ],
  },
  {
    name: 'a payment warning that stays is not new; one that went is cleared',
    before: standalone({ recommendedActions: actions('PAYMENTS_DUE', 'PAYMENTS_PAST_DUE') }),
    after: standaloneLater({ recommendedActions: actions('PAYMENTS_DUE') }),
    expected: [{ kind: 'payment-warning-cleared', severity: 'info', before: { type: 'PAYMENTS_PAST_DUE' } }],
  },
  {
    name: 'a member suspended',
    before: withMember({}),
    after: withMember({ state: 'SUSPENDED' }, later),
    expected: [
      {
        accountId: member,
        kind: 'account-state-changed',
        severity: 'critical',
        before: 'ACTIVE',
        after: 'SUSPENDED',
      },
    ],
  },
  {
    name: 'a member pending closure',
    before: withMember({}),
    after: withMember({ state: 'PENDING_CLOSURE' }, later),
    expected: [{ kind: 'account-state-changed', severity: 'critical', after: 'PENDING_CLOSURE' }],
  },
  {
    name: 'a member active again',
    before: withMember({ state: 'SUSPENDED' }),
    after: withMember({}, later),
    expected: [{ kind: 'account-state-changed', severity: 'info', after: 'ACTIVE' }],
  },
  {
    name: 'a member joined the Organization',
    before: organizationScan(),
    after: organizationScan({
      ...later,
      accounts: [...organizationScan().accounts, memberFacts('444444444444')],
    }),
    expected: [
      {
        accountId: '444444444444',
        kind: 'account-added-to-organization',
        severity: 'medium',
        after: 'o-abcd123456',
      },
    ],
  },
  {
    name: 'a member left the Organization',
    before: organizationScan(),
    after: organizationScan({
      ...later,
      accounts: organizationScan().accounts.filter((a) => a.accountId !== member),
    }),
    expected: [
      {
        accountId: member,
        kind: 'account-removed-from-organization',
        severity: 'high',
        before: 'o-abcd123456',
      },
    ],
  },
  {
    name: 'a member still scanned but now standalone',
    before: withMember({}),
    after: withMember({ organizationRole: 'standalone' }, later),
    expected: [
      { accountId: member, kind: 'account-removed-from-organization', before: 'member', after: 'standalone' },
    ],
  },
  {
    name: 'a standalone account scanned for the first time, another no longer',
    before: standalone(),
    after: scanResult({ ...later, callerAccountId: id, accounts: [accountFacts('555555555555')] }),
    expected: [
      { accountId: '111111111111', kind: 'account-no-longer-scanned', severity: 'medium' },
      { accountId: '555555555555', kind: 'account-first-scanned', severity: 'info' },
    ],
  },
  {
    name: 'the scan ran from another account, in another Organization',
    before: organizationScan(),
    after: organizationScan({
      ...later,
      callerAccountId: '999999999999',
      organization: organization({ id: 'o-zzzz999999', managementAccountId: '999999999999' }),
    }),
    expected: [
      {
        accountId: '999999999999',
        kind: 'organization-changed',
        severity: 'high',
        before: 'o-abcd123456',
        after: 'o-zzzz999999',
      },
      { accountId: '999999999999', kind: 'scan-scope-changed', severity: 'info' },
    ],
  },
  {
    name: 'a domain gone and another registered',
    before: standalone(),
    after: standaloneLater({ domains: domains({ ...domain, name: 'example.org' }) }),
    expected: [
      { kind: 'domain-gone', severity: 'high', before: domain },
      { kind: 'domain-added', severity: 'info', after: { ...domain, name: 'example.org' } },
    ],
  },
  {
    name: 'auto-renew turned off and the transfer lock removed',
    before: standalone(),
    after: standaloneLater({ domains: domains({ ...domain, autoRenew: false, transferLock: false }) }),
    expected: [
      {
        kind: 'domain-auto-renew-off',
        severity: 'high',
        message: 'auto-renew was turned off for example.net, which expires 2025-03-01',
      },
      { kind: 'domain-transfer-lock-off', severity: 'medium' },
    ],
  },
  {
    name: 'auto-renew turned on',
    before: standalone({ domains: domains({ ...domain, autoRenew: false }) }),
    after: standaloneLater(),
    expected: [{ kind: 'domain-auto-renew-on', severity: 'info' }],
  },
  {
    name: 'a domain without auto-renew comes within 30 days of expiry',
    before: standalone({
      domains: domains({ ...domain, expiresAt: '2024-07-20T00:00:00Z', autoRenew: false }),
    }),
    after: standaloneLater({
      domains: domains({ ...domain, expiresAt: '2024-07-20T00:00:00Z', autoRenew: false }),
    }),
    expected: [
      {
        kind: 'domain-expiry-approaching',
        severity: 'high',
        message: expect.stringMatching(
          /^domain example\.net expires in 18 days \(2024-07-20\): auto-renew is off/,
        ) as string,
      },
    ],
  },
  {
    name: 'a domain with auto-renew within 30 days is medium, within 7 critical',
    before: standalone({ domains: domains(domain, { ...domain, name: 'example.org' }) }),
    after: standaloneLater({
      domains: domains(
        { ...domain, expiresAt: '2024-07-25T00:00:00Z' },
        { ...domain, name: 'example.org', expiresAt: '2024-07-05T00:00:00Z' },
      ),
    }),
    expected: [
      {
        kind: 'domain-expiry-approaching',
        severity: 'critical',
        message: expect.stringContaining('example.org') as string,
      },
      {
        kind: 'domain-expiry-approaching',
        severity: 'medium',
        message: expect.stringContaining('example.net') as string,
      },
    ],
  },
  {
    name: 'an expired domain is critical',
    before: standalone({ domains: domains({ ...domain, expiresAt: '2024-06-25T00:00:00Z' }) }),
    after: standaloneLater({ domains: domains({ ...domain, expiresAt: '2024-06-25T00:00:00Z' }) }),
    expected: [
      {
        kind: 'domain-expiry-approaching',
        severity: 'critical',
        message:
          'domain example.net expired on 2024-06-25: auto-renew is on, so the renewal charge must go through',
      },
    ],
  },
  {
    name: 'an expiry already flagged at the same stage by the earlier scan is not new',
    before: standalone(
      { domains: domains({ ...domain, expiresAt: '2024-07-20T00:00:00Z' }) },
      { finishedAt: '2024-06-25T00:00:00Z' },
    ),
    after: standaloneLater({ domains: domains({ ...domain, expiresAt: '2024-07-20T00:00:00Z' }) }),
    expected: [],
  },
  {
    name: 'the last principal who could pay is gone',
    before: standalone({ billingPrincipals: payers('admin', 'finance') }),
    after: standaloneLater({ billingPrincipals: payers() }),
    expected: [
      {
        kind: 'billing-principals-gone',
        severity: 'high',
        before: [payer('admin').arn, payer('finance').arn],
        after: [],
      },
    ],
  },
  {
    name: 'one payer removed, another added',
    before: standalone({ billingPrincipals: payers('admin', 'finance') }),
    after: standaloneLater({ billingPrincipals: payers('admin', 'accountant') }),
    expected: [
      { kind: 'billing-principal-removed', severity: 'low', before: payer('finance') },
      { kind: 'billing-principal-added', severity: 'info', after: payer('accountant') },
    ],
  },
  {
    name: 'an account no longer reachable is said once, not fact by fact',
    before: withMember({}),
    after: organizationScan({
      ...later,
      accounts: organizationScan().accounts.map((a) => (a.accountId === member ? unreachedFacts(member) : a)),
    }),
    expected: [
      {
        accountId: member,
        kind: 'fact-became-unknown',
        severity: 'high',
        fact: 'reached',
        message: expect.stringMatching(/could not get into the account.*not a change of value/) as string,
      },
    ],
  },
  {
    name: 'an account reachable again is said once',
    before: organizationScan(),
    after: organizationScan({
      ...later,
      accounts: organizationScan().accounts.map((a) =>
        a.accountId === '333333333333' ? memberFacts('333333333333') : a,
      ),
    }),
    expected: [{ accountId: '333333333333', kind: 'fact-became-known', severity: 'info', fact: 'reached' }],
  },
  {
    name: 'findings: new at their own severity, resolved as info; a reworded message is the same finding',
    before: standalone(),
    after: standaloneLater(),
    findings: [
      [
        finding(),
        finding({ checkId: 'domains-in-workload-account', severity: 'medium', factors: ['example-net'] }),
      ],
      [
        finding({ message: 'Root of personal has one MFA device, reworded.' }),
        finding({ checkId: 'root-only-payer', severity: 'critical', factors: [] }),
        finding({
          checkId: 'identity-document-expired',
          severity: 'low',
          accountId: undefined,
          accountName: undefined,
        }),
      ],
    ],
    expected: [
      { accountId: id, kind: 'finding-new', severity: 'critical', after: 'root-only-payer' },
      { kind: 'finding-new', severity: 'low', after: 'identity-document-expired' },
      { accountId: id, kind: 'finding-resolved', severity: 'info', before: 'domains-in-workload-account' },
    ],
  },
  {
    name: 'findings: one of two alike resolved',
    before: standalone(),
    after: standaloneLater(),
    findings: [[finding(), finding()], [finding()]],
    expected: [{ kind: 'finding-resolved', before: 'root-single-mfa-device' }],
  },
];

describe('diffScans', () => {
  it.each(cases)('$name', ({ before, after, findings, expected }) => {
    const changes = diffScans(before, after, findings?.[0], findings?.[1]);
    expect(changes).toEqual(expected.map((change) => expect.objectContaining(change) as unknown));
  });

  it('has a case for every kind of change', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((change) => change.kind)));
    const missing = changeKinds.filter((kind: ChangeKind) => !covered.has(kind));
    expect(missing).toEqual([]);
  });

  it('knows every fact of an account, so a new fact is compared for becoming unknown', () => {
    type FactKeys = {
      [K in keyof AccountFacts]-?: AccountFacts[K] extends Fact<unknown> ? K : never;
    }[keyof AccountFacts];
    expectTypeOf<AccountFactKey>().toEqualTypeOf<FactKeys>();
    expect(new Set(accountFactKeys).size).toBe(accountFactKeys.length);
  });

  it('compares findings only when both lists are given', () => {
    expect(diffScans(standalone(), standaloneLater(), [finding()], undefined)).toEqual([]);
  });

  it('lists the most severe changes first', () => {
    const changes = diffScans(
      standalone({ billingPrincipals: payers('admin', 'finance') }),
      standaloneLater({
        billingPrincipals: payers('admin'),
        rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
        domains: domains({ ...domain, autoRenew: false }),
      }),
    );
    expect(changes.map((change) => change.severity)).toEqual(['critical', 'high', 'low']);
  });

  it('names each account once: as the findings (the inventory) name it, not also as AWS does', () => {
    // AWS calls the account "Main AWS"; the inventory, and so the findings, call it "personal".
    const changes = diffScans(
      standalone({ name: 'Main AWS' }),
      standaloneLater({ name: 'Main AWS', rootMfaEnabled: seen(false, factActions.rootMfaEnabled) }),
      [],
      [finding()],
    );
    expect(changes.map((change) => change.kind)).toEqual(['root-mfa-disabled', 'finding-new']);
    expect(new Set(changes.map((change) => change.accountName))).toEqual(new Set(['personal']));
  });

  it('uses the given expiry window', () => {
    const before = standalone({ domains: domains({ ...domain, expiresAt: '2024-08-20T00:00:00Z' }) });
    const after = standaloneLater({ domains: domains({ ...domain, expiresAt: '2024-08-20T00:00:00Z' }) });
    expect(diffScans(before, after)).toEqual([]);
    expect(diffScans(before, after, undefined, undefined, { expiryWarningDays: 60 })).toEqual([
      expect.objectContaining({ kind: 'domain-expiry-approaching' }),
    ]);
  });
});
