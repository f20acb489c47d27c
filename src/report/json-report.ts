/**
 * The report of `lockout check --format json`, version 3: the CheckReport with its fixed text written once, as
 * SARIF writes rules once and results by ruleId. Each way's fixed text (label, short, docs, basis, duration,
 * cost) is in the top-level `ways` dictionary and a capability's ways refer to it with their status there; each
 * check's title, why, fix and docs are in `checks`; findings are listed once, at the top level; each capability
 * result is written once in the top-level `capabilities`, and an account lists the positions of its own there
 * (accounts alike share results). Version 1 repeated all of it for every account (180 MB at 10,000 accounts);
 * version 2 repeated each capability result in every account that has it (38 MB, 33 of them capabilities).
 * `expandJsonReport` gives back version 1's shape, for readers written against it.
 */

import { severityRank, type Finding } from '../checks/check.js';
import type { AccountReport, CapabilityReport, CheckReport, WayReport } from './check-report.js';
import { JsonText, LazyList } from './json-chunks.js';
import { repeatedInstances } from './wording.js';

export const jsonReportVersion = 3;

/** What a way says wherever it is: what it is, its documentation, and what it takes when it holds. */
export type WayText = Pick<
  WayReport,
  'id' | 'label' | 'short' | 'duration' | 'cost' | 'currency' | 'docs' | 'basis'
>;

/** A capability's way in one account: a key of the report's `ways` and where the way stands there. */
export type WayStatus = { way: string } & Pick<
  WayReport,
  'status' | 'lostBecause' | 'unknownOnly' | 'unknownFacts'
>;

/**
 * What a check says of every finding of it: its title and why (every finding copies them from the check's
 * metadata, checks/run.ts), and the fix and docs a finding may replace with its own.
 */
export type CheckText = Pick<Finding, 'title' | 'why' | 'fix' | 'docs'>;

/** A finding without what its check's entry says; its own `fix` and `docs` when they differ from the check's. */
export type FindingJson = Omit<Finding, keyof CheckText> & Partial<Pick<Finding, 'fix' | 'docs'>>;

/** Findings of one check with the same severity and message: the message once, the accounts in order. */
export interface FindingGroupJson {
  checkId: string;
  severity: Finding['severity'];
  message: string;
  /** How many findings it stands for. */
  findings: number;
  /** Every account they are about, in the findings' order; empty for findings about shared factors. */
  accountIds: string[];
  outsideAccountId?: string | undefined;
}

export type CapabilityJson = Omit<CapabilityReport, 'ways' | 'lockoutSets'> & {
  ways: WayStatus[];
  /** The lockout sets, each a list of positions in the report's `losses`. */
  lockoutSets: number[][];
};
export type AccountJson = Omit<AccountReport, 'capabilities' | 'findings'> & {
  /** The account's capabilities, in order: positions in the report's `capabilities`. */
  capabilities: number[];
};

export type CheckReportJson = {
  formatVersion: typeof jsonReportVersion;
} & Omit<CheckReport, 'accounts' | 'findings'> & {
    accounts: AccountJson[];
    /**
     * Every capability result the accounts refer to, each once: accounts alike (most of an Organization's)
     * have the same results, and at 10,000 accounts 50,000 capabilities are a few hundred results.
     */
    capabilities: CapabilityJson[];
    /** Every finding, most severe first; an account's are those whose accountId is its id. */
    findings: FindingJson[];
    /**
     * The findings again, those that say the same thing (one check, severity and message) once each, with
     * every account they hold for: 41,010 findings of 10,000 accounts are a few dozen groups.
     */
    findingGroups: FindingGroupJson[];
    /** Each check that found something: its fixed text, by check id. */
    checks: Record<string, CheckText>;
    /** Each way's fixed text, by key: the way's id, or `id~2`… when its text differs between capabilities. */
    ways: Record<string, WayText>;
    /**
     * The losses the lockout sets name (labels), each once: the same few people, devices and tenants take
     * the capabilities of thousands of accounts.
     */
    losses: string[];
  };

const wayTextFields = ['id', 'label', 'short', 'duration', 'cost', 'currency', 'docs', 'basis'] as const;

/** The version 3 report of a CheckReport: the same data, its fixed text and each capability result once. */
export function toJsonReport(report: CheckReport): CheckReportJson {
  return jsonReport(
    report,
    {
      accounts: (accounts, convert) => accounts.map((account) => convert.account(account)),
      findings: (findings, convert) => findings.map(convert),
    },
    (capability) => capability,
  );
}

/**
 * `toJsonReport` to write with jsonChunks: the same JSON, each account and each finding converted only when it
 * is written (a LazyList), so that the converted Organization (10,000 accounts, 40,000 findings) is never held
 * whole beside the report. With `compact`, each capability result is kept as its text (JsonText) until written.
 */
