/**
 * The factor index checks share: chains to a lost or outdated factor, found through any number of links in the
 * direction a factor needs another, and one index per check run, never one run's index for another's inventory.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/check.js';
import { describeChain, factorIndexOf, FactorIndex } from '../../src/checks/factor-index.js';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { RecoveryAnalysis } from '../../src/providers/aws/analysis.js';
import { inventoryYaml } from './check-tester.js';

function inventoryWith(factors: Record<string, Record<string, unknown>[]>): Inventory {
  const result = parseInventory(inventoryYaml({ factors }), 'fixture.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

function contextOf(inventory: Inventory): CheckContext {
  return { inventory, asOf: '2024-06-01', recovery: {} as RecoveryAnalysis };
}

const people = (state?: string) => [{ id: 'alex', name: 'Alex', ...(state && { state }) }];

describe('FactorIndex.brokenChain', () => {
  it('follows what a factor depends on and who keeps it, link after link, to the lost factor', () => {
    const index = new FactorIndex(
      inventoryWith({
        people: people('lost'),
        devices: [{ id: 'laptop', kind: 'laptop', label: 'Laptop', holder: 'alex' }],
        passwordStores: [{ id: 'vault', label: 'Vault', dependsOn: ['laptop'] }],
      }),
    );
    const chain = index.brokenChain('vault');
    expect(chain?.map((link) => link.factor.id)).toEqual(['vault', 'laptop', 'alex']);
    expect(describeChain(chain!)).toBe(
      'Vault, which depends on Laptop, which is kept by Alex, who is marked lost',
    );
  });

  it('finds the place a key is kept at, lost, behind a holder who is fine', () => {
    const index = new FactorIndex(
      inventoryWith({
        people: people(),
        places: [{ id: 'safe', kind: 'safe', label: 'Safe', state: 'lost' }],
        devices: [{ id: 'key', kind: 'security-key', holder: 'alex', location: 'safe' }],
      }),
    );
    expect(index.brokenChain('key')?.map((link) => link.via)).toEqual([undefined, 'kept at']);
  });

  it('does not count a lost factor that needs this one: the link runs the other way', () => {
    const index = new FactorIndex(
      inventoryWith({
        people: people(),
        devices: [
          { id: 'phone', kind: 'phone', holder: 'alex' },
          { id: 'laptop', kind: 'laptop', state: 'lost', dependsOn: ['phone'], holder: 'alex' },
        ],
      }),
    );
    expect(index.brokenChain('phone')).toBeUndefined();
    expect(index.brokenChain('alex')).toBeUndefined();
    expect(index.brokenChain('laptop')?.map((link) => link.factor.id)).toEqual(['laptop']);
  });
});

describe('factorIndexOf', () => {
  it('gives every check of one run the same index', () => {
    const context = contextOf(inventoryWith({ people: people() }));
    expect(factorIndexOf(context)).toBe(factorIndexOf(context));
  });

  it("never answers from another run's index, even for the same factor ids", () => {
    const fine = contextOf(inventoryWith({ people: people() }));
    const lost = contextOf(inventoryWith({ people: people('lost') }));
    expect(factorIndexOf(fine).brokenChain('alex')).toBeUndefined();
    expect(
      factorIndexOf(lost)
        .brokenChain('alex')
        ?.map((link) => link.factor.id),
    ).toEqual(['alex']);
  });
});
