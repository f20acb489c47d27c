/**
 * What the identity-provider checks share: the organisations and tenants an inventory declares with their
 * positions, their admins, and who holds them: one person holding every admin is one loss away from none.
 */
import type { FieldPath } from '../../inventory/issues.js';
import {
  outsideAccountLabel,
  type GoogleWorkspace,
  type IdentityOrganisation,
  type Inventory,
  type MicrosoftEntraTenant,
  type OutsideAccount,
} from '../../model/inventory.js';

export interface Located<T> {
  item: T;
  path: FieldPath;
}

export function workspaces(inventory: Inventory): Located<GoogleWorkspace>[] {
  return located(inventory).filter(
    (entry): entry is Located<GoogleWorkspace> => entry.item.provider === 'google-workspace',
  );
}

export function tenants(inventory: Inventory): Located<MicrosoftEntraTenant>[] {
  return located(inventory).filter(
    (entry): entry is Located<MicrosoftEntraTenant> => entry.item.provider === 'microsoft-entra',
  );
}

function located(inventory: Inventory): Located<OutsideAccount>[] {
  return (inventory.outsideAccounts ?? []).map((item, index) => ({ item, path: ['outsideAccounts', index] }));
}

/** The admins of an organisation: super admins or Global Administrators with emergency access accounts. */
export function adminIds(organisation: IdentityOrganisation): string[] | undefined {
  if (organisation.provider === 'google-workspace') return organisation.superAdmins;
  if (organisation.globalAdmins === undefined) return undefined;
  return [...new Set([...organisation.globalAdmins, ...(organisation.emergencyAccessAccounts ?? [])])];
}

/** "super admins" or "Global Administrators", as each provider says it. */
export function adminWord(organisation: IdentityOrganisation): string {
  return organisation.provider === 'google-workspace' ? 'super admins' : 'Global Administrators';
}

/** The field a reader declares the admins in. */
export function adminField(organisation: IdentityOrganisation): string {
  return organisation.provider === 'google-workspace' ? 'superAdmins' : 'globalAdmins';
}

/** The organisation an outside account signs in through (its workspace or tenant), when declared. */
export function organisationOf(inventory: Inventory, accountId: string): IdentityOrganisation | undefined {
  const account = inventory.outsideAccounts?.find((entry) => entry.id === accountId);
  const orgId =
    account?.provider === 'google'
      ? account.workspace
      : account?.provider === 'microsoft'
        ? account.tenant
        : undefined;
  const organisation = inventory.outsideAccounts?.find((entry) => entry.id === orgId);
  return organisation?.provider === 'google-workspace' || organisation?.provider === 'microsoft-entra'
    ? organisation
    : undefined;
}

/**
 * Who holds every admin of the organisation: `one` person when all are held by the same declared person,
 * `unknown` when the admins or a holder are not declared, `several` otherwise (or when there is no admin).
 */
export function soleAdminHolder(inventory: Inventory, organisation: IdentityOrganisation): AdminHolders {
  const ids = adminIds(organisation);
  if (ids === undefined) return { kind: 'unknown' };
  if (ids.length === 0) return { kind: 'several' };
  const holders = new Set<string | undefined>();
  for (const id of ids) {
    const admin = inventory.outsideAccounts?.find((entry) => entry.id === id);
    holders.add(admin !== undefined && 'holder' in admin ? admin.holder : undefined);
  }
  if (holders.has(undefined)) return { kind: 'unknown' };
  const [only] = holders;
  return holders.size === 1 && only !== undefined ? { kind: 'one', person: only } : { kind: 'several' };
}

/** Who holds an organisation's admins: one person, several, or not known. */
export type AdminHolders = { kind: 'one'; person: string } | { kind: 'several' } | { kind: 'unknown' };

export function nameOf(inventory: Inventory, id: string): string {
  const account = inventory.outsideAccounts?.find((entry) => entry.id === id);
  return account === undefined ? id : outsideAccountLabel(account);
}