export function toJsonReportToWrite(report: CheckReport, compact = false): unknown {
  return jsonReport(
    report,
    {
      accounts: (accounts, convert) =>
        new LazyList(accounts.length, (index) => convert.account(accounts[index]!)),
      findings: (findings, convert) => new LazyList(findings.length, (index) => convert(findings[index]!)),
    },
    // Kept as its text, what jsonChunks writes of it: one string rather than the objects it is made of.
    (capability) => (compact ? new JsonText(JSON.stringify(capability)) : capability),
  );
}

/**
 * The version 3 report, its accounts and findings as `lists` makes them from the report's and the conversion
 * of one. The tables (`capabilities`, `checks`, `ways`, `losses`) fill as the accounts and findings are
 * converted, and are written after them.
 */
function jsonReport<A, F, C>(
  report: CheckReport,
  lists: {
    accounts: (accounts: readonly AccountReport[], convert: AccountConversion<C>) => A;
    findings: (findings: readonly Finding[], convert: (finding: Finding) => FindingJson) => F;
  },
  kept: (capability: CapabilityJson) => C,
): Omit<CheckReportJson, 'accounts' | 'capabilities' | 'findings'> & {
  accounts: A;
  capabilities: C[];
  findings: F;
} {
  const convert = new AccountConversion(kept);
  const checks: Record<string, CheckText> = {};
  const findingJson = (finding: Finding): FindingJson => {
    const { title, why, fix, docs } = finding;
    const known = (checks[finding.checkId] ??= { title, why, fix, docs });
    // Its own fields in their order, then its fix and docs where they differ from its check's: one object
    // made, where a rest and two spreads made three (40,000 findings at 10,000 accounts).
    const json: Record<string, unknown> = {};
    for (const key in finding) {
      if (key !== 'title' && key !== 'why' && key !== 'fix' && key !== 'docs') {
        json[key] = finding[key as keyof Finding];
      }
    }
    if (fix !== known.fix) json.fix = fix;
    if (docs !== known.docs) json.docs = docs;
    return json as FindingJson;
  };
  return {
    formatVersion: jsonReportVersion,
    ...without(report, 'accounts', 'findings'),
    accounts: lists.accounts(report.accounts, convert),
    capabilities: convert.capabilities,
    findings: lists.findings(report.findings, findingJson),
    findingGroups: findingGroups(report.findings),
    checks,
    ways: convert.ways.entries,
    losses: convert.losses,
  };
}

/**
 * Accounts in version 3's shape, in the order they are written: each capability result, each way's text and
 * each loss given its position or key the first time it is met. buildCheckReport makes one capability report
 * for all the accounts whose capability says the same, so a report object is one result.
 */
class AccountConversion<C> {
  readonly ways = new WayDictionary();
  readonly losses: string[] = [];
  /** Each capability result once, in the order first met, as `kept` keeps it until written. */
  readonly capabilities: C[] = [];
  private readonly lossIndex = new Map<string, number>();
  private readonly capabilityIndex = new Map<CapabilityReport, number>();

  constructor(private readonly kept: (capability: CapabilityJson) => C) {}

  account(account: AccountReport): AccountJson {
    const capabilities: number[] = [];
    for (const capability of account.capabilities) capabilities.push(this.capability(capability));
    return { ...without(account, 'capabilities', 'findings'), capabilities };
  }

  private capability(capability: CapabilityReport): number {
    let index = this.capabilityIndex.get(capability);
    if (index === undefined) {
      index = this.capabilities.push(this.kept(this.convert(capability))) - 1;
      this.capabilityIndex.set(capability, index);
    }
    return index;
  }

  private convert(capability: CapabilityReport): CapabilityJson {
    return {
      ...capability,
      ways: capability.ways.map((way) => ({
        way: this.ways.keyOf(way),
        status: way.status,
        lostBecause: way.lostBecause,
        unknownOnly: way.unknownOnly,
        unknownFacts: way.unknownFacts,
      })),
      lockoutSets: capability.lockoutSets.map((set) => set.map((label) => this.lossOf(label))),
    };
  }

  private lossOf(label: string): number {
    let index = this.lossIndex.get(label);
    if (index === undefined) this.lossIndex.set(label, (index = this.losses.push(label) - 1));
    return index;
  }
}

/** An account's capability results in a version 3 report: its positions in the report's `capabilities`, looked up. */
export function capabilitiesOf(
  report: Pick<CheckReportJson, 'capabilities'>,
  account: AccountJson,
): CapabilityJson[] {
  return account.capabilities.map((position) => {
    const capability = report.capabilities[position];
    if (capability === undefined)
      throw new Error(`capability ${position} of ${account.id}: not in "capabilities"`);
    return capability;
  });
}

