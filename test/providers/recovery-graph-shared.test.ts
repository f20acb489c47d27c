/**
 * What the AWS provider works out once per build and reuses (recovery-graph.ts, `shared`): a payer's specs, a
 * management account's side of the contact-phone repair and of AssumeRoot, the alert channels. Accounts of
 * the same shape share them only when what they depend on is the same: two Organizations with different
 * principals, or a member and a management account paying through one payer, must each keep their own.
 */

import { describe, expect, it } from 'vitest';
import type { FaultGraph } from '../../src/analysis/graph.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { rules } from '../../src/providers/aws/provider-model.js';
import {
  buildRecoveryGraph,
  type CapabilityGate,
  type RecoveryGraph,
} from '../../src/providers/aws/recovery-graph.js';

// Organization A: a principal who may update the contact phone and call sts:AssumeRoot, root credentials
// management on; its billing is its own. Organization B: no principal, nothing declared, its billing
// transferred to A. Organization C: pays for itself, so its member is paid by C.
const inventoryText = `version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: key, kind: security-key }
    - { id: admin-laptop, kind: laptop }
  mailboxes:
    - { id: mail, address: root@mail.example, provider: fastmail }
  phoneNumbers:
    - { id: mobile, number: '+81 90-0000-0000' }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111111111111'
    name: org-a
    organization: management
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
    organizationFeatures: { rootCredentialsManagement: true, rootSessions: true }
    principals:
      - { name: admin, signIn: [admin-laptop], permissions: ['account:PutContactInformation', 'sts:AssumeRoot'] }
  - id: '111111111112'
    name: member-a
    organization: member
    managementAccount: '111111111111'
    payment: { paidBy: management }
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
  - id: '222222222221'
    name: org-b
    organization: management
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
    payment: { transferredTo: '111111111111' }
  - id: '222222222222'
    name: member-b
    organization: member
    managementAccount: '222222222221'
    payment: { paidBy: management }
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
  - id: '333333333331'
    name: org-c
    organization: management
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
  - id: '333333333332'
    name: member-c
    organization: member
    managementAccount: '333333333331'
    payment: { paidBy: management }
    root: { email: mail, password: { storedIn: vault }, mfa: [{ type: fido, heldBy: key }] }
    contactPhone: mobile
`;

function inventory(): Inventory {
  const result = parseInventory(inventoryText, 'lockout.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

function capability(recovery: RecoveryGraph, account: string, id: string): CapabilityGate {
  const found = recovery.capabilities.find((c) => c.account.id === account && c.capability === id);
  if (!found) throw new Error(`no ${id} for ${account}`);
  return found;
}

/** The names of a gate's inputs. */
function inputsOf(graph: FaultGraph, gate: string): string[] {
  return graph.findGate(gate)!.inputs.map((input) => (input.type === 'constant' ? '?' : graph.nameOf(input)));
}

describe("what the AWS provider shares between accounts is each account's own where it differs", () => {
  const recovery = buildRecoveryGraph(inventory(), '2026-12-01');

  it("each member repairs its contact phone through its own management account's principals, or not at all", () => {
    const ways = (account: string) => capability(recovery, account, 'root-sign-in').ways.map((way) => way.id);
    expect(ways('111111111112')).toContain('contact-phone-repair');
    expect(ways('222222222222')).not.toContain('contact-phone-repair');
    const repair = capability(recovery, '111111111112', 'root-sign-in').ways.find(
      (way) => way.id === 'contact-phone-repair',
    )!;
    expect(repair.label).toContain('admin in org-a');
    expect(inputsOf(recovery.graph, repair.gate)).toContain('111111111111/contact-principals-lost');
  });

  it("each member's AssumeRoot way needs its own management account's side", () => {
    const central = (account: string) =>
      inputsOf(recovery.graph, `${account}/root-sign-in/central-password-recovery`);
    expect(central('111111111112')).toEqual(['lost/mail', '111111111111/assume-root-principals-lost']);
    expect(central('222222222222')).toEqual([
      'lost/mail',
      '222222222221/root-credentials-management-undeclared',
      '222222222221/no-assume-root-principal',
    ]);
  });

  it('accounts paid by different payers are paid, and billed, through their own', () => {
    const through = (account: string, id: string) => capability(recovery, account, id).ways[0]!.gate;
    expect(through('111111111112', 'keep-bill-paid')).toBe('111111111111/keep-bill-paid');
    expect(through('333333333332', 'keep-bill-paid')).toBe('333333333331/keep-bill-paid');
    expect(capability(recovery, '333333333332', 'receive-billing-notices').gate).toBe(
      '333333333332/receive-billing-notices',
    );
    expect(inputsOf(recovery.graph, '333333333332/receive-billing-notices')).toEqual([
      '333333333331/receive-billing-notices',
    ]);
    expect(recovery.graph.findGate('333333333332/receive-billing-notices')!.label).toContain('paid by org-c');
    expect(recovery.graph.findGate('111111111112/receive-billing-notices')!.label).toContain('paid by org-a');
  });

  it('a member and a management account paying through one payer keep their own documentation', () => {
    const docs = (account: string) => capability(recovery, account, 'change-payment-method').ways[0]!.docs;
    // Member B is paid by B, whose billing went to A: both pay through A, under different rules.
    expect(capability(recovery, '222222222222', 'change-payment-method').ways[0]!.gate).toBe(
      '111111111111/change-payment-method',
    );
    expect(capability(recovery, '222222222221', 'change-payment-method').ways[0]!.gate).toBe(
      '111111111111/change-payment-method',
    );
    expect(docs('222222222222')).toBe(rules.consolidatedBilling.docs);
    expect(docs('222222222221')).toBe(rules.billingTransfer.docs);
  });

  it('two builds of one inventory share nothing: each applies the rules of its own day', () => {
    const declared = inventory();
    const now = buildRecoveryGraph(declared, '2026-12-01');
    // Before account:PutContactInformation (2022-07-22) and sts:AssumeRoot (2024-11-14).
    const before = buildRecoveryGraph(declared, '2022-06-01');
    const ways = (recovery: RecoveryGraph) =>
      capability(recovery, '111111111112', 'root-sign-in').ways.map((way) => way.id);
    expect(ways(now)).toEqual(expect.arrayContaining(['contact-phone-repair', 'central-password-recovery']));
    expect(ways(before)).not.toContain('contact-phone-repair');
    expect(ways(before)).not.toContain('central-password-recovery');
  });
});
