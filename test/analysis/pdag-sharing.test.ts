/**
 * The normal form shares identical gates (hash-consing) by a hash of their type, threshold and arguments:
 * gates whose hashes collide must stay apart, and each be found again.
 */

import { describe, expect, it } from 'vitest';
import { gateHash, Pdag } from '../../src/analysis/pdag.js';

/** Two AND gates over two variables each whose hashes are equal, found by search (birthday bound). */
function collidingPairs(variables: number): [number[], number[]] {
  const seen = new Map<number, number[]>();
  // A fixed sequence (a linear congruential generator), so that the test finds the same pair every run.
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 1 + (state % variables);
  };
  for (let tries = 0; tries < 1_000_000; tries++) {
    const a = next();
    const b = next();
    if (a === b) continue;
    const pair = a < b ? [a, b] : [b, a];
    const hash = gateHash('and', 0, pair);
    const other = seen.get(hash);
    if (other && (other[0] !== pair[0] || other[1] !== pair[1])) return [other, pair];
    seen.set(hash, pair);
  }
  throw new Error('no collision found: search longer');
}

describe('pdag sharing', () => {
  it('shares identical gates and keeps apart different ones of the same hash', () => {
    const variables = 1 << 24;
    const [first, second] = collidingPairs(variables);
    expect(gateHash('and', 0, first)).toBe(gateHash('and', 0, second));
    const pdag = new Pdag(variables);
    const one = pdag.and(first);
    const two = pdag.and(second);
    expect(two).not.toBe(one);
    expect(Array.from(pdag.gate(two).args)).toEqual(second);
    expect(pdag.and([...first].reverse())).toBe(one);
    expect(pdag.and(second)).toBe(two);
    expect(pdag.or(first)).not.toBe(one);
    expect(pdag.gates).toHaveLength(3);
  });
});
