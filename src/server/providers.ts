/**
 * The providers the dashboard groups accounts by: AWS, then each provider of the outside accounts in the order
 * the inventory first names it, with the name its provider model gives it. Keyed on the provider's id, so a
 * provider added to the library appears on the dashboard without a change here or in the page.
 */

import type { Account, Factor, Inventory, OutsideAccount } from '../model/inventory.js';
import { outsideProviders } from '../providers/outside-providers.js';

/** A provider as the API names it: its id (`aws`, `google`…) and its display name. */
export interface ProviderRef {
  id: string;
  name: string;
}

/** A provider and how many of the inventory's accounts are at it. */
export interface ProviderGroup extends ProviderRef {
  accounts: number;
}

export const awsProvider: ProviderRef = Object.freeze({ id: 'aws', name: 'AWS' });

/** The provider of an account of the recovery graph: an outside account says its own, any other is AWS's. */
export function providerOfAccount(account: Account | OutsideAccount, outside: boolean): ProviderRef {
  if (!outside || !('provider' in account)) return awsProvider;
  return outsideRef(account.provider);
}

const outsideRefs = new Map<string, ProviderRef>();

function outsideRef(id: OutsideAccount['provider']): ProviderRef {
  let known = outsideRefs.get(id);
  if (!known) {
    // The provider model's name: a provider added to the library brings its own.
    known = Object.freeze({ id, name: outsideProviders[id].name });
    outsideRefs.set(id, known);
  }
  return known;
}

/** Which provider each account is at, and which outside account holds a factor (a mailbox at Google). */
export class ProviderIndex {
  readonly groups: readonly ProviderGroup[];
  private readonly ofAccount = new Map<string, ProviderRef>();
  private readonly heldBy = new Map<string, string>();

  constructor(inventory: Inventory) {
    const outside = inventory.outsideAccounts ?? [];
    const counts = new Map<string, ProviderGroup>([[awsProvider.id, { ...awsProvider, accounts: 0 }]]);
    counts.get(awsProvider.id)!.accounts = inventory.accounts.length;
    for (const account of outside) {
      const provider = outsideRef(account.provider);
      this.ofAccount.set(account.id, provider);
      const group = counts.get(provider.id);
      if (group) group.accounts += 1;
      else counts.set(provider.id, { ...provider, accounts: 1 });
    }
    this.groups = [...counts.values()].filter((group) => group.accounts > 0);
    // A mailbox, sync account or password store that names an outside account is that account's, and a
    // domain registered at one (its registrar's login) is too.
    const outsideIds = new Set(outside.map((account) => account.id));
    for (const list of Object.values(inventory.factors ?? {}) as (readonly Factor[] | undefined)[]) {
      for (const factor of list ?? []) {
        const account =
          'account' in factor ? factor.account : 'registrar' in factor ? factor.registrar : undefined;
        if (typeof account === 'string' && outsideIds.has(account)) this.heldBy.set(factor.id, account);
      }
    }
  }

  /** The provider of an account of the inventory (AWS for any id not among the outside accounts). */
  providerOf(accountId: string): ProviderRef {
    return this.ofAccount.get(accountId) ?? awsProvider;
  }

  /** The outside account that holds a factor, when one does. */
  holderOf(factorId: string): string | undefined {
    return this.heldBy.get(factorId);
  }
}
