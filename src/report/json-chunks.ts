/**
 * `JSON.stringify(value, null, 2)` (or, compact, `JSON.stringify(value)`) in pieces: the report of an Organization of 10,000 accounts is about 180 MB
 * of JSON, and one string of it (then one Buffer of it to write) doubled `lockout check`'s peak memory and
 * spent seconds copying. The outer levels are written field by field and item by item; anything deeper is one
 * JSON.stringify, indented to its place (JSON strings hold no raw line break, so every line break is layout).
 */

const INDENT = '  ';

/**
 * A list whose items are made only when written, each once and in order, and dropped after: written as the JSON
 * list of those items. At the levels written piece by piece; deeper, it is made whole first.
 */
export class LazyList<T> {
  constructor(
    readonly length: number,
    private readonly make: (index: number) => T,
  ) {}

  item(index: number): T {
    return this.make(index);
  }

  /** Every item, for a list written as one piece (JSON.stringify calls it for one nested in a value). */
  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, index) => this.make(index));
  }
}

/** A value's JSON text, made already: written as it is (only by the compact layout, which adds none). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Levels written piece by piece: the report, its lists (accounts, findings), and each item's fields. */
const STREAMED_DEPTH = 2;

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order; joined, exactly that text. With `compact`, those
 * of `JSON.stringify(value)`: no layout, about 40% fewer bytes for a machine to read.
 */
export function* jsonChunks(value: unknown, compact = false): Generator<string> {
  const text = compact ? yield* compactPieces(value, 0) : yield* pieces(value, 0);
  if (text !== undefined) yield text;
}

/** `pieces` without layout: the same levels streamed, each deeper value one JSON.stringify. */
function* compactPieces(value: unknown, depth: number): Generator<string, string | undefined> {
  const json = writtenAs(value, depth);
  if (json instanceof JsonText) return json.text;
  if (depth >= STREAMED_DEPTH || typeof json !== 'object' || json === null) return JSON.stringify(json);
  if (json instanceof LazyList) {
    yield '[';
    for (let index = 0; index < json.length; index++) {
      if (index > 0) yield ',';
      yield (yield* compactPieces(json.item(index), depth + 1)) ?? 'null';
    }
    return ']';
  }
  if (Array.isArray(json)) {
    yield '[';
    for (let index = 0; index < json.length; index++) {
      if (index > 0) yield ',';
      yield (yield* compactPieces(json[index], depth + 1)) ?? 'null';
    }
    return ']';
  }
  let first = true;
  yield '{';
  for (const [key, item] of Object.entries(json as Record<string, unknown>)) {
    if (stringified(toJson(item), 0, true) === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield (yield* compactPieces(item, depth + 1)) ?? '';
  }
  return '}';
}

/**
 * Yields the pieces of a value at `depth`, or returns its text when it is small enough to be one piece
 * (undefined for a value JSON leaves out, as JSON.stringify does).
 */
function* pieces(value: unknown, depth: number): Generator<string, string | undefined> {
  const json = writtenAs(value, depth);
  if (depth >= STREAMED_DEPTH || typeof json !== 'object' || json === null) return stringified(json, depth);
  const inner = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(json) || json instanceof LazyList) {
    if (json.length === 0) return '[]';
    yield '[\n';
    for (let index = 0; index < json.length; index++) {
      yield inner;
      const item: unknown = json instanceof LazyList ? json.item(index) : json[index];
      const text = yield* pieces(item, depth + 1);
      yield (text ?? 'null') + (index < json.length - 1 ? ',\n' : '\n');
    }
    yield `${close}]`;
    return '';
  }
  const entries = Object.entries(json as Record<string, unknown>).filter(
    ([, item]) => stringified(toJson(item), 0, true) !== undefined,
  );
  if (entries.length === 0) return '{}';
  yield '{\n';
  for (const [index, [key, item]] of entries.entries()) {
    yield `${inner}${JSON.stringify(key)}: `;
    const text = yield* pieces(item, depth + 1);
    yield (text ?? '') + (index < entries.length - 1 ? ',\n' : '\n');
  }
  yield `${close}}`;
  return '';
}

/** A value as written at `depth`: as JSON.stringify first sees it, a LazyList below the streamed levels made whole. */
function writtenAs(value: unknown, depth: number): unknown {
  const json = toJson(value);
  return json instanceof LazyList && depth >= STREAMED_DEPTH ? json.toJSON() : json;
}

/** A value as JSON.stringify first sees it: through its toJSON (a Date) when it has one. */
function toJson(value: unknown): unknown {
  if (value instanceof LazyList) return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

/** A value's JSON at `depth`; with `probe`, only whether JSON writes it at all (without writing it). */
function stringified(value: unknown, depth: number, probe = false): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (probe) return '';
  if (depth === 0 || typeof value !== 'object' || value === null) return JSON.stringify(value, null, INDENT);
  // Indented to its place by JSON.stringify itself, as the only item of `depth` nested lists whose brackets
  // are then cut off: re-indenting its text afterwards copied all 180 MB of an Organization's report again.
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, INDENT);
  return text.slice(wrapperOpening(depth).length, text.length - wrapperClosing(depth).length);
}

/** What `depth` nested lists of two-space JSON write before their only item: "[\n  [\n    " for 2. */
function wrapperOpening(depth: number): string {
  let text = '';
  for (let level = 0; level < depth; level++) text += `${INDENT.repeat(level)}[\n`;
  return text + INDENT.repeat(depth);
}

/** What they write after it: "\n  ]\n]" for 2. */
function wrapperClosing(depth: number): string {
  let text = '';
  for (let level = depth - 1; level >= 0; level--) text += `\n${INDENT.repeat(level)}]`;
  return text;
}
