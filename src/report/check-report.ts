/**
 * The result of `lockout check` as one data shape, in the owner's terms: per account, each capability with
 * its ways (held or lost, and why), single points of failure, lockout sets and the fastest way to exercise it
 * against a deadline; the findings; and the few sentences that tell the story. Every renderer (terminal,
 * JSON, SARIF, Markdown, HTML) reads this shape and nothing else.
 */

import type { TopStatus } from '../analysis/analyze.js';
import { explainLoss } from '../analysis/explain.js';
import type { DurationRange, FaultGraph, Gate, Input } from '../analysis/graph.js';
import { ConeEvaluator } from '../analysis/lost-under.js';
import type { RecoveryEstimate, RecoveryStep } from '../analysis/recovery-time.js';
import { TimedRecovery, type TimedEstimate } from '../analysis/timed-recovery.js';
import { severities, severityRank, type Finding, type Severity } from '../checks/check.js';
import { daysBetween, UNCONFIRMED_REASON } from '../model/factor-state.js';
import { outsideAccountLabel, type Day, type Inventory } from '../model/inventory.js';
import type { OutsideCapabilityId } from '../recovery/provider.js';
import type { CapabilityResult as GenericCapabilityResult } from '../recovery/analysis.js';
import { capabilityGate } from '../recovery/builder.js';
import type { FieldPath } from '../inventory/issues.js';
import type { CapabilityId, RecoveryAnalysis } from '../providers/aws/analysis.js';
import type { OrganizationLockoutSet } from '../providers/aws/organization-lockout.js';
import { noAlertChannelLabel } from '../providers/aws/recovery-graph.js';
import type { Provenance } from '../providers/aws/scan/reconcile.js';
import { addDays } from '../checks/dates.js';
import {
  capabilityState,
  capabilityStates,
  FAST_HOURS,
  stateLabel,
  type CapabilityState,
} from './capability-state.js';
import { detailedAccounts } from './account-rank.js';
import { buildGraphView, type GraphView } from './graph-view.js';
import { joinWords, lowerFirst } from '../model/words.js';
import { unknownEvents } from '../recovery/unknown.js';
import { ReportKeys } from './report-keys.js';
import { unknownFactsOf, type SourceLocation, type UnknownFactReport } from './unknown-facts.js';

export interface WayReport {
  id: string;
  label: string;
  short: string;
  status: TopStatus;
  /** For a lost way: the losses that take it (labels). */
  lostBecause: string[];
  /**
   * Lost only because facts are unknown (not declared, not seen): counted as lost, not known to be. It would
   * hold were every unknown fact fine.
   */
  unknownOnly: boolean;
  /** Of the losses that take it, the facts Lockout cannot see (labels); [] when it holds. */
  unknownFacts: string[];
  /** For a way that holds: how long it takes. */
  duration?: DurationRange | undefined;
  cost?: number | undefined;
  /** The currency of `cost`, when it costs something. */
  currency?: string | undefined;
  docs?: string | undefined;
  /** Whether its duration is documented by AWS or observed (an incident, support replies): docs/rules.md. */
  basis?: 'documented' | 'observed' | undefined;
}

export interface RecoveryReport {
  possible: boolean;
  duration: DurationRange;
  cost: number;
  /** The currency of `cost`, when it is not zero. */
  currency?: string | undefined;
  steps: { label: string; kind: 'restore' | 'process'; duration: DurationRange }[];
  /** Hours to spare before the deadline (negative: late), for the best, typical and worst cases. */
  slack?: DurationRange | undefined;
}

export interface CapabilityReport {
  /** An AWS account's capability, or an outside account's (`sign-in`). */
  id: CapabilityId | OutsideCapabilityId;
  label: string;
  status: TopStatus;
  /**
   * 'lost' when it holds now but would not once a bill left unpaid reaches its suspension date: its lockout
   * sets then bite only after that deadline.
   */
  eventually?: TopStatus | undefined;
  /** False when the capability counts as lost only through unknown facts: it would hold were they fine. */
  confirmed: boolean;
  /** Where it stands, in the one vocabulary of every report and the dashboard (capability-state.ts). */
  state: CapabilityState;
  /** The state in words: "lost now", "lost after 2022-06-30", "one loss away"… */
  stateLabel: string;
  /** For "lost after": the day the suspension date passes, after which it is lost with the bill unpaid. */
  lostAfter?: Day | undefined;
  /** What moves it to the better state, in a sentence; absent when it holds. */
  improve?: string | undefined;
  /** When it counts as lost: the facts Lockout cannot see among what takes it (labels); [] otherwise. */
  unknownFacts: string[];
  ways: WayReport[];
  singlePointsOfFailure: { id: string; label: string }[];
  /** Number of lockout sets by order (index = order), order 0 included. */
  lockoutSetCounts: number[];
  lockoutSets: string[][];
  /** Positions in lockoutSets of the sets that bite only once a suspension date has passed with the bill unpaid. */
  lockoutSetsAfterDeadline?: number[] | undefined;
  fastest: RecoveryReport;
}

export interface AccountReport {
  id: string;
  name: string;
  organization: string;
  /** What suspension would take down. */
  workloads: string[];
  /** Each one shared by the accounts that say the same of it (most of an Organization's): read, never changed. */
  capabilities: CapabilityReport[];
  /** The few sentences that matter most, in order. */
  story: string[];
  findings: Finding[];
}

