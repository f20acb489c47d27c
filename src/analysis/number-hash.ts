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
