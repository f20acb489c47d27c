/**
 * What-if: given a set of losses, which top events still hold, which gates remain satisfiable and through
 * which inputs and minimal path sets, the single points of failure that appear, and for each top event
 * that is lost the fastest way back.
 *
 * A WhatIfBaseline compiles the graph once and keeps where everything stands before any what-if; each what-if
 * then re-evaluates only what lies above the lost events (their upward cone), so a dashboard click costs what
 * the losses touch, not what the graph holds. To allocate little, results share what they can: entries the
 * losses leave unchanged are the baseline's own (frozen), short lists are shared, and new single points that
 * are all the single points after are the same list. What few callers read is found when first read: every
 * gate's entry, and the way back of a top the losses take (most callers read the tops' statuses alone, and at
 * Organization scale a loss every account shares changes tens of thousands of each). Results are to be read,
 * not changed.
 */

import { adjacency, reachable, type Adjacency } from './adjacency.js';
import { GraphAnalysis, type TopStatus } from './analyze.js';
import { CompiledGraph } from './compile.js';
import { GraphError, type FaultGraph, type GateKind, type NodeRef } from './graph.js';
import { LossPropagation, type PropagatedLosses } from './loss-propagation.js';
import { FALSE, TRUE } from './pdag.js';
import { RecoveryTimes, type RecoveryEstimate } from './recovery-time.js';
import { SinglePoints } from './single-points.js';

export interface WhatIfOptions {
  /** Top events to report on; default: the graph's roots. */
  tops?: readonly string[];
  /** Hours from now to the provider's deadline, to compare recovery times with. */
  deadlineHours?: number;
  /** How many minimal path sets to list per top event that still holds. */
  pathLimit?: number;
}

export interface TopWhatIf {
  name: string;
  label: string;
  before: TopStatus;
  after: TopStatus;
  /** Event names whose loss alone would take the top, before and after the losses. */
  singlePointsBefore: string[];
  singlePointsAfter: string[];
  /** Single points of failure that the losses created. */
  newSinglePoints: string[];
  /** The smallest sets of factors that, kept, keep the top (only while it holds). */
  remainingPaths: string[][];
  /** For a top that is lost: the fastest way back (found when first read). */
  recovery?: RecoveryEstimate;
}

export interface GateWhatIf {
  name: string;
  label: string;
  status: TopStatus;
  /** Inputs (names) that still hold: for a gate of alternatives, the alternatives left. */
  holdingInputs: string[];
}

export interface WhatIfResult {
  losses: string[];
  tops: TopWhatIf[];
  /** Every gate of the graph, by index: built when first read. */
  readonly gates: GateWhatIf[];
}

export function whatIf(
  graph: FaultGraph,
  losses: readonly string[],
  options: WhatIfOptions = {},
): WhatIfResult {
  newlyLostEvents(graph, losses); // an unknown loss is reported before the graph is compiled
  return new WhatIfBaseline(graph, { tops: options.tops }).whatIf(losses, options);
}

/** Indices of the named events not lost already, each once; throws for a name that is no event. */
function newlyLostEvents(graph: FaultGraph, losses: readonly string[]): number[] {
  const indices = new Set<number>();
  for (const name of losses) {
    const event = graph.findEvent(name);
    if (!event) throw new GraphError(`no basic event named "${name}" to mark as lost`);
    if (!event.lost) indices.add(event.index);
  }
  return [...indices];
}

/** Statuses and single points of failure of the gates in the upward cone of the losses, once they happen. */
interface AfterLosses {
  gateStatus(gate: number): TopStatus;
  /** Names of the events whose loss alone would then take the gate, by event index. */
  gateSinglePoints(gate: number): string[];
  /** Whether the variables (event index + 1) of the gate's single points of failure are then exactly these. */
  gateHasSinglePointVariables(gate: number, variables: ArrayLike<number>): boolean;
}

/** One what-if's own state: the statuses after the losses (0 where unchanged) and what it asks for. */
interface Scenario {
  statusAfter: Uint8Array;
  after: AfterLosses;
  deadlineHours: number | undefined;
  pathLimit: number;
  paths: GraphAnalysis | undefined;
  recovery: RecoveryTimes | undefined;
}

