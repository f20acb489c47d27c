/**
 * "Receive billing notices" in the recovery graph: root's mailbox and, when there is one, the alternate billing
 * contact's, each with the domain it lives on. A working second mailbox removes root's mailbox as a single
 * point of failure; one on root's own mail domain leaves that domain as one; an address that matches no
 * declared mailbox is unknown, never counted as a mailbox that works.
 */

import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery, type CapabilityResult } from '../../src/providers/aws/analysis.js';

const ACCOUNT = '111122223333';

/** A standalone account whose root mail is on example.net (DNS at an outside provider); `billing` is YAML. */
function inventory(billing?: string): Inventory {
  const text = `version: 1
asOf: 2026-11-24
factors:
  domains:
    - { id: example-net, name: example.net, registrar: gandi, dns: gandi }
  mailboxes:
    - { id: root-mail, address: aws@example.net, domain: example-net }
    - { id: finance-mail, address: finance@example.net, domain: example-net }
    - { id: gmail, address: owner@gmail.com, provider: gmail }
  passwordStores:
    - { id: vault }
accounts:
  - id: '${ACCOUNT}'
    name: personal
    organization: standalone
    root: { email: root-mail, password: { storedIn: vault }, mfa: [] }
${billing === undefined ? '' : `    billingContact: ${billing}\n`}`;
  const result = parseInventory(text, 'lockout.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

function notices(declared: Inventory): CapabilityResult {
  return analyzeRecovery(declared, { asOf: '2026-11-24' }).capability(ACCOUNT, 'receive-billing-notices');
}

const ids = (capability: CapabilityResult): string[] =>
  capability.singlePointsOfFailure.map((factor) => factor.id).sort();

describe('receive billing notices', () => {
  it("without an alternate billing contact, root's mailbox and its domain are single points of failure", () => {
    expect(ids(notices(inventory()))).toEqual(['example-net', 'root-mail']);
  });

  it("a billing contact on another provider: losing root's mailbox alone no longer takes it", () => {
    const capability = notices(inventory('{ mailbox: gmail }'));
    expect(capability.status).toBe('at-risk');
    expect(ids(capability)).toEqual([]);
    expect(capability.lockoutSets.map((set) => set.map((factor) => factor.id).sort())).toContainEqual([
      'gmail',
      'root-mail',
    ]);
  });

  it("a billing contact on root's mail domain shares that domain's single point of failure", () => {
    expect(ids(notices(inventory('{ mailbox: finance-mail }')))).toEqual(['example-net']);
  });

  it('a billing contact named by its address counts through the declared mailbox with that address', () => {
    expect(ids(notices(inventory('{ address: Owner@Gmail.com }')))).toEqual([]);
    expect(ids(notices(inventory('{ address: finance@example.net }')))).toEqual(['example-net']);
  });

  it("a billing contact at root's own address is no second mailbox", () => {
    expect(ids(notices(inventory('{ address: aws@example.net }')))).toEqual(['example-net', 'root-mail']);
  });

  it('an address that matches no declared mailbox is unknown, never counted as working', () => {
    const declared = inventory('{ address: billing@elsewhere.example }');
    const analysis = analyzeRecovery(declared, { asOf: '2026-11-24' });
    const capability = analysis.capability(ACCOUNT, 'receive-billing-notices');
    expect(ids(capability)).toEqual(['example-net', 'root-mail']);
    const unknown = analysis.events.get(`${ACCOUNT}/billing-contact-mailbox-undeclared`);
    expect(unknown).toEqual({
      accountId: ACCOUNT,
      label: "The billing contact's mailbox billing@elsewhere.example (not a declared mailbox)",
      lostBecause: 'unknown: its address matches no declared mailbox',
    });
    expect(analysis.graph.findEvent(`${ACCOUNT}/billing-contact-mailbox-undeclared`)?.lost).toBe(true);
  });

  it('the other capabilities do not change', () => {
    const without = analyzeRecovery(inventory(), { asOf: '2026-11-24' });
    const withContact = analyzeRecovery(inventory('{ mailbox: gmail }'), { asOf: '2026-11-24' });
    for (const id of ['root-sign-in', 'change-payment-method', 'keep-bill-paid'] as const) {
      expect(withContact.capability(ACCOUNT, id).lockoutSets).toEqual(
        without.capability(ACCOUNT, id).lockoutSets,
      );
    }
  });
});

describe('billingContact in the inventory', () => {
  const parse = (billing: string) =>
    parseInventory(
      `version: 1
factors:
  cards:
    - { id: visa, lastFour: '4242', expires: 2030-01, status: ok }
  mailboxes:
    - { id: root-mail, address: aws@example.net, provider: fastmail }
accounts:
  - id: '${ACCOUNT}'
    name: personal
    organization: standalone
    root: { email: root-mail }
    billingContact: ${billing}
`,
      'lockout.yaml',
    );

  it('needs its mailbox or its address', () => {
    const result = parse('{}');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((error) => error.message)).toContain('name its mailbox or its address');
  });

  it('names a mailbox, not another kind of factor', () => {
    const result = parse('{ mailbox: visa }');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => error.message)).toContain("'visa' is a card, not a mailbox");
    }
  });

  it('named both ways, names one mailbox', () => {
    const result = parse('{ mailbox: root-mail, address: billing@example.net }');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => error.message)).toContain(
        "the billing contact's address is billing@example.net, but its mailbox 'root-mail' is aws@example.net",
      );
    }
    expect(parse('{ mailbox: root-mail, address: AWS@example.net }').ok).toBe(true);
  });

  it('takes an address', () => {
    expect(parse('{ address: billing@example.net, verified: 2026-11-01 }').ok).toBe(true);
  });
});
