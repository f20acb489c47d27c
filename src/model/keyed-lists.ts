/**
 * Look-ups by key in an inventory's lists while they grow: a scan's reconciliation and `init` add a mailbox, a
 * number or a domain for each account they see. A `find` per account over lists of that size was quadratic: at
 * 10,000 accounts, 50 million comparisons and seconds for each. Each list is indexed once per key, the entries
 * appended since are added at the next look-up, and the first entry with a key is the one `find` would give.
 * The lists are only appended to, never re-keyed in place: an entry found whose key has changed since starts a
 * fresh index.
 */

type KeyOf<T> = (item: T) => string | undefined;

const NONE: readonly number[] = [];

export class KeyedList<T> {
  /** Positions in the list of the entries with each key, in list order. */
  private positions = new Map<string, number[]>();
  /** How many entries of the list are indexed. */
  private covered = 0;

  constructor(
    private readonly list: readonly T[],
    private readonly keyOf: KeyOf<T>,
  ) {}

  /** The first entry with the key, as `find` would give it. */
  first(key: string): T | undefined {
    const position = this.positionOf(key);
    return position === -1 ? undefined : this.list[position];
  }

  /** The position of the first entry with the key, as `findIndex` would give it; -1 when none has it. */
  positionOf(key: string): number {
    return this.positionsOf(key)[0] ?? -1;
  }

  /** Every entry with the key, in list order. */
  all(key: string): T[] {
    return this.positionsOf(key).map((position) => this.list[position]!);
  }

  private positionsOf(key: string): readonly number[] {
    this.catchUp();
    const found = this.positions.get(key) ?? NONE;
    if (found.some((position) => this.keyOf(this.list[position]!) !== key)) {
      this.positions = new Map();
      this.covered = 0;
      this.catchUp();
      return this.positions.get(key) ?? NONE;
    }
    return found;
  }

  private catchUp(): void {
    const { list, keyOf, positions } = this;
    for (; this.covered < list.length; this.covered++) {
      const key = keyOf(list[this.covered]!);
      if (key === undefined) continue;
      const same = positions.get(key);
      if (same) same.push(this.covered);
      else positions.set(key, [this.covered]);
    }
  }
}

const made = new WeakMap<readonly unknown[], Map<KeyOf<never>, KeyedList<unknown>>>();

/**
 * The list's index by `keyOf`, made at its first use and kept with the list: `keyOf` is a function defined
 * once (a module's constant), so that every caller asking by the same key shares one index.
 */
export function keyedBy<T>(list: readonly T[], keyOf: KeyOf<T>): KeyedList<T> {
  let byKey = made.get(list);
  if (byKey === undefined) {
    byKey = new Map();
    made.set(list, byKey);
  }
  let keyed = byKey.get(keyOf) as KeyedList<T> | undefined;
  if (keyed === undefined) {
    keyed = new KeyedList(list, keyOf);
    byKey.set(keyOf, keyed as KeyedList<unknown>);
  }
  return keyed;
}

/** An entry's id: the key most look-ups are by. */
export const idOf = (item: { id: string }): string => item.id;
