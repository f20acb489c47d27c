/**
 * Issue 15: a valid inventory is checked without zod's copy of it. The compiled check (fast-check.ts) must give
 * what zod gives, key order included, refuse what zod refuses or what holds a secret, and gather the ids each
 * reference site names as `checkReferences` walks to them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { inventorySchema, parseInventory } from '../../src/inventory/index.js';
import { checkRead, compileCheck } from '../../src/inventory/fast-check.js';
import { declarationsOfValid } from '../../src/inventory/fast-declarations.js';
import { readFast } from '../../src/inventory/fast-read.js';
import { parseLocated } from '../../src/inventory/load.js';
import { checkReferences, namedAtSites, referencesResolve } from '../../src/inventory/references.js';
import { valuesHoldSecrets } from '../../src/inventory/secrets.js';
import { InventorySource } from '../../src/inventory/source.js';
import { random, caseSeed } from '../../scripts/fuzz-cases.mjs';

const { organizationInventory } = (await import(
  new URL('../../bench/org-inventory.mjs', import.meta.url).href
)) as { organizationInventory: (accounts: number) => unknown };

const bases: unknown[] = [
  ...['examples/small-team.yaml', 'examples/incident-2022.yaml'].map((file): unknown =>
    parse(readFileSync(file, 'utf8')),
  ),
  JSON.parse(JSON.stringify(organizationInventory(12))),
];

/** Every object of `value` with its keys in the reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversed(item)]),
  );
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((at, segment) => (at as Record<string | number, unknown>)[segment], value);
}

/** Each value in `value`, with how to put another in its place (or take it out). */
function slots(
  value: unknown,
  found: { get: () => unknown; set: (next: unknown) => void; drop: () => void }[] = [],
) {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    list.forEach((_, index) => {
      found.push({
        get: () => list[index],
        set: (next) => (list[index] = next),
        drop: () => list.splice(index, 1),
      });
      slots(list[index], found);
    });
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      found.push({
        get: () => record[key],
        set: (next) => (record[key] = next),
        drop: () => Reflect.deleteProperty(record, key),
      });
      slots(record[key], found);
    }
  }
  return found;
}

/** Scalars found anywhere in the bases (ids of every kind, dates, names), and some that no field takes. */
const pool: unknown[] = [
  ...new Set(
    bases.flatMap((base) =>
      slots(structuredClone(base))
        .map((slot) => slot.get())
        .filter((value) => typeof value !== 'object' || value === null),
    ),
  ),
  '',
  'x',
  '2025-02-30',
  '9999-12-31',
  '0099-06-17',
  '12345678901',
  'password: Hunter2!x',
  'AKIAIOSFODNN7EXAMPLE',
  '4111 1111 1111 1111',
  'https://hooks.slack.com/services/T0/B0/x',
  'https://user:pw@alerts.example.net/x',
  0,
  1,
  2,
  -1,
  1.5,
  true,
  false,
  null,
  [],
  {},
  ['old-phone'],
];

/** A copy of `base` with a few random changes: values swapped, keys dropped or added, lists cut or grown. */
function mutated(base: unknown, rng: ReturnType<typeof random>): unknown {
  const data = structuredClone(base);
  const changes = 1 + rng.int(3);
  for (let change = 0; change < changes; change++) {
    const all = slots(data);
    const slot = rng.pick(all);
    const current = slot.get();
    switch (rng.int(7)) {
      case 0:
        slot.drop();
        break;
      case 1:
      case 2:
        slot.set(structuredClone(rng.pick(pool)));
        break;
      case 3:
        if (typeof current === 'object' && current !== null && !Array.isArray(current))
          (current as Record<string, unknown>)[
            rng.pick(['notes', 'label', 'kind', 'holder', 'extra', 'password'])
          ] = structuredClone(rng.pick(pool));
        break;
      case 4:
        if (Array.isArray(current) && current.length > 0) {
          const items = current as unknown[];
          items.push(...Array.from({ length: 1 + rng.int(9) }, () => structuredClone(items[0])));
        }
        break;
      case 5:
        slot.set(structuredClone(rng.pick(all).get()));
        break;
      default:
        slot.set(reversed(current));
    }
  }
  return data;
}

/** What the loader did before the compiled check: secrets in values, then zod, then references. */
function expectSameAsZod(data: unknown): void {
  const checked = checkRead(data);
  const parsed = inventorySchema.safeParse(data);
  const clean = parsed.success && !valuesHoldSecrets(data);
  expect(checked !== undefined, JSON.stringify(data).slice(0, 300)).toBe(clean);
  if (checked === undefined || !parsed.success) return;
  // Key order included: reports and stored copies list fields in the order zod gives them.
  expect(JSON.stringify(checked.inventory)).toBe(JSON.stringify(parsed.data));
  expect(checked.named).toEqual(namedAtSites(data));
  const declarations = declarationsOfValid(parsed.data);
  if (declarations === undefined) return;
  const source = new InventorySource('lockout.yaml', stringify(data));
  expect(referencesResolve(checked.named, declarations)).toBe(
    checkReferences(data, declarations, source).length === 0,
  );
}

