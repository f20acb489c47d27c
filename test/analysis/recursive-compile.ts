/**
 * The compiler as it was before it became iterative (recursive descent): the reference the property test
 * compares the iterative one with. It overflows the stack on deep graphs, which is why it was replaced.
 */

import { stronglyConnectedGates, type CompileOptions } from '../../src/analysis/compile.js';
import { FaultGraph, GraphError, type Gate, type GateKind, type Input } from '../../src/analysis/graph.js';
import { FALSE, Pdag, TRUE } from '../../src/analysis/pdag.js';

const MAX_CYCLE_CONTEXTS = 200_000;

export class RecursiveCompiledGraph {
  readonly pdag: Pdag;
  private readonly graph: FaultGraph;
  private readonly lostEvents: Uint8Array;
  private readonly component: Int32Array;
  /** Gates on a cycle (see stronglyConnectedGates). */
  readonly cyclic: Uint8Array;
  private readonly plain = new Map<number, number>();
  private readonly contextual = new Map<string, number>();
  /** TRUE in failure logic; FALSE in the dual: the value of a lost factor and of a cycle's back edge. */
  private readonly lostValue: number;
  private readonly dual: boolean;

  constructor(graph: FaultGraph, options: CompileOptions = {}) {
    this.graph = graph;
    this.dual = options.dual ?? false;
    this.lostValue = this.dual ? FALSE : TRUE;
    this.pdag = new Pdag(graph.events.length);
    this.lostEvents = new Uint8Array(graph.events.length);
    for (const event of graph.events) {
      if ((event.lost && !options.ignoreRecordedLosses) || options.extraLosses?.has(event.index)) {
        this.lostEvents[event.index] = 1;
      }
    }
    const undefinedGate = graph.undefinedGates()[0];
    if (undefinedGate) throw new GraphError(`gate "${undefinedGate.name}" is referenced but never defined`);
    ({ component: this.component, cyclic: this.cyclic } = stronglyConnectedGates(graph));
    for (const gate of graph.gates) {
      if (this.cyclic[gate.index] && isNegating(gate)) {
        throw new GraphError(
          `gate "${gate.name}" (${gate.kind}) lies on a cycle: a cycle through a negation has no least fixed point`,
        );
      }
    }
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
    return this.compileGate(gateIndex, []);
  }

  private compileGate(gateIndex: number, path: readonly number[]): number {
    if (!this.cyclic[gateIndex]) {
      const known = this.plain.get(gateIndex);
      if (known !== undefined) return known;
      const literal = this.expand(this.graph.gates[gateIndex]!, []);
      this.plain.set(gateIndex, literal);
      return literal;
    }
    const key = `${gateIndex}|${path.join(',')}`;
    const known = this.contextual.get(key);
    if (known !== undefined) return known;
    if (this.contextual.size >= MAX_CYCLE_CONTEXTS) {
      throw new GraphError(
        `the cycles through gate "${this.graph.gates[gateIndex]!.name}" are too entangled to unfold`,
      );
    }
    const inner = [...path, gateIndex].sort((a, b) => a - b);
    const literal = this.expand(this.graph.gates[gateIndex]!, inner);
    this.contextual.set(key, literal);
    return literal;
  }

  /** `path`: the members of this gate's cycle component being expanded above it, itself included. */
  private expand(gate: Gate, path: readonly number[]): number {
    const args = gate.inputs.map((input) => this.inputLiteral(gate, input, path));
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

  private inputLiteral(parent: Gate, input: Input, path: readonly number[]): number {
    switch (input.type) {
      case 'constant':
        return input.value !== this.dual ? TRUE : FALSE;
      case 'event':
        return this.eventLiteral(input.index);
      case 'gate': {
        const child = input.index;
        if (!this.cyclic[child] || this.component[child] !== this.component[parent.index]) {
          return this.compileGate(child, []);
        }
        // Met again while being expanded: reachable only through itself, so lost.
        if (path.includes(child)) return this.lostValue;
        return this.compileGate(child, path);
      }
    }
  }
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
