/**
 * Drift between two scans: what changed in each account that bears on locking the owner out — root MFA,
 * access keys, the numbers and addresses AWS uses to reach them, payment warnings, member states, domains,
 * who may pay — and which findings are new or resolved. A fact that could not be read in one of the scans is
 * reported as such, never as a change of its value. A pure function.
 */
import { severityRank, type Finding, type Severity } from '../checks/check.js';
import type {
  AccountFacts,
  AlternateContactType,
  ContactFact,
  DomainFact,
  Fact,
  MfaDeviceFact,
  ScanResult,
} from '../providers/aws/scan/facts.js';
import type { OutsideChangeKind } from './outside-drift.js';
import { maskPhone } from './phone.js';
import { accountFactKeys, type AccountFactKey } from './scan-shape.js';

export const changeKinds = [
  'scan-scope-changed',
  'organization-changed',
  'account-added-to-organization',
  'account-removed-from-organization',
  'account-first-scanned',
  'account-no-longer-scanned',
  'account-state-changed',
  'fact-became-unknown',
  'fact-became-known',
  'root-mfa-disabled',
  'root-mfa-enabled',
  'root-mfa-device-removed',
  'root-mfa-device-added',
  'root-access-keys-appeared',
  'root-access-keys-removed',
  'contact-phone-changed',
  'alternate-contact-added',
  'alternate-contact-changed',
  'alternate-contact-removed',
  'primary-email-changed',
  'payment-warning-appeared',
  'payment-warning-cleared',
  'billing-principal-added',
  'billing-principal-removed',
  'billing-principals-gone',
  'domain-added',
  'domain-gone',
  'domain-auto-renew-off',
  'domain-auto-renew-on',
  'domain-transfer-lock-off',
  'domain-expiry-approaching',
  'finding-new',
  'finding-resolved',
] as const;

/** AWS's kinds above, and the outside scans' (outside-drift.ts). */
export type ChangeKind = (typeof changeKinds)[number] | OutsideChangeKind;

export interface Change {
  /** The account concerned; absent for a finding that concerns no single account. */
  accountId?: string | undefined;
  accountName?: string | undefined;
  kind: ChangeKind;
  severity: Severity;
  /** One sentence for the owner; phone numbers in it are masked. */
  message: string;
  /** For changes of one fact: which. */
  fact?: AccountFactKey | undefined;
  /** The values compared, as the scans hold them (unmasked); absent on the side where there was none. */
  before?: unknown;
  after?: unknown;
  /**
   * Where the change came from, when the two scans were judged against different inventories: `inventory`
   * for what the owner's edits changed (the earlier scan judged again against the later inventory), `aws`
   * for the rest, or `outside` for the rest of runs that did not both scan AWS (the organisations outside it).
   * Absent when the inventory did not change or was not kept.
   */
  source?: 'aws' | 'outside' | 'inventory' | undefined;
}

export interface DiffOptions {
  /** A domain expiring within this many days of the later scan is flagged; 30 by default. */
  expiryWarningDays?: number | undefined;
}

/**
 * Payment trouble among BCM's recommended actions, with how bad its appearance is: an invalid method or a
 * past-due invoice is how the incident's suspension began. Other recommended actions (budgets, savings) do
 * not bear on lockout and are not compared.
 */
export const paymentWarnings: Readonly<Record<string, Severity>> = {
  PAYMENTS_PAST_DUE: 'critical',
  UPDATE_INVALID_PAYMENT_METHOD: 'critical',
  UPDATE_EXPIRED_PAYMENT_METHOD: 'high',
  PAYMENTS_DUE: 'medium',
};

const factLabels: Record<AccountFactKey, string> = {
  reached: 'access to the account',
  rootMfaEnabled: 'whether root MFA is on',
  rootAccessKeysPresent: 'whether root has access keys',
  rootCredentialReport: "root's credential report",
  rootVirtualMfaDevices: "root's virtual MFA devices",
  rootMfaDevices: "root's MFA devices",
  contactInformation: 'the contact information',
  alternateContacts: 'the alternate contacts',
  primaryEmail: 'the root email address',
  billingPrincipals: 'who may pay',
  recommendedActions: 'the payment warnings',
  domains: 'the domains',
  hostedZones: 'the hosted zones',
  budgets: 'the budgets',
  billingAlarms: 'the billing alarms',
};

const msPerDay = 86_400_000;

