/**
 * The losses that slow a gate past a budget, found for every loss in one walk (SlowingLosses), are exactly those
 * found by trying each loss alone: a RecoveryTimes per loss, compiling the graph with it to know which
 * conditions still hold. Every gate and event of random graphs, cycles, k-of-n gates, constants, conditions that
 * hold now and durations of their own included, at budgets from nothing to beyond every way.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { stronglyConnectedGates } from '../../src/analysis/compile.js';
import { FaultGraph, type GateKind, type NodeRef } from '../../src/analysis/graph.js';
import { RecoveryTimes } from '../../src/analysis/recovery-time.js';
import { SlowingLosses, slowingLossesApply, TooDeep } from '../../src/analysis/slowing-losses.js';
import {
  buildTimedGraph,
  COHERENT_KINDS,
  mailOrReview,
  timedGraphShape,
  type TimedGraphShape,
} from './random-graph.js';

function check(shape: TimedGraphShape, extraLosses: number[], budgets: number[]): void {
  const graph = buildTimedGraph(shape);
  expect(slowingLossesApply(graph)).toBe(true);
  const extra = new Set(extraLosses.map((pick) => pick % graph.events.length));
  const lost = (index: number): boolean => graph.events[index]!.lost || extra.has(index);
  const analysis = new GraphAnalysis(graph, {
    tops: graph.gates.map((gate) => gate.name),
    limitOrder: 1,
    ignoreRecordedLosses: true,
    losses: graph.events.filter((event) => lost(event.index)).map((event) => event.name),
  });
  const nodes: NodeRef[] = [
    ...graph.gates.map((gate): NodeRef => ({ type: 'gate', index: gate.index })),
    ...graph.events.map((event): NodeRef => ({ type: 'event', index: event.index })),
  ];
  const slowing = new SlowingLosses(graph, {
    lost,
    structure: stronglyConnectedGates(graph),
    holds: (gate) => analysis.statusOf({ type: 'gate', index: gate }) !== 'lost',
    singlePointsOf: (gate) => analysis.singlePointsOfFailure(graph.gates[gate]!.name),
  });
  // Each loss alone, the graph compiled again with it (no `holds` given): the definition.
  const now = new RecoveryTimes(graph, lost);
  const withLoss = graph.events.map((event) =>
    lost(event.index) ? undefined : new RecoveryTimes(graph, (index) => index === event.index || lost(index)),
  );
  for (const budget of budgets) {
    for (const node of nodes) {
      const expected =
        now.durationOf(node).typical >= budget
          ? null
          : graph.events
              .filter((event) => {
                const times = withLoss[event.index];
                return times !== undefined && times.durationOf(node).typical >= budget;
              })
              .map((event) => event.index);
      expect(slowing.of(node, budget), `${nameOf(graph, node)} at ${budget} h`).toEqual(expected);
    }
  }
}

function nameOf(graph: FaultGraph, node: NodeRef): string {
  return node.type === 'gate' ? graph.gates[node.index]!.name : graph.events[node.index]!.name;
}

const losses = fc.array(fc.nat(), { maxLength: 4 });
const budgets = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 3 });

describe('the losses that slow a gate, all at once, against each loss tried alone', () => {
  it('acyclic coherent graphs', () => {
    fc.assert(fc.property(timedGraphShape(false, COHERENT_KINDS), losses, budgets, check), { numRuns: 400 });
  });

  it('coherent graphs with cycles', () => {
    fc.assert(fc.property(timedGraphShape(true, COHERENT_KINDS), losses, budgets, check), { numRuns: 400 });
  });

  it('a condition that holds now is slowed only by a loss that breaks it, however long its own way', () => {
    // The condition holds through its requirements: a key that cannot be restored, and a reach with two
    // alternatives (the mail, or an agent's 40-hour review of the backup). Losing the mail slows the reach to a
    // day and more, but breaks nothing, and a condition that holds asks for nothing; losing the key breaks it.
    const graph = new FaultGraph();
    const { mail, reach } = mailOrReview(graph);
    const key = graph.addEvent('key');
    const condition = graph.defineGate('condition', 'or', [reach, key], { state: true });
    const analysis = new GraphAnalysis(graph, { tops: ['condition', 'reach'], limitOrder: 1 });
    const slowing = new SlowingLosses(graph, {
      lost: () => false,
      structure: stronglyConnectedGates(graph),
      holds: (gate) => analysis.statusOf({ type: 'gate', index: gate }) !== 'lost',
      singlePointsOf: (gate) => analysis.singlePointsOfFailure(graph.gates[gate]!.name),
    });
    expect(slowing.of(reach, 24)).toEqual([mail.index]);
    expect(slowing.of(condition, 24)).toEqual([key.index]);
  });

  it('a chain too deep to walk says so (the dashboard then tries each loss), and walks again after', () => {
    const graph = new FaultGraph();
    const start = graph.addEvent('start', { duration: { min: 1, typical: 30, max: 40 } });
    let below: ReturnType<FaultGraph['defineGate']> = graph.defineGate('link-0', 'or', [start]);
    for (let i = 1; i < 2_500; i++) below = graph.defineGate(`link-${i}`, 'or', [below]);
    const slowing = new SlowingLosses(graph, {
      lost: () => false,
      structure: stronglyConnectedGates(graph),
      holds: () => true,
      singlePointsOf: () => [],
    });
    expect(() => slowing.of(below, 24)).toThrow(TooDeep);
    expect(slowing.of({ type: 'gate', index: 10 }, 24)).toEqual([start.index]);
  });

  it('does not apply where a loss could make a way faster or a duration is not a plain number of hours', () => {
    // One gate of that kind over one factor that takes 5 hours to get back.
    const oneGate = (kind: GateKind): FaultGraph =>
      buildTimedGraph({
        events: [{ lost: false, duration: 5, cost: 0, namedLikeAGate: false }],
        gates: [
          {
            kind,
            inputs: [{ type: 'event', pick: 0, value: false }],
            min: 0,
            duration: null,
            state: false,
          },
        ],
        cyclic: false,
      });
    expect(slowingLossesApply(oneGate('not'))).toBe(false);
    const plain = oneGate('and');
    expect(slowingLossesApply(plain)).toBe(true);
    plain.events[0]!.duration = { min: 1, typical: 5, max: Infinity };
    expect(slowingLossesApply(plain)).toBe(false);
  });
});
