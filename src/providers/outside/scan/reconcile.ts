/**
 * Compares what the outside scanners saw with what the inventory declares: owners, super admins and Global
 * Administrators the inventory does not declare, declared ones the scan did not see, and a second step or
 * its requirement declared one way and seen the other. A fact the scan could not read contradicts nothing:
 * it is listed as unknown, with the scope that would have shown it.
 *
 * The inventory's outside accounts are a union by provider; the comparison reads the few fields it needs
 * from any member through the structural view below, which every member of that union satisfies.
 */

import {
  secondFactorTypes,
  type Inventory,
  type OutsideAccount,
  type SecondFactor,
  type SecondFactorType,
} from '../../../model/inventory.js';
import { newIds, provenanceOf, type Contradiction, type Provenance } from '../../aws/scan/reconcile.js';
import type { OnOff, OutsideFact, OutsideScanFacts } from './facts.js';

/** The fields of an outside account this comparison reads (any member of the inventory's union is one). */
export interface DeclaredOutsideAccount {
  id: string;
  provider: string;
  login?: string | undefined;
  twoStepVerification?: OnOff | undefined;
  /** github-organization */
  owners?: string[] | undefined;
  twoFactorRequired?: OnOff | undefined;
  /** google-workspace */
  superAdmins?: string[] | undefined;
  twoStepEnforced?: OnOff | undefined;
  /** microsoft-entra */
  globalAdmins?: string[] | undefined;
}

export interface OutsideFinding {
  provider: OutsideScanFacts['provider'];
  /** The inventory entry it is about, when one matched. */
  accountId?: string | undefined;
  /** The inventory field, e.g. "owners", "twoStepVerification". */
  field: string;
  severity: OutsideSeverity;
  kind: OutsideFindingKind;
  message: string;
  /** The admin it is about, by login, when it is about one. */
  login?: string | undefined;
}

export type OutsideSeverity = 'high' | 'medium' | 'low';
export type OutsideFindingKind = 'not-declared' | 'not-seen' | 'contradiction' | 'no-second-step' | 'unknown';

/**
 * How much each kind of finding matters: the one table the comparison, and inventory-contradicted after a
 * merge, both read. An admin without a second step is one stolen password from the organisation; a declared
 * admin not seen means the recovery plan counts on someone who cannot act; an admin not declared is a person
 * the plan does not know of, and an unreadable fact is neither safe nor an emergency. A setting seen off where
 * on was declared is the admin without a second step again; seen on where off was declared, only stale.
 */
const severityByKind: Record<Exclude<OutsideFindingKind, 'contradiction'>, OutsideSeverity> = {
  'not-declared': 'medium',
  'not-seen': 'high',
  'no-second-step': 'high',
  unknown: 'medium',
};

export function outsideSeverity(kind: OutsideFindingKind, seenValue?: OnOff): OutsideSeverity {
  if (kind === 'contradiction') return seenValue === 'off' ? 'high' : 'low';
  return severityByKind[kind];
}

const adminsField = {
  'github-organization': 'owners',
  'google-workspace': 'superAdmins',
  'microsoft-entra': 'globalAdmins',
} as const;

const requiredField = {
  'github-organization': 'twoFactorRequired',
  'google-workspace': 'twoStepEnforced',
  'microsoft-entra': undefined,
} as const;

const adminWord = {
  'github-organization': 'owner',
  'google-workspace': 'super admin',
  'microsoft-entra': 'Global Administrator',
} as const;

/** `declared` undefined: a scan without an inventory, which names no admin as undeclared. */
export function reconcileOutside(
  scans: readonly OutsideScanFacts[],
  declared: readonly DeclaredOutsideAccount[] | undefined,
): OutsideFinding[] {
  return scans.flatMap((scan) => reconcileOne(scan, declared));
}

