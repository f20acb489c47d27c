/**
 * The node store shared by the BDD and the ZBDD: per node a level, a high and a low reference in typed arrays,
 * and an open-addressing unique table so that equal (level, high, low) triples are one node. Each diagram
 * keeps its own reduction rule and only asks here for the node of a reduced triple.
 */

import { hash3 } from './int-table.js';

/** Thrown when a diagram would pass its node budget; the tables stay consistent and usable. */
export class DiagramTooLarge extends Error {
  constructor(readonly maxNodes: number) {
    super(`the decision diagram passed ${maxNodes.toLocaleString('en-US')} nodes`);
  }
}

export abstract class NodeTable {
  level: Int32Array;
  high: Int32Array;
  low: Int32Array;
  nodeCount: number;
  /** A diagram that would pass this many nodes throws DiagramTooLarge instead of exhausting memory. */
  maxNodes = Number.POSITIVE_INFINITY;
  private unique: Int32Array;
  private uniqueMask: number;
  /** Nodes below this index are terminals and never enter the unique table. */
  private readonly firstNode: number;

  protected constructor(terminals: number, initialCapacity: number) {
    this.level = new Int32Array(initialCapacity);
    this.high = new Int32Array(initialCapacity);
    this.low = new Int32Array(initialCapacity);
    this.level.fill(0x7fffffff, 0, terminals);
    this.nodeCount = terminals;
    this.firstNode = terminals;
    this.unique = new Int32Array(initialCapacity * 2).fill(-1);
    this.uniqueMask = this.unique.length - 1;
  }

  /** The node of (level, high, low), made if new. */
  protected findOrAdd(level: number, high: number, low: number): number {
    let slot = hash3(level, high, low) & this.uniqueMask;
    for (;;) {
      const node = this.unique[slot]!;
      if (node === -1) break;
      if (this.level[node] === level && this.high[node] === high && this.low[node] === low) return node;
      slot = (slot + 1) & this.uniqueMask;
    }
    if (this.nodeCount >= this.maxNodes) throw new DiagramTooLarge(this.maxNodes);
    const node = this.nodeCount++;
    if (node === this.level.length) this.growNodes();
    this.level[node] = level;
    this.high[node] = high;
    this.low[node] = low;
    this.unique[slot] = node;
    if (this.nodeCount * 2 > this.uniqueMask + 1) this.growUnique();
    return node;
  }

  /** Called after the unique table doubles, with its new size: computed caches grow along. */
  protected abstract onUniqueGrown(capacity: number): void;

  private growNodes(): void {
    const capacity = this.level.length * 2;
    for (const key of ['level', 'high', 'low'] as const) {
      const grown = new Int32Array(capacity);
      grown.set(this[key]);
      this[key] = grown;
    }
  }

  private growUnique(): void {
    const capacity = (this.uniqueMask + 1) * 2;
    const unique = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let node = this.firstNode; node < this.nodeCount; node++) {
      let slot = hash3(this.level[node]!, this.high[node]!, this.low[node]!) & mask;
      while (unique[slot] !== -1) slot = (slot + 1) & mask;
      unique[slot] = node;
    }
    this.unique = unique;
    this.uniqueMask = mask;
    this.onUniqueGrown(capacity);
  }
}