/** What a live scan did, and where each fact of the report came from. */
export interface ScanSummary {
  callerAccountId: string;
  organizationId?: string | undefined;
  region: string;
  startedAt: string;
  finishedAt: string;
  accounts: number;
  reached: number;
  failed: number;
  apiCalls: number;
  retries: number;
  /** Facts that could not be read, over all accounts. */
  unknownFacts: number;
  provenance: Provenance[];
  contradictions: {
    accountId: string;
    field: string;
    message: string;
    severity?: 'high' | 'medium' | 'low' | undefined;
  }[];
  /** The hosted zones seen (names), over every account. */
  hostedZones?: string[] | undefined;
  /** With an inventory: its accounts the scan did not see, and the accounts seen that it does not declare. */
  accountsMatch?:
    | {
        notScanned: { id: string; name?: string | undefined }[];
        notDeclared: { id: string; name?: string | undefined }[];
      }
    | undefined;
}

export interface OrganizationSetReport {
  factors: string[];
  capability: CapabilityId;
  accounts: string[];
}

/** One of the few actions that remove the most risk across every account (see doFirst). */
export interface DoFirstAction {
  /** What to do, in a sentence. */
  action: string;
  /** The state it moves capabilities out of. */
  from: CapabilityState;
  /** How many accounts, and how many of their capabilities, it moves. */
  accounts: number;
  capabilities: number;
}

export interface CheckReport {
  tool: { name: 'lockout'; version: string };
  /** The few actions that remove the most risk across every account, the most urgent first. */
  doFirst: DoFirstAction[];
  /** Every fact counted as lost only because Lockout cannot see it: the questions still open. */
  stillUnknown: UnknownFactReport[];
  /** The inventory file, or "(live scan)" when there was none. */
  inventory: string;
  scan?: ScanSummary | undefined;
  /** Across the Organization: the smallest sets of losses that take a capability of any account. */
  organizationLockoutSets?: OrganizationSetReport[] | undefined;
  asOf: Day;
  deadline?: Day | undefined;
  accounts: AccountReport[];
  findings: Finding[];
  summary: {
    findings: Record<Severity, number>;
    capabilitiesLost: number;
    capabilitiesAtRisk: number;
    /** Capabilities in each state (capability-state.ts), over all accounts. */
    states: Record<CapabilityState, number>;
  };
  /**
   * The recovery graphs, as nodes and edges, of the accounts the formats that draw them detail (HTML): every
   * account of a small report, the most at risk of an Organization (account-rank.ts, `detailedAccounts`).
   */
  graph?: GraphView | undefined;
}

export function buildCheckReport(input: {
  inventoryFile: string;
  analysis: RecoveryAnalysis;
  findings: Finding[];
  deadline?: Day | undefined;
  version: string;
  scan?: ScanSummary | undefined;
  organizationSets?: OrganizationLockoutSet[] | undefined;
  /** Include the recovery graph of each account detailed (see graph-view.ts): only the formats that draw it ask. */
  graph?: boolean | undefined;
  /** The inventory and where its fields are, to say where each unknown fact would be declared. */
  inventory?: Inventory | undefined;
  locate?: ((path: FieldPath) => SourceLocation | undefined) | undefined;
}): CheckReport {
  const { analysis } = input;
  const deadlineHours = input.deadline ? daysBetween(analysis.asOf, input.deadline) * 24 : undefined;
  const labelOf = (name: string): string => analysis.graph.findEvent(name)?.label ?? name;
  const known = new KnownLosses(analysis);
  const same = new SameCapabilities();
  const findings = [...input.findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.checkId.localeCompare(b.checkId),
  );

  // Grouped once: filtering every finding for every account is quadratic in an Organization of thousands.
  const findingsOf = new Map<string | undefined, Finding[]>();
  for (const finding of findings) {
    const known = findingsOf.get(finding.accountId);
    if (known) known.push(finding);
    else findingsOf.set(finding.accountId, [finding]);
  }
  const accounts = new Map<string, AccountReport>();
  // An account's capabilities come one after the other: its report is looked up once, not for each.
  let lastAccount: unknown;
  let lastReport: AccountReport | undefined;
  for (const capability of analysis.capabilities) {
    const account = capability.account;
    let report = lastAccount === account ? lastReport : accounts.get(account.id);
    if (!report) {
      report = {
        id: account.id,
        name: account.name,
        organization: account.organization,
        workloads: account.workloads ?? [],
        capabilities: [],
        story: [],
        findings: findingsOf.get(account.id) ?? [],
      };
      accounts.set(account.id, report);
    }
    lastAccount = account;
    lastReport = report;
    report.capabilities.push(capabilityReport(capability, analysis, deadlineHours, labelOf, known, same));
  }
  // Accounts outside AWS (issue 16), after the AWS accounts: their sign-in, in the same graph and shape.
  for (const capability of analysis.outsideCapabilities ?? []) {
    const account = capability.account;
    let report = accounts.get(account.id);
    if (!report) {
      report = {
        id: account.id,
        name: outsideAccountLabel(account),
        organization: `outside (${account.provider})`,
        workloads: [],
        capabilities: [],
        story: [],
        findings: findingsOf.get(account.id) ?? [],
      };
      accounts.set(account.id, report);
    }
    report.capabilities.push(capabilityReport(capability, analysis, deadlineHours, labelOf, known, same));
  }
  // Whether being late rests on facts Lockout cannot see: the same race with those facts taken as fine.
  const lateForKnown = (account: AccountReport, capability: CapabilityReport): boolean => {
    if (capability.fastest.slack === undefined) return false;
    // By its gate's name: an outside account's capability is not among the AWS ones `analysis.capability` knows.
    const estimate = known.estimate(capabilityGate(account.id, capability.id), deadlineHours);
    return !estimate.possible || (deadlineHours ?? Infinity) - estimate.duration.typical < 0;
  };
  for (const account of accounts.values()) {
    account.story = tellStory(account, input.deadline, (capability) => lateForKnown(account, capability));
  }

  const counts = Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  const states = Object.fromEntries(capabilityStates.map((state) => [state, 0])) as Record<
    CapabilityState,
    number
  >;
  let capabilitiesLost = 0;
  let capabilitiesAtRisk = 0;
  for (const account of accounts.values()) {
    for (const capability of account.capabilities) {
      if (capability.status === 'lost') capabilitiesLost += 1;
      else if (capability.status === 'at-risk') capabilitiesAtRisk += 1;
      states[capability.state] += 1;
    }
  }
  const accountName = (id: string): string => accounts.get(id)?.name ?? id;
  // One list for the report and what is made from it: the accounts a report details are ranked once for it.
  const accountList = [...accounts.values()];
  return {
    tool: { name: 'lockout', version: input.version },
    inventory: input.inventoryFile,
    ...(input.scan ? { scan: input.scan } : {}),
    ...(input.organizationSets
      ? {
          organizationLockoutSets: input.organizationSets.map((set) => ({
            factors: set.factors.map((factor) => factor.label),
            capability: set.capability,
            accounts: set.accounts.map(accountName),
          })),
        }
      : {}),
    doFirst: doFirst(accountList),
    stillUnknown: unknownFactsOf(analysis.events, input.inventory, input.locate),
    asOf: analysis.asOf,
    deadline: input.deadline,
    accounts: accountList,
    findings,
    summary: { findings: counts, capabilitiesLost, capabilitiesAtRisk, states },
    ...(input.graph ? { graph: detailedGraphs(analysis, accountList) } : {}),
  };
}

