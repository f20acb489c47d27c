/**
 * Whether one gate is lost under a given set of lost events, evaluated over that gate's cone alone: for asking
 * many small questions ("does this set take this capability today?") where compiling the whole graph, or a
 * what-if over every gate above the losses, would cost far more than the answer. Cycles are least fixed
 * points of success, as everywhere in the engine: a gate starts lost and is won back only through inputs that
 * hold without it.
 */

import { GraphError, type FaultGraph, type Gate, type Input } from './graph.js';

export class ConeEvaluator {
  /** Each gate's cone (its index, then every gate below it), once asked. */
  private readonly cones = new Map<number, Int32Array>();
  private readonly lostGate: Uint8Array;

  constructor(private readonly graph: FaultGraph) {
    this.lostGate = new Uint8Array(graph.gates.length);
  }

  /** Whether the named gate is lost when exactly the events `lost` says are. */
  isLost(gateName: string, lost: (eventIndex: number) => boolean): boolean {
    const gate = this.graph.findGate(gateName);
    if (!gate) throw new GraphError(`no gate named "${gateName}"`);
    const cone = this.coneOf(gate.index);
    for (const index of cone) this.lostGate[index] = 1;
    // Values only go from lost to holding, so this ends within one pass per gate of the cone at worst.
    for (let changed = true; changed;) {
      changed = false;
      for (let i = cone.length - 1; i >= 0; i--) {
        const index = cone[i]!;
        if (this.lostGate[index] === 0) continue;
        if (!this.evaluate(this.graph.gates[index]!, lost)) {
          this.lostGate[index] = 0;
          changed = true;
        }
      }
    }
    return this.lostGate[gate.index] === 1;
  }

  private evaluate(gate: Gate, lost: (eventIndex: number) => boolean): boolean {
    const value = (input: Input): boolean =>
      input.type === 'constant'
        ? input.value
        : input.type === 'event'
          ? lost(input.index)
          : this.lostGate[input.index] === 1;
    switch (gate.kind) {
      case 'and':
        return gate.inputs.every(value);
      case 'or':
        return gate.inputs.some(value);
      case 'null':
        return value(gate.inputs[0]!);
      case 'atleast':
        return gate.inputs.filter(value).length >= (gate.min ?? 1);
      default:
        // Negations have no least fixed point to start from here: the callers' graphs use none.
        throw new GraphError(
          `gate "${gate.name}" is a ${gate.kind}: only and, or, k-of-n and null are evaluated`,
        );
    }
  }

  /** The gates below `root` (itself first), found once, on an explicit stack. */
  private coneOf(root: number): Int32Array {
    const known = this.cones.get(root);
    if (known) return known;
    const seen = new Set<number>([root]);
    const order: number[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const index = stack.pop()!;
      order.push(index);
      for (const input of this.graph.gates[index]!.inputs) {
        if (input.type === 'gate' && !seen.has(input.index)) {
          seen.add(input.index);
          stack.push(input.index);
        }
      }
    }
    const cone = Int32Array.from(order);
    this.cones.set(root, cone);
    return cone;
  }
}
