// The cone evaluator answers as the engine does: on random coherent graphs, with and without cycles, a gate is
// lost under a set of losses exactly when a GraphAnalysis compiled with those losses says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { ConeEvaluator } from '../../src/analysis/lost-under.js';
import { buildTimedGraph, COHERENT_KINDS, timedGraphShape } from './random-graph.js';

describe('ConeEvaluator', () => {
  it.each([false, true])('matches the engine on random coherent graphs (cycles: %s)', (cyclic) => {
    fc.assert(
      fc.property(
        timedGraphShape(cyclic, COHERENT_KINDS),
        fc.array(fc.nat(), { maxLength: 4 }),
        (shape, picks) => {
          const graph = buildTimedGraph(shape);
          if (graph.events.length === 0 || graph.gates.length === 0) return;
          const losses = [...new Set(picks.map((pick) => graph.events[pick % graph.events.length]!.name))];
          const lostIndex = new Set(losses.map((name) => graph.findEvent(name)!.index));
          const engine = new GraphAnalysis(graph, { limitOrder: 0, losses });
          const cones = new ConeEvaluator(graph);
          for (const gate of graph.gates) {
            const expected = engine.status(gate.name) === 'lost';
            const lost = (index: number): boolean => graph.events[index]!.lost || lostIndex.has(index);
            expect(cones.isLost(gate.name, lost), gate.name).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
