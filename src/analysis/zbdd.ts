/**
 * Zero-suppressed decision diagrams of families of sets, for the minimal cut sets: Rauzy's minimal-solutions
 * construction from a BDD, subsumption, and counting by set size without listing the sets.
 *
 * Node 0 is the empty family (no set), node 1 the base family {∅}; a node (v, high, low) is
 * {S ∪ {v} : S ∈ high} ∪ low. Levels are the BDD's variable levels, so both diagrams share one order.
 */

import { PairMap } from './int-table.js';
import { NodeTable } from './node-table.js';

export const ZBDD_EMPTY = 0;
export const ZBDD_BASE = 1;

export class Zbdd extends NodeTable {
  private readonly withoutMemo = new PairMap(1 << 14);

  constructor(initialCapacity = 1 << 14) {
    super(2, initialCapacity);
  }

  makeNode(level: number, high: number, low: number): number {
    // Zero suppression: a node whose high branch is the empty family is its low branch.
    if (high === ZBDD_EMPTY) return low;
    return this.findOrAdd(level, high, low);
  }

  protected override onUniqueGrown(): void {
    // The ZBDD's memo is a growing hash table: nothing to resize.
  }

  /** The sets of `p` that contain no set of `q` (Rauzy's "without" operator). */
  without(p: number, q: number): number {
    if (q === ZBDD_EMPTY || p === ZBDD_EMPTY) return p;
    if (q === ZBDD_BASE || p === q) return ZBDD_EMPTY; // every set contains ∅
    if (p === ZBDD_BASE) return this.hasEmptySet(q) ? ZBDD_EMPTY : ZBDD_BASE; // ∅ contains only ∅
    const cached = this.withoutMemo.get(p, q);
    if (cached !== -1) return cached;
    const pLevel = this.level[p]!;
    const qLevel = this.level[q]!;
    let result: number;
    if (pLevel < qLevel) {
      result = this.makeNode(pLevel, this.without(this.high[p]!, q), this.without(this.low[p]!, q));
    } else if (pLevel > qLevel) {
      // Sets of q holding q's top variable cannot fit in sets of p, which never hold it.
      result = this.without(p, this.low[q]!);
    } else {
      const q0 = this.low[q]!;
      result = this.makeNode(
        pLevel,
        this.without(this.without(this.high[p]!, this.high[q]!), q0),
        this.without(this.low[p]!, q0),
      );
    }
    this.withoutMemo.set(p, q, result);
    return result;
  }

  /** Whether the family holds the empty set. */
  hasEmptySet(node: number): boolean {
    while (node > ZBDD_BASE) node = this.low[node]!;
    return node === ZBDD_BASE;
  }

  /** Number of distinct nodes reachable from the root, terminals excluded. */
  size(root: number): number {
    const seen = new Uint8Array(this.nodeCount);
    const stack = [root];
    let count = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node <= ZBDD_BASE || seen[node]) continue;
      seen[node] = 1;
      count += 1;
      stack.push(this.high[node]!, this.low[node]!);
    }
    return count;
  }
}
