/**
 * Where a command's inventory comes from: a file the user names, ./lockout.yaml, or a bundled example; and the
 * day it is judged at. Invalid inventories become one input error listing every problem with its position.
 */

import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatInventoryIssues,
  loadInventory,
  type InventoryIssue,
  type LoadOptions,
} from '../inventory/index.js';
import type { LoadedInventory } from '../check.js';
import type { Day } from '../model/inventory.js';
import { counted } from '../model/words.js';
import { UserError } from './errors.js';

import { examples, type ExampleName } from './options.js';

export { examples, parseDay, type ExampleName } from './options.js';

/** An inventory as a command reads it: the library's LoadedInventory. */
export type InventoryInput = LoadedInventory & {
  /** The path the inventory was read from (a bundled example's own): what an output file must not replace. */
  read: string;
};

export interface InventoryOptions {
  example?: ExampleName;
  asOf?: Day;
  /** `'with-the-read'` for a command that places findings (loadInventory's LoadOptions). */
  positions?: LoadOptions['positions'];
  /** The deadline the command races against (--deadline): refused when before the day judged. */
  deadline?: Day | undefined;
}

const DEFAULT_FILE = 'lockout.yaml';

export function examplePath(name: ExampleName): string {
  return fileURLToPath(new URL(`../../examples/${examples[name]}`, import.meta.url));
}

/**
 * How a report names a bundled example it read: relative to the working folder when it lies inside it (in the
 * project's checkout, `examples/incident-2022.yaml`), else its absolute path, so that a report made with an
 * installed Lockout (SARIF's %SRCROOT% is the working folder) names a file that exists.
 */
export function exampleShownAs(file: string, cwd: string = process.cwd()): string {
  const relative = nodePath.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !nodePath.isAbsolute(relative)
    ? relative.split(nodePath.sep).join('/')
    : nodePath.resolve(file);
}

export async function readInventoryInput(
  file: string | undefined,
  options: InventoryOptions,
): Promise<InventoryInput> {
  if (file && options.example) throw new UserError('give an inventory file or --example, not both');
  let path = file ?? (options.example ? examplePath(options.example) : DEFAULT_FILE);
  if (!file && !options.example && !existsSync(path)) {
    throw new UserError(
      `no inventory given and no ${DEFAULT_FILE} here`,
      'name an inventory file, or try the bundled example: lockout check --example incident',
    );
  }
  const loaded = await loadInventory(path, options.positions ? { positions: options.positions } : {});
  if (!loaded.ok) throw inventoryProblems(loaded.errors);
  const asOf = options.asOf ?? loaded.inventory.asOf ?? today();
  if (options.deadline !== undefined && options.deadline < asOf) {
    throw new UserError(
      `--deadline ${options.deadline}: before the day judged, ${asOf}`,
      'give the day the account would be suspended (the "unless paid by" date of AWS\'s notice), or judge an earlier day with --as-of',
    );
  }
  const read = path;
  if (options.example) path = exampleShownAs(read);
  return {
    inventory: loaded.inventory,
    source: loaded.source,
    file: path,
    read,
    asOf,
  };
}

/** The error for an inventory that does not load: every problem, with its file, line and field. */
export function inventoryProblems(errors: readonly InventoryIssue[]): UserError {
  const count = `${counted(errors.length)} problem${errors.length === 1 ? '' : 's'}`;
  return new UserError(`the inventory has ${count}:\n${formatInventoryIssues(errors)}`);
}

export function today(): Day {
  return new Date().toISOString().slice(0, 10);
}
