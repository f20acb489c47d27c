/**
 * What the dashboard sends for a large Organization: a summary first — counts by state, the accounts most at
 * risk (paged), the Do-first actions, the findings grouped by check — and one account's details when the user
 * opens it. At 10,000 accounts the whole report and situation are over 100 MB of JSON; the summary is a few
 * hundred KB, and an account's details a few KB.
 */

import type { AccountReport, CheckReport } from '../report/check-report.js';
import type { Finding } from '../checks/check.js';
import { capabilityStates, type CapabilityState } from '../report/capability-state.js';
import { buildGraphPicture, type GraphPicture } from './graph-picture.js';
import type { AccountGraphs } from '../report/graph-view.js';
import { awsProvider, type ProviderGroup, type ProviderIndex } from './providers.js';
import {
  briefOf,
  judgedOf,
  type CapabilityBrief,
  type CapabilityView,
  type EventView,
  type SituationView,
} from './situation.js';

/** Inventories with more accounts than this get summaries and details on demand; smaller ones everything. */
export const SUMMARY_ABOVE_ACCOUNTS = 50;

/** Accounts per page of the accounts most at risk. */
export const ACCOUNTS_PER_PAGE = 20;

/** Factors listed on the what-if page of a summary: those lost, changed, or single points of the most. */
const SUMMARY_EVENTS = 150;

/**
 * Capabilities a scenario changed sent beyond the shown accounts': a shared factor changes thousands, which the
 * page counts by change (stateChanges) rather than draws one card each.
 */
const CHANGED_CAPABILITIES = 100;

/** Capability ids named per event in a summary (the page asks only whether there is one). */
const SINGLE_POINT_IDS = 20;

/** The states from worst to best (capability-state.ts lists them so). */
const WORST_FIRST: readonly CapabilityState[] = capabilityStates;

export function wantsSummary(report: CheckReport): boolean {
  return report.accounts.length > SUMMARY_ABOVE_ACCOUNTS;
}

export interface AccountRank {
  id: string;
  name: string;
  /** The provider the account is at (`aws`, `google`…): the summary's `providers` names it. */
  provider: string;
  organization: string;
  /** How many of its capabilities are in each state. */
  states: Partial<Record<CapabilityState, number>>;
}

export interface FindingGroup {
  checkId: string;
  severity: Finding['severity'];
  title: string;
  count: number;
  /** The first finding of the group, in full: what the rest look like. */
  example: Finding;
}

/** The report as a summary: the accounts most at risk (as things stand) and the findings grouped by check. */
export interface ReportSummary extends Omit<CheckReport, 'accounts' | 'findings'> {
  summarized: true;
  accountsTotal: number;
  /** The providers of the accounts, AWS first, with their display names and how many accounts each. */
  providers: ProviderGroup[];
  /** The accounts most at risk, worst first, with their report (story, workloads, findings) and provider. */
  accounts: (AccountReport & { provider: string })[];
  /** Every account, worst first: id, name and counts by state, for finding one to open. */
  ranking: AccountRank[];
  /** Critical and high findings, the first few in full. */
  findings: Finding[];
  findingGroups: FindingGroup[];
}

/** Where a capability the scenario changed stood before it. */
export type CapabilityWas = Pick<CapabilityView, 'state' | 'stateLabel' | 'colour' | 'verdict'>;

/** A capability as a what-if summary sends it: without its sets, and with where it stood when it changed. */
export type SentCapability = CapabilityBrief & { was?: CapabilityWas };

/** How many capabilities a scenario moved from one state to another. */
export interface StateChange {
  from: CapabilityState;
  to: CapabilityState;
  count: number;
}

/** The situation as a summary: counts, the capabilities of the accounts shown and of those that changed. */
export interface SituationSummary extends Omit<SituationView, 'capabilities' | 'events' | 'gates'> {
  summarized: true;
  accountsTotal: number;
  states: Record<CapabilityState, number>;
  /** The accounts most at risk in this scenario, worst first (a page). */
  ranking: AccountRank[];
  /**
   * Capabilities of the ranked accounts, and the first CHANGED_CAPABILITIES whose state the scenario changed,
   * these with where they stood before (`was`).
   */
  capabilities: SentCapability[];
  /** How many capabilities the scenario changed the state of. */
  changedCapabilities: number;
  /**
   * How many it evaluated again: those its factors lie under, changed or not (a factor every account shares:
   * all of them).
   */
  reevaluatedCapabilities: number;
  /** The changes of state, most first. */
  stateChanges: StateChange[];
  events: EventView[];
  gates: Record<string, never>;
}

export interface AccountDetail {
  account: AccountReport;
  capabilities: CapabilityView[];
  /** The account's facts and the factors its capabilities' lockout sets name. */
  events: EventView[];
  graph: GraphPicture;
}

/** Every account ranked worst first in this situation: most capabilities lost now, then unknown… */
export function rankAccounts(report: CheckReport, situation: SituationView): AccountRank[] {
  const ranked = rankedAccounts(report, situation);
  return ranked.order.map((at) => ranked.rankOf(at));
}

