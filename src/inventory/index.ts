/** The owner's inventory: loading and checking the YAML declaration, and its JSON Schema. */
export { loadInventory, parseInventory, type InventoryResult, type LoadOptions } from './load.js';
export {
  formatFieldPath,
  formatInventoryIssue,
  formatInventoryIssues,
  type FieldPath,
  type InventoryIssue,
  type InventoryIssueCode,
} from './issues.js';
export { InventorySource, type SourcePosition } from './source.js';
export { inventoryJsonSchema, inventoryJsonSchemaPath } from './json-schema.js';
export { inventorySchema } from './schema.js';
