/**
 * Two different factors are never named alike in one answer: two unlabelled passports (Aiko's and Bruno's) in
 * one lockout set read "passport, passport", which says neither which two nor that there are two.
 */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import { analyzeRecoveryGraph } from '../../src/providers/aws/analysis.js';
import { buildRecoveryGraph } from '../../src/providers/aws/recovery-graph.js';

async function organization(accounts: number): Promise<string> {
  const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
  const { organizationInventoryYaml } = (await import(generator)) as {
    organizationInventoryYaml: (accounts: number) => string;
  };
  return organizationInventoryYaml(accounts);
}

describe('factor names in lockout sets', () => {
  it('tells apart factors whose labels are the same', async () => {
    const loaded = parseInventory(await organization(12), 'organization.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const asOf = loaded.inventory.asOf ?? '2026-12-04';
    const recovery = buildRecoveryGraph(loaded.inventory, asOf);
    const analysis = analyzeRecoveryGraph(recovery, { asOf });
    const sets = analysis.capabilities.flatMap((capability) => capability.lockoutSets);
    const withPassports = sets.filter((set) => set.filter((ref) => ref.id.endsWith('-passport')).length > 1);
    expect(withPassports.length).toBeGreaterThan(0);
    for (const set of sets) {
      const ids = new Set(set.map((ref) => ref.id));
      expect(new Set(set.map((ref) => ref.label)).size).toBe(ids.size);
    }
    expect(withPassports[0]!.map((ref) => ref.label)).toContain('passport (aiko-passport)');
  });
});
