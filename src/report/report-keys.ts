/**
 * Keys of what a part of the report says, so that the parts that say the same are made once and shared: the
 * 50,000 capabilities of an Organization of 10,000 accounts say about 700 different things, and each made
 * again was garbage to collect and text for JSON.stringify to write again. Everything a part is made from goes
 * into its key, in a fixed order: a part whose key is new is made, one whose key is known is the one made.
 */

import type { DurationRange } from '../analysis/graph.js';

/** The token of an absent value, of any kind. */
const ABSENT = 0;
/**
 * A token at or above this is written in three units: this one, then its two 15-bit halves. No unit is then a
 * surrogate, which a UTF-16 decoder would replace (two keys the same).
 */
const WIDE = 0xd7ff;

const decoder = new TextDecoder('utf-16le');

/**
 * Builds one key at a time. Each string and each number becomes a small number (its token), given in order of
 * first use, and the key is those tokens as UTF-16 units: much cheaper to make and compare than decimal text,
 * which took most of the report's time. Every key lists the same kinds of values in the same order, so a
 * string's and a number's tokens are told apart by their place; absent is a token of its own, and a list is
 * written as its length first (a count: the number itself, one up), so that no two different sequences of
 * values give the same key.
 */
export class ReportKeys {
  private readonly textTokens = new Map<string, number>();
  private readonly numberTokens = new Map<number, number>();
  private units = new Uint16Array(256);
  private length = 0;

  text(value: string | undefined): this {
    if (value === undefined) return this.token(ABSENT);
    let token = this.textTokens.get(value);
    if (token === undefined) this.textTokens.set(value, (token = this.textTokens.size + 1));
    return this.token(token);
  }

  number(value: number | undefined): this {
    if (value === undefined) return this.token(ABSENT);
    let token = this.numberTokens.get(value);
    if (token === undefined) this.numberTokens.set(value, (token = this.numberTokens.size + 1));
    return this.token(token);
  }

  /** How many of something (a list's length): written as it is, never absent. */
  count(value: number): this {
    return this.token(value + 1);
  }

  flag(value: boolean | undefined): this {
    return this.token(value === undefined ? ABSENT : value ? 2 : 1);
  }

  texts(values: readonly string[]): this {
    this.count(values.length);
    for (const value of values) this.text(value);
    return this;
  }

  numbers(values: readonly number[] | undefined): this {
    if (values === undefined) return this.token(ABSENT);
    this.count(values.length);
    for (const value of values) this.number(value);
    return this;
  }

  duration(duration: DurationRange | undefined): this {
    if (duration === undefined) return this.token(ABSENT);
    return this.number(duration.min).number(duration.typical).number(duration.max);
  }

  /** The key of everything given since the last one. */
  key(): string {
    const key = decoder.decode(this.units.subarray(0, this.length));
    this.length = 0;
    return key;
  }

  private token(token: number): this {
    if (this.length + 3 > this.units.length) {
      const units = new Uint16Array(this.units.length * 2);
      units.set(this.units);
      this.units = units;
    }
    if (token < WIDE) this.units[this.length++] = token;
    else {
      this.units[this.length++] = WIDE;
      this.units[this.length++] = (token >>> 15) & 0x7fff;
      this.units[this.length++] = token & 0x7fff;
    }
    return this;
  }
}