/**
 * The recovery graphs of the accounts a report for people details: an Organization's most at risk, not its
 * thousands of others, which have a line each (at 10,000 accounts, making every graph, then copying it to make
 * its text safe, was most of the HTML report's seconds).
 */
function detailedGraphs(analysis: RecoveryAnalysis, accounts: readonly AccountReport[]): GraphView {
  const detailed = new Set(detailedAccounts(accounts).detailed);
  // In the report's order, as every graph was.
  return buildGraphView(analysis, {
    accountIds: accounts.filter((account) => detailed.has(account)).map((account) => account.id),
  });
}

/** No loss: what takes a way that holds. */
const NO_LOSSES: readonly string[] = [];

/**
 * What is known lost, as opposed to counted lost because a fact is unknown (not declared, not seen): the graph
 * evaluated again with every unknown fact taken as fine. Asked only of what counts as lost, over its cone.
 *
 * Whether a gate is known lost, and why it is lost (explainLoss), are asked once for all the gates of one kind
 * over the same inputs: their cones are the same but for the gate itself, and its value is a function of its
 * inputs' (explainLoss takes the cone's losses in the events' order, not in the order it finds them). The ways and capabilities of
 * accounts alike often are such gates: at 10,000 accounts, 9,600 lost ways are three, 10,000 lost
 * capabilities one, each resting on the management account's settings.
 */
class KnownLosses {
  private readonly unknown: Uint8Array;
  private cones: ConeEvaluator | undefined;
  private times: TimedRecovery | undefined;
  private readonly gateKeys = new ReportKeys();
  private readonly lostByInputs = new Map<number, boolean>();
  private readonly explainedByInputs = new Map<number, readonly string[]>();

  constructor(private readonly analysis: RecoveryAnalysis) {
    const { graph, events } = analysis;
    this.unknown = unknownEvents(graph, events);
  }

  /** Labels of the unknowns that are declared but not confirmed (`state: unknown`): to confirm, not to declare. */
  get unconfirmed(): ReadonlySet<string> {
    if (this.unconfirmedLabels === undefined) {
      this.unconfirmedLabels = new Set();
      for (const [name, meaning] of this.analysis.events)
        if (meaning.lostBecause === UNCONFIRMED_REASON)
          this.unconfirmedLabels.add(this.analysis.graph.findEvent(name)?.label ?? name);
    }
    return this.unconfirmedLabels;
  }

  private unconfirmedLabels: Set<string> | undefined;

  /** The event (by name) counts as lost because Lockout cannot see it. */
  isUnknown(name: string): boolean {
    const event = this.analysis.graph.findEvent(name);
    return event !== undefined && this.unknown[event.index] === 1;
  }

  /** Whether the gate is lost through known losses alone. */
  lost(gate: string | Gate): boolean {
    const found = typeof gate === 'string' ? this.analysis.graph.findGate(gate) : gate;
    if (!found) return false;
    const key = this.inputsKey(found);
    let lost = this.lostByInputs.get(key);
    if (lost === undefined) {
      this.cones ??= new ConeEvaluator(this.analysis.graph);
      lost = this.cones.isLost(found.name, this.knownLost);
      this.lostByInputs.set(key, lost);
    }
    return lost;
  }

  /** The names of a minimal set of the losses that take the gate ([] if it holds): read, never changed. */
  explain(gate: string | Gate): readonly string[] {
    const found = typeof gate === 'string' ? this.analysis.graph.findGate(gate) : gate;
    if (!found) return NO_LOSSES;
    const key = this.inputsKey(found);
    let names = this.explainedByInputs.get(key);
    if (names === undefined) {
      names = explainLoss(this.analysis.graph, found.name);
      this.explainedByInputs.set(key, names);
    }
    return names;
  }

