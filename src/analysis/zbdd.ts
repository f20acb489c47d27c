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
  private readonly unionMemo = new PairMap(1 << 12);
  private readonly minimalMemo = new PairMap(1 << 12);
  private readonly truncateMemo = new PairMap(1 << 12);
  /** productMemo[limit]: (p, q) → the product truncated at that limit. */
  private readonly productMemo: PairMap[] = [];
  /** minimalProductMemo[limit]: (p, q) → the minimal sets of the product truncated at that limit. */
  private readonly minimalProductMemo: PairMap[] = [];
  private readonly minimalUnionMemo = new PairMap(1 << 12);
  /**
   * The order an element adds to a set, by level: 1 for an event; for a module's proxy, the order of the
   * module's smallest set, so that truncation keeps every set some expansion of which fits the limit.
   */
  weightOfLevel: (level: number) => number = () => 1;

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

  /** The family of one set holding only the element at this level. */
  element(level: number): number {
    return this.makeNode(level, ZBDD_BASE, ZBDD_EMPTY);
  }

  union(p: number, q: number): number {
    if (p === ZBDD_EMPTY || p === q) return q;
    if (q === ZBDD_EMPTY) return p;
    if (p > q) [p, q] = [q, p];
    const cached = this.unionMemo.get(p, q);
    if (cached !== -1) return cached;
    // The base family's level is the terminal's, below every element.
    const pLevel = this.level[p]!;
    const qLevel = this.level[q]!;
    let result: number;
    if (pLevel < qLevel) result = this.makeNode(pLevel, this.high[p]!, this.union(this.low[p]!, q));
    else if (pLevel > qLevel) result = this.makeNode(qLevel, this.high[q]!, this.union(p, this.low[q]!));
    else {
      result = this.makeNode(
        pLevel,
        this.union(this.high[p]!, this.high[q]!),
        this.union(this.low[p]!, this.low[q]!),
      );
    }
    this.unionMemo.set(p, q, result);
    return result;
  }

  /** The sets of the family that contain no other set of it. */
  minimal(p: number): number {
    if (p <= ZBDD_BASE) return p;
    const cached = this.minimalMemo.get(p, 0);
    if (cached !== -1) return cached;
    const low = this.minimal(this.low[p]!);
    const result = this.makeNode(this.level[p]!, this.without(this.minimal(this.high[p]!), low), low);
    this.minimalMemo.set(p, 0, result);
    return result;
  }

  /** The sets of the family whose order (by `weightOfLevel`) is at most `limit`. */
  truncate(p: number, limit: number): number {
    if (limit < 0) return ZBDD_EMPTY;
    if (p <= ZBDD_BASE) return p;
    const cached = this.truncateMemo.get(p, limit);
    if (cached !== -1) return cached;
    const level = this.level[p]!;
    const result = this.makeNode(
      level,
      this.truncate(this.high[p]!, limit - this.weightOfLevel(level)),
      this.truncate(this.low[p]!, limit),
    );
    this.truncateMemo.set(p, limit, result);
    return result;
  }

  /** {a ∪ b : a ∈ p, b ∈ q} restricted to sets of order at most `limit` (not minimised). */
  product(p: number, q: number, limit: number): number {
    if (limit < 0 || p === ZBDD_EMPTY || q === ZBDD_EMPTY) return ZBDD_EMPTY;
    if (p === ZBDD_BASE) return this.truncate(q, limit);
    if (q === ZBDD_BASE) return this.truncate(p, limit);
    if (p > q) [p, q] = [q, p];
    const memo = (this.productMemo[limit] ??= new PairMap(1 << 12));
    const cached = memo.get(p, q);
    if (cached !== -1) return cached;
    const pLevel = this.level[p]!;
    const qLevel = this.level[q]!;
    let result: number;
    if (pLevel !== qLevel) {
      // Let p hold the top element: its sets with it take q's sets along, within the remaining order.
      if (pLevel > qLevel) [p, q] = [q, p];
      const level = this.level[p]!;
      const rest = limit - this.weightOfLevel(level);
      result = this.makeNode(
        level,
        this.product(this.high[p]!, q, rest),
        this.product(this.low[p]!, q, limit),
      );
    } else {
      const rest = limit - this.weightOfLevel(pLevel);
      const [p1, p0, q1, q0] = [this.high[p]!, this.low[p]!, this.high[q]!, this.low[q]!];
      const high = this.union(this.product(p1, this.union(q1, q0), rest), this.product(p0, q1, rest));
      result = this.makeNode(pLevel, high, this.product(p0, q0, limit));
    }
    memo.set(p, q, result);
    return result;
  }

  /** The minimal sets of p ∪ q, for p and q that are each minimal (antichains). */
  minimalUnion(p: number, q: number): number {
    if (p === ZBDD_EMPTY || p === q) return q;
    if (q === ZBDD_EMPTY) return p;
    if (p > q) [p, q] = [q, p];
    const cached = this.minimalUnionMemo.get(p, q);
    if (cached !== -1) return cached;
    // A set of p holding a set of q holds one that is not also in p, else both are the same set.
    const newInQ = this.without(q, p);
    const result = this.union(this.without(p, newInQ), newInQ);
    this.minimalUnionMemo.set(p, q, result);
    return result;
  }

  /**
   * minimal(product(p, q, limit)) for p and q that are each minimal, without building the product: every
   * partial result is minimised as it is made (min(A × B) = min(min A × min B)), so the non-minimal sets
   * that make a plain product of large families explode never exist.
   */
  minimalProduct(p: number, q: number, limit: number): number {
    if (limit < 0 || p === ZBDD_EMPTY || q === ZBDD_EMPTY) return ZBDD_EMPTY;
    if (p === ZBDD_BASE) return this.truncate(q, limit);
    if (q === ZBDD_BASE) return this.truncate(p, limit);
    if (p > q) [p, q] = [q, p];
    const memo = (this.minimalProductMemo[limit] ??= new PairMap(1 << 12));
    const cached = memo.get(p, q);
    if (cached !== -1) return cached;
    let level = this.level[p]!;
    const qLevel = this.level[q]!;
    let high: number;
    let low: number;
    if (level !== qLevel) {
      if (level > qLevel) [p, q, level] = [q, p, qLevel];
      const rest = limit - this.weightOfLevel(level);
      low = this.minimalProduct(this.low[p]!, q, limit);
      high = this.minimalProduct(this.high[p]!, q, rest);
    } else {
      const rest = limit - this.weightOfLevel(level);
      const [p1, p0, q1, q0] = [this.high[p]!, this.low[p]!, this.high[q]!, this.low[q]!];
      low = this.minimalProduct(p0, q0, limit);
      high = this.minimalUnion(
        this.minimalUnion(this.minimalProduct(p1, q1, rest), this.minimalProduct(p1, q0, rest)),
        this.minimalProduct(p0, q1, rest),
      );
    }
    // A set with the element is minimal only if no set without it is inside it.
    const result = this.makeNode(level, this.without(high, low), low);
    memo.set(p, q, result);
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
