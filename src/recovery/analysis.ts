/**
 * The recovery analysis of a recovery graph, whatever its provider: every capability analysed by the engine
 * and reported in the owner's terms — where it stands now and once the losses to come have happened, its
 * single points of failure and lockout sets, each way's status and duration raced against what is to come.
 */

import { GraphAnalysis, type CutSetPageRequest, type TopStatus } from '../analysis/analyze.js';
import type { BasicEvent, FaultGraph, NodeRef } from '../analysis/graph.js';
import { pendingEvents, TimedRecovery, type TimedEstimate } from '../analysis/timed-recovery.js';
import { ConeEvaluator } from '../analysis/lost-under.js';
import { alikeAccounts, FactorLists, Renaming, type AlikeAccount } from './alike-accounts.js';
import {
  standingWay,
  type CapabilityGate,
  type EventMeaning,
  type RecoveryGraph,
  type WayGate,
} from './builder.js';
import type { OutsideCapabilityId, RecoveryGraphOptions } from './provider.js';
import type { Account, Day, OutsideAccount } from '../model/inventory.js';

/** A factor as reports name it. */
export interface FactorRef {
  id: string;
  label: string;
}

/** One way to exercise a capability (sign in with MFA, alternative factors, identity verification…). */
export interface WayResult {
  id: string;
  label: string;
  /** A few words for sentences. */
  short: string;
  status: TopStatus;
  /** How long this way takes from now, when it is possible, raced against the losses to come. */
  duration?: TimedEstimate | undefined;
  docs?: string | undefined;
  /** The capability's normal state rather than a way back (a valid card on file). */
  standing?: boolean | undefined;
  /** Whether its duration is documented by AWS or observed (the incident of 2022, support replies). */
  basis?: 'documented' | 'observed' | undefined;
}

export interface CapabilityResult<C extends string = string, A = Account> {
  account: A;
  capability: C;
  label: string;
  /** Name of the capability's gate in the recovery graph. */
  gate: string;
  /** Where it stands now: losses still to come (a suspension date) have not happened yet. */
  status: TopStatus;
  /**
   * 'lost' when it holds now but not once the losses to come have happened (a bill left unpaid past its
   * suspension date). Lockout sets and single points of failure are always this "eventually" answer.
   */
  eventually?: TopStatus | undefined;
  /** Lost now because its normal state (a standing way: a valid card on file) is, whatever the way back. */
  standingLost?: boolean | undefined;
  /** The gate of that normal state: its own standing way, or its payer's for a member. */
  standingGate?: string | undefined;
  /** Factors whose loss alone would take the capability. */
  singlePointsOfFailure: FactorRef[];
  /** Number of lockout sets of each order (index = order). */
  lockoutSetCounts: number[];
  /** The smallest lockout sets, most probable first within a size when probabilities are known. */
  lockoutSets: FactorRef[][];
  /**
   * Positions in `lockoutSets` of the sets that take the capability only once a suspension date has passed
   * with the bill unpaid: today, what they lose can still be got back before then.
   */
  lockoutSetsAfterDeadline?: number[] | undefined;
  ways: WayResult[];
  /** The fastest way to exercise the capability now (or get it back when lost), raced against what is to come. */
  fastest: TimedEstimate;
}

export interface RecoveryAnalysis<C extends string = string> {
  asOf: Day;
  graph: FaultGraph;
  /** The currency of the ways' costs (`cost` in the estimates is an amount in it). */
  costCurrency?: string | undefined;
  /** What each event of the graph stands for (a factor, or an unknown or a setting of an account). */
  events: ReadonlyMap<string, EventMeaning>;
  capabilities: CapabilityResult<C>[];
  /** The capabilities of the accounts outside AWS, analysed in the same graph (absent when there are none). */
  outsideCapabilities?: CapabilityResult<OutsideCapabilityId, OutsideAccount>[] | undefined;
  capability(accountId: string, capability: C): CapabilityResult<C>;
  /** Every lockout set of a capability up to `maxOrder` losses (no listing limit: callers keep orders small). */
  lockoutSetsUpTo(result: CapabilityResult<C>, maxOrder: number): FactorRef[][];
}

export interface RecoveryOptions extends RecoveryGraphOptions {
  asOf: Day;
  /** How many lockout sets to list per capability. */
  setLimit?: number;
  /**
   * Whether accounts alike are renamed from one the engine analysed (alike-accounts.ts); false analyses every
   * account, for the tests that compare the two.
   */
  shareAlikeAccounts?: boolean;
}

/** Lockout sets are listed up to this size: beyond it the owner has bigger problems than a report. */
const LIMIT_ORDER = 6;