  /** The fastest way to the gate with only known losses. */
  estimate(gate: string, deadlineHours: number | undefined): RecoveryEstimate {
    this.times ??= new TimedRecovery(this.analysis.graph, this.knownLost);
    return this.times.estimate(gate, deadlineHours);
  }

  /** The key of a gate's kind and inputs: the same for gates that answer the same (see above). */
  private inputsKey(gate: Gate): number {
    const keys = this.gateKeys;
    keys.text(gate.kind).number(gate.min).count(gate.inputs.length);
    for (const input of gate.inputs) {
      if (input.type === 'constant') keys.count(0).flag(input.value);
      else keys.count(input.type === 'event' ? 1 : 2).count(input.index);
    }
    return keys.key();
  }

  private readonly knownLost = (index: number): boolean =>
    this.analysis.graph.events[index]!.lost && this.unknown[index] === 0;
}

/**
 * Whether a way exercises the capability within a day (FAST_HOURS), getting back what it needs included, as the
 * dashboard paints it: one without ways is judged by whether it holds.
 */
function hasFastWay(
  capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
): boolean {
  const { fastest } = capability;
  return capability.ways.length === 0 || (fastest.possible && fastest.duration.typical < FAST_HOURS);
}

function capabilityReport(
  capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
  analysis: RecoveryAnalysis,
  deadlineHours: number | undefined,
  labelOf: (name: string) => string,
  known: KnownLosses,
  same: SameCapabilities,
): CapabilityReport {
  const unknownLabels = (names: readonly string[]): string[] =>
    names.filter((name) => known.isUnknown(name)).map(labelOf);
  // Why each lost way is lost, asked of the graph before anything is made: an account alike (most of an
  // Organization's) has most often made this capability's report already.
  const { because, unknownOnly } = same.explained(capability, analysis.graph, known);
  const lost = capability.status === 'lost';
  // A capability whose normal state is lost (no valid card on file, its own or its payer's) is lost for
  // certain when that is.
  const knownLost =
    lost &&
    ((capability.standingLost === true &&
      capability.standingGate !== undefined &&
      known.lost(capability.standingGate)) ||
      known.lost(capability.gate));
  const unknownFacts =
    lost && !knownLost ? [...new Set(unknownBelow(capability, because, known, unknownLabels))] : [];
  const confirmed = !lost || knownLost;
  const state = capabilityState({
    status: capability.status,
    confirmed,
    eventually: capability.eventually,
    singlePoints: capability.singlePointsOfFailure.length,
    fast: hasFastWay(capability),
  });
  // The suspension date the capability does not outlive: the first loss to come below it.
  const onset = capability.fastest.onset;
  const lostAfter =
    state === 'lost-after' && onset !== undefined && Number.isFinite(onset)
      ? addDays(analysis.asOf, Math.ceil(onset / 24))
      : undefined;
  // What is asked of the graph differs from account to account; what is said of it, seldom: said once.
  const key = same.keyOf(capability, labelOf, known, { confirmed, unknownFacts, state, lostAfter });
  const made = same.reports.get(key);
  if (made !== undefined) return made;
  const ways = capability.ways.map((way, index): WayReport => {
    const names = because[index]!;
    const estimate = way.duration?.possible ? way.duration : undefined;
    return {
      id: way.id,
      label: way.label,
      short: way.short,
      status: way.status,
      lostBecause: names.map(labelOf),
      unknownOnly: unknownOnly[index]!,
      unknownFacts: unknownLabels(names),
      duration: estimate?.duration,
      cost: estimate?.cost,
      currency: estimate !== undefined && estimate.cost > 0 ? analysis.costCurrency : undefined,
      docs: way.docs,
      basis: way.basis,
    };
  });
  const fastest = recoveryReport(capability.fastest, deadlineHours, analysis.costCurrency);
  const report: CapabilityReport = {
    id: capability.capability,
    label: capability.label,
    status: capability.status,
    eventually: capability.eventually,
    confirmed,
    unknownFacts,
    state,
    stateLabel: stateLabel(state, lostAfter),
    lostAfter,
    improve: improvement(state, capability, ways, unknownFacts, fastest, lostAfter, known.unconfirmed),
    ways,
    singlePointsOfFailure: capability.singlePointsOfFailure,
    lockoutSetCounts: capability.lockoutSetCounts,
    lockoutSets: capability.lockoutSets.map((set) => set.map((factor) => factor.label)),
    lockoutSetsAfterDeadline: capability.lockoutSetsAfterDeadline,
    fastest,
  };
  same.reports.set(key, report);
  return report;
}

/**
 * The facts Lockout cannot see that a capability lost, not for certain, counts as lost through: its normal
 * state's (a member's is its payer's card on file), its lost ways', or else its own gate's.
 */
function unknownBelow(
  capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
  because: readonly (readonly string[])[],
  known: KnownLosses,
  unknownLabels: (names: readonly string[]) => string[],
): string[] {
  const facts: string[] = [];
  if (capability.standingLost === true && capability.standingGate !== undefined) {
    facts.push(...unknownLabels(known.explain(capability.standingGate)));
  }
  if (capability.ways.some((way) => way.status === 'lost')) facts.push(...because.flatMap(unknownLabels));
  if (facts.length === 0) facts.push(...unknownLabels(known.explain(capability.gate)));
  return facts;
}

