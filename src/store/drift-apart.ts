/**
 * Drift between two stored scans with the inventory's edits kept apart from the changes in AWS. When both
 * scans were judged against a stored inventory and the inventory changed between them, the earlier scan is
 * judged again against the later inventory, on its own day: what that changes in its findings is the edits'
 * doing; what remains between it and the later scan is AWS's (and time's). Without a stored inventory on
 * either side, the comparison is the plain one, and the caller can say the two are not told apart.
 */
import type { Finding } from '../checks/check.js';
import { judgeOutsideScans, judgeScan } from '../check.js';
import type { Inventory } from '../model/inventory.js';
import { diffFindingsAlone, diffScans, type Change } from './drift.js';
import { diffOutside } from './outside-drift.js';
import type { StoredScan } from './scans.js';

export interface DriftApart {
  changes: Change[];
  /** Whether the inventory's edits were told apart from AWS's changes (both scans kept their inventory). */
  inventoriesCompared: boolean;
  /** The inventory changed between the scans. */
  inventoryEdited: boolean;
  /** Whether both runs scanned AWS; false when one or both scanned only the organisations outside it. */
  awsCompared: boolean;
}

/**
 * Two runs' AWS facts and findings compared. Runs outside AWS only compare their findings; a run with AWS and
 * one without compare only the findings tied to no AWS account of the one with it (the others were not looked
 * for in the other run, so their absence is no change).
 */
export function diffRuns(
  before: StoredScan,
  after: StoredScan,
  findingsBefore: readonly Finding[] = before.findings,
  findingsAfter: readonly Finding[] = after.findings,
): Change[] {
  if (before.scan && after.scan) return diffScans(before.scan, after.scan, findingsBefore, findingsAfter);
  const awsAccounts = new Set([...((before.scan ?? after.scan)?.accounts ?? [])].map((a) => a.accountId));
  const outsideAws = (finding: Finding): boolean =>
    finding.accountId === undefined || !awsAccounts.has(finding.accountId);
  return diffFindingsAlone(findingsBefore.filter(outsideAws), findingsAfter.filter(outsideAws));
}

/** A stored run judged again against another inventory, on its own day. */
function judgedAgain(run: StoredScan, inventory: Inventory): Finding[] {
  const day = run.startedAt.slice(0, 10);
  return run.scan
    ? judgeScan(run.scan, { inventory }, day, run.outside).findings
    : judgeOutsideScans(run.outside ?? [], { inventory }, day).findings;
}

export function diffStoredScans(before: StoredScan, after: StoredScan): DriftApart {
  const inventoriesCompared = before.inventory !== undefined && after.inventory !== undefined;
  const inventoryEdited =
    inventoriesCompared && JSON.stringify(before.inventory) !== JSON.stringify(after.inventory);
  // The organisations outside AWS changed where they are: beside AWS's changes, never the inventory's doing.
  const outside = diffOutside(before.outside, after.outside);
  const awsCompared = before.scan !== undefined && after.scan !== undefined;
  if (!inventoryEdited)
    return {
      changes: [...diffRuns(before, after), ...outside],
      inventoriesCompared,
      inventoryEdited,
      awsCompared,
    };
  const rejudged = judgedAgain(before, after.inventory!);
  const edits = diffRuns(before, before, before.findings, rejudged).map((change): Change => ({
    ...change,
    source: 'inventory',
  }));
  const inAws = diffRuns(before, after, rejudged, after.findings).map((change): Change => ({
    ...change,
    source: awsCompared ? 'aws' : 'outside',
  }));
  return { changes: [...inAws, ...outside, ...edits], inventoriesCompared, inventoryEdited, awsCompared };
}
