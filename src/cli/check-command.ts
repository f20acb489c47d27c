/**
 * `lockout check [inventory.yaml]`: the offline analysis of a declared inventory — every account's
 * capabilities through the AWS provider model, the checks' findings, and the time to recover against a
 * deadline — as a terminal report, JSON, SARIF, Markdown or HTML, with an exit code for CI.
 */

import { severityRank, type Severity } from '../checks/check.js';
import { checks } from '../checks/index.js';
import { runChecks } from '../checks/run.js';
import { analyzeRecovery } from '../providers/aws/analysis.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { formatDrawsGraph, formats, type FormatName } from '../report/formats.js';
import { EXIT_FINDINGS, EXIT_OK } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';
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
  const analysis = analyzeRecovery(input.inventory, { asOf: input.asOf });
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
    graph: formatDrawsGraph(options.format),
  });
  const output = formats[options.format](report, checks, { color: options.color, sourceRoot: process.cwd() });
  const failOn = options.failOn;
  const failing =
    failOn !== 'none' && findings.some((finding) => severityRank(finding.severity) <= severityRank(failOn));
  return { output, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, report };
}
