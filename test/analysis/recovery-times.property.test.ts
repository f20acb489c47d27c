/**
 * Time to recover, as fast as an Organization needs it (a gate whose requirements are all met but one takes
 * that one's way, inputs already in order are not copied to be sorted, one estimate per way shared by every
 * caller), answers exactly as the reference: the same way, the same steps in the same order, each with what
 * it waits for in the same order, for every gate and event of random graphs, cycles and conditions included.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecoveryTimes } from '../../src/analysis/recovery-time.js';
import { buildTimedGraph, COHERENT_KINDS, timedGraphShape, type TimedGraphShape } from './random-graph.js';
import { ReferenceRecoveryTimes } from './reference-recovery-times.js';

function check(shape: TimedGraphShape, extraLosses: number[], deadline: number | null): void {
  const graph = buildTimedGraph(shape);
  const extra = new Set(extraLosses.map((pick) => pick % graph.events.length));
  const lost = (index: number): boolean => graph.events[index]!.lost || extra.has(index);
  const times = new RecoveryTimes(graph, lost);
  const reference = new ReferenceRecoveryTimes(graph, lost);
  const names = [...graph.gates, ...graph.events].map((node) => node.name);
  for (const name of names) {
    const expected = reference.estimate(name, deadline ?? undefined);
    expect(times.estimate(name, deadline ?? undefined)).toEqual(expected);
    // Asked again, with and without a deadline: the shared estimate was not changed by the first answer.
    expect(times.estimate(name)).toEqual(reference.estimate(name));
    expect(times.estimate(name, deadline ?? undefined)).toEqual(expected);
  }
}

const losses = fc.array(fc.nat(), { maxLength: 4 });
const deadline = fc.option(fc.integer({ min: 0, max: 400 }));

describe('recovery times against the reference', () => {
  it('acyclic coherent graphs', () => {
    fc.assert(fc.property(timedGraphShape(false, COHERENT_KINDS), losses, deadline, check), { numRuns: 400 });
  });

  it('coherent graphs with cycles', () => {
    fc.assert(fc.property(timedGraphShape(true, COHERENT_KINDS), losses, deadline, check), { numRuns: 400 });
  });
});
