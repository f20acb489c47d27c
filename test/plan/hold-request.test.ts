// Issue 13, "the hold request letter states true facts in plain words": it tells AWS only what is known —
// never "only root can pay" when billing access is on and a principal may pay, never an inventory's unknown
// ("none declared") as a fact — and costs carry their currency.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildIncidentPlan } from '../../src/plan/plan.js';

function inventoryOf(yaml: string): Inventory {
  const result = parseInventory(yaml, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.inventory;
}

/** Root's only MFA device is lost with the phone; the admin who may pay signs in with that same phone. */
const inventory = inventoryOf(`
version: 1
asOf: 2026-12-01
factors:
  devices:
    - { id: phone, kind: phone, state: lost }
  phoneNumbers:
    - { id: number, number: '+33 6 00 00 00 01', state: outdated }
  mailboxes:
    - { id: root-mail, address: root@mail.example, provider: fastmail }
  cards:
    - { id: card, lastFour: '4242', expires: 2030-01, status: ok }
  passwordStores:
    - { id: vault }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root:
      email: root-mail
      password: { storedIn: vault }
      mfa: [{ type: virtual, heldBy: phone }]
    contactPhone: number
    payment: { cards: [card] }
    iamBillingAccess: { activated: true }
    billingPrincipals:
      - { name: admin, signIn: [vault, phone] }
`);

describe('the hold request', () => {
  const plan = buildIncidentPlan({
    inventory,
    now: new Date('2026-12-01T09:00:00Z'),
    timeZone: 'UTC',
    cardFailed: '2026-11-30',
    deadline: '2026-12-05',
  });
  const letter = plan.escalation?.request ?? '';

  it('is written, since the recovery cannot beat the deadline', () => {
    expect(letter).toContain('Please hold the suspension of account 111122223333');
  });

  it('does not say only root can pay when billing access is on and a principal may pay', () => {
    expect(letter).not.toMatch(/only the root user can change the payment method/i);
    expect(letter).toMatch(/admin[^.]*cannot sign in/);
  });

  it("tells AWS no inventory unknown as a fact: no 'none declared', no 'not declared'", () => {
    expect(letter).not.toMatch(/not declared|none declared/);
  });
});
