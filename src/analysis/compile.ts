/**
 * Compiles a FaultGraph into the engine's normal form (Pdag): losses that already happened become TRUE,
 * MEF gate kinds become AND/OR/k-of-n over signed literals, and cycles are cut.
 *
 * Cycles: the graph is in failure logic, and success is the least fixed point — a capability reachable only
 * through itself is not reachable. In failure terms that is the greatest fixed point, obtained by unfolding:
 * when the expansion of a gate meets a gate that is already being expanded on the current path, that
 * occurrence is TRUE (lost). A minimal derivation of success never repeats a node along a branch, so this
 * is exact. Unfolding depends on which members of the same strongly connected component are on the path,
 * so such gates are compiled once per context; gates outside cycles are compiled once.
 */

import { FaultGraph, GraphError, type Gate, type GateKind, type Input } from './graph.js';
import { FALSE, Pdag, TRUE } from './pdag.js';

/** The path of a gate off cycles, or of a root: one list for all of them, never changed. */
const NO_PATH: readonly number[] = [];

/** More compiled copies of cyclic gates than this means the cycles are too entangled to unfold. */
const MAX_CYCLE_CONTEXTS = 200_000;

export interface CompileOptions {
  /** Events to treat as lost in addition to those whose `lost` flag is set (a what-if). */
  extraLosses?: ReadonlySet<number>;
  /** Ignore the graph's `lost` flags: analyse the design as if every factor were in hand. */
  ignoreRecordedLosses?: boolean;
  /**
   * Compile the dual: each variable then means "this factor is kept", each gate "this still holds", so the
   * minimal cut sets of the dual are the minimal path sets — the smallest sets of factors that, kept,
   * keep the gate. Lost events become FALSE and cycles cut to FALSE (success is the least fixed point).
   */
  dual?: boolean;
  /**
   * What checkedStructure found of this very graph, for many analyses of one graph (the dashboard's scenarios):
   * each would otherwise walk every gate of 10,000 accounts to analyse the cones of a few thousand.
   */
  structure?: GraphStructure | undefined;
}

/** The strongly connected components of a graph's gates, as stronglyConnectedGates finds them. */
export type GraphStructure = ReturnType<typeof stronglyConnectedGates>;

/**
 * The gates' components and cycles (found already, or found now), once the graph is known to be compilable:
 * every gate referenced is defined, and no negation lies on a cycle.
 */
export function checkedStructure(
  graph: FaultGraph,
  structure: GraphStructure = stronglyConnectedGates(graph),
): GraphStructure {
  const undefinedGate = graph.undefinedGates()[0];
  if (undefinedGate) throw new GraphError(`gate "${undefinedGate.name}" is referenced but never defined`);
  for (const gate of graph.gates) {
    if (structure.cyclic[gate.index] && isNegating(gate)) {
      throw new GraphError(
        `gate "${gate.name}" (${gate.kind}) lies on a cycle: a cycle through a negation has no least fixed point`,
      );
    }
  }
  return structure;
}

export class CompiledGraph {
  readonly pdag: Pdag;
  private readonly graph: FaultGraph;
  private readonly lostEvents: Uint8Array;
  private readonly component: Int32Array;
  /** Gates on a cycle (see stronglyConnectedGates). */
  readonly cyclic: Uint8Array;
  /** By gate index, the literal of each gate off cycles once compiled (0, never a literal: not yet). */
  private readonly plain: Int32Array;
  private readonly contextual = new Map<string, number>();
  /** TRUE in failure logic; FALSE in the dual: the value of a lost factor and of a cycle's back edge. */
  private readonly lostValue: number;
  private readonly dual: boolean;

  constructor(graph: FaultGraph, options: CompileOptions = {}) {
    this.graph = graph;
    this.dual = options.dual ?? false;
    this.lostValue = this.dual ? FALSE : TRUE;
    this.pdag = new Pdag(graph.events.length);
    this.plain = new Int32Array(graph.gates.length);
    this.lostEvents = new Uint8Array(graph.events.length);
    for (const event of graph.events) {
      if ((event.lost && !options.ignoreRecordedLosses) || options.extraLosses?.has(event.index)) {
        this.lostEvents[event.index] = 1;
      }
    }
    ({ component: this.component, cyclic: this.cyclic } = options.structure ?? checkedStructure(graph));
  }

