/**
 * The gates of the property tests' random graphs: shapes drawn by fast-check become gates g0..gN−1 of a
 * FaultGraph (g0 is the top). Acyclic shapes point only to later gates; cyclic ones anywhere. And a small fixed
 * graph some of those tests build on (mailOrReview).
 */

import fc from 'fast-check';
import {
  FaultGraph,
  type Annotations,
  type GateKind,
  type Input,
  type NodeRef,
} from '../../src/analysis/graph.js';

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

export const COHERENT_KINDS: readonly GateKind[] = ['and', 'or', 'atleast', 'null'];

/** Graphs as what-if and the dashboard meet them: losses recorded already, durations, costs, conditions. */
export interface TimedGraphShape {
  events: { lost: boolean; duration: number | null; cost: number; namedLikeAGate: boolean }[];
  gates: (RandomGateShape & { duration: number | null; state: boolean })[];
  cyclic: boolean;
}

export function timedGraphShape(cyclic: boolean, kinds: readonly GateKind[]): fc.Arbitrary<TimedGraphShape> {
  return fc.record({
    events: fc.array(
      fc.record({
        lost: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        duration: fc.option(fc.integer({ min: 1, max: 100 })),
        cost: fc.nat(50),
        namedLikeAGate: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    gates: fc.array(
      fc.record({
        kind: fc.constantFrom(...kinds),
        inputs: fc.array(
          fc.record({
            type: fc.constantFrom('event', 'event', 'gate', 'gate', 'constant'),
            pick: fc.nat(),
            value: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        min: fc.nat(),
        duration: fc.option(fc.integer({ min: 1, max: 100 })),
        state: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    cyclic: fc.constant(cyclic),
  });
}

/** Acyclic shapes point only to later gates, cyclic ones anywhere; gates are shared by many parents. */
export function buildTimedGraph(shape: TimedGraphShape): FaultGraph {
  const graph = new FaultGraph();
  shape.events.forEach((event, i) =>
    graph.addEvent(event.namedLikeAGate ? `g${i}` : `e${i}`, {
      lost: event.lost,
      duration:
        event.duration === null
          ? undefined
          : { min: event.duration / 2, typical: event.duration, max: event.duration * 2 },
      cost: event.cost,
    }),
  );
  defineRandomGates(graph, shape.gates, shape.events.length, shape.cyclic, (gate, g) => ({
    label: g % 2 === 0 ? `Gate ${g}` : undefined,
    duration: gate.duration === null ? undefined : { min: 1, typical: gate.duration, max: gate.duration * 3 },
    state: gate.state,
  }));
  return graph;
}

/**
 * A reach with two alternatives, each slower than a day once the other is gone: the mail (30 hours to get
 * back), or an agent's 40-hour review of a backup. No single loss breaks it; losing the mail slows it.
 */
export function mailOrReview(graph: FaultGraph): { mail: Input & NodeRef; reach: Input & NodeRef } {
  const mail = graph.addEvent('mail', { duration: { min: 10, typical: 30, max: 60 } });
  const backup = graph.addEvent('backup', { duration: { min: 1, typical: 1, max: 1 } });
  const review = graph.defineGate('review', 'or', [backup], { duration: { min: 20, typical: 40, max: 80 } });
  return { mail, reach: graph.defineGate('reach', 'and', [mail, review]) };
}