describe('the compiled check of a read inventory', () => {
  it('compiles the whole inventory schema (nothing is left to zod on the fast path)', () => {
    expect(compileCheck(inventorySchema, [])).toBeDefined();
  });

  it('gives what zod gives on the examples and a generated Organization, in any key order', () => {
    for (const base of bases) {
      expectSameAsZod(base);
      expectSameAsZod(reversed(base));
    }
    expect(checkRead(bases[0])).toBeDefined();
  });

  it('keeps the objects already in zod’s order and rebuilds the others', () => {
    const inOrder = inventorySchema.parse(bases[2]);
    const checked = checkRead(inOrder);
    expect(checked?.inventory).toBe(inOrder);
    const backwards = reversed(inOrder) as typeof inOrder;
    const rebuilt = checkRead(backwards)!.inventory;
    expect(rebuilt).not.toBe(backwards);
    expect(Object.keys(rebuilt.accounts[0]!)).toEqual(Object.keys(inOrder.accounts[0]!));
  });

  it('agrees with zod, the secret scan and the reference checks on mutated inventories', () => {
    for (let index = 0; index < 600; index++) {
      const rng = random(caseSeed(16, index));
      expectSameAsZod(mutated(rng.pick(bases), rng));
    }
  });

  it('agrees with zod on the fuzzer’s text, read fast', () => {
    const texts = [
      readFileSync('examples/small-team.yaml', 'utf8').replace(
        'asOf: 2025-06-01',
        'asOf: 2025-06-01\nowner: ""',
      ),
      readFileSync('examples/small-team.yaml', 'utf8').replace('- id: ren', '- id: Ren'),
    ];
    for (const text of texts) {
      const read = readFast(text, 'lockout.yaml');
      if (read !== undefined) expectSameAsZod(read.data);
    }
  });

  it('refuses what zod’s checks of an object or a list refuse, as zod does', () => {
    // Each edit: a path in the small-team example and the value to put there (undefined: take it out).
    const copies = (path: (string | number)[], count: number): [(string | number)[], unknown] => [
      path,
      Array.from({ length: count }, () => valueAt(bases[0], [...path, 0])),
    ];
    const edits: [(string | number)[], unknown][] = [
      copies(['accounts', 0, 'root', 'mfa'], 9),
      copies(['accounts', 0, 'root', 'mfa'], 8),
      [['accounts', 0, 'billingContact'], { verified: '2025-05-30' }],
      [['accounts', 0, 'billingContact'], { address: 'billing@acme.example' }],
      [['accounts', 0, 'billingPrincipals', 0, 'signIn'], []],
      [['factors', 'mailboxes', 0, 'readers'], []],
      [['factors', 'mailboxes', 0, 'readers'], ['mika']],
      [['watch', 'channels', 1, 'name'], 'platform'],
      [['watch', 'channels', 1, 'mailbox'], undefined],
      [['watch', 'channels', 1], { name: 'hook', kind: 'webhook', url: 'https://a.example/?t=1' }],
      [['watch', 'channels', 1], { name: 'hook', kind: 'webhook', url: 'https://a.example/x' }],
      [['watch', 'channels', 1, 'kind'], 'pager'],
      [['asOf'], '2025-02-30'],
      [['asOf'], '9999-12-31'],
    ];
    const refused = edits.map(([path, value]) => {
      const data = structuredClone(bases[0]);
      const parent = valueAt(data, path.slice(0, -1)) as Record<string | number, unknown>;
      if (value === undefined) Reflect.deleteProperty(parent, path.at(-1)!);
      else parent[path.at(-1)!] = structuredClone(value);
      expectSameAsZod(data);
      return checkRead(data) === undefined;
    });
    expect(refused).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it('refuses a secret in any value zod accepts, as the secret scan does', () => {
    const secrets = [
      'AKIAIOSFODNN7EXAMPLE',
      '4111 1111 1111 1111',
      'pwd: Hunter2!x',
      'ghp_' + 'a1B2'.repeat(9),
    ];
    for (const secret of secrets) {
      for (const place of ['owner', 'notes']) {
        const data = structuredClone(bases[0]) as Record<string, unknown>;
        (place === 'owner' ? data : (data.accounts as Record<string, unknown>[])[0]!)[place] =
          `see ${secret}`;
        expect(inventorySchema.safeParse(data).success).toBe(true);
        expectSameAsZod(data);
        expect(checkRead(data)).toBeUndefined();
      }
    }
  });

  it('leaves to zod what it does not compile', () => {
    const patterns = [['a']];
    expect(compileCheck(z.strictObject({ a: z.string().default('x') }), patterns)).toBeUndefined();
    expect(
      compileCheck(z.strictObject({ a: z.string().transform((text) => text.length) }), patterns),
    ).toBeUndefined();
    expect(compileCheck(z.object({ a: z.string() }), patterns)).toBeUndefined();
    expect(compileCheck(z.strictObject({ a: z.union([z.string(), z.number()]) }), patterns)).toBeUndefined();
    expect(compileCheck(z.strictObject({ a: z.record(z.string(), z.string()) }), patterns)).toBeUndefined();
  });

  it('refuses a scalar zod would give back changed', () => {
    const check = compileCheck(z.strictObject({ a: z.string().trim() }), [['a']])!;
    expect(check({ a: 'x' })?.named).toEqual([new Set(['x'])]);
    expect(check({ a: ' x ' })).toBeUndefined();
  });
});

describe('loading a valid inventory', () => {
  it('does not run zod over the whole of it, in YAML or JSON', () => {
    const parse = vi.spyOn(inventorySchema, 'safeParse');
    try {
      const yaml = stringify(organizationInventory(30), { lineWidth: 0 });
      expect(parseInventory(yaml, 'org.yaml').ok).toBe(true);
      expect(parseInventory(JSON.stringify(organizationInventory(30)), 'org.json').ok).toBe(true);
      expect(parse).not.toHaveBeenCalled();
      // The located read, for a file with something to report, still words its errors with zod.
      expect(parseLocated(yaml.replace('version: 1', 'version: 2'), 'org.yaml').ok).toBe(false);
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

describe('a .json inventory', () => {
  const json = JSON.stringify(organizationInventory(3), null, 2);

  it('loads through JSON.parse to the inventory the YAML form loads to', () => {
    const yaml = parseInventory(stringify(organizationInventory(3)), 'org.yaml');
    const loaded = parseInventory(json, 'org.json');
    expect(loaded.ok && yaml.ok && JSON.stringify(loaded.inventory) === JSON.stringify(yaml.inventory)).toBe(
      true,
    );
  });

  it('words a syntax error in a .json inventory as JSON, where JSON.parse stopped', () => {
    // A trailing comma: JSON refuses it (YAML would not), where the property name it promises is missing.
    const text = json.replace('"organization": "member"', '"organization": "member",');
    const lines = text.split('\n');
    const line = lines.findIndex((row) => row.includes('"organization": "member",'));
    const result = parseInventory(text, 'org.json');
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'json-syntax',
        file: 'org.json',
        line: line + 1,
        column: lines[line]!.lastIndexOf(',') + 1,
        message: 'JSON: expected a property name in double quotes',
      }),
    ]);
    // Cut short just inside a list: nothing wrong yet, only missing.
    const truncated = parseInventory(text.slice(0, text.indexOf('[') + 1), 'org.json');
    expect(truncated.ok ? [] : truncated.errors).toEqual([
      expect.objectContaining({
        code: 'json-syntax',
        message: 'JSON: the text ends before the inventory does',
      }),
    ]);
  });

  // Found by a fault probe: where V8 names no position (an unexpected token, Node 20), every such mistake was
  // placed at the end of the file as "the text ends before the inventory does".
  it.each([
    ['a value missing', '"organization": }', '}', 'JSON: expected a value'],
    ['a word for a value', '"organization": member', 'member', 'JSON: unexpected character'],
    [
      'a comment',
      '// the payer\n      "organization": "member"',
      '//',
      'JSON: comments are not JSON (YAML keeps them: name the file .yaml)',
    ],
  ])('places %s where it is, in JSON terms', (_, written, token, message) => {
    const text = json.replace('"organization": "member"', written);
    const offset = text.indexOf(written) + written.indexOf(token);
    const before = text.slice(0, offset).split('\n');
    const result = parseInventory(text, 'org.json');
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({
        code: 'json-syntax',
        file: 'org.json',
        line: before.length,
        column: before.at(-1)!.length + 1,
        message,
      }),
    ]);
  });

  it('reads a JSON file that starts with a byte order mark, as YAML files are read', () => {
    const loaded = parseInventory(`\uFEFF${json}`, 'org.json');
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    const yaml = parseInventory(stringify(organizationInventory(3)), 'org.yaml');
    expect(loaded.ok && yaml.ok && JSON.stringify(loaded.inventory) === JSON.stringify(yaml.inventory)).toBe(
      true,
    );
  });

  it('says a key given twice in JSON terms, at the second', () => {
    const text = json.replace(
      '"organization": "member"',
      '"organization": "member", "organization": "member"',
    );
    const lines = text.split('\n');
    const line = lines.findIndex((row) => row.includes('"organization": "member", "organization"'));
    const result = parseInventory(text, 'org.json');
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({
        code: 'json-syntax',
        line: line + 1,
        column: lines[line]!.lastIndexOf('"organization"') + 1,
        message: 'JSON: the key "organization" is given twice in one object',
      }),
    ]);
  });

  it('names the file, line, column and field of a wrong value', () => {
    const text = json.replace('"organization": "member"', '"organization": "membre"');
    const lines = text.split('\n');
    const line = lines.findIndex((row) => row.includes('"membre"'));
    const result = parseInventory(text, 'org.json');
    expect(result.ok ? [] : result.errors).toEqual([
      expect.objectContaining({
        file: 'org.json',
        line: line + 1,
        column: lines[line]!.indexOf('"membre"') + 1,
        path: 'accounts[1].organization',
        message: 'expected one of: standalone, management, member',
      }),
    ]);
  });
});