/**
 * Version 1's shape from a version 3 report (as parsed from its JSON): every capability, way and finding with
 * its text again, and each account's findings under it. Throws on a reference its table does not hold.
 */
export function expandJsonReport(report: CheckReportJson): CheckReport {
  const { checks, ways, losses, accounts, findings } = report;
  const rest = without(
    report,
    'formatVersion',
    'capabilities',
    'checks',
    'ways',
    'losses',
    'accounts',
    'findings',
    'findingGroups',
  );
  const loss = (index: number): string => {
    const label = losses[index];
    if (label === undefined) throw new Error(`loss ${index}: not in "losses"`);
    return label;
  };
  const expanded = findings.map((finding): Finding => {
    const text = checks[finding.checkId];
    if (text === undefined) throw new Error(`finding of check ${finding.checkId}: not in "checks"`);
    const { outsideAccountId, outsideAccountName, location, ...own } = finding;
    return {
      checkId: own.checkId,
      severity: own.severity,
      title: text.title,
      accountId: own.accountId,
      accountName: own.accountName,
      ...(outsideAccountId !== undefined && { outsideAccountId, outsideAccountName }),
      message: own.message,
      factors: own.factors,
      why: text.why,
      fix: own.fix ?? text.fix,
      docs: own.docs ?? text.docs,
      location,
    };
  });
  // Each account's findings, in the order of all of them: found once, not by a pass over every finding per
  // account (at 10,000 accounts and 30,000 findings, that pass took seconds).
  const findingsOf = new Map<string, Finding[]>();
  for (const finding of expanded) {
    if (finding.accountId === undefined) continue;
    const list = findingsOf.get(finding.accountId);
    if (list) list.push(finding);
    else findingsOf.set(finding.accountId, [finding]);
  }
  return {
    ...rest,
    accounts: accounts.map((account) => ({
      ...account,
      capabilities: capabilitiesOf(report, account).map((capability) => ({
        ...capability,
        ways: capability.ways.map(({ way: key, ...status }): WayReport => {
          const text = ways[key];
          if (text === undefined) throw new Error(`way ${key} of ${account.id}: not in "ways"`);
          return {
            id: text.id,
            label: text.label,
            short: text.short,
            ...status,
            duration: text.duration,
            cost: text.cost,
            currency: text.currency,
            docs: text.docs,
            basis: text.basis,
          };
        }),
        lockoutSets: capability.lockoutSets.map((set) => set.map(loss)),
      })),
      findings: findingsOf.get(account.id) ?? [],
    })),
    findings: expanded,
  };
}

/** The findings grouped as the terminal's "Findings in several accounts" (wording.ts), most accounts first. */
function findingGroups(findings: readonly Finding[]): FindingGroupJson[] {
  // Findings come most severe first, and a stable sort keeps that order between groups of one size.
  return repeatedInstances(findings)
    .map(({ message, findings: same }): FindingGroupJson => {
      const first = same[0]!;
      const accountIds: string[] = [];
      for (const finding of same) if (finding.accountId !== undefined) accountIds.push(finding.accountId);
      return {
        checkId: first.checkId,
        severity: first.severity,
        message,
        findings: same.length,
        accountIds,
        ...(first.outsideAccountId !== undefined && { outsideAccountId: first.outsideAccountId }),
      };
    })
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findings - a.findings);
}

/** A shallow copy of `value` without `keys` (once per account: no list of its entries on the way). */
function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!(keys as PropertyKey[]).includes(key)) copy[key] = (value as Record<string, unknown>)[key];
  }
  return copy as Omit<T, K>;
}

/** Ways' fixed text by key, each text once: the way's id, then `id~2`, `id~3`… for a different text of it. */
class WayDictionary {
  readonly entries: Record<string, WayText> = {};
  /** The keys given to each way id, in order. */
  private readonly keysOf = new Map<string, string[]>();

  keyOf(way: WayReport): string {
    let keys = this.keysOf.get(way.id);
    if (keys === undefined) this.keysOf.set(way.id, (keys = []));
    for (const key of keys) if (sameText(this.entries[key]!, way)) return key;
    const key = keys.length === 0 ? way.id : `${way.id}~${keys.length + 1}`;
    const text: WayText = { id: way.id, label: way.label, short: way.short };
    for (const field of wayTextFields)
      if (way[field] !== undefined) Object.assign(text, { [field]: way[field] });
    this.entries[key] = text;
    keys.push(key);
    return key;
  }
}

function sameText(text: WayText, way: WayReport): boolean {
  for (const field of wayTextFields) {
    const a = text[field];
    const b = way[field];
    if (field === 'duration' && typeof a === 'object' && typeof b === 'object') {
      if (a.min !== b.min || a.typical !== b.typical || a.max !== b.max) return false;
    } else if (a !== b) return false;
  }
  return true;
}
