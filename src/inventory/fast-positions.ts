/**
 * Where each node of an inventory read by the fast path starts, from what js-yaml's listener said during that
 * read (or, for a source given only text, a read of its own): the findings of an Organization point at
 * thousands of declarations, and the `yaml` library's position-keeping parse took 6.5 s of `lockout check` at
 * 10,000 accounts to place them, js-yaml about a tenth; a second js-yaml read for them, 0.5 s more.
 * It answers only where it is sure to place a node where `yaml` does; anything it does not recognise leaves
 * the position to `yaml` (the caller falls back).
 */
import { IntList } from '../analysis/int-list.js';
import { load, type EventType, type State } from 'js-yaml';
import { yamlCoreSchema } from './fast-read.js';

/**
 * What js-yaml's listener said of the nodes of one read, each by the order it opened in (a node before its
 * children, so a node's descendants are the indices from it to its `after`): three numbers per node in typed
 * lists, and the value of each mapping and sequence; a few writes while the read runs. A list per field, and the
 * whole tree built after the read, cost `lockout check` 0.1 s and 0.15 s at 10,000 accounts; keeping every
 * scalar's value too, 20 ms more: a scalar's key is read from its mapping's keys, in the order written.
 */
export interface ReadEvents {
  /** How many nodes the read opened. */
  count: number;
  /** Where js-yaml opened each node: its text starts there, past any spaces, line breaks and comments. */
  open: Int32Array;
  /** Where js-yaml closed it. */
  end: Int32Array;
  /** The index of the first node opened after it closed: past its last descendant, its next sibling if any. */
  after: Int32Array;
  /** For a mapping or a sequence, 1 + the index of its value in `collections`; 0 for a scalar. */
  collection: Int32Array;
  collections: object[];
}

/** A js-yaml listener that records `events`, to pass to `load`. */
export function recordReadEvents(): {
  events: ReadEvents;
  listener: (event: EventType, state: State) => void;
} {
  const initial = 1024;
  const events: ReadEvents = {
    count: 0,
    open: new Int32Array(initial),
    end: new Int32Array(initial),
    after: new Int32Array(initial),
    collection: new Int32Array(initial),
    collections: [],
  };
  // The nodes opened and not yet closed, innermost last.
  const opened: number[] = [];
  return {
    events,
    listener(event, state) {
      if (event === 'open') {
        const index = events.count++;
        if (index === events.open.length) grow(events);
        events.open[index] = state.position;
        opened.push(index);
        return;
      }
      const index = opened.pop()!;
      events.end[index] = state.position;
      events.after[index] = events.count;
      const value: unknown = state.result;
      if (typeof value === 'object' && value !== null)
        events.collection[index] = events.collections.push(value);
    },
  };
}

function grow(events: ReadEvents): void {
  const larger = (list: Int32Array): Int32Array => {
    const copy = new Int32Array(list.length * 2);
    copy.set(list);
    return copy;
  };
  events.open = larger(events.open);
  events.end = larger(events.end);
  events.after = larger(events.after);
  events.collection = larger(events.collection);
}

/** A node's value if it is a mapping or a sequence; undefined for a scalar. */
function collectionOf(events: ReadEvents, index: number): object | undefined {
  const slot = events.collection[index]!;
  return slot === 0 ? undefined : events.collections[slot - 1];
}

/**
 * Whether a node's value is `value`, as far as the events say: the same mapping or sequence, or a scalar for a
 * scalar.
 */
function holds(events: ReadEvents, index: number, value: unknown): boolean {
  const collection = collectionOf(events, index);
  return typeof value === 'object' && value !== null ? collection === value : collection === undefined;
}

/** A node whose children are not read yet. */
const unread = 0;
/** A node whose children do not match its value one for one: the fields below it are left to `yaml`. */
const leftToYaml = -1;
/** A scalar: nothing below it. */
const noChildren = -2;

