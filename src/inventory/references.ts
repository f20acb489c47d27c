/**
 * Checks every place the inventory names a factor or an account: the id must be declared and be of a type that
 * makes sense there (a root email names a mailbox, not a card).
 */
import type { FactorType, OutsideProvider } from '../model/inventory.js';
import { field, type Declared, type DeclaredKind, type Declarations } from './declarations.js';
import { formatFieldPath, type FieldPath, type InventoryIssue } from './issues.js';
import { accountIdPattern, factorIdPattern } from './schema.js';
import type { InventorySource } from './source.js';
import { closestNames } from './suggestions.js';
import { joinWords } from '../model/words.js';

/** `'*'` stands for every key of a mapping or every item of a list. */
export type PathPattern = readonly string[];

interface ReferenceSite {
  pattern: PathPattern;
  /** What may be named there; `'any-factor'` for any factor type. */
  accepts: readonly DeclaredKind[] | 'any-factor' | 'any-factor-or-outside-account' | 'any';
  /** Only for the values that look like account ids (a domain's registrar may also be a provider's name). */
  accountIdsOnly?: boolean;
  /**
   * Only for factor-shaped values that are declared: a domain's registrar that names no declared id is a
   * provider's name, one that names a declared id must name an outside account.
   */
  declaredFactorIdsOnly?: boolean;
  /** For an outside account named there: the providers it may be of, and how to say so ("a google entry"). */
  outsideProvider?: { accepts: (provider: string) => boolean; expected: string };
}

/** Only an account of this provider (a workspace names a google-workspace entry). */
const ofProvider = (provider: OutsideProvider): ReferenceSite['outsideProvider'] => ({
  accepts: (declared) => declared === provider,
  expected: `a ${provider} entry`,
});
/** An account one signs in to: not an organisation, which is administered through other accounts. */
const signInAccount: ReferenceSite['outsideProvider'] = {
  accepts: (declared) => !identityOrganisations.has(declared),
  expected: 'an account one signs in to',
};
const identityOrganisations: ReadonlySet<string> = new Set(['google-workspace', 'microsoft-entra']);

