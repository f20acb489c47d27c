/** Turns zod's validation issues into inventory issues worded for the owner and placed on the offending line. */
import { z } from 'zod';
import { formatFieldPath, type FieldPath, type InventoryIssue } from './issues.js';
import { inventoryJsonSchema } from './json-schema.js';
import type { InventorySource } from './source.js';
import { closestNames, suggestName } from './suggestions.js';

/**
 * Messages for the issues the schema leaves to zod: passed to each parse, so the schema's own messages (dates,
 * ids, months) still win.
 */
export const schemaMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${String(issue.values[0])}`
        : `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return boundWords(issue.origin, 'least', issue.minimum, issue.inclusive !== false);
    case 'too_big':
      return boundWords(issue.origin, 'most', issue.maximum, issue.inclusive !== false);
    default:
      return undefined;
  }
};

/** A bound broken, in the words of what is bounded: a list's length, a number's value, a string's length. */
function boundWords(
  origin: string,
  side: 'least' | 'most',
  bound: number | bigint,
  inclusive: boolean,
): string {
  const at = String(bound);
  if (origin === 'array' || origin === 'set') return `must list at ${side} ${at}`;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return inclusive
      ? `must be at ${side} ${at}`
      : `must be ${side === 'least' ? 'more' : 'less'} than ${at}`;
  }
  return `must have at ${side} ${at} characters`;
}

/** One inventory issue per problem zod found (one per unknown key, where zod groups them by object). */
export function schemaIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  source: InventorySource,
): InventoryIssue[] {
  const result: InventoryIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment) => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAllowedAt(path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        result.push({
          code: 'unknown-key',
          file: source.file,
          ...source.locate(keyPath, 'key'),
          path: formatFieldPath(keyPath),
          message: `unknown key '${key}'`,
          hint: suggestName(key, allowed, 'allowed keys'),
        });
      }
      continue;
    }
    const at = { file: source.file, ...source.locate(path), path: formatFieldPath(path) };
    const value = valueAt(data, path);
    if (path.length === 0 && (value === null || value === undefined)) {
      result.push({
        code: 'missing-key',
        ...at,
        message: 'the inventory is empty',
        hint: 'start with `version: 1` and `accounts:`',
      });
      continue;
    }
    if (value === undefined && !source.has(path)) {
      result.push({ code: 'missing-key', ...at, message: `missing required key '${String(path.at(-1))}'` });
      continue;
    }
    result.push({
      code: 'invalid-value',
      ...at,
      message: issue.message,
      hint: hintFor(issue, value, path, source),
    });
  }
  return result;
}

function hintFor(
  issue: z.core.$ZodIssue,
  value: unknown,
  path: FieldPath,
  source: InventorySource,
): string | undefined {
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    // The message already lists what is allowed; only a near miss is worth a hint.
    const close = closestNames(value, issue.values.map(String), 1);
    return close[0] === undefined ? undefined : `did you mean '${close[0]}'?`;
  }
  if (
    issue.code === 'invalid_type' &&
    issue.expected === 'string' &&
    (typeof value === 'number' || typeof value === 'boolean')
  ) {
    // YAML reads 012345678901 as a number and drops the leading zero; quoting keeps what the owner wrote.
    const written = source.sourceText(path);
    return written === undefined ? 'quote it' : `quote it to keep it as written: "${written}"`;
  }
  if (issue.code === 'invalid_type' && value === null) {
    return issue.expected === 'array'
      ? 'write [] for an empty list, or remove the key'
      : 'give it a value, or remove the key';
  }
  return undefined;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    default:
      return expected;
  }
}

/** What the owner wrote, by kind only: values are never quoted back (one of them might be a card number). */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment] as unknown;
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys allowed for the object at `path`, for "did you mean" on an unknown key. Read from the generated JSON
 * Schema, which spells out every object's properties without any zod internals.
 */
function keysAllowedAt(path: FieldPath): string[] {
  let current: z.core.JSONSchema._JSONSchema | undefined = inventoryJsonSchema();
  for (const segment of path) {
    if (typeof current !== 'object') return [];
    if (typeof segment === 'number') current = Array.isArray(current.items) ? undefined : current.items;
    else current = current.properties?.[segment];
  }
  return typeof current === 'object' ? Object.keys(current.properties ?? {}) : [];
}
