/**
 * Reduced ordered binary decision diagrams with complement edges, stored in typed arrays.
 *
 * An edge is `node << 1 | complemented`. Node 0 is the terminal ONE, so edge 0 is TRUE and edge 1 is FALSE.
 * Canonical form: a node's high edge is never complemented (the complement moves to the incoming edge), so
 * every Boolean function has exactly one edge, and negation is a bit flip.
 */

import { ComputedCache } from './int-table.js';
import { NodeTable } from './node-table.js';

export const BDD_TRUE = 0;
export const BDD_FALSE = 1;
/** The level of the terminal: below every variable. */
export const TERMINAL_LEVEL = 0x7fffffff;

export class Bdd extends NodeTable {
  private readonly andCache: ComputedCache;

  constructor(initialCapacity = 1 << 14) {
    super(1, initialCapacity);
    this.andCache = new ComputedCache(16);
  }

  /** The function that is true exactly when the variable at this level is true. */
  variable(level: number): number {
    return this.makeNode(level, BDD_TRUE, BDD_FALSE);
  }

  levelOf(edge: number): number {
    return this.level[edge >>> 1]!;
  }

  /** The cofactor for the top variable = 1, with the edge's complement pushed down. */
  highOf(edge: number): number {
    return this.high[edge >>> 1]! ^ (edge & 1);
  }

  lowOf(edge: number): number {
    return this.low[edge >>> 1]! ^ (edge & 1);
  }

  /** The unique edge for ite(level, high, low). */
  makeNode(level: number, high: number, low: number): number {
    if (high === low) return high;
    // Keep high edges regular: ite(x, ¬h, ¬l) = ¬ite(x, h, l).
    const complement = high & 1;
    if (complement) {
      high ^= 1;
      low ^= 1;
    }
    return (this.findOrAdd(level, high, low) << 1) | complement;
  }

  and(f: number, g: number): number {
    if (f === BDD_FALSE || g === BDD_FALSE) return BDD_FALSE;
    if (f === BDD_TRUE) return g;
    if (g === BDD_TRUE || f === g) return f;
    if (f === (g ^ 1)) return BDD_FALSE;
    if (f > g) {
      const t = f;
      f = g;
      g = t;
    }
    const cached = this.andCache.lookup(f, g);
    if (cached !== -1) return cached;
    const fLevel = this.level[f >>> 1]!;
    const gLevel = this.level[g >>> 1]!;
    const top = fLevel < gLevel ? fLevel : gLevel;
    const fh = fLevel === top ? this.high[f >>> 1]! ^ (f & 1) : f;
    const fl = fLevel === top ? this.low[f >>> 1]! ^ (f & 1) : f;
    const gh = gLevel === top ? this.high[g >>> 1]! ^ (g & 1) : g;
    const gl = gLevel === top ? this.low[g >>> 1]! ^ (g & 1) : g;
    const result = this.makeNode(top, this.and(fh, gh), this.and(fl, gl));
    this.andCache.store(f, g, result);
    return result;
  }

  or(f: number, g: number): number {
    return this.and(f ^ 1, g ^ 1) ^ 1;
  }

  /**
   * At least k of the functions are true: the classic O(n·k) dynamic programme over the arguments, taken from
   * the last (the engine passes them bottom of the order first). An argument that is a plain variable above
   * every one taken so far needs no apply: "at least j" is then ite(x, at least j − 1 of the rest, at least j
   * of the rest), one node. Applying instead walked the rows' whole depth per argument (a 2-of-4,000 took 97 s
   * and passed the node budget).
   */
  atLeast(k: number, args: readonly number[]): number {
    const n = args.length;
    // row[j] = at least j of the arguments taken so far.
    let row = new Array<number>(k + 1).fill(BDD_FALSE);
    row[0] = BDD_TRUE;
    let top = TERMINAL_LEVEL;
    for (let i = 0; i < n; i++) {
      const arg = args[i]!;
      const level = this.levelOf(arg);
      const plain = level < top && this.highOf(arg) === BDD_TRUE && this.lowOf(arg) === BDD_FALSE;
      const next = new Array<number>(k + 1);
      next[0] = BDD_TRUE;
      for (let j = 1; j <= k; j++) {
        next[j] =
          j > i + 1
            ? BDD_FALSE
            : plain
              ? this.makeNode(level, row[j - 1]!, row[j]!)
              : this.or(this.and(arg, row[j - 1]!), row[j]!);
      }
      if (level < top) top = level;
      row = next;
    }
    return row[k]!;
  }

  /** Restricts the variable at `level` to a constant. */
  restrict(f: number, level: number, value: boolean, memo = new Map<number, number>()): number {
    const node = f >>> 1;
    const nodeLevel = this.level[node]!;
    if (nodeLevel > level) return f;
    const cached = memo.get(f);
    if (cached !== undefined) return cached;
    const result =
      nodeLevel === level
        ? value
          ? this.highOf(f)
          : this.lowOf(f)
        : this.makeNode(
            nodeLevel,
            this.restrict(this.highOf(f), level, value, memo),
            this.restrict(this.lowOf(f), level, value, memo),
          );
    memo.set(f, result);
    return result;
  }

  /** Number of nodes reachable from the edges (terminal included). */
  size(edges: readonly number[]): number {
    const seen = new Uint8Array(this.nodeCount);
    const stack = edges.map((edge) => edge >>> 1);
    let count = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (seen[node]) continue;
      seen[node] = 1;
      count += 1;
      if (node !== 0) stack.push(this.high[node]! >>> 1, this.low[node]! >>> 1);
    }
    return count;
  }

  protected override onUniqueGrown(capacity: number): void {
    // A cache a quarter the size of the unique table keeps the hit rate up as diagrams grow.
    this.andCache.resize(Math.min(24, Math.max(16, Math.log2(capacity) - 2)));
  }
}
