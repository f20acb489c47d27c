/** The JSON Schema of the inventory file, generated from the zod schema, for editors and other tools. */
import { z } from 'zod';
import { inventorySchema } from './schema.js';

/** Where the committed copy lives, relative to the repository root; a test keeps it in step with the schema. */
export const inventoryJsonSchemaPath = 'schema/inventory.schema.json';

/**
 * The schema as draft-07, which every YAML language server understands. Checks that span several fields or
 * lists (references, duplicate ids, Organization roles) are the loader's, not the JSON Schema's.
 */
export function inventoryJsonSchema(): z.core.JSONSchema.BaseSchema {
  generated ??= {
    ...z.toJSONSchema(inventorySchema, { target: 'draft-07', reused: 'inline' }),
    title: 'Lockout inventory',
  };
  return structuredClone(generated);
}

// Generating walks the whole schema; the loader asks for it on every unknown key.
let generated: z.core.JSONSchema.BaseSchema | undefined;
