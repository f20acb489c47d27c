/**
 * Cone shapes are found by a hash of their numbers, then compared in full: two shapes whose hashes agree must
 * still get entries of their own, or one top would be given another's lockout sets.
 */

import { describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { FaultGraph } from '../../src/analysis/graph.js';
import { ShapeTable } from '../../src/analysis/shape-table.js';

describe('shape table', () => {
  it('tells apart shapes whose hashes collide, and finds each again', () => {
    const table = new ShapeTable(() => 7);
    const first = table.entry(Int32Array.of(1, 2, 3, 99), 3);
    const second = table.entry(Int32Array.of(1, 2, 4), 3);
    const longer = table.entry(Int32Array.of(1, 2, 3, 0), 4);
    expect(second).not.toBe(first);
    expect(longer).not.toBe(first);
    expect(table.entry(Int32Array.of(1, 2, 3), 3)).toBe(first);
    expect(table.entry(Int32Array.of(1, 2, 4, 5), 3)).toBe(second);
    // The entry keeps its own copy: the caller's scratch is written over by the next shape.
    expect(Array.from(first.numbers)).toEqual([1, 2, 3]);
  });

  it('keeps apart two accounts alike but for a factor lost in one', () => {
    const graph = new FaultGraph();
    const tops: string[] = [];
    for (const account of ['a', 'b']) {
      const phone = graph.addEvent(`phone-${account}`, { lost: account === 'b' });
      const mail = graph.addEvent(`mail-${account}`);
      const card = graph.addEvent(`card-${account}`);
      graph.defineGate(`root-${account}`, 'and', [phone, mail]);
      graph.defineGate(`pay-${account}`, 'or', [graph.gateRef(`root-${account}`), card]);
      tops.push(`pay-${account}`);
    }
    const analysis = new GraphAnalysis(graph, { tops, limitOrder: 3 });
    const alone = new GraphAnalysis(graph, { tops, limitOrder: 3, shareAlikeCones: false });
    const name = (sets: number[][]): string[][] =>
      sets.map((set) => set.map((e) => graph.events[e]!.name)).sort();
    expect(name(analysis.cutSets('pay-a').sets)).toEqual([['card-a'], ['phone-a', 'mail-a']]);
    expect(name(analysis.cutSets('pay-b').sets)).toEqual([['card-b'], ['mail-b']]);
    for (const top of tops) expect(analysis.cutSets(top)).toEqual(alone.cutSets(top));
    expect(analysis.countsByOrder('pay-a')).toEqual([0, 1, 1, 0]);
    expect(analysis.countsByOrder('pay-b')).toEqual([0, 2, 0, 0]);
  });
});
