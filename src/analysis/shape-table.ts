/**
 * Cone shapes by their numbers (analyze.ts's ConeShape): a hash of the numbers, then an exact comparison
 * within its bucket, so a shape is found without first being written out as a string key (at 10,000
 * accounts, building those strings cost more than walking the cones).
 */

import { FNV_OFFSET, fnvMix, sameNumbers } from './number-hash.js';

/** What one shape's tops share: the sets counted by order, and the pages listed as positions in the shape. */
export interface ShapeEntry {
  /** The shape's numbers: what tells it from any other. */
  readonly numbers: Int32Array;
  counts: Float64Array | undefined;
  /** By page asked (offset|limit|order). */
  readonly pages: Map<string, ShapePage>;
}

/** A page of a shape's sets, as positions in the shape, and the last naming of it handed out. */
export interface ShapePage {
  readonly sets: number[][];
  readonly total: number;
  /**
   * The events the last top of the shape named in these sets, in the order they come, and the lists it got:
   * the next top naming the same events (accounts alike whose sets hold only shared factors) gets the same.
   */
  last?: { readonly name: unknown; readonly events: Int32Array; readonly sets: unknown[][] } | undefined;
}

/** FNV-1a over the shape's numbers: equal hashes are compared in full. */
export function hashNumbers(numbers: Int32Array, length: number): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < length; index++) hash = fnvMix(hash, numbers[index]!);
  return hash;
}

export class ShapeTable {
  private readonly buckets = new Map<number, ShapeEntry[]>();
  /** How many shapes the engine counted sets for. */
  counted = 0;

  /** `hash` is replaceable so that tests can make every shape collide. */
  constructor(private readonly hash: (numbers: Int32Array, length: number) => number = hashNumbers) {}

  /** The entry of the shape written as numbers[0 .. length), made on first sight (the numbers copied). */
  entry(numbers: Int32Array, length: number): ShapeEntry {
    const hash = this.hash(numbers, length);
    let bucket = this.buckets.get(hash);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(hash, bucket);
    }
    for (const entry of bucket) if (sameNumbers(entry.numbers, numbers, length)) return entry;
    const entry: ShapeEntry = { numbers: numbers.slice(0, length), counts: undefined, pages: new Map() };
    bucket.push(entry);
    return entry;
  }
}