/** The gates after losses propagated through a coherent baseline's compile. */
class PropagatedGates implements AfterLosses {
  constructor(
    private readonly propagated: PropagatedLosses,
    private readonly gateLiterals: Int32Array,
    private readonly eventNames: readonly string[],
  ) {}

  gateStatus(gate: number): TopStatus {
    return this.propagated.status(this.gateLiterals[gate]!);
  }

  gateSinglePoints(gate: number): string[] {
    return this.propagated.singlePoints(this.gateLiterals[gate]!, this.eventNames);
  }

  gateHasSinglePointVariables(gate: number, variables: ArrayLike<number>): boolean {
    return this.propagated.hasSinglePointVariables(this.gateLiterals[gate]!, variables);
  }
}

/** The gates after losses, from a compile of the graph with them. */
class RecompiledGates implements AfterLosses {
  private readonly compiled: CompiledGraph;
  private readonly singlePoints: SinglePoints;

  constructor(
    private readonly graph: FaultGraph,
    losses: readonly number[],
  ) {
    this.compiled = new CompiledGraph(graph, { extraLosses: new Set(losses) });
    this.singlePoints = new SinglePoints(this.compiled.pdag);
  }

  gateStatus(gate: number): TopStatus {
    const literal = this.compiled.gateLiteral(gate);
    if (literal === TRUE || this.singlePoints.isLostNow(literal)) return 'lost';
    return literal === FALSE ? 'cannot-be-lost' : 'at-risk';
  }

  gateSinglePoints(gate: number): string[] {
    return this.variables(gate).map((variable) => this.graph.events[variable - 1]!.name);
  }

  gateHasSinglePointVariables(gate: number, variables: ArrayLike<number>): boolean {
    return sameItems(this.variables(gate), variables);
  }

  private variables(gate: number): number[] {
    if (this.gateStatus(gate) !== 'at-risk') return [];
    return Array.from(this.singlePoints.flipSet(this.compiled.gateLiteral(gate)));
  }
}

/** A status as a small number, for typed arrays: its index in STATUSES plus one (0: not known here). */
const STATUSES: readonly TopStatus[] = ['lost', 'cannot-be-lost', 'at-risk'];
const LOST = 1;
const CANNOT_BE_LOST = 2;
const AT_RISK = 3;
const statusCode = (status: TopStatus): number =>
  status === 'lost' ? LOST : status === 'at-risk' ? AT_RISK : CANNOT_BE_LOST;

/** What a top looks like before any what-if, and after losses outside its cone. */
interface TopBaseline {
  ref: NodeRef;
  /** Its graph node: a gate's index, or the number of gates plus an event's index. */
  node: number;
  before: number;
  singlePointVariables: ArrayLike<number>;
  unchanged: TopWhatIf;
}

/** The gate kinds RecoveryTimes combines: the others negate. */
const WAY_BACK_KINDS: ReadonlySet<GateKind> = new Set<GateKind>(['and', 'or', 'atleast', 'null']);

/** Empty, and shared by every unchanged entry. */
const NONE: string[] = Object.freeze([]) as unknown as string[];
const NO_PATHS: string[][] = Object.freeze([]) as unknown as string[][];
const NO_VARIABLES = new Int32Array(0);

/**
 * A graph prepared for what-if: compiled once, with the status of every gate and event and the single points
 * of failure of the tops before any what-if. The graph must not change while a baseline is in use.
 *
 * Graph nodes are numbered as gates first, then events: gate g is node g, event e is node gateCount + e.
 */
