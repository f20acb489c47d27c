/**
 * The gates of the property tests' random graphs: shapes drawn by fast-check become gates g0..gN−1 of a
 * FaultGraph (g0 is the top). Acyclic shapes point only to later gates; cyclic ones anywhere.
 */

import { type Annotations, type FaultGraph, type GateKind, type Input } from '../../src/analysis/graph.js';

export interface RandomGateShape {
  kind: GateKind;
  inputs: { type: 'event' | 'gate' | 'constant'; pick: number; value: boolean }[];
  min: number;
}

/** Defines every gate of the shape on a graph that already holds `eventCount` events. */
export function defineRandomGates<Shape extends RandomGateShape>(
  graph: FaultGraph,
  gates: readonly Shape[],
  eventCount: number,
  cyclic: boolean,
  annotate: (gate: Shape, g: number) => Annotations = () => ({}),
): void {
  const gateCount = gates.length;
  // Declare every gate first so that gate gN has index N.
  for (let g = 0; g < gateCount; g++) graph.gateRef(`g${g}`);
  gates.forEach((gate, g) => {
    const inputs: Input[] = gate.inputs.map((input) => {
      if (input.type === 'constant') return { type: 'constant', value: input.value };
      if (input.type === 'gate') {
        const later = gateCount - g - 1;
        if (cyclic) return graph.gateRef(`g${input.pick % gateCount}`);
        if (later > 0) return graph.gateRef(`g${g + 1 + (input.pick % later)}`);
      }
      return { type: 'event', index: input.pick % eventCount };
    });
    const kind = (gate.kind === 'not' || gate.kind === 'null') && inputs.length > 1 ? 'or' : gate.kind;
    const used = kind === 'not' || kind === 'null' ? inputs.slice(0, 1) : inputs;
    graph.defineGate(`g${g}`, kind, used, { min: 1 + (gate.min % used.length), ...annotate(gate, g) });
  });
}