export function analyzeRecoveryGraph<C extends string>(
  recovery: RecoveryGraph<C>,
  options: RecoveryOptions,
): RecoveryAnalysis<C> {
  const { graph, events } = recovery;
  const outside = recovery.outsideCapabilities ?? [];
  const alike =
    options.shareAlikeAccounts === false
      ? undefined
      : alikeAccounts(
          graph,
          recovery.capabilities,
          (capability, gate) => waysOf(graph, gate, capability.ways),
          outside.map((capability) => capability.gate),
        );
  // The engine is asked only of the accounts not renamed from one alike (alike-accounts.ts), and of those outside.
  const tops: string[] = [];
  recovery.capabilities.forEach((capability, index) => {
    if (alike?.[index] === undefined) tops.push(capability.gate);
  });
  for (const capability of outside) tops.push(capability.gate);
  const lostNow = (index: number): boolean => graph.events[index]!.lost;
  // Lockout sets are the "eventually" answer: the losses still to come (suspension dates) count as happened.
  const pending = pendingEvents(graph, lostNow).map((index) => graph.events[index]!.name);
  const analysis = new GraphAnalysis(graph, { tops, limitOrder: LIMIT_ORDER, losses: pending });
  // One reference per factor, shared by every set and single point that names it (an Organization's
  // capabilities name the same few shared factors hundreds of thousands of times).
  const factorRefs = new Array<FactorRef | undefined>(graph.events.length).fill(undefined);
  const labelOf = (event: BasicEvent): string => events.get(event.name)?.label ?? event.label ?? event.name;
  // A label two factors share (two unlabelled passports) is followed by the id, so that a set names both.
  const labelUses = new Map<string, number>();
  for (const event of graph.events) labelUses.set(labelOf(event), (labelUses.get(labelOf(event)) ?? 0) + 1);
  const eventOfRef = new Map<FactorRef, number>();
  const factorRef = (index: number): FactorRef => {
    let ref = factorRefs[index];
    if (ref === undefined) {
      const event = graph.events[index]!;
      const id = events.get(event.name)?.factorId ?? event.name;
      const label = labelOf(event);
      ref = { id, label: labelUses.get(label)! > 1 && label !== id ? `${label} (${id})` : label };
      factorRefs[index] = ref;
      eventOfRef.set(ref, index);
    }
    return ref;
  };
  const factors = new FactorLists(factorRef, (ref: FactorRef): number => eventOfRef.get(ref)!);
  const { capabilities, outsideCapabilities, renamings } = capabilityResults(
    recovery,
    analysis,
    pending,
    factors,
    alike,
    options,
  );

  // A result renamed from an account alike, by result, found when first asked (watch's conditions, the
  // Organization's sets); made here, not beside the results, whose closures hold what only they need.
  let indexOf: Map<CapabilityResult<C>, number> | undefined;
  const renamedFrom = (result: CapabilityResult<C>): RenamedFrom<C> | undefined => {
    indexOf ??= new Map(capabilities.map((made, index) => [made, index]));
    const index = indexOf.get(result);
    const renaming = index === undefined ? undefined : renamings[index];
    if (index === undefined || renaming === undefined) return undefined;
    return { from: capabilities[alike![index]!.from]!, renaming };
  };

  const lockoutSetsUpTo = (result: CapabilityResult<C>, maxOrder: number): FactorRef[][] => {
    const renamed = renamedFrom(result);
    if (renamed !== undefined) {
      return renamed.renaming.sets(lockoutSetsUpTo(renamed.from, maxOrder));
    }
    const sets: FactorRef[][] = [];
    for (let order = 1; order <= Math.min(maxOrder, LIMIT_ORDER); order++) {
      const count = result.lockoutSetCounts[order] ?? 0;
      if (count === 0) continue;
      const page = analysis.cutSets(result.gate, { order, limit: count });
      sets.push(...page.sets.map((set) => set.map(factorRef)));
    }
    return sets;
  };

  // By account and capability: reports ask for one per account, and a search each time is quadratic.
  const byAccount = new Map<string, CapabilityResult<C>[]>();
  for (const result of capabilities) {
    const list = byAccount.get(result.account.id);
    if (list) list.push(result);
    else byAccount.set(result.account.id, [result]);
  }
  return {
    asOf: options.asOf,
    graph,
    costCurrency: recovery.costCurrency,
    events,
    capabilities,
    outsideCapabilities,
    lockoutSetsUpTo,
    capability(accountId, id) {
      const found = byAccount.get(accountId)?.find((c) => c.capability === id);
      if (!found) throw new Error(`no capability ${id} for account ${accountId}`);
      return found;
    },
  };
}

