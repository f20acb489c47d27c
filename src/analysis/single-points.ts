/**
 * Single points of failure of every gate at once, in one bottom-up pass over the Pdag.
 *
 * For each node we keep its value when nothing is lost and its "flip set": the events whose loss alone
 * changes that value. A gate's flip set follows from its arguments' by counting, for each event in their
 * union, how many arguments it turns true or false. The order-1 cut sets of a node that is false when nothing
 * is lost are exactly its flip set. This works for non-coherent gates too, and costs the sum of the
 * arguments' flip-set sizes — no diagram is built.
 */

import { FALSE, isConstant, TRUE, type Pdag } from './pdag.js';

export class SinglePoints {
  private readonly pdag: Pdag;
  /** Per gate (index into pdag.gates): value when nothing is lost, and the sorted flip set (variables). */
  private readonly baseValue: number[] = [];
  private readonly flipSets: Int32Array[] = [];
  private readonly delta: Int32Array;

  constructor(pdag: Pdag) {
    this.pdag = pdag;
    this.delta = new Int32Array(pdag.variableCount + 1);
  }

  /** Processes the gates added to the Pdag since the last call (it only ever appends). */
  private catchUp(): void {
    const pdag = this.pdag;
    const delta = this.delta;
    const touched: number[] = [];
    for (let g = this.flipSets.length; g < pdag.gates.length; g++) {
      const gate = pdag.gates[g]!;
      let trueArgs = 0;
      for (const arg of gate.args) {
        const base = this.literalBase(arg);
        if (base) trueArgs += 1;
        const flips = this.literalFlips(arg);
        for (const variable of flips) {
          if (delta[variable] === 0) touched.push(variable);
          delta[variable]! += base ? -1 : 1;
        }
      }
      const n = gate.args.length;
      const need = gate.type === 'and' ? n : gate.type === 'or' ? 1 : gate.k;
      const base = trueArgs >= need;
      this.baseValue[g] = base ? 1 : 0;
      const flips: number[] = [];
      for (const variable of touched) {
        if (trueArgs + delta[variable]! >= need !== base) flips.push(variable);
        delta[variable] = 0;
      }
      touched.length = 0;
      this.flipSets[g] = Int32Array.from(flips.sort((a, b) => a - b));
    }
  }

  /** Whether the literal is already true (lost) with no further loss. */
  isLostNow(literal: number): boolean {
    this.catchUp();
    return this.literalBase(literal);
  }

  /**
   * The events (0-based indices) whose loss alone makes the literal true; empty when it is already true
   * (nothing more needs to be lost) or cannot be made true by a single loss.
   */
  of(literal: number): number[] {
    this.catchUp();
    if (isConstant(literal) || this.literalBase(literal)) return [];
    return Array.from(this.literalFlips(literal), (variable) => variable - 1);
  }

  private literalBase(literal: number): boolean {
    if (literal === TRUE) return true;
    if (literal === FALSE) return false;
    const node = Math.abs(literal);
    const value =
      node <= this.pdag.variableCount ? false : this.baseValue[node - this.pdag.variableCount - 1] === 1;
    return literal < 0 ? !value : value;
  }

  private literalFlips(literal: number): readonly number[] | Int32Array {
    if (isConstant(literal)) return [];
    const node = Math.abs(literal);
    return node <= this.pdag.variableCount ? [node] : this.flipSets[node - this.pdag.variableCount - 1]!;
  }
}
