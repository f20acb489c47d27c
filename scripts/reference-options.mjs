/**
 * What the two reference generators (scripts/scram-reference.mjs, scripts/exact-probability-reference.mjs) share:
 * the repository root their paths start from, their command-line options, and the layout of the JSON they write.
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Parses `--only a,b`, `--timeout S` and `--memory-gib G`; unknown options are an error rather than ignored. */
export function parseReferenceArguments(argv) {
  const options = { only: null, timeout: 120, memoryGib: 8 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${name}`);
    if (name === '--only') options.only = new Set(value.split(',').filter((s) => s !== ''));
    else if (name === '--timeout') options.timeout = Number(value);
    else if (name === '--memory-gib') options.memoryGib = Number(value);
    else throw new Error(`unknown option ${name}`);
  }
  if (!(options.timeout > 0) || !(options.memoryGib > 0)) throw new Error('timeout and memory must be > 0');
  return options;
}

/** JSON with arrays of numbers and strings on one line, so an entry reads at a glance. */
export function compactArrays(json) {
  return json.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, items) => `[${items.split(/,\n\s*/).join(', ')}]`);
}
