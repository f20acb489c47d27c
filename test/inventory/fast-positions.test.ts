/**
 * Issue 15: the findings of a fast-read inventory are placed from a second js-yaml read that listens to where
 * each node starts, not from `yaml`'s ten times slower parse. Every field must land exactly where `yaml`'s
 * nodes place it — value or key, a field left empty, a field that does not exist — or, where the fast
 * positions cannot be sure, `yaml` answers as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { positionTree, recordReadEvents } from '../../src/inventory/fast-positions.js';
import { readFast } from '../../src/inventory/fast-read.js';
import { InventorySource } from '../../src/inventory/source.js';
import { makeCase, random, caseSeed } from '../../scripts/fuzz-cases.mjs';

const { organizationInventory } = (await import(
  new URL('../../bench/org-inventory.mjs', import.meta.url).href
)) as { organizationInventory: (accounts: number) => unknown };

const examples = [
  'examples/small-team.yaml',
  'examples/incident-2022.yaml',
  'test/fixtures/truth/dns-in-member.yaml',
];

/** Every path of the data, and beside each collection a key and an index that are not there. */
function* fieldPaths(value: unknown, prefix: (string | number)[] = []): Generator<(string | number)[]> {
  yield prefix;
  yield [...prefix, 'not-there'];
  if (Array.isArray(value)) {
    yield [...prefix, value.length];
    for (const [index, item] of value.entries()) yield* fieldPaths(item, [...prefix, index]);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* fieldPaths(item, [...prefix, key]);
  }
}

/**
 * Positions from the fast read, every field, against `yaml`'s; how many fields were compared. `placedFast`: the
 * fast positions place each field themselves, none left to `yaml`.
 */
function expectSamePositions(text: string, { placedFast = false } = {}): number {
  const lines = new LineCounter();
  const located = new InventorySource('f.yaml', text, parseDocument(text, { lineCounter: lines }), lines);
  const fast = new InventorySource('f.yaml', text);
  // Placed from what the fast read itself heard (the loader's way): the same places.
  const recorder = recordReadEvents();
  const read = readFast(text, 'f.yaml', recorder.listener);
  const heard = read && InventorySource.fromFastRead('f.yaml', text, recorder.events);
  const tree = placedFast ? positionTree(text) : undefined;
  if (placedFast) expect(tree).toBeDefined();
  let compared = 0;
  for (const path of fieldPaths(load(text))) {
    for (const at of ['value', 'key'] as const) {
      const expected = { path, at, ...located.locate(path, at) };
      if (tree)
        expect({ path, at, placed: tree.locate(path, at) !== undefined }).toEqual({ path, at, placed: true });
      expect({ path, at, ...fast.locate(path, at) }).toEqual(expected);
      if (heard) expect({ path, at, ...heard.locate(path, at) }).toEqual(expected);
      compared++;
    }
  }
  return compared;
}

const tricky = `# an inventory written by hand, every way YAML allows
version: 1   # trailing comment
asOf: "2024-01-01"

accounts:
  - id: '123456789012'
    name: >-
      folded
      name
    notes: |
      two
      lines
    root:
      email:
      mfa: [key-a, "key-b",
        key-c]
      password: {store: vault, shared: false}
    empty: {}
    none: []
  -   id: 210987654321   # more indent after the dash
      name: plain
        continued on the next line
      workloads:
      - a
      - b
      "quoted key": ~
      ? explicit
      : value
factors:
  devices:
  # a comment between items
  - {id: key-a, heldBy: ren}
  -
    id: key-b
empty-last:
`;

