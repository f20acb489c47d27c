/**
 * The dashboard's judgement of every capability under a scenario (factors marked lost, factors restored),
 * in one colour per meaning: RED when the capability is lost or no way back within a day remains ("locked
 * out for now"), AMBER when a fast way holds but a single loss would leave none, GREEN otherwise. Each
 * capability comes with its ways, single points of failure, lockout sets and the fastest way back laid out as
 * a timeline against the deadline.
 */

import { firstNamed, lowerFirst } from '../model/words.js';
import { gatesAboveOf, ReachableNodes } from '../analysis/adjacency.js';
import { GraphAnalysis, type TopStatus } from '../analysis/analyze.js';
import { checkedStructure, stronglyConnectedGates, type GraphStructure } from '../analysis/compile.js';
import {
  FaultGraph,
  GraphError,
  type DurationRange,
  type GateKind,
  type Input,
  type NodeRef,
} from '../analysis/graph.js';
import {
  fastestHours,
  RecoveryTimes,
  type RecoveryEstimate,
  type RecoveryStep,
} from '../analysis/recovery-time.js';
import { SlowingLosses, slowingLossesApply, TooDeep } from '../analysis/slowing-losses.js';
import { daysBetween } from '../model/factor-state.js';
import { outsideAccountLabel, type Account, type Day, type OutsideAccount } from '../model/inventory.js';
import { dayProblem } from '../plan/time.js';
import type { CapabilityId, FactorRef } from '../providers/aws/analysis.js';
import type { RecoveryGraph } from '../providers/aws/recovery-graph.js';
import { standingWay, type CapabilityGate } from '../recovery/builder.js';
import type { OutsideCapabilityId } from '../recovery/provider.js';
import { ConeEvaluator } from '../analysis/lost-under.js';
import { addDays } from '../checks/dates.js';
import { capabilityState, FAST_HOURS, stateLabel, type CapabilityState } from '../report/capability-state.js';
import { formatHours } from '../report/check-report.js';
import { scheduleRecovery, type TimelineStep } from './timeline.js';
import { unknownEvents } from '../recovery/unknown.js';
import { providerOfAccount, type ProviderGroup, type ProviderRef } from './providers.js';

/** Answers kept by SituationModel.evaluate: each is large at Organization scale (hundreds of MiB at 10,000). */
const RECENT_SCENARIOS = 3;

/** Lockout sets are listed up to this size, as in the check report. */
const LIMIT_ORDER = 6;
const SET_LIMIT = 10;

export type Colour = 'red' | 'amber' | 'green';

export interface Scenario {
  /** Events (factor ids, or account facts) to treat as lost on top of what is lost already. */
  lost: readonly string[];
  /** Events lost already (declared lost, outdated, unknown) to treat as restored. */
  restored: readonly string[];
  deadline?: Day | undefined;
}

export interface WayView {
  id: string;
  label: string;
  short: string;
  status: TopStatus;
  /** Holds and typically takes less than a day. */
  fast: boolean;
  /** How long exercising (or getting back) this way takes. */
  duration?: DurationRange | undefined;
  cost?: number | undefined;
  docs?: string | undefined;
}

export interface RecoveryView {
  possible: boolean;
  duration: DurationRange;
  cost: number;
  /** Hours to spare before the deadline (negative: late), for the best, typical and worst cases. */
  slack?: DurationRange | undefined;
  steps: TimelineStep[];
}

export interface CapabilityView {
  /** The capability's gate in the recovery graph: unique across accounts. */
  id: string;
  accountId: string;
  accountName: string;
  /** The provider of its account (`aws`, `google`…): the situation's `providers` names it. */
  provider: string;
  capability: CapabilityId | OutsideCapabilityId;
  label: string;
  status: TopStatus;
  colour: Colour;
  /**
   * The colour's meaning in words, for those who cannot see it: "LOCKED OUT FOR NOW", "ONE LOSS AWAY", "ONE LOSS
   * FROM NO FAST WAY"…
   */
  verdict: string;
  /** Where it stands, in the words and colours of every report (src/report/capability-state.ts). */
  state: CapabilityState;
  /** The state in words: "lost now", "lost after 2022-06-30", "one loss away"… */
  stateLabel: string;
  /** One line: "Sign in as root — LOCKED OUT FOR NOW: only identity verification, ~9 days". */
  headline: string;
  ways: WayView[];
  /** Factors whose loss alone takes the capability. */
  singlePointsOfFailure: FactorRef[];
  /**
   * Factors whose loss alone leaves no way back within a day (a superset of the above); for a capability with
   * none within a day already, none if it holds, and if it is lost those whose loss leaves no way back at all.
   */
  fastSinglePoints: FactorRef[];
  lockoutSetCounts: number[];
  lockoutSets: FactorRef[][];
  /** The fastest way to exercise the capability now, or to get it back when lost. */
  fastest: RecoveryView;
}

/**
 * A capability's view without its lockout sets, as a summary sends it: the what-if page draws none of them (an
 * account's details carry them), and they were half of a click's answer at 10,000 accounts.
 */
export type CapabilityBrief = Omit<CapabilityView, 'lockoutSetCounts' | 'lockoutSets'>;

/** The view without its lockout sets, copied field by field: reading them would find sets nobody reads. */
export function briefOf(view: CapabilityView): CapabilityBrief {
  return {
    id: view.id,
    accountId: view.accountId,
    accountName: view.accountName,
    provider: view.provider,
    capability: view.capability,
    label: view.label,
    status: view.status,
    colour: view.colour,
    verdict: view.verdict,
    state: view.state,
    stateLabel: view.stateLabel,
    headline: view.headline,
    ways: view.ways,
    singlePointsOfFailure: view.singlePointsOfFailure,
    fastSinglePoints: view.fastSinglePoints,
    fastest: view.fastest,
  };
}

export interface EventView {
  id: string;
  label: string;
  /** A factor the owner holds, or a fact about an account (a setting, something not declared). */
  kind: 'factor' | 'fact';
  accountId?: string | undefined;
  /** Lost before any what-if: declared lost, outdated, expired, unknown. */
  lostNow: boolean;
  lostBecause?: string | undefined;
  /** Lost in this scenario. */
  lost: boolean;
  /** What the scenario changed about it. */
  change?: 'lost' | 'restored' | undefined;
  /** How long replacing it takes, when it can be replaced. */
  restore?: DurationRange | undefined;
  /** Capabilities (ids) for which it is a single point of failure in this scenario. */
  singlePointOf: string[];
}

export interface SituationView {
  asOf: Day;
  deadline?: Day | undefined;
  deadlineHours?: number | undefined;
  lost: string[];
  restored: string[];
  /** The providers of the accounts, AWS first, each with its display name and how many accounts are at it. */
  providers: ProviderGroup[];
  capabilities: CapabilityView[];
  events: EventView[];
  /** Status of every gate of the recovery graph, by name, for pictures of the graph. */
  gates: Record<string, TopStatus>;
}

/** A capability of the recovery graph: an AWS account's, or an outside account's. */
type SituationCapability = CapabilityGate<CapabilityId | OutsideCapabilityId, Account | OutsideAccount>;

/** What a way's view says that depends on the scenario (its names are the capability's own). */
type WayJudgement = Pick<WayView, 'status' | 'fast' | 'duration' | 'cost'>;

/** What a capability's view says that depends on the scenario: the rest is its names (see viewOf). */
interface Judgement extends Pick<
  CapabilityView,
  | 'status'
  | 'colour'
  | 'state'
  | 'stateLabel'
  | 'singlePointsOfFailure'
  | 'fastSinglePoints'
  | 'lockoutSetCounts'
  | 'lockoutSets'
  | 'fastest'
> {
  ways: readonly WayJudgement[];
}

/** The providers of these capabilities' accounts (`providers`: each one's), in order, with their accounts. */
function providerGroupsOf(
  capabilities: readonly SituationCapability[],
  providers: readonly ProviderRef[],
): ProviderGroup[] {
  const groups = new Map<string, { group: ProviderGroup; accounts: Set<string> }>();
  capabilities.forEach((capability, position) => {
    const provider = providers[position]!;
    let known = groups.get(provider.id);
    if (!known) {
      known = { group: { ...provider, accounts: 0 }, accounts: new Set() };
      groups.set(provider.id, known);
    }
    known.accounts.add(capability.account.id);
  });
  return [...groups.values()].map(({ group, accounts }) => ({ ...group, accounts: accounts.size }));
}

/** Raised for a scenario naming events the graph does not have. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

/** Evaluates scenarios over one recovery graph; what does not depend on the scenario is computed once. */
export class SituationModel {
  readonly recovery: RecoveryGraph;
  readonly asOf: Day;
  /** The AWS accounts' capabilities, then the outside accounts' (as the graph's report lists them). */
  private readonly capabilities: readonly SituationCapability[];
  /** Per capability: the provider of its account. */
  private readonly providers: readonly ProviderRef[];
  /** The providers of the capabilities' accounts, AWS first, with how many accounts each. */
  private readonly providerGroups: readonly ProviderGroup[];
  private readonly recent = new Map<string, SituationView>();
  private readonly recentScenarios: number;
  private readonly graph: FaultGraph;
  /** Per capability (same order as `capabilities`), the events it depends on: coneEvents from coneStart. */
  private readonly coneStart: Int32Array;
  private readonly coneEvents: Int32Array;
  /**
   * Per capability, the events below each of its ways: only fast single points tried loss by loss read them
   * (a graph SlowingLosses does not apply to), and 100,000 sets were a tenth of an Organization's heap.
   */
  private get wayCones(): Set<number>[][] {
    return (this.wayConesCache ??= this.capabilities.map((capability) =>
      capability.ways.map((way) => eventsBelow(this.graph, way.gate)),
    ));
  }

