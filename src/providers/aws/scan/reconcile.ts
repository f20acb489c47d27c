/**
 * Reconciles what a scan saw with what the owner declared: every scanned account joins the inventory; live
 * facts override attested ones (MFA devices, contact phone, member root email, payers, domains and zones);
 * what no API shows (cards, billing access, who holds a device) stays attested; and every field records
 * where it came from — seen (with the API), attested, or unknown — so the report can say which is which.
 */

import { idOf, keyedBy } from '../../../model/keyed-lists.js';
import {
  mailboxWithAddress,
  type Account,
  type Day,
  type Domain,
  type Inventory,
  type Mailbox,
  type PhoneNumber,
  type RootMfaDevice,
} from '../../../model/inventory.js';
import type { AccountFacts, Fact, MfaDeviceFact, ScanResult } from './facts.js';

export type FactSource = 'seen' | 'attested' | 'unknown';

export interface Provenance {
  accountId: string;
  field: string;
  source: FactSource;
  /** The API for a seen fact, the reason for an unknown one, the inventory for an attested one. */
  detail: string;
}

/** A declared fact the scan contradicts. */
export interface Contradiction {
  accountId: string;
  /** The inventory field: root.mfa, root.email, contactPhone, organization (or an outside account's field). */
  field: string;
  message: string;
  /**
   * How much it matters, when the comparison that found it says so: the outside scans' does (an admin without
   * a second step is high, an undeclared one medium); AWS's leave it to inventory-contradicted's own table.
   */
  severity?: 'high' | 'medium' | 'low' | undefined;
}

export interface Reconciled {
  inventory: Inventory;
  provenance: Provenance[];
  contradictions: Contradiction[];
}

/**
 * Where a field's value came from: seen (with the call that read it), else attested when the inventory
 * declares it, else unknown (with the reason and what it needs). The outside scans' merge says it the same way.
 */
export function provenanceOf(
  accountId: string,
  field: string,
  fact: (Fact<unknown> & { scope?: string }) | undefined,
  attested: boolean,
): Provenance {
  if (fact?.status === 'seen') return { accountId, field, source: 'seen', detail: fact.action };
  if (attested) return { accountId, field, source: 'attested', detail: 'inventory' };
  const scope = fact?.scope === undefined ? '' : ` (${fact.scope})`;
  const detail = fact ? `${fact.reason}: needs ${fact.action}${scope}` : 'no API shows it';
  return { accountId, field, source: 'unknown', detail };
}

/**
 * Makes new kebab-case ids from names (a phone number, a login), each unique across the inventory's factors,
 * accounts and outside accounts and starting with a letter, as the loader requires of an id.
 */
export function newIds(inventory: Inventory): (base: string) => string {
  const ids = new Set<string>([
    ...Object.values(inventory.factors ?? {}).flatMap((list: { id: string }[] | undefined) =>
      (list ?? []).map((factor) => factor.id),
    ),
    ...inventory.accounts.map((account) => account.id),
    ...(inventory.outsideAccounts ?? []).map((account) => account.id),
  ]);
  return (base) => {
    const slug =
      base
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'factor';
    const start = /^[a-z]/.test(slug) ? slug : `f-${slug}`;
    let id = start;
    for (let n = 2; ids.has(id); n++) id = `${start}-${n}`;
    ids.add(id);
    return id;
  };
}

