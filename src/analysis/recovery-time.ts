/**
 * Time to recover: for a set of losses, the fastest remaining way to restore a gate, its duration range
 * and cost, step by step, to compare with a deadline.
 *
 * Reading the failure graph from the success side: an AND of failures is a choice between alternatives
 * (the fastest one wins); an OR of failures means every input is needed (they are restored in parallel,
 * so the slowest one counts); "at least k of n fail" means n − k + 1 inputs must hold. A lost event takes
 * its own duration to restore (forever when it has none); a gate's duration is the process it stands for
 * (identity verification, a review), run once its inputs are in place. A gate met again on the path is
 * unusable: a capability reachable only through itself is not reachable.
 */

import { CompiledGraph, stronglyConnectedGates } from './compile.js';
import { TRUE } from './pdag.js';
import { SinglePoints } from './single-points.js';
import {
  GraphError,
  type DurationRange,
  type FaultGraph,
  type Gate,
  type Input,
  type NodeRef,
} from './graph.js';

export interface RecoveryStep {
  ref: NodeRef;
  name: string;
  label: string;
  /** 'restore' replaces a lost factor; 'process' runs the procedure a gate stands for. */
  kind: 'restore' | 'process';
  duration: DurationRange;
  cost: number;
  /**
   * Names of the steps that must be done before this one can start (a process waits for what its inputs
   * need; a restore waits for nothing), so callers can lay the steps out in time.
   */
  after: string[];
}

/** The same way's estimate is one object for every caller that asks: read it, do not change it. */
export interface RecoveryEstimate {
  /** Whether any way back exists; false when every path needs something that cannot be restored. */
  possible: boolean;
  /** Elapsed time of the fastest way, steps in parallel where they can be (hours). */
  duration: DurationRange;
  /** Sum of the costs of the steps of that way. */
  cost: number;
  /** The steps of that way, each once, slowest first. */
  steps: RecoveryStep[];
  /** Hours to spare before the deadline, for the fastest, typical and slowest cases (negative: late). */
  slack?: DurationRange;
}

/** Steps slowest first, then by name: the order estimates list them in. */
export function compareSteps(a: RecoveryStep, b: RecoveryStep): number {
  return b.duration.typical - a.duration.typical || a.name.localeCompare(b.name);
}

const ZERO: DurationRange = { min: 0, typical: 0, max: 0 };
const NEVER: DurationRange = { min: Infinity, typical: Infinity, max: Infinity };

interface Way {
  duration: DurationRange;
  /** Identity of the steps in this way: `e<index>` or `g<index>`. */
  steps: ReadonlyMap<string, RecoveryStep>;
}

// Shared: a way's steps are only ever read once it is built, and what-if asks for thousands at a time.
const NOTHING_TO_DO: Way = { duration: ZERO, steps: new Map() };
const IMPOSSIBLE: Way = { duration: NEVER, steps: new Map() };
/** The steps of every way when only durations are asked for: never filled. */
const NO_STEPS: ReadonlyMap<string, RecoveryStep> = new Map();

/** What a caller evaluating many situations on one graph already knows, so each estimate need not redo it. */
export interface KnownSituation {
  /** The graph's gates on a cycle, as stronglyConnectedGates finds them. */
  cyclic?: Uint8Array | undefined;
  /** Whether a gate holds (is not lost) in the situation considered. */
  holds?: ((gateIndex: number) => boolean) | undefined;
  /**
   * Another situation on the same graph, estimated with the same `cyclic`, that differs from this one only
   * below the gates marked 1 in `changedGates` (by gate index; read while estimating). Off cycles a gate's way
   * depends only on what lies below it, so every unmarked gate off a cycle takes its way from there.
   */
  like?: { times: RecoveryTimes; changedGates: Uint8Array } | undefined;
  /** Only durations are asked for: ways are then compared without collecting their steps (none are listed). */
  durationsOnly?: boolean | undefined;
}

