/**
 * Reference semantics for the engine's tests, by exhaustion: evaluate a FaultGraph under a set of losses
 * as the greatest fixed point of failure (least fixed point of success), and list minimal cut sets by
 * trying every subset of events.
 */

import type { FaultGraph, Gate, Input } from '../../src/analysis/graph.js';

/** Failure value of every gate when exactly the events in `lost` (plus those flagged lost) are lost. */
export function evaluate(graph: FaultGraph, lost: ReadonlySet<number>): boolean[] {
  // Start from "everything failed" and iterate to the greatest fixed point (monotone on cycles).
  let values = graph.gates.map(() => true);
  for (let round = 0; round <= graph.gates.length + 1; round++) {
    const next = graph.gates.map((gate) => gateValue(graph, gate, lost, values));
    if (next.every((value, i) => value === values[i])) return next;
    values = next;
  }
  return values;
}

function inputValue(graph: FaultGraph, input: Input, lost: ReadonlySet<number>, values: boolean[]): boolean {
  if (input.type === 'constant') return input.value;
  if (input.type === 'event') return lost.has(input.index) || graph.events[input.index]!.lost;
  return values[input.index]!;
}

function gateValue(graph: FaultGraph, gate: Gate, lost: ReadonlySet<number>, values: boolean[]): boolean {
  const args = gate.inputs.map((input) => inputValue(graph, input, lost, values));
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

/** Minimal sets of events (sorted indices) whose loss makes the gate true, by trying all subsets. */
export function bruteForceCutSets(graph: FaultGraph, gateIndex: number): number[][] {
  const n = graph.events.length;
  const solutions: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const lost = new Set<number>();
    for (let i = 0; i < n; i++) if (mask & (1 << i)) lost.add(i);
    if (evaluate(graph, lost)[gateIndex]) solutions.push(mask);
  }
  const minimal = solutions.filter(
    (mask) => !solutions.some((other) => other !== mask && (other & mask) === other),
  );
  return minimal
    .map((mask) => [...Array(n).keys()].filter((i) => mask & (1 << i)))
    .sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
}

/** Exact probability of the gate by summing over all assignments. */
export function bruteForceProbability(graph: FaultGraph, gateIndex: number): number {
  const n = graph.events.length;
  let total = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const lost = new Set<number>();
    let weight = 1;
    for (let i = 0; i < n; i++) {
      const p = graph.events[i]!.probability ?? 0;
      if (mask & (1 << i)) {
        lost.add(i);
        weight *= p;
      } else weight *= 1 - p;
    }
    if (evaluate(graph, lost)[gateIndex]) total += weight;
  }
  return total;
}
