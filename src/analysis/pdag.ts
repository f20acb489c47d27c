/**
 * The engine's normal form of a fault graph: a propositional DAG of AND, OR and k-of-n gates over signed
 * literals, with constants propagated and identical gates shared (hash-consed).
 *
 * Literals are signed integers over one index space: variables take 1..V (event index + 1), gates V+1..V+G,
 * and a negative literal is the complement of its node. TRUE and FALSE are the two constants below.
 */

import { FNV_OFFSET, fnvMix, sameNumbers } from './number-hash.js';
import { sortPrefix } from './sort-prefix.js';

export const TRUE = 0x7fffffff;
export const FALSE = -0x7fffffff;

export type PdagGateType = 'and' | 'or' | 'atleast';

export interface PdagGate {
  readonly type: PdagGateType;
  /** For `atleast`: how many arguments must be true (1 < k < args.length after normalisation). */
  readonly k: number;
  /** Signed literals of variables and gates, sorted, without duplicates for and/or. */
  readonly args: Int32Array;
}

export function isConstant(literal: number): boolean {
  return literal === TRUE || literal === FALSE;
}

const typeCodes = { and: 1, or: 2, atleast: 3 } as const;

/** FNV-1a over a gate's type, threshold and arguments (exported for the test that makes two collide). */
export function gateHash(type: PdagGateType, k: number, sortedArgs: readonly number[]): number {
  let hash = fnvMix(fnvMix(FNV_OFFSET, typeCodes[type]), k);
  for (const arg of sortedArgs) hash = fnvMix(hash, arg);
  return hash;
}

/** Gates with more arguments than this are folded with a Set (see andOr). */
const SMALL_GATE = 16;

/** Builds a Pdag bottom-up; every constructor folds constants and returns an existing gate when one matches. */
export class Pdag {
  /** Number of variables: literals 1..variableCount are variables. */
  readonly variableCount: number;
  /** gates[i] is node variableCount + 1 + i. */
  readonly gates: PdagGate[] = [];
  /**
   * Hash-consing: by hash of a gate's type, threshold and arguments, the last gate made with that hash; the
   * others with it are chained through `sameHash` (by gate position, -1 ends). No key text is made per gate.
   */
  private readonly unique = new Map<number, number>();
  private readonly sameHash: number[] = [];

  constructor(variableCount: number) {
    this.variableCount = variableCount;
  }

  isGate(literal: number): boolean {
    return Math.abs(literal) > this.variableCount && !isConstant(literal);
  }

  gate(literal: number): PdagGate {
    return this.gates[Math.abs(literal) - this.variableCount - 1]!;
  }

  get nodeCount(): number {
    return this.variableCount + this.gates.length;
  }

  and(args: readonly number[]): number {
    return this.andOr('and', args);
  }

  or(args: readonly number[]): number {
    return this.andOr('or', args);
  }

  not(literal: number): number {
    return -literal;
  }

  /** At least k of the arguments are true. */
  atLeast(k: number, args: readonly number[]): number {
    const live: number[] = [];
    for (const arg of args) {
      if (arg === TRUE) k -= 1;
      else if (arg !== FALSE) live.push(arg);
    }
    if (k <= 0) return TRUE;
    if (k > live.length) return FALSE;
    if (k === 1) return this.or(live);
    if (k === live.length) return this.and(live);
    live.sort((a, b) => a - b);
    return this.intern('atleast', k, live);
  }

  /** Odd parity of the arguments (MEF xor). */
  xor(args: readonly number[]): number {
    let result = FALSE;
    for (const arg of args) {
      result = this.or([this.and([result, -arg]), this.and([-result, arg])]);
    }
    return result;
  }

  private andOr(type: 'and' | 'or', args: readonly number[]): number {
    // OR is the dual of AND: fold both through one code path on complemented arguments.
    const absorbing = type === 'and' ? FALSE : TRUE;
    const neutral = -absorbing;
    if (args.length > SMALL_GATE) return this.andOrLarge(type, args);
    // Most gates have a handful of arguments: a list searched from end to end, sorted by insertion, costs
    // less than a Set and a sort (a few hundred thousand gates at 10,000 accounts).
    const live: number[] = [];
    for (const arg of args) {
      if (arg === absorbing) return absorbing;
      if (arg === neutral) continue;
      if (live.includes(-arg)) return absorbing;
      if (!live.includes(arg)) live.push(arg);
    }
    if (live.length === 0) return neutral;
    if (live.length === 1) return live[0]!;
    sortPrefix(live, live.length);
    return this.intern(type, 0, live);
  }

  private andOrLarge(type: 'and' | 'or', args: readonly number[]): number {
    const absorbing = type === 'and' ? FALSE : TRUE;
    const neutral = -absorbing;
    const live = new Set<number>();
    for (const arg of args) {
      if (arg === absorbing) return absorbing;
      if (arg === neutral) continue;
      if (live.has(-arg)) return absorbing;
      live.add(arg);
    }
    if (live.size === 0) return neutral;
    if (live.size === 1) return live.values().next().value!;
    const sorted = [...live].sort((a, b) => a - b);
    return this.intern(type, 0, sorted);
  }

  private intern(type: PdagGateType, k: number, sortedArgs: number[]): number {
    const hash = gateHash(type, k, sortedArgs);
    const first = this.unique.get(hash);
    for (let position = first ?? -1; position >= 0; position = this.sameHash[position]!) {
      const gate = this.gates[position]!;
      if (gate.type === type && gate.k === k && sameNumbers(gate.args, sortedArgs, sortedArgs.length)) {
        return this.variableCount + 1 + position;
      }
    }
    this.gates.push({ type, k, args: Int32Array.from(sortedArgs) });
    this.sameHash.push(first ?? -1);
    this.unique.set(hash, this.gates.length - 1);
    return this.variableCount + this.gates.length;
  }
}
