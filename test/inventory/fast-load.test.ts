/**
 * Issue 15: an inventory loads fast (js-yaml, or JSON.parse for .json) and parses again with `yaml`, keeping
 * positions, only when there is something to report or a report asks where a field is. The fast read must give
 * exactly what the position-keeping read gives: the same inventory, or the same issues.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { inventorySchema, parseInventory } from '../../src/inventory/index.js';
import { parseLocated } from '../../src/inventory/load.js';
import { gatherDeclarations } from '../../src/inventory/declarations.js';
import { declarationsOfValid } from '../../src/inventory/fast-declarations.js';
import { InventorySource } from '../../src/inventory/source.js';
import { makeCase, random, caseSeed } from '../../scripts/fuzz-cases.mjs';

const yamlParses = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      yamlParses.count++;
      return actual.parseDocument(...args);
    },
  };
});

// The benchmark's generator (plain JavaScript): a management account, members, shared admins and domains.
const { organizationInventory } = (await import(
  new URL('../../bench/org-inventory.mjs', import.meta.url).href
)) as { organizationInventory: (accounts: number) => unknown };

const examples = ['examples/small-team.yaml', 'examples/incident-2022.yaml'].map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));
const organization = stringify(organizationInventory(30), { lineWidth: 0 });

/** Results compared as data: the inventory and the issues, not the source object. */
function outcome(result: ReturnType<typeof parseInventory>): unknown {
  return result.ok ? { ok: true, inventory: result.inventory } : result;
}

function expectSameAsLocated(text: string, file: string): ReturnType<typeof parseInventory> {
  const fast = parseInventory(text, file);
  expect(outcome(fast)).toEqual(outcome(parseLocated(text, file)));
  return fast;
}

describe('loading a valid inventory', () => {
  it('does not parse with yaml, even to point at a declaration', () => {
    const text = examples[0]!.text;
    yamlParses.count = 0;
    const result = parseInventory(text, 'small-team.yaml');
    expect(result.ok).toBe(true);
    expect(yamlParses.count).toBe(0);
    if (!result.ok) return;
    const line = text.split('\n').findIndex((row) => row.includes('- id: key-ren')) + 1;
    // Placed by the fast positions (fast-positions.test.ts), as `yaml` would place it.
    expect(result.source.locate(['factors', 'devices', 1, 'id'])).toEqual({ line, column: 11 });
    result.source.locate(['factors', 'devices', 0, 'id']);
    expect(yamlParses.count).toBe(0);
  });

  it('reads a .json inventory with JSON.parse to the same inventory', () => {
    const json = JSON.stringify(organizationInventory(30), null, 2);
    yamlParses.count = 0;
    const result = expectSameAsLocated(json, 'org.json');
    expect(result.ok).toBe(true);
    expect(yamlParses.count).toBe(1); // the reference's own parse only
  });
});

describe('the declarations of a valid inventory', () => {
  it('are those gatherDeclarations finds, without checking each item again', () => {
    for (const { file, text } of [...examples, { file: 'org.yaml', text: organization }]) {
      const located = parseLocated(text, file);
      if (!located.ok) throw new Error(`${file} does not load`);
      const data: unknown = parse(text);
      const parsed = inventorySchema.parse(data);
      expect(declarationsOfValid(parsed)).toEqual(gatherDeclarations(data, new InventorySource(file, text)));
    }
  });

  it('are not taken from an inventory that declares an id twice', () => {
    const text = examples[0]!.text.replace('- id: ren', '- id: mika');
    const parsed = inventorySchema.parse(parse(text));
    expect(declarationsOfValid(parsed)).toBeUndefined();
    const result = expectSameAsLocated(text, 'small-team.yaml');
    expect(result.ok ? [] : result.errors.map((error) => error.code)).toContain('duplicate-id');
  });
});

