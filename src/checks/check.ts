/**
 * What a check is: metadata (stable id, severity, title, why it matters, how to fix, a documentation link)
 * and a pure function from the context — inventory, date, and the recovery analysis — to findings.
 */

import type { FieldPath } from '../inventory/issues.js';
import type { Account, Day, Inventory } from '../model/inventory.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import type { ScanResult } from '../providers/aws/scan/facts.js';
import type { Contradiction } from '../providers/aws/scan/reconcile.js';

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Rank of a severity: 0 for critical, growing as it gets milder. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

export interface CheckMeta {
  /** Stable kebab-case id; the check's file is named after it. */
  id: string;
  severity: Severity;
  title: string;
  /** Why it matters, in the owner's terms: what it can cost them. */
  why: string;
  /** What to do about it. */
  fix: string;
  /** The provider's documentation behind the rule. */
  docs: string;
}

/** What a check reports; the runner adds the metadata and the source location. */
export interface FindingDraft {
  account?: Account | undefined;
  /** The evidence, naming factors by their labels. */
  message: string;
  /** Ids of the factors involved, so reports and the dashboard can point at them. */
  factors?: string[] | undefined;
  /** Where in the inventory the evidence is declared, e.g. ['accounts', 0, 'root', 'mfa']. */
  path?: FieldPath | undefined;
  /** A severity other than the check's default, when the evidence warrants it. */
  severity?: Severity | undefined;
  /** Documentation closer to this finding than the check's own, e.g. for the capability it is about. */
  docs?: string | undefined;
  /** A fix closer to this finding than the check's own, e.g. for the capability it is about. */
  fix?: string | undefined;
}

export interface Finding {
  checkId: string;
  severity: Severity;
  title: string;
  accountId?: string | undefined;
  accountName?: string | undefined;
  /** The account outside AWS the finding is about (an `outsideAccounts` id), when it is about one. */
  outsideAccountId?: string | undefined;
  outsideAccountName?: string | undefined;
  message: string;
  factors: string[];
  why: string;
  fix: string;
  docs: string;
  /** Where in the inventory file the evidence is: for SARIF and editors. */
  location?: { file: string; line: number; column: number } | undefined;
}

export interface CheckContext {
  inventory: Inventory;
  /** The day the facts are judged at: the inventory's asOf, or today. */
  asOf: Day;
  /** The recovery graph of every account, analysed. */
  recovery: RecoveryAnalysis;
  /** What a live scan saw, when the check runs after `lockout scan`; absent for `lockout check`. */
  scan?: ScanResult | undefined;
  /** Where the scan contradicted the declared inventory (see reconcile.ts). */
  contradictions?: readonly Contradiction[] | undefined;
}

export interface Check {
  meta: CheckMeta;
  run(context: CheckContext): FindingDraft[];
}

/** Declares a check; the registry (index.ts) lists every check explicitly. */
export function defineCheck(check: Check): Check {
  return check;
}
