/**
 * Where each node of an inventory read by the fast path starts, from a second js-yaml read that listens to it:
 * the findings of an Organization point at thousands of declarations, and the `yaml` library's
 * position-keeping parse took 6.5 s of `lockout check` at 10,000 accounts to place them, js-yaml about a tenth.
 * It answers only where it is sure to place a node where `yaml` does; anything it does not recognise leaves
 * the positions to `yaml` (the caller falls back).
 */
import { load, type State } from 'js-yaml';
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
  children: Frame[];
}

/** The start of each node of `text`, or undefined when it cannot be sure to agree with `yaml`. */
export function positionTree(text: string): PositionNode | undefined {
  // js-yaml drops a byte-order mark, which would shift every offset by one.
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const stack: Frame[] = [];
  let root: Frame | undefined;
  try {
    load(text, {
      schema: yamlCoreSchema,
      listener(event, state: State) {
        if (event === 'open') {
          stack.push({ open: state.position, end: 0, kind: null, result: undefined, children: [] });
          return;
        }
        const frame = stack.pop()!;
        frame.end = state.position;
        frame.kind = state.kind;
        frame.result = state.result;
        const parent = stack.at(-1);
        if (parent) parent.children.push(frame);
        else root = frame;
      },
    });
  } catch {
    return undefined;
  }
  if (root === undefined) return undefined;
  const tree = positionNode(text, root);
  // An empty document (comments at most) has no node for `yaml` to place anything at.
  return tree === null || tree.empty ? undefined : tree;
}

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