describe('the fast read agrees with the position-keeping read', () => {
  it('on the examples and a generated Organization', () => {
    for (const { file, text } of examples) expect(expectSameAsLocated(text, file).ok).toBe(true);
    expect(expectSameAsLocated(organization, 'org.yaml').ok).toBe(true);
  });

  // YAML 1.1 habits js-yaml's own schemas have (yes/no, octal 012, sexagesimal, dates, merge keys, `_` in
  // numbers), YAML 1.2 core spellings, and syntax only `yaml` reads exactly (anchors, tags, directives).
  const spellings = [
    'yes',
    'no',
    'on',
    'off',
    'y',
    'True',
    'TRUE',
    'tRUE',
    'false',
    '012',
    '0o17',
    '0x1F',
    '+0x1F',
    '-0x1',
    '1_000',
    '1:30',
    '190:20:30',
    '2026-12-03',
    '2026-12-03T10:00:00Z',
    '1e3',
    '1E3',
    '.5',
    '+.5',
    '1.',
    '.inf',
    '-.Inf',
    '.nan',
    '.NaN',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    '',
    '-0',
    '0b101',
    '012345678901',
    '"012345678901"',
    "'2026-12-03'",
    '123456789012',
    '99999999999999999999',
    '=',
    '<<',
    '!!str 12',
    '!!int "12"',
    '&a 2026-01-01',
    '|\n        block',
    '>-\n        folded\n        text',
    '"\\x41\\u0042"',
    '"tab\\there"',
    "'it''s'",
    'a # comment',
    '[]',
    '{}',
    '[a, b]',
    '{a: 1}',
  ];
  const fields: [string, string][] = [
    ['asOf: 2025-06-01', 'asOf: '],
    ['      team: platform\n      role: CTO', '      team: platform\n      role: '],
    ['version: 1', 'version: '],
    ['      autoRenew: true', '      autoRenew: '],
  ];
  it('on tricky scalar spellings in a date, a text, a number and a true-or-false field', () => {
    const base = examples[0]!.text;
    for (const [written, prefix] of fields) {
      expect(base).toContain(written);
      for (const spelling of spellings) {
        const text = base.replace(written, `${prefix}${spelling}`);
        expectSameAsLocated(text, 'small-team.yaml');
      }
    }
  });

  it('on an account id written every way, in YAML and JSON', () => {
    const inventory = organizationInventory(3);
    for (const id of ['012345678901', '"012345678901"', '0x1F', '123456789012', '1.2e11', '-123456789012']) {
      const text = stringify(inventory, { lineWidth: 0 }).replace(/id: "?(\d{12})"?/, `id: ${id}`);
      expectSameAsLocated(text, 'org.yaml');
      const json = JSON.stringify(inventory).replace(/"id":"(\d{12})"/, `"id":${id}`);
      expectSameAsLocated(json, 'org.json');
    }
  });

  it('on directives, anchors, merge keys, multiple documents and duplicate keys', () => {
    const base = examples[0]!.text;
    const variants = [
      `%YAML 1.1\n---\n${base.replace('asOf: 2025-06-01', 'asOf: 2025-06-01\nnotes: yes')}`,
      base.replace('      role: CTO', '      role: &r CTO').replace('      role: engineer', '      role: *r'),
      base.replace('      role: CTO', '      <<: {role: CTO}'),
      `${base}\n---\nversion: 1\n`,
      base.replace('version: 1', 'version: 1\nversion: 1'),
      base.replace('      team: platform\n      role: CTO', '      team: platform\n      team: platform'),
      base.replace('asOf: 2025-06-01', 'asOf: 2025-06-01 # 4111 1111 1111 1111'),
      base.replace('asOf: 2025-06-01', '"asOf": 2025-06-01'),
      base.replace('version: 1', '? version\n: 1'),
      base.replace('version: 1', '"\\x76ersion": 1'),
      `%YAML 1.1\n---\n${base.replace('autoRenew: true', 'autoRenew: yes').replace('version: 1', 'version: 0b1')}`,
      // Valid as YAML 1.2 reads it (a text), refused as the directive makes `yaml` read it (a number).
      `%YAML 1.1\n---\n${base.replace('      role: CTO', '      role: 0b1')}`,
      base.replace('      role: CTO', '      role: !!int 0b1'),
    ];
    for (const text of variants) expectSameAsLocated(text, 'small-team.yaml');
  });

  it('on an alias bomb, refused as the position-keeping read refuses it, without expanding it', () => {
    const levels = ['b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++) {
      const previous = `*b${level - 1}`;
      levels.push(`b${level}: &b${level} [${Array(9).fill(previous).join(', ')}]`);
    }
    const result = expectSameAsLocated(`${examples[0]!.text}\n${levels.join('\n')}\n`, 'small-team.yaml');
    expect(result.ok).toBe(false);
  });

  it('on JSON with a key given twice, tabs, escapes and errors', () => {
    const json = JSON.stringify(organizationInventory(3), null, '\t');
    const variants = [
      json,
      json.replace('"version": 1', '"version": 1,\n\t"version": 1'),
      json.replace('"version": 1', '"version": 1,\n\t"owner": "a \\"b\\": c"'),
      json.replace('"version": 1', '"\\u0076ersion": 1'),
      json.replace('"version": 1,', '"version": 1'),
      `${json}\n{}`,
      json.replace('"version": 1', '"version": 1, "notes": "4111 1111 1111 1111"'),
    ];
    for (const text of variants) expectSameAsLocated(text, 'org.json');
  });

  it('on the fuzzer’s mutated inventories', () => {
    const sources = {
      inventories: [...examples.map((example) => example.text), organization],
      models: [],
      reduced: true,
    };
    for (let index = 0; index < 300; index++) {
      const rng = random(caseSeed(15, index));
      const { files } = makeCase(rng, 'inventory', sources, '/tmp/unused') as { files: [string, string][] };
      const text = files[0]![1];
      expectSameAsLocated(text, 'lockout.yaml');
    }
  });
});
