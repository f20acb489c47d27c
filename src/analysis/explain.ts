/**
 * Why a gate is lost: a minimal subset of the losses that have happened which still takes it, found by
 * giving back one loss at a time (deletion filter). Reports use it to say "lost because the old phone is
 * lost", not "lost because of everything that is wrong".
 *
 * Only the gate's own cone is evaluated — the gates and events it reaches — by iterating from "everything
 * lost" down to the greatest fixed point of failure, which is the least fixed point of success the engine
 * uses for cycles. A scan with thousands of unknowns and accounts then costs per gate what its cone costs.
 */

import type { FaultGraph, Gate } from './graph.js';

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
  const cone = compileCone(graph, root);
  // By position in the cone's events: the deletion filter gives them back one at a time.
  const losses = new Uint8Array(cone.events.length);
  const recorded: number[] = [];
  cone.events.forEach((event, position) => {
    if (isLost(event)) {
      losses[position] = 1;
      recorded.push(position);
    }
  });
  const values = new Uint8Array(cone.gates.length);
  const next = new Uint8Array(cone.gates.length);
  if (!rootLostUnder(cone, losses, values, next)) return [];
  for (const candidate of recorded) {
    losses[candidate] = 0;
    if (!rootLostUnder(cone, losses, values, next)) losses[candidate] = 1;
  }
  return recorded
    .filter((position) => losses[position] === 1)
    .map((position) => graph.events[cone.events[position]!]!.name);
}

/**
 * A gate's cone with each input as a position in it, so that evaluating it under a set of losses (once per
 * loss the deletion filter gives back, for thousands of ways of an Organization's report) allocates nothing.
 */
interface CompiledCone {
  /** The gates reachable from the root (itself first), in discovery order. */
  gates: Gate[];
  /** The events reachable, by index. */
  events: number[];
  /** Gate `g`'s inputs are `inputs[inputStart[g]..inputStart[g + 1]]`. */
  inputStart: Int32Array;
  /** An input: FALSE_INPUT, TRUE_INPUT, an event's position (2 + 2e) or a gate's (3 + 2g). */
  inputs: Int32Array;
}

const FALSE_INPUT = 0;
const TRUE_INPUT = 1;

/**
 * Marks of the gates and events already in the cone being compiled, with their positions, by graph: kept from
 * one call to the next (an Organization's report asks of thousands of gates, each cone a few dozen nodes).
 */
interface ConeScratch {
  stamp: number;
  gateStamps: Int32Array;
  gatePositions: Int32Array;
  eventStamps: Int32Array;
  eventPositions: Int32Array;
}

const scratchOf = new WeakMap<FaultGraph, ConeScratch>();

function coneScratch(graph: FaultGraph): ConeScratch {
  let scratch = scratchOf.get(graph);
  // A graph still growing outgrows its marks: new ones, as large as it is now.
  if (
    scratch === undefined ||
    scratch.gateStamps.length < graph.gates.length ||
    scratch.eventStamps.length < graph.events.length
  ) {
    scratch = {
      stamp: 0,
      gateStamps: new Int32Array(graph.gates.length),
      gatePositions: new Int32Array(graph.gates.length),
      eventStamps: new Int32Array(graph.events.length),
      eventPositions: new Int32Array(graph.events.length),
    };
    scratchOf.set(graph, scratch);
  }
  return scratch;
}

/** The gates and events reachable from a gate (gates in discovery order, events by index), compiled. */
function compileCone(graph: FaultGraph, root: Gate): CompiledCone {
  const scratch = coneScratch(graph);
  const stamp = ++scratch.stamp;
  const { gateStamps, gatePositions, eventStamps, eventPositions } = scratch;
  const gates: Gate[] = [];
  const events: number[] = [];
  gateStamps[root.index] = stamp;
  const stack = [root];
  let inputCount = 0;
  while (stack.length > 0) {
    const gate = stack.pop()!;
    gatePositions[gate.index] = gates.length;
    gates.push(gate);
    inputCount += gate.inputs.length;
    for (const input of gate.inputs) {
      if (input.type === 'event') {
        if (eventStamps[input.index] !== stamp) {
          eventStamps[input.index] = stamp;
          events.push(input.index);
        }
      } else if (input.type === 'gate' && gateStamps[input.index] !== stamp) {
        gateStamps[input.index] = stamp;
        stack.push(graph.gates[input.index]!);
      }
    }
  }
  events.sort((a, b) => a - b);
  events.forEach((event, position) => (eventPositions[event] = position));
  const inputStart = new Int32Array(gates.length + 1);
  const inputs = new Int32Array(inputCount);
  let at = 0;
  for (const [position, gate] of gates.entries()) {
    inputStart[position] = at;
    for (const input of gate.inputs) {
      inputs[at++] =
        input.type === 'constant'
          ? input.value
            ? TRUE_INPUT
            : FALSE_INPUT
          : input.type === 'event'
            ? 2 + 2 * eventPositions[input.index]!
            : 3 + 2 * gatePositions[input.index]!;
    }
  }
  inputStart[gates.length] = at;
  return { gates, events, inputStart, inputs };
}

/**
 * Whether the cone's root is lost when exactly `losses` (by event position) are: each gate's failure value, the
 * greatest fixed point, computed in rounds from "every gate lost" (`values` and `next` are scratch space).
 */
function rootLostUnder(
  cone: CompiledCone,
  losses: Uint8Array,
  values: Uint8Array,
  next: Uint8Array,
): boolean {
  const { gates, inputStart, inputs } = cone;
  values.fill(1);
  let current = values;
  let following = next;
  // Monotone on cycles (negations never lie on one): at most one change per gate per round.
  for (let round = 0; round <= gates.length + 1; round++) {
    let changed = false;
    for (let position = 0; position < gates.length; position++) {
      const end = inputStart[position + 1]!;
      const start = inputStart[position]!;
      let trueCount = 0;
      for (let at = start; at < end; at++) if (inputValue(inputs[at]!, losses, current)) trueCount++;
      const gate = gates[position]!;
      const first = end > start ? trueCount > 0 && inputValue(inputs[start]!, losses, current) : false;
      const value = gateValue(gate, trueCount, end - start, first) ? 1 : 0;
      following[position] = value;
      if (value !== current[position]) changed = true;
    }
    const swap = current;
    current = following;
    following = swap;
    if (!changed) break;
  }
  return current[0] === 1;
}

function inputValue(input: number, losses: Uint8Array, values: Uint8Array): boolean {
  if (input <= TRUE_INPUT) return input === TRUE_INPUT;
  return ((input & 1) === 0 ? losses[(input - 2) >> 1]! : values[(input - 3) >> 1]!) === 1;
}

/** A gate's value from how many of its `inputs` are true, and whether its first one is (for not and null). */
function gateValue(gate: Gate, trueCount: number, inputs: number, first: boolean): boolean {
  switch (gate.kind) {
    case 'and':
      return trueCount === inputs;
    case 'or':
      return trueCount > 0;
    case 'nand':
      return trueCount !== inputs;
    case 'nor':
      return trueCount === 0;
    case 'atleast':
      return trueCount >= gate.min!;
    case 'not':
      return !first;
    case 'null':
      return first;
    case 'xor':
      return trueCount % 2 === 1;
    case 'iff':
      return trueCount % 2 === 0;
  }
}
