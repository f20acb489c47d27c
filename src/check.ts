/**
 * The check pipeline `lockout check`, `lockout scan` and the dashboard share: an inventory already loaded,
 * its recovery graph analysed, every check run, and the report built. A library function, so that the CLI
 * and the server are both thin layers over it.
 */

import type { Finding } from './checks/check.js';
import { checks } from './checks/index.js';
import { runChecks } from './checks/run.js';
import type { InventorySource } from './inventory/source.js';
import type { Day, Inventory } from './model/inventory.js';
import { analyzeRecovery, analyzeRecoveryGraph, type RecoveryAnalysis } from './providers/aws/analysis.js';
import type { ScanResult } from './providers/aws/scan/facts.js';
import { reconcile, type Reconciled } from './providers/aws/scan/reconcile.js';
import type { RecoveryGraph } from './providers/aws/recovery-graph.js';
import type { OutsideScanFacts } from './providers/outside/scan/facts.js';
import { mergeOutsideFacts } from './providers/outside/scan/reconcile.js';
import { buildCheckReport, type CheckReport } from './report/check-report.js';
import { version } from './cli/version.js';

/** An inventory as loaded from a file: what it declares, where each field sits, and the day it is judged at. */
export interface LoadedInventory {
  inventory: Inventory;
  source: InventorySource;
  /** The file as the user named it (examples relative to the project), for findings' locations. */
  file: string;
  asOf: Day;
}

/**
 * The check report of an inventory already loaded, over its recovery graph: the analysis, the checks' findings
 * and the report, for `lockout check` and for the dashboard (which keeps the graph for its what-ifs).
 */
export function checkInventory(
  input: LoadedInventory,
  recovery: RecoveryGraph,
  options: { deadline?: Day | undefined; graph: boolean },
): { report: CheckReport; analysis: RecoveryAnalysis } {
  const analysis = analyzeRecoveryGraph(recovery, { asOf: input.asOf });
  const context = { inventory: input.inventory, asOf: input.asOf, recovery: analysis };
  // Locations name the file as the user gave it (examples relative to the project).
  const findings = runChecks(checks, context, input.source, input.file);
  const report = buildCheckReport({
    inventoryFile: input.file,
    analysis,
    findings,
    deadline: options.deadline,
    version,
    graph: options.graph,
    inventory: input.inventory,
    locate: (path) => ({ file: input.file, ...input.source.locate(path) }),
  });
  return { report, analysis };
}

/**
 * What a scan comes to once reconciled with the declared inventory (if any) and judged at `asOf`: the
 * inventory it makes, its analysis and the checks' findings. `lockout scan` and watch's scan rounds judge a
 * scan just read; `lockout diff` judges an earlier scan again against a later inventory, to tell what the
 * inventory's edits changed from what changed in AWS. The facts of the scans outside AWS (GitHub, Google
 * Workspace, Entra), when there are any, are merged into the same inventory after AWS's.
 */
export function judgeScan(
  scan: ScanResult,
  declared: { inventory: Inventory; source?: InventorySource | undefined } | undefined,
  asOf: Day,
  outside: readonly OutsideScanFacts[] = [],
): { reconciled: Reconciled; analysis: RecoveryAnalysis; findings: Finding[] } {
  const aws = reconcile(scan, declared?.inventory, asOf);
  const merged =
    outside.length === 0
      ? undefined
      : mergeOutsideFacts(outside, aws.inventory, { compare: declared !== undefined });
  const reconciled: Reconciled = merged
    ? {
        inventory: merged.inventory,
        provenance: [...aws.provenance, ...merged.provenance],
        contradictions: [...aws.contradictions, ...merged.contradictions],
      }
    : aws;
  return { reconciled, ...judgeReconciled(reconciled, scan, declared?.source, asOf) };
}

/**
 * The scans outside AWS alone (no AWS call), merged into the declared inventory (or an empty one) and judged
 * at `asOf` as a scan is: the organisations' checks and the cross-provider ones see the admins seen.
 */
export function judgeOutsideScans(
  outside: readonly OutsideScanFacts[],
  declared: { inventory: Inventory; source?: InventorySource | undefined } | undefined,
  asOf: Day,
): { reconciled: Reconciled; analysis: RecoveryAnalysis; findings: Finding[] } {
  const base: Inventory = { ...(declared?.inventory ?? { version: 1, accounts: [] }), asOf };
  const reconciled = mergeOutsideFacts(outside, base, { compare: declared !== undefined });
  return { reconciled, ...judgeReconciled(reconciled, undefined, declared?.source, asOf) };
}

function judgeReconciled(
  reconciled: Reconciled,
  scan: ScanResult | undefined,
  source: InventorySource | undefined,
  asOf: Day,
): { analysis: RecoveryAnalysis; findings: Finding[] } {
  const analysis = analyzeRecovery(reconciled.inventory, { asOf });
  const findings = runChecks(
    checks,
    {
      inventory: reconciled.inventory,
      asOf,
      recovery: analysis,
      scan,
      contradictions: reconciled.contradictions,
    },
    source,
  );
  return { analysis, findings };
}
