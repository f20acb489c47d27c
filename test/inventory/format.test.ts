// What the owner sees for a broken inventory: one `file:line:column: field: message` line per problem, a hint
// under it, and never a stack trace. Bad input of any shape is reported, not thrown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatFieldPath,
  formatInventoryIssues,
  loadInventory,
  parseInventory,
  type InventoryResult,
} from '../../src/inventory/index.js';

function errorsOf(result: InventoryResult): string {
  return result.ok ? '' : formatInventoryIssues(result.errors);
}

describe('formatInventoryIssues', () => {
  it('prints a malformed file as positions, fields, messages and hints, with no stack', () => {
    const text = [
      'version: 1',
      'factors:',
      '  devices:',
      '    - { id: old-phone, kind: phone, verifed: 2016-04-02 }',
      'accounts:',
      "  - id: '111122223333'",
      '    name: personal',
      '    organization: standalone',
      '    root: { email: aws-mailbox',
    ].join('\n');
    expect(errorsOf(parseInventory(text, 'examples/broken.yaml'))).toBe(
      'examples/broken.yaml:9:31: YAML: Flow map in block collection must be sufficiently indented and end with a }\n',
    );
  });

  it('prints schema and reference problems together', () => {
    const text = [
      'version: 1',
      'factors:',
      '  devices:',
      '    - { id: old-phone, kind: phone, verifed: 2016-04-02 }',
      'accounts:',
      "  - id: '111122223333'",
      '    name: personal',
      '    organization: standalone',
      '    root: { email: aws-mailbox }',
    ].join('\n');
    expect(errorsOf(parseInventory(text, 'examples/broken.yaml'))).toBe(
      [
        "examples/broken.yaml:4:37: factors.devices[0].verifed: unknown key 'verifed'",
        "  hint: did you mean 'verified'?",
        "examples/broken.yaml:9:20: accounts[0].root.email: unknown mailbox 'aws-mailbox'",
        '  hint: nothing of that kind is declared; add it under factors.mailboxes',
        '',
      ].join('\n'),
    );
  });

  it('names the file alone when it cannot be read', async () => {
    expect(errorsOf(await loadInventory('test/inventory/no-such-inventory.yaml'))).toBe(
      'test/inventory/no-such-inventory.yaml: cannot read the inventory: no such file\n',
    );
    expect(errorsOf(await loadInventory('test/inventory'))).toBe(
      'test/inventory: cannot read the inventory: it is a directory\n',
    );
  });

  it('writes paths with keys and list indexes', () => {
    expect(formatFieldPath(['accounts', 0, 'root', 'mfa', 1, 'heldBy'])).toBe(
      'accounts[0].root.mfa[1].heldBy',
    );
    expect(formatFieldPath([])).toBe('');
  });
});

describe('parseInventory never throws', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lockout-inventory-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function expectReported(text: string): void {
    const result = parseInventory(text, 'fuzz.yaml');
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const issue of result.errors) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.message).not.toMatch(/\n\s+at /);
    }
  }

  it('for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), expectReported), { numRuns: 300 });
  });

  it('for any YAML value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expectReported(stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('for the examples with lines cut out or swapped', () => {
    const lines = readFileSync('examples/small-team.yaml', 'utf8').split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: lines.length - 1 }), { minLength: 1, maxLength: 6 }),
        fc.nat({ max: lines.length - 1 }),
        (cuts, swap) => {
          const edited = lines.filter((_line, index) => !cuts.includes(index));
          const moved = edited.splice(swap % Math.max(1, edited.length), 1);
          edited.splice(0, 0, ...moved);
          expectReported(edited.join('\n'));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('for an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]'];
    bomb.push('c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]');
    expect(errorsOf(parseInventory(bomb.join('\n'), 'bomb.yaml'))).toMatch(/^bomb\.yaml:1:1: YAML: /);
  });
});