  private wayConesCache: Set<number>[][] | undefined;
  /** Per capability: its gate, and its ways' (found once: scenarios look them up thousands of times). */
  private readonly capabilityRefs: NodeRef[];
  private readonly wayRefs: NodeRef[][];
  /** The graph's gates on a cycle, for every RecoveryTimes of every scenario. */
  private readonly cyclic: Uint8Array;
  /** The components of the graph's gates, for every analysis of every scenario (see checkedStructure). */
  private readonly structure: GraphStructure;
  private checkedCache: GraphStructure | undefined;
  /** 1 for the events lost as things stand (declared lost, outdated, unknown), by index. */
  private readonly recordedLosses: Uint8Array;
  /** Gates above each node (gates first, then events at gates.length + index), for the cone of one loss. */
  private readonly gatesAbove: ReachableNodes;
  /** 1 for the gates above the single loss being tried (see fastSinglePoints). */
  private readonly changedGates: Uint8Array;
  /**
   * No gate negates: a gate is then lost with one more event exactly when it is lost already or that event is
   * one of its single points of failure, so no compile is needed per event tried.
   */
  private readonly coherent: boolean;
  /** Whether fast single points are found for every loss at once (SlowingLosses), not loss by loss. */
  private readonly slowingApplies: boolean;
  /** Each event as views name it, made once and shared (frozen) by every view: scenarios list millions. */
  private readonly factorRefs: (FactorRef | undefined)[] = [];
  private readonly reuse: boolean;
  /**
   * The situation as things stand, per deadline: a scenario evaluates again only the capabilities whose cone
   * holds an event it changes, and takes every other capability's view (and gate's status) from here.
   */
  private readonly standing = new Map<string, Standing>();
  /** A scenario changing at least this many capabilities evaluates one of each shape (see shareAlike). */
  private readonly shareFrom: number;
  /** Per capability: its shape, found the first time a scenario shares evaluations (see shapeOf). */
  private readonly shapes: (Shape | undefined)[];
  private readonly shapeIds = new Map<string, number>();
  /**
   * What the last scenario evaluated afresh cost: the capabilities it changed, and how many of them were
   * evaluated (the rest took the view of a capability alike in shape, with their own names).
   */
  lastEvaluation = { changed: 0, evaluated: 0 };

  /**
   * `recentScenarios`: how many answers evaluate() keeps (0: none, as the benchmark measures each one).
   * `reuse`: false evaluates every scenario from scratch, every capability again (what reuse is tested against).
   * `shareFrom`: from how many changed capabilities a scenario evaluates one capability per shape (Infinity:
   * never).
   */
  constructor(
    recovery: RecoveryGraph,
    asOf: Day,
    options: {
      recentScenarios?: number;
      reuse?: boolean;
      shareFrom?: number;
    } = {},
  ) {
    this.recovery = recovery;
    this.asOf = asOf;
    this.recentScenarios = options.recentScenarios ?? RECENT_SCENARIOS;
    this.reuse = options.reuse ?? true;
    this.shareFrom = options.shareFrom ?? SHARE_FROM;
    this.graph = recovery.graph;
    const graph = this.graph;
    this.capabilities = [...recovery.capabilities, ...(recovery.outsideCapabilities ?? [])];
    this.providers = this.capabilities.map((capability, position) =>
      providerOfAccount(capability.account, position >= recovery.capabilities.length),
    );
    this.providerGroups = providerGroupsOf(this.capabilities, this.providers);
    // Filled in any order: sized (and holding no hole) up front, or V8 keeps it as a slow dictionary.
    this.shapes = new Array<Shape | undefined>(this.capabilities.length).fill(undefined);
    // One list for all cones, each ascending, in position order (a typed array each was 50,000 more objects for
    // every major collection to mark).
    const coneStart = new Int32Array(this.capabilities.length + 1);
    const coneEvents: number[] = [];
    this.capabilities.forEach((capability, position) => {
      const cone = [...eventsBelow(graph, capability.gate)].sort((a, b) => a - b);
      for (const event of cone) coneEvents.push(event);
      coneStart[position + 1] = coneEvents.length;
    });
    this.coneStart = coneStart;
    this.coneEvents = Int32Array.from(coneEvents);
    this.capabilityRefs = this.capabilities.map((capability) => findNode(graph, capability.gate));
    this.wayRefs = this.capabilities.map((capability) =>
      capability.ways.map((way) => findNode(graph, way.gate)),
    );
    this.structure = stronglyConnectedGates(graph);
    this.cyclic = this.structure.cyclic;
    this.recordedLosses = Uint8Array.from(graph.events, (event) => (event.lost ? 1 : 0));
    this.gatesAbove = new ReachableNodes(gatesAboveOf(graph));
    this.changedGates = new Uint8Array(graph.gates.length);
    this.coherent = graph.gates.every((gate) => COHERENT_KINDS.has(gate.kind));
    this.slowingApplies = slowingLossesApply(graph);
  }

  /**
   * Per event: the capabilities (positions) whose views read it, ascending. Found when a scenario is first
   * evaluated against the situation as things stand: the models of a part, evaluated once, never ask.
   */
  private capabilitiesOver(): Int32Array[] {
    if (this.capabilitiesOverCache === undefined) {
      const graph = this.graph;
      // A view reads its gate, its ways and its normal state's way, which need not lie below its gate.
      const reads = this.capabilities.map((capability, position) => {
        const events = new Set<number>(this.coneOf(position));
        for (const way of capability.ways)
          for (const event of eventsBelow(graph, way.gate)) events.add(event);
        const standing = standingWay(this.capabilities, capability);
        if (standing) for (const event of eventsBelow(graph, standing.gate)) events.add(event);
        return Int32Array.from(events);
      });
      this.capabilitiesOverCache = invert(reads, graph.events.length);
    }
    return this.capabilitiesOverCache;
  }

  private capabilitiesOverCache: Int32Array[] | undefined;

  /** The events the capability at `position` depends on, ascending (a view of one list: read, never change). */
  private coneOf(position: number): Int32Array {
    return this.coneEvents.subarray(this.coneStart[position], this.coneStart[position + 1]);
  }

  /**
   * The situation under a scenario. The last few answers are kept: a page load asks for the same scenario twice
   * (what-if and graph), and a factor toggled off again returns to the scenario before, which at 10,000
   * accounts would otherwise take seconds each. Views are shared between answers and never changed.
   */
  evaluate(scenario: Scenario): SituationView {
    // The same check as every date option: a deadline of 2022-02-30 would otherwise count as March 2nd.
    const problem = scenario.deadline === undefined ? undefined : dayProblem(scenario.deadline);
    if (problem !== undefined) throw new ScenarioError(`deadline ${scenario.deadline}: ${problem}`);
    const key = JSON.stringify([scenario.lost, scenario.restored, scenario.deadline ?? null]);
    const known = this.recent.get(key);
    if (known) {
      // Most recently used last.
      this.recent.delete(key);
      this.recent.set(key, known);
      return known;
    }
    const view = this.evaluateAfresh(scenario);
    this.recent.set(key, view);
    if (this.recent.size > this.recentScenarios) this.recent.delete(this.recent.keys().next().value!);
    return view;
  }

