// Issue 13, small things: a mailbox can say who reads it. One holder is a dependency like a device's holder;
// a shared address read by several people is lost only when every one of them is (or its domain is).
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';

function inventoryOf(mailbox: string): Inventory {
  const result = parseInventory(
    `
version: 1
asOf: 2026-12-03
factors:
  people:
    - { id: ana, name: Ana }
    - { id: ben, name: Ben }
  mailboxes:
    - { id: billing-mail, address: billing@corp.example, provider: fastmail, ${mailbox} }
  cards:
    - { id: card, lastFour: '4242', expires: 2030-01, status: ok }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    root: { email: billing-mail }
    payment: { cards: [card] }
`,
    'inline.yaml',
  );
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.inventory;
}

const notices = (inventory: Inventory) =>
  analyzeRecovery(inventory, { asOf: '2026-12-03' }).capability('111122223333', 'receive-billing-notices');

describe('who reads a mailbox', () => {
  it('a holder is a single point of the mail they alone read', () => {
    expect(notices(inventoryOf('holder: ana')).singlePointsOfFailure.map((f) => f.id)).toContain('ana');
  });

  it('a shared address read by two people is lost only with both', () => {
    const result = notices(inventoryOf('readers: [ana, ben]'));
    const ids = result.singlePointsOfFailure.map((f) => f.id);
    expect(ids).not.toContain('ana');
    expect(ids).not.toContain('ben');
    expect(result.lockoutSets.map((set) => set.map((f) => f.id).sort())).toContainEqual(['ana', 'ben']);
  });

  it('readers must be people of the inventory', () => {
    const result = parseInventory(
      'version: 1\nfactors:\n  mailboxes:\n    - { id: m, address: a@b.example, readers: [nobody] }\naccounts: []\n',
      'inline.yaml',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('factors.mailboxes[0].readers[0]');
  });
});
