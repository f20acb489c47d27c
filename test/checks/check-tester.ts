/**
 * Runs checks on YAML inventory fixtures (and, for the checks on a live scan, scan fixtures) and turns tables
 * of valid and invalid cases into vitest cases, in the spirit of typescript-eslint's RuleTester: a new case is
 * one entry in a table.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  severities,
  type Check,
  type CheckContext,
  type FindingDraft,
  type Severity,
} from '../../src/checks/check.js';
import { formatFieldPath, formatInventoryIssues, parseInventory } from '../../src/inventory/index.js';
import { listFactors, type Day, type Inventory } from '../../src/model/inventory.js';
import type { RecoveryAnalysis } from '../../src/providers/aws/analysis.js';
import type { ScanResult } from '../../src/providers/aws/scan/facts.js';

export interface RunOptions {
  /** The day to judge at; defaults to the inventory's asOf (a fixture without either is refused). */
  asOf?: Day | undefined;
  /** What a live scan saw (see scan-fixtures.ts); absent, as for `lockout check`. */
  scan?: ScanResult | undefined;
}

export interface CheckRun {
  drafts: FindingDraft[];
  inventory: Inventory;
}

/**
 * Parses the fixture (throwing with the formatted issues when it is invalid, so a broken fixture fails loudly),
 * runs the check on a frozen inventory (and a frozen copy of the scan, when given) with a recovery analysis that
 * throws when read, checks every draft points at things that exist, and returns the drafts.
 */
export function runCheck(check: Check, inventoryYaml: string, options: RunOptions = {}): FindingDraft[] {
  return runCheckOn(check, inventoryYaml, options).drafts;
}

export function runCheckOn(check: Check, inventoryYaml: string, options: RunOptions = {}): CheckRun {
  const result = parseInventory(inventoryYaml, 'fixture.yaml');
  if (!result.ok) {
    throw new Error(`invalid inventory fixture:\n${formatInventoryIssues(result.errors)}\n${inventoryYaml}`);
  }
  const inventory = deepFreeze(result.inventory);
  const asOf = options.asOf ?? inventory.asOf;
  if (asOf === undefined) throw new Error('the fixture needs an asOf, in the inventory or in the options');
  const context: CheckContext = {
    inventory,
    asOf,
    get recovery(): RecoveryAnalysis {
      throw new Error('inventory checks must not use the recovery analysis');
    },
    scan: options.scan === undefined ? undefined : deepFreeze(structuredClone(options.scan)),
  };
  const drafts = check.run(context);
  drafts.forEach((draft, index) => {
    assertWellFormed(draft, inventory, `${check.meta.id}: draft ${index}`);
  });
  return { drafts, inventory };
}

/** What an invalid case expects of one finding; unspecified fields are not compared. */
export interface ExpectedFinding {
  /** The account's id. */
  account?: string;
  severity: Severity;
  /** Factor ids, in any order. */
  factors?: string[];
  /** Fragments the message must contain. */
  messageIncludes?: string | string[];
}

export interface ValidCase {
  name: string;
  yaml: string;
  asOf?: Day;
  /** What a live scan saw; absent for inventory-only cases. */
  scan?: ScanResult;
}

export interface InvalidCase extends ValidCase {
  /** Every finding, in the order the check reports them. */
  findings: ExpectedFinding[];
}