const referenceSites: readonly ReferenceSite[] = [
  { pattern: ['factors', '*', '*', 'dependsOn', '*'], accepts: 'any' },
  { pattern: ['factors', '*', '*', 'holder'], accepts: ['person'] },
  { pattern: ['factors', '*', '*', 'location'], accepts: ['place'] },
  { pattern: ['factors', 'mailboxes', '*', 'domain'], accepts: ['domain'] },
  { pattern: ['factors', 'mailboxes', '*', 'readers', '*'], accepts: ['person'] },
  { pattern: ['factors', 'domains', '*', 'registrar'], accepts: ['account'], accountIdsOnly: true },
  { pattern: ['factors', 'domains', '*', 'dns'], accepts: ['account'], accountIdsOnly: true },
  {
    pattern: ['factors', 'domains', '*', 'registrar'],
    accepts: ['outside-account'],
    declaredFactorIdsOnly: true,
  },
  { pattern: ['factors', 'domains', '*', 'dns'], accepts: ['outside-account'], declaredFactorIdsOnly: true },
  {
    pattern: ['factors', 'mailboxes', '*', 'account'],
    accepts: ['outside-account'],
    outsideProvider: signInAccount,
  },
  {
    pattern: ['factors', 'syncAccounts', '*', 'account'],
    accepts: ['outside-account'],
    outsideProvider: signInAccount,
  },
  {
    pattern: ['factors', 'passwordStores', '*', 'account'],
    accepts: ['outside-account'],
    outsideProvider: signInAccount,
  },
  { pattern: ['outsideAccounts', '*', 'holder'], accepts: ['person'] },
  {
    pattern: ['outsideAccounts', '*', 'password', 'storedIn'],
    accepts: ['password-store', 'device', 'person'],
  },
  {
    pattern: ['outsideAccounts', '*', 'secondFactors', '*', 'heldBy'],
    accepts: ['device', 'phone-number', 'sync-account', 'place', 'password-store'],
  },
  { pattern: ['outsideAccounts', '*', 'recovery', 'phone'], accepts: ['phone-number'] },
  { pattern: ['outsideAccounts', '*', 'recovery', 'email'], accepts: ['mailbox'] },
  // Identity providers (issue 16): a user names its organisation, an organisation its admins and its domain.
  {
    pattern: ['outsideAccounts', '*', 'workspace'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('google-workspace'),
  },
  {
    pattern: ['outsideAccounts', '*', 'tenant'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('microsoft-entra'),
  },
  {
    pattern: ['outsideAccounts', '*', 'superAdmins', '*'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('google'),
  },
  {
    pattern: ['outsideAccounts', '*', 'globalAdmins', '*'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('microsoft'),
  },
  {
    pattern: ['outsideAccounts', '*', 'emergencyAccessAccounts', '*'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('microsoft'),
  },
  { pattern: ['outsideAccounts', '*', 'domain'], accepts: ['domain'] },
  // Issue 16: GitHub organisations, password managers, domains' renewal card.
  {
    pattern: ['outsideAccounts', '*', 'owners', '*'],
    accepts: ['outside-account'],
    outsideProvider: ofProvider('github'),
  },
  {
    pattern: ['outsideAccounts', '*', 'secretKey', 'storedIn'],
    accepts: ['password-store', 'device', 'person', 'place'],
  },
  { pattern: ['outsideAccounts', '*', 'recoverers', '*'], accepts: ['person'] },
  // Apple: account recovery contacts are people; the recovery key is kept somewhere (issue 16).
  { pattern: ['outsideAccounts', '*', 'recoveryContacts', '*'], accepts: ['person'] },
  {
    pattern: ['outsideAccounts', '*', 'recoveryKey', 'storedIn'],
    accepts: ['password-store', 'device', 'person', 'place'],
  },
  { pattern: ['outsideAccounts', '*', 'emergencyAccess', '*', 'grantee'], accepts: ['person'] },
  { pattern: ['factors', 'domains', '*', 'renewsWith'], accepts: ['card'] },
  { pattern: ['accounts', '*', 'managementAccount'], accepts: ['account'] },
  { pattern: ['accounts', '*', 'root', 'email'], accepts: ['mailbox'] },
  {
    pattern: ['accounts', '*', 'root', 'password', 'storedIn'],
    accepts: ['password-store', 'device', 'person'],
  },
  {
    pattern: ['accounts', '*', 'root', 'mfa', '*', 'heldBy'],
    accepts: ['device', 'password-store', 'sync-account'],
  },
  { pattern: ['accounts', '*', 'contactPhone'], accepts: ['phone-number'] },
  { pattern: ['accounts', '*', 'billingContact', 'mailbox'], accepts: ['mailbox'] },
  { pattern: ['accounts', '*', 'payment', 'cards', '*'], accepts: ['card'] },
  // A principal may sign in through an account at an identity provider (Identity Center federated from it).
  {
    pattern: ['accounts', '*', 'billingPrincipals', '*', 'signIn', '*'],
    accepts: 'any-factor-or-outside-account',
    outsideProvider: signInAccount,
  },
  {
    pattern: ['accounts', '*', 'principals', '*', 'signIn', '*'],
    accepts: 'any-factor-or-outside-account',
    outsideProvider: signInAccount,
  },
  { pattern: ['accounts', '*', 'domains', '*'], accepts: ['domain'] },
  { pattern: ['watch', 'channels', '*', 'mailbox'], accepts: ['mailbox'] },
  { pattern: ['watch', 'channels', '*', 'admin'], accepts: ['person', 'mailbox'] },
  { pattern: ['watch', 'channels', '*', 'hostedIn'], accepts: ['account'] },
  { pattern: ['watch', 'channels', '*', 'dependsOn', '*'], accepts: 'any' },
];

const kindNames: Record<DeclaredKind, string> = {
  person: 'person',
  device: 'device',
  'phone-number': 'phone number',
  mailbox: 'mailbox',
  domain: 'domain',
  card: 'card',
  'password-store': 'password store',
  'identity-document': 'identity document',
  place: 'place',
  'sync-account': 'sync account',
  account: 'account',
  'outside-account': 'outside account',
};

const kindLists: Record<DeclaredKind, string> = {
  person: 'factors.people',
  device: 'factors.devices',
  'phone-number': 'factors.phoneNumbers',
  mailbox: 'factors.mailboxes',
  domain: 'factors.domains',
  card: 'factors.cards',
  'password-store': 'factors.passwordStores',
  'identity-document': 'factors.identityDocuments',
  place: 'factors.places',
  'sync-account': 'factors.syncAccounts',
  account: 'accounts',
  'outside-account': 'outsideAccounts',
};

export function checkReferences(
  data: unknown,
  declarations: Declarations,
  source: InventorySource,
): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  for (const site of referenceSites) {
    forEachValueAt(data, site.pattern, (at, value) => {
      // Values of the wrong shape are the schema's to report; only well-formed ids are looked up here.
      if (typeof value !== 'string') return;
      const isAccountId = accountIdPattern.test(value);
      if (!lookedUp(site, value, isAccountId, declarations)) return;
      const issue = checkReference(value, isAccountId, site, declarations);
      if (issue !== undefined) {
        const path = [...at];
        issues.push({ file: source.file, ...source.locate(path), path: formatFieldPath(path), ...issue });
      }
    });
  }
  return issues;
}

/** Where references sit, one pattern per site, in the order `referencesResolve` takes their values. */
export const referencePatterns: readonly PathPattern[] = referenceSites.map((site) => site.pattern);

/**
 * Whether every value named at each site (`named[i]` for `referencePatterns[i]`, each value once) resolves as
 * `checkReferences` requires: the check of an inventory that has nothing to report, whose positions nobody needs.
 */
export function referencesResolve(
  named: readonly ReadonlySet<string>[],
  declarations: Declarations,
): boolean {
  return referenceSites.every((site, index) => {
    for (const value of named[index] ?? []) {
      const isAccountId = accountIdPattern.test(value);
      if (!lookedUp(site, value, isAccountId, declarations)) continue;
      if (checkReference(value, isAccountId, site, declarations) !== undefined) return false;
    }
    return true;
  });
}

/** The ids named at each site of `data` (`named[i]` for `referencePatterns[i]`), each once, as `checkReferences` finds them. */
export function namedAtSites(data: unknown): Set<string>[] {
  return referenceSites.map((site) => {
    const named = new Set<string>();
    forEachValueAt(data, site.pattern, (_, value) => {
      if (typeof value === 'string') named.add(value);
    });
    return named;
  });
}

/** Whether a value at a site is an id to look up: the fast and the located checks must agree on it. */
function lookedUp(
  site: ReferenceSite,
  value: string,
  isAccountId: boolean,
  declarations: Declarations,
): boolean {
  if (site.accountIdsOnly === true ? !isAccountId : !isAccountId && !factorIdPattern.test(value))
    return false;
  return site.declaredFactorIdsOnly !== true || (!isAccountId && declarations.ids.has(value));
}

type Finding = Pick<InventoryIssue, 'code' | 'message' | 'hint'>;

function checkReference(
  id: string,
  isAccountId: boolean,
  site: ReferenceSite,
  declarations: Declarations,
): Finding | undefined {
  const accepted = acceptedKinds(site, isAccountId);
  const declared = declarations.ids.get(id);
  // A valid reference, the common case, costs one lookup: candidates are gathered only to explain a bad one.
  if (declared !== undefined && accepted.includes(declared.kind)) {
    return wrongProvider(id, declared, site, declarations);
  }
  const candidates = [...declarations.ids]
    .filter(([, entry]) => accepted.includes(entry.kind))
    .map(([name]) => name);
  if (declared === undefined) {
    const what = accepted.length === 1 ? kindNames[accepted[0]!] : isAccountId ? 'account' : 'factor';
    const close = closestNames(id, candidates);
    return {
      code: 'unknown-reference',
      message: `unknown ${what} '${id}'`,
      hint:
        close.length > 0
          ? `did you mean ${close.map((name) => `'${name}'`).join(' or ')}?`
          : candidates.length > 0
            ? `declared: ${candidates.slice(0, 12).join(', ')}`
            : `nothing of that kind is declared; add it under ${accepted.map((kind) => kindLists[kind]).join(' or ')}`,
    };
  }
  if (!accepted.includes(declared.kind)) {
    return {
      code: 'wrong-reference-type',
      message: `'${id}' is ${article(kindNames[declared.kind])}, not ${listKinds(accepted)}`,
      hint:
        candidates.length > 0
          ? `declared that would fit: ${candidates.slice(0, 12).join(', ')}`
          : `declare one under ${accepted.map((kind) => kindLists[kind]).join(' or ')}`,
    };
  }
  return undefined;
}

/** An outside account of a provider the site does not take (a workspace naming a tenant). */
function wrongProvider(
  id: string,
  declared: Declared,
  site: ReferenceSite,
  declarations: Declarations,
): Finding | undefined {
  const wanted = site.outsideProvider;
  if (wanted === undefined || declared.kind !== 'outside-account' || declared.provider === undefined) {
    return undefined;
  }
  if (wanted.accepts(declared.provider)) return undefined;
  const fitting = [...declarations.ids]
    .filter(([, entry]) => entry.kind === 'outside-account' && wanted.accepts(entry.provider ?? ''))
    .map(([name]) => name);
  return {
    code: 'wrong-reference-type',
    message: `'${id}' is a ${declared.provider} entry, not ${wanted.expected}`,
    hint:
      fitting.length > 0
        ? `declared that would fit: ${fitting.slice(0, 12).join(', ')}`
        : `declare ${wanted.expected} under outsideAccounts`,
  };
}

const factorKinds: readonly FactorType[] = [
  'person',
  'device',
  'phone-number',
  'mailbox',
  'domain',
  'card',
  'password-store',
  'identity-document',
];

function acceptedKinds(site: ReferenceSite, isAccountId: boolean): readonly DeclaredKind[] {
  if (site.accepts === 'any') return isAccountId ? ['account'] : factorKinds;
  if (site.accepts === 'any-factor') return factorKinds;
  if (site.accepts === 'any-factor-or-outside-account') return [...factorKinds, 'outside-account'];
  return site.accepts;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function listKinds(kinds: readonly DeclaredKind[]): string {
  return joinWords(
    kinds.map((kind) => article(kindNames[kind])),
    'or',
  );
}

/**
 * Calls `visit` with every value in `data` matching the pattern and its concrete path, in the file's order. The
 * path is one array kept up to date as the walk goes (copy it to keep it): an Organization has hundreds of
 * thousands of references, and a new array for each step of each cost more than checking them.
 */
function forEachValueAt(
  data: unknown,
  pattern: PathPattern,
  visit: (path: FieldPath, value: unknown) => void,
): void {
  const path: (string | number)[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth === pattern.length) {
      visit(path, value);
      return;
    }
    const segment = pattern[depth]!;
    if (segment !== '*') {
      const child = field(value, segment);
      if (child === undefined) return;
      path.push(segment);
      walk(child, depth + 1);
      path.pop();
    } else if (Array.isArray(value)) {
      const list: unknown[] = value;
      for (let index = 0; index < list.length; index++) {
        path.push(index);
        walk(list[index], depth + 1);
        path.pop();
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        path.push(key);
        walk(field(value, key), depth + 1);
        path.pop();
      }
    }
  };
  walk(data, 0);
}
