/**
 * `lockout check [inventory.yaml]`: the offline analysis of a declared inventory — every account's
 * capabilities through the AWS provider model, the checks' findings, and the time to recover against a
 * deadline — as a terminal report, JSON, SARIF, Markdown or HTML, with an exit code for CI.
 */

import { severityRank, type Severity } from '../checks/check.js';
import { checks } from '../checks/index.js';
import { runChecks } from '../checks/run.js';
import type { Day } from '../model/inventory.js';
import { analyzeRecoveryGraph, type RecoveryAnalysis } from '../providers/aws/analysis.js';
import { buildRecoveryGraph, type RecoveryGraph } from '../providers/aws/recovery-graph.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { formatDrawsGraph, formats, type FormatName } from '../report/formats.js';
import { EXIT_FINDINGS, EXIT_OK } from './errors.js';
import { readInventoryInput, type InventoryInput, type InventoryOptions } from './inventory-input.js';
import { version } from './version.js';

export interface CheckOptions extends InventoryOptions {
  deadline?: string;
  format: FormatName;
  failOn: Severity | 'none';
  color: boolean;
}

export async function runCheck(
  file: string | undefined,
  options: CheckOptions,
): Promise<{ output: string; exitCode: number; report: CheckReport }> {
  const input = await readInventoryInput(file, options);
  const { report } = checkInventory(input, buildRecoveryGraph(input.inventory, input.asOf), {
    deadline: options.deadline,
    graph: formatDrawsGraph(options.format),
  });
  const output = formats[options.format](report, checks, { color: options.color, sourceRoot: process.cwd() });
  const failOn = options.failOn;
  const failing =
    failOn !== 'none' &&
    report.findings.some((finding) => severityRank(finding.severity) <= severityRank(failOn));
  return { output, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, report };
}

/**
 * The check report of an inventory already loaded, over its recovery graph: the analysis, the checks' findings
 * and the report, for `lockout check` and for the dashboard (which keeps the graph for its what-ifs).
 */
export function checkInventory(
  input: InventoryInput,
  recovery: RecoveryGraph,
  options: { deadline?: Day | undefined; graph: boolean },
): { report: CheckReport; analysis: RecoveryAnalysis } {
  const analysis = analyzeRecoveryGraph(recovery, { asOf: input.asOf });
  const context = { inventory: input.inventory, asOf: input.asOf, recovery: analysis };
  // Locations name the file as the user gave it (examples relative to the project).
  const findings = runChecks(checks, context, input.source).map((finding) =>
    finding.location ? { ...finding, location: { ...finding.location, file: input.file } } : finding,
  );
  const report = buildCheckReport({
    inventoryFile: input.file,
    analysis,
    findings,
    deadline: options.deadline,
    version,
    graph: options.graph,
  });
  return { report, analysis };
}
