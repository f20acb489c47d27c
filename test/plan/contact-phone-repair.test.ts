// The plan's step for the contact-phone repair follows the way in force on the plan's day (issue 11): before
// 2022-07-22 the primary contact could only be changed on the billing console's account page (with IAM access
// to billing), after it with account:PutContactInformation. Before this test the step always described and
// linked the API way, even for a day it did not exist.
import { describe, expect, it } from 'vitest';
import { examplePath } from '../../src/cli/inventory-input.js';
import { loadInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildIncidentPlan } from '../../src/plan/plan.js';
import { atDayTime } from '../../src/plan/time.js';
import { rules } from '../../src/providers/aws/provider-model.js';

/**
 * The incident's account, with an admin who may change the primary contact but not pay (so root must sign in,
 * and the repair is its fastest way), judged on `day`; its domain renewed so that the mail still arrives.
 */
async function incidentWithContactAdmin(day: string, permissions: string[]): Promise<Inventory> {
  const loaded = await loadInventory(examplePath('incident'));
  if (!loaded.ok) throw new Error('the incident example does not load');
  const inventory = structuredClone(loaded.inventory);
  inventory.asOf = day;
  inventory.factors!.domains![0]!.expires = '2030-03-14';
  inventory.factors!.cards![0]!.expires = '2030-11';
  const account = inventory.accounts[0]!;
  account.iamBillingAccess = { activated: true };
  account.billingPrincipals![0]!.permissions = permissions;
  return inventory;
}

function repairStepOn(inventory: Inventory, day: string) {
  const plan = buildIncidentPlan({
    inventory,
    now: atDayTime(day, 'Asia/Tokyo', 9),
    timeZone: 'Asia/Tokyo',
    cardFailed: day,
  });
  const step = plan.steps.find((s) => s.id === 'update-contact-phone');
  if (!step) throw new Error(`no contact-phone step in ${plan.steps.map((s) => s.id).join(', ')}`);
  return { plan, step };
}

describe("the contact-phone repair step follows the way in force on the plan's day", () => {
  it('June 2022: the billing console account page, with IAM access to billing, and its docs', async () => {
    const day = '2022-06-09';
    const inventory = await incidentWithContactAdmin(day, [
      'aws-portal:ViewAccount',
      'aws-portal:ModifyAccount',
    ]);
    const { step } = repairStepOn(inventory, day);
    expect(step.docs).toBe(rules.contactPhoneRepairConsole.docs);
    expect(step.detail).toContain('billing console');
    expect(step.detail).toContain('aws-portal:ModifyAccount');
    // The API and its command did not exist yet.
    expect(step.detail).not.toContain('PutContactInformation');
    expect(step.detail).not.toContain('put-contact-information');
  });

  it('2026: account:PutContactInformation in the console or the CLI, and its docs', async () => {
    const day = '2026-12-03';
    const inventory = await incidentWithContactAdmin(day, ['account:PutContactInformation']);
    const { step } = repairStepOn(inventory, day);
    expect(step.docs).toBe(rules.contactPhoneRepairApi.docs);
    expect(step.detail).toContain('account:PutContactInformation');
    expect(step.detail).toContain('aws account put-contact-information');
    expect(step.detail).not.toContain('aws-portal:ModifyAccount');
  });
});
