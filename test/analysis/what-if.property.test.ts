/**
 * Property tests: on random graphs — shared gates, k-of-n, negations, cycles, constants, losses already
 * recorded, conditions that hold now, events named like gates — what-if over a prepared baseline equals the
 * full recomputation it replaced (two whole-graph analyses per call, and the time-to-recover code of then),
 * for any losses, tops and deadline.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph, type GateKind } from '../../src/analysis/graph.js';
import {
  whatIf,
  WhatIfBaseline,
  type GateWhatIf,
  type TopWhatIf,
  type WhatIfOptions,
  type WhatIfResult,
} from '../../src/analysis/what-if.js';
import { buildTimedGraph, COHERENT_KINDS, timedGraphShape, type TimedGraphShape } from './random-graph.js';
import { ReferenceRecoveryTimes } from './reference-recovery-times.js';

/**
 * The what-if as it was: both situations analysed from scratch, every gate and top judged by name, recovery
 * estimated as it was.
 */
function fullWhatIf(graph: FaultGraph, losses: readonly string[], options: WhatIfOptions = {}): WhatIfResult {
  const tops = options.tops ?? graph.roots().map((gate) => gate.name);
  const before = new GraphAnalysis(graph, { tops, limitOrder: 1 });
  const after = new GraphAnalysis(graph, { tops, limitOrder: 1, losses });
  const pathLimit = options.pathLimit ?? 10;
  const paths =
    pathLimit > 0 ? new GraphAnalysis(graph, { tops, limitOrder: 20, losses, dual: true }) : undefined;
  const lostNames = new Set(losses);
  const recovery = new ReferenceRecoveryTimes(
    graph,
    (index) => graph.events[index]!.lost || lostNames.has(graph.events[index]!.name),
  );
  const eventName = (index: number): string => graph.events[index]!.name;
  const topResults = tops.map((name): TopWhatIf => {
    const singlePointsBefore = before.singlePointsOfFailure(name).map(eventName);
    const singlePointsAfter = after.singlePointsOfFailure(name).map(eventName);
    const status = after.status(name);
    const result: TopWhatIf = {
      name,
      label: graph.labelOf(graph.find(name)!),
      before: before.status(name),
      after: status,
      singlePointsBefore,
      singlePointsAfter,
      newSinglePoints: singlePointsAfter.filter((event) => !singlePointsBefore.includes(event)),
      remainingPaths:
        status === 'lost' || !paths
          ? []
          : paths.cutSets(name, { limit: pathLimit }).sets.map((set) => set.map(eventName)),
    };
    if (status === 'lost') result.recovery = recovery.estimate(name, options.deadlineHours);
    return result;
  });
  const gates = graph.gates.map((gate): GateWhatIf => {
    const holdingInputs: string[] = [];
    for (const input of gate.inputs) {
      if (input.type === 'constant') continue;
      const name = graph.nameOf(input);
      if (after.status(name) !== 'lost') holdingInputs.push(name);
    }
    return {
      name: gate.name,
      label: gate.label ?? gate.name,
      status: after.status(gate.name),
      holdingInputs,
    };
  });
  return { losses: [...losses], tops: topResults, gates };
}

const allKinds: GateKind[] = ['and', 'or', 'atleast', 'not', 'xor', 'nand', 'nor', 'null', 'iff'];

/** Several what-ifs on one graph: losses (some recorded already, some twice), tops, deadline, path sets. */
interface Question {
  losses: number[];
  tops: number[] | null;
  deadlineHours: number | null;
  pathLimit: number;
}

const questions = fc.array(
  fc.record({
    losses: fc.array(fc.nat(), { maxLength: 4 }),
    tops: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 5 })),
    deadlineHours: fc.option(fc.integer({ min: 0, max: 300 })),
    pathLimit: fc.constantFrom(0, 0, 0, 3),
  }),
  { minLength: 1, maxLength: 4 },
);

/** The result, or the error's message when time to recover meets a negation (both must agree). */
function outcome(run: () => WhatIfResult): WhatIfResult | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function optionsFor(graph: FaultGraph, question: Question): WhatIfOptions {
  // Tops may name gates or events; an event named like a gate is found as the gate, as everywhere.
  const names = [...graph.gates.map((gate) => gate.name), ...graph.events.map((event) => event.name)];
  return {
    ...(question.tops ? { tops: question.tops.map((pick) => names[pick % names.length]!) } : {}),
    ...(question.deadlineHours === null ? {} : { deadlineHours: question.deadlineHours }),
    pathLimit: question.pathLimit,
  };
}

function check(shape: TimedGraphShape, asked: Question[]): void {
  const graph = buildTimedGraph(shape);
  const baseline = new WhatIfBaseline(graph);
  // Every question is asked of the baseline before any answer is read: what an answer finds when first read
  // (gates, ways back) must be its own situation's, whatever was asked after it.
  const answers = asked.map((question) => {
    const losses = question.losses.map((pick) => graph.events[pick % graph.events.length]!.name);
    const options = optionsFor(graph, question);
    return { losses, options, answer: outcome(() => baseline.whatIf(losses, options)) };
  });
  for (const { losses, options, answer } of answers) {
    const expected = outcome(() => fullWhatIf(graph, losses, options));
    // The full recomputation this replaced crashes (a TypeError, not a GraphError) on some tops that name an
    // event named like a gate; there is nothing to compare with then.
    fc.pre(!('error' in expected && expected.error.startsWith('Cannot read properties')));
    expect(answer).toEqual(expected);
    expect(outcome(() => whatIf(graph, losses, options))).toEqual(expected);
  }
}

describe('what-if over a baseline against full recomputation on random graphs', () => {
  it('coherent acyclic graphs', () => {
    fc.assert(fc.property(timedGraphShape(false, COHERENT_KINDS), questions, check), { numRuns: 400 });
  });

  it('coherent graphs with cycles (least fixed points of success)', () => {
    fc.assert(fc.property(timedGraphShape(true, COHERENT_KINDS), questions, check), { numRuns: 400 });
  });

  it('acyclic graphs with every MEF gate kind (negations, parity)', () => {
    fc.assert(fc.property(timedGraphShape(false, allKinds), questions, check), { numRuns: 400 });
  });
});

describe('what-if baseline', () => {
  it('shares the entries the losses leave alone, and they stay as they were', () => {
    const graph = new FaultGraph();
    const a = graph.addEvent('a');
    const b = graph.addEvent('b');
    const c = graph.addEvent('c');
    graph.defineGate('left', 'and', [a, b]);
    graph.defineGate('right', 'or', [c]);
    const baseline = new WhatIfBaseline(graph);
    const first = baseline.whatIf(['a'], { pathLimit: 0 });
    const second = baseline.whatIf(['c'], { pathLimit: 0 });
    const right = (result: WhatIfResult): TopWhatIf => result.tops.find((top) => top.name === 'right')!;
    expect(right(first)).toBe(baseline.whatIf([], { pathLimit: 0 }).tops[1]);
    expect(Object.isFrozen(right(first))).toBe(true);
    expect(right(second).after).toBe('lost');
    expect(first.tops[0]!.singlePointsAfter).toEqual(['b']);
    expect(first.tops[0]!.newSinglePoints).toEqual(['b']);
    expect(right(baseline.whatIf(['a'], { pathLimit: 0 }))).toEqual(right(first));
  });
});