function reconcileOne(
  scan: OutsideScanFacts,
  inventory: readonly DeclaredOutsideAccount[] | undefined,
): OutsideFinding[] {
  const declared = inventory ?? [];
  const findings: OutsideFinding[] = [];
  const sameLogin = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();
  const entries = declared.filter((account) => account.provider === scan.provider);
  // The organisation by its login; a Workspace or a tenant declared once is that one.
  const entry =
    entries.find((account) => sameLogin(account.login, scan.login)) ??
    (entries.length === 1 ? entries[0] : undefined);
  const people = declared.filter((account) => account.provider === scan.memberProvider);
  const byId = new Map(people.map((person) => [person.id, person]));
  const field = adminsField[scan.provider];
  const word = adminWord[scan.provider];
  const base = { provider: scan.provider, accountId: entry?.id };

  for (const fact of unknownFacts(scan)) {
    findings.push({
      ...base,
      field: fact.field,
      severity: outsideSeverity('unknown'),
      kind: 'unknown',
      message: `${fact.field} unknown (${fact.reason}): ${fact.message} — ${fact.action} needs ${fact.scope}`,
    });
  }

  const required = requiredField[scan.provider];
  if (required && scan.twoStepRequired?.status === 'seen' && entry) {
    const stated = entry[required];
    if (stated !== undefined && stated !== 'unknown' && stated !== scan.twoStepRequired.value) {
      findings.push({
        ...base,
        field: required,
        severity: outsideSeverity('contradiction', scan.twoStepRequired.value),
        kind: 'contradiction',
        message: `${required} is declared ${stated} but ${scan.twoStepRequired.action} shows ${scan.twoStepRequired.value}`,
      });
    }
  }

  if (scan.admins.status !== 'seen') return findings;
  const declaredAdmins = (entry?.[field] ?? []).map((id) => ({ id, login: byId.get(id)?.login }));
  for (const admin of scan.admins.value) {
    const person = people.find((candidate) => sameLogin(candidate.login, admin.login));
    if (inventory && !declaredAdmins.some((declaredAdmin) => sameLogin(declaredAdmin.login, admin.login))) {
      findings.push({
        ...base,
        field,
        severity: outsideSeverity('not-declared'),
        kind: 'not-declared',
        login: admin.login,
        message: `${word} ${admin.login} is not declared${entry ? ` in ${entry.id}.${field}` : ' (no inventory entry for it)'}`,
      });
    }
    const twoStep = admin.twoStepVerification;
    if (twoStep.status !== 'seen') continue;
    const stated = person?.twoStepVerification;
    if (person && stated !== undefined && stated !== 'unknown' && stated !== twoStep.value) {
      findings.push({
        provider: scan.provider,
        accountId: person.id,
        field: 'twoStepVerification',
        severity: outsideSeverity('contradiction', twoStep.value),
        kind: 'contradiction',
        login: admin.login,
        message: `${person.id} declares twoStepVerification ${stated} but ${twoStep.action} shows ${twoStep.value} for ${admin.login}`,
      });
    } else if (twoStep.value === 'off') {
      // An admin without a second step is one stolen password from the organisation, declared or not.
      findings.push({
        provider: scan.provider,
        accountId: person?.id,
        field: 'twoStepVerification',
        severity: outsideSeverity('no-second-step'),
        kind: 'no-second-step',
        login: admin.login,
        message: `${word} ${admin.login} has no second step (${twoStep.action})`,
      });
    }
  }
  for (const declaredAdmin of declaredAdmins) {
    if (!scan.admins.value.some((admin) => sameLogin(declaredAdmin.login, admin.login))) {
      findings.push({
        ...base,
        field,
        severity: outsideSeverity('not-seen'),
        kind: 'not-seen',
        message: `${declaredAdmin.id} is declared a ${word} but ${scan.admins.action} does not list ${declaredAdmin.login ?? 'it (it has no login)'}`,
      });
    }
  }
  return findings;
}

interface UnknownEntry {
  field: string;
  reason: string;
  message: string;
  action: string;
  scope: string;
}

/** The facts of a scan that are unknown, each once per call and field. */
export function unknownFacts(scan: OutsideScanFacts): UnknownEntry[] {
  const out: UnknownEntry[] = [];
  const add = (field: string, fact: OutsideFact<unknown> | undefined): void => {
    if (fact?.status !== 'unknown') return;
    if (out.some((entry) => entry.field === field && entry.action === fact.action)) return;
    out.push({ field, reason: fact.reason, message: fact.message, action: fact.action, scope: fact.scope });
  };
  const required = requiredField[scan.provider];
  if (required) add(required, scan.twoStepRequired);
  add(adminsField[scan.provider], scan.admins);
  if (scan.admins.status === 'seen') {
    for (const admin of scan.admins.value) {
      add('twoStepVerification', admin.twoStepVerification);
      add('secondFactors', admin.secondFactorTypes);
    }
  }
  return out;
}

