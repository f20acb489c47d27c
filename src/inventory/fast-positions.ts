/**
 * Where each node of an inventory read by the fast path starts, from what js-yaml's listener said during that
 * read (or, for a source given only text, a read of its own): the findings of an Organization point at
 * thousands of declarations, and the `yaml` library's position-keeping parse took 6.5 s of `lockout check` at
 * 10,000 accounts to place them, js-yaml about a tenth; a second js-yaml read for them, 0.5 s more.
 * It answers only where it is sure to place a node where `yaml` does; anything it does not recognise leaves
 * the position to `yaml` (the caller falls back).
 */
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

/** A node of the document: where its text starts, and its children by key or position once walked through. */
interface PositionNode {
  /** Its index in the read. */
  index: number;
  start: number;
  /** Nothing is written there (`key:` and the end of the line): `yaml` then points at the key. */
  empty: boolean;
  /** Made when a path first goes through it; null when they do not match its value one for one. */
  children?: Children | null;
}

interface Children {
  entries?: Map<string, { key: number; value: PositionNode }>;
  items?: PositionNode[];
}

/**
 * The positions of one read of a text, made node by node along the paths asked: an Organization's findings
 * point into each account's root and contact phone, not at every field of it.
 */
export class PositionTree {
  private readonly root: PositionNode;

  constructor(
    private readonly text: string,
    private readonly events: ReadEvents,
  ) {
    this.root = this.node(0);
  }

  /** Whether the text has a node `yaml` places anything at: an empty document (comments at most) has none. */
  get placesAnything(): boolean {
    return !this.root.empty;
  }

  /**
   * Where the field at `path` is, as InventorySource.locate answers from `yaml`'s nodes: its value (its key
   * when asked, or when nothing is written after it), or the nearest existing ancestor; undefined when a node
   * on the way is one to leave to `yaml`.
   */
  locate(path: readonly (string | number)[], at: 'value' | 'key'): number | undefined {
    let node = this.root;
    let key: number | undefined;
    let depth = 0;
    for (const segment of path) {
      const children = this.childrenOf(node);
      if (children === null) return undefined;
      let next: { node: PositionNode; key: number | undefined } | undefined;
      if (children.entries) {
        const entry = children.entries.get(String(segment));
        if (entry) next = { node: entry.value, key: entry.key };
      } else if (children.items && typeof segment === 'number') {
        const item = children.items[segment];
        if (item) next = { node: item, key: undefined };
      }
      if (next === undefined) break;
      node = next.node;
      key = next.key;
      depth++;
    }
    if (key !== undefined && (node.empty || (at === 'key' && depth === path.length))) return key;
    return node.start;
  }

  private node(index: number): PositionNode {
    const start = skipSeparation(this.text, this.events.open[index]!);
    return { index, start, empty: start >= this.events.end[index]! };
  }

  private childrenOf(node: PositionNode): Children | null {
    if (node.children === undefined) node.children = this.readChildren(node);
    return node.children;
  }

  /**
   * A node's entries or items, checked against its value; null when they do not match it one for one. Without
   * the scalars' values, what is checked is their number, that each mapping or sequence among them is the one
   * its parent holds there, and that every key is read in the order written (Object.keys puts integer-like keys
   * first: those mappings are left to `yaml`).
   */
  private readChildren(node: PositionNode): Children | null {
    const { events } = this;
    let { index } = node;
    const value = collectionOf(events, index);
    if (value === undefined) return {};
    // A collection read first as a would-be key and kept when no `:` followed: the node is its only child.
    while (
      index + 1 < events.after[index]! &&
      events.after[index + 1] === events.after[index] &&
      collectionOf(events, index + 1) === value
    ) {
      index++;
    }
    const children: number[] = [];
    for (let child = index + 1; child < events.after[index]!; child = events.after[child]!)
      children.push(child);
    if (Array.isArray(value)) {
      const list: unknown[] = value;
      if (children.length !== list.length) return null;
      const items: PositionNode[] = [];
      for (const [position, child] of children.entries()) {
        if (!holds(events, child, list[position])) return null;
        const item = this.node(child);
        // An empty item (`-` alone) sits where `yaml` alone knows.
        if (item.empty) return null;
        items.push(item);
      }
      return { items };
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (children.length !== 2 * keys.length) return null;
    const entries = new Map<string, { key: number; value: PositionNode }>();
    for (const [pair, key] of keys.entries()) {
      const keyIndex = children[2 * pair]!;
      const valueIndex = children[2 * pair + 1]!;
      if (integerLike.test(key) || collectionOf(events, keyIndex) !== undefined) return null;
      if (!holds(events, valueIndex, record[key])) return null;
      entries.set(key, {
        key: skipSeparation(this.text, events.open[keyIndex]!),
        value: this.node(valueIndex),
      });
    }
    return { entries };
  }
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
  if (events.count === 0 || events.after[0] !== events.count || documentEnd.test(text)) return undefined;
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
