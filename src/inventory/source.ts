/** Where things are in the inventory's YAML text: from a field path to a line and column, and back. */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { positionTree, type PositionTree, type ReadEvents } from './fast-positions.js';
import { isJsonFile } from './fast-read.js';
import type { FieldPath } from './issues.js';

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface Located {
  node: Node;
  /** How many segments of the path exist in the document. */
  depth: number;
  /** The key node of the last segment found, when it was a mapping key. */
  key: Node | undefined;
}

/**
 * A parsed YAML document with its line index, answering "where is this field?". Given only the text (an
 * inventory loaded by the fast read), it parses with positions the first time it is asked: most loads never ask.
 */
export class InventorySource {
  readonly file: string;
  private readonly text: string;
  private parsed: { document: Document.Parsed; lines: LineCounter } | undefined;
  /** Where each node starts, read fast (null: only `yaml` can say), for `locate` before any `yaml` parse. */
  private fast: { tree: PositionTree; lineStarts: number[] } | null | undefined;
  /** What the fast read heard of each node, until the positions are made from it. */
  private readEvents: ReadEvents | undefined;

  /**
   * The source of text the fast read has read, placing from what that read heard (no second read), or, when it
   * listened to nothing, from a read of its own when first asked.
   */
  static fromFastRead(file: string, text: string, events?: ReadEvents): InventorySource {
    const source = new InventorySource(file, text);
    // A JSON file's read (JSON.parse) hears nothing: its positions are read when asked.
    if (events !== undefined && events.count > 0) source.readEvents = events;
    return source;
  }

  constructor(file: string, text: string, document?: Document.Parsed, lines?: LineCounter) {
    this.file = file;
    this.text = text;
    this.parsed = document !== undefined && lines !== undefined ? { document, lines } : undefined;
  }

  private get document(): Document.Parsed {
    return this.located().document;
  }

  private located(): { document: Document.Parsed; lines: LineCounter } {
    if (this.parsed === undefined) {
      const lines = new LineCounter();
      this.parsed = {
        document: parseDocument(this.text, {
          lineCounter: lines,
          prettyErrors: false,
          merge: yamlMerges(this.file),
        }),
        lines,
      };
    }
    return this.parsed;
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.located().lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * The position of the field at `path`: its value, or its key when `at` is `'key'`. A field that does not
   * exist is placed at its nearest existing ancestor, which is where the owner would add it.
   */
  locate(path: FieldPath, at: 'value' | 'key' = 'value'): SourcePosition {
    const fast = this.parsed === undefined ? this.fastPositions() : null;
    const offset = fast ? fast.tree.locate(path, at) : undefined;
    if (fast && offset !== undefined) return positionIn(fast.lineStarts, offset);
    const found = this.find(path);
    if (found === undefined) return { line: 1, column: 1 };
    const complete = found.depth === path.length;
    const node = complete && at === 'key' && found.key !== undefined ? found.key : found.node;
    return this.position(node.range?.[0] ?? 0);
  }

  /**
   * The fast read's positions, made once: an Organization's findings ask for thousands, and `yaml`'s parse to
   * answer them cost ten times js-yaml's. A field they cannot be sure of is left to `yaml`.
   */
  private fastPositions(): { tree: PositionTree; lineStarts: number[] } | null {
    if (this.fast === undefined) {
      const tree = positionTree(this.text, this.readEvents);
      this.readEvents = undefined;
      this.fast = tree === undefined ? null : { tree, lineStarts: lineStarts(this.text) };
    }
    return this.fast;
  }

  /** Whether the field at `path` is present in the document. */
  has(path: FieldPath): boolean {
    return this.find(path)?.depth === path.length;
  }

  /** The text of the scalar at `path` as written (quotes and leading zeros included), if it is a scalar. */
  sourceText(path: FieldPath): string | undefined {
    const found = this.find(path);
    if (found === undefined || found.depth !== path.length || !isScalar(found.node)) return undefined;
    const [start, end] = found.node.range ?? [0, 0];
    return this.text.slice(start, end);
  }

  /** The path of the innermost field whose text (including a trailing comment) covers `offset`. */
  pathAt(offset: number): FieldPath {
    const path: (string | number)[] = [];
    let node = this.resolve(this.document.contents);
    for (;;) {
      let next: Node | undefined;
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = this.resolve(pair.key);
          const value = this.resolve(pair.value);
          if (key !== undefined && covers(key, offset)) {
            path.push(keyName(key));
            return path;
          }
          if (value !== undefined && covers(value, offset)) {
            path.push(key === undefined ? '' : keyName(key));
            next = value;
            break;
          }
        }
      } else if (isSeq(node)) {
        for (const [index, item] of node.items.entries()) {
          const value = this.resolve(item);
          if (value !== undefined && covers(value, offset)) {
            path.push(index);
            next = value;
            break;
          }
        }
      }
      if (next === undefined) return path;
      node = next;
    }
  }

  private find(path: FieldPath): Located | undefined {
    const root = this.resolve(this.document.contents);
    if (root === undefined) return undefined;
    let located: Located = { node: root, depth: 0, key: undefined };
    for (const segment of path) {
      const { node } = located;
      let next: Located | undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => {
          const key = this.resolve(item.key);
          return key !== undefined && keyName(key) === String(segment);
        });
        const key = this.resolve(pair?.key);
        if (key !== undefined)
          next = { node: valueOrKey(this.resolve(pair?.value), key), depth: located.depth + 1, key };
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = this.resolve(node.items[segment]);
        if (item !== undefined) next = { node: item, depth: located.depth + 1, key: undefined };
      }
      if (next === undefined) break;
      located = next;
    }
    return located;
  }

  /** Follows an alias to its anchor; anything that is not a node (a bare JS value) counts as absent. */
  private resolve(value: unknown): Node | undefined {
    if (isAlias(value)) return value.resolve(this.document);
    if (isMap(value) || isSeq(value) || isScalar(value)) return value;
    return undefined;
  }
}

/** `key:` with nothing after it has an empty value just past the colon; the key is the better place to point at. */
function valueOrKey(value: Node | undefined, key: Node): Node {
  if (value === undefined) return key;
  const empty =
    isScalar(value) &&
    value.value === null &&
    value.range !== undefined &&
    value.range !== null &&
    value.range[0] === value.range[1];
  return empty ? key : value;
}

function covers(node: Node, offset: number): boolean {
  const range = node.range;
  return (
    range !== undefined && range !== null && range[0] <= offset && offset < Math.max(range[2], range[0] + 1)
  );
}

function keyName(node: Node): string {
  return isScalar(node) ? String(node.value) : '';
}

/** The offset where each line starts, as `yaml`'s LineCounter counts lines (at each line feed). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** An offset as a 1-based line and column, as LineCounter.linePos gives it. */
function positionIn(starts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/**
 * Whether `<<` keys merge in this file, as the inventory's loaders read it: in YAML, as most YAML tools read
 * them (YAML 1.1's merge key); in JSON, never ("<<" is a key like any other there).
 */
export function yamlMerges(file: string): boolean {
  return !isJsonFile(file);
}
