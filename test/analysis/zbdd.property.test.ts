/**
 * The ZBDD's minimising operators against brute force on small families of sets: minimalUnion and
 * minimalProduct must equal minimal(union) and minimal(product) at every order limit and level weight.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Zbdd, ZBDD_BASE, ZBDD_EMPTY } from '../../src/analysis/zbdd.js';

const LEVELS = 6;

/** A family as sorted bit masks over levels 0..LEVELS-1 (bit i = level i). */
type Family = number[];

function minimalOf(family: readonly number[]): Family {
  const unique = [...new Set(family)];
  return unique
    .filter((set) => !unique.some((other) => other !== set && (other & set) === other))
    .sort((a, b) => a - b);
}

function orderOf(set: number, weights: readonly number[]): number {
  let order = 0;
  for (let level = 0; level < LEVELS; level++) if (set & (1 << level)) order += weights[level]!;
  return order;
}

function build(zbdd: Zbdd, family: readonly number[]): number {
  let result = ZBDD_EMPTY;
  for (const set of family) {
    let node = ZBDD_BASE;
    // Deepest level first: a node's children lie below it.
    for (let level = LEVELS - 1; level >= 0; level--) {
      if (set & (1 << level)) node = zbdd.makeNode(level, node, ZBDD_EMPTY);
    }
    result = zbdd.union(result, node);
  }
  return result;
}

function read(zbdd: Zbdd, node: number, prefix = 0, out: number[] = []): Family {
  if (node === ZBDD_BASE) out.push(prefix);
  else if (node !== ZBDD_EMPTY) {
    read(zbdd, zbdd.low[node]!, prefix, out);
    read(zbdd, zbdd.high[node]!, prefix | (1 << zbdd.level[node]!), out);
  }
  return out.sort((a, b) => a - b);
}

const antichain = fc.array(fc.integer({ min: 0, max: (1 << LEVELS) - 1 }), { maxLength: 8 }).map(minimalOf);
const weights = fc.array(fc.integer({ min: 1, max: 2 }), { minLength: LEVELS, maxLength: LEVELS });

describe('ZBDD minimising operators', () => {
  it('minimalUnion is the minimal sets of the union', () => {
    fc.assert(
      fc.property(antichain, antichain, (p, q) => {
        const zbdd = new Zbdd();
        const result = zbdd.minimalUnion(build(zbdd, p), build(zbdd, q));
        expect(read(zbdd, result)).toEqual(minimalOf([...p, ...q]));
      }),
      { numRuns: 500 },
    );
  });

  it('minimalProduct is the minimal sets of the truncated product', () => {
    fc.assert(
      fc.property(
        antichain,
        antichain,
        fc.integer({ min: 0, max: LEVELS + 1 }),
        weights,
        (p, q, limit, levelWeights) => {
          const zbdd = new Zbdd();
          zbdd.weightOfLevel = (level) => levelWeights[level]!;
          const result = zbdd.minimalProduct(build(zbdd, p), build(zbdd, q), limit);
          const products = p.flatMap((a) => q.map((b) => a | b));
          const expected = minimalOf(products.filter((set) => orderOf(set, levelWeights) <= limit));
          expect(read(zbdd, result)).toEqual(expected);
          // The same as the plain product minimised afterwards.
          expect(result).toBe(zbdd.minimal(zbdd.product(build(zbdd, p), build(zbdd, q), limit)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