/**
 * Each capability's result, outside AWS's too. Apart from analyzeRecoveryGraph so that what only these need
 * (the pages of sets, the recovery times, the cone evaluators) is not kept alive by the closures of the analysis
 * it returns: at 10,000 accounts they held a few hundred MB through the whole report.
 */
function capabilityResults<C extends string>(
  recovery: RecoveryGraph<C>,
  analysis: GraphAnalysis,
  pending: readonly string[],
  factors: FactorLists<FactorRef>,
  alike: readonly (AlikeAccount | undefined)[] | undefined,
  options: RecoveryOptions,
): Pick<RecoveryAnalysis<C>, 'capabilities' | 'outsideCapabilities'> & {
  /** By capability, the renaming of a result renamed from an account alike. */
  renamings: (Renaming<FactorRef> | undefined)[];
} {
  const { graph } = recovery;
  const factorRef = factors.refOf;
  const lostNow = (index: number): boolean => graph.events[index]!.lost;
  const times = new TimedRecovery(graph, lostNow, { cyclic: analysis.cyclicGates });
  let cones: ConeEvaluator | undefined;
  // What holds now differs from the eventual answer only for a gate lost once the losses to come have
  // happened; whether it is lost today is then asked of its cone alone. One that can be lost at all with
  // them can be without them (no negations), so otherwise the two answers agree.
  const statusNow = (gate: NodeRef, eventually: TopStatus = analysis.statusOf(gate)): TopStatus => {
    if (eventually !== 'lost' || pending.length === 0) return eventually;
    cones ??= new ConeEvaluator(graph);
    return cones.isLost(graph.nameOf(gate), lostNow) ? 'lost' : 'at-risk';
  };

  // Whether a listed set takes its capability today, with the suspension dates still to come: asked only of
  // capabilities that rest on a suspension (most rest on none), over each capability's cone alone.
  const afterDeadline = (gate: NodeRef, name: string, listed: CutSetPageRequest): number[] | undefined => {
    if (!Number.isFinite(times.onsetBelow(gate)[0])) return undefined;
    cones ??= new ConeEvaluator(graph);
    const positions: number[] = [];
    analysis.cutSets(name, listed).sets.forEach((set, position) => {
      if (set.length === 0) return;
      const members = new Set(set);
      if (!cones!.isLost(graph.nameOf(gate), (index) => lostNow(index) || members.has(index)))
        positions.push(position);
    });
    return positions.length > 0 ? positions : undefined;
  };

  const analysed = <K extends string, A>(
    list: readonly CapabilityGate<K, A>[],
    capability: CapabilityGate<K, A>,
  ): CapabilityResult<K, A> => {
    const gate = analysis.topRef(capability.gate);
    // Listed, then counted, one capability after the other: the engine finds the cone's shape once for both.
    const listed = { limit: options.setLimit ?? 10 };
    const lockoutSets = analysis.namedCutSets(capability.gate, listed, factorRef).sets;
    const lockoutSetCounts = analysis.countsByOrder(capability.gate);
    const eventually = analysis.statusOf(gate);
    const wayGates = waysOf(graph, gate, capability.ways);
    const ways = capability.ways.map((way, position): WayResult => {
      const wayGate = wayGates[position]!;
      const status = statusNow(wayGate);
      return wayResult(way, status, status === 'lost' ? undefined : times.estimateOf(wayGate));
    });
    // A capability whose normal state is lost (no valid card on file, its own or its payer's) is lost now,
    // with its ways back.
    const standing = standingWay(list, capability);
    const standingLost =
      standing !== undefined &&
      statusNow(wayGates[capability.ways.indexOf(standing)] ?? gateNamed(graph, standing.gate)) === 'lost';
    const status = standingLost ? 'lost' : statusNow(gate, eventually);
    return {
      account: capability.account,
      capability: capability.capability,
      label: capability.label,
      gate: capability.gate,
      status,
      eventually: eventually === 'lost' && status !== 'lost' ? eventually : undefined,
      standingLost: standingLost || undefined,
      standingGate: standing?.gate,
      singlePointsOfFailure: analysis.singlePointsOfFailureOf(gate).map(factorRef),
      lockoutSetCounts,
      lockoutSets,
      lockoutSetsAfterDeadline: afterDeadline(gate, capability.gate, listed),
      ways,
      fastest: times.estimateOf(gate),
    };
  };

  // An account alike an earlier one: that one's results, renamed through the pairing of their nodes.
  const renamings: (Renaming<FactorRef> | undefined)[] = [];
  const renamed = (
    capability: CapabilityGate<C>,
    fromGate: CapabilityGate<C>,
    from: CapabilityResult<C>,
    names: Renaming<FactorRef>,
  ): CapabilityResult<C> => {
    const standing = standingWay(recovery.capabilities, capability);
    return {
      account: capability.account,
      capability: capability.capability,
      label: capability.label,
      gate: capability.gate,
      status: from.status,
      eventually: from.eventually,
      standingLost: from.standingLost,
      standingGate: standing?.gate,
      singlePointsOfFailure: names.refs(from.singlePointsOfFailure),
      lockoutSetCounts: from.lockoutSetCounts,
      lockoutSets: names.sets(from.lockoutSets),
      lockoutSetsAfterDeadline: from.lockoutSetsAfterDeadline,
      ways: renamedWays(capability, fromGate, from.ways, names),
      fastest: names.estimate(from.fastest),
    };
  };

  // One renaming per account, whose capabilities come one after the other.
  let current: { image: AlikeAccount['image']; renaming: Renaming<FactorRef> } | undefined;
  const renamingOf = (account: AlikeAccount): Renaming<FactorRef> => {
    if (current?.image !== account.image)
      current = { image: account.image, renaming: new Renaming(graph, account.image, factors) };
    return current.renaming;
  };
  const capabilities: CapabilityResult<C>[] = [];
  recovery.capabilities.forEach((capability, index) => {
    const account = alike?.[index];
    if (account === undefined) {
      renamings.push(undefined);
      capabilities.push(analysed(recovery.capabilities, capability));
      return;
    }
    const names = renamingOf(account);
    renamings.push(names);
    capabilities.push(
      renamed(capability, recovery.capabilities[account.from]!, capabilities[account.from]!, names),
    );
  });
  const outside = recovery.outsideCapabilities ?? [];
  return {
    capabilities,
    outsideCapabilities:
      outside.length > 0 ? outside.map((capability) => analysed(outside, capability)) : undefined,
    renamings,
  };
}