/**
 * A way's gate: the input of its capability's gate at the way's place, as the builder makes them, when it has
 * the way's name; else found by it (a name made for each way, hashed in a table of 100,000 gates, was slow).
 */
function wayGate(graph: FaultGraph, input: Input | undefined, name: string): Gate | undefined {
  const atPlace = input?.type === 'gate' ? graph.gates[input.index] : undefined;
  return atPlace?.name === name ? atPlace : graph.findGate(name);
}

/**
 * The capability reports made so far in one report, by what they say: accounts alike (most of an
 * Organization's) share one. Within one report, so that the deadline, the day and the currency are the same.
 */
class SameCapabilities {
  readonly reports = new Map<number, CapabilityReport>();
  private readonly keys = new ReportKeys();
  /** The fastest ways' keys, by estimate: the analysis shares one estimate between accounts alike. */
  private readonly fastestKeys = new Map<TimedEstimate, number>();
  private readonly estimateKeys = new ReportKeys();
  /**
   * The lockout sets' keys, by list: accounts alike share their list when the renaming changes none of its
   * factors, and hashing its 1.5 million labels for 50,000 capabilities took a third of the keys' time.
   */
  private readonly setsKeys = new WeakMap<object, number>();
  private readonly setsListKeys = new ReportKeys();
  /** For the capability asked last, by way: the names of the losses that take it, and whether only unknown ones do. */
  private readonly because: (readonly string[])[] = [];
  private readonly unknownOnly: boolean[] = [];

  /** Why each way of the capability is lost (none for a way that holds): kept until the next capability. */
  explained(
    capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
    graph: FaultGraph,
    known: KnownLosses,
  ): { because: readonly (readonly string[])[]; unknownOnly: readonly boolean[] } {
    const { because, unknownOnly } = this;
    because.length = 0;
    unknownOnly.length = 0;
    let inputs: readonly Input[] | undefined;
    for (let position = 0; position < capability.ways.length; position++) {
      const way = capability.ways[position]!;
      let gate: Gate | undefined;
      if (way.status === 'lost') {
        inputs ??= graph.findGate(capability.gate)?.inputs ?? [];
        gate = wayGate(graph, inputs[position], `${capability.gate}/${way.id}`);
      }
      because.push(gate !== undefined ? known.explain(gate) : NO_LOSSES);
      unknownOnly.push(gate !== undefined && !known.lost(gate));
    }
    return { because, unknownOnly };
  }

  /**
   * Everything the capability's report is made from, beside the report's own deadline, day and currency: its
   * ways as `explained` last found them, and what is judged of it.
   */
  keyOf(
    capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
    labelOf: (name: string) => string,
    known: KnownLosses,
    judged: Pick<CapabilityReport, 'confirmed' | 'unknownFacts' | 'state' | 'lostAfter'>,
  ): number {
    const keys = this.keys;
    keys.text(capability.capability).text(capability.label).text(capability.status);
    keys.text(capability.eventually).flag(judged.confirmed).texts(judged.unknownFacts);
    keys.text(judged.state).text(judged.lostAfter);
    keys.count(capability.ways.length);
    for (let index = 0; index < capability.ways.length; index++) {
      const way = capability.ways[index]!;
      keys.text(way.id).text(way.label).text(way.short).text(way.status);
      // Each loss's label and whether it is unknown: its way's lostBecause and unknownFacts.
      const names = this.because[index]!;
      keys.count(names.length);
      for (const name of names) keys.text(labelOf(name)).flag(known.isUnknown(name));
      keys.flag(this.unknownOnly[index]);
      // Its currency is the report's, when its cost is not zero.
      const estimate = way.duration?.possible ? way.duration : undefined;
      keys.duration(estimate?.duration).number(estimate?.cost).text(way.docs).text(way.basis);
    }
    keys.count(capability.singlePointsOfFailure.length);
    for (const factor of capability.singlePointsOfFailure) keys.text(factor.id).text(factor.label);
    keys.numbers(capability.lockoutSetCounts);
    keys.count(this.setsKey(capability.lockoutSets));
    keys.numbers(capability.lockoutSetsAfterDeadline);
    keys.count(this.fastestKey(capability.fastest));
    return keys.key();
  }

  /** The key of a list of lockout sets: their sizes and labels, found once per list. */
  private setsKey(sets: readonly (readonly { label: string }[])[]): number {
    let key = this.setsKeys.get(sets);
    if (key === undefined) {
      key = this.setsListKeys.labelLists(sets).key();
      this.setsKeys.set(sets, key);
    }
    return key;
  }

  /** The key of what the fastest way's report is made from: one per estimate, which accounts alike share. */
  private fastestKey(fastest: TimedEstimate): number {
    let key = this.fastestKeys.get(fastest);
    if (key === undefined) {
      const keys = this.estimateKeys;
      keys.flag(fastest.possible).duration(fastest.duration).number(fastest.cost);
      keys.count(fastest.steps.length);
      for (const step of fastest.steps) keys.text(step.label).text(step.kind).duration(step.duration);
      key = keys.key();
      this.fastestKeys.set(fastest, key);
    }
    return key;
  }
}