/** What changed from `before` to `after`, the most severe first. Findings are compared only when both are given. */
export function diffScans(
  before: ScanResult,
  after: ScanResult,
  findingsBefore?: readonly Finding[],
  findingsAfter?: readonly Finding[],
  options: DiffOptions = {},
): Change[] {
  const changes: Change[] = [];
  const context: DiffContext = {
    before,
    after,
    expiryWarningDays: options.expiryWarningDays ?? 30,
    push: (change) => changes.push(change),
  };
  diffScope(context);
  const beforeAccounts = new Map(before.accounts.map((account) => [account.accountId, account]));
  const afterIds = new Set(after.accounts.map((account) => account.accountId));
  for (const account of after.accounts) {
    const previous = beforeAccounts.get(account.accountId);
    if (previous === undefined) accountAppeared(context, account);
    else diffAccount(context, previous, account);
  }
  for (const account of before.accounts)
    if (!afterIds.has(account.accountId)) accountDisappeared(context, account);
  if (findingsBefore !== undefined && findingsAfter !== undefined)
    diffFindings(context, findingsBefore, findingsAfter);
  // One account, one name: the findings carry the inventory's name where it has one (the report's), which
  // wins over the name AWS shows, so a change and a finding about one account never read as two accounts.
  const names = new Map<string, string>();
  for (const finding of [...(findingsBefore ?? []), ...(findingsAfter ?? [])])
    if (finding.accountId !== undefined && finding.accountName !== undefined)
      names.set(finding.accountId, finding.accountName);
  for (const change of changes) {
    const name = change.accountId === undefined ? undefined : names.get(change.accountId);
    if (name !== undefined) change.accountName = name;
  }
  // Stable: equal severities keep the order above (scope, accounts as the later scan lists them, findings).
  return changes.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/**
 * The findings of two runs compared alone, the most severe first: for runs that did not both scan AWS (the
 * organisations outside it only), whose AWS facts cannot be compared.
 */
export function diffFindingsAlone(before: readonly Finding[], after: readonly Finding[]): Change[] {
  const changes: Change[] = [];
  diffFindings({ push: (change) => changes.push(change) }, before, after);
  return changes.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

interface DiffContext {
  before: ScanResult;
  after: ScanResult;
  expiryWarningDays: number;
  push: (change: Change) => void;
}

function diffScope({ before, after, push }: DiffContext): void {
  if (before.callerAccountId !== after.callerAccountId)
    push({
      accountId: after.callerAccountId,
      kind: 'scan-scope-changed',
      severity: 'info',
      message:
        `the scans ran from different accounts (${before.callerAccountId}, then ${after.callerAccountId}): ` +
        'accounts seen by only one of them show as added or removed',
      before: before.callerAccountId,
      after: after.callerAccountId,
    });
  const from = before.organization?.id;
  const to = after.organization?.id;
  if (from === to) return;
  push({
    accountId: after.organization?.managementAccountId ?? after.callerAccountId,
    kind: 'organization-changed',
    severity: 'high',
    message:
      from === undefined
        ? `the accounts are now in Organization ${String(to)}`
        : to === undefined
          ? `the accounts are no longer seen in Organization ${from}`
          : `the Organization changed from ${from} to ${to}`,
    before: from,
    after: to,
  });
}

function inOrganization(account: AccountFacts, scan: ScanResult): boolean {
  return scan.organization !== undefined && account.organizationRole !== 'standalone';
}

function about(account: AccountFacts): Pick<Change, 'accountId' | 'accountName'> {
  return {
    accountId: account.accountId,
    ...(account.name === undefined ? {} : { accountName: account.name }),
  };
}

function accountAppeared({ before, after, push }: DiffContext, account: AccountFacts): void {
  const organization = after.organization;
  if (
    inOrganization(account, after) &&
    organization !== undefined &&
    before.organization?.id === organization.id
  )
    push({
      ...about(account),
      kind: 'account-added-to-organization',
      severity: 'medium',
      message: `joined Organization ${organization.id}: one more root user to secure and one more account that the management account pays for`,
      after: organization.id,
    });
  else
    push({
      ...about(account),
      kind: 'account-first-scanned',
      severity: 'info',
      message: 'scanned for the first time',
    });
}

function accountDisappeared({ before, after, push }: DiffContext, account: AccountFacts): void {
  const organization = before.organization;
  if (
    inOrganization(account, before) &&
    organization !== undefined &&
    after.organization?.id === organization.id
  )
    push({
      ...about(account),
      kind: 'account-removed-from-organization',
      severity: 'high',
      message: `left Organization ${organization.id}: as a standalone account it needs its own payment method and its own root recovery`,
      before: organization.id,
    });
  else
    push({
      ...about(account),
      kind: 'account-no-longer-scanned',
      severity: 'medium',
      message: 'was in the earlier scan and is missing from the later one: its facts are no longer watched',
    });
}

function diffAccount(context: DiffContext, before: AccountFacts, after: AccountFacts): void {
  const push = (change: Omit<Change, 'accountId' | 'accountName'>): void => {
    context.push({ ...about(after), ...change });
  };
  const wasIn = inOrganization(before, context.before);
  const isIn = inOrganization(after, context.after);
  const sameOrganization = context.before.organization?.id === context.after.organization?.id;
  if (wasIn && !isIn && sameOrganization)
    push({
      kind: 'account-removed-from-organization',
      severity: 'high',
      message: `left Organization ${String(context.before.organization?.id)}: as a standalone account it needs its own payment method`,
      before: before.organizationRole,
      after: after.organizationRole,
    });
  else if (!wasIn && isIn && sameOrganization)
    push({
      kind: 'account-added-to-organization',
      severity: 'medium',
      message: `joined Organization ${String(context.after.organization?.id)}`,
      before: before.organizationRole,
      after: after.organizationRole,
    });

  if (before.state !== undefined && after.state !== undefined && before.state !== after.state)
    push({
      kind: 'account-state-changed',
      severity: stateSeverity(after.state),
      message: stateMessage(before.state, after.state),
      before: before.state,
      after: after.state,
    });

  // An account the scanner could not get into has every fact unknown: say that once, not fact by fact.
  if (before.reached.status !== after.reached.status) {
    factTransition(push, 'reached', before.reached, after.reached);
    return;
  }
  if (after.reached.status === 'unknown') return;

  for (const key of accountFactKeys) {
    if (key === 'reached') continue;
    factTransition(push, key, before[key], after[key]);
  }

  compareSeen(before.rootMfaEnabled, after.rootMfaEnabled, (was, is) => {
    if (was && !is)
      push({
        kind: 'root-mfa-disabled',
        severity: 'critical',
        fact: 'rootMfaEnabled',
        message: 'root MFA was turned off: the root user signs in with its password alone',
        before: was,
        after: is,
      });
    else if (!was && is)
      push({
        kind: 'root-mfa-enabled',
        severity: 'info',
        fact: 'rootMfaEnabled',
        message: 'root MFA was turned on',
        before: was,
        after: is,
      });
  });

  compareSeen(before.rootAccessKeysPresent, after.rootAccessKeysPresent, (was, is) => {
    if (!was && is)
      push({
        kind: 'root-access-keys-appeared',
        severity: 'critical',
        fact: 'rootAccessKeysPresent',
        message: 'root now has access keys: anyone holding them controls the account, billing included',
        before: was,
        after: is,
      });
    else if (was && !is)
      push({
        kind: 'root-access-keys-removed',
        severity: 'info',
        fact: 'rootAccessKeysPresent',
        message: 'root no longer has access keys',
        before: was,
        after: is,
      });
  });

  diffMfaDevices(push, before, after);
  diffContacts(push, before, after);
  diffPayments(push, before, after);
  diffDomains(context, push, before, after);
}

type PushAccountChange = (change: Omit<Change, 'accountId' | 'accountName'>) => void;

function factTransition(
  push: PushAccountChange,
  key: AccountFactKey,
  before: Fact<unknown>,
  after: Fact<unknown>,
): void {
  const label = factLabels[key];
  if (before.status === 'seen' && after.status === 'unknown')
    push({
      kind: 'fact-became-unknown',
      severity: key === 'reached' ? 'high' : 'medium',
      fact: key,
      message:
        (key === 'reached'
          ? `the scanner could not get into the account this time, so its facts are unknown`
          : `${label} could not be read this time`) +
        ` (${after.reason} on ${after.action}: ${after.message}); this is not a change of value`,
      after: { reason: after.reason, action: after.action },
    });
  else if (before.status === 'unknown' && after.status === 'seen')
    push({
      kind: 'fact-became-known',
      severity: 'info',
      fact: key,
      message:
        (key === 'reached'
          ? 'the scanner could get into the account again'
          : `${label} could be read again`) +
        ` (${after.action}); earlier it was unknown (${before.reason}), so there is no earlier value to compare`,
      before: { reason: before.reason, action: before.action },
    });
}

function compareSeen<T>(before: Fact<T>, after: Fact<T>, compare: (before: T, after: T) => void): void {
  if (before.status === 'seen' && after.status === 'seen') compare(before.value, after.value);
}

function diffMfaDevices(push: PushAccountChange, before: AccountFacts, after: AccountFacts): void {
  const removed = new Map<string, MfaDeviceFact>();
  const added = new Map<string, MfaDeviceFact>();
  // Each source is compared only with itself, and only when both scans saw it; a device both list is one device.
  for (const key of ['rootMfaDevices', 'rootVirtualMfaDevices'] as const)
    compareSeen(before[key], after[key], (was, is) => {
      const isSerials = new Set(is.map((device) => device.serialNumber));
      const wasSerials = new Set(was.map((device) => device.serialNumber));
      for (const device of was)
        if (!isSerials.has(device.serialNumber)) removed.set(device.serialNumber, device);
      for (const device of is)
        if (!wasSerials.has(device.serialNumber)) added.set(device.serialNumber, device);
    });
  const allDevices = after.rootMfaDevices;
  const noneLeft = allDevices.status === 'seen' && allDevices.value.length === 0;
  for (const [serial, device] of removed)
    push({
      kind: 'root-mfa-device-removed',
      severity: noneLeft ? 'critical' : 'high',
      fact: 'rootMfaDevices',
      message:
        `root MFA device ${serial} (${device.kind}) was removed` +
        (noneLeft ? ': root has no MFA device left' : ': check that root still has one you hold'),
      before: device,
    });
  for (const [serial, device] of added)
    push({
      kind: 'root-mfa-device-added',
      severity: 'medium',
      fact: 'rootMfaDevices',
      message: `root MFA device ${serial} (${device.kind}) was registered: make sure it is one you hold`,
      after: device,
    });
}

function phoneDigits(phone: string | undefined): string {
  return (phone ?? '').replace(/[^\d+]/g, '');
}

function shownPhone(phone: string | undefined): string {
  return phone === undefined || phone === '' ? 'none' : maskPhone(phone);
}

const alternateContactSeverity: Record<AlternateContactType, { removed: Severity; changed: Severity }> = {
  BILLING: { removed: 'high', changed: 'medium' },
  SECURITY: { removed: 'medium', changed: 'medium' },
  OPERATIONS: { removed: 'low', changed: 'low' },
};

function sameContact(a: ContactFact, b: ContactFact): boolean {
  return (
    (a.name ?? '') === (b.name ?? '') &&
    (a.email ?? '').toLowerCase() === (b.email ?? '').toLowerCase() &&
    phoneDigits(a.phoneNumber) === phoneDigits(b.phoneNumber)
  );
}

function diffContacts(push: PushAccountChange, before: AccountFacts, after: AccountFacts): void {
  compareSeen(before.contactInformation, after.contactInformation, (was, is) => {
    if (phoneDigits(was.phoneNumber) !== phoneDigits(is.phoneNumber))
      push({
        kind: 'contact-phone-changed',
        severity: 'high',
        fact: 'contactInformation',
        message:
          `the contact phone changed from ${shownPhone(was.phoneNumber)} to ${shownPhone(is.phoneNumber)}: ` +
          'AWS calls this number to verify you when root MFA is lost; make sure it is yours',
        before: was.phoneNumber,
        after: is.phoneNumber,
      });
  });

  compareSeen(before.alternateContacts, after.alternateContacts, (was, is) => {
    for (const type of ['BILLING', 'OPERATIONS', 'SECURITY'] as const) {
      const from = was[type];
      const to = is[type];
      const name = `the ${type.toLowerCase()} contact`;
      if (from !== undefined && to === undefined)
        push({
          kind: 'alternate-contact-removed',
          severity: alternateContactSeverity[type].removed,
          fact: 'alternateContacts',
          message: `${name} (${from.email ?? 'no email'}) was removed`,
          before: { type, ...from },
        });
      else if (from === undefined && to !== undefined)
        push({
          kind: 'alternate-contact-added',
          severity: 'info',
          fact: 'alternateContacts',
          message: `${name} was set to ${to.email ?? 'a contact without email'}`,
          after: { type, ...to },
        });
      else if (from !== undefined && to !== undefined && !sameContact(from, to))
        push({
          kind: 'alternate-contact-changed',
          severity: alternateContactSeverity[type].changed,
          fact: 'alternateContacts',
          message: `${name} changed from ${describeContact(from)} to ${describeContact(to)}`,
          before: { type, ...from },
          after: { type, ...to },
        });
    }
  });

  compareSeen(before.primaryEmail, after.primaryEmail, (was, is) => {
    if (was.toLowerCase() !== is.toLowerCase())
      push({
        kind: 'primary-email-changed',
        severity: 'high',
        fact: 'primaryEmail',
        message: `the root email changed from ${was} to ${is}: root sign-in and recovery now go through that mailbox`,
        before: was,
        after: is,
      });
  });
}

function describeContact(contact: ContactFact): string {
  return [
    contact.name,
    contact.email,
    contact.phoneNumber === undefined ? undefined : maskPhone(contact.phoneNumber),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
}

function diffPayments(push: PushAccountChange, before: AccountFacts, after: AccountFacts): void {
  compareSeen(before.recommendedActions, after.recommendedActions, (was, is) => {
    const wasTypes = new Set(was.map((action) => action.type));
    const isTypes = new Set(is.map((action) => action.type));
    for (const action of is) {
      const severity = paymentWarnings[action.type];
      if (severity !== undefined && !wasTypes.has(action.type))
        push({
          kind: 'payment-warning-appeared',
          severity,
          fact: 'recommendedActions',
          message: `AWS now warns ${action.type}: unpaid bills lead to suspension, and only a principal allowed to pay can fix it`,
          after: action,
        });
    }
    for (const action of was)
      if (paymentWarnings[action.type] !== undefined && !isTypes.has(action.type))
        push({
          kind: 'payment-warning-cleared',
          severity: 'info',
          fact: 'recommendedActions',
          message: `the ${action.type} warning cleared`,
          before: action,
        });
  });

  compareSeen(before.billingPrincipals, after.billingPrincipals, (was, is) => {
    const isArns = new Set(is.map((principal) => principal.arn));
    const wasArns = new Set(was.map((principal) => principal.arn));
    if (was.length > 0 && is.length === 0)
      push({
        kind: 'billing-principals-gone',
        severity: 'high',
        fact: 'billingPrincipals',
        message: `no IAM principal may pay any longer (${was.length} could before): only root can change the payment method`,
        before: was.map((principal) => principal.arn),
        after: [],
      });
    else
      for (const principal of was)
        if (!isArns.has(principal.arn))
          push({
            kind: 'billing-principal-removed',
            severity: 'low',
            fact: 'billingPrincipals',
            message: `${principal.arn} may no longer pay`,
            before: principal,
          });
    for (const principal of is)
      if (!wasArns.has(principal.arn))
        push({
          kind: 'billing-principal-added',
          severity: 'info',
          fact: 'billingPrincipals',
          message: `${principal.arn} may now pay`,
          after: principal,
        });
  });
}

function diffDomains(
  context: DiffContext,
  push: PushAccountChange,
  before: AccountFacts,
  after: AccountFacts,
): void {
  compareSeen(before.domains, after.domains, (was, is) => {
    const wasByName = new Map(was.map((domain) => [domain.name.toLowerCase(), domain]));
    const isNames = new Set(is.map((domain) => domain.name.toLowerCase()));
    for (const domain of is) {
      const previous = wasByName.get(domain.name.toLowerCase());
      if (previous === undefined)
        push({
          kind: 'domain-added',
          severity: 'info',
          fact: 'domains',
          message: `domain ${domain.name} is now registered in this account`,
          after: domain,
        });
      else diffDomain(push, previous, domain);
      expiryApproaching(context, push, previous, domain);
    }
    for (const domain of was)
      if (!isNames.has(domain.name.toLowerCase()))
        push({
          kind: 'domain-gone',
          severity: 'high',
          fact: 'domains',
          message: `domain ${domain.name} is no longer registered in this account (transferred, expired or deleted)`,
          before: domain,
        });
  });
}

function diffDomain(push: PushAccountChange, was: DomainFact, is: DomainFact): void {
  if (was.autoRenew === true && is.autoRenew === false)
    push({
      kind: 'domain-auto-renew-off',
      severity: 'high',
      fact: 'domains',
      message: `auto-renew was turned off for ${is.name}${is.expiresAt === undefined ? '' : `, which expires ${is.expiresAt.slice(0, 10)}`}`,
      before: was.autoRenew,
      after: is.autoRenew,
    });
  else if (was.autoRenew === false && is.autoRenew === true)
    push({
      kind: 'domain-auto-renew-on',
      severity: 'info',
      fact: 'domains',
      message: `auto-renew was turned on for ${is.name}`,
      before: was.autoRenew,
      after: is.autoRenew,
    });
  if (was.transferLock === true && is.transferLock === false)
    push({
      kind: 'domain-transfer-lock-off',
      severity: 'medium',
      fact: 'domains',
      message: `the transfer lock of ${is.name} was removed: it can now be transferred away`,
      before: was.transferLock,
      after: is.transferLock,
    });
}

/** Days from the scan's end to an expiry, or undefined when either is not a date. */
function daysLeft(scan: ScanResult, expiresAt: string | undefined): number | undefined {
  if (expiresAt === undefined) return undefined;
  const days = (Date.parse(expiresAt) - Date.parse(scan.finishedAt)) / msPerDay;
  return Number.isNaN(days) ? undefined : days;
}

/** Days within which an expiry is imminent: critical whatever auto-renew says. */
const imminentDays = 7;

/** How close an expiry is: 0 far, 1 within the warning window, 2 imminent, 3 past. */
function expiryStage(left: number | undefined, warningDays: number): number {
  if (left === undefined || left > warningDays) return 0;
  if (left < 0) return 3;
  return left <= imminentDays ? 2 : 1;
}

function expiryApproaching(
  { before, after, expiryWarningDays }: DiffContext,
  push: PushAccountChange,
  was: DomainFact | undefined,
  is: DomainFact,
): void {
  const left = daysLeft(after, is.expiresAt);
  const stage = expiryStage(left, expiryWarningDays);
  if (left === undefined || stage === 0) return;
  // Flagged at this stage or a worse one by the earlier scan, against the same expiry: not a change.
  if (
    was !== undefined &&
    was.expiresAt === is.expiresAt &&
    expiryStage(daysLeft(before, was.expiresAt), expiryWarningDays) >= stage
  )
    return;
  const whole = Math.floor(left);
  const day = String(is.expiresAt).slice(0, 10);
  push({
    kind: 'domain-expiry-approaching',
    severity: stage >= 2 ? 'critical' : is.autoRenew === true ? 'medium' : 'high',
    fact: 'domains',
    message:
      (stage === 3
        ? `domain ${is.name} expired on ${day}`
        : `domain ${is.name} expires in ${whole} day${whole === 1 ? '' : 's'} (${day})`) +
      (is.autoRenew === true
        ? ': auto-renew is on, so the renewal charge must go through'
        : ': auto-renew is off; renew it or everything it names stops resolving'),
    before: was?.expiresAt,
    after: is.expiresAt,
  });
}

function findingKey(finding: Finding): string {
  // Messages carry dates and counts that move between scans; the check, the account and the factors do not.
  return JSON.stringify([finding.checkId, finding.accountId ?? '', [...finding.factors].sort()]);
}

function diffFindings(
  { push }: Pick<DiffContext, 'push'>,
  before: readonly Finding[],
  after: readonly Finding[],
): void {
  const unmatched = new Map<string, Finding[]>();
  for (const finding of before) {
    const key = findingKey(finding);
    unmatched.set(key, [...(unmatched.get(key) ?? []), finding]);
  }
  for (const finding of after) {
    const same = unmatched.get(findingKey(finding));
    if (same !== undefined && same.length > 0) {
      same.shift();
      continue;
    }
    push({
      ...findingAccount(finding),
      kind: 'finding-new',
      severity: finding.severity,
      message: `new finding ${finding.checkId}: ${finding.message}`,
      after: finding.checkId,
    });
  }
  for (const findings of unmatched.values())
    for (const finding of findings)
      push({
        ...findingAccount(finding),
        kind: 'finding-resolved',
        severity: 'info',
        message: `resolved ${finding.checkId}: ${finding.title}`,
        before: finding.checkId,
      });
}

function findingAccount(finding: Finding): Pick<Change, 'accountId' | 'accountName'> {
  return {
    ...(finding.accountId === undefined ? {} : { accountId: finding.accountId }),
    ...(finding.accountName === undefined ? {} : { accountName: finding.accountName }),
  };
}

function stateSeverity(state: string): Severity {
  switch (state) {
    case 'SUSPENDED':
    case 'PENDING_CLOSURE':
      return 'critical';
    case 'CLOSED':
      return 'high';
    case 'ACTIVE':
      return 'info';
    default:
      return 'medium';
  }
}

function stateMessage(from: string, to: string): string {
  const consequence =
    to === 'SUSPENDED'
      ? ': its resources, domains included, are at risk until the bill is paid'
      : to === 'PENDING_CLOSURE' || to === 'CLOSED'
        ? ': it is being closed, and its resources go with it'
        : '';
  return `the account went from ${from} to ${to}${consequence}`;
}
