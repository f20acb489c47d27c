/**
 * Single points of failure of every gate at once, in one bottom-up pass over the Pdag.
 *
 * For each node we keep its value when nothing is lost and its "flip set": the events whose loss alone
 * changes that value. A gate's flip set follows from its arguments' by counting, for each event in their
 * union, how many arguments it turns true or false. The order-1 cut sets of a node that is false when nothing
 * is lost are exactly its flip set. This works for non-coherent gates too, and costs the sum of the
 * arguments' flip-set sizes — no diagram is built.
 */

import { FALSE, isConstant, TRUE, type Pdag, type PdagGateType } from './pdag.js';
import { sortPrefix } from './sort-prefix.js';

/**
 * Value and flip set of one gate from its arguments': feed each argument with `add`, then `finish`. Shared by
 * the whole-graph pass below and by what-if, which re-evaluates only the gates above the losses.
 */
export class FlipCounter {
  /** After `finish`: the gate's flip set, sorted, in flips[0 .. flipCount), until the next gate's. */
  readonly flips: Int32Array;
  flipCount = 0;
  private readonly delta: Int32Array;
  /**
   * The gate each variable was last touched for. A variable's delta can come back to 0 (one argument turns
   * true what another turns false) and be touched again: marking by delta === 0 listed it twice and ran past
   * `flips`, whose room is one entry per variable, so a later variable was silently dropped.
   */
  private readonly touchedFor: Uint32Array;
  private gateNumber = 1;
  private touchedCount = 0;
  private trueArgs = 0;
  private argCount = 0;

  constructor(variableCount: number) {
    this.delta = new Int32Array(variableCount + 1);
    this.touchedFor = new Uint32Array(variableCount + 1);
    this.flips = new Int32Array(variableCount);
  }

  /** An argument: its value and its flip set, flips[from .. to). */
  add(value: boolean, flips: ArrayLike<number>, from = 0, to = flips.length): void {
    const delta = this.delta;
    if (value) this.trueArgs += 1;
    this.argCount += 1;
    for (let i = from; i < to; i++) {
      const variable = flips[i]!;
      if (this.touchedFor[variable] !== this.gateNumber) {
        this.touchedFor[variable] = this.gateNumber;
        this.flips[this.touchedCount++] = variable;
      }
      delta[variable]! += value ? -1 : 1;
    }
  }

  /** The gate's value with nothing more lost; its flip set is left in `flips`. */
  finish(type: PdagGateType, k: number): boolean {
    const { delta, flips } = this;
    const need = type === 'and' ? this.argCount : type === 'or' ? 1 : k;
    const value = this.trueArgs >= need;
    let count = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const variable = flips[i]!;
      if (this.trueArgs + delta[variable]! >= need !== value) flips[count++] = variable;
      delta[variable] = 0;
    }
    sortPrefix(flips, count);
    this.flipCount = count;
    this.touchedCount = 0;
    // A fresh mark for the next gate; after 2^32 − 1 gates the marks start over.
    if (++this.gateNumber === 0x1_0000_0000) {
      this.touchedFor.fill(0);
      this.gateNumber = 1;
    }
    this.trueArgs = 0;
    this.argCount = 0;
    return value;
  }
}

export class SinglePoints {
  private readonly pdag: Pdag;
  /** Per gate (index into pdag.gates): value when nothing is lost, and the sorted flip set (variables). */
  private readonly baseValue: number[] = [];
  private readonly flipSets: Int32Array[] = [];
  private readonly counter: FlipCounter;

  constructor(pdag: Pdag) {
    this.pdag = pdag;
    this.counter = new FlipCounter(pdag.variableCount);
  }

  /** Processes the gates added to the Pdag since the last call (it only ever appends). */
  private catchUp(): void {
    const pdag = this.pdag;
    for (let g = this.flipSets.length; g < pdag.gates.length; g++) {
      const gate = pdag.gates[g]!;
      for (const arg of gate.args) this.counter.add(this.literalBase(arg), this.literalFlips(arg));
      this.baseValue[g] = this.counter.finish(gate.type, gate.k) ? 1 : 0;
      this.flipSets[g] = this.counter.flips.slice(0, this.counter.flipCount);
    }
  }

  /** Whether the literal is already true (lost) with no further loss. */
  isLostNow(literal: number): boolean {
    this.catchUp();
    return this.literalBase(literal);
  }

  /** The variables whose loss alone changes the literal's value, sorted. */
  flipSet(literal: number): ArrayLike<number> {
    this.catchUp();
    return this.literalFlips(literal);
  }

  /**
   * The events (0-based indices) whose loss alone makes the literal true; empty when it is already true
   * (nothing more needs to be lost) or cannot be made true by a single loss.
   */
  of(literal: number): number[] {
    this.catchUp();
    if (isConstant(literal) || this.literalBase(literal)) return [];
    // A loop: Array.from walks a typed array through an iterator, for every capability of an Organization.
    const flips = this.literalFlips(literal);
    const events: number[] = [];
    for (let index = 0; index < flips.length; index++) events.push(flips[index]! - 1);
    return events;
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
