/**
 * The scans remembered in the store, for the dashboard: the history, and the changes between two scans. A
 * store that does not exist yet is an empty history (the dashboard never creates one); values the store keeps
 * unmasked (phone numbers before and after a change) are left out, the sentences say what changed.
 */

import type { Severity } from '../checks/check.js';
import {
  defaultStorePath,
  latestScans,
  listScans,
  loadScan,
  openStore,
  storeToRead,
  type ChangeKind,
  type ScanSummary,
  type Store,
} from '../store/index.js';
import { diffRuns } from '../store/drift-apart.js';

export interface HistoryView {
  /** The store read, or null when there is none yet. */
  store: string | null;
  scans: ScanSummary[];
}

export interface ChangeView {
  accountId?: string | undefined;
  accountName?: string | undefined;
  kind: ChangeKind;
  severity: Severity;
  message: string;
}

export interface DiffView {
  /** Scan ids compared; absent when there are not two scans to compare. */
  from?: { id: number; startedAt: string } | undefined;
  to?: { id: number; startedAt: string } | undefined;
  changes: ChangeView[];
  /** Why nothing was compared, when nothing was. */
  note?: string | undefined;
}

/** Raised for a diff asked of scans that do not exist or of one id only. */
export class HistoryRequestError extends Error {
  override readonly name = 'HistoryRequestError';
}

export function storePath(path: string | undefined): string {
  return path ?? defaultStorePath();
}

function withStore<T>(path: string | undefined, empty: T, read: (store: Store) => T): T {
  const file = storePath(path);
  if (!storeToRead(file)) return empty;
  const store = openStore(file);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** The scans remembered, newest first: only those that saw one of `accounts` (the inventory's), when given. */
export function readHistory(path: string | undefined, accounts?: readonly string[], limit = 50): HistoryView {
  return withStore<HistoryView>(path, { store: null, scans: [] }, (store) => ({
    store: store.path,
    scans: listScans(store, { limit, accounts }),
  }));
}

/**
 * Changes from scan `from` to scan `to`, or between the two latest scans (of `accounts`, when given) when
 * neither is given.
 */
export function readDiff(
  path: string | undefined,
  ids: { from?: number; to?: number } = {},
  accounts?: readonly string[],
): DiffView {
  const none: DiffView = { changes: [], note: 'No scans yet: run lockout scan to start a history.' };
  return withStore(path, none, (store) => {
    let before;
    let after;
    if (ids.from !== undefined || ids.to !== undefined) {
      if (ids.from === undefined || ids.to === undefined) {
        throw new HistoryRequestError('a diff takes two scan ids (from and to), or none for the two latest');
      }
      try {
        before = loadScan(store, ids.from);
        after = loadScan(store, ids.to);
      } catch (error) {
        throw new HistoryRequestError(error instanceof Error ? error.message : String(error));
      }
    } else {
      const latest = latestScans(store, 2, accounts);
      if (latest.length < 2) {
        return {
          changes: [],
          note:
            latest.length === 0 ? none.note : 'Only one scan so far: changes show from the second scan on.',
        };
      }
      [after, before] = latest as [(typeof latest)[number], (typeof latest)[number]];
    }
    const changes = diffRuns(before, after);
    return {
      from: { id: before.id, startedAt: before.startedAt },
      to: { id: after.id, startedAt: after.startedAt },
      changes: changes.map((change): ChangeView => ({
        accountId: change.accountId,
        accountName: change.accountName,
        kind: change.kind,
        severity: change.severity,
        message: change.message,
      })),
    };
  });
}
