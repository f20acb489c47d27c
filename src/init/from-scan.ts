/**
 * A starter inventory from a live scan: the scan's own reconciliation turns what AWS showed into an inventory
 * (accounts, the Organization and its features, member root emails, root MFA devices, the contact phone, the
 * billing contact, billing principals, domains); this adds what it leaves out (hosted zones of domains
 * registered elsewhere, the alternate contacts besides billing, what payers may do) and, for each fact no API
 * shows, the question to answer.
 */

import { listFactors, type Account, type Day, type Domain, type Inventory } from '../model/inventory.js';
import { idOf, keyedBy } from '../model/keyed-lists.js';
import { domainSchema } from '../inventory/schema.js';
import type { AccountFacts, ScanResult } from '../providers/aws/scan/facts.js';
import { reconcile, type Provenance } from '../providers/aws/scan/reconcile.js';
import {
  accountQuestions,
  factorPath,
  howToFinish,
  ownerQuestions,
  type Note,
  type Starter,
} from './starter.js';

/**
 * What the reconciliation writes for a domain's DNS, and this for its registrar, when no account scanned shows
 * it: a value the schema takes (an outside provider's name), with the question in a comment beside it.
 */
const NOT_SEEN = 'unknown';

export function starterFromScan(scan: ScanResult, asOf: Day, file: string): Starter {
  const { inventory, provenance } = reconcile(scan, undefined, asOf);
  const notes: Note[] = [];
  const factors = (inventory.factors ??= {});

  linkMailboxesToDomains(inventory);
  const zoneDomains = addZoneDomains(inventory, scan);

  inventory.accounts.forEach((account, index) => {
    const facts = keyedBy(scan.accounts, accountIdOf).first(account.id);
    // The loader lists an account's domains from the domain factors: the file need not repeat them.
    if (account.domains !== undefined) delete account.domains;
    if (facts === undefined) return;
    const payers = facts.billingPrincipals.status === 'seen' ? facts.billingPrincipals.value : [];
    for (const principal of account.billingPrincipals ?? []) {
      // What IAM's policy simulator allowed, rather than "may change the payment method" by default.
      const seen = payers.find((payer) => payer.arn.split('/').pop() === principal.name);
      if (seen !== undefined && seen.allowedActions.length > 0)
        principal.permissions = [...seen.allowedActions];
    }
    const about = seenAbout(account, facts, scan, provenance);
    if (about.length > 0) notes.push({ kind: 'about', path: ['accounts', index], text: about.join('\n') });
    notes.push(...accountQuestions(account, index, rootMfaSeen(facts)));
    notes.push(...scanQuestions(inventory, account, index, facts));
  });

  for (const domain of factors.domains ?? []) {
    const path = factorPath(inventory, 'domains', domain.id)!;
    if (domain.dns === NOT_SEEN) {
      notes.push({
        kind: 'question',
        path,
        ask: `Where is the DNS of ${domain.name} hosted? No public hosted zone for it was seen in the accounts scanned: write the DNS provider's name, or the account id that hosts its zone.`,
        write: ['dns: DNS-PROVIDER'],
      });
    }
    if (zoneDomains.has(domain.id)) {
      notes.push({
        kind: 'question',
        path,
        ask: `Where is ${domain.name} registered? Its hosted zone was seen, but no account scanned registers it: write the registrar's name, or the account id.`,
        write: ['registrar: REGISTRAR'],
      });
    }
  }
  notes.push(...ownerQuestions(inventory));

  const organization = scan.organization;
  const header = [
    `Lockout inventory, started by \`lockout init\` on ${asOf} from a read-only scan of AWS account ${scan.callerAccountId}` +
      (organization
        ? ` (Organization ${organization.id}, ${inventory.accounts.length} account${inventory.accounts.length === 1 ? '' : 's'} scanned).`
        : '.'),
    'Values are what AWS showed; what no API shows is a question.',
    ...howToFinish(file),
  ];
  // The file reads top-down as the examples do: what you hold, then the accounts that rest on it.
  const ordered: Inventory = { version: 1, asOf, factors, accounts: inventory.accounts };
  return { inventory: ordered, header, notes, origin: 'scan' };
}

const accountIdOf = (item: { accountId: string }): string => item.accountId;
const nameOf = (domain: Domain): string => domain.name;

/** The domain of that name, or one it is a part of (internal.example.com of example.com), if declared. */
function domainOrPartOf(domains: readonly Domain[], name: string): boolean {
  const keyed = keyedBy(domains, nameOf);
  for (let at = 0; at !== -1; at = name.indexOf('.', at + 1)) {
    if (keyed.first(at === 0 ? name : name.slice(at + 1)) !== undefined) return true;
  }
  return false;
}