  private evaluateAfresh(scenario: Scenario): SituationView {
    const graph = this.graph;
    const unknown = [...scenario.lost, ...scenario.restored].filter((name) => !graph.findEvent(name));
    if (unknown.length > 0) {
      throw new ScenarioError(`no factor or fact named ${unknown.map((name) => `"${name}"`).join(', ')}`);
    }
    // What is lost as things stand, then the scenario's changes: a loss it also restores stays lost.
    const lost = this.recordedLosses.slice();
    for (const name of scenario.restored) lost[graph.findEvent(name)!.index] = 0;
    for (const name of scenario.lost) lost[graph.findEvent(name)!.index] = 1;
    const deadlineHours =
      scenario.deadline === undefined ? undefined : daysBetween(this.asOf, scenario.deadline) * 24;
    const everyCapability = (): number[] => this.capabilities.map((_, position) => position);

    let capabilities: CapabilityView[];
    let states: readonly CapabilityState[] | undefined;
    let changedPositions: readonly number[] | undefined;
    let gates: Record<string, TopStatus>;
    let lazyGates: (() => Record<string, TopStatus>) | undefined;
    let events: EventView[] | undefined;
    const before = this.reuse ? this.standingFor(deadlineHours) : undefined;
    if (!before) {
      const fresh = this.capabilityViews(everyCapability(), lost, deadlineHours);
      this.lastEvaluation = { changed: fresh.views.length, evaluated: fresh.views.length };
      capabilities = fresh.views;
      gates = {};
      for (const gate of graph.gates) {
        if (gate.defined) gates[gate.name] = fresh.gateStatus(gate.index);
      }
    } else {
      // Only what lies above an event the scenario changes can differ from the situation as things stand.
      const changed: number[] = [];
      for (let event = 0; event < lost.length; event++)
        if (lost[event] !== before.lost[event]) changed.push(event);
      // Marked, then listed in order: a factor every account shares touches tens of thousands.
      const touched = new Uint8Array(this.capabilities.length);
      const over = this.capabilitiesOver();
      for (let at = 0; at < changed.length; at++) {
        // Indexed: run once per click over thousands, for-of's iterator results were allocated (not optimised).
        const ofEvent = over[changed[at]!]!;
        for (let i = 0; i < ofEvent.length; i++) touched[ofEvent[i]!] = 1;
      }
      const positions: number[] = [];
      for (let position = 0; position < touched.length; position++)
        if (touched[position]) positions.push(position);
      capabilities = [...before.capabilities];
      states = before.states;
      gates = before.gates;
      // Shared views, but an array of its own: a view's lists are never changed, an answer's may be.
      events = [...before.events];
      // An event under no capability still changes the gates above it, which the graph's picture colours.
      if (changed.length > 0) {
        // The gates above the changes: for a factor every account shares, most of the graph, which only the
        // graph's picture reads (see lazyGates).
        let aboveFound: Int32Array | undefined;
        const above = (): Int32Array =>
          (aboveFound ??= this.gatesAbove.from(changed.map((event) => graph.gates.length + event)).slice());
        // A factor many accounts share changes many capabilities alike in shape: one of each is evaluated.
        const shared = positions.length >= this.shareFrom;
        const newStates = before.states.slice();
        states = newStates;
        let fresh: { gateStatus?: (gate: number) => TopStatus } = {};
        let fastSinglesOf: (at: number) => readonly number[];
        if (shared) {
          // The views of the alike are made when first read: a summary reads a few hundred of 40,000.
          const alike = this.shareAlike(positions, lost, scenario.deadline);
          const pending = new Int32Array(capabilities.length);
          for (let i = 0; i < positions.length; i++) {
            const position = positions[i]!;
            const made = alike.views[i];
            if (made) capabilities[position] = made;
            else pending[position] = i + 1;
            newStates[position] = alike.states[i]!;
          }
          capabilities = madeWhenRead(capabilities, pending, alike.make);
          fastSinglesOf = alike.fastSinglesOf;
        } else {
          const part = this.evaluatePart(positions, above(), lost, scenario.deadline);
          fresh = part;
          positions.forEach((position, i) => {
            capabilities[position] = part.views[i]!;
            newStates[position] = part.views[i]!.state;
          });
          fastSinglesOf = (at) => part.views[at]!.fastSinglePoints.map((factor) => this.eventIndex(factor));
        }
        this.eventViewsAfter(events, before, changed, positions, lost, fastSinglesOf);
        const statusOf = (gateStatus: (gate: number) => TopStatus): Map<string, TopStatus> => {
          const statuses = new Map<string, TopStatus>();
          for (const index of above()) {
            const gate = graph.gates[index]!;
            if (gate.defined) statuses.set(gate.name, gateStatus(index));
          }
          return statuses;
        };
        // The gates above a shared factor are most of the graph: their status is found only when read.
        const changedGates = fresh.gateStatus ? statusOf(fresh.gateStatus) : undefined;
        const deadline = scenario.deadline;
        // Copying the status of every gate (113,000 at 10,000 accounts) took most of a click: only the graph's
        // picture reads them, so they are copied when first read.
        lazyGates = (): Record<string, TopStatus> => {
          const all = { ...before.gates };
          const statuses =
            changedGates ?? statusOf(this.evaluatePart([], above(), lost, deadline).gateStatus);
          for (const [name, status] of statuses) all[name] = status;
          return all;
        };
      }
      changedPositions = positions;
      this.lastEvaluation = {
        changed: positions.length,
        evaluated: positions.length >= this.shareFrom ? this.lastShared : positions.length,
      };
    }
    const view: SituationView = {
      asOf: this.asOf,
      deadline: scenario.deadline,
      deadlineHours,
      lost: scenario.lost.filter((name) => !graph.findEvent(name)!.lost),
      restored: scenario.restored.filter((name) => graph.findEvent(name)!.lost),
      providers: this.providerGroups.slice(),
      capabilities,
      events: events ?? this.eventViews(lost, capabilities),
      gates,
    };
    judged.set(view, {
      accountIds: this.accountIds,
      providers: this.providerIds,
      states: states ?? capabilities.map((capability) => capability.state),
      changed: changedPositions,
    });
    if (lazyGates) {
      const build = lazyGates;
      Object.defineProperty(view, 'gates', {
        enumerable: true,
        configurable: true,
        get: () => {
          const built = build();
          Object.defineProperty(view, 'gates', { value: built, enumerable: true });
          return built;
        },
      });
    }
    return view;
  }

  /**
   * The views of the capabilities at these positions and the status of these gates, from a model of the part
   * of the graph they read: what a click on one account's factor costs is that account's part, not the
   * Organization. The part holds every gate and event below them, so each answers as in the whole graph; its
   * events and gates keep their relative order, so lockout sets and steps are listed alike.
   */
  private evaluatePart(
    positions: readonly number[],
    gates: ArrayLike<number> & Iterable<number>,
    lost: Uint8Array,
    deadline: Day | undefined,
  ): Evaluated {
    const graph = this.graph;
    const all = this.capabilities;
    // Past half of them, the part is most of the graph: evaluating the whole costs less than copying it.
    if (positions.length * 2 > all.length) {
      const deadlineHours = deadline === undefined ? undefined : daysBetween(this.asOf, deadline) * 24;
      return this.capabilityViews(positions, lost, deadlineHours);
    }
    const byGate = this.capabilityByGate;
    // The capabilities whose normal state a member takes from (its payer's), for standingWay in the part.
    const included = new Set<number>();
    for (const position of positions) {
      for (
        let at: number | undefined = position;
        at !== undefined && !included.has(at);
        at = all[at]!.ways.length === 1 ? byGate.get(all[at]!.ways[0]!.gate) : undefined
      ) {
        included.add(at);
      }
    }
    const seeds = [...gates];
    for (const position of included) {
      const gate = this.capabilityRefs[position]!;
      if (gate.type === 'gate') seeds.push(gate.index);
      for (const way of this.wayRefs[position]!) if (way.type === 'gate') seeds.push(way.index);
    }
    const part = partOf(graph, seeds);
    const inPart = [...included].sort((a, b) => a - b);
    // The part's model lists them as this one does: the AWS accounts' first, then the outside accounts'.
    const awsCount = this.recovery.capabilities.length;
    const aws = inPart.filter((position) => position < awsCount);
    const outside = inPart.filter((position) => position >= awsCount);
    const recovery: RecoveryGraph = {
      ...this.recovery,
      graph: part,
      capabilities: aws.map((position) => this.recovery.capabilities[position]!),
      outsideCapabilities: outside.map(
        (position) => this.recovery.outsideCapabilities![position - awsCount]!,
      ),
    };
    const model = new SituationModel(recovery, this.asOf, { recentScenarios: 0, reuse: false });
    const names = (wanted: (event: number) => boolean): string[] =>
      part.events.filter((event) => wanted(graph.findEvent(event.name)!.index)).map((event) => event.name);
    const view = model.evaluate({
      lost: names((event) => lost[event] === 1 && !graph.events[event]!.lost),
      restored: names((event) => lost[event] === 0 && graph.events[event]!.lost),
      deadline,
    });
    // In the order of inPart (two capabilities may share a gate: their ids are not enough).
    const viewAt = new Map(inPart.map((position, i) => [position, view.capabilities[i]!]));
    const views = positions.map((position) => viewAt.get(position)!);
    return {
      views,
      gateStatus: (gate) => view.gates[graph.gates[gate]!.name]!,
    };
  }