  /** The literal of an event's variable (1-based), or TRUE when the loss has already happened. */
  eventLiteral(eventIndex: number): number {
    return this.lostEvents[eventIndex] ? this.lostValue : eventIndex + 1;
  }

  isLost(eventIndex: number): boolean {
    return this.lostEvents[eventIndex] === 1;
  }

  /** The literal of a gate when it is the root of the analysis (no gate above it on the path). */
  gateLiteral(gateIndex: number): number {
    // Asked for every capability and way of an Organization, mostly of gates compiled already.
    return this.plain[gateIndex] || this.compileGate(gateIndex, NO_PATH);
  }

  /**
   * The literal of a gate compiled with `path` (members of its cycle component being expanded above it). An
   * explicit stack of gates being expanded, not recursion: a chain of 100,000 gates is a real Organization's
   * depth in reach, and every gate is combined after its inputs, exactly as a recursive descent would.
   */
  private compileGate(gateIndex: number, path: readonly number[]): number {
    const first = this.lookup(gateIndex, path);
    if (typeof first === 'number') return first;
    const frames: Expansion[] = [first];
    let literal = 0;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const inputs = frame.gate.inputs;
      let child: Expansion | undefined;
      while (frame.found < inputs.length) {
        const arg = this.inputLiteral(frame.gate, inputs[frame.found]!, frame.inner);
        if (typeof arg !== 'number') {
          child = arg;
          break;
        }
        frame.args[frame.found++] = arg;
      }
      if (child) {
        frames.push(child);
        continue;
      }
      frames.pop();
      literal = this.combine(frame.gate, frame.args);
      if (frame.key === undefined) this.plain[frame.gate.index] = literal;
      else this.contextual.set(frame.key, literal);
      const parent = frames[frames.length - 1];
      if (parent) parent.args[parent.found++] = literal;
    }
    return literal;
  }

  /** The gate's literal when already compiled in this context, else the expansion to run. */
  private lookup(gateIndex: number, path: readonly number[]): number | Expansion {
    const gate = this.graph.gates[gateIndex]!;
    if (!this.cyclic[gateIndex]) {
      return this.plain[gateIndex] || expansion(gate, undefined, NO_PATH);
    }
    const key = `${gateIndex}|${path.join(',')}`;
    const known = this.contextual.get(key);
    if (known !== undefined) return known;
    if (this.contextual.size >= MAX_CYCLE_CONTEXTS) {
      throw new GraphError(`the cycles through gate "${gate.name}" are too entangled to unfold`);
    }
    const inner = [...path, gateIndex].sort((a, b) => a - b);
    return expansion(gate, key, inner);
  }

  /** The gate's function of its inputs' literals, in the logic compiled (failure, or success for the dual). */
  private combine(gate: Gate, args: number[]): number {
    const pdag = this.pdag;
    switch (this.dual ? dualKind(gate.kind, args.length) : gate.kind) {
      case 'and':
        return pdag.and(args);
      case 'or':
        return pdag.or(args);
      case 'nand':
        return -pdag.and(args);
      case 'nor':
        return -pdag.or(args);
      case 'atleast':
        // The dual of "at least k of n fail" is "at least n − k + 1 of n hold".
        return pdag.atLeast(this.dual ? args.length - gate.min! + 1 : gate.min!, args);
      case 'not':
        return -args[0]!;
      case 'null':
        return args[0]!;
      case 'xor':
        return pdag.xor(args);
      case 'iff':
        return -pdag.xor(args);
    }
  }

  /** `path`: the members of the parent's cycle component being expanded, the parent included. */
  private inputLiteral(parent: Gate, input: Input, path: readonly number[]): number | Expansion {
    switch (input.type) {
      case 'constant':
        return input.value !== this.dual ? TRUE : FALSE;
      case 'event':
        return this.eventLiteral(input.index);
      case 'gate': {
        const child = input.index;
        if (!this.cyclic[child] || this.component[child] !== this.component[parent.index]) {
          return this.lookup(child, NO_PATH);
        }
        // Met again while being expanded: reachable only through itself, so lost.
        if (path.includes(child)) return this.lostValue;
        return this.lookup(child, path);
      }
    }
  }
}

/**
 * A gate being expanded: its cache key (none outside cycles), the cycle path below it, its inputs' literals,
 * the first `found` of them known so far (a list of the inputs' length from the start, not grown by push).
 */