/** What moves a capability to the better state, from what takes it: its single points, its unknown facts. */
function improvement(
  state: CapabilityState,
  capability: GenericCapabilityResult<CapabilityId | OutsideCapabilityId, unknown>,
  ways: readonly WayReport[],
  unknownFacts: readonly string[],
  fastest: RecoveryReport,
  lostAfter: Day | undefined,
  unconfirmed: ReadonlySet<string>,
): string | undefined {
  // "confirm YubiKey 5C (…) and declare the contact phone number (lockout init)": what is declared but never
  // confirmed is checked and confirmed, what is missing is declared.
  const makeKnown = (facts: readonly string[], where = '(lockout init)'): string => {
    const toConfirm = [...new Set(facts.filter((fact) => unconfirmed.has(fact)).map(factName))];
    const toDeclare = [...new Set(facts.filter((fact) => !unconfirmed.has(fact)).map(factName))];
    return joinWords([
      ...(toConfirm.length > 0
        ? [
            `confirm ${joinWords(toConfirm)} (check ${toConfirm.length === 1 ? 'it' : 'each'}, then write state: ok)`,
          ]
        : []),
      ...(toDeclare.length > 0 ? [`declare ${joinWords(toDeclare)} ${where}`] : []),
    ]);
  };
  switch (state) {
    case 'holds':
      return undefined;
    case 'no-fast-way': {
      const steps = fastest.steps.map((step) => lowerFirst(step.label));
      const slowest = `the fastest way left takes${durationClause(fastest.duration) || ' more than a day'}${steps.length > 0 ? `: ${steps.join(', then ')}` : ''}`;
      const lost = ways.filter((way) => way.status === 'lost');
      // Fast ways that count as lost only for facts Lockout cannot see: declaring them comes first.
      const unseen = lost.filter((way) => way.unknownOnly);
      if (unseen.length > 0) {
        return `${makeKnown(unseen.flatMap((way) => way.unknownFacts))}: until then ${slowest}`;
      }
      // Joined by "or" alone: a way's words may hold a comma ("repairing the contact phone, then …").
      return lost.length > 0
        ? `get back a way that takes less than a day (${lost.map((way) => way.short).join(' or ')}): until then ${slowest}`
        : `add a way that takes less than a day: ${slowest}`;
    }
    case 'unknown':
      return `${makeKnown(unknownFacts, declareWhere(unknownFacts))}: until then it counts as lost`;
    case 'lost-now': {
      if (!fastest.possible) {
        // Ways back that count as lost only for facts Lockout cannot see: declaring them comes first.
        const unseen = ways.filter((way) => way.status === 'lost' && way.unknownOnly);
        if (unseen.length > 0) {
          return `${makeKnown(unseen.flatMap((way) => way.unknownFacts))}: until then no way back is counted`;
        }
        return capability.capability === 'keep-bill-paid'
          ? 'no way back remains: ask AWS Support for a hold on suspension'
          : 'no way back remains';
      }
      const steps = fastest.steps.map((step) => lowerFirst(step.label));
      return `get it back in${durationClause(fastest.duration) || ' time'}: ${steps.length > 0 ? steps.join(', then ') : 'exercise it again'}`;
    }
    case 'lost-after':
      return `get the bill paid before ${lostAfter ?? 'the suspension date'}: after it, the account is suspended and this is lost`;
    case 'one-loss-away': {
      const points = capability.singlePointsOfFailure.map((factor) => factor.label);
      const which = points.length === 1 ? `losing ${points[0]!}` : `any one of ${joinWords(points, 'or')}`;
      return `${oneLossAdvice[capability.capability]}, so that ${which} alone no longer takes it`;
    }
  }
}

/** How many actions "Do first" lists. */
const DO_FIRST = 5;

/**
 * The few actions that remove the most risk across every account: getting back what is lost now, paying
 * before a suspension date, declaring the facts Lockout cannot see, then removing the single points of
 * failure; each with the accounts and capabilities it moves, the same action for many accounts said once.
 */
function doFirst(accounts: readonly AccountReport[]): DoFirstAction[] {
  interface Entry {
    action: DoFirstAction;
    accounts: Set<string>;
    capabilities: Set<string>;
    say: (labels: string) => string;
  }
  const actions = new Map<string, Entry>();
  // The actions a capability's report calls for, found once for every account that shares it.
  const actionsOf = new Map<CapabilityReport, Entry[]>();
  const calledFor = (capability: CapabilityReport): Entry[] => {
    const entries: Entry[] = [];
    const add = (key: string, from: CapabilityState, say: (capabilities: string) => string): void => {
      let entry = actions.get(key);
      if (!entry) {
        entry = {
          action: { action: '', from, accounts: 0, capabilities: 0 },
          accounts: new Set(),
          capabilities: new Set(),
          say,
        };
        actions.set(key, entry);
      }
      entry.capabilities.add(lowerFirst(capability.label));
      entries.push(entry);
    };
    const improve = capability.improve ?? '';
    switch (capability.state) {
      case 'lost-now':
      case 'no-fast-way':
      case 'lost-after':
        add(
          `${capability.state} ${capability.id} ${improve}`,
          capability.state,
          () => `${capability.label}: ${improve}`,
        );
        break;
      case 'unknown':
        for (const fact of new Set(capability.unknownFacts.map(factName))) {
          add(
            `unknown ${fact}`,
            'unknown',
            (labels) =>
              `Declare ${fact} ${declareWhere([fact])}: until then ${labels} count${labels.includes(' and ') ? '' : 's'} as lost`,
          );
        }
        break;
      case 'one-loss-away':
        for (const factor of capability.singlePointsOfFailure) {
          add(
            `spof ${factor.id}`,
            'one-loss-away',
            (labels) =>
              `Make ${factor.label} no longer a single point of failure: give ${labels} a way that does not need it`,
          );
        }
        break;
      case 'holds':
        break;
    }
    return entries;
  };
  for (const account of accounts) {
    for (const capability of account.capabilities) {
      let entries = actionsOf.get(capability);
      if (entries === undefined) actionsOf.set(capability, (entries = calledFor(capability)));
      for (const entry of entries) {
        entry.action.capabilities += 1;
        entry.accounts.add(account.id);
      }
    }
  }
  for (const entry of actions.values()) {
    entry.action.accounts = entry.accounts.size;
    entry.action.action = entry.say(joinWords([...entry.capabilities]));
  }
  const urgency: CapabilityState[] = ['lost-now', 'lost-after', 'no-fast-way', 'unknown', 'one-loss-away'];
  return [...actions.values()]
    .map((entry) => entry.action)
    .sort(
      (a, b) =>
        urgency.indexOf(a.from) - urgency.indexOf(b.from) ||
        b.capabilities - a.capabilities ||
        b.accounts - a.accounts,
    )
    .slice(0, DO_FIRST);
}

