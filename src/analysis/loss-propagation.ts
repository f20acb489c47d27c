/**
 * Further losses on a compiled graph without compiling it again: only the Pdag nodes above the lost variables
 * can change, so they alone are re-evaluated, in index order (a node's arguments come before it), each from
 * its arguments' new or unchanged value and flip set.
 *
 * This judges every node as compiling the graph with the losses would while no literal is negated: losses then
 * only make nodes true, so that compile folds a node to TRUE only where its value is true anyway, and to FALSE
 * only where it was FALSE already. With negations it may also fold x AND NOT x between gates that only the
 * losses made identical, so callers compile again for such graphs (see `coherent`).
 */

import { adjacency, reachable, type Adjacency } from './adjacency.js';
import type { TopStatus } from './analyze.js';
import { FALSE, TRUE, type Pdag, type PdagGate } from './pdag.js';
import { FlipCounter, type SinglePoints } from './single-points.js';

export class LossPropagation {
  /** No node of the Pdag has a negated argument. */
  readonly coherent: boolean;
  private readonly pdag: Pdag;
  private readonly counter: FlipCounter;
  /** Every node's value (1: true) with nothing more lost, by node. */
  private readonly baseValues: Uint8Array;
  /** Every node's flip set with nothing more lost: baseFlips[baseFlipStart[node] .. baseFlipStart[node + 1]). */
  private readonly baseFlipStart: Int32Array;
  private readonly baseFlips: Int32Array;
  /** Gates using each node as an argument. */
  private readonly parents: Adjacency;

  constructor(pdag: Pdag, singlePoints: SinglePoints) {
    this.pdag = pdag;
    this.counter = new FlipCounter(pdag.variableCount);
    const nodeCount = pdag.nodeCount;
    this.baseValues = new Uint8Array(nodeCount + 1);
    this.baseFlipStart = new Int32Array(nodeCount + 2);
    const flips: number[] = [];
    for (let node = 1; node <= nodeCount; node++) {
      this.baseValues[node] = singlePoints.isLostNow(node) ? 1 : 0;
      this.baseFlipStart[node] = flips.length;
      const nodeFlips = singlePoints.flipSet(node);
      for (let i = 0; i < nodeFlips.length; i++) flips.push(nodeFlips[i]!);
    }
    this.baseFlipStart[nodeCount + 1] = flips.length;
    this.baseFlips = Int32Array.from(flips);
    const edges: number[] = [];
    let coherent = true;
    pdag.gates.forEach((gate, position) => {
      for (const arg of gate.args) {
        if (arg < 0) coherent = false;
        edges.push(Math.abs(arg), pdag.variableCount + 1 + position);
      }
    });
    this.parents = adjacency(nodeCount + 1, edges);
    this.coherent = coherent;
  }

  /**
   * Where every node stands once these variables (1-based) are lost too. Only their upward cone is evaluated;
   * the rest is copied from the baseline in bulk, which costs little next to evaluating.
   */
  propagate(lostVariables: readonly number[]): PropagatedLosses {
    const evaluation = new ConeEvaluation(this.baseValues, this.baseFlipStart, this.baseFlips);
    for (const variable of lostVariables) evaluation.lose(variable);
    // In index order, each gate comes after its arguments.
    evaluation.evaluateAll(reachable(this.parents, lostVariables).sort(), this.pdag, this.counter);
    return new PropagatedLosses(
      evaluation.values,
      evaluation.flips,
      evaluation.flipStart,
      evaluation.flipEnd,
    );
  }
}

/**
 * The nodes' values and flip sets while a cone is evaluated, started from the baseline's. Flip sets live in
 * one pool, flips[flipStart[node] .. flipEnd[node]), that new ones are appended to: no object per node.
 * (The loop and the per-node work are methods of their own, which the JIT compiles once and keeps.)
 */
class ConeEvaluation {
  readonly values: Uint8Array;
  flips: Int32Array;
  readonly flipStart: Int32Array;
  readonly flipEnd: Int32Array;
  private used: number;

  constructor(baseValues: Uint8Array, baseFlipStart: Int32Array, baseFlips: Int32Array) {
    this.values = baseValues.slice();
    this.flipStart = baseFlipStart.slice(0, baseValues.length);
    this.flipEnd = baseFlipStart.slice(1);
    this.flips = new Int32Array(2 * baseFlips.length + 1);
    this.flips.set(baseFlips);
    this.used = baseFlips.length;
  }

  lose(variable: number): void {
    this.values[variable] = 1;
    this.flipEnd[variable] = this.flipStart[variable]!;
  }

  /** The gates of the cone, in index order. */
  evaluateAll(cone: Int32Array, pdag: Pdag, counter: FlipCounter): void {
    for (let i = 0; i < cone.length; i++) this.evaluate(cone[i]!, pdag.gate(cone[i]!), counter);
  }

  private evaluate(node: number, gate: PdagGate, counter: FlipCounter): void {
    const { values, flipStart, flipEnd } = this;
    const args = gate.args;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      counter.add(values[arg] === 1, this.flips, flipStart[arg], flipEnd[arg]);
    }
    values[node] = counter.finish(gate.type, gate.k) ? 1 : 0;
    if (this.used + counter.flipCount > this.flips.length) {
      const grown = new Int32Array(2 * this.flips.length + counter.flipCount);
      grown.set(this.flips);
      this.flips = grown;
    }
    flipStart[node] = this.used;
    for (let i = 0; i < counter.flipCount; i++) this.flips[this.used++] = counter.flips[i]!;
    flipEnd[node] = this.used;
  }
}

/**
 * Every literal of a coherent Pdag after the losses, as a fresh compile with them would judge it. Literals are
 * those of the compile without the losses: positive, or constants.
 */
export class PropagatedLosses {
  constructor(
    private readonly values: Uint8Array,
    private readonly flips: Int32Array,
    private readonly flipStart: Int32Array,
    private readonly flipEnd: Int32Array,
  ) {}

  status(literal: number): TopStatus {
    if (literal === FALSE) return 'cannot-be-lost';
    return literal === TRUE || this.values[literal] === 1 ? 'lost' : 'at-risk';
  }

  /**
   * What `byEvent` holds for each event whose loss alone makes the literal true, by event index; none unless the
   * literal is at risk.
   */
  singlePoints<T>(literal: number, byEvent: readonly T[]): T[] {
    if (this.status(literal) !== 'at-risk') return [];
    const start = this.flipStart[literal]!;
    const result = new Array<T>(this.flipEnd[literal]! - start);
    for (let i = 0; i < result.length; i++) result[i] = byEvent[this.flips[start + i]! - 1]!;
    return result;
  }

  /** Whether the variables (event index + 1) of the literal's single points of failure are exactly these. */
  hasSinglePointVariables(literal: number, variables: ArrayLike<number>): boolean {
    if (this.status(literal) !== 'at-risk') return variables.length === 0;
    const start = this.flipStart[literal]!;
    if (this.flipEnd[literal]! - start !== variables.length) return false;
    for (let i = 0; i < variables.length; i++) if (this.flips[start + i] !== variables[i]) return false;
    return true;
  }
}