/**
 * The positions of one read of a text, found along the paths asked: an Organization's findings point into each
 * account's root and contact phone, not at every field of it. Nodes are their indices in the read, and each
 * node's children, once a path goes through it, an offset into one list: with an object per node and a map
 * per mapping walked through, placing the 31,000 findings of 10,000 accounts took twice as long.
 */
export class PositionTree {
  /** Per node: unread, leftToYaml, noChildren, or 1 + where its children start in `children`. */
  private readonly childrenAt: Int32Array;
  /** The children of every node read, node after node: a sequence's items; a mapping's keys and values, pair by pair. */
  private readonly children = new IntList(1024);

  constructor(
    private readonly text: string,
    private readonly events: ReadEvents,
  ) {
    this.childrenAt = new Int32Array(events.count);
  }

  /** Whether the text has a node `yaml` places anything at: an empty document (comments at most) has none. */
  get placesAnything(): boolean {
    return !this.isEmpty(0);
  }

  /**
   * Where the field at `path` is, as InventorySource.locate answers from `yaml`'s nodes: its value (its key
   * when asked, or when nothing is written after it), or the nearest existing ancestor; undefined when a node
   * on the way is one to leave to `yaml`.
   */
  locate(path: readonly (string | number)[], at: 'value' | 'key'): number | undefined {
    const { events } = this;
    let node = 0;
    // The key node of the last segment found, when it was a mapping's key; -1 when none.
    let key = -1;
    let depth = 0;
    for (const segment of path) {
      const first = this.childrenOf(node);
      if (first === leftToYaml) return undefined;
      const value = collectionOf(events, node);
      let child = -1;
      let childKey = -1;
      if (Array.isArray(value)) {
        if (
          typeof segment === 'number' &&
          Number.isInteger(segment) &&
          segment >= 0 &&
          segment < value.length
        )
          child = this.children.values[first - 1 + segment]!;
      } else if (value !== undefined) {
        const pair = keyPosition(value, String(segment));
        if (pair !== -1) {
          childKey = this.children.values[first - 1 + 2 * pair]!;
          child = this.children.values[first + 2 * pair]!;
        }
      }
      if (child === -1) break;
      node = child;
      key = childKey;
      depth++;
    }
    const start = this.start(node);
    // Nothing written after the key (`key:` and the end of the line): `yaml` then points at the key.
    const empty = start >= this.events.end[node]!;
    if (key !== -1 && (empty || (at === 'key' && depth === path.length))) return this.start(key);
    return start;
  }

  /** Where a node's own text starts. */
  private start(node: number): number {
    return skipSeparation(this.text, this.events.open[node]!);
  }

  /** Nothing is written there (`key:` and the end of the line): `yaml` then points at the key. */
  private isEmpty(node: number): boolean {
    return this.start(node) >= this.events.end[node]!;
  }

  private childrenOf(node: number): number {
    let first = this.childrenAt[node]!;
    if (first === unread) {
      first = this.readChildren(node);
      this.childrenAt[node] = first;
    }
    return first;
  }

  /**
   * A node's entries or items, checked against its value, listed in `children`: leftToYaml when they do not
   * match it one for one. Without the scalars' values, what is checked is their number, that each mapping or
   * sequence among them is the one its parent holds there, and that every key is read in the order written
   * (Object.keys puts integer-like keys first: those mappings are left to `yaml`).
   */
  private readChildren(node: number): number {
    const { events } = this;
    const value = collectionOf(events, node);
    if (value === undefined) return noChildren;
    let index = node;
    // A collection read first as a would-be key and kept when no `:` followed: the node is its only child.
    while (
      index + 1 < events.after[index]! &&
      events.after[index + 1] === events.after[index] &&
      collectionOf(events, index + 1) === value
    ) {
      index++;
    }
    const offset = this.listChildren(index);
    const matches = Array.isArray(value)
      ? this.itemsMatch(offset, value as unknown[])
      : this.entriesMatch(offset, value as Record<string, unknown>);
    if (!matches) {
      this.children.length = offset;
      return leftToYaml;
    }
    return offset + 1;
  }

