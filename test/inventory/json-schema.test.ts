// The committed JSON Schema is the one generated from the zod schema. After changing the schema, regenerate it
// with `npx vitest run test/inventory/json-schema.test.ts -u` and commit the result.
import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { inventoryJsonSchema, inventoryJsonSchemaPath } from '../../src/inventory/index.js';

async function rendered(): Promise<string> {
  const options = await resolveConfig(inventoryJsonSchemaPath);
  // Formatted as Prettier would, so `prettier --check .` and this test agree on every byte.
  return format(JSON.stringify(inventoryJsonSchema()), { ...options, filepath: inventoryJsonSchemaPath });
}

describe(inventoryJsonSchemaPath, () => {
  it('matches the schema the loader uses', async () => {
    await expect(await rendered()).toMatchFileSnapshot(`../../${inventoryJsonSchemaPath}`);
  });

  it('is what both examples ask their editor to validate against', async () => {
    for (const example of ['examples/incident-2022.yaml', 'examples/small-team.yaml']) {
      const text = await readFile(example, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/inventory.schema.json');
    }
  });

  it('is strict draft-07 JSON Schema: unknown keys are refused, as the loader does', () => {
    const schema = inventoryJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'accounts']);
  });
});