/** The inventory with the outside facts seen in it, where each fact came from, and what contradicted it. */
export interface OutsideReconciled {
  inventory: Inventory;
  provenance: Provenance[];
  /** The comparison's findings (undeclared or unseen admins, a second step declared one way and seen the other). */
  contradictions: Contradiction[];
}

/**
 * Merges what the outside scanners saw into the inventory, as the AWS scan's reconcile does: a seen fact
 * replaces the declared one (the admins, each admin's second step, the organisation's requirement of one); an
 * admin seen but not declared becomes an account of the member provider, so the graph and the checks count it;
 * an unknown fact leaves the declared value as it is and is never read as safe. The given inventory is not
 * changed: the result is a copy. With `compare`, the comparison's findings (an admin not declared or not seen,
 * a second step declared one way and seen the other, an admin without one) come back as contradictions.
 */
export function mergeOutsideFacts(
  scans: readonly OutsideScanFacts[],
  declared: Inventory,
  options: { compare: boolean },
): OutsideReconciled {
  const inventory = structuredClone(declared);
  const outside = (inventory.outsideAccounts ??= []);
  const provenance: Provenance[] = [];
  const contradictions: Contradiction[] = [];
  const newId = newIds(inventory);

  for (const scan of scans) {
    // Compared with the inventory as declared, before the merge. Without one there is nothing to contradict:
    // an admin without a second step is the outside scan's own finding, not "the inventory says otherwise".
    const findings = options.compare
      ? reconcileOutside([scan], declared.outsideAccounts ?? []).filter(
          (finding) => finding.kind !== 'unknown',
        )
      : [];
    const entry = organisationEntry(scan, outside, newId);
    const adminsKey = adminsField[scan.provider];
    const requiredKey = requiredField[scan.provider];
    if (requiredKey) {
      const required = scan.twoStepRequired;
      if (required?.status === 'seen') setField(entry, requiredKey, required.value);
      provenance.push(
        provenanceOf(entry.id, requiredKey, required, fieldOf(entry, requiredKey) !== undefined),
      );
    }
    if (scan.admins.status === 'seen') {
      const ids = scan.admins.value.map((admin) => {
        const person = memberAccount(scan, admin.login, entry.id, outside, newId);
        const twoStep = admin.twoStepVerification;
        if (twoStep.status === 'seen') person.twoStepVerification = twoStep.value;
        provenance.push(
          provenanceOf(person.id, 'twoStepVerification', twoStep, person.twoStepVerification !== undefined),
        );
        const kinds = admin.secondFactorTypes;
        if (kinds?.status === 'seen') mergeSecondFactors(person, kinds.value, admin.login, inventory, newId);
        if (kinds !== undefined)
          provenance.push(
            provenanceOf(person.id, 'secondFactors', kinds, person.secondFactors !== undefined),
          );
        return person.id;
      });
      setField(entry, adminsKey, ids);
    }
    provenance.push(provenanceOf(entry.id, adminsKey, scan.admins, fieldOf(entry, adminsKey) !== undefined));
    // Each keeps its severity, and names the account it is about once merged: an admin not declared has one now.
    for (const finding of findings) {
      const admin =
        finding.field === 'twoStepVerification' && finding.login !== undefined
          ? outside.find(
              (account) =>
                account.provider === scan.memberProvider && sameLogin(account.login, finding.login!),
            )
          : undefined;
      contradictions.push({
        accountId: finding.accountId ?? admin?.id ?? entry.id,
        field: finding.field,
        message: finding.message,
        severity: finding.severity,
      });
    }
  }
  return { inventory, provenance, contradictions };
}

type OrganisationEntry = Extract<OutsideAccount, { provider: OutsideScanFacts['provider'] }>;
type MemberEntry = Extract<OutsideAccount, { provider: OutsideScanFacts['memberProvider'] }>;

