/**
 * Reconciliation of a scan with the declared inventory: live facts override attested ones, every field says
 * where it came from, and contradictions become findings (a root MFA device nobody declared: who holds it?).
 */

import { describe, expect, it } from 'vitest';
import { inventoryContradicted } from '../../src/checks/inventory-contradicted.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import { reconcile, sameNumber } from '../../src/providers/aws/scan/reconcile.js';
import {
  accountFacts,
  factActions,
  organization,
  organizationScan,
  scanResult,
  seen,
  unknown,
} from '../store/scan-builder.js';

const ACCOUNT = '111111111111';

function declared(extra = ''): Inventory {
  const text = `version: 1
factors:
  devices:
    - { id: key-a, kind: security-key }
  phoneNumbers:
    - { id: my-number, number: '+81 90-1111-2222' }
  mailboxes:
    - { id: root-mail, address: root@example.org, provider: fastmail }
  passwordStores:
    - { id: vault }
accounts:
  - id: '${ACCOUNT}'
    name: personal
    organization: standalone
    root: { email: root-mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key-a }] }
    contactPhone: my-number
${extra}`;
  const result = parseInventory(text, 'lockout.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

/** The account as scanned: AWS would call the owner's own number unless a test says otherwise. */
function scanned(overrides: Parameters<typeof accountFacts>[1] = {}): ReturnType<typeof accountFacts> {
  return accountFacts(ACCOUNT, {
    contactInformation: seen({ phoneNumber: '+81 90-1111-2222' }, factActions.contactInformation),
    ...overrides,
  });
}

function contradictionsOf(inventory: Inventory, facts = scanned()): ReturnType<typeof reconcile> {
  return reconcile(scanResult({ accounts: [facts] }), inventory, '2026-11-24');
}

describe('reconcile', () => {
  it('matches the contact phone to a declared number whatever its formatting', () => {
    expect(sameNumber('+81 90-1111-2222', '090-1111-2222')).toBe(true);
    expect(sameNumber('+81 90-1111-2222', '+81 90-1111-2223')).toBe(false);
    const facts = accountFacts(ACCOUNT, {
      contactInformation: seen({ phoneNumber: '+81-90-1111-2222' }, factActions.contactInformation),
    });
    const result = contradictionsOf(declared(), facts);
    expect(result.inventory.accounts[0]!.contactPhone).toBe('my-number');
    expect(result.contradictions).toEqual([]);
    expect(result.provenance).toContainEqual({
      accountId: ACCOUNT,
      field: 'contactPhone',
      source: 'seen',
      detail: 'account:GetContactInformation',
    });
  });

  it('a contact phone that is none of the owner numbers counts as outdated, and says so', () => {
    const facts = accountFacts(ACCOUNT, {
      contactInformation: seen({ phoneNumber: '+1 206 555 0100' }, factActions.contactInformation),
    });
    const result = contradictionsOf(declared(), facts);
    const phoneId = result.inventory.accounts[0]!.contactPhone!;
    const phone = result.inventory.factors!.phoneNumbers!.find((p) => p.id === phoneId)!;
    expect(phone.state).toBe('outdated');
    expect(result.contradictions.map((c) => c.field)).toEqual(['contactPhone']);
    // The analysis then sees the alternative-factor path broken.
    const analysis = analyzeRecovery(result.inventory, { asOf: '2026-11-24' });
    const root = analysis.capability(ACCOUNT, 'root-sign-in');
    expect(root.ways.find((w) => w.id === 'alternative-factors')!.status).toBe('lost');
  });

  it("a billing contact matching a declared mailbox takes root's mailbox off the billing notices' single points", () => {
    const inventory = declared();
    inventory.factors!.mailboxes!.push({ id: 'finance', address: 'finance@example.org', provider: 'gmail' });
    const facts = scanned({
      alternateContacts: seen(
        { BILLING: { name: 'Finance', email: 'Finance@Example.org' } },
        factActions.alternateContacts,
      ),
    });
    const result = contradictionsOf(inventory, facts);
    expect(result.inventory.accounts[0]!.billingContact).toEqual({
      mailbox: 'finance',
      address: 'Finance@Example.org',
    });
    expect(result.contradictions).toEqual([]);
    expect(result.provenance).toContainEqual({
      accountId: ACCOUNT,
      field: 'billingContact',
      source: 'seen',
      detail: 'account:GetAlternateContact',
    });
    const analysis = analyzeRecovery(result.inventory, { asOf: '2026-11-24' });
    expect(analysis.capability(ACCOUNT, 'receive-billing-notices').singlePointsOfFailure).toEqual([]);
  });

  it('a billing contact matching no declared mailbox stays unknown: no mailbox is made up for it', () => {
    const facts = scanned({
      alternateContacts: seen(
        { BILLING: { name: 'Someone', email: 'someone@elsewhere.example' } },
        factActions.alternateContacts,
      ),
    });
    const result = contradictionsOf(declared(), facts);
    expect(result.inventory.accounts[0]!.billingContact).toEqual({ address: 'someone@elsewhere.example' });
    expect(result.inventory.factors!.mailboxes!.map((mailbox) => mailbox.id)).toEqual(['root-mail']);
    const analysis = analyzeRecovery(result.inventory, { asOf: '2026-11-24' });
    const notices = analysis.capability(ACCOUNT, 'receive-billing-notices');
    expect(notices.singlePointsOfFailure.map((factor) => factor.id)).toEqual(['root-mail']);
    expect(analysis.events.get(`${ACCOUNT}/billing-contact-mailbox-undeclared`)?.lostBecause).toBe(
      'unknown: its address matches no declared mailbox',
    );
  });

  it('a declared billing contact that AWS does not have, or has at another address, is a contradiction', () => {
    const withContact = declared('    billingContact: { address: root@example.org }\n');
    const none = contradictionsOf(
      withContact,
      scanned({ alternateContacts: seen({}, factActions.alternateContacts) }),
    );
    expect(none.inventory.accounts[0]!.billingContact).toBeUndefined();
    expect(none.contradictions).toEqual([
      {
        accountId: ACCOUNT,
        field: 'billingContact',
        message:
          'declared root@example.org, AWS has no billing alternate contact (account:GetAlternateContact)',
      },
    ]);
    const other = contradictionsOf(withContact, scanned());
    expect(other.contradictions.map((c) => c.message)).toEqual([
      'declared root@example.org, seen billing@example.net (account:GetAlternateContact)',
    ]);
    expect(other.inventory.accounts[0]!.billingContact).toEqual({ address: 'billing@example.net' });
  });

  it('alternate contacts not seen: the declared billing contact stands, as attested', () => {
    const withContact = declared('    billingContact: { mailbox: root-mail }\n');
    const result = contradictionsOf(
      withContact,
      scanned({
        alternateContacts: {
          status: 'unknown',
          reason: 'access-denied',
          action: 'account:GetAlternateContact',
          message: 'denied',
        },
      }),
    );
    expect(result.inventory.accounts[0]!.billingContact).toEqual({ mailbox: 'root-mail' });
    expect(result.provenance).toContainEqual({
      accountId: ACCOUNT,
      field: 'billingContact',
      source: 'attested',
      detail: 'inventory',
    });
  });

  it('root MFA devices AWS shows that nobody declared become a finding: who holds them?', () => {
    const facts = scanned({
      rootMfaDevices: seen(
        [
          { serialNumber: `arn:aws:iam::${ACCOUNT}:u2f/root/key-1`, kind: 'fido' },
          { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-phone`, kind: 'virtual' },
        ],
        'sts:AssumeRoot',
      ),
    });
    const result = contradictionsOf(declared(), facts);
    expect(result.inventory.accounts[0]!.root!.mfa).toHaveLength(2);
    expect(result.contradictions).toHaveLength(1);
    expect(result.contradictions[0]!.message).toContain('who holds them?');
    const drafts = inventoryContradicted.run({
      inventory: result.inventory,
      asOf: '2026-11-24',
      recovery: analyzeRecovery(result.inventory, { asOf: '2026-11-24' }),
      contradictions: result.contradictions,
    });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.severity).toBe('high');
    expect(drafts[0]!.path).toEqual(['accounts', 0, 'root', 'mfa']);
  });

  it('declared MFA that AWS says is off: the live fact wins', () => {
    const facts = scanned({
      rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
      rootVirtualMfaDevices: seen([], factActions.rootVirtualMfaDevices),
    });
    const result = contradictionsOf(declared(), facts);
    expect(result.inventory.accounts[0]!.root!.mfa).toEqual([]);
    expect(result.contradictions.map((c) => c.field)).toEqual(['root.mfa']);
  });

  // Found by a fault probe: a standalone account scanned without an inventory said "Root MFA devices (not
  // declared)" and "declare root MFA devices" although the scan had seen root without MFA. account:GetPrimaryEmail
  // answers only in an Organization's management account, and without root's address no root was made.
  it("root's MFA seen without root's address: what AWS shows is root's, and only its address stays unknown", () => {
    const withoutMfa = reconcile(
      scanResult({
        accounts: [
          accountFacts(ACCOUNT, {
            rootMfaEnabled: seen(false, factActions.rootMfaEnabled),
            rootVirtualMfaDevices: seen([], factActions.rootVirtualMfaDevices),
          }),
        ],
      }),
      undefined,
      '2026-11-24',
    );
    const account = withoutMfa.inventory.accounts[0]!;
    expect(account.root).toEqual({ mfa: [] });
    const root = analyzeRecovery(withoutMfa.inventory, { asOf: '2026-11-24' }).capability(
      ACCOUNT,
      'root-sign-in',
    );
    const lostBecause = root.ways.map((way) => way.id);
    expect(lostBecause).not.toContain('mfa-sign-in');
    expect(lostBecause).toContain('password-sign-in');
    const events = [...analyzeRecovery(withoutMfa.inventory, { asOf: '2026-11-24' }).events.values()].map(
      (event) => event.label,
    );
    expect(events).not.toContain('Root MFA devices (not declared)');
    expect(events).toContain("Root's email address (not declared)");
  });

  it('without an inventory, every scanned account joins with what was seen, and the rest is unknown', () => {
    const result = reconcile(scanResult({ accounts: [accountFacts(ACCOUNT)] }), undefined, '2026-11-24');
    expect(result.inventory.accounts.map((a) => a.id)).toEqual([ACCOUNT]);
    const sources = new Map(result.provenance.map((p) => [p.field, p.source]));
    expect(sources.get('iamBillingAccess')).toBe('unknown');
    expect(sources.get('payment.cards')).toBe('unknown');
  });

  it('does not change the declared inventory object', () => {
    const inventory = declared();
    const before = JSON.stringify(inventory);
    contradictionsOf(inventory);
    expect(JSON.stringify(inventory)).toBe(before);
  });
});

describe('centralized root access, as IAM shows it', () => {
  it('fills the management account’s organizationFeatures from ListOrganizationsFeatures', () => {
    const { inventory, provenance } = reconcile(organizationScan(), undefined, '2026-12-01');
    const management = inventory.accounts.find((account) => account.id === '111111111111')!;
    expect(management.organizationFeatures).toEqual({ rootCredentialsManagement: true, rootSessions: false });
    expect(provenance).toContainEqual({
      accountId: '111111111111',
      field: 'organizationFeatures',
      source: 'seen',
      detail: 'iam:ListOrganizationsFeatures',
    });
  });

  it('says so when the declaration disagrees, and keeps what AWS shows', () => {
    const declaredOrg = parseInventory(
      `version: 1
accounts:
  - id: '111111111111'
    name: management
    organization: management
    organizationFeatures: { rootCredentialsManagement: false, rootSessions: true }
`,
      'lockout.yaml',
    );
    if (!declaredOrg.ok) throw new Error('does not load');
    const { inventory, contradictions } = reconcile(organizationScan(), declaredOrg.inventory, '2026-12-01');
    expect(inventory.accounts[0]!.organizationFeatures).toMatchObject({ rootCredentialsManagement: true });
    expect(contradictions.map((c) => c.field)).toEqual(
      expect.arrayContaining([
        'organizationFeatures.rootCredentialsManagement',
        'organizationFeatures.rootSessions',
      ]),
    );
  });

  it('leaves an unread feature list unknown, never "off"', () => {
    const scan = organizationScan({
      organization: organization({ enabledFeatures: unknown('iam:ListOrganizationsFeatures') }),
    });
    const { inventory, provenance } = reconcile(scan, undefined, '2026-12-01');
    expect(inventory.accounts[0]!.organizationFeatures).toBeUndefined();
    expect(provenance.find((p) => p.field === 'organizationFeatures')?.source).toBe('unknown');
  });
});