export function reconcile(scan: ScanResult, declared: Inventory | undefined, asOf: Day): Reconciled {
  const inventory: Inventory = declared ? structuredClone(declared) : { version: 1, accounts: [] };
  inventory.asOf = asOf;
  const factors = (inventory.factors ??= {});
  const provenance: Provenance[] = [];
  const contradictions: Reconciled['contradictions'] = [];
  const uniqueId = newIds(inventory);
  const note = (
    accountId: string,
    field: string,
    fact: Fact<unknown> | undefined,
    attested: boolean,
  ): void => {
    provenance.push(provenanceOf(accountId, field, fact, attested));
  };

  for (const facts of scan.accounts) {
    let account = keyedBy(inventory.accounts, idOf).first(facts.accountId);
    if (!account) {
      account = {
        id: facts.accountId,
        name: facts.name ?? facts.accountId,
        organization: facts.organizationRole,
        ...(facts.organizationRole === 'member' && scan.organization
          ? {
              managementAccount: scan.organization.managementAccountId,
              payment: { paidBy: 'management' as const },
            }
          : {}),
      };
      inventory.accounts.push(account);
    } else if (account.organization !== facts.organizationRole && facts.reached.status === 'seen') {
      contradictions.push({
        accountId: account.id,
        field: 'organization',
        message: `declared ${account.organization}, seen ${facts.organizationRole} (organizations:DescribeOrganization)`,
      });
      account.organization = facts.organizationRole;
    }
    const a = account;
    reconcileRootEmail(a, facts);
    reconcileMfa(a, facts);
    reconcileRootCredentials(a, facts);
    reconcileContactPhone(a, facts);
    reconcileBillingContact(a, facts);
    reconcilePayers(a, facts);
    reconcileDomains(a, facts);
    note(a.id, 'root.email', facts.primaryEmail, a.root?.email !== undefined);
    note(
      a.id,
      'root.mfa',
      facts.rootMfaDevices.status === 'seen' ? facts.rootMfaDevices : facts.rootVirtualMfaDevices,
      a.root?.mfa !== undefined,
    );
    if (facts.rootCredentials !== undefined) {
      note(a.id, 'root.credentials', facts.rootCredentials, a.root?.credentials !== undefined);
    }
    note(a.id, 'contactPhone', facts.contactInformation, a.contactPhone !== undefined);
    note(a.id, 'billingContact', facts.alternateContacts, a.billingContact !== undefined);
    note(a.id, 'billingPrincipals', facts.billingPrincipals, a.billingPrincipals !== undefined);
    note(a.id, 'iamBillingAccess', undefined, a.iamBillingAccess !== undefined);
    note(a.id, 'payment.cards', undefined, a.payment?.cards !== undefined || a.payment?.paidBy !== undefined);
    note(a.id, 'domains', facts.domains, a.domains !== undefined);
  }

  reconcileOrganizationFeatures();

  // Accounts' domain lists follow the domain factors (registration or DNS in the account), as the loader does.
  for (const account of inventory.accounts) {
    const hosted = (factors.domains ?? []).filter(
      (domain) => domain.registrar === account.id || domain.dns === account.id,
    );
    account.domains = hosted.map((domain) => domain.id);
  }
  return { inventory, provenance, contradictions };

  /** Centralized root access as IAM shows it (ListOrganizationsFeatures) overrides what was declared. */
  function reconcileOrganizationFeatures(): void {
    const organization = scan.organization;
    if (!organization) return;
    const management = keyedBy(inventory.accounts, idOf).first(organization.managementAccountId);
    if (!management) return;
    const fact = organization.enabledFeatures;
    const declared = management.organizationFeatures;
    if (fact.status === 'seen') {
      const seen = {
        rootCredentialsManagement: fact.value.includes('RootCredentialsManagement'),
        rootSessions: fact.value.includes('RootSessions'),
      };
      for (const key of ['rootCredentialsManagement', 'rootSessions'] as const) {
        if (declared?.[key] !== undefined && declared[key] !== seen[key]) {
          contradictions.push({
            accountId: management.id,
            field: `organizationFeatures.${key}`,
            message: `declared ${declared[key] ? 'on' : 'off'}, seen ${seen[key] ? 'on' : 'off'} (${fact.action})`,
          });
        }
      }
      management.organizationFeatures = { ...declared, ...seen };
    }
    note(management.id, 'organizationFeatures', fact, declared !== undefined);
  }

  function reconcileRootEmail(account: Account, facts: AccountFacts): void {
    if (facts.primaryEmail.status !== 'seen' || !facts.primaryEmail.value) return;
    const address = facts.primaryEmail.value.toLowerCase();
    const mailboxes = (factors.mailboxes ??= []);
    let mailbox = mailboxWithAddress(inventory, address);
    if (!mailbox) {
      const domainName = address.split('@')[1] ?? '';
      const domain = factors.domains && keyedBy(factors.domains, domainNameOf).first(domainName);
      const created: Mailbox = {
        id: uniqueId(`mailbox ${address}`),
        address,
        label: `Root mailbox ${address}`,
        ...(domain ? { domain: domain.id } : { provider: domainName }),
      };
      mailboxes.push(created);
      mailbox = created;
    }
    if (account.root?.email !== undefined && account.root.email !== mailbox.id) {
      contradictions.push({
        accountId: account.id,
        field: 'root.email',
        message: `declared ${account.root.email}, seen ${address} (account:GetPrimaryEmail)`,
      });
    }
    account.root = { ...(account.root ?? {}), email: mailbox.id };
  }

  function reconcileMfa(account: Account, facts: AccountFacts): void {
    const audited = facts.rootMfaDevices.status === 'seen' ? facts.rootMfaDevices.value : undefined;
    const virtual =
      facts.rootVirtualMfaDevices.status === 'seen' ? facts.rootVirtualMfaDevices.value : undefined;
    const mfaOff = facts.rootMfaEnabled.status === 'seen' && !facts.rootMfaEnabled.value;
    const seen: MfaDeviceFact[] | undefined =
      audited ?? (virtual && virtual.length > 0 ? virtual : mfaOff ? [] : undefined);
    if (!seen) return;
    // Seen without root's address (read only in a management account): root's still, its address unknown.
    account.root ??= {};
    if (seen.length === 0 && account.root.mfa === undefined) {
      account.root.mfa = []; // seen: root has no MFA device at all
      return;
    }
    const declared = account.root.mfa ?? [];
    if (seen.length === 0 && declared.length > 0) {
      contradictions.push({
        accountId: account.id,
        field: 'root.mfa',
        message: `declared ${declared.length} MFA device(s), AWS reports none (${audited ? 'sts:AssumeRoot' : 'iam:GetAccountSummary'})`,
      });
      account.root.mfa = [];
      return;
    }
    if (seen.length <= declared.length) return;
    // Devices AWS shows that the inventory does not: a finding (who holds them?) and, until declared, a
    // device nobody has vouched for.
    const devices = (factors.devices ??= []);
    const added: RootMfaDevice[] = seen.slice(declared.length).map((device) => {
      const id = uniqueId(`mfa ${account.id} ${device.serialNumber.split('/').pop() ?? ''}`);
      devices.push({
        id,
        kind: device.kind === 'virtual' ? 'phone' : 'security-key',
        label: `MFA device ${device.serialNumber} (holder not declared)`,
        // AWS shows it is registered, not that anyone still has it: unknown, never counted as safe.
        state: 'unknown',
      });
      return {
        type: device.kind === 'fido' ? 'fido' : device.kind === 'hardware-totp' ? 'hardware-totp' : 'virtual',
        heldBy: id,
        label: device.serialNumber,
      };
    });
    if (declared.length > 0) {
      contradictions.push({
        accountId: account.id,
        field: 'root.mfa',
        message: `${added.length} root MFA device(s) seen that the inventory does not declare: who holds them?`,
      });
    }
    account.root.mfa = [...declared, ...added];
  }

  /**
   * A member root its audit session shows without password, MFA or access keys has no credentials
   * (`root.credentials: false`: no root MFA or contact-phone findings, recovered through sts:AssumeRoot); one
   * with any of them has credentials, whatever was declared.
   */
  function reconcileRootCredentials(account: Account, facts: AccountFacts): void {
    const fact = facts.rootCredentials;
    if (fact?.status !== 'seen' || !account.root) return;
    const { password, mfaDevices, accessKeys } = fact.value;
    const has = password || mfaDevices > 0 || accessKeys > 0;
    const declared = account.root.credentials;
    if (declared !== undefined && declared !== has) {
      const seen = has
        ? [
            password ? 'a password' : '',
            mfaDevices > 0 ? `${mfaDevices} MFA device(s)` : '',
            accessKeys > 0 ? `${accessKeys} access key(s)` : '',
          ]
            .filter(Boolean)
            .join(', ')
        : 'no password, MFA device or access key';
      contradictions.push({
        accountId: account.id,
        field: 'root.credentials',
        message: `declared ${declared ? 'with' : 'without'} credentials, AWS shows ${seen} (sts:AssumeRoot audit, ${fact.action})`,
      });
    }
    if (has) delete account.root.credentials;
    else account.root.credentials = false;
  }

  function reconcileContactPhone(account: Account, facts: AccountFacts): void {
    if (facts.contactInformation.status !== 'seen' || !facts.contactInformation.value.phoneNumber) return;
    const seenNumber = facts.contactInformation.value.phoneNumber;
    const numbers = (factors.phoneNumbers ??= []);
    // Every number the same as this one ends with the same seven digits: only those are compared.
    const match = keyedBy(numbers, lastDigitsOf)
      .all(lastDigits(seenNumber))
      .find((candidate) => candidate.number && sameNumber(candidate.number, seenNumber));
    if (match) {
      account.contactPhone = match.id;
      return;
    }
    // The number AWS would call is none of the owner's: treat it as outdated until the owner says otherwise.
    // Only numbers the owner declared say so, not those this reconciliation added for other accounts. With
    // none declared, whether it is still the owner's is unknown, and never counted as safe.
    const declaredAny = (declared?.factors?.phoneNumbers ?? []).length > 0;
    const phone: PhoneNumber = {
      id: uniqueId(`contact phone ${account.id}`),
      number: seenNumber,
      label: `Contact phone ending ${seenNumber.replace(/\D/g, '').slice(-2)} (seen, not one of the declared numbers)`,
      state: declaredAny ? 'outdated' : 'unknown',
    };
    numbers.push(phone);
    if (account.contactPhone) {
      contradictions.push({
        accountId: account.id,
        field: 'contactPhone',
        message: `AWS would call a number that is none of the declared ones (account:GetContactInformation)`,
      });
    }
    account.contactPhone = phone.id;
  }

  /**
   * The alternate billing contact AWS shows replaces the declared one. Its address is matched to a declared
   * mailbox, never made into a new one: a mailbox nobody declared stays unknown (see recovery-graph.ts).
   */
  function reconcileBillingContact(account: Account, facts: AccountFacts): void {
    if (facts.alternateContacts.status !== 'seen') return;
    const declared = account.billingContact;
    const declaredAddress =
      declared?.address ??
      (declared?.mailbox === undefined
        ? undefined
        : keyedBy(factors.mailboxes ?? [], idOf).first(declared.mailbox)
      )?.address ??
      declared?.mailbox;
    const address = facts.alternateContacts.value.BILLING?.email;
    if (address === undefined || address === '') {
      if (declared !== undefined) {
        contradictions.push({
          accountId: account.id,
          field: 'billingContact',
          message: `declared ${declaredAddress ?? 'one'}, AWS has no billing alternate contact (account:GetAlternateContact)`,
        });
        delete account.billingContact;
      }
      return;
    }
    const mailbox = mailboxWithAddress(inventory, address);
    if (declared !== undefined && declaredAddress?.toLowerCase() !== address.toLowerCase()) {
      contradictions.push({
        accountId: account.id,
        field: 'billingContact',
        message: `declared ${declaredAddress ?? 'one'}, seen ${address} (account:GetAlternateContact)`,
      });
    }
    account.billingContact = mailbox ? { mailbox: mailbox.id, address } : { address };
  }

  function reconcilePayers(account: Account, facts: AccountFacts): void {
    if (facts.billingPrincipals.status !== 'seen') return;
    const principals = (account.billingPrincipals ??= []);
    const stores = (factors.passwordStores ??= []);
    for (const payer of facts.billingPrincipals.value) {
      const name = payer.arn.split('/').pop() ?? payer.arn;
      if (principals.some((principal) => principal.name === name)) continue;
      // How this principal signs in is not something AWS shows: a factor nobody has vouched for yet.
      const signIn = uniqueId(`sign in ${account.id} ${name}`);
      stores.push({ id: signIn, label: `How ${name} signs in (not declared)` });
      principals.push({ name, kind: payer.kind, signIn: [signIn] });
    }
  }

  function reconcileDomains(account: Account, facts: AccountFacts): void {
    const domains = (factors.domains ??= []);
    const byName = (name: string): Domain | undefined =>
      keyedBy(domains, domainNameOf).first(name.toLowerCase());
    if (facts.domains.status === 'seen') {
      for (const seen of facts.domains.value) {
        const domain = byName(seen.name);
        if (domain) {
          domain.registrar = account.id;
          if (seen.expiresAt) domain.expires = seen.expiresAt.slice(0, 10);
          if (seen.autoRenew !== undefined) domain.autoRenew = seen.autoRenew;
        } else {
          domains.push({
            id: uniqueId(`domain ${seen.name}`),
            name: seen.name,
            registrar: account.id,
            dns: 'unknown',
            ...(seen.expiresAt ? { expires: seen.expiresAt.slice(0, 10) } : {}),
            ...(seen.autoRenew !== undefined ? { autoRenew: seen.autoRenew } : {}),
          });
        }
      }
    }
    if (facts.hostedZones.status === 'seen') {
      for (const zone of facts.hostedZones.value) {
        if (zone.private) continue;
        const domain = byName(zone.name);
        if (domain) domain.dns = account.id;
      }
    }
  }
}