/**
 * The reconciliation names a root mailbox's provider after its mail domain when the domain was not yet known;
 * once the scan has found the domain in an account, the mailbox lives on it.
 */
function linkMailboxesToDomains(inventory: Inventory): void {
  const domains = inventory.factors?.domains ?? [];
  for (const mailbox of inventory.factors?.mailboxes ?? []) {
    const host = mailbox.address?.split('@')[1]?.toLowerCase();
    const domain = host === undefined ? undefined : keyedBy(domains, nameOf).first(host);
    if (domain !== undefined && mailbox.domain === undefined) {
      mailbox.domain = domain.id;
      if (mailbox.provider === host) delete mailbox.provider;
    }
  }
}

/**
 * Public hosted zones whose domain no scanned account registers: the domain is registered elsewhere, and its DNS
 * is in the account, so a suspension takes it down. A zone under a domain already declared (internal.example.com
 * under example.com) is a part of that domain, said on its account. Returns the ids of the domains added.
 */
function addZoneDomains(inventory: Inventory, scan: ScanResult): Set<string> {
  const domains = (inventory.factors!.domains ??= []);
  const ids = new Set(listFactors(inventory).map((factor) => factor.id));
  const added = new Set<string>();
  for (const facts of scan.accounts) {
    if (facts.hostedZones.status !== 'seen') continue;
    // Parents first, so that www.shop.example is seen as a part of shop.example whatever order AWS lists them in.
    const zones = [...facts.hostedZones.value].sort(
      (a, b) => a.name.split('.').length - b.name.split('.').length,
    );
    for (const zone of zones) {
      const name = zone.name.toLowerCase();
      if (zone.private || domainOrPartOf(domains, name)) continue;
      // A zone that is no domain name the inventory takes (a reverse-lookup zone, say) stays said on its account.
      if (!domainSchema.shape.name.safeParse(name).success) continue;
      // The same scheme as the reconciliation's own domain ids.
      const base = `domain-${name.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
      let id = base;
      for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
      ids.add(id);
      const domain: Domain = { id, name, registrar: NOT_SEEN, dns: facts.accountId };
      domains.push(domain);
      added.add(id);
    }
  }
  return added;
}

/** What the scan showed about an account that the inventory has no field for, said above it. */
function seenAbout(
  account: Account,
  facts: AccountFacts,
  scan: ScanResult,
  provenance: readonly Provenance[],
): string[] {
  const lines: string[] = [];
  const organization = scan.organization;
  if (organization !== undefined && account.organization === 'management') {
    const features = organization.enabledFeatures;
    lines.push(
      `Management account of Organization ${organization.id}` +
        (organization.featureSet ? ` (feature set ${organization.featureSet})` : '') +
        (features.status === 'seen'
          ? `; centralized root access features on: ${features.value.length > 0 ? features.value.join(', ') : 'none'} (${features.action}).`
          : '.'),
    );
  } else if (account.organization === 'member') {
    lines.push(
      `Member of Organization ${organization?.id ?? '(unknown)'}${facts.state ? `, ${facts.state}` : ''}.`,
    );
  }
  if (facts.alternateContacts.status === 'seen') {
    const contacts = Object.entries(facts.alternateContacts.value)
      .filter(([, contact]) => contact.email)
      .map(([type, contact]) => `${type.toLowerCase()} ${contact.email ?? ''}`);
    lines.push(`Alternate contacts seen: ${contacts.length > 0 ? contacts.join(', ') : 'none'}.`);
  }
  if (facts.hostedZones.status === 'seen' && facts.hostedZones.value.length > 0) {
    lines.push(
      `Hosted zones seen: ${facts.hostedZones.value.map((zone) => `${zone.name}${zone.private ? ' (private)' : ''}`).join(', ')}.`,
    );
  }
  const unknown = keyedBy(provenance, accountIdOf)
    .all(account.id)
    .filter((entry) => entry.source === 'unknown' && entry.detail.includes(':'));
  for (const entry of unknown) lines.push(`Not seen, so unknown: ${entry.field} (${entry.detail}).`);
  if (account.organization === 'management' && account.id === scan.callerAccountId && organization) {
    const members = scan.accounts.length - 1;
    if (members === 0) {
      lines.push(
        'Its members were not scanned: run lockout init --org --force to add them, their root emails and contacts.',
      );
    }
  }
  return lines;
}

/**
 * What the scan showed of root's MFA, for an account whose root the file cannot declare yet (no API shows a
 * standalone or management account's own root email): in words, and as the line that declares it.
 */
function rootMfaSeen(facts: AccountFacts): { said: string; mfa: string } | undefined {
  const listed =
    facts.rootMfaDevices.status === 'seen'
      ? facts.rootMfaDevices
      : facts.rootVirtualMfaDevices.status === 'seen'
        ? facts.rootVirtualMfaDevices
        : undefined;
  const devices = listed?.value ?? [];
  const enabled = facts.rootMfaEnabled.status === 'seen' ? facts.rootMfaEnabled : undefined;
  if (devices.length > 0) {
    const types = devices.map((device) => (device.kind === 'unknown' ? 'virtual' : device.kind));
    return {
      said: `AWS shows ${devices.length} root MFA device${devices.length === 1 ? '' : 's'} (${listed!.action}): ${devices.map((device) => device.serialNumber).join(', ')}.`,
      mfa: `mfa: [${types.map((type, index) => `{ type: ${type}, heldBy: DEVICE-ID, label: '${devices[index]!.serialNumber}' }`).join(', ')}]`,
    };
  }
  if (enabled !== undefined && !enabled.value) {
    return { said: `AWS shows root has no MFA (${enabled.action}).`, mfa: 'mfa: []' };
  }
  if (enabled !== undefined) {
    return {
      said: `AWS shows root MFA is on (${enabled.action}) and no virtual device: a security key or a hardware token.`,
      mfa: 'mfa: [{ type: fido, heldBy: DEVICE-ID, verified: YYYY-MM-DD }]',
    };
  }
  return undefined;
}

/** Questions about what the scan found but cannot vouch for: who holds a device, whose number AWS would call. */
function scanQuestions(inventory: Inventory, account: Account, index: number, facts: AccountFacts): Note[] {
  const notes: Note[] = [];
  const factors = inventory.factors ?? {};
  for (const device of account.root?.mfa ?? []) {
    const path = factorPath(inventory, 'devices', device.heldBy);
    if (path === undefined) continue;
    notes.push({
      kind: 'question',
      path,
      ask: `What is this root MFA device of ${account.name}, who holds it, and where is it kept? Its kind is a guess from the MFA type; sign in as root with it and write the day it worked. Until then it counts as unknown: replace "state: unknown" with these lines (or with "state: lost" if it is gone).`,
      write: ['state: ok', 'holder: PERSON-ID', 'location: PLACE-ID', `verified: YYYY-MM-DD`],
    });
  }
  if (account.contactPhone !== undefined) {
    const path = factorPath(inventory, 'phoneNumbers', account.contactPhone);
    const phone = factors.phoneNumbers && keyedBy(factors.phoneNumbers, idOf).first(account.contactPhone);
    if (path !== undefined && phone?.holder === undefined) {
      notes.push({
        kind: 'question',
        path,
        ask: `Whose phone is this number, the one AWS calls when the root of ${account.name} loses its MFA, and is it still theirs? A toll-free number cannot take the code. Until then it counts as unknown: replace "state: unknown" with these lines (or with "state: outdated" if it is no longer yours).`,
        write: ['state: ok', 'holder: PERSON-ID', 'kind: mobile', 'verified: YYYY-MM-DD'],
      });
    }
  }
  for (const [principalIndex, principal] of (account.billingPrincipals ?? []).entries()) {
    // The reconciliation names a placeholder factor for how a principal it saw signs in: no API shows that.
    if (!principal.signIn.some((id) => factorPath(inventory, 'passwordStores', id) !== undefined)) continue;
    notes.push({
      kind: 'question',
      path: ['accounts', index, 'billingPrincipals', principalIndex],
      ask: `How does ${principal.name} sign in: which password manager, device, single sign-on? Declare those factors and list them here instead of the placeholder (then delete the placeholder from factors.passwordStores).`,
      write: ['signIn: [PASSWORD-STORE-ID, DEVICE-ID]'],
    });
  }
  const contact = account.billingContact;
  if (contact !== undefined && contact.mailbox === undefined && contact.address !== undefined) {
    notes.push({
      kind: 'question',
      path: ['accounts', index, 'billingContact'],
      ask: `Who reads ${contact.address}? AWS sends billing mail there too, but it counts only once it is a declared mailbox: declare it under factors.mailboxes (its address, and its domain or provider) and name it here.`,
      write: ['mailbox: MAILBOX-ID'],
    });
  }
  const rootEmail = account.root?.email;
  const rootMailbox =
    factors.mailboxes && rootEmail !== undefined
      ? keyedBy(factors.mailboxes, idOf).first(rootEmail)
      : undefined;
  if (rootMailbox !== undefined && facts.primaryEmail.status === 'seen') {
    const path = factorPath(inventory, 'mailboxes', rootMailbox.id)!;
    notes.push({
      kind: 'question',
      path,
      ask: `Who reads ${rootMailbox.address ?? 'this mailbox'}, root's mailbox for ${account.name}, through which every recovery goes, and who hosts it?`,
      write: ['provider: MAIL-PROVIDER', 'verified: YYYY-MM-DD'],
    });
  }
  return notes;
}