export class RecoveryTimes {
  private readonly graph: FaultGraph;
  private readonly lost: (eventIndex: number) => boolean;
  private readonly cyclic: Uint8Array;
  /** By gate index, the way of each gate off cycles once found (an array: a Map was most of the walk). */
  private readonly memo: (Way | undefined)[] | undefined;
  /**
   * The same for a situation like another (see `like`), which finds the ways of only the few gates above a
   * change: an array the size of the graph for each was most of the time and garbage of trying every loss.
   */
  private readonly changedMemo: Map<number, Way> | undefined;
  /** 1 for the gates being expanded above the current one. */
  private readonly onPath: Uint8Array;
  /**
   * A way's estimate without a deadline: many gates share the way of a common input, and an Organization's
   * report holds the estimate of every capability and way. Shared, so read-only to callers.
   */
  private readonly estimates = new Map<Way, RecoveryEstimate>();
  private holds: ((gateIndex: number) => boolean) | undefined;
  private readonly like: KnownSituation['like'];
  private readonly durationsOnly: boolean;

  /** `lost` says which events are lost in the situation considered (recorded losses plus a what-if). */
  constructor(graph: FaultGraph, lost: (eventIndex: number) => boolean, known: KnownSituation = {}) {
    this.graph = graph;
    this.lost = lost;
    this.cyclic = known.cyclic ?? stronglyConnectedGates(graph).cyclic;
    this.holds = known.holds;
    this.like = known.like;
    this.durationsOnly = known.durationsOnly ?? false;
    if (known.like) this.changedMemo = new Map();
    else this.memo = new Array<Way | undefined>(graph.gates.length).fill(undefined);
    // Shared with the like situation, which is asked only about gates off cycles: no gate below one of those
    // can be on this path (it would close a cycle through it), so neither walk sees the other's marks.
    this.onPath = known.like?.times.onPath ?? new Uint8Array(graph.gates.length);
  }

  /** The fastest way to restore the named gate or event, compared with a deadline when given (hours). */
  estimate(name: string, deadlineHours?: number): RecoveryEstimate {
    const ref = this.graph.find(name);
    if (!ref) throw new GraphError(`no gate or basic event named "${name}"`);
    return this.estimateOf(ref, deadlineHours);
  }

  /** The duration of the fastest way to restore a gate or event, without its steps. */
  durationOf(ref: NodeRef): DurationRange {
    return (ref.type === 'event' ? this.eventWay(ref.index) : this.gateWay(ref.index)).duration;
  }

  /** As `estimate`, for a gate or event already found. */
  estimateOf(ref: NodeRef, deadlineHours?: number): RecoveryEstimate {
    const way = ref.type === 'event' ? this.eventWay(ref.index) : this.gateWay(ref.index);
    let estimate = this.estimates.get(way);
    if (!estimate) {
      const possible = Number.isFinite(way.duration.max);
      const steps = [...way.steps.values()].sort(compareSteps);
      estimate = {
        possible,
        duration: way.duration,
        cost: steps.reduce((sum, step) => sum + step.cost, 0),
        steps: possible ? steps : [],
      };
      this.estimates.set(way, estimate);
    }
    if (deadlineHours === undefined) return estimate;
    return {
      ...estimate,
      slack: {
        min: deadlineHours - way.duration.max,
        typical: deadlineHours - way.duration.typical,
        max: deadlineHours - way.duration.min,
      },
    };
  }

  private eventWay(index: number): Way {
    if (!this.lost(index)) return NOTHING_TO_DO;
    const event = this.graph.events[index]!;
    if (!event.duration) return IMPOSSIBLE;
    if (this.durationsOnly) return { duration: event.duration, steps: NO_STEPS };
    const step: RecoveryStep = {
      ref: { type: 'event', index },
      name: event.name,
      label: event.label ?? event.name,
      kind: 'restore',
      duration: event.duration,
      cost: event.cost ?? 0,
      after: [],
    };
    return { duration: event.duration, steps: new Map([[`e${index}`, step]]) };
  }

  /** Whether a gate holds (is not lost) in the situation considered; compiles the graph when first asked. */
  private holdsNow(index: number): boolean {
    this.holds ??= this.compileSituation();
    return this.holds(index);
  }