/** Domains are found by name whatever its case. */
const domainNameOf = (domain: Domain): string => domain.name.toLowerCase();

/** A number's last seven digits: two numbers `sameNumber` takes for one always share them. */
function lastDigits(number: string): string {
  return number.replace(/\D/g, '').slice(-7);
}

const lastDigitsOf = (phone: PhoneNumber): string | undefined =>
  phone.number === undefined ? undefined : lastDigits(phone.number);

/** Two phone numbers are the same when their digits are, ignoring a leading 0 trunk prefix against +CC. */
export function sameNumber(a: string, b: string): boolean {
  const digits = (n: string): string => n.replace(/\D/g, '');
  const x = digits(a);
  const y = digits(b);
  if (x === y) return true;
  // "+81 90-..." and "090-...": compare the national significant number.
  return (
    x.length >= 8 && y.length >= 8 && (x.endsWith(y.replace(/^0/, '')) || y.endsWith(x.replace(/^0/, '')))
  );
}

/** An account named by id and, where known, name. */
export interface NamedAccount {
  id: string;
  name?: string | undefined;
}

/**
 * The inventory's accounts the scan did not see, and the accounts it saw that the inventory does not declare:
 * either is said, never passed over (a typo in an id reads as an account nobody scanned).
 */
export function matchAccounts(
  declared: Inventory,
  scan: ScanResult,
): { notScanned: NamedAccount[]; notDeclared: NamedAccount[] } {
  const scanned = new Set(scan.accounts.map((account) => account.accountId));
  const inventory = new Set(declared.accounts.map((account) => account.id));
  return {
    notScanned: declared.accounts
      .filter((account) => !scanned.has(account.id))
      .map((account) => ({ id: account.id, name: account.name })),
    notDeclared: scan.accounts
      .filter((account) => !inventory.has(account.accountId))
      .map((account) => ({ id: account.accountId, name: account.name })),
  };
}

/** The hosted zones the scan saw, over every account: names, once each. */
export function hostedZonesSeen(scan: ScanResult): string[] {
  const names = new Set<string>();
  for (const account of scan.accounts) {
    if (account.hostedZones.status === 'seen')
      for (const zone of account.hostedZones.value) names.add(zone.name);
  }
  return [...names].sort();
}