/** The organisation's entry as declared (by its login, or the only one of its provider), or a new one. */
function organisationEntry(
  scan: OutsideScanFacts,
  outside: OutsideAccount[],
  newId: (base: string) => string,
): OrganisationEntry {
  const entries = outside.filter(
    (account): account is OrganisationEntry => account.provider === scan.provider,
  );
  const found =
    entries.find((account) => 'login' in account && sameLogin(account.login, scan.login)) ??
    (entries.length === 1 ? entries[0] : undefined);
  if (found) return found;
  let created: OrganisationEntry;
  if (scan.provider === 'github-organization')
    created = {
      provider: scan.provider,
      id: newId(`github-${scan.login}`),
      login: scan.login,
      name: scan.login,
    };
  else if (scan.provider === 'google-workspace')
    // The Directory API answers for "my_customer", the caller's own Workspace, which has no other name here.
    created = { provider: scan.provider, id: newId('google-workspace'), name: 'Google Workspace' };
  else {
    // Without AZURE_TENANT_ID the tenant is the credentials' own, named in words rather than by an id.
    const named = !scan.login.startsWith('(');
    created = {
      provider: scan.provider,
      id: newId(named ? `entra-${scan.login}` : 'microsoft-entra'),
      name: named ? scan.login : 'Microsoft Entra tenant',
    };
  }
  outside.push(created);
  return created;
}

/** The admin's account at the member provider, as declared (by login) or new: seen, so it counts. */
function memberAccount(
  scan: OutsideScanFacts,
  login: string,
  organisationId: string,
  outside: OutsideAccount[],
  newId: (base: string) => string,
): MemberEntry {
  const found = outside.find(
    (account): account is MemberEntry =>
      account.provider === scan.memberProvider && sameLogin(account.login, login),
  );
  if (found) return found;
  const base = { id: newId(`${scan.memberProvider}-${login}`), login };
  const created: MemberEntry =
    scan.memberProvider === 'google'
      ? { provider: 'google', ...base, workspace: organisationId }
      : scan.memberProvider === 'microsoft'
        ? { provider: 'microsoft', ...base, tenant: organisationId }
        : { provider: 'github', ...base };
  outside.push(created);
  return created;
}

/**
 * The second-step kinds seen registered (Entra's methods), merged into the admin's account. A kind declared
 * keeps its declared device. A kind seen but not declared is a second step on a factor nobody has said they
 * hold: a device (or, for SMS and voice, one phone number) in state `unknown`, as the AWS merge makes of a root
 * MFA device it sees undeclared. The analysis counts such a factor as lost and lists it as unknown: never safe,
 * and never worded as a loss that happened. A kind declared but not seen stays: the mapping from the provider's
 * methods is partial (a hardware code or a passwordless sign-in has no kind here), so its absence proves nothing.
 */
function mergeSecondFactors(
  person: MemberEntry,
  seenKinds: readonly string[],
  login: string,
  inventory: Inventory,
  newId: (base: string) => string,
): void {
  const declared = person.secondFactors ?? [];
  const missing = seenKinds.filter(
    (kind): kind is SecondFactorType =>
      isSecondFactorType(kind) && !declared.some((step) => step.type === kind),
  );
  if (missing.length === 0) return;
  const factors = (inventory.factors ??= {});
  let phoneNumber: string | undefined;
  const added = missing.map((type): SecondFactor => {
    if (type === 'sms' || type === 'voice') {
      // One mobile phone method answers by text or by call: one number, whichever way the code comes.
      if (phoneNumber === undefined) {
        phoneNumber = newId(`${person.id} phone number`);
        (factors.phoneNumbers ??= []).push({
          id: phoneNumber,
          label: `Phone number registered for ${login}, number and holder not declared`,
          state: 'unknown',
        });
      }
      return { type, heldBy: phoneNumber };
    }
    const id = newId(`${person.id} ${type}`);
    (factors.devices ??= []).push({
      id,
      kind: type === 'security-key' ? 'security-key' : 'phone',
      label: `${type === 'security-key' ? 'Security key' : 'Device'} registered for ${login}, holder not declared`,
      state: 'unknown',
    });
    return { type, heldBy: id };
  });
  person.secondFactors = [...declared, ...added];
}

function isSecondFactorType(kind: string): kind is SecondFactorType {
  return (secondFactorTypes as readonly string[]).includes(kind);
}

type OrganisationField =
  (typeof adminsField)[keyof typeof adminsField] | 'twoFactorRequired' | 'twoStepEnforced';

function fieldOf(entry: OrganisationEntry, field: OrganisationField): unknown {
  return (entry as unknown as Record<string, unknown>)[field];
}

/** Sets the field the provider's entry has (the field names above are each provider's own). */
function setField(entry: OrganisationEntry, field: OrganisationField, value: unknown): void {
  (entry as unknown as Record<string, unknown>)[field] = value;
}

function sameLogin(a: string | undefined, b: string): boolean {
  return a?.toLowerCase() === b.toLowerCase();
}