  /** Whether the children listed from `offset` are the items of `list`, none of them empty. */
  private itemsMatch(offset: number, list: unknown[]): boolean {
    const { events } = this;
    const children = this.children.values;
    if (this.children.length - offset !== list.length) return false;
    for (let position = 0; position < list.length; position++) {
      const item = children[offset + position]!;
      // An empty item (`-` alone) sits where `yaml` alone knows.
      if (!holds(events, item, list[position]) || this.isEmpty(item)) return false;
    }
    return true;
  }

  /**
   * Whether the children listed from `offset` are the keys and values of `record`, pair by pair, in the order
   * Object.keys lists them (a for-in lists the same for js-yaml's plain objects, with no list of keys made).
   */
  private entriesMatch(offset: number, record: Record<string, unknown>): boolean {
    const { events } = this;
    const children = this.children.values;
    const count = this.children.length - offset;
    let pair = 0;
    for (const key in record) {
      if (2 * pair + 1 >= count) return false;
      if (integerLike.test(key) || collectionOf(events, children[offset + 2 * pair]!) !== undefined)
        return false;
      if (!holds(events, children[offset + 2 * pair + 1]!, record[key])) return false;
      pair++;
    }
    return 2 * pair === count;
  }

  /**
   * Lists the children of the node at `index` at the end of `children`, and says where they start. A loop of its
   * own: one inside readChildren, compiled on the fly through an Organization's 10,000 accounts before anything
   * after it had run, sent every later call back to the interpreter (700 times at 10,000 accounts).
   */
  private listChildren(index: number): number {
    const { after } = this.events;
    const offset = this.children.length;
    for (let child = index + 1; child < after[index]!; child = after[child]!) this.push(child);
    return offset;
  }

  private push(child: number): void {
    this.children.push(child);
  }
}

/**
 * Where `key` is among a mapping's keys, in the order Object.keys lists them (-1: not there); counted along a
 * for-in, which lists the same for js-yaml's plain objects, with no list of keys per finding placed.
 */
function keyPosition(record: object, key: string): number {
  let position = 0;
  for (const name in record) {
    if (name === key) return position;
    position++;
  }
  return -1;
}

/** A key Object.keys may list before the others: written as digits. */
const integerLike = /^\d+$/;

/**
 * A document end marker (`...`): a block mapping before one reads one node more there, an empty would-be key,
 * which could make up for a key without a value node (`? key` alone) in the count of its children.
 */
const documentEnd = /^\.\.\.(?:[ \t\r\n#]|$)/m;

/**
 * The positions of `text`, or undefined when it cannot be sure to agree with `yaml`: from the events of the read
 * that produced the data when given, else from a read of its own.
 */
export function positionTree(text: string, read?: ReadEvents): PositionTree | undefined {
  // js-yaml drops a byte-order mark, which would shift every offset by one.
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  let events = read;
  if (events === undefined) {
    const recorder = recordReadEvents();
    try {
      load(text, { schema: yamlCoreSchema, listener: recorder.listener });
    } catch {
      return undefined;
    }
    events = recorder.events;
  }
  // One document, read whole: its root is the first node opened and encloses every other.
  if (events.count === 0 || events.after[0] !== events.count) return undefined;
  // Looked for only in a text with three dots anywhere: the expression's scan of 5.6 MB takes a few ms.
  if (text.includes('...') && documentEnd.test(text)) return undefined;
  const tree = new PositionTree(text, events);
  return tree.placesAnything ? tree : undefined;
}

/** Past spaces, line breaks and comments: where the next node's own text starts. */
function skipSeparation(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) index++;
    else if (code === 0x23) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else break;
  }
  return index;
}
