/**
 * Graphs the property tests (engine.property.test.ts) once found wrong, kept as fixed cases so that they are
 * checked on every run, not only when the random draw meets them again.
 */
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph } from '../../src/analysis/graph.js';
import { FlipCounter } from '../../src/analysis/single-points.js';
import { bruteForceCutSets } from './brute-force.js';

describe('engine regressions', () => {
  it('at-least-2 of (e0 or e1, e0, not e0) is e0 or e1: both are single points of failure', () => {
    // fast-check seed 1165739004, shrunk: the top reduces to e0 ∨ e1 through a negation under a k-of-n gate.
    const graph = new FaultGraph();
    graph.addEvent('e0', { probability: 0.01 });
    graph.addEvent('e1', { probability: 0.01 });
    for (const name of ['g0', 'g1', 'g2']) graph.gateRef(name);
    graph.defineGate('g2', 'or', [
      { type: 'event', index: 1 },
      { type: 'event', index: 0 },
    ]);
    graph.defineGate('g1', 'nor', [{ type: 'event', index: 0 }]);
    graph.defineGate(
      'g0',
      'atleast',
      [graph.gateRef('g2'), { type: 'event', index: 0 }, graph.gateRef('g1')],
      {
        min: 2,
      },
    );
    const analysis = new GraphAnalysis(graph, { tops: ['g0'] });
    expect(bruteForceCutSets(graph, 0)).toEqual([[0], [1]]);
    const sets = analysis.cutSets('g0', { limit: 100 }).sets.map((set) => [...set].sort());
    expect(sets.sort((a, b) => a[0]! - b[0]!)).toEqual([[0], [1]]);
    expect(analysis.allSinglePointsOfFailure().get('g0')).toEqual([0, 1]);
  });

  it('a variable whose changes cancel and come back is listed once, and no later variable is dropped', () => {
    // The flip counter of at-least-2 over (¬e0 true, e0 false, e0 ∨ e1 false) for variables 1 and 2.
    const counter = new FlipCounter(2);
    counter.add(true, [1]);
    counter.add(false, [1]);
    counter.add(false, [1, 2]);
    expect(counter.finish('atleast', 2)).toBe(false);
    expect(Array.from(counter.flips.subarray(0, counter.flipCount))).toEqual([1, 2]);
  });
});
