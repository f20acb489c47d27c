/**
 * Deep inputs: a chain of 100,000 gates, a formula nested 100,000 deep, a flat OR of 4,000 events. Every pass
 * of the engine used to recurse once per level and died with "Maximum call stack size exceeded" from a few
 * thousand on; the answers here are known in closed form. The iterative compiler is also compared with the
 * recursive one it replaced, gate for gate, on random graphs (cycles and negations included).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { CompiledGraph } from '../../src/analysis/compile.js';
import { FaultGraph, type GateKind } from '../../src/analysis/graph.js';
import { readMef } from '../../src/analysis/mef.js';
import { defineRandomGates, type RandomGateShape } from './random-graph.js';
import { RecursiveCompiledGraph } from './recursive-compile.js';

const P_PAIR = 0.01;
const P_END = 0.001;

/**
 * g_i = (e_i AND f_i) OR g_{i+1}, the last g = a OR b: its lockout sets are {a}, {b} and the n pairs
 * {e_i, f_i}; every g_i is a module, nested n deep. As separate gates or as one nested formula.
 */
function pairChain(n: number, style: 'gates' | 'nested'): string {
  const parts: string[] = ['<opsa-mef><define-fault-tree name="chain">'];
  const pair = (i: number): string => `<and><basic-event name="e${i}"/><basic-event name="f${i}"/></and>`;
  const end = '<or><basic-event name="a"/><basic-event name="b"/></or>';
  if (style === 'gates') {
    for (let i = 0; i < n; i++) {
      const next = i + 1 < n ? `<gate name="g${i + 1}"/>` : `<gate name="end"/>`;
      parts.push(`<define-gate name="g${i}"><or>${pair(i)}${next}</or></define-gate>`);
    }
    parts.push(`<define-gate name="end">${end}</define-gate>`);
  } else {
    parts.push('<define-gate name="g0">');
    for (let i = 0; i < n; i++) parts.push(`<or>${pair(i)}`);
    parts.push(end);
    for (let i = 0; i < n; i++) parts.push('</or>');
    parts.push('</define-gate>');
  }
  parts.push('</define-fault-tree><model-data>');
  for (let i = 0; i < n; i++) {
    parts.push(`<define-basic-event name="e${i}"><float value="${P_PAIR}"/></define-basic-event>`);
    parts.push(`<define-basic-event name="f${i}"><float value="${P_PAIR}"/></define-basic-event>`);
  }
  parts.push(`<define-basic-event name="a"><float value="${P_END}"/></define-basic-event>`);
  parts.push(`<define-basic-event name="b"><float value="${P_END}"/></define-basic-event>`);
  parts.push('</model-data></opsa-mef>');
  return parts.join('\n');
}

/** The same chain built through the API: MEF text of 100,000 gates takes the reader long to parse. */
function pairChainGraph(n: number): FaultGraph {
  const graph = new FaultGraph();
  const event = (name: string, probability: number) => graph.addEvent(name, { probability });
  for (let i = 0; i < n; i++) {
    graph.defineGate(`p${i}`, 'and', [event(`e${i}`, P_PAIR), event(`f${i}`, P_PAIR)]);
    graph.defineGate(`g${i}`, 'or', [graph.gateRef(`p${i}`), graph.gateRef(i + 1 < n ? `g${i + 1}` : 'end')]);
  }
  graph.defineGate('end', 'or', [event('a', P_END), event('b', P_END)]);
  return graph;
}

function checkPairChain(n: number, model: { graph: FaultGraph; tops: string[] }): void {
  const analysis = new GraphAnalysis(model.graph, { tops: ['g0'], limitOrder: 3 });
  expect(analysis.status('g0')).toBe('at-risk');
  expect(analysis.countsByOrder('g0')).toEqual([0, 2, n, 0]);
  const name = (index: number): string => model.graph.events[index]!.name;
  expect(analysis.singlePointsOfFailure('g0').map(name).sort()).toEqual(['a', 'b']);
  const expected = 1 - (1 - P_END) ** 2 * (1 - P_PAIR * P_PAIR) ** n;
  expect(analysis.probability('g0')).toBeCloseTo(expected, 12);
  // The single sets lie at the bottom of the chain: listing them walks down through every module.
  const first = analysis.cutSets('g0', { limit: 4 }).sets.map((set) => set.map(name));
  expect(first.slice(0, 2).sort()).toEqual([['a'], ['b']]);
  expect(first.slice(2).every(([e, f]) => e!.replace('e', 'f') === f)).toBe(true);
  const last = analysis.cutSets('g0', { offset: n + 1, limit: 1 }).sets.map((set) => set.map(name));
  expect(last).toHaveLength(1);
  const importance = analysis.importance('g0');
  expect(
    importance
      .map((entry) => entry.name)
      .slice(0, 2)
      .sort(),
  ).toEqual(['a', 'b']);
  expect(importance).toHaveLength(2 * n + 2);
}

