/**
 * root-only-payer counts a billing principal who signs in through an outside account (IAM Identity Center
 * federated from Google) as unable to pay once that account's sign-in is lost, as plans do
 * (test/plan/plan-outside.test.ts): in the incident's outside example, losing the old phone loses Alex's Google
 * account (its 2-Step Verification and recovery phone are both on the number in that phone).
 */
import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../src/checks/check.js';
import { rootOnlyPayer } from '../../src/checks/root-only-payer.js';
import { examplePath } from '../../src/cli/inventory-input.js';
import { loadInventory } from '../../src/inventory/index.js';
import type { BillingPrincipal, Inventory } from '../../src/model/inventory.js';
import { analyzeRecoveryGraph } from '../../src/recovery/analysis.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';

async function withPrincipals(principals: BillingPrincipal[], phoneLost: boolean): Promise<Inventory> {
  const loaded = await loadInventory(examplePath('incident-outside'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const inventory = structuredClone(loaded.inventory);
  const account = inventory.accounts[0]!;
  account.iamBillingAccess = { activated: true };
  account.billingPrincipals = principals;
  if (phoneLost) inventory.factors!.devices!.find((device) => device.id === 'old-phone')!.state = 'lost';
  return inventory;
}

function run(inventory: Inventory): FindingDraft[] {
  const asOf = inventory.asOf!;
  const recovery = analyzeRecoveryGraph(buildRecoveryGraph(inventory, asOf), { asOf });
  return rootOnlyPayer.run({ inventory, asOf, recovery });
}

const sso: BillingPrincipal = {
  name: 'alex-sso',
  kind: 'identity-center-user',
  signIn: ['google-alex'],
  permissions: ['payments:*'],
};

describe('root-only-payer with a principal signing in through an outside account', () => {
  it("fires when the principal's Google account is lost with the old phone, naming the account", async () => {
    const drafts = run(await withPrincipals([sso], true));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.message).toContain("alex-sso needs Alex's Google account");
    expect(drafts[0]!.message).toContain('only root can pay');
    // Findings name factors only: the account is in the message.
    expect(drafts[0]!.factors).toEqual([]);
  });

  it('stays quiet while that Google account can still be signed in to', async () => {
    expect(run(await withPrincipals([sso], false))).toEqual([]);
  });

  it('stays quiet when another principal signs in some other way', async () => {
    const iam: BillingPrincipal = { name: 'alex-iam', kind: 'iam-user', signIn: ['laptop'] };
    expect(run(await withPrincipals([sso, iam], true))).toEqual([]);
  });
});
