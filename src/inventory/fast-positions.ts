/**
 * Where each node of an inventory read by the fast path starts, from what js-yaml's listener said during that
 * read (or, for a source given only text, a read of its own): the findings of an Organization point at
 * thousands of declarations, and the `yaml` library's position-keeping parse took 6.5 s of `lockout check` at
 * 10,000 accounts to place them, js-yaml about a tenth; a second js-yaml read for them, 0.5 s more.
 * It answers only where it is sure to place a node where `yaml` does; anything it does not recognise leaves
 * the positions to `yaml` (the caller falls back).
 */
import { load, type EventType, type State } from 'js-yaml';
import { yamlCoreSchema } from './fast-read.js';

/** A node of the document: where its text starts, and its children by key or position. */
export interface PositionNode {
  start: number;
  /** Nothing is written there (`key:` and the end of the line): `yaml` then points at the key. */
  empty: boolean;
  entries?: Map<string, { key: number; value: PositionNode }>;
  items?: PositionNode[];
}

/** What the listener sees of one node: where js-yaml opened it, and its value and children once closed. */
interface Frame {
  open: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: readonly Frame[];
}

/**
 * What js-yaml's listener said of each node of one read as it closed, in that order (children before their
 * parent): flat lists, a fraction of the cost of a frame object per node while the read runs, turned into
 * frames only when a position is asked.
 */
export interface ReadEvents {
  open: number[];
  end: number[];
  /** How many nodes enclose it: the document's root is at 0. */
  depth: number[];
  kind: (string | null)[];
  result: unknown[];
}

/** A js-yaml listener that records `events`, to pass to `load`. */
export function recordReadEvents(): {
  events: ReadEvents;
  listener: (event: EventType, state: State) => void;
} {
  const events: ReadEvents = { open: [], end: [], depth: [], kind: [], result: [] };
  const opened: number[] = [];
  return {
    events,
    listener(event, state) {
      if (event === 'open') {
        opened.push(state.position);
        return;
      }
      events.open.push(opened.pop()!);
      events.end.push(state.position);
      events.depth.push(opened.length);
      events.kind.push(state.kind);
      events.result.push(state.result);
    },
  };
}

/**
 * The start of each node of `text`, or undefined when it cannot be sure to agree with `yaml`: from the events
 * of the read that produced the data when given, else from a read of its own.
 */
export function positionTree(text: string, read?: ReadEvents): PositionNode | undefined {
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
  const root = rootFrame(events);
  if (root === undefined) return undefined;
  const tree = positionNode(text, root);
  // An empty document (comments at most) has no node for `yaml` to place anything at.
  return tree === null || tree.empty ? undefined : tree;
}

/** The events as frames, each with its children: the root's, or undefined when there is none. */
function rootFrame(events: ReadEvents): Frame | undefined {
  // The frames built whose parent has not closed yet, and their depths: two stacks, no wrapper per node.
  const built: Frame[] = [];
  const depths: number[] = [];
  for (let index = 0; index < events.open.length; index++) {
    const depth = events.depth[index]!;
    // Its children closed just before it, one level deeper: the top of what is built.
    let first = built.length;
    while (first > 0 && depths[first - 1] === depth + 1) first--;
    const children = first === built.length ? NO_CHILDREN : built.slice(first);
    built.length = first;
    depths.length = first;
    built.push({
      open: events.open[index]!,
      end: events.end[index]!,
      kind: events.kind[index]!,
      result: events.result[index],
      children,
    });
    depths.push(depth);
  }
  return depths.at(-1) === 0 ? built.at(-1) : undefined;
}

/** The children of a leaf: shared, never written to. */
const NO_CHILDREN: readonly Frame[] = [];

/** A frame as a position node; null when its children do not match its value one for one. */
function positionNode(text: string, frame: Frame): PositionNode | null {
  // A collection read first as a would-be key and kept when no `:` followed: the node is its only child.
  let current = frame;
  while (
    current.children.length === 1 &&
    current.kind !== 'scalar' &&
    current.children[0]!.result === current.result
  ) {
    current = current.children[0]!;
  }
  const start = skipSeparation(text, frame.open);
  const node: PositionNode = { start, empty: start >= frame.end };
  if (current.kind === 'mapping') {
    const value = current.result as Record<string, unknown>;
    const keys = Object.keys(value);
    if (current.children.length !== 2 * keys.length) return null;
    node.entries = new Map();
    for (let index = 0; index < current.children.length; index += 2) {
      const keyFrame = current.children[index]!;
      const valueFrame = current.children[index + 1]!;
      const key = String(keyFrame.result);
      if (!Object.is(value[key], valueFrame.result) || node.entries.has(key)) return null;
      const child = positionNode(text, valueFrame);
      if (child === null) return null;
      node.entries.set(key, { key: skipSeparation(text, keyFrame.open), value: child });
    }
  } else if (current.kind === 'sequence') {
    const value = current.result as unknown[];
    if (current.children.length !== value.length) return null;
    node.items = [];
    for (const [index, itemFrame] of current.children.entries()) {
      if (!Object.is(value[index], itemFrame.result)) return null;
      const child = positionNode(text, itemFrame);
      // An empty item (`-` alone) sits where `yaml` alone knows.
      if (child === null || child.empty) return null;
      node.items.push(child);
    }
  }
  return node;
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

/**
 * Where the field at `path` is, as InventorySource.locate answers from `yaml`'s nodes: its value (its key when
 * asked, or when nothing is written after it), or the nearest existing ancestor.
 */
export function locateIn(
  root: PositionNode,
  path: readonly (string | number)[],
  at: 'value' | 'key',
): number {
  let node = root;
  let key: number | undefined;
  let depth = 0;
  for (const segment of path) {
    let next: { node: PositionNode; key: number | undefined } | undefined;
    if (node.entries) {
      const entry = node.entries.get(String(segment));
      if (entry) next = { node: entry.value, key: entry.key };
    } else if (node.items && typeof segment === 'number') {
      const item = node.items[segment];
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