/**
 * The positions of the report's accounts, worst first: by their counts of capabilities in each of the four
 * worst states, compared as numbers (a click ranks 10,000 accounts and sends a page of them); and the rank of
 * any of them.
 */
function rankedAccounts(
  report: CheckReport,
  situation: SituationView,
): { order: number[]; rankOf: (at: number) => AccountRank; accountOf: Int32Array } {
  const counted = WORST_FIRST.length;
  const counts = new Int32Array(report.accounts.length * counted);
  // From what the situation judged, not its views: those of a shared factor's scenario are made when read.
  const { accountIds, states, providers } = judgedOf(situation);
  const { accountOf, capabilitiesOf } = capabilityAccounts(report, accountIds);
  const providerOf: string[] = [];
  for (let i = 0; i < accountOf.length; i++) {
    const at = accountOf[i]!;
    if (at === -1) continue;
    providerOf[at] = providers[i]!;
    counts[at * counted + WORST_FIRST.indexOf(states[i]!)]! += 1;
  }
  const order = report.accounts.map((_, at) => at);
  // Stable: accounts alike stay in the inventory's order. 'holds' (the last state) does not rank.
  order.sort((a, b) => {
    for (let which = 0; which < counted - 1; which++) {
      const difference = counts[b * counted + which]! - counts[a * counted + which]!;
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const rankOf = (at: number): AccountRank => {
    const account = report.accounts[at]!;
    const rank: AccountRank = {
      id: account.id,
      name: account.name,
      provider: providerOf[at] ?? awsProvider.id,
      organization: account.organization,
      states: {},
    };
    for (const i of capabilitiesOf[at] ?? []) {
      const state = states[i]!;
      rank.states[state] = (rank.states[state] ?? 0) + 1;
    }
    return rank;
  };
  return { order, rankOf, accountOf };
}

/** Per capability, its account's position in the report (-1: none); per account, its capabilities. */
interface CapabilityAccounts {
  accountOf: Int32Array;
  capabilitiesOf: number[][];
}

const capabilityAccountsOf = new WeakMap<CheckReport, WeakMap<readonly string[], CapabilityAccounts>>();

/**
 * Which account of the report each capability is of, found once per report and list of capabilities (every
 * situation of one model shares its list): each click looked up 50,000 ids in a map of 10,000 it built anew.
 */
function capabilityAccounts(report: CheckReport, accountIds: readonly string[]): CapabilityAccounts {
  let byList = capabilityAccountsOf.get(report);
  if (!byList) {
    byList = new WeakMap();
    capabilityAccountsOf.set(report, byList);
  }
  let known = byList.get(accountIds);
  if (!known) {
    const positionOf = new Map(report.accounts.map((account, at) => [account.id, at]));
    const accountOf = new Int32Array(accountIds.length);
    const capabilitiesOf: number[][] = [];
    accountIds.forEach((accountId, i) => {
      const at = positionOf.get(accountId) ?? -1;
      accountOf[i] = at;
      if (at !== -1) (capabilitiesOf[at] ??= []).push(i);
    });
    known = { accountOf, capabilitiesOf };
    byList.set(accountIds, known);
  }
  return known;
}

export function summarizeReport(report: CheckReport, standing: SituationView): ReportSummary {
  const ranking = rankAccounts(report, standing);
  const byId = new Map(report.accounts.map((account) => [account.id, account]));
  const groups = new Map<string, FindingGroup>();
  for (const finding of report.findings) {
    const group = groups.get(finding.checkId);
    if (group) group.count += 1;
    else {
      groups.set(finding.checkId, {
        checkId: finding.checkId,
        severity: finding.severity,
        title: finding.title,
        count: 1,
        example: finding,
      });
    }
  }
  return {
    ...report,
    summarized: true,
    accountsTotal: report.accounts.length,
    providers: standing.providers,
    accounts: ranking
      .slice(0, ACCOUNTS_PER_PAGE)
      .map((rank) => ({ ...byId.get(rank.id)!, provider: rank.provider })),
    ranking,
    findings: report.findings
      .filter((finding) => finding.severity === 'critical' || finding.severity === 'high')
      .slice(0, 8),
    findingGroups: [...groups.values()],
  };
}

/**
 * The situation as a summary, against the situation as things stand: `page` of the accounts ranked worst first.
 */
export function summarizeSituation(
  report: CheckReport,
  situation: SituationView,
  standing: SituationView,
  page = 0,
): SituationSummary {
  const ranked = rankedAccounts(report, situation);
  const shownAccounts = ranked.order.slice(page * ACCOUNTS_PER_PAGE, (page + 1) * ACCOUNTS_PER_PAGE);
  const ranking = shownAccounts.map((at) => ranked.rankOf(at));
  const isShown = new Uint8Array(report.accounts.length);
  for (const at of shownAccounts) isShown[at] = 1;
  const states = Object.fromEntries(WORST_FIRST.map((state) => [state, 0])) as Record<
    CapabilityState,
    number
  >;
  const capabilities: SentCapability[] = [];
  /** Those of `capabilities` whose account is shown. */
  const ofShown: CapabilityView[] = [];
  let changed = 0;
  let reevaluated = 0;
  const stateChanges = new Map<string, StateChange>();
  // Only the views sent are read: after a factor every account shares, the others are not even made.
  const judged = judgedOf(situation);
  const statesBefore = judgedOf(standing).states;
  const evaluatedAgain = judged.changed ? new Uint8Array(judged.accountIds.length) : undefined;
  // Indexed: thousands of positions once per click, where for-of allocated each step in code not yet optimised.
  if (evaluatedAgain)
    for (let at = 0; at < judged.changed!.length; at++) evaluatedAgain[judged.changed![at]!] = 1;
  for (let i = 0; i < judged.accountIds.length; i++) {
    const state = judged.states[i]!;
    states[state] += 1;
    // Views reused from the situation as things stand are the same objects: one evaluated again is a new one.
    const isReevaluated = evaluatedAgain
      ? evaluatedAgain[i] === 1
      : situation.capabilities[i] !== standing.capabilities[i];
    if (isReevaluated) reevaluated += 1;
    // Changed: in another state. Most of what a shared factor evaluates again stands as it stood.
    const was = statesBefore[i]!;
    const isChanged = isReevaluated && state !== was;
    if (isChanged) {
      changed += 1;
      const key = `${was}>${state}`;
      const change = stateChanges.get(key);
      if (change) change.count += 1;
      else stateChanges.set(key, { from: was, to: state, count: 1 });
    }
    const account = ranked.accountOf[i]!;
    const ofShownAccount = account !== -1 && isShown[account] === 1;
    if (ofShownAccount || (isChanged && changed <= CHANGED_CAPABILITIES)) {
      const capability = situation.capabilities[i]!;
      const brief: SentCapability = briefOf(capability);
      if (isChanged) {
        const before = standing.capabilities[i]!;
        brief.was = {
          state: before.state,
          stateLabel: before.stateLabel,
          colour: before.colour,
          verdict: before.verdict,
        };
      }
      capabilities.push(brief);
      if (ofShownAccount) ofShown.push(capability);
    }
  }
  // The factors the shown accounts' lockout sets name come first: what a user clicks to try one account.
  // Only theirs are read: a changed view's sets are found only if read (see withSetsWhenRead in situation.ts).
  const named = new Set<string>();
  for (const capability of ofShown) {
    for (const set of capability.lockoutSets) for (const factor of set) named.add(factor.id);
  }
  // Changed first, then named by the shown accounts, then lost, then single point of the most: each event's
  // place found once, not at each of the sort's comparisons (tens of thousands of factors at 10,000 accounts).
  const candidates = situation.events.filter(
    (event) => event.kind === 'factor' || event.change !== undefined,
  );
  const flags = candidates.map(
    (event) => (event.change !== undefined ? 4 : 0) + (named.has(event.id) ? 2 : 0) + (event.lost ? 1 : 0),
  );
  const events = candidates
    .map((_, at) => at)
    .sort(
      (a, b) =>
        flags[b]! - flags[a]! || candidates[b]!.singlePointOf.length - candidates[a]!.singlePointOf.length,
    )
    .slice(0, SUMMARY_EVENTS)
    .map((at) => candidates[at]!)
    .map((event) =>
      event.singlePointOf.length > SINGLE_POINT_IDS
        ? { ...event, singlePointOf: event.singlePointOf.slice(0, SINGLE_POINT_IDS) }
        : event,
    );
  // Field by field, not a spread: a spread reads `gates`, which copies every gate's status (most of a click at
  // 10,000 accounts) only to be dropped.
  return {
    asOf: situation.asOf,
    deadline: situation.deadline,
    deadlineHours: situation.deadlineHours,
    lost: situation.lost,
    restored: situation.restored,
    providers: situation.providers,
    summarized: true,
    accountsTotal: report.accounts.length,
    states,
    ranking,
    capabilities,
    changedCapabilities: changed,
    reevaluatedCapabilities: reevaluated,
    stateChanges: [...stateChanges.values()].sort((a, b) => b.count - a.count),
    events,
    gates: {},
  };
}

/** One account in this situation: its report, capabilities, the events that matter to it, and its graph. */
export function accountDetail(
  report: CheckReport,
  graphs: AccountGraphs,
  situation: SituationView,
  accountId: string,
  providers: ProviderIndex,
): AccountDetail | undefined {
  const account = report.accounts.find((each) => each.id === accountId);
  if (!account) return undefined;
  const capabilities: CapabilityView[] = [];
  judgedOf(situation).accountIds.forEach((id, i) => {
    if (id === accountId) capabilities.push(situation.capabilities[i]!);
  });
  const named = new Set<string>();
  for (const capability of capabilities) {
    for (const set of capability.lockoutSets) for (const factor of set) named.add(factor.id);
    for (const factor of capability.fastSinglePoints) named.add(factor.id);
  }
  const events = situation.events.filter((event) => event.accountId === accountId || named.has(event.id));
  return {
    account,
    capabilities,
    events,
    graph: buildGraphPicture(graphs.view([accountId]), situation, providers),
  };
}