  private compileSituation(): (gateIndex: number) => boolean {
    const losses = new Set<number>();
    for (const event of this.graph.events) if (this.lost(event.index)) losses.add(event.index);
    const compiled = new CompiledGraph(this.graph, { ignoreRecordedLosses: true, extraLosses: losses });
    const singlePoints = new SinglePoints(compiled.pdag);
    return (gateIndex) => {
      const literal = compiled.gateLiteral(gateIndex);
      return literal !== TRUE && !singlePoints.isLostNow(literal);
    };
  }

  /**
   * The fastest way to restore a gate. Depth first on an explicit stack of the gates being combined (a chain of
   * dependencies may be thousands long), each gate marked on the path while its inputs are found, as a recursive
   * descent would.
   */
  private gateWay(index: number): Way {
    const first = this.startGate(index);
    if (!('gate' in first)) return first;
    const frames: WayFrame[] = [first];
    let way: Way = NOTHING_TO_DO;
    try {
      while (frames.length > 0) {
        const frame = frames[frames.length - 1]!;
        const inputs = frame.gate.inputs;
        if (frame.found < inputs.length) {
          const next = this.startInput(inputs[frame.found]!);
          if ('gate' in next) frames.push(next);
          else frame.inputs[frame.found++] = next;
          continue;
        }
        frames.pop();
        this.onPath[frame.gate.index] = 0;
        way = this.combine(frame.gate, frame.inputs);
        if (frame.cacheable) {
          if (this.memo) this.memo[frame.gate.index] = way;
          else this.changedMemo!.set(frame.gate.index, way);
        }
        const parent = frames[frames.length - 1];
        if (parent) parent.inputs[parent.found++] = way;
      }
    } finally {
      for (const frame of frames) this.onPath[frame.gate.index] = 0;
    }
    return way;
  }

  /** The gate's way when known without its inputs, else the gate to combine, marked on the path. */
  private startGate(index: number): Way | WayFrame {
    const like = this.like;
    if (like && !like.changedGates[index] && !this.cyclic[index]) return like.times.gateWay(index);
    // A condition that holds now (the account is not suspended yet) asks for nothing.
    if (this.graph.gates[index]!.state && this.holdsNow(index)) return NOTHING_TO_DO;
    // Outside cycles the answer does not depend on the path, so it is computed once.
    const cacheable = !this.cyclic[index];
    if (cacheable) {
      const known = this.memo ? this.memo[index] : this.changedMemo!.get(index);
      if (known) return known;
    }
    this.onPath[index] = 1;
    const gate = this.graph.gates[index]!;
    return { gate, inputs: new Array<Way>(gate.inputs.length), found: 0, cacheable };
  }

  private startInput(input: Input): Way | WayFrame {
    if (input.type === 'constant') return input.value ? IMPOSSIBLE : NOTHING_TO_DO;
    if (input.type === 'event') return this.eventWay(input.index);
    if (this.onPath[input.index]) return IMPOSSIBLE;
    return this.startGate(input.index);
  }

