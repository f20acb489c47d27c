/**
 * Compares what the outside scanners saw with what the inventory declares: owners, super admins and Global
 * Administrators the inventory does not declare, declared ones the scan did not see, and a second step or
 * its requirement declared one way and seen the other. A fact the scan could not read contradicts nothing:
 * it is listed as unknown, with the scope that would have shown it.
 *
 * The inventory's outside accounts are a union by provider; the comparison reads the few fields it needs
 * from any member through the structural view below, which every member of that union satisfies.
 */

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
  severity: 'high' | 'medium' | 'low';
  kind: 'not-declared' | 'not-seen' | 'contradiction' | 'no-second-step' | 'unknown';
  message: string;
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
      severity: 'medium',
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
        severity: scan.twoStepRequired.value === 'off' ? 'high' : 'low',
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
        severity: 'medium',
        kind: 'not-declared',
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
        severity: twoStep.value === 'off' ? 'high' : 'low',
        kind: 'contradiction',
        message: `${person.id} declares twoStepVerification ${stated} but ${twoStep.action} shows ${twoStep.value} for ${admin.login}`,
      });
    } else if (twoStep.value === 'off') {
      // An admin without a second step is one stolen password from the organisation, declared or not.
      findings.push({
        provider: scan.provider,
        accountId: person?.id,
        field: 'twoStepVerification',
        severity: 'high',
        kind: 'no-second-step',
        message: `${word} ${admin.login} has no second step (${twoStep.action})`,
      });
    }
  }
  for (const declaredAdmin of declaredAdmins) {
    if (!scan.admins.value.some((admin) => sameLogin(declaredAdmin.login, admin.login))) {
      findings.push({
        ...base,
        field,
        severity: 'high',
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
