/**
 * The engine's normal form of a fault graph: a propositional DAG of AND, OR and k-of-n gates over signed
 * literals, with constants propagated and identical gates shared (hash-consed).
 *
 * Literals are signed integers over one index space: variables take 1..V (event index + 1), gates V+1..V+G,
 * and a negative literal is the complement of its node. TRUE and FALSE are the two constants below.
 */

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

/** Gates with more arguments than this are folded with a Set (see andOr). */
const SMALL_GATE = 16;

/** Builds a Pdag bottom-up; every constructor folds constants and returns an existing gate when one matches. */
export class Pdag {
  /** Number of variables: literals 1..variableCount are variables. */
  readonly variableCount: number;
  /** gates[i] is node variableCount + 1 + i. */
  readonly gates: PdagGate[] = [];
  private readonly unique = new Map<string, number>();

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
    const key = `${type[0]}${k}:${sortedArgs.join(',')}`;
    const existing = this.unique.get(key);
    if (existing !== undefined) return existing;
    this.gates.push({ type, k, args: Int32Array.from(sortedArgs) });
    const literal = this.variableCount + this.gates.length;
    this.unique.set(key, literal);
    return literal;
  }
}
