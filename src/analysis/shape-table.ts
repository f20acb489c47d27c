/**
 * Cone shapes by their numbers (analyze.ts's ConeShape): a hash of the numbers, then an exact comparison
 * within its bucket, so a shape is found without first being written out as a string key (at 10,000
 * accounts, building those strings cost more than walking the cones).
 */

import { hashNumbers, NumberListTable } from './number-hash.js';

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

export class ShapeTable {
  private readonly entries = new NumberListTable<ShapeEntry>();
  /** How many shapes the engine counted sets for. */
  counted = 0;

  /** `hash` is replaceable so that tests can make every shape collide. */
  constructor(private readonly hash: (numbers: Int32Array, length: number) => number = hashNumbers) {}

  /** The entry of the shape written as numbers[0 .. length), made on first sight (the numbers copied). */
  entry(numbers: Int32Array, length: number): ShapeEntry {
    return this.entries.find(numbers, length, newEntry, this.hash(numbers, length));
  }
}

function newEntry(numbers: Int32Array): ShapeEntry {
  return { numbers, counts: undefined, pages: new Map() };
}