interface Expansion {
  readonly gate: Gate;
  readonly key: string | undefined;
  readonly inner: readonly number[];
  readonly args: number[];
  found: number;
}

function expansion(gate: Gate, key: string | undefined, inner: readonly number[]): Expansion {
  return { gate, key, inner, args: new Array<number>(gate.inputs.length), found: 0 };
}

/** The kind whose function is the dual, f^d(x) = ¬f(¬x), of the given kind with n inputs. */
function dualKind(kind: GateKind, n: number): GateKind {
  switch (kind) {
    case 'and':
      return 'or';
    case 'or':
      return 'and';
    case 'nand':
      return 'nor';
    case 'nor':
      return 'nand';
    case 'xor':
      return n % 2 === 0 ? 'iff' : 'xor';
    case 'iff':
      return n % 2 === 0 ? 'xor' : 'iff';
    default:
      return kind; // not, null, and atleast (whose threshold changes instead)
  }
}

function isNegating(gate: Gate): boolean {
  return (
    gate.kind === 'not' ||
    gate.kind === 'nand' ||
    gate.kind === 'nor' ||
    gate.kind === 'xor' ||
    gate.kind === 'iff'
  );
}

/**
 * How many gates lie on cycles: the MEF standard and SCRAM refuse any, which `export` and `analyze` say; the
 * engine reads them as recovery does (see CompiledGraph).
 */
export function cyclicGateCount(graph: FaultGraph): number {
  return stronglyConnectedGates(graph).cyclic.reduce((sum, flag) => sum + flag, 0);
}

/**
 * Tarjan's algorithm over gate → gate edges, iterative so deep graphs do not overflow the stack; the edges and
 * both stacks in typed arrays (a list per gate and a frame per node were 200 MB of garbage at 10,000 accounts).
 */
export function stronglyConnectedGates(graph: FaultGraph): { component: Int32Array; cyclic: Uint8Array } {
  const n = graph.gates.length;
  const index = new Int32Array(n).fill(-1);
  const lowLink = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const cyclic = new Uint8Array(n);
  // Gate g's gate inputs, in order: children[childStart[g]..childStart[g + 1]].
  const childStart = new Int32Array(n + 1);
  let edges = 0;
  for (let gate = 0; gate < n; gate++) {
    childStart[gate] = edges;
    for (const input of graph.gates[gate]!.inputs) if (input.type === 'gate') edges++;
  }
  childStart[n] = edges;
  const children = new Int32Array(edges);
  edges = 0;
  for (const gate of graph.gates) {
    for (const input of gate.inputs) if (input.type === 'gate') children[edges++] = input.index;
  }
  const stack = new Int32Array(n);
  let stackTop = 0;
  // The nodes being explored (each pushed once, when first reached) and how many of their edges are done.
  const workNode = new Int32Array(n);
  const workNext = new Int32Array(n);
  let counter = 0;
  let components = 0;
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    workNode[0] = start;
    workNext[0] = 0;
    let workTop = 1;
    while (workTop > 0) {
      const frame = workTop - 1;
      const node = workNode[frame]!;
      const next = workNext[frame]!;
      if (next === 0 && index[node] === -1) {
        index[node] = lowLink[node] = counter++;
        stack[stackTop++] = node;
        onStack[node] = 1;
      }
      const edge = childStart[node]! + next;
      if (edge < childStart[node + 1]!) {
        workNext[frame] = next + 1;
        const child = children[edge]!;
        if (child === node) cyclic[node] = 1;
        if (index[child] === -1) {
          workNode[workTop] = child;
          workNext[workTop] = 0;
          workTop++;
        } else if (onStack[child]) lowLink[node] = Math.min(lowLink[node]!, index[child]!);
        continue;
      }
      workTop--;
      if (workTop > 0) {
        const parent = workNode[workTop - 1]!;
        lowLink[parent] = Math.min(lowLink[parent]!, lowLink[node]!);
      }
      if (lowLink[node] === index[node]) {
        // Its component is the stack from the node up.
        let from = stackTop - 1;
        while (stack[from] !== node) from--;
        for (let at = from; at < stackTop; at++) {
          const member = stack[at]!;
          onStack[member] = 0;
          component[member] = components;
          if (stackTop - from > 1) cyclic[member] = 1;
        }
        stackTop = from;
        components += 1;
      }
    }
  }
  return { component, cyclic };
}