export class WhatIfBaseline {
  readonly graph: FaultGraph;
  /** Tops reported when a what-if names none: those given when preparing, or the graph's roots. */
  readonly tops: readonly string[];
  private readonly compiled: CompiledGraph;
  private readonly singlePoints: SinglePoints;
  private readonly propagation: LossPropagation;
  /** No negated literal anywhere: losses can be propagated instead of compiled (see loss-propagation.ts). */
  private readonly coherent: boolean;
  private readonly gateCount: number;
  private readonly gateLiterals: Int32Array;
  private readonly eventNames: readonly string[];
  /**
   * No gate kind that time to recover refuses (negations, parity): a lost top's way back can then be found when
   * first read, as finding it cannot fail.
   */
  private readonly waysBackOnRead: boolean;
  /** Status code of every node before any what-if. */
  private readonly statusBefore: Uint8Array;
  /**
   * The inputs of each gate that holding inputs list, as nodes: inputNode[inputStart[g] .. inputStart[g + 1]),
   * named inputName[...]. They are found by name, a gate first, as GraphAnalysis.status finds them.
   */
  private readonly inputStart: Int32Array;
  private readonly inputNode: Int32Array;
  private readonly inputName: readonly string[];
  /** Per input: the frozen list of its name alone, once made. */
  private readonly inputAlone: (string[] | undefined)[];
  private readonly gatesBefore: readonly GateWhatIf[];
  /** Gates whose status or holding inputs may change when a node's status does, by node. */
  private readonly dependents: Adjacency;
  private readonly recoveryBefore: RecoveryTimes;
  private readonly topBaselines = new Map<string, TopBaseline>();
  private readonly preparedTops: readonly TopBaseline[];
  private readonly preparedNames: readonly string[];

  constructor(graph: FaultGraph, options: { tops?: readonly string[] | undefined } = {}) {
    this.graph = graph;
    this.tops = options.tops ?? graph.roots().map((gate) => gate.name);
    this.compiled = new CompiledGraph(graph);
    this.gateCount = graph.gates.length;
    this.gateLiterals = Int32Array.from(graph.gates, (gate) => this.compiled.gateLiteral(gate.index));
    this.eventNames = graph.events.map((event) => event.name);
    this.singlePoints = new SinglePoints(this.compiled.pdag);
    this.propagation = new LossPropagation(this.compiled.pdag, this.singlePoints);
    this.coherent =
      this.propagation.coherent && this.gateLiterals.every((literal) => literal > 0 || literal === FALSE);
    this.waysBackOnRead = graph.gates.every((gate) => WAY_BACK_KINDS.has(gate.kind));
    this.statusBefore = new Uint8Array(this.gateCount + graph.events.length);
    graph.gates.forEach((gate) => {
      this.statusBefore[gate.index] = statusCode(this.literalStatus(this.gateLiterals[gate.index]!));
    });
    graph.events.forEach((event) => {
      this.statusBefore[this.gateCount + event.index] = event.lost ? LOST : AT_RISK;
    });
    ({ inputStart: this.inputStart, inputNode: this.inputNode, inputName: this.inputName } = this.inputs());
    this.inputAlone = new Array<string[] | undefined>(this.inputName.length);
    this.dependents = this.dependencies();
    this.gatesBefore = graph.gates.map((gate) => {
      const entry = this.gateWhatIf(gate.index);
      Object.freeze(entry.holdingInputs);
      return Object.freeze(entry);
    });
    this.recoveryBefore = new RecoveryTimes(graph, (index) => graph.events[index]!.lost, {
      cyclic: this.compiled.cyclic,
      holds: (gate) => this.statusBefore[gate] !== LOST,
    });
    this.preparedNames = [...this.tops];
    this.preparedTops = this.preparedNames.map((name) => this.topBaseline(name));
  }

  whatIf(losses: readonly string[], options: WhatIfOptions = {}): WhatIfResult {
    const newlyLost = newlyLostEvents(this.graph, losses);
    const tops = this.topBaselinesFor(options.tops);
    // Only the gates above the losses can change.
    const lostNodes = newlyLost.map((event) => this.gateCount + event);
    const cone = reachable(this.dependents, lostNodes);
    const after = this.afterLosses(newlyLost);
    const statusAfter = this.statusesAfter(lostNodes, cone, after);
    const pathLimit = options.pathLimit ?? 10;
    const scenario: Scenario = {
      statusAfter,
      after,
      deadlineHours: options.deadlineHours,
      pathLimit,
      // Path sets come from the dual graph: built only when some are asked for.
      paths:
        pathLimit > 0
          ? new GraphAnalysis(this.graph, {
              tops: options.tops ?? this.tops,
              limitOrder: 20,
              losses,
              dual: true,
            })
          : undefined,
      recovery: undefined,
    };
    let gates: GateWhatIf[] | undefined;
    const gatesAfter = (): GateWhatIf[] => (gates ??= this.gatesAfter(statusAfter, lostNodes, cone));
    return {
      losses: [...losses],
      tops: this.topsAfter(tops, scenario),
      get gates() {
        return gatesAfter();
      },
    };
  }