describe('fast positions', () => {
  it('place every field where yaml does, on the examples and a generated Organization', () => {
    const placedFast = { placedFast: true };
    for (const file of examples)
      expect(expectSamePositions(readFileSync(file, 'utf8'), placedFast)).toBeGreaterThan(100);
    const organization = organizationInventory(30);
    expectSamePositions(stringify(organization, { lineWidth: 0 }), placedFast);
    // As JSON, written out or on one line.
    expectSamePositions(JSON.stringify(organization, null, 2), placedFast);
    expectSamePositions(JSON.stringify(organization), placedFast);
  });

  it('place every field where yaml does in hand-written YAML: flow, block scalars, comments, empty values', () => {
    expectSamePositions(tricky, { placedFast: true });
    expectSamePositions(tricky.replaceAll('\n', '\r\n'), { placedFast: true });
    // js-yaml tries to read a key at the `...` that ends the document: one node too many, left to yaml.
    expectSamePositions(`---\n${tricky}...\n`);
  });

  it('leave to yaml what they cannot be sure of, and yaml answers', () => {
    // A byte-order mark, text js-yaml refuses: nothing is placed fast.
    for (const text of ['\ufeffa: 1\n', 'a: [\n']) expect(positionTree(text)).toBeUndefined();
    // An empty item, a flow mapping with a key and no value, keys Object.keys lists out of the written order
    // (integers first): the fields below them.
    for (const text of ['a:\n  -\n  - x\n', 'a: {b, c: 1}\n', 'a:\n  b: y\n  1: x\n']) {
      expect(positionTree(text)!.locate(['a', 1], 'value')).toBeUndefined();
      expectSamePositions(text);
    }
    // A key without a value node, and the node too many read at a document end marker: counted alone, the two
    // would pair each key with the wrong node.
    const unpaired = '? a\nb: 1\n...\n';
    expect(positionTree(unpaired)).toBeUndefined();
    expectSamePositions(unpaired);
    for (const text of ['a:\n  -\n  - x\n', '\ufeffa: 1\n', 'a: {b, c: 1}\n', 'a: [\n']) {
      const lines = new LineCounter();
      const located = new InventorySource('f.yaml', text, parseDocument(text, { lineCounter: lines }), lines);
      expect(new InventorySource('f.yaml', text).locate(['a', 1])).toEqual(located.locate(['a', 1]));
    }
  });

  it('agree with yaml on the fuzzer’s mutated inventories the fast read accepts', () => {
    const sources = {
      inventories: examples.map((file) => readFileSync(file, 'utf8')),
      models: [],
      reduced: true,
    };
    let compared = 0;
    for (let index = 0; index < 150; index++) {
      const rng = random(caseSeed(16, index));
      const { files } = makeCase(rng, 'inventory', sources, '/tmp/unused') as { files: [string, string][] };
      const text = files[0]![1];
      if (readFast(text, 'lockout.yaml') === undefined || positionTree(text) === undefined) continue;
      expectSamePositions(text);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('place the fields around a mapping left to yaml where yaml does: its siblings, and lists read after it', () => {
    // Object.keys lists `1` before `b`: paired in the order written, `b` would point at `x`.
    const text = 'first:\n  b: y\n  1: x\nsecond:\n  d: z\n  list: [p, q]\nthird:\n  - e: f\n';
    const tree = positionTree(text)!;
    expect(tree.locate(['first', 'b'], 'value')).toBeUndefined();
    expect(tree.locate(['second', 'd'], 'value')).toBe(text.indexOf('z'));
    expect(tree.locate(['second', 'list', 1], 'value')).toBe(text.indexOf('q]'));
    expect(tree.locate(['third', 0, 'e'], 'key')).toBe(text.indexOf('e:'));
    // Asked again, in another order: each node's children are read once and kept.
    expect(tree.locate(['third', 0, 'e'], 'value')).toBe(text.indexOf('f\n'));
    expect(tree.locate(['first', 'b'], 'key')).toBeUndefined();
    expectSamePositions(text);
  });

  it('locate through a tree as InventorySource does: the key of an empty field, the nearest ancestor', () => {
    const text = 'a:\n  b:\n  c: 1\n';
    const tree = positionTree(text)!;
    expect(tree.locate(['a', 'b'], 'value')).toBe(text.indexOf('b:'));
    expect(tree.locate(['a', 'c'], 'value')).toBe(text.indexOf('1'));
    expect(tree.locate(['a', 'c'], 'key')).toBe(text.indexOf('c:'));
    expect(tree.locate(['a', 'x', 'y'], 'key')).toBe(text.indexOf('b:'));
  });
});