  private combine(gate: Gate, inputs: Way[]): Way {
    let needed: number;
    switch (gate.kind) {
      case 'and':
        needed = 1; // any one alternative that holds keeps the gate
        break;
      case 'or':
        needed = inputs.length; // every requirement must hold
        break;
      case 'atleast':
        needed = inputs.length - gate.min! + 1;
        break;
      case 'null':
        needed = 1;
        break;
      default:
        throw new GraphError(
          `gate "${gate.name}" (${gate.kind}): time to recover needs a graph without negation`,
        );
    }
    if (needed === 1 && !gate.duration) {
      // One alternative and no procedure of its own: the gate's way is that alternative's.
      const way = passedThrough(fastestOf(inputs));
      if (way !== undefined) return way;
    }
    // Every input needed: sorted only for the order of its steps, which a walk for durations alone never lists
    // (trying each loss for the dashboard sorted a copy of every such gate's inputs for nothing).
    const chosen =
      needed === 1
        ? [fastestOf(inputs)]
        : needed === inputs.length && (this.durationsOnly || byTypicalDuration(inputs))
          ? inputs
          : [...inputs].sort((a, b) => a.duration.typical - b.duration.typical).slice(0, needed);
    if (!gate.duration) {
      // Every requirement met already but one (or all of them), and no procedure of its own: the gate's way is
      // that one's, as combining would rebuild it. Most gates of an Organization, whose factors are in hand.
      const sole = soleWorkOf(chosen);
      const way = sole === undefined ? undefined : passedThrough(sole);
      if (way !== undefined) return way;
    }
    const steps = this.durationsOnly ? undefined : new Map<string, RecoveryStep>();
    let min = 0;
    let typical = 0;
    let max = 0;
    for (const way of chosen) {
      min = Math.max(min, way.duration.min);
      typical = Math.max(typical, way.duration.typical);
      max = Math.max(max, way.duration.max);
      if (steps) for (const [key, step] of way.steps) steps.set(key, step);
    }
    if (!Number.isFinite(max)) return IMPOSSIBLE;
    let duration: DurationRange = { min, typical, max };
    // A gate's duration is its own procedure (a review, a waiting period): it runs after its inputs hold.
    if (gate.duration) {
      const own = gate.duration;
      duration = {
        min: duration.min + own.min,
        typical: duration.typical + own.typical,
        max: duration.max + own.max,
      };
      if (!steps) return { duration, steps: NO_STEPS };
      const after = [...steps.values()].map((step) => step.name);
      steps.set(`g${gate.index}`, {
        ref: { type: 'gate', index: gate.index },
        name: gate.name,
        label: gate.label ?? gate.name,
        kind: 'process',
        duration: own,
        cost: gate.cost ?? 0,
        after,
      });
    }
    return { duration, steps: steps ?? NO_STEPS };
  }
}

/**
 * A gate whose way is being found: its inputs' ways, the first `found` of them known so far (a list of the
 * inputs' length from the start: grown by push, each was sixteen entries, for every gate of an Organization).
 */
interface WayFrame {
  readonly gate: Gate;
  readonly inputs: Way[];
  found: number;
  readonly cacheable: boolean;
}

/**
 * The way of a gate with no procedure of its own whose way is `way` alone, as combining would rebuild it (from
 * zero: so only for durations that are not negative); undefined when it must be combined.
 */
function passedThrough(way: Way): Way | undefined {
  const { min, typical, max } = way.duration;
  if (min < 0 || typical < 0 || max < 0) return undefined;
  return Number.isFinite(max) ? way : IMPOSSIBLE;
}

/** The one way that asks for anything (NOTHING_TO_DO when none does); undefined when several do. */
function soleWorkOf(ways: readonly Way[]): Way | undefined {
  let sole = NOTHING_TO_DO;
  for (const way of ways) {
    const { min, typical, max } = way.duration;
    if (way === NOTHING_TO_DO || (way.steps.size === 0 && min === 0 && typical === 0 && max === 0)) continue;
    if (sole !== NOTHING_TO_DO) return undefined;
    sole = way;
  }
  return sole;
}

/**
 * Whether the ways are in the order a stable sort by typical duration leaves them: every one is then needed as
 * it comes (most OR gates' inputs, in a graph where most ways are nothing to do), with no copy to sort.
 */
function byTypicalDuration(ways: readonly Way[]): boolean {
  for (let index = 1; index < ways.length; index++) {
    if (ways[index - 1]!.duration.typical > ways[index]!.duration.typical) return false;
  }
  return true;
}

/** The way a stable sort by typical duration puts first. */
function fastestOf(ways: readonly Way[]): Way {
  let fastest = ways[0]!;
  for (const way of ways) if (way.duration.typical < fastest.duration.typical) fastest = way;
  return fastest;
}

/**
 * Typical hours to exercise a capability (or get it back) through its fastest way. A capability without
 * declared ways (receiving billing notices) is judged by whether it holds, not by time: the engine's time
 * would count settling the bill for a mailbox whose domain the account hosts, while that mail works today.
 */
export function fastestHours(wayRefs: readonly NodeRef[], times: RecoveryTimes): number {
  if (wayRefs.length === 0) return 0;
  let fastest = Infinity;
  for (const way of wayRefs) fastest = Math.min(fastest, times.durationOf(way).typical);
  return fastest;
}
