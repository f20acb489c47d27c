/**
 * Drift between two stored scans with the inventory's edits kept apart from the changes in AWS. When both
 * scans were judged against a stored inventory and the inventory changed between them, the earlier scan is
 * judged again against the later inventory, on its own day: what that changes in its findings is the edits'
 * doing; what remains between it and the later scan is AWS's (and time's). Without a stored inventory on
 * either side, the comparison is the plain one, and the caller can say the two are not told apart.
 */
import { judgeScan } from '../check.js';
import { diffScans, type Change } from './drift.js';
import { diffOutside } from './outside-drift.js';
import type { StoredScan } from './scans.js';

export interface DriftApart {
  changes: Change[];
  /** Whether the inventory's edits were told apart from AWS's changes (both scans kept their inventory). */
  inventoriesCompared: boolean;
  /** The inventory changed between the scans. */
  inventoryEdited: boolean;
}

export function diffStoredScans(before: StoredScan, after: StoredScan): DriftApart {
  const inventoriesCompared = before.inventory !== undefined && after.inventory !== undefined;
  const inventoryEdited =
    inventoriesCompared && JSON.stringify(before.inventory) !== JSON.stringify(after.inventory);
  // The organisations outside AWS changed where they are: beside AWS's changes, never the inventory's doing.
  const outside = diffOutside(before.outside, after.outside);
  if (!inventoryEdited)
    return {
      changes: [...diffScans(before.scan, after.scan, before.findings, after.findings), ...outside],
      inventoriesCompared,
      inventoryEdited,
    };
  const day = before.scan.startedAt.slice(0, 10);
  const rejudged = judgeScan(before.scan, { inventory: after.inventory! }, day, before.outside).findings;
  const edits = diffScans(before.scan, before.scan, before.findings, rejudged).map((change): Change => ({
    ...change,
    source: 'inventory',
  }));
  const inAws = diffScans(before.scan, after.scan, rejudged, after.findings).map((change): Change => ({
    ...change,
    source: 'aws',
  }));
  return { changes: [...inAws, ...outside, ...edits], inventoriesCompared, inventoryEdited };
}
