/**
 * Open-addressing hash tables over typed arrays, for the engine's unique tables and memo tables.
 * V8 caps a Map at 2^24 entries and spends ~80 bytes per entry; these spend 12–16 bytes and grow by doubling.
 */

const EMPTY = -1;

/** Mixes two or three 32-bit integers into a well-spread 32-bit hash. */
export function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Maps a pair of int32 keys to an int32 value (values must be >= 0). */
export class PairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity <<= 1;
    this.keysA = new Int32Array(capacity).fill(EMPTY);
    this.keysB = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let slot = hash3(a, b, 0) & this.mask;
    for (;;) {
      const ka = this.keysA[slot]!;
      if (ka === EMPTY) return EMPTY;
      if (ka === a && this.keysB[slot] === b) return this.values[slot]!;
      slot = (slot + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let slot = hash3(a, b, 0) & this.mask;
    for (;;) {
      const ka = this.keysA[slot]!;
      if (ka === EMPTY) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.values[slot] = value;
        this.size += 1;
        return;
      }
      if (ka === a && this.keysB[slot] === b) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const capacity = (this.mask + 1) * 2;
    this.keysA = new Int32Array(capacity).fill(EMPTY);
    this.keysB = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < keysA.length; i++) {
      if (keysA[i] !== EMPTY) this.set(keysA[i]!, keysB[i]!, values[i]!);
    }
  }
}

/**
 * A lossy direct-mapped cache of (a, b) → result for apply operations: a collision overwrites, which
 * costs a recomputation but never a wrong answer, and keeps memory fixed.
 */
export class ComputedCache {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private results: Int32Array;
  private mask: number;

  constructor(log2Size: number) {
    const size = 1 << log2Size;
    this.keysA = new Int32Array(size).fill(EMPTY);
    this.keysB = new Int32Array(size);
    this.results = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.mask + 1;
  }

  lookup(a: number, b: number): number {
    const slot = hash3(a, b, 1) & this.mask;
    return this.keysA[slot] === a && this.keysB[slot] === b ? this.results[slot]! : EMPTY;
  }

  store(a: number, b: number, result: number): void {
    const slot = hash3(a, b, 1) & this.mask;
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    this.results[slot] = result;
  }

  /** Grows the cache (dropping its content) so that it keeps up with a growing node table. */
  resize(log2Size: number): void {
    const size = 1 << log2Size;
    if (size <= this.mask + 1) return;
    this.keysA = new Int32Array(size).fill(EMPTY);
    this.keysB = new Int32Array(size);
    this.results = new Int32Array(size);
    this.mask = size - 1;
  }
}

/** A growable list of int32 columns, addressed by row: the node store of the decision diagrams. */
export class NodeStore {
  columns: Int32Array[];
  length = 0;

  constructor(columnCount: number, initialCapacity = 1 << 12) {
    this.columns = Array.from({ length: columnCount }, () => new Int32Array(initialCapacity));
  }

  get capacity(): number {
    return this.columns[0]!.length;
  }

  /** Reserves a row and returns its index; callers fill the columns. */
  push(): number {
    if (this.length === this.capacity) {
      this.columns = this.columns.map((column) => {
        const grown = new Int32Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    }
    return this.length++;
  }
}
