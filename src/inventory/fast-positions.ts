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
 * lists and its value, a few writes while the read runs. Nodes are made of it only along the paths asked: a
 * list per field, and the whole tree built after the read, cost `lockout check` 0.1 s and 0.15 s at 10,000
 * accounts.
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
  /** Each node's value, in the order the nodes closed (children before their parent): see `valueOf`. */
  values: unknown[];
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
    values: [],
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
      events.values.push(state.result);
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
}

/**
 * A node's value. When it closed, every node opened before `after` had closed but the `depth` that enclose it:
 * that many values were recorded before its own.
 */
function valueOf(events: ReadEvents, index: number, depth: number): unknown {
  return events.values[events.after[index]! - depth - 1];
}

/** A node of the document: where its text starts, and its children by key or position once walked through. */
interface PositionNode {
  /** Its index in the read, and how many nodes enclose it. */
  index: number;
  depth: number;
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
    this.root = this.node(0, 0);
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

  private node(index: number, depth: number): PositionNode {
    const start = skipSeparation(this.text, this.events.open[index]!);
    return { index, depth, start, empty: start >= this.events.end[index]! };
  }

  private childrenOf(node: PositionNode): Children | null {
    if (node.children === undefined) node.children = this.readChildren(node);
    return node.children;
  }

  /** A node's entries or items, checked against its value; null when they do not match it one for one. */
  private readChildren(node: PositionNode): Children | null {
    const { events } = this;
    let { index, depth } = node;
    const value = valueOf(events, index, depth);
    // A collection read first as a would-be key and kept when no `:` followed: the node is its only child.
    while (
      typeof value === 'object' &&
      value !== null &&
      index + 1 < events.after[index]! &&
      events.after[index + 1] === events.after[index] &&
      valueOf(events, index + 1, depth + 1) === value
    ) {
      index++;
      depth++;
    }
    if (typeof value !== 'object' || value === null) return {};
    const children: number[] = [];
    for (let child = index + 1; child < events.after[index]!; child = events.after[child]!)
      children.push(child);
    const childDepth = depth + 1;
    if (Array.isArray(value)) {
      const list: unknown[] = value;
      if (children.length !== list.length) return null;
      const items: PositionNode[] = [];
      for (const [position, child] of children.entries()) {
        if (!Object.is(list[position], valueOf(events, child, childDepth))) return null;
        const item = this.node(child, childDepth);
        // An empty item (`-` alone) sits where `yaml` alone knows.
        if (item.empty) return null;
        items.push(item);
      }
      return { items };
    }
    const record = value as Record<string, unknown>;
    if (children.length !== 2 * Object.keys(record).length) return null;
    const entries = new Map<string, { key: number; value: PositionNode }>();
    for (let pair = 0; pair < children.length; pair += 2) {
      const keyIndex = children[pair]!;
      const valueIndex = children[pair + 1]!;
      const key = String(valueOf(events, keyIndex, childDepth));
      if (!Object.is(record[key], valueOf(events, valueIndex, childDepth)) || entries.has(key)) return null;
      entries.set(key, {
        key: skipSeparation(this.text, events.open[keyIndex]!),
        value: this.node(valueIndex, childDepth),
      });
    }
    return { entries };
  }
}

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
