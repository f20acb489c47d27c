/**
 * What the report lists as still unknown: every fact the analysis counts as lost only because Lockout cannot
 * see it (not declared, or not readable by the scan), whether or not it decides a capability today, so that
 * the owner of a file `lockout init` wrote sees each open question once, with where to answer it.
 */
import type { FieldPath } from '../inventory/issues.js';
import type { Inventory } from '../model/inventory.js';
import type { EventMeaning } from '../recovery/builder.js';
import { isUnknownLoss } from '../recovery/unknown.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface UnknownFactAccount {
  id: string;
  name: string;
  /** Where the account is declared, when the report came from a file. */
  location?: SourceLocation | undefined;
}

export interface UnknownFactReport {
  /** The fact, in words ("Root MFA devices (not declared)"). */
  fact: string;
  /** Why Lockout cannot see it: "not declared", or what the scan could not read. */
  because: string;
  /** The accounts it is about; none for a shared fact (a factor nobody has confirmed, a photo ID). */
  accounts: UnknownFactAccount[];
  /** Where the factor it is about is declared, for a factor nobody has confirmed. */
  location?: SourceLocation | undefined;
}

/** Every unknown fact, one entry per fact however many accounts it is about, those about most accounts first. */
export function unknownFactsOf(
  events: ReadonlyMap<string, EventMeaning>,
  inventory: Inventory | undefined,
  locate: ((path: FieldPath) => SourceLocation | undefined) | undefined,
): UnknownFactReport[] {
  const accountIndex = new Map(inventory?.accounts.map((account, index) => [account.id, index]));
  const factorPaths = inventory ? factorPathsOf(inventory) : new Map<string, FieldPath>();
  const byFact = new Map<string, UnknownFactReport>();
  for (const meaning of events.values()) {
    if (!isUnknownLoss(meaning)) continue;
    const because = meaning.lostBecause!;
    const key = `${meaning.label}\u0000${because}`;
    let entry = byFact.get(key);
    if (!entry) {
      entry = { fact: meaning.label, because: because.replace(/^unknown:\s*/, ''), accounts: [] };
      // A factor whose state is unknown is answered where it is declared.
      const path = meaning.factorId === undefined ? undefined : factorPaths.get(meaning.factorId);
      const location = path && locate?.(path);
      if (location) entry.location = location;
      byFact.set(key, entry);
    }
    if (meaning.accountId === undefined) continue;
    const index = accountIndex.get(meaning.accountId);
    const account = index === undefined ? undefined : inventory!.accounts[index]!;
    const location = index === undefined ? undefined : locate?.(['accounts', index]);
    entry.accounts.push({
      id: meaning.accountId,
      name: account?.name ?? meaning.accountId,
      ...(location ? { location } : {}),
    });
  }
  return [...byFact.values()].sort((a, b) => b.accounts.length - a.accounts.length);
}

function factorPathsOf(inventory: Inventory): Map<string, FieldPath> {
  const paths = new Map<string, FieldPath>();
  for (const [section, factors] of Object.entries(inventory.factors ?? {}))
    (factors as { id: string }[] | undefined)?.forEach((factor, index) =>
      paths.set(factor.id, ['factors', section, index]),
    );
  return paths;
}
