/** `lockout history` and `lockout diff`: the scans remembered, and what changed between two of them. */

import {
  defaultStorePath,
  formatDiff,
  formatHistory,
  latestScans,
  listScans,
  loadScan,
  openStore,
  storeToRead,
} from '../store/index.js';
import { diffStoredScans } from '../store/drift-apart.js';
import { UserError } from './errors.js';
import { safeJson } from '../report/safe-text.js';

export interface StoreOptions {
  store?: string;
  format: 'text' | 'json';
}

/** The history as text or JSON; each scan left out because its row no longer reads is told to `warn`. */
export function runHistory(
  options: StoreOptions & { limit: number },
  warn: (message: string) => void = () => {},
): string {
  const path = options.store ?? defaultStorePath();
  // Reading the history creates nothing: a store that is not there yet (or an empty file) holds no scans.
  if (!storeToRead(path)) return options.format === 'json' ? '[]\n' : noScans(path);
  const store = openStore(path);
  try {
    const scans = listScans(store, {
      limit: options.limit,
      onUnreadable: (problem) => {
        warn(`${problem.message}; it is left out of the history`);
      },
    });
    if (options.format === 'json') return safeJson(JSON.stringify(scans, null, 2)) + '\n';
    return scans.length === 0 ? noScans(store.path) : formatHistory(scans);
  } finally {
    store.close();
  }
}

/** Changes from scan `from` to scan `to` (ids); by default the two latest. */
export function runDiff(options: StoreOptions & { from?: number; to?: number }): string {
  const explicit = options.from !== undefined || options.to !== undefined;
  if (explicit && (options.from === undefined || options.to === undefined))
    throw new UserError('diff takes two scan ids, or none for the two latest');
  const path = options.store ?? defaultStorePath();
  if (!storeToRead(path)) throw needsTwoScans(path, 0);
  const store = openStore(path);
  try {
    let before;
    let after;
    if (options.from !== undefined && options.to !== undefined) {
      before = loadScan(store, options.from);
      after = loadScan(store, options.to);
    } else {
      const latest = latestScans(store, 2);
      if (latest.length < 2) throw needsTwoScans(store.path, latest.length);
      [after, before] = latest as [NonNullable<(typeof latest)[0]>, NonNullable<(typeof latest)[1]>];
    }
    const { changes, inventoriesCompared, inventoryEdited, awsCompared } = diffStoredScans(before, after);
    if (options.format === 'json')
      return (
        safeJson(
          JSON.stringify(
            { from: before.id, to: after.id, inventoriesCompared, inventoryEdited, awsCompared, changes },
            null,
            2,
          ),
        ) + '\n'
      );
    const apart = inventoriesCompared
      ? ''
      : 'The inventory was not kept with both scans (scanned by an older Lockout, or without one): a finding\n' +
        'that changed may come from an edit of the inventory as well as from AWS.\n';
    // Runs outside AWS only have nothing of AWS to compare; one with AWS and one without compare only the rest.
    const aws =
      awsCompared || (before.scan === undefined && after.scan === undefined)
        ? ''
        : `Only scan ${before.scan ? before.id : after.id} read AWS: its AWS facts and findings are not compared.\n`;
    return `Changes from scan ${before.id} (${before.startedAt}) to scan ${after.id} (${after.startedAt})\n${apart}${aws}${formatDiff(changes)}`;
  } finally {
    store.close();
  }
}

function noScans(path: string): string {
  return `No scans yet in ${path}: run lockout scan.\n`;
}

function needsTwoScans(path: string, count: number): UserError {
  return new UserError(
    `diff needs two scans and ${path} has ${count}`,
    'run lockout scan again later, then lockout diff',
  );
}