  // Each loop over thousands of nodes has a method of its own, which the JIT then compiles once and keeps,
  // instead of recompiling a larger whole as each part of it first runs.

  /** Status codes after the losses of the lost events and the cone; 0 elsewhere, where nothing changes. */
  private statusesAfter(lostNodes: readonly number[], cone: Int32Array, after: AfterLosses): Uint8Array {
    const statusAfter = new Uint8Array(this.statusBefore.length);
    for (const node of lostNodes) statusAfter[node] = LOST;
    for (let i = 0; i < cone.length; i++) statusAfter[cone[i]!] = statusCode(after.gateStatus(cone[i]!));
    return statusAfter;
  }

  private topsAfter(tops: readonly TopBaseline[], scenario: Scenario): TopWhatIf[] {
    const results = new Array<TopWhatIf>(tops.length);
    for (let i = 0; i < tops.length; i++) results[i] = this.topWhatIf(tops[i]!, scenario);
    return results;
  }

  /** Every gate's entry: the baseline's, but for those whose status or an input's changed (all in the cone). */
  private gatesAfter(statusAfter: Uint8Array, lostNodes: readonly number[], cone: Int32Array): GateWhatIf[] {
    const rebuild = new Uint8Array(this.gateCount);
    for (const node of lostNodes) this.markDependents(node, rebuild);
    for (let i = 0; i < cone.length; i++) {
      const gate = cone[i]!;
      if (statusAfter[gate] === this.statusBefore[gate]) continue;
      rebuild[gate] = 1;
      this.markDependents(gate, rebuild);
    }
    const gates = this.gatesBefore.slice();
    for (let i = 0; i < cone.length; i++) {
      const gate = cone[i]!;
      if (rebuild[gate]) gates[gate] = this.gateWhatIf(gate, statusAfter);
    }
    return gates;
  }

  private markDependents(node: number, marks: Uint8Array): void {
    const { start, targets } = this.dependents;
    for (let i = start[node]!; i < start[node + 1]!; i++) marks[targets[i]!] = 1;
  }

  private topWhatIf(top: TopBaseline, scenario: Scenario): TopWhatIf {
    const { unchanged } = top;
    const { paths, pathLimit } = scenario;
    const name = unchanged.name;
    const code = scenario.statusAfter[top.node]!;
    if (code === 0) {
      if (top.before !== LOST && !paths) return unchanged;
      // The baseline's way back, found once for every what-if.
      if (top.before === LOST)
        return { ...unchanged, recovery: this.recoveryBefore.estimateOf(top.ref, scenario.deadlineHours) };
      return { ...unchanged, remainingPaths: remainingPaths(paths!, name, pathLimit) };
    }
    if (code === LOST) {
      const wayBack = (): RecoveryEstimate =>
        this.recoveryAfter(scenario).estimateOf(top.ref, scenario.deadlineHours);
      // A way back through a negation is an error, which the what-if reports as it is asked.
      return this.waysBackOnRead
        ? lostTop(unchanged, wayBack)
        : { ...lostTop(unchanged), recovery: wayBack() };
    }
    const isGate = top.node < this.gateCount;
    const sameSinglePoints = isGate
      ? scenario.after.gateHasSinglePointVariables(top.node, top.singlePointVariables)
      : top.singlePointVariables.length === 0;
    if (sameSinglePoints && code === top.before && !paths) return unchanged;
    const singlePointsBefore = unchanged.singlePointsBefore;
    const singlePointsAfter = sameSinglePoints
      ? singlePointsBefore
      : orNone(isGate ? scenario.after.gateSinglePoints(top.node) : NONE);
    return {
      name,
      label: unchanged.label,
      before: unchanged.before,
      after: STATUSES[code - 1]!,
      singlePointsBefore,
      singlePointsAfter,
      newSinglePoints: sameSinglePoints ? NONE : missingFrom(singlePointsBefore, singlePointsAfter),
      remainingPaths: paths ? remainingPaths(paths, name, pathLimit) : NO_PATHS,
    };
  }