export interface CheckCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Registers one vitest case per entry: valid ones must produce no finding, invalid ones exactly the findings given. */
export function checkTable(check: Check, { valid, invalid }: CheckCases): void {
  const names = [...valid, ...invalid].map((entry) => entry.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new Error(`${check.meta.id}: case names repeated: ${repeated.join(', ')}`);

  describe(check.meta.id, () => {
    describe('valid', () => {
      for (const entry of valid) {
        it(entry.name, () => {
          const drafts = runCheck(check, entry.yaml, { asOf: entry.asOf, scan: entry.scan });
          expect(drafts.map((draft) => describeDraft(check, draft))).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const entry of invalid) {
        it(entry.name, () => {
          if (entry.findings.length === 0) throw new Error('an invalid case expects at least one finding');
          const drafts = runCheck(check, entry.yaml, { asOf: entry.asOf, scan: entry.scan });
          const actual = drafts.map((draft, index) => observed(check, draft, entry.findings[index]));
          const expected = entry.findings.map((finding) => ({
            ...finding,
            ...(finding.factors === undefined ? {} : { factors: [...finding.factors].sort() }),
          }));
          expect(actual, drafts.map((draft) => describeDraft(check, draft)).join('\n')).toEqual(expected);
        });
      }
    });
  });
}

/**
 * The draft as the expectation sees it: only the fields it names, and the message fragments themselves when
 * they are all there (the whole message otherwise, so the diff shows it).
 */
function observed(check: Check, draft: FindingDraft, expected: ExpectedFinding | undefined): ExpectedFinding {
  const view: ExpectedFinding = { severity: draft.severity ?? check.meta.severity };
  if (expected?.account !== undefined) view.account = draft.account?.id ?? '(no account)';
  if (expected?.factors !== undefined) view.factors = [...(draft.factors ?? [])].sort();
  const fragments = expected?.messageIncludes;
  if (fragments !== undefined) {
    const all = typeof fragments === 'string' ? [fragments] : fragments;
    view.messageIncludes = all.every((fragment) => draft.message.includes(fragment))
      ? fragments
      : draft.message;
  }
  return view;
}

function describeDraft(check: Check, draft: FindingDraft): string {
  const path = draft.path === undefined ? '' : ` at ${formatFieldPath(draft.path)}`;
  const factors = draft.factors === undefined ? '' : ` [${draft.factors.join(', ')}]`;
  return `${draft.severity ?? check.meta.severity} ${draft.account?.id ?? '-'}${path}${factors}: ${draft.message}`;
}

/** A draft must name an account of the inventory, declared factors, and a path to a field that is there. */
function assertWellFormed(draft: FindingDraft, inventory: Inventory, where: string): void {
  if (draft.message.trim() === '') throw new Error(`${where}: empty message`);
  if (draft.severity !== undefined && !severities.includes(draft.severity)) {
    throw new Error(`${where}: unknown severity ${draft.severity}`);
  }
  if (draft.account !== undefined && !inventory.accounts.includes(draft.account)) {
    throw new Error(`${where}: the account is not one of the inventory's`);
  }
  const declared = new Set(listFactors(inventory).map((factor) => factor.id));
  for (const id of draft.factors ?? []) {
    if (!declared.has(id)) throw new Error(`${where}: factor '${id}' is not declared`);
  }
  if (draft.path !== undefined) {
    let value: unknown = inventory;
    for (const segment of draft.path) {
      value =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
    }
    if (value === undefined) throw new Error(`${where}: nothing at ${formatFieldPath(draft.path)}`);
  }
}

/** Freezes the inventory so that a check that changes what it reads fails instead of leaking into other checks. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// A minimal valid inventory, built from plain objects, so each test spells out only what its check reads.

type Fields = Record<string, unknown>;

export interface InventoryParts {
  /** Defaults to 2024-06-01; `null` leaves asOf out. */
  asOf?: Day | null;
  /** Factor lists by section name (`devices`, `cards`…); the root mailbox `root-mail` is always declared. */
  factors?: Record<string, Fields[]>;
  accounts?: Fields[];
}

export const defaultAsOf = '2024-06-01';
export const accountId = '111122223333';

/** The YAML text of an inventory with one standalone account unless `accounts` are given. */
export function inventoryYaml({
  asOf = defaultAsOf,
  factors = {},
  accounts = [account()],
}: InventoryParts = {}): string {
  const mailboxes = factors.mailboxes ?? [];
  const withRootMail = mailboxes.some((mailbox) => mailbox.id === 'root-mail')
    ? mailboxes
    : [{ id: 'root-mail', address: 'root@example.com', provider: 'gmail' }, ...mailboxes];
  const document: Fields = { version: 1 };
  if (asOf !== null) document.asOf = asOf;
  document.factors = { ...factors, mailboxes: withRootMail };
  document.accounts = accounts;
  return stringify(document);
}

/** A standalone account `111122223333` whose root signs in with the `root-mail` mailbox, with `fields` on top. */
export function account(fields: Fields = {}): Fields {
  return {
    id: accountId,
    name: 'personal',
    organization: 'standalone',
    root: { email: 'root-mail' },
    ...fields,
  };
}
