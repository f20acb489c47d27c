/**
 * Organization-wide lockout sets: the smallest sets of losses that take a capability of any account, as the
 * minimised union of each account's own sets — never one diagram for "any account", which explodes with the
 * number of accounts — each with the accounts it takes, the widest first.
 */

import type { CapabilityId, FactorRef, RecoveryAnalysis } from './analysis.js';

export interface OrganizationLockoutSet {
  factors: FactorRef[];
  capability: CapabilityId;
  /** Ids of the accounts that this set of losses takes the capability of. */
  accounts: string[];
}

export function organizationLockoutSets(
  analysis: RecoveryAnalysis,
  options: { capabilities?: readonly CapabilityId[]; maxOrder?: number; limit?: number } = {},
): OrganizationLockoutSet[] {
  const capabilities = options.capabilities ?? ['root-sign-in', 'keep-bill-paid'];
  const maxOrder = options.maxOrder ?? 2;
  const bySet = new Map<string, OrganizationLockoutSet>();
  for (const result of analysis.capabilities) {
    if (!capabilities.includes(result.capability) || result.status !== 'at-risk') continue;
    for (const set of analysis.lockoutSetsUpTo(result, maxOrder)) {
      const factors = [...set].sort((a, b) => a.id.localeCompare(b.id));
      const key = `${result.capability}|${factors.map((factor) => factor.id).join('\u0000')}`;
      const entry = bySet.get(key) ?? { factors, capability: result.capability, accounts: [] };
      entry.accounts.push(result.account.id);
      bySet.set(key, entry);
    }
  }
  // Keep the minimal sets: a set that contains another set of the same capability adds nothing.
  const entries = [...bySet.values()];
  const minimal = entries.filter(
    (entry) =>
      !entries.some(
        (other) =>
          other !== entry &&
          other.capability === entry.capability &&
          other.factors.length < entry.factors.length &&
          other.factors.every((factor) => entry.factors.some((mine) => mine.id === factor.id)),
      ),
  );
  return minimal
    .sort((a, b) => b.accounts.length - a.accounts.length || a.factors.length - b.factors.length)
    .slice(0, options.limit ?? 20);
}