  /** Time to recover once the losses happened, set up when a top they touch is lost. */
  private recoveryAfter(scenario: Scenario): RecoveryTimes {
    if (scenario.recovery) return scenario.recovery;
    const { statusAfter } = scenario;
    const lost = (event: number): boolean => this.statusOf(this.gateCount + event, statusAfter) === LOST;
    scenario.recovery = new RecoveryTimes(this.graph, lost, {
      cyclic: this.compiled.cyclic,
      holds: (gate) => this.statusOf(gate, statusAfter) !== LOST,
    });
    return scenario.recovery;
  }

  private afterLosses(newlyLost: readonly number[]): AfterLosses {
    if (this.coherent) {
      const propagated = this.propagation.propagate(newlyLost.map((event) => event + 1));
      return new PropagatedGates(propagated, this.gateLiterals, this.eventNames);
    }
    // Negations: folding may hinge on gates the losses make identical, which only a compile finds.
    return new RecompiledGates(this.graph, newlyLost);
  }

  /** As GraphAnalysis.status judges a literal of the compile before any what-if. */
  private literalStatus(literal: number): TopStatus {
    if (literal === TRUE || this.singlePoints.isLostNow(literal)) return 'lost';
    return literal === FALSE ? 'cannot-be-lost' : 'at-risk';
  }

  /** A gate's entry with the statuses after some losses (0 where unchanged), or before any. */
  private gateWhatIf(index: number, statusAfter?: Uint8Array): GateWhatIf {
    const gate = this.graph.gates[index]!;
    return {
      name: gate.name,
      label: gate.label ?? gate.name,
      status: STATUSES[this.statusOf(index, statusAfter) - 1]!,
      holdingInputs: this.holdingInputs(index, statusAfter),
    };
  }

  /**
   * Names of the gate's inputs that are not lost. Many are built per what-if: one left, the common case, is a
   * list made once per input and shared (frozen); longer ones are sized up front (push leaves spare room).
   */
  private holdingInputs(index: number, statusAfter?: Uint8Array): string[] {
    const start = this.inputStart[index]!;
    const end = this.inputStart[index + 1]!;
    let holding = 0;
    let last = start;
    for (let i = start; i < end; i++) {
      if (this.statusOf(this.inputNode[i]!, statusAfter) === LOST) continue;
      holding += 1;
      last = i;
    }
    if (holding === 0) return NONE;
    if (holding === 1) return (this.inputAlone[last] ??= Object.freeze([this.inputName[last]!]) as string[]);
    const names = new Array<string>(holding);
    for (let i = start, at = 0; at < holding; i++) {
      if (this.statusOf(this.inputNode[i]!, statusAfter) !== LOST) names[at++] = this.inputName[i]!;
    }
    return names;
  }

  /** A node's status code after some losses (statusAfter: 0 where unchanged), or before any. */
  private statusOf(node: number, statusAfter?: Uint8Array): number {
    return statusAfter?.[node] || this.statusBefore[node]!;
  }

  /** Names of the events of these variables; the shared empty list for none. */
  private eventNamesOf(variables: ArrayLike<number>): string[] {
    const names = new Array<string>(variables.length);
    for (let i = 0; i < names.length; i++) names[i] = this.eventNames[variables[i]! - 1]!;
    return orNone(names);
  }

  private topBaselinesFor(names: readonly string[] | undefined): readonly TopBaseline[] {
    if (names === undefined || this.arePrepared(names)) return this.preparedTops;
    return names.map((name) => this.topBaseline(name));
  }

  private arePrepared(names: readonly string[]): boolean {
    const prepared = this.preparedNames;
    if (names.length !== prepared.length) return false;
    for (let i = 0; i < names.length; i++) if (names[i] !== prepared[i]) return false;
    return true;
  }

