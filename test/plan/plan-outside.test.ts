/**
 * A plan counts on a principal only when that principal can sign in: one who signs in through an outside
 * account (IAM Identity Center federated from Google) is lost with that account's sign-in, which the old
 * phone's loss takes here (its 2-Step Verification and recovery phone are both on the number in that phone).
 */
import { describe, expect, it } from 'vitest';
import { examplePath } from '../../src/cli/inventory-input.js';
import { loadInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildIncidentPlan } from '../../src/plan/plan.js';
import { atDayTime } from '../../src/plan/time.js';

async function withPrincipals(): Promise<Inventory> {
  const loaded = await loadInventory(examplePath('incident-outside'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const inventory = structuredClone(loaded.inventory);
  const account = inventory.accounts[0]!;
  account.iamBillingAccess = { activated: true };
  account.billingPrincipals = [
    { name: 'alex-sso', kind: 'identity-center-user', signIn: ['google-alex'], permissions: ['payments:*'] },
    { name: 'alex-iam', kind: 'iam-user', signIn: ['laptop'], permissions: ['payments:*'] },
  ];
  const phone = inventory.factors!.devices!.find((device) => device.id === 'old-phone')!;
  phone.state = 'lost';
  return inventory;
}

describe('a plan with principals signing in through an outside account', () => {
  it('asks for the hold signed in as the principal who still can, not the one whose Google account is lost', async () => {
    const inventory = await withPrincipals();
    const plan = buildIncidentPlan({
      inventory,
      now: atDayTime('2019-03-04', 'Asia/Tokyo', 9),
      timeZone: 'Asia/Tokyo',
      notices: [{ kind: 'suspension', day: '2019-03-05' }],
      deadline: '2019-03-05',
    });
    // Late: the plan asks AWS Support for a hold, signed in as a principal who still can.
    expect(plan.verdict).toBe('late');
    expect(plan.escalation?.where).toContain('(alex-iam, if its permissions allow it)');
  });

  it('names a labelled card by its digits, then its label ("Make the card ending 4242 (…) the default")', async () => {
    const inventory = await withPrincipals();
    const plan = buildIncidentPlan({
      inventory,
      now: atDayTime('2019-03-04', 'Asia/Tokyo', 9),
      timeZone: 'Asia/Tokyo',
      notices: [{ kind: 'suspension', day: '2019-03-20' }],
      deadline: '2019-03-31',
    });
    const titles = plan.steps.map((step) => step.title);
    expect(titles).toContain('Make the card ending 4242 (The only card on file) the default payment method');
    expect(titles.join('\n')).not.toMatch(/the The/);
  });
});
