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
  // Indexed loops: each load's objects are new to the compiler, and an Organization's tens of thousands of
  // items go through mostly unoptimized code, where an iterator and its entries cost twice the rest.
  for (const section of factorSections) {
    const items = inventory.factors?.[section] ?? [];
    // The type of the list it sits in, as `gatherDeclarations` gives it.
    const type = factorTypes[section];
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      if (declarations.ids.has(item.id)) return undefined;
      const path = ['factors', section, index];
      declarations.ids.set(item.id, { kind: type, path });
      declarations.factors.set(item.id, { factor: { type, ...item } as Factor, path });
    }
  }
  const accounts = inventory.accounts;
  for (let index = 0; index < accounts.length; index++) {
    const account = accounts[index]!;
    if (declarations.ids.has(account.id)) return undefined;
    const path = ['accounts', index];
    declarations.ids.set(account.id, { kind: 'account', path });
    declarations.accounts.set(account.id, { account, path });
  }
  const outside = inventory.outsideAccounts ?? [];
  for (let index = 0; index < outside.length; index++) {
    const account = outside[index]!;
    if (declarations.ids.has(account.id)) return undefined;
    declarations.ids.set(account.id, {
      kind: 'outside-account',
      path: ['outsideAccounts', index],
      provider: account.provider,
    });
  }
  return declarations;
}