  private topBaseline(name: string): TopBaseline {
    const known = this.topBaselines.get(name);
    if (known) return known;
    const ref = this.graph.find(name);
    if (!ref) throw new GraphError(`no gate or basic event named "${name}"`);
    const literal =
      ref.type === 'gate' ? this.gateLiterals[ref.index]! : this.compiled.eventLiteral(ref.index);
    const before = this.literalStatus(literal);
    const singlePointVariables = before === 'at-risk' ? this.singlePoints.flipSet(literal) : NO_VARIABLES;
    const singlePoints = Object.freeze(this.eventNamesOf(singlePointVariables)) as string[];
    const top: TopBaseline = {
      ref,
      node: ref.type === 'gate' ? ref.index : this.gateCount + ref.index,
      before: statusCode(before),
      singlePointVariables,
      unchanged: Object.freeze({
        name,
        label: this.graph.labelOf(ref),
        before,
        after: before,
        singlePointsBefore: singlePoints,
        singlePointsAfter: singlePoints,
        newSinglePoints: NONE,
        remainingPaths: NO_PATHS,
      }),
    };
    this.topBaselines.set(name, top);
    return top;
  }

  /** The non-constant inputs of every gate, as nodes found by name, and their names. */
  private inputs(): { inputStart: Int32Array; inputNode: Int32Array; inputName: string[] } {
    const graph = this.graph;
    const inputStart = new Int32Array(this.gateCount + 1);
    const nodes: number[] = [];
    const inputName: string[] = [];
    for (const gate of graph.gates) {
      for (const input of gate.inputs) {
        if (input.type === 'constant') continue;
        const name = graph.nameOf(input);
        const ref = graph.find(name)!;
        nodes.push(ref.type === 'gate' ? ref.index : this.gateCount + ref.index);
        inputName.push(name);
      }
      inputStart[gate.index + 1] = nodes.length;
    }
    return { inputStart, inputNode: Int32Array.from(nodes), inputName };
  }

  /**
   * Gates by the nodes they depend on: each of their inputs, and the node an input is found as by name when
   * that differs (an event named like a gate).
   */
  private dependencies(): Adjacency {
    const graph = this.graph;
    const edges: number[] = [];
    for (const gate of graph.gates) {
      let named = this.inputStart[gate.index]!;
      for (const input of gate.inputs) {
        if (input.type === 'constant') continue;
        const node = input.type === 'gate' ? input.index : this.gateCount + input.index;
        edges.push(node, gate.index);
        const foundByName = this.inputNode[named++]!;
        if (foundByName !== node) edges.push(foundByName, gate.index);
      }
    }
    return adjacency(this.statusBefore.length, edges);
  }
}

/** The names of `names` not in `known`, in order: `names` itself when none is known, NONE when all are. */
function missingFrom(known: readonly string[], names: string[]): string[] {
  let count = 0;
  for (let i = 0; i < names.length; i++) if (!known.includes(names[i]!)) count += 1;
  if (count === names.length) return names;
  if (count === 0) return NONE;
  const missing = new Array<string>(count);
  for (let i = 0, at = 0; i < names.length; i++) if (!known.includes(names[i]!)) missing[at++] = names[i]!;
  return missing;
}

/**
 * The entry of a top the losses take, with its way back found when first read and then kept: finding it walks
 * what lies below the top, tens of thousands of gates per what-if at Organization scale, while `lockout whatif`
 * reads the statuses alone (it times the ways back against the losses to come itself, with TimedRecovery).
 */
function lostTop(unchanged: TopWhatIf, wayBack?: () => RecoveryEstimate): TopWhatIf {
  // Lost, it has no single points of failure or paths left.
  const entry: TopWhatIf = {
    name: unchanged.name,
    label: unchanged.label,
    before: unchanged.before,
    after: 'lost',
    singlePointsBefore: unchanged.singlePointsBefore,
    singlePointsAfter: NONE,
    newSinglePoints: NONE,
    remainingPaths: NO_PATHS,
  };
  if (!wayBack) return entry;
  let recovery: RecoveryEstimate | undefined;
  return Object.defineProperty(entry, 'recovery', {
    get: () => (recovery ??= wayBack()),
    enumerable: true,
  });
}

/** The shared empty list in place of an empty one. */
function orNone(names: string[]): string[] {
  return names.length === 0 ? NONE : names;
}

function sameItems(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function remainingPaths(paths: GraphAnalysis, top: string, limit: number): string[][] {
  return paths.cutSets(top, { limit }).sets.map((set) => set.map((index) => paths.graph.events[index]!.name));
}
