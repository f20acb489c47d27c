// The inventory the README shows is one Lockout reads: a user copying it gets an analysis, not an error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';

describe("the README's inventory", () => {
  it('loads without a problem', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```yaml\n([^]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const result = parseInventory(block!, 'README.md');
    expect(result.ok ? [] : result.errors.map((error) => error.message)).toEqual([]);
  });
});
