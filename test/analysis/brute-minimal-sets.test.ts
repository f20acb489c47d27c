/**
 * The engine against an independent brute force (scripts/brute-minimal-sets.mjs: its own MEF reader and
 * evaluator, no code shared with src/analysis) on non-coherent trees, set by set: the minimal solutions of
 * at most L events. The fixtures are where SCRAM 0.16.2 and the engine disagree (docs/das9701.md): the brute
 * force sides with the engine, and SCRAM drops sets that exactly fill the order limit.
 */

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { GraphAnalysis } from '../../src/analysis/analyze.js';
import { readMefFiles } from '../../src/analysis/mef.js';
import { bruteMinimalSets, readTree } from '../../scripts/brute-minimal-sets.mjs';
import { repoRoot, runScram, skipWithoutScram } from '../support/scram.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const aralia = path.join(repoRoot, 'bench', 'aralia');

function engineSets(
  file: string,
  top: string,
  limitOrder: number,
  text = readFileSync(file, 'utf8'),
): { counts: number[]; sets: string[][] } {
  const model = readMefFiles([{ file, text }]);
  const analysis = new GraphAnalysis(model.graph, { tops: [top], limitOrder });
  const page = analysis.cutSets(top, { limit: Number.MAX_SAFE_INTEGER });
  const names = page.sets.map((set) => set.map((event) => model.graph.events[event]!.name));
  return { counts: analysis.countsByOrder(top), sets: canonical(names) };
}

function bruteSets(
  file: string,
  top: string,
  limitOrder: number,
  text = readFileSync(file, 'utf8'),
): { counts: number[]; sets: string[][] } {
  const tree = readTree(text);
  const { distribution, sets } = bruteMinimalSets(tree, top, limitOrder);
  return {
    counts: distribution,
    sets: canonical(sets.map((set) => set.map((event) => tree.events[event]!))),
  };
}

function canonical(sets: string[][]): string[][] {
  return sets
    .map((set) => [...set].sort())
    .sort((a, b) => a.length - b.length || a.join(' ').localeCompare(b.join(' ')));
}

describe('engine against the brute force on non-coherent trees', () => {
  const cases: { file: string; top: string; limits: number[]; expected?: Record<number, string[][]> }[] = [
    {
      file: path.join(fixtures, 'nc-module-at-limit.xml'),
      top: 'top',
      limits: [0, 1, 2, 3],
      expected: { 1: [['b']], 2: [['b']] },
    },
    {
      file: path.join(fixtures, 'das9701-cut.xml'),
      top: 'r1',
      limits: [1, 2, 3, 4],
      expected: { 2: [['e6']], 3: [['e6'], ['e129', 'e17', 'e52']] },
    },
    { file: path.join(aralia, 'das9601.xml'), top: 'r1', limits: [2, 3] },
  ];
  for (const { file, top, limits, expected } of cases) {
    it.each(limits)(`${path.basename(file)} at order limit %i: the same sets`, (limit) => {
      const engine = engineSets(file, top, limit);
      const brute = bruteSets(file, top, limit);
      expect(engine.sets).toEqual(brute.sets);
      expect(engine.counts).toEqual(brute.counts);
      const want = expected?.[limit];
      if (want !== undefined) expect(engine.sets).toEqual(canonical(want));
    });
  }
});

describe('SCRAM 0.16.2 on the same fixtures (live)', () => {
  beforeEach(skipWithoutScram);

  it('drops {b} at -l 1 and reports it at -l 2', () => {
    const file = path.join(fixtures, 'nc-module-at-limit.xml');
    expect(runScram(file, { limitOrder: 1 }).distribution).toEqual([]);
    expect(runScram(file, { limitOrder: 2 }).distribution).toEqual([1]);
  });

  it('drops {e17, e52, e129} from the das9701 cut at -l 3 and reports it at -l 4', () => {
    const file = path.join(fixtures, 'das9701-cut.xml');
    expect(runScram(file, { limitOrder: 3 }).distribution).toEqual([1]);
    expect(runScram(file, { limitOrder: 4 }).distribution).toEqual([1, 0, 1]);
  });
});

/**
 * Random MEF trees of the shape behind the SCRAM difference: gates over shared events, each with a chance of a
 * private non-coherent sub-gate (true when nothing fails) as its last argument, so that modules whose
 * function holds on the empty set sit below events that fill the order limit.
 */
const treeShape = fc.record({
  gates: fc.array(
    fc.record({
      op: fc.constantFrom('and', 'or', 'atleast', 'nand', 'nor'),
      args: fc.uniqueArray(fc.nat({ max: 5 }), { minLength: 2, maxLength: 4 }),
      negate: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      child: fc.option(fc.nat({ max: 7 }), { nil: undefined }),
      private: fc.constantFrom('none', 'or-not', 'nor', 'nand'),
    }),
    { minLength: 1, maxLength: 7 },
  ),
  limit: fc.integer({ min: 0, max: 3 }),
});

function mefText(shape: typeof treeShape extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = ['<opsa-mef>', '<define-fault-tree name="random">'];
  const used = new Set<string>();
  const event = (name: string, negated: boolean): string => {
    used.add(name);
    const ref = `<basic-event name="${name}"/>`;
    return negated ? `<not>${ref}</not>` : ref;
  };
  shape.gates.forEach((gate, i) => {
    const args = gate.args.map((e, j) => event(`e${e}`, gate.negate[j] ?? false));
    // A later gate as an argument: the gates form a DAG rooted at g0.
    if (gate.child !== undefined && i + 1 < shape.gates.length) {
      args.push(`<gate name="g${i + 1 + (gate.child % (shape.gates.length - i - 1))}"/>`);
    }
    if (gate.private !== 'none') args.push(`<gate name="p${i}"/>`);
    const open = gate.op === 'atleast' ? `<atleast min="${Math.max(2, args.length - 1)}">` : `<${gate.op}>`;
    lines.push(`<define-gate name="g${i}">${open}${args.join('')}</${gate.op}></define-gate>`);
    const d = event(`d${i}`, false);
    const nd = event(`d${i}`, true);
    const f = event(`f${i}`, false);
    if (gate.private === 'or-not') lines.push(`<define-gate name="p${i}"><or>${nd}${f}</or></define-gate>`);
    if (gate.private === 'nor') lines.push(`<define-gate name="p${i}"><nor>${d}${f}</nor></define-gate>`);
    if (gate.private === 'nand') lines.push(`<define-gate name="p${i}"><nand>${d}${f}</nand></define-gate>`);
  });
  lines.push('</define-fault-tree>', '<model-data>');
  for (const name of used)
    lines.push(`<define-basic-event name="${name}"><float value="0.1"/></define-basic-event>`);
  lines.push('</model-data>', '</opsa-mef>');
  return lines.join('\n');
}

describe('engine against the brute force on random non-coherent MEF trees', () => {
  it('lists the same minimal solutions', () => {
    fc.assert(
      fc.property(treeShape, (shape) => {
        const text = mefText(shape);
        const engine = engineSets('random.xml', 'g0', shape.limit, text);
        const brute = bruteSets('random.xml', 'g0', shape.limit, text);
        expect(engine.sets).toEqual(brute.sets);
        expect(engine.counts).toEqual(brute.counts);
      }),
      { numRuns: 300 },
    );
  });
});
