/**
 * The declarations of an inventory that passed the whole schema, taken from its parsed data: each item already
 * passed its list's schema as part of the whole, so checking it again one by one (as `gatherDeclarations` must
 * for a file that is still wrong elsewhere) would only repeat the work.
 */
import { factorSections, factorTypes, type Factor, type Inventory } from '../model/inventory.js';
import type { Declarations } from './declarations.js';

/** The declarations, or undefined when an id is declared twice (the loader then reports it with positions). */
export function declarationsOfValid(inventory: Inventory): Declarations | undefined {
  const declarations: Declarations = {
    ids: new Map(),
    factors: new Map(),
    accounts: new Map(),
    duplicates: [],
  };
  for (const section of factorSections) {
    for (const [index, item] of (inventory.factors?.[section] ?? []).entries()) {
      if (declarations.ids.has(item.id)) return undefined;
      const path = ['factors', section, index];
      declarations.ids.set(item.id, { kind: factorTypes[section], path });
      // The type of the list it sits in, as `gatherDeclarations` gives it.
      declarations.factors.set(item.id, { factor: { type: factorTypes[section], ...item } as Factor, path });
    }
  }
  for (const [index, account] of inventory.accounts.entries()) {
    if (declarations.ids.has(account.id)) return undefined;
    const path = ['accounts', index];
    declarations.ids.set(account.id, { kind: 'account', path });
    declarations.accounts.set(account.id, { account, path });
  }
  for (const [index, account] of (inventory.outsideAccounts ?? []).entries()) {
    if (declarations.ids.has(account.id)) return undefined;
    declarations.ids.set(account.id, {
      kind: 'outside-account',
      path: ['outsideAccounts', index],
      provider: account.provider,
    });
  }
  return declarations;
}