describe('deep fault trees', () => {
  it('a chain of 5,000 gates in MEF', () => {
    checkPairChain(5_000, readMef(pairChain(5_000, 'gates'), 'chain.xml'));
  });

  it('a formula nested 10,000 deep in MEF', () => {
    checkPairChain(10_000, readMef(pairChain(10_000, 'nested'), 'nested.xml'));
  });

  it('a chain of 100,000 gates', () => {
    const graph = pairChainGraph(100_000);
    checkPairChain(100_000, { graph, tops: graph.roots().map((gate) => gate.name) });
  }, 60_000);

  it('a flat OR of 4,000 events, at order limits 1 and 20', () => {
    const n = 4_000;
    const events = Array.from({ length: n }, (_, i) => `<basic-event name="e${i}"/>`).join('');
    const data = Array.from(
      { length: n },
      (_, i) => `<define-basic-event name="e${i}"><float value="0.001"/></define-basic-event>`,
    ).join('\n');
    const text = `<opsa-mef><define-fault-tree name="flat"><define-gate name="top"><or>${events}</or></define-gate></define-fault-tree><model-data>${data}</model-data></opsa-mef>`;
    const model = readMef(text, 'flat.xml');
    for (const limitOrder of [1, 20]) {
      const analysis = new GraphAnalysis(model.graph, { limitOrder });
      const counts = analysis.countsByOrder('top');
      expect(counts[1]).toBe(n);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(n);
      expect(analysis.singlePointsOfFailure('top')).toHaveLength(n);
      expect(analysis.probability('top')).toBeCloseTo(1 - 0.999 ** n, 12);
      const [last, ...beyond] = analysis.cutSets('top', { offset: n - 1 }).sets;
      expect(last).toHaveLength(1);
      expect(beyond).toEqual([]);
    }
  });

  it('a flat 2-of-2,000: its 1,999,000 pairs counted in seconds, not 16 s (the 2-of-4,000: 97 s)', () => {
    const n = 2_000;
    const graph = new FaultGraph();
    const events = Array.from({ length: n }, (_, i) => graph.addEvent(`e${i}`, { probability: 0.01 }));
    graph.defineGate('top', 'atleast', events, { min: 2 });
    const started = performance.now();
    const analysis = new GraphAnalysis(graph, { limitOrder: 3 });
    expect(analysis.countsByOrder('top')).toEqual([0, 0, (n * (n - 1)) / 2, 0]);
    expect(analysis.probability('top')).toBeCloseTo(1 - 0.99 ** n - n * 0.01 * 0.99 ** (n - 1), 12);
    expect(analysis.singlePointsOfFailure('top')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 60_000);

  it('a loop of 3,000 gates: cut where it closes, every gate still analysed', () => {
    // g_i = e_i AND g_{i+1}, and the last gate points back to g0: success through the loop itself never counts.
    // (A loop is unfolded once per gate along it, each time with the path so far: quadratic, so 3,000 here.)
    const graph = new FaultGraph();
    const n = 3_000;
    for (let i = 0; i < n; i++) graph.addEvent(`e${i}`, { probability: 0.5 });
    for (let i = 0; i < n; i++)
      graph.defineGate(`g${i}`, 'and', [{ type: 'event', index: i }, graph.gateRef(`g${(i + 1) % n}`)]);
    // g0 needs every event lost (the loop back is lost already): its only set holds all n events.
    const analysis = new GraphAnalysis(graph, { tops: ['g0'], limitOrder: n });
    const counts = analysis.countsByOrder('g0');
    expect(counts[n]).toBe(1);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(analysis.probability('g0')).toBe(0.5 ** n);
  });
});

describe('the iterative compiler', () => {
  const kinds: GateKind[] = ['and', 'or', 'atleast', 'not', 'xor', 'nand', 'nor', 'null', 'iff'];
  const coherent: GateKind[] = ['and', 'or', 'atleast', 'null'];
  const shape = (cyclic: boolean): fc.Arbitrary<{ events: boolean[]; gates: RandomGateShape[] }> =>
    fc.record({
      events: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      gates: fc.array(
        fc.record({
          kind: fc.constantFrom(...(cyclic ? coherent : kinds)),
          inputs: fc.array(
            fc.record({
              type: fc.constantFrom('event', 'gate', 'gate', 'constant'),
              pick: fc.nat(),
              value: fc.boolean(),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          min: fc.nat(),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    });

  for (const cyclic of [false, true]) {
    it(`builds the same normal form as the recursive one it replaced (${cyclic ? 'cyclic' : 'acyclic'} graphs, both polarities)`, () => {
      fc.assert(
        fc.property(shape(cyclic), fc.boolean(), ({ events, gates }, dual) => {
          const graph = new FaultGraph();
          events.forEach((lost, i) => graph.addEvent(`e${i}`, { lost }));
          defineRandomGates(graph, gates, events.length, cyclic);
          const iterative = new CompiledGraph(graph, { dual });
          const recursive = new RecursiveCompiledGraph(graph, { dual });
          // Every gate as a root, in the same order: the literals and the hash-consed gates must agree.
          const literals = graph.gates.map((gate) => iterative.gateLiteral(gate.index));
          const expected = graph.gates.map((gate) => recursive.gateLiteral(gate.index));
          expect(literals).toEqual(expected);
          expect(iterative.pdag.gates).toEqual(recursive.pdag.gates);
        }),
        { numRuns: 400, seed: 12 },
      );
    });
  }
});
