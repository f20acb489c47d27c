/**
 * Hashing and comparing lists of numbers, for the engine's tables that find a structure by its numbers (the
 * PDAG's gates, the cones' shapes) without writing it out as a string key first.
 */

/** FNV-1a's offset basis: the hash of nothing. */
export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over 32-bit words, one word more: spreads lists that differ in one number. */
export function fnvMix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193);
}

/** Whether `known` is exactly numbers[0 .. length). */
export function sameNumbers(known: Int32Array, numbers: ArrayLike<number>, length: number): boolean {
  if (known.length !== length) return false;
  for (let index = 0; index < length; index++) if (known[index] !== numbers[index]) return false;
  return true;
}

/** FNV-1a over numbers[0 .. length). */
export function hashNumbers(numbers: ArrayLike<number>, length: number): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < length; index++) hash = fnvMix(hash, numbers[index]!);
  return hash;
}

/**
 * Values found by a list of numbers: the list hashed, equal hashes compared in full, and copied once, when its
 * value is made. The cones' shapes, the report's sameness keys and the accounts' structures each find theirs so.
 */
export class NumberListTable<V> {
  private readonly buckets = new Map<number, { readonly numbers: Int32Array; readonly value: V }[]>();

  /**
   * The value of numbers[0 .. length), made by `make` from a copy of the list on first sight. `hash` is the
   * list's hash, when the caller has it already.
   */
  find(
    numbers: Int32Array,
    length: number,
    make: (numbers: Int32Array) => V,
    hash: number = hashNumbers(numbers, length),
  ): V {
    let bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, (bucket = []));
    for (const known of bucket) if (sameNumbers(known.numbers, numbers, length)) return known.value;
    const copy = numbers.slice(0, length);
    const value = make(copy);
    bucket.push({ numbers: copy, value });
    return value;
  }
}