/** For a capability one loss away: the kind of second, independent way that removes its single points. */
const oneLossAdvice: Record<CapabilityId | OutsideCapabilityId, string> = {
  'root-sign-in':
    "add a second way in: a second MFA device held by someone else or kept elsewhere, root's password in a second place",
  'change-payment-method':
    'let a principal other than root change the payment method (IAM access to billing activated, payments permissions)',
  'keep-bill-paid': 'add a second card from another bank, and a principal other than root who may pay',
  'receive-billing-notices': "add a billing alternate contact on another mailbox and mail domain than root's",
  'hear-about-trouble':
    'add a second alert channel (watch.channels) that goes through nothing the first does: another mail provider, a Slack workspace, an SNS topic in another account',
  administer:
    'add a second admin or owner held by another person, whose sign-in goes through nothing the first one does (a second super admin, Global Administrator or organisation owner), and emergency access accounts where the provider has them',
  'sign-in':
    'add a second step and a recovery option that go through nothing the first does: a security key or backup codes kept elsewhere, a recovery e-mail at another provider',
};

function recoveryReport(
  estimate: RecoveryEstimate,
  deadlineHours: number | undefined,
  currency: string | undefined,
): RecoveryReport {
  const report: RecoveryReport = {
    possible: estimate.possible,
    duration: estimate.duration,
    cost: estimate.cost,
    ...(estimate.cost > 0 && currency !== undefined ? { currency } : {}),
    steps: inTheOrderDone(estimate.steps).map((step) => ({
      label: step.label,
      kind: step.kind,
      duration: step.duration,
    })),
  };
  if (deadlineHours !== undefined && estimate.possible) {
    report.slack = {
      min: deadlineHours - estimate.duration.max,
      typical: deadlineHours - estimate.duration.typical,
      max: deadlineHours - estimate.duration.min,
    };
  }
  return report;
}

/**
 * The steps of a way back in an order they can be done: each after the steps it waits for (RecoveryTimes lists
 * them slowest first), the rest as listed.
 */
function inTheOrderDone(steps: readonly RecoveryStep[]): RecoveryStep[] {
  const byName = new Map(steps.map((step) => [step.name, step]));
  const placed = new Set<string>();
  const ordered: RecoveryStep[] = [];
  const place = (step: RecoveryStep, path: Set<string>): void => {
    if (placed.has(step.name) || path.has(step.name)) return;
    path.add(step.name);
    for (const before of step.after) {
      const waitedFor = byName.get(before);
      if (waitedFor !== undefined) place(waitedFor, path);
    }
    placed.add(step.name);
    ordered.push(step);
  };
  for (const step of steps) place(step, new Set());
  return ordered;
}

/**
 * The statements an owner needs first: what is gone, what is left and how slow it is, and the deadline. Each is
 * worded by its cause: what is known lost is said as lost (and an emergency when nothing is left), what only
 * counts as lost because Lockout cannot see a fact says which fact to declare, never an emergency.
 */
