/**
 * Why a gate is lost: a minimal subset of the losses that have happened which still takes it, found by
 * giving back one loss at a time (deletion filter). Reports use it to say "lost because the old phone is
 * lost", not "lost because of everything that is wrong".
 *
 * Only the gate's own cone is evaluated — the gates and events it reaches — by iterating from "everything
 * lost" down to the greatest fixed point of failure, which is the least fixed point of success the engine
 * uses for cycles. A scan with thousands of unknowns and accounts then costs per gate what its cone costs.
 */

import type { FaultGraph, Gate, Input } from './graph.js';

/**
 * Names of a minimal set of the graph's recorded losses (or of those `isLost` says, for a what-if) under which
 * the gate is still lost; [] if it holds.
 */
export function explainLoss(
  graph: FaultGraph,
  gateName: string,
  isLost: (eventIndex: number) => boolean = (index) => graph.events[index]!.lost,
): string[] {
  const root = graph.findGate(gateName);
  if (!root) return [];
  const cone = coneOf(graph, root);
  const recorded = cone.events.filter(isLost);
  const lostUnder = (losses: ReadonlySet<number>): boolean => evaluate(cone.gates, losses).get(root.index)!;
  if (!lostUnder(new Set(recorded))) return [];
  let needed = recorded;
  for (const candidate of recorded) {
    const without = needed.filter((index) => index !== candidate);
    if (lostUnder(new Set(without))) needed = without;
  }
  return needed.map((index) => graph.events[index]!.name);
}

/** The gates and events reachable from a gate, gates in discovery order. */
function coneOf(graph: FaultGraph, root: Gate): { gates: Gate[]; events: number[] } {
  const gates: Gate[] = [];
  const events = new Set<number>();
  const seen = new Set<number>([root.index]);
  const stack = [root];
  while (stack.length > 0) {
    const gate = stack.pop()!;
    gates.push(gate);
    for (const input of gate.inputs) {
      if (input.type === 'event') events.add(input.index);
      else if (input.type === 'gate' && !seen.has(input.index)) {
        seen.add(input.index);
        stack.push(graph.gates[input.index]!);
      }
    }
  }
  return { gates, events: [...events].sort((a, b) => a - b) };
}

/** Failure value of each gate of the cone when exactly `losses` are lost: the greatest fixed point. */
function evaluate(gates: readonly Gate[], losses: ReadonlySet<number>): Map<number, boolean> {
  let values = new Map<number, boolean>(gates.map((gate) => [gate.index, true]));
  const input = (value: Input): boolean =>
    value.type === 'constant'
      ? value.value
      : value.type === 'event'
        ? losses.has(value.index)
        : values.get(value.index)!;
  // Monotone on cycles (negations never lie on one): at most one change per gate per round.
  for (let round = 0; round <= gates.length + 1; round++) {
    const next = new Map<number, boolean>();
    let changed = false;
    for (const gate of gates) {
      const value = gateValue(gate, gate.inputs.map(input));
      next.set(gate.index, value);
      if (value !== values.get(gate.index)) changed = true;
    }
    values = next;
    if (!changed) break;
  }
  return values;
}

function gateValue(gate: Gate, args: boolean[]): boolean {
  const trueCount = args.filter(Boolean).length;
  switch (gate.kind) {
    case 'and':
      return trueCount === args.length;
    case 'or':
      return trueCount > 0;
    case 'nand':
      return trueCount !== args.length;
    case 'nor':
      return trueCount === 0;
    case 'atleast':
      return trueCount >= gate.min!;
    case 'not':
      return !args[0]!;
    case 'null':
      return args[0]!;
    case 'xor':
      return trueCount % 2 === 1;
    case 'iff':
      return trueCount % 2 === 0;
  }
}