  /**
   * The views of the capabilities at these positions (ascending), evaluating one capability of each shape
   * under the scenario: a capability reads only the part of the graph its view reads, so another of the same
   * shape (gates and events alike in kind, annotations, losses and relative order) has the same view with its
   * own names. A factor every account shares changes every account's capabilities: evaluated one by one they
   * took 4-14 s per click at 10,000 accounts.
   */
  private shareAlike(positions: readonly number[], lost: Uint8Array, deadline: Day | undefined): Alike {
    // Each group lists indices into `positions`.
    const groups = new Map<string, number[]>();
    const prefix = `${deadline ?? ''};`;
    // A shape holds its events' recorded losses: capabilities of a shape differ only where the scenario does.
    const differing: number[] = [];
    for (let event = 0; event < lost.length; event++) {
      if (lost[event] !== this.recordedLosses[event]) differing.push(event);
    }
    for (let i = 0; i < positions.length; i++) {
      const key = prefix + this.groupKey(positions[i]!, differing);
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
    // A group judged by one of the last scenarios is judged alike now: a factor added to a scenario changes
    // only the groups whose losses it changes, and a factor taken back out returns them as they were.
    const judged = new Map<string, AlikeModel>();
    const keys = [...groups.keys()];
    const serial = ++this.sharedScenarios;
    // Only models of the last few scenarios: a model taken again keeps the analysis it was judged by alive (for
    // its sets), and one taken again click after click would keep one analysis per click.
    const recentEnough = (model: AlikeModel | undefined): AlikeModel | undefined =>
      model !== undefined && serial - model.born <= this.recentScenarios ? model : undefined;
    const models = keys.map((key) =>
      recentEnough(this.judgedAlike.find((generation) => generation.has(key))?.get(key)),
    );
    const wanted = keys.flatMap((_, g) => (models[g] === undefined ? [g] : []));
    // Positions ascend, so the first of each group do too.
    const firsts = wanted.map((g) => positions[groups.get(keys[g]!)![0]!]!);
    this.lastShared = firsts.length;
    // Lockout sets are found only for the views read: an answer reads a page of accounts, not 2,000 shapes.
    // Evaluated in this model, not in a model of their part: the firsts of 2,000 shapes made a part of 15,000
    // gates, whose copy, model and unread answer cost more than the analysis of their cones here.
    const deadlineHours = deadline === undefined ? undefined : daysBetween(this.asOf, deadline) * 24;
    const fresh = this.judgeCapabilities(firsts, lost, deadlineHours);
    wanted.forEach((g, at) => {
      models[g] = { judgement: fresh.judgements[at]!, from: this.shapeOf(firsts[at]!), born: serial };
    });
    const { start, events } = this.flatShapes;
    const views = new Array<CapabilityView | undefined>(positions.length);
    const states = new Array<CapabilityState>(positions.length);
    // Per capability, its group's fast single points as positions in the shape: one list per group, each
    // capability's events found when read (a list each for 30,000 capabilities outlived the scavenges of a click).
    const localSingles = new Array<readonly number[]>(positions.length);
    const like = new Array<AlikeModel>(positions.length);
    keys.forEach((key, g) => {
      const model = models[g]!;
      judged.set(key, model);
      const { judgement, from } = model;
      const singles = judgement.fastSinglePoints.map((event) => localIndex(from.events, event));
      const members = groups.get(key)!;
      for (let m = 0; m < members.length; m++) {
        const i = members[m]!;
        states[i] = judgement.state;
        localSingles[i] = singles.length === 0 ? NO_EVENTS : singles;
        like[i] = model;
      }
    });
    // Kept for as many scenarios as their answers are: each model keeps the analysis it was judged by, for its sets.
    this.judgedAlike.unshift(judged);
    this.judgedAlike.length = Math.min(this.judgedAlike.length, this.recentScenarios);
    return {
      views,
      states,
      fastSinglesOf: (i) => {
        const locals = localSingles[i]!;
        if (locals.length === 0) return NO_EVENTS;
        const at = start[positions[i]!]!;
        return locals.map((local) => events[at + local]!);
      },
      make: (i) => this.viewAlike(like[i]!, positions[i]!),
    };
  }

  /** The groups the last scenarios judged (see shareAlike), newest first, by deadline and group key. */
  private readonly judgedAlike: Map<string, AlikeModel>[] = [];
  /** How many scenarios shareAlike has judged: a model's `born`. */
  private sharedScenarios = 0;

  private lastShared = 0;

  private eventIndex(factor: FactorRef): number {
    return this.graph.findEvent(factor.id)!.index;
  }

  /** Each capability's account (as `capabilities`), for judgedOf. */
  private get accountIds(): readonly string[] {
    return (this.accountIdsCache ??= this.capabilities.map((capability) => capability.account.id));
  }

  private accountIdsCache: readonly string[] | undefined;

  /** Each capability's provider (as `capabilities`), for judgedOf. */
  private get providerIds(): readonly string[] {
    return (this.providerIdsCache ??= this.providers.map((provider) => provider.id));
  }

  private providerIdsCache: readonly string[] | undefined;

  /**
   * Finds the shape of every capability, which a scenario changing many capabilities otherwise does first
   * (seconds at 10,000 accounts), and which capabilities read each event: for a dashboard to do while it loads.
   */
  prepareShapes(): void {
    // The flat layout finds every capability's shape as it is laid out.
    this.flatShapesCache ??= this.flatShapes;
    this.capabilitiesOver();
  }

  /**
   * Capabilities of one shape whose events are lost alike have the same key: the shape, then the numbers of its
   * events the scenario changes from their recorded losses (few: a click changes one factor, a shape holds
   * dozens of events). Found from the changed events, not by reading every event of the shape.
   */
  private groupKey(position: number, differing: readonly number[]): string {
    const { id, start, events } = this.flatShapes;
    const from = start[position]!;
    const to = start[position + 1]!;
    let key = String(id[position]);
    if (differing.length * 4 < to - from) {
      const locals: number[] = [];
      for (let which = 0; which < differing.length; which++) {
        const at = events.indexOf(differing[which]!, from);
        if (at !== -1 && at < to) locals.push(at - from);
      }
      if (locals.length > 1) locals.sort((a, b) => a - b);
      for (const local of locals) key += `,${local}`;
      return key;
    }
    for (let at = from; at < to; at++) {
      if (inSorted(differing, events[at]!)) key += `,${at - from}`;
    }
    return key;
  }

  /**
   * Every capability's shape id and events, laid out one after another in position order: a click reads them for
   * tens of thousands of capabilities in that order, and a shape object each was a cache miss each.
   */
  private get flatShapes(): { id: Int32Array; start: Int32Array; events: Int32Array } {
    if (this.flatShapesCache) return this.flatShapesCache;
    const count = this.capabilities.length;
    const id = new Int32Array(count);
    const start = new Int32Array(count + 1);
    for (let position = 0; position < count; position++) {
      const shape = this.shapeOf(position);
      id[position] = shape.id;
      start[position + 1] = start[position]! + shape.events.length;
    }
    const events = new Int32Array(start[count]!);
    for (let position = 0; position < count; position++)
      events.set(this.shapeOf(position).events, start[position]);
    return (this.flatShapesCache = { id, start, events });
  }

  private flatShapesCache: { id: Int32Array; start: Int32Array; events: Int32Array } | undefined;

  /**
   * The shape of the part of the graph a capability's view reads (below its gate, its ways and its normal
   * state's way): every gate and event numbered as first met, breadth first, with what the evaluation reads
   * of them (kind, inputs, durations, costs, losses now and to come, unknown facts) and the order of their
   * indices (lockout sets and single points are listed in it). Names and labels are left out: they are the
   * capability's own. Capabilities of one shape get one id.
   */
  private shapeOf(position: number): Shape {
    const known = this.shapes[position];
    if (known) return known;
    const graph = this.graph;
    const unknown = this.unknownEvents;
    const eventAt = new Map<number, number>();
    const gateAt = new Map<number, number>();
    const events: number[] = [];
    const gates: number[] = [];
    const name = (input: Input): string => {
      if (input.type === 'constant') return input.value ? 'T' : 'F';
      const [at, list] = input.type === 'event' ? [eventAt, events] : [gateAt, gates];
      let local = at.get(input.index);
      if (local === undefined) {
        local = list.length;
        at.set(input.index, local);
        list.push(input.index);
      }
      return `${input.type === 'event' ? 'e' : 'g'}${local}`;
    };
    const capability = this.capabilities[position]!;
    const standing = standingWay(this.capabilities, capability);
    const parts = [
      [
        name(this.capabilityRefs[position]!),
        this.wayRefs[position]!.map(name).join(','),
        standing ? name(findNode(graph, standing.gate)) : '-',
      ].join(';'),
    ];
    const range = (duration: DurationRange | undefined): string =>
      duration ? `${duration.min}/${duration.typical}/${duration.max}` : '-';
    for (let i = 0; i < gates.length; i++) {
      const gate = graph.gates[gates[i]!]!;
      parts.push(
        `${gate.kind}|${gate.min}|${range(gate.duration)}|${gate.cost}|${gate.state}|${gate.defined}|${gate.inputs.map(name).join(',')}`,
      );
    }
    for (const index of events) {
      const event = graph.events[index]!;
      parts.push(
        `${range(event.duration)}|${event.cost}|${event.probability}|${event.lost}|${event.onset}|${unknown[index]}`,
      );
    }
    parts.push(ranks(events), ranks(gates));
    const key = parts.join('\n');
    let id = this.shapeIds.get(key);
    if (id === undefined) {
      id = this.shapeIds.size;
      this.shapeIds.set(key, id);
    }
    const shape: Shape = { id, events: Int32Array.from(events), gates: Int32Array.from(gates) };
    this.shapes[position] = shape;
    return shape;
  }

  /**
   * The view of the capability at `position` from the view (and fastest estimate) of one of the same shape
   * under the same losses: the same judgement, with this capability's names, factors and steps.
   */
  private viewAlike(like: AlikeModel, position: number): CapabilityView {
    const { from } = like;
    // The judgement's own view, without its sets: they are renamed from its `sets` when read.
    const { view: model, estimate } = like.judgement.view();
    const graph = this.graph;
    const to = this.shapeOf(position);
    const eventOf = (name: string): number =>
      to.events[localIndex(from.events, graph.findEvent(name)!.index)]!;
    const factor = (ref: FactorRef): FactorRef => this.factorRef(eventOf(ref.id));
    const node = (name: string, type?: NodeRef['type']): { ref: NodeRef; name: string; label: string } => {
      const ref: NodeRef =
        type === 'event'
          ? { type, index: graph.findEvent(name)!.index }
          : type === 'gate'
            ? { type, index: graph.findGate(name)!.index }
            : graph.find(name)!;
      if (ref.type === 'event') {
        const event = graph.events[to.events[localIndex(from.events, ref.index)]!]!;
        return {
          ref: { type: 'event', index: event.index },
          name: event.name,
          label: event.label ?? event.name,
        };
      }
      const gate = graph.gates[to.gates[localIndex(from.gates, ref.index)]!]!;
      return { ref: { type: 'gate', index: gate.index }, name: gate.name, label: gate.label ?? gate.name };
    };
    // As RecoveryTimes lists them: slowest first, then by name (this capability's names).
    const steps = estimate.steps
      .map((step): RecoveryStep => {
        const own = node(step.name, step.ref.type);
        return { ...step, ...own, after: step.after.map((name) => node(name).name) };
      })
      .sort((a, b) => b.duration.typical - a.duration.typical || a.name.localeCompare(b.name));
    const view = this.viewOf(position, {
      status: model.status,
      colour: model.colour,
      state: model.state,
      stateLabel: model.stateLabel,
      ways: model.ways,
      singlePointsOfFailure: model.singlePointsOfFailure.map(factor),
      fastSinglePoints: model.fastSinglePoints.map(factor),
      lockoutSetCounts: NO_COUNTS,
      lockoutSets: NO_SETS,
      fastest: recoveryView({ ...estimate, steps }),
    });
    // A summary reads the sets of one page of accounts, not of the hundreds of changed views it sends.
    return withSetsWhenRead(view, () => {
      const sets = like.judgement.sets();
      return { counts: sets.counts.slice(), sets: sets.sets.map((set) => set.map(factor)) };
    });
  }

  /**
   * The one place a capability's view is made, from its judgement (evaluated, or taken from a capability
   * alike in shape): its names, its ways' names and its provider are the capability's own.
   */
  private viewOf(position: number, judgement: Judgement): CapabilityView {
    const capability = this.capabilities[position]!;
    const provider = this.providers[position]!;
    const account = capability.account;
    const view: CapabilityView = {
      id: capability.gate,
      accountId: account.id,
      accountName: 'provider' in account ? outsideAccountLabel(account) : account.name,
      provider: provider.id,
      capability: capability.capability,
      label: capability.label,
      status: judgement.status,
      colour: judgement.colour,
      verdict: '',
      state: judgement.state,
      stateLabel: judgement.stateLabel,
      headline: '',
      ways: capability.ways.map((way, index): WayView => {
        const judged = judgement.ways[index]!;
        return {
          id: way.id,
          label: way.label,
          short: way.short,
          status: judged.status,
          fast: judged.fast,
          duration: judged.duration,
          cost: judged.cost,
          docs: way.docs,
        };
      }),
      singlePointsOfFailure: judgement.singlePointsOfFailure,
      fastSinglePoints: judgement.fastSinglePoints,
      lockoutSetCounts: judgement.lockoutSetCounts,
      lockoutSets: judgement.lockoutSets,
      fastest: judgement.fastest,
    };
    return withVerdict(view);
  }

  private get capabilityByGate(): Map<string, number> {
    return (this.byGateCache ??= new Map(
      this.capabilities.map((capability, position) => [capability.gate, position]),
    ));
  }

  private byGateCache: Map<string, number> | undefined;

  /** The situation as things stand for a deadline (hours from asOf; none: undefined), evaluated once. */
  private standingFor(deadlineHours: number | undefined): Standing {
    const key = String(deadlineHours);
    let known = this.standing.get(key);
    if (!known) {
      const lost = this.recordedLosses;
      const fresh = this.capabilityViews(
        this.capabilities.map((_, position) => position),
        lost,
        deadlineHours,
      );
      const gates: Record<string, TopStatus> = {};
      for (const gate of this.graph.gates) {
        if (gate.defined) gates[gate.name] = fresh.gateStatus(gate.index);
      }
      const singlePoints = this.singlePointPositions(fresh.views);
      const events = this.graph.events.map((event) =>
        this.eventView(event.index, lost, singlePoints.get(event.index) ?? []),
      );
      const states = fresh.views.map((view) => view.state);
      const fastSingles = fresh.views.map((view) =>
        view.fastSinglePoints.map((factor) => this.eventIndex(factor)),
      );
      known = { lost, capabilities: fresh.views, states, fastSingles, gates, events, singlePoints };
      // A few deadlines at most are tried in one session; each kept costs a view of every capability.
      if (this.standing.size >= RECENT_SCENARIOS) this.standing.delete(this.standing.keys().next().value!);
      this.standing.set(key, known);
    }
    return known;
  }

  /**
   * The views of the capabilities at these positions (ascending) under the losses, and the status of any gate
   * under them. Each view depends only on the events of the capability's cone: not on which other capabilities
   * are evaluated with it (lockout sets are listed in an order of their own, see canonicalSets).
   */
  private capabilityViews(
    positions: readonly number[],
    lost: Uint8Array,
    deadlineHours: number | undefined,
  ): Evaluated {
    const judged = this.judgeCapabilities(positions, lost, deadlineHours);
    return {
      views: judged.judgements.map((judgement) => {
        const { view } = judgement.view();
        const sets = judgement.sets();
        view.lockoutSetCounts = sets.counts;
        view.lockoutSets = sets.sets;
        return view;
      }),
      gateStatus: judged.gateStatus,
    };
  }

  /**
   * The judgement of the capabilities at these positions (ascending) under the losses: at once what every
   * scenario's answer counts (the state, the fast single points), and when asked the view (its lockout sets
   * left empty, found by `sets`) and its fastest estimate. Each judgement depends only on
   * the events of the capability's cone: not on which other capabilities are judged with it (lockout sets are
   * listed in an order of their own, see canonicalSets).
   */
  private judgeCapabilities(
    positions: readonly number[],
    lost: Uint8Array,
    deadlineHours: number | undefined,
  ): { judgements: CapabilityJudgement[]; gateStatus: (gate: number) => TopStatus } {
    const graph = this.graph;
    const lostNames = graph.events.filter((event) => lost[event.index] === 1).map((event) => event.name);
    const all = this.capabilities;
    const tops = positions.map((position) => all[position]!.gate);
    const analysis = new GraphAnalysis(graph, {
      tops,
      limitOrder: LIMIT_ORDER,
      ignoreRecordedLosses: true,
      losses: lostNames,
      // Checked once, on the first scenario: the graph does not change.
      structure: (this.checkedCache ??= checkedStructure(graph, this.structure)),
    });
    // The analysis compiled the graph with these losses: what holds is known without compiling it again.
    const holds = (gate: number): boolean => analysis.statusOf({ type: 'gate', index: gate }) !== 'lost';
    // Made when first read (a view, or fast single points tried loss by loss): its memo is the graph's size.
    let timesMade: RecoveryTimes | undefined;
    const times = (): RecoveryTimes =>
      (timesMade ??= new RecoveryTimes(graph, (index) => lost[index] === 1, { cyclic: this.cyclic, holds }));
    const ref = (index: number): FactorRef => this.factorRef(index);
    const { singles: fastSingles, slow } = this.fastSinglePoints(positions, lost, times, analysis);
    const setsOf = (gate: string): LockoutSets => ({
      counts: analysis.countsByOrder(gate),
      sets: canonicalSets(analysis, gate).map((set) => set.map(ref)),
    });

    const judgements = positions.map((position, at): CapabilityJudgement => {
      const capability = all[position]!;
      const status = analysis.statusOf(this.capabilityRefs[position]!);
      const singles = analysis.singlePointsOfFailure(capability.gate);
      const fastSingle = [...new Set([...singles, ...fastSingles[at]!])].sort((a, b) => a - b);
      const { state, stateLabel: stateWords } = this.stateOf(
        capability,
        position,
        status,
        singles.length,
        lost,
        slow[at] === 0,
      );
      // Counting and listing the sets is most of a view's cost: found when first asked.
      let sets: LockoutSets | undefined;
      const setsFound = (): LockoutSets => (sets ??= setsOf(capability.gate));
      // The rest of the view (its ways' times, the fastest way back laid out, the words): made when asked.
      let made: { view: CapabilityView; estimate: RecoveryEstimate } | undefined;
      const view = (): { view: CapabilityView; estimate: RecoveryEstimate } => {
        if (made) return made;
        const wayRefs = this.wayRefs[position]!;
        const ways = capability.ways.map((_, index): WayJudgement => {
          const wayStatus = analysis.statusOf(wayRefs[index]!);
          const estimate = times().estimateOf(wayRefs[index]!);
          return {
            status: wayStatus,
            fast: wayStatus !== 'lost' && estimate.possible && estimate.duration.typical < FAST_HOURS,
            duration: estimate.possible ? estimate.duration : undefined,
            cost: estimate.possible ? estimate.cost : undefined,
          };
        });
        const estimate = times().estimateOf(this.capabilityRefs[position]!, deadlineHours);
        // Red when no way is back within a day: the fact the state says (no fast way), found once for both.
        const colour: Colour =
          status === 'lost' || slow[at] === 1 ? 'red' : fastSingle.length > 0 ? 'amber' : 'green';
        made = {
          view: this.viewOf(position, {
            status,
            colour,
            state,
            stateLabel: stateWords,
            ways,
            singlePointsOfFailure: singles.map(ref),
            fastSinglePoints: fastSingle.map(ref),
            lockoutSetCounts: NO_COUNTS,
            lockoutSets: NO_SETS,
            fastest: recoveryView(estimate),
          }),
          estimate,
        };
        return made;
      };
      return { state, fastSinglePoints: fastSingle, view, sets: setsFound };
    });
    return { judgements, gateStatus: (gate) => analysis.statusOf({ type: 'gate', index: gate }) };
  }

  /** Every event as the what-if page lists it, with the capabilities it is a single point of failure of. */
  private eventViews(lost: Uint8Array, capabilities: readonly CapabilityView[]): EventView[] {
    const singlePoints = this.singlePointPositions(capabilities);
    return this.graph.events.map((event) =>
      this.eventView(event.index, lost, singlePoints.get(event.index) ?? []),
    );
  }

  /**
   * Into `events` (the standing's views), the event views of a scenario that changed these events and evaluated
   * again the capabilities at `touched` (ascending): only those events and the single points of those capabilities (before or after) can differ
   * from the situation as things stand, whose views every other event keeps. Listing all 130,000 events of
   * 10,000 accounts afresh took most of a click.
   */
  private eventViewsAfter(
    events: EventView[],
    before: Standing,
    changed: readonly number[],
    touched: readonly number[],
    lost: Uint8Array,
    fastSinglesOf: (at: number) => readonly number[],
  ): void {
    const affected = new Set<number>(changed);
    // Per event, the touched capabilities it is a fast single point of now, once per occurrence, in one pass:
    // asking each touched capability for each affected event was quadratic for a factor every account shares.
    const after = new Map<number, number[]>();
    const wasTouched = new Uint8Array(before.capabilities.length);
    // Indexed loops: run once per click over tens of thousands of capabilities, for-of made an iterator each.
    for (let at = 0; at < touched.length; at++) {
      const position = touched[at]!;
      wasTouched[position] = 1;
      const was = before.fastSingles[position]!;
      for (let i = 0; i < was.length; i++) affected.add(was[i]!);
      const now = fastSinglesOf(at);
      for (let i = 0; i < now.length; i++) {
        const index = now[i]!;
        affected.add(index);
        const of = after.get(index);
        if (of) of.push(position);
        else after.set(index, [position]);
      }
    }
    const isChanged = new Set(changed);
    for (const index of affected) {
      const was = before.singlePoints.get(index) ?? [];
      const positions = was.filter((position) => !wasTouched[position]);
      for (const position of after.get(index) ?? []) positions.push(position);
      positions.sort((a, b) => a - b);
      // The same capabilities as things stand, and the event itself unchanged: the same view.
      if (!isChanged.has(index) && sameNumbers(was, positions)) continue;
      events[index] = this.eventView(index, lost, positions);
    }
  }

  /** Per event: the positions (ascending) of the capabilities it is a fast single point of. */
  private singlePointPositions(capabilities: readonly CapabilityView[]): Map<number, number[]> {
    const singlePoints = new Map<number, number[]>();
    capabilities.forEach((capability, position) => {
      for (const factor of capability.fastSinglePoints) {
        const index = this.graph.findEvent(factor.id)!.index;
        const of = singlePoints.get(index);
        if (of) of.push(position);
        else singlePoints.set(index, [position]);
      }
    });
    return singlePoints;
  }

  private eventView(index: number, lost: Uint8Array, singlePoints: readonly number[]): EventView {
    const event = this.graph.events[index]!;
    const meaning = this.recovery.events.get(event.name);
    const isLost = lost[index] === 1;
    return {
      id: event.name,
      label: meaning?.label ?? event.label ?? event.name,
      kind: meaning?.factorId ? 'factor' : 'fact',
      accountId: meaning?.accountId,
      lostNow: event.lost,
      lostBecause: meaning?.lostBecause,
      lost: isLost,
      change: isLost === event.lost ? undefined : isLost ? 'lost' : 'restored',
      restore: event.duration,
      singlePointOf: singlePoints.map((position) => this.capabilities[position]!.gate),
    };
  }

  /**
   * The capability's state as the reports decide it (capability-state.ts): lost when its normal state (a valid
   * card on file) is; unknown when only facts Lockout cannot see take it; lost after the suspension date when
   * only a loss still to come does.
   */
  private stateOf(
    capability: SituationCapability,
    position: number,
    gateStatus: TopStatus,
    singlePoints: number,
    lost: Uint8Array,
    fast: boolean,
  ): { state: CapabilityState; stateLabel: string } {
    const cones = (this.coneEvaluator ??= new ConeEvaluator(this.graph));
    // Its normal state, or its payer's for a member: a dead card on the payer's file is lost for both.
    const standing = standingWay(this.capabilities, capability);
    const standingLost = standing !== undefined && cones.isLost(standing.gate, (index) => lost[index] === 1);
    const status: TopStatus = standingLost ? 'lost' : gateStatus;
    const unknown = this.unknownEvents;
    // A loss the scenario adds is known; one the inventory could not declare or the scan could not see is not.
    const known = (index: number): boolean =>
      lost[index] === 1 && (unknown[index] === 0 || !this.graph.events[index]!.lost);
    const knownLost = (gate: string): boolean => cones.isLost(gate, known);
    const confirmed =
      status !== 'lost' || (standingLost ? knownLost(standing.gate) : knownLost(capability.gate));
    // Losses still to come below it (a suspension date): lost once they happen?
    let eventually: TopStatus | undefined;
    let lostAfter: Day | undefined;
    if (status !== 'lost') {
      const cone = this.coneOf(position);
      // A loop, not a spread: the cone is a typed array, spread through an iterator for each of thousands.
      const pending: number[] = [];
      for (let at = 0; at < cone.length; at++) {
        const index = cone[at]!;
        if (lost[index] === 0 && this.graph.events[index]!.onset !== undefined) pending.push(index);
      }
      if (pending.length > 0) {
        const coming = new Set(pending);
        if (cones.isLost(capability.gate, (index) => lost[index] === 1 || coming.has(index))) {
          eventually = 'lost';
          const onset = Math.min(...pending.map((index) => this.graph.events[index]!.onset!));
          lostAfter = addDays(this.asOf, Math.ceil(onset / 24));
        }
      }
    }
    const state = capabilityState({ status, confirmed, eventually, singlePoints, fast });
    return { state, stateLabel: stateLabel(state, lostAfter) };
  }

  private coneEvaluator: ConeEvaluator | undefined;

  /** 1 for the events that count as lost because a fact is unknown (not declared, not seen). */
  private get unknownEvents(): Uint8Array {
    this.unknownCache ??= unknownEvents(this.graph, this.recovery.events);
    return this.unknownCache;
  }

  private unknownCache: Uint8Array | undefined;

  private factorRef(index: number): FactorRef {
    let known = this.factorRefs[index];
    if (!known) {
      const event = this.graph.events[index]!;
      const label = this.recovery.events.get(event.name)?.label ?? event.label ?? event.name;
      known = Object.freeze({ id: event.name, label });
      this.factorRefs[index] = known;
    }
    return known;
  }

  /** 1 for every gate the ways of these capabilities read, through any number of gates. */
  private gatesBelowWays(positions: readonly number[]): Uint8Array {
    const seeds: number[] = [];
    for (const position of positions) {
      for (const way of this.wayRefs[position]!) if (way.type === 'gate') seeds.push(way.index);
    }
    return reachedBelow(this.graph, seeds).gates;
  }

  /**
   * Per capability, the events whose loss alone would leave it no way back within a day (its single points of
   * failure aside): found for every loss at once where the graph allows (SlowingLosses), else loss by loss.
   */
  private fastSinglePoints(
    positions: readonly number[],
    lost: Uint8Array,
    times: () => RecoveryTimes,
    analysis: GraphAnalysis,
  ): FastSinglePoints {
    if (this.slowingApplies) {
      try {
        return this.fastSinglePointsAtOnce(positions, lost, analysis);
      } catch (error) {
        if (!(error instanceof TooDeep)) throw error;
      }
    }
    return this.fastSinglePointsByTrial(positions, lost, times(), analysis);
  }

  /**
   * The budget in hours a capability's fast single points are judged against once it has no way back within a
   * day (while it has one, a day): for one lost, any way back at all (a loss that takes its last one is a single
   * point); for one that holds, undefined: none to judge (no one loss takes a fast way it does not have; one that
   * takes the capability is among its single points of failure).
   */
  private slowBudget(position: number, analysis: GraphAnalysis): number | undefined {
    return analysis.statusOf(this.capabilityRefs[position]!) === 'lost' ? Infinity : undefined;
  }

  /** As fastSinglePoints, in one walk of the ways for every loss (see SlowingLosses). */
  private fastSinglePointsAtOnce(
    positions: readonly number[],
    lost: Uint8Array,
    analysis: GraphAnalysis,
  ): FastSinglePoints {
    const slowing = new SlowingLosses(this.graph, {
      lost: (event) => lost[event] === 1,
      structure: this.structure,
      holds: (gate) => analysis.statusOf({ type: 'gate', index: gate }) !== 'lost',
      singlePointsOf: gateSinglePoints(this.graph, analysis),
    });
    const slow = new Uint8Array(positions.length);
    const singles = positions.map((position, at) => {
      const wayRefs = this.wayRefs[position]!;
      // Without ways a capability is judged by whether it holds: its single points say so.
      if (wayRefs.length === 0) return [];
      // A loss that slows every way; null when each way is slow already (see slowBudget).
      let common = slowing.ofAll(wayRefs, FAST_HOURS);
      if (common === null) {
        slow[at] = 1;
        // Null again when no way back is left within that budget either.
        const budget = this.slowBudget(position, analysis);
        if (budget !== undefined) common = slowing.ofAll(wayRefs, budget);
        if (common === null) return NO_EVENTS;
      }
      const cone = this.coneOf(position);
      return common.filter((event) => inSorted(cone, event));
    });
    return { singles, slow };
  }

  /**
   * As fastSinglePoints, loss by loss. Only a way above a loss changes, so a loss is tried — on ways estimated
   * again only above it — just where every fast way lies above it; elsewhere the capability's fastest time stays
   * as it is.
   */
  private fastSinglePointsByTrial(
    positions: readonly number[],
    lost: Uint8Array,
    times: RecoveryTimes,
    analysis: GraphAnalysis,
  ): FastSinglePoints {
    const capabilities = this.capabilities;
    // Indexed by position in `positions`, as `tries` holds them.
    const found = positions.map((): number[] => []);
    const slow = new Uint8Array(positions.length);
    const tries = new Map<number, number[]>();
    // Per capability tried (by index in `positions`): the hours its single points are judged against (a day, or
    // see slowBudget), and its ways within them as things are.
    const budgets = new Float64Array(positions.length);
    const quickWayRefs: NodeRef[][] = [];
    // A few thousand capabilities of 50,000: the gates a loss changes are sought among those their ways read,
    // not among every gate above a factor all accounts share.
    const within = positions.length * 2 < capabilities.length ? this.gatesBelowWays(positions) : undefined;
    positions.forEach((position, at) => {
      const capability = capabilities[position]!;
      // Without ways a capability is judged by whether it holds: its single points say so.
      if (capability.ways.length === 0) return;
      const wayCones = this.wayCones[position]!;
      const wayRefs = this.wayRefs[position]!;
      const hours = wayRefs.map((way) => times.durationOf(way).typical);
      const fastest = Math.min(...hours);
      if (!(fastest < FAST_HOURS)) slow[at] = 1;
      // Nothing to judge (see slowBudget), or no way back left to take: none is tried.
      const budget =
        fastest < FAST_HOURS
          ? FAST_HOURS
          : fastest === Infinity
            ? undefined
            : this.slowBudget(position, analysis);
      if (budget === undefined) return;
      budgets[at] = budget;
      const isQuick = hours.map((typical) => typical < budget);
      const quickWays = wayCones.filter((_, way) => isQuick[way]);
      quickWayRefs[at] = wayRefs.filter((_, way) => isQuick[way]);
      for (const event of this.coneOf(position)) {
        if (lost[event] === 1 || quickWays.some((cone) => !cone.has(event))) continue;
        if (wayCones.some((cone) => cone.has(event))) {
          const asking = tries.get(event);
          if (asking) asking.push(at);
          else tries.set(event, [at]);
        }
      }
    });
    const graph = this.graph;
    const singlePointsOf = gateSinglePoints(graph, analysis);
    for (const [event, asking] of tries) {
      const above = this.gatesAbove.from([graph.gates.length + event], within);
      for (let i = 0; i < above.length; i++) this.changedGates[above[i]!] = 1;
      // Cleared even when estimating throws (a negation), or the next scenario would start from these marks.
      try {
        const holds = this.coherent
          ? (gate: number): boolean => {
              if (analysis.statusOf({ type: 'gate', index: gate }) === 'lost') return false;
              return !singlePointsOf(gate).includes(event);
            }
          : undefined; // negations: RecoveryTimes compiles the graph with the loss to know
        const withLoss = new RecoveryTimes(graph, (index) => index === event || lost[index] === 1, {
          cyclic: this.cyclic,
          holds,
          like: { times, changedGates: this.changedGates },
          durationsOnly: true,
        });
        for (const at of asking) {
          // Without negation only a way within the budget before can be within it after, and one that stays so
          // is enough: most losses tried leave the first such way as it was, and the others need not be estimated.
          const budget = budgets[at]!;
          const slowAfter = this.coherent
            ? !quickWayRefs[at]!.some((way) => withLoss.durationOf(way).typical < budget)
            : fastestHours(this.wayRefs[positions[at]!]!, withLoss) >= budget;
          if (slowAfter) found[at]!.push(event);
        }
      } finally {
        for (let i = 0; i < above.length; i++) this.changedGates[above[i]!] = 0;
      }
    }
    for (const events of found) events.sort((a, b) => a - b);
    return { singles: found, slow };
  }
}

/**
 * Per capability judged (in the order asked), the events whose loss alone takes its last way back within a day
 * (with none within a day already, see slowBudget), and whether it has none already (1): the state says so
 * (no fast way), as the colour does.
 */
interface FastSinglePoints {
  singles: number[][];
  slow: Uint8Array;
}

const COHERENT_KINDS: ReadonlySet<GateKind> = new Set<GateKind>(['and', 'or', 'atleast', 'null']);

/** No events: what most capabilities are a fast single point of, shared. */
const NO_EVENTS: number[] = Object.freeze([]) as unknown as number[];

/** The gate (or else event) of that name, as the analysis and the recovery times look names up. */
function findNode(graph: FaultGraph, name: string): NodeRef {
  const ref = graph.find(name);
  if (!ref) throw new GraphError(`no gate or basic event named "${name}"`);
  return ref;
}

/** The fastest way as the dashboard shows it: the estimate, with its steps laid out in time. */
export function recoveryView(estimate: RecoveryEstimate): RecoveryView {
  return {
    possible: estimate.possible,
    duration: estimate.duration,
    cost: estimate.cost,
    slack: estimate.slack,
    steps: scheduleRecovery(estimate),
  };
}

/** The view with its verdict and headline filled in from the rest of it. */
export function withVerdict(view: CapabilityView): CapabilityView {
  const told = tell(view);
  view.verdict = told.verdict;
  view.headline = `${view.label} — ${told.verdict}${told.detail ? `: ${told.detail}` : ''}`;
  return view;
}

/** The verdict in capitals and the few words that justify it. */
function tell(view: CapabilityView): { verdict: string; detail: string } {
  const about = (duration: DurationRange): string => `~${formatHours(duration.typical)}`;
  const late =
    view.fastest.slack && view.fastest.slack.typical < 0
      ? ` — ${formatHours(-view.fastest.slack.typical)} after the deadline`
      : '';
  const list = (refs: FactorRef[]): string =>
    firstNamed(
      refs.map((factor) => factor.label),
      3,
    );
  if (view.status === 'lost') {
    // Lost only through facts Lockout cannot see (no alert channel declared): a fact to declare, no emergency.
    if (view.state === 'unknown' && !view.fastest.possible)
      return { verdict: 'UNKNOWN', detail: 'counted as lost until what it needs is declared' };
    if (!view.fastest.possible) return { verdict: 'LOST', detail: 'no way back remains' };
    // "Identity verification by AWS Support (notarized affidavit, …)": the timeline has the details.
    const steps = view.fastest.steps.map((step) => lowerFirst(step.label.replace(/ \(.*\)$/, '')));
    return {
      verdict: 'LOST',
      detail: `fastest way back ${about(view.fastest.duration)}${steps.length > 0 ? ` (${steps.join(', then ')})` : ''}${late}`,
    };
  }
  if (view.colour === 'red') {
    const held = view.ways
      .filter((way) => way.status !== 'lost' && way.duration)
      .sort((a, b) => a.duration!.typical - b.duration!.typical);
    const best = held[0];
    return {
      verdict: 'LOCKED OUT FOR NOW',
      detail: best
        ? `${held.length === 1 ? `only ${best.short}` : `only slow ways remain, the fastest ${best.short}`}, ${about(best.duration!)}${late}`
        : `no way back within a day, ${about(view.fastest.duration)}${late}`,
    };
  }
  const fast = view.ways.filter((way) => way.fast);
  const fastWays = fast
    .map((way) => `${way.short}${way.duration ? ` (~${formatHours(way.duration.typical)})` : ''}`)
    .join(' or ');
  if (view.colour === 'amber') {
    // "One loss away" is the reports' words for a loss that takes it (a single point of failure). A loss that
    // only leaves slow ways is not one.
    return {
      verdict:
        view.singlePointsOfFailure.length > 0 ? 'HOLDS, ONE LOSS AWAY' : 'HOLDS, ONE LOSS FROM NO FAST WAY',
      detail: `${fastWays ? `${fastWays}; ` : ''}a single loss would leave no way back within a day: ${list(view.fastSinglePoints)}`,
    };
  }
  if (view.status === 'cannot-be-lost') return { verdict: 'HOLDS', detail: 'nothing declared can take it' };
  return {
    verdict: 'HOLDS',
    detail: `${fastWays ? `${fastWays}, ` : ''}no single point of failure`,
  };
}

/** Indices of the events a gate depends on, through any number of gates (cycles included). */
function eventsBelow(graph: FaultGraph, gateName: string): Set<number> {
  const events = new Set<number>();
  const start = graph.findGate(gateName);
  if (!start) return events;
  const seen = new Set<number>([start.index]);
  const stack = [start.index];
  while (stack.length > 0) {
    const gate = graph.gates[stack.pop()!]!;
    for (const input of gate.inputs) {
      if (input.type === 'event') events.add(input.index);
      else if (input.type === 'gate' && !seen.has(input.index)) {
        seen.add(input.index);
        stack.push(input.index);
      }
    }
  }
  return events;
}

/**
 * What a summary reads of every capability of a situation, without making the views the situation makes
 * when first read (see shareAlike): each capability's account and state (as `capabilities`), and the
 * positions of those evaluated again for its scenario (undefined: every one).
 */
export interface Judged {
  accountIds: readonly string[];
  /** Each capability's provider (its account's). */
  providers: readonly string[];
  states: readonly CapabilityState[];
  changed: readonly number[] | undefined;
}

const judged = new WeakMap<SituationView, Judged>();

/** Each capability's account and state in this situation, and which the scenario evaluated again. */
export function judgedOf(situation: SituationView): Judged {
  return (
    judged.get(situation) ?? {
      accountIds: situation.capabilities.map((capability) => capability.accountId),
      providers: situation.capabilities.map((capability) => capability.provider),
      states: situation.capabilities.map((capability) => capability.state),
      changed: undefined,
    }
  );
}

/** The views of capabilities evaluated one per shape: the first of each, the others' made on demand. */
interface Alike {
  views: (CapabilityView | undefined)[];
  states: CapabilityState[];
  /** Per capability, the events (indices, ascending) it is a fast single point of. */
  fastSinglesOf: (at: number) => readonly number[];
  make: (at: number) => CapabilityView;
}

/**
 * The list, with the elements `pending` marks made when first read, then kept: pending[index] is 1 + the
 * argument of `make` for that element, 0 once made. A proxy: accessors on 30,000 elements of an array cost more
 * than the rest of a click, and so did a map of 30,000 makers.
 */
function madeWhenRead(
  list: CapabilityView[],
  pending: Int32Array,
  make: (at: number) => CapabilityView,
): CapabilityView[] {
  if (!pending.some((at) => at !== 0)) return list;
  const makePending = (target: CapabilityView[], key: string | symbol): void => {
    if (typeof key !== 'string') return;
    const index = elementIndex(key, pending.length);
    if (index === undefined || pending[index] === 0) return;
    const at = pending[index]! - 1;
    pending[index] = 0;
    target[index] = make(at);
  };
  return new Proxy(list, {
    get(target, key, receiver) {
      makePending(target, key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    set(target, key, value, receiver) {
      if (typeof key === 'string') {
        const index = elementIndex(key, pending.length);
        if (index !== undefined) pending[index] = 0;
      }
      return Reflect.set(target, key, value, receiver);
    },
    getOwnPropertyDescriptor(target, key) {
      makePending(target, key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** The element index a property key names ("12"; not "012", "1.5" or "length"), below `length`. */
function elementIndex(key: string, length: number): number | undefined {
  // Read digit by digit: every element read of the list comes here, and Number(key) takes "" as 0.
  if (key.length === 0 || key.length > 15 || (key.length > 1 && key.charCodeAt(0) === 48)) return undefined;
  let index = 0;
  for (let i = 0; i < key.length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    index = index * 10 + digit;
  }
  return index < length ? index : undefined;
}

/** Views of capabilities and the status of gates under the same losses. */
interface Evaluated {
  views: CapabilityView[];
  gateStatus: (gate: number) => TopStatus;
}

/**
 * One capability's judgement under a scenario, which every capability of its shape and losses takes with its
 * own names: its view, its fastest estimate, its shape, and its lockout sets, found when first read.
 */
interface AlikeModel {
  judgement: CapabilityJudgement;
  from: Shape;
  /** The scenario (shareAlike's count) whose analysis judged it. */
  born: number;
}

/** A capability judged under a scenario: what every answer counts at once, the rest when asked. */
interface CapabilityJudgement {
  state: CapabilityState;
  /** Events whose loss alone leaves no way back within a day (its single points of failure among them). */
  fastSinglePoints: number[];
  /** Its view (its lockout sets left empty) and fastest estimate, made on the first call. */
  view: () => { view: CapabilityView; estimate: RecoveryEstimate };
  sets: () => LockoutSets;
}

/** A capability's lockout sets: how many of each order, and the first few listed. */
interface LockoutSets {
  counts: number[];
  sets: FactorRef[][];
}

/**
 * The view with its lockout sets (and their counts) found when first read, then kept as plain values: reading
 * or serializing the view sees them as if they had been there from the start.
 */
function withSetsWhenRead(view: CapabilityView, find: () => LockoutSets): CapabilityView {
  let found: LockoutSets | undefined;
  const settle = (): LockoutSets => {
    if (found === undefined) {
      found = find();
      Object.defineProperty(view, 'lockoutSetCounts', {
        value: found.counts,
        enumerable: true,
        writable: true,
      });
      Object.defineProperty(view, 'lockoutSets', { value: found.sets, enumerable: true, writable: true });
    }
    return found;
  };
  Object.defineProperty(view, 'lockoutSetCounts', {
    enumerable: true,
    configurable: true,
    get: () => settle().counts,
  });
  Object.defineProperty(view, 'lockoutSets', {
    enumerable: true,
    configurable: true,
    get: () => settle().sets,
  });
  return view;
}

/** The sets of a view whose sets are found when read (never sent: such a view is only renamed from). */
const NO_COUNTS: number[] = Object.freeze([]) as unknown as number[];
const NO_SETS: FactorRef[][] = Object.freeze([]) as unknown as FactorRef[][];

/** A scenario changing this many capabilities or more evaluates one capability of each shape (see shareAlike). */
const SHARE_FROM = 64;

/** The part of the graph a capability's view reads, as SituationModel.shapeOf numbers it. */
interface Shape {
  /** Equal for capabilities of the same shape. */
  id: number;
  /** The graph's index of each event and gate, by its number in the shape. */
  events: Int32Array;
  gates: Int32Array;
}

/** A gate's single points of failure in the analysis, by gate index, each found once when first asked. */
function gateSinglePoints(graph: FaultGraph, analysis: GraphAnalysis): (gate: number) => readonly number[] {
  const found = new Map<number, readonly number[]>();
  return (gate) => {
    let singles = found.get(gate);
    if (!singles) {
      singles = analysis.singlePointsOfFailure(graph.gates[gate]!.name);
      found.set(gate, singles);
    }
    return singles;
  };
}

/** Whether an ascending list holds the value. */
function inSorted(list: ArrayLike<number>, value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = list[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * An event's or gate's number in a shape (its place in the shape's list), by its index in the graph: a shape
 * lists a few dozen, and a click looks up a few for each of 2,000 shapes, so a search beats building a map.
 */
function localIndex(list: Int32Array, index: number): number {
  const local = list.indexOf(index);
  if (local === -1) throw new Error(`internal: node ${index} is not in the shape`);
  return local;
}

/** The rank of each index in the list among them, in the list's order: "2,0,1" for [7, 3, 5]. */
function ranks(indices: readonly number[]): string {
  const order = indices.map((_, i) => i).sort((a, b) => indices[a]! - indices[b]!);
  const rank = new Array<number>(indices.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank.join(',');
}

/** What a scenario starts from: the losses as things stand, every capability's view and every gate's status. */
interface Standing {
  lost: Uint8Array;
  capabilities: readonly CapabilityView[];
  states: readonly CapabilityState[];
  /** Per capability, the events (indices) it is a fast single point of. */
  fastSingles: readonly (readonly number[])[];
  gates: Record<string, TopStatus>;
  events: readonly EventView[];
  /** Per event: the positions of the capabilities it is a fast single point of (see singlePointPositions). */
  singlePoints: Map<number, number[]>;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Per event, the lists (ascending) that hold it: the capabilities over each event, from their cones. */
function invert(cones: readonly Int32Array[], eventCount: number): Int32Array[] {
  const counts = new Int32Array(eventCount);
  for (const cone of cones) for (const event of cone) counts[event]! += 1;
  const over = Array.from(counts, (count) => new Int32Array(count));
  counts.fill(0);
  cones.forEach((cone, position) => {
    for (const event of cone) over[event]![counts[event]!++] = position;
  });
  return over;
}

/** An order of sets of this size is sorted whole when it has at most this many (see canonicalSets). */
const SORTED_ORDER_LIMIT = 20_000;

/**
 * The first lockout sets of a capability, smallest first and, within a size, in the order of their events'
 * indices: an order of the sets themselves, not of the engine's variables, which depend on the losses and on
 * the capabilities analysed together; so a capability evaluated alone lists what a full evaluation lists.
 * Sizes with more than SORTED_ORDER_LIMIT sets (none in a realistic inventory) are listed in the engine's
 * order.
 */
function canonicalSets(analysis: GraphAnalysis, gate: string): number[][] {
  const counts = analysis.countsByOrder(gate);
  const sets: number[][] = [];
  for (let order = 0; order < counts.length && sets.length < SET_LIMIT; order++) {
    const count = counts[order]!;
    if (count === 0) continue;
    const wanted = SET_LIMIT - sets.length;
    if (count > SORTED_ORDER_LIMIT) {
      sets.push(...analysis.cutSets(gate, { order, limit: wanted }).sets);
      continue;
    }
    const all = analysis.cutSets(gate, { order, limit: count }).sets;
    all.sort(compareSets);
    sets.push(...all.slice(0, wanted));
  }
  return sets;
}

/** Sets of the same size, each ascending, by their first differing event. */
function compareSets(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** 1 for every gate and event below these gates (the gates themselves included), through any number of gates. */
function reachedBelow(
  graph: FaultGraph,
  seeds: readonly number[],
): { gates: Uint8Array; events: Uint8Array } {
  const gates = new Uint8Array(graph.gates.length);
  const events = new Uint8Array(graph.events.length);
  const stack: number[] = [];
  for (const seed of seeds) {
    if (gates[seed]) continue;
    gates[seed] = 1;
    stack.push(seed);
  }
  while (stack.length > 0) {
    for (const input of graph.gates[stack.pop()!]!.inputs) {
      if (input.type === 'event') events[input.index] = 1;
      else if (input.type === 'gate' && !gates[input.index]) {
        gates[input.index] = 1;
        stack.push(input.index);
      }
    }
  }
  return { gates, events };
}

/**
 * The part of the graph below these gates: every gate and event they reach, in their order in the graph
 * (gates first referenced in that order, then defined), with the same names, kinds and annotations.
 */
function partOf(graph: FaultGraph, seeds: readonly number[]): FaultGraph {
  const { gates: gateSeen, events: eventSeen } = reachedBelow(graph, seeds);
  const part = new FaultGraph();
  const eventAt = new Int32Array(graph.events.length);
  const gateAt = new Int32Array(graph.gates.length);
  for (const event of graph.events) {
    if (!eventSeen[event.index]) continue;
    const { label, duration, cost, probability, lost, onset } = event;
    const annotations = { label, duration, cost, probability, lost, onset };
    eventAt[event.index] = part.addEvent(event.name, annotations).index;
  }
  for (const gate of graph.gates)
    if (gateSeen[gate.index]) gateAt[gate.index] = part.gateRef(gate.name).index;
  for (const gate of graph.gates) {
    if (!gateSeen[gate.index] || !gate.defined) continue;
    const inputs = gate.inputs.map((input): Input =>
      input.type === 'event'
        ? { type: 'event', index: eventAt[input.index]! }
        : input.type === 'gate'
          ? { type: 'gate', index: gateAt[input.index]! }
          : input,
    );
    part.defineGate(gate.name, gate.kind, inputs, {
      min: gate.min,
      label: gate.label,
      duration: gate.duration,
      cost: gate.cost,
      state: gate.state,
    });
  }
  return part;
}