function tellStory(
  account: AccountReport,
  deadline: Day | undefined,
  lateForKnown: (capability: CapabilityReport) => boolean,
): string[] {
  const story: string[] = [];
  const capability = (id: CapabilityId): CapabilityReport | undefined =>
    account.capabilities.find((c) => c.id === id);

  const root = capability('root-sign-in');
  if (root) {
    const held = root.ways.filter((way) => way.status !== 'lost');
    const fast = held.filter((way) => (way.duration?.typical ?? Infinity) < FAST_HOURS);
    const lost = root.ways.filter((way) => way.status === 'lost');
    if (root.status === 'lost' && !root.confirmed) {
      story.push(`${cannotSee(root.unknownFacts)}. Until then, signing in as root counts as lost.`);
    } else if (root.status === 'lost') {
      story.push(`Root sign-in is lost: ${describeLostWays(lost)}.`);
    } else if (fast.length === 0) {
      // Ways that count as lost only through unknown facts: declaring those facts is the first answer.
      const unseen = lost.filter((way) => way.unknownOnly);
      story.push(
        unseen.length > 0
          ? `${cannotSee(unseen.flatMap((way) => way.unknownFacts))}. Until then, no fast way to sign in as root is counted: ${describeLostWays(lost)}.`
          : `No fast way to sign in as root remains: ${describeLostWays(lost)}.`,
      );
      const fastest = [...held].sort(
        (x, y) => (x.duration?.typical ?? Infinity) - (y.duration?.typical ?? Infinity),
      )[0];
      if (fastest) {
        story.push(
          `The fastest remaining way is ${lowerFirst(fastest.label)}:${durationClause(root.fastest.duration)}.`,
        );
      }
    }
  }

  const pay = capability('change-payment-method');
  const delegated = pay?.ways.find((way) => way.id === 'delegated');
  if (pay && delegated?.status === 'lost' && pay.status !== 'lost') {
    story.push(
      delegated.unknownOnly
        ? `${cannotSee(delegated.unknownFacts)}. Until then, only root counts as able to change the payment method.`
        : `Changing the payment method needs root: ${joinWords(delegated.lostBecause.map(lowerFirst)) || 'no one else may pay'}.`,
    );
  }

  const bill = capability('keep-bill-paid');
  const onFile = bill?.ways.find((way) => way.id === 'card-on-file');
  if (bill && onFile?.status === 'lost') {
    // The bill is known unpaid only when the card on file is known lost: only then is anything urgent.
    const unpaid = !onFile.unknownOnly;
    story.push(
      unpaid
        ? `No valid card on file (${onFile.lostBecause.join(', ')}): the next charge fails.`
        : `${cannotSee(onFile.unknownFacts)}. Until then, the next charge counts as failing, never as safe.`,
    );
    const waysBack = bill.ways.filter((way) => way !== onFile);
    const waysBackUnseen = waysBack.filter((way) => way.status === 'lost' && way.unknownOnly);
    if (bill.fastest.possible) {
      const steps = bill.fastest.steps
        .filter((step) => step.kind === 'process')
        .map((step) => lowerFirst(step.label));
      story.push(
        `The bill can be paid again in${durationClause(bill.fastest.duration)}: ${steps.join(', then ')}.`,
      );
      const slack = bill.fastest.slack;
      if (deadline && slack) {
        if (slack.typical >= 0) {
          story.push(
            `Against the deadline of ${deadline}: ${formatHours(slack.typical)} to spare in the typical case, ${slack.min >= 0 ? `${formatHours(slack.min)} in the worst` : `${formatHours(-slack.min)} late in the worst`}.`,
          );
        } else if (unpaid && lateForKnown(bill)) {
          story.push(
            `That ends after the deadline of ${deadline}: ${formatHours(-slack.typical)} late in the typical case — ask AWS Support for a hold on suspension now.`,
          );
        } else {
          story.push(
            `${cannotSee(unseenBelow(account))}. Counted as lost, ${new Set(unseenBelow(account).map(factName)).size === 1 ? 'it makes' : 'they make'} paying again end ${formatHours(-slack.typical)} after the deadline of ${deadline} in the typical case; declared and working, it would end in time.`,
          );
        }
      }
    } else if (unpaid && waysBackUnseen.length === 0) {
      story.push('No way to pay again remains: ask AWS Support for a hold on suspension now.');
    } else if (waysBackUnseen.length > 0) {
      story.push(
        `${cannotSee(waysBackUnseen.flatMap((way) => way.unknownFacts))}. Until then, no way to pay again is counted.`,
      );
    } else {
      story.push(`No way to pay again is left if the next charge fails: ${describeLostWays(waysBack)}.`);
    }
  }
  return story;
}

/** "unknown: Lockout cannot see root MFA devices and a valid photo ID — declare them (lockout init)". */
function cannotSee(labels: readonly string[]): string {
  const facts = [...new Set(labels.map(factName))];
  return `unknown: Lockout cannot see ${joinWords(facts) || 'some facts'} — declare ${facts.length === 1 ? 'it' : 'them'} (lockout init)`;
}

/**
 * Where facts Lockout cannot see are declared: an alert channel in the inventory's watch section, which
 * lockout watch then sends through; anything else with lockout init's help.
 */
function declareWhere(facts: readonly string[]): string {
  const channel = factName(noAlertChannelLabel);
  return facts.length > 0 && facts.every((fact) => factName(fact) === channel)
    ? '(watch.channels) and run lockout watch'
    : '(lockout init)';
}

/** An unknown fact's label as words in a sentence: "A valid photo ID (none declared)" → "a valid photo ID". */
function factName(label: string): string {
  return lowerFirst(label.replace(/\s*\((?:not|none) declared\)$/, ''));
}

/** Every fact Lockout cannot see that some capability of the account counts as lost, in order. */
function unseenBelow(account: AccountReport): string[] {
  return account.capabilities.flatMap((capability) => capability.ways.flatMap((way) => way.unknownFacts));
}

function describeLostWays(ways: WayReport[]): string {
  if (ways.length === 0) return 'no way in was declared';
  return ways
    .map(
      (way) =>
        `${way.short} is lost (${way.unknownOnly ? 'unknown: ' : ''}${way.lostBecause.join(', ') || 'what it needs is'})`,
    )
    .join('; ');
}

function durationClause(duration: DurationRange): string {
  if (!Number.isFinite(duration.typical)) return '';
  return ` about ${formatHours(duration.typical)} (${formatHours(duration.min)} to ${formatHours(duration.max)})`;
}

/** Hours as the largest sensible unit: "15 min", "6 h", "9 days". */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return 'never';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = hours / 24;
  return `${Number.isInteger(Math.round(days * 10) / 10) ? Math.round(days) : (Math.round(days * 10) / 10).toFixed(1)} days`;
}
