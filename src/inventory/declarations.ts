/**
 * The ids an inventory declares and the items that passed the schema on their own, gathered from the raw YAML
 * data so that reference and consistency checks run even when other parts of the file are still wrong.
 */
import {
  factorSections,
  factorTypes,
  type Account,
  type Factor,
  type FactorSection,
  type FactorType,
} from '../model/inventory.js';
import { formatFieldPath, type FieldPath, type InventoryIssue } from './issues.js';
import { accountSchema, factorSchemas } from './schema.js';
import type { InventorySource } from './source.js';

export type DeclaredKind = FactorType | 'account' | 'outside-account';

/** Something an id names: what it is and where it was declared. */
export interface Declared {
  kind: DeclaredKind;
  /** The path of the declaring item, like `factors.devices[0]`. */
  path: FieldPath;
  /** For an outside account: its `provider`, so that references can ask for one (a workspace, a tenant). */
  provider?: string | undefined;
}

export interface Declarations {
  /**
   * Every id, factor or account, in one namespace: an id names exactly one thing. They cannot clash across the
   * two kinds anyway (factor ids start with a letter, account ids are 12 digits).
   */
  ids: Map<string, Declared>;
  /** The factors that are valid on their own, by id. */
  factors: Map<string, { factor: Factor; path: FieldPath }>;
  /** The accounts that are valid on their own, by id. */
  accounts: Map<string, { account: Account; path: FieldPath }>;
  /** A second declaration of an id already taken. */
  duplicates: InventoryIssue[];
}

export function gatherDeclarations(data: unknown, source: InventorySource): Declarations {
  const declarations: Declarations = {
    ids: new Map(),
    factors: new Map(),
    accounts: new Map(),
    duplicates: [],
  };
  const declare = (id: unknown, kind: DeclaredKind, path: FieldPath, provider?: unknown): boolean => {
    if (typeof id !== 'string') return false;
    const earlier = declarations.ids.get(id);
    if (earlier === undefined) {
      declarations.ids.set(id, typeof provider === 'string' ? { kind, path, provider } : { kind, path });
      return true;
    }
    const idPath = [...path, 'id'];
    const { line } = source.locate(earlier.path);
    declarations.duplicates.push({
      code: 'duplicate-id',
      file: source.file,
      ...source.locate(idPath),
      path: formatFieldPath(idPath),
      message: `duplicate id '${id}': already declared by ${formatFieldPath(earlier.path)} (line ${line})`,
      hint: 'ids name one factor or account each, across all lists; rename one of them',
    });
    return false;
  };

  const factorLists = field(data, 'factors');
  for (const section of factorSections) {
    for (const [index, item] of items(field(factorLists, section))) {
      const path = ['factors', section, index];
      const first = declare(field(item, 'id'), factorTypes[section], path);
      const factor = validFactor(section, item);
      if (first && factor !== undefined) declarations.factors.set(factor.id, { factor, path });
    }
  }
  for (const [index, item] of items(field(data, 'accounts'))) {
    const path = ['accounts', index];
    const first = declare(field(item, 'id'), 'account', path);
    const parsed = accountSchema.safeParse(item);
    if (first && parsed.success) declarations.accounts.set(parsed.data.id, { account: parsed.data, path });
  }
  // Outside accounts share the factors' ids: a mailbox names the account that holds it by id.
  for (const [index, item] of items(field(data, 'outsideAccounts'))) {
    declare(field(item, 'id'), 'outside-account', ['outsideAccounts', index], field(item, 'provider'));
  }
  return declarations;
}

/** The item as a typed factor when it passes its list's schema on its own. */
function validFactor(section: FactorSection, item: unknown): Factor | undefined {
  switch (section) {
    case 'people': {
      const parsed = factorSchemas.people.safeParse(item);
      return parsed.success ? { type: 'person', ...parsed.data } : undefined;
    }
    case 'devices': {
      const parsed = factorSchemas.devices.safeParse(item);
      return parsed.success ? { type: 'device', ...parsed.data } : undefined;
    }
    case 'phoneNumbers': {
      const parsed = factorSchemas.phoneNumbers.safeParse(item);
      return parsed.success ? { type: 'phone-number', ...parsed.data } : undefined;
    }
    case 'mailboxes': {
      const parsed = factorSchemas.mailboxes.safeParse(item);
      return parsed.success ? { type: 'mailbox', ...parsed.data } : undefined;
    }
    case 'domains': {
      const parsed = factorSchemas.domains.safeParse(item);
      return parsed.success ? { type: 'domain', ...parsed.data } : undefined;
    }
    case 'cards': {
      const parsed = factorSchemas.cards.safeParse(item);
      return parsed.success ? { type: 'card', ...parsed.data } : undefined;
    }
    case 'passwordStores': {
      const parsed = factorSchemas.passwordStores.safeParse(item);
      return parsed.success ? { type: 'password-store', ...parsed.data } : undefined;
    }
    case 'identityDocuments': {
      const parsed = factorSchemas.identityDocuments.safeParse(item);
      return parsed.success ? { type: 'identity-document', ...parsed.data } : undefined;
    }
    case 'places': {
      const parsed = factorSchemas.places.safeParse(item);
      return parsed.success ? { type: 'place', ...parsed.data } : undefined;
    }
    case 'syncAccounts': {
      const parsed = factorSchemas.syncAccounts.safeParse(item);
      return parsed.success ? { type: 'sync-account', ...parsed.data } : undefined;
    }
  }
}

/** The value under `key` when `value` is a mapping. */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // Own properties only: a key like `constructor` in the file must not find Object's.
  return Object.getOwnPropertyDescriptor(value, key)?.value as unknown;
}

/** The entries of `value` with their indexes when it is a list, nothing otherwise. */
export function items(value: unknown): [number, unknown][] {
  if (!Array.isArray(value)) return [];
  const list: unknown[] = value;
  return [...list.entries()];
}
