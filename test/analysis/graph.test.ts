// The fault graph's references: one per gate or event, handed back by name or by the reference itself, so a
// builder looks a name up once; a gate referenced before it is defined is not yet a defined one.
import { describe, expect, it } from 'vitest';
import { FaultGraph, GraphError } from '../../src/analysis/graph.js';

describe('FaultGraph references', () => {
  it('defines a gate through the reference gateRef handed out, as it would by its name', () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a');
    const b = graph.addEvent('b');
    const ref = graph.gateRef('top');
    expect(graph.definedGateRef('top')).toBeUndefined();
    const defined = graph.defineGate(ref, 'or', [a, b], { label: 'Top' });
    expect(defined).toBe(ref);
    expect(graph.definedGateRef('top')).toBe(ref);
    expect(graph.findGate('top')).toMatchObject({ kind: 'or', defined: true, label: 'Top', inputs: [a, b] });
    expect(() => graph.defineGate(ref, 'and', [a])).toThrow(/"top" is defined twice/);
    expect(() => graph.defineGate('top', 'and', [a])).toThrow(GraphError);
  });

  it('refuses a reference that is no gate of the graph', () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a');
    expect(() => graph.defineGate({ type: 'gate', index: 3 }, 'or', [a])).toThrow(GraphError);
    expect(() => graph.defineGate(a, 'or', [a])).toThrow(GraphError);
    expect(graph.gates).toHaveLength(0);
  });

  it("hands back an event's one reference by name, and nothing for a name it does not know", () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a', { lost: true });
    expect(graph.eventRefOf('a')).toBe(a);
    expect(graph.eventRefOf('b')).toBeUndefined();
    // A gate of that name is not an event.
    graph.defineGate('g', 'null', [a]);
    expect(graph.eventRefOf('g')).toBeUndefined();
    expect(graph.definedGateRef('a')).toBeUndefined();
  });

  it('gives every gate the same fields, whatever it was defined with', () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a');
    graph.defineGate('plain', 'null', [a]);
    graph.defineGate('timed', 'or', [a], {
      label: 'Timed',
      duration: { min: 1, typical: 2, max: 3 },
      cost: 5,
    });
    graph.gateRef('pending');
    const [plain, timed, pending] = graph.gates;
    expect(Object.keys(plain!)).toEqual(Object.keys(timed!));
    expect(Object.keys(pending!)).toEqual(Object.keys(timed!));
    expect(timed).toMatchObject({ label: 'Timed', cost: 5, duration: { typical: 2 } });
    expect(plain!.label).toBeUndefined();
    expect(pending!.defined).toBe(false);
  });
});
