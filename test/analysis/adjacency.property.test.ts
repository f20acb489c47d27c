/**
 * Property test: ReachableNodes (typed-array walks reused across thousands of calls) finds what a plain search
 * over edge lists finds, with and without `within` (a walk restricted to a part of the graph), walk after walk.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacency, ReachableNodes } from '../../src/analysis/adjacency.js';

/** Nodes reached from the seeds through one edge or more, passing only through nodes `allowed` accepts. */
function reference(
  nodeCount: number,
  edges: readonly number[],
  seeds: readonly number[],
  allowed: (node: number) => boolean,
): number[] {
  const next = Array.from({ length: nodeCount }, (): number[] => []);
  for (let i = 0; i < edges.length; i += 2) next[edges[i]!]!.push(edges[i + 1]!);
  const seen = new Set<number>();
  const queue = [...seeds];
  while (queue.length > 0) {
    for (const target of next[queue.shift()!]!) {
      if (seen.has(target) || !allowed(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen].sort((a, b) => a - b);
}

const graphs = fc.integer({ min: 1, max: 30 }).chain((nodeCount) =>
  fc.record({
    nodeCount: fc.constant(nodeCount),
    edges: fc.array(fc.tuple(fc.nat(nodeCount - 1), fc.nat(nodeCount - 1)), { maxLength: 80 }),
    walks: fc.array(
      fc.record({
        seeds: fc.array(fc.nat(nodeCount - 1), { maxLength: 4 }),
        within: fc.option(fc.array(fc.boolean(), { minLength: nodeCount, maxLength: nodeCount }), {
          nil: undefined,
        }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

describe('ReachableNodes', () => {
  it('reaches what a plain search reaches, within a part when asked, walk after walk', () => {
    fc.assert(
      fc.property(graphs, ({ nodeCount, edges, walks }) => {
        const flat = edges.flat();
        const walker = new ReachableNodes(adjacency(nodeCount, flat));
        for (const { seeds, within } of walks) {
          const marks = within ? Uint8Array.from(within, (inside) => (inside ? 1 : 0)) : undefined;
          const found = [...walker.from(seeds, marks)];
          expect(new Set(found).size).toBe(found.length);
          expect(found.sort((a, b) => a - b)).toEqual(
            reference(nodeCount, flat, seeds, (node) => marks === undefined || marks[node] === 1),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
