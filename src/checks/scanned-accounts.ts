/**
 * The accounts a live scan saw, each beside its entry in the inventory, for the checks that judge what AWS
 * showed rather than what the owner declared.
 */
import type { Account } from '../model/inventory.js';
import { idOf, keyedBy } from '../model/keyed-lists.js';
import type { AccountFacts } from '../providers/aws/scan/facts.js';
import type { CheckContext, FindingDraft } from './check.js';

export interface ScannedAccount {
  facts: AccountFacts;
  /** The inventory's entry with the same id; absent when the scan found an account nobody declared. */
  account: Account | undefined;
}

/** Every account of the scan, in the scan's order; none without a scan (`lockout check`). */
export function scannedAccounts({ scan, inventory }: CheckContext): ScannedAccount[] {
  if (scan === undefined) return [];
  return scan.accounts.map((facts) => ({
    facts,
    account: keyedBy(inventory.accounts, idOf).first(facts.accountId),
  }));
}

/**
 * A finding about a scanned account: it points at the inventory's entry when there is one, and otherwise
 * names the account in its message so the report still says where.
 */
export function scanFinding(
  { facts, account }: ScannedAccount,
  message: string,
  fields: Omit<FindingDraft, 'account' | 'message'> = {},
): FindingDraft {
  if (account !== undefined) return { ...fields, account, message };
  const name = facts.name === undefined || facts.name === '' ? '' : ` (${facts.name})`;
  return { ...fields, message: `Account ${facts.accountId}${name}: ${message}` };
}
