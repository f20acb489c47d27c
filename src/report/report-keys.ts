/**
 * Keys of what a part of the report says, so that the parts that say the same are made once and shared: the
 * 50,000 capabilities of an Organization of 10,000 accounts say about 700 different things, and each made
 * again was garbage to collect and text for JSON.stringify to write again. Everything a part is made from goes
 * into its key, in a fixed order: a part whose key is new is made, one whose key is known is the one made.
 */

import type { DurationRange } from '../analysis/graph.js';
import { IntList } from '../analysis/int-list.js';
import { FNV_OFFSET, fnvMix, NumberListTable } from '../analysis/number-hash.js';

/** The token of an absent value, of any kind. */
const ABSENT = 0;

/**
 * Builds one key at a time. Each string and each number becomes a small number (its token), given in order of
 * first use, and a key is the list of those tokens, found by its hash in a table of the lists met before: no
 * text is written for it (decoding 50,000 keys to strings, then hashing them again, took a sixth of the
 * report's time). Every key lists the same kinds of values in the same order, so a string's and a number's
 * tokens are told apart by their place; absent is a token of its own, and a list is written as its length
 * first (a count: the number itself, one up), so that no two different sequences of values give the same key.
 */
export class ReportKeys {
  private readonly textTokens = new Map<string, number>();
  private readonly numberTokens = new Map<number, number>();
  private readonly tokens = new IntList();
  private hash = FNV_OFFSET;
  private readonly known = new NumberListTable<number>();
  /** How many different keys were given. */
  size = 0;
  /** A new key's number: the next one. */
  private readonly nextKey = (): number => this.size++;

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

  /** How many of something (a list's length), or a key of another ReportKeys: written as it is, never absent. */
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

  /**
   * Lists of labelled things (lockout sets: 1.5 million factors over an Organization's 50,000 capabilities),
   * each as its length then its labels: one loop here, not a call for each label.
   */
  labelLists(lists: readonly (readonly { label: string }[])[]): this {
    this.count(lists.length);
    const tokens = this.textTokens;
    for (const list of lists) {
      this.count(list.length);
      for (const { label } of list) {
        let token = tokens.get(label);
        if (token === undefined) tokens.set(label, (token = tokens.size + 1));
        this.token(token);
      }
    }
    return this;
  }

  duration(duration: DurationRange | undefined): this {
    if (duration === undefined) return this.token(ABSENT);
    return this.number(duration.min).number(duration.typical).number(duration.max);
  }

  /**
   * The key of everything given since the last one: a number, the same for the same values in the same order,
   * given in order of first use from 0.
   */
  key(): number {
    const { values: tokens, length } = this.tokens;
    const key = this.known.find(tokens, length, this.nextKey, this.hash);
    this.tokens.length = 0;
    this.hash = FNV_OFFSET;
    return key;
  }

  private token(token: number): this {
    this.tokens.push(token);
    this.hash = fnvMix(this.hash, token);
    return this;
  }
}