/** A way's result: what it is in the capability's words, where it stands and how long it takes. */
function wayResult(way: WayGate, status: TopStatus, duration: TimedEstimate | undefined): WayResult {
  return {
    id: way.id,
    label: way.label,
    short: way.short,
    status,
    duration,
    docs: way.docs,
    standing: way.standing,
    basis: way.basis,
  };
}

/**
 * The ways of a capability renamed from an account alike: each from the way of the same place there, with this
 * capability's own words. The other account's results themselves where the two share the way (members of one
 * payer share their ways) and nothing in its duration differs.
 */
function renamedWays<C extends string>(
  capability: CapabilityGate<C>,
  fromGate: CapabilityGate<C>,
  fromWays: readonly WayResult[],
  names: Renaming<FactorRef>,
): WayResult[] {
  let ways: WayResult[] | undefined;
  for (let position = 0; position < capability.ways.length; position++) {
    const way = capability.ways[position]!;
    const theirs = fromWays[position]!;
    const duration = theirs.duration && names.estimate(theirs.duration);
    const same = way === fromGate.ways[position] && duration === theirs.duration;
    if (ways === undefined && same) continue;
    ways ??= fromWays.slice(0, position);
    ways.push(same ? theirs : wayResult(way, theirs.status, duration));
  }
  return ways ?? (fromWays as WayResult[]);
}

/** A result renamed from an account alike, and how: lockout sets asked of it later are renamed alike. */
interface RenamedFrom<C extends string> {
  from: CapabilityResult<C>;
  renaming: Renaming<FactorRef>;
}

/**
 * The gates of a capability's ways: its gate's inputs, in the order of its ways as the builder defines them
 * (each checked by name, found by name otherwise), so that an Organization's 60,000 way names need not each
 * be hashed to be found.
 */
function waysOf(graph: FaultGraph, capability: NodeRef, ways: readonly WayGate[]): NodeRef[] {
  const inputs = graph.gates[capability.index]!.inputs;
  return ways.map((way, position) => {
    const input = inputs[position];
    return input?.type === 'gate' && graph.gates[input.index]!.name === way.gate
      ? input
      : gateNamed(graph, way.gate);
  });
}

/** A gate of the recovery graph, found once for every question asked of it. */
function gateNamed(graph: FaultGraph, name: string): NodeRef {
  const gate = graph.findGate(name);
  if (!gate) throw new Error(`no gate named "${name}" in the recovery graph`);
  return { type: 'gate', index: gate.index };
}
