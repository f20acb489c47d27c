/**
 * `lockout check [inventory.yaml]`: the offline analysis of a declared inventory — every account's
 * capabilities through the AWS provider model, the checks' findings, and the time to recover against a
 * deadline — as a terminal report, JSON, SARIF, Markdown or HTML, with an exit code for CI.
 */

import { severityRank, type Severity } from '../checks/check.js';
import { checkInventory } from '../check.js';
import { checks } from '../checks/index.js';
import { buildRecoveryGraph, untilDeadline } from '../providers/aws/recovery-graph.js';
import type { CheckReport } from '../report/check-report.js';
import { formatChunks, formatDrawsGraph, type FormatName } from '../report/formats.js';
import { EXIT_FINDINGS, EXIT_OK } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';

export interface CheckOptions extends InventoryOptions {
  deadline?: string;
  format: FormatName;
  failOn: Severity | 'none';
  color: boolean;
  /** JSON without layout (for a file or a pipe); indented otherwise. */
  compact?: boolean | undefined;
}

export async function runCheck(
  file: string | undefined,
  options: CheckOptions,
): Promise<{ output: string; exitCode: number; report: CheckReport }> {
  const { pieces, exitCode, report } = await runCheckInPieces(file, options);
  return { output: [...pieces].join(''), exitCode, report };
}

/**
 * `runCheck` with the output in pieces to write one after the other: the JSON of a large Organization (about
 * 180 MB at 10,000 accounts) is then never one string.
 */
export async function runCheckInPieces(
  file: string | undefined,
  options: CheckOptions,
): Promise<{ pieces: Iterable<string>; exitCode: number; report: CheckReport }> {
  // The findings are placed from the one read.
  const input = await readInventoryInput(file, { ...options, positions: 'with-the-read' });
  const recovery = buildRecoveryGraph(
    input.inventory,
    input.asOf,
    untilDeadline(input.asOf, options.deadline),
  );
  const { report } = checkInventory(input, recovery, {
    deadline: options.deadline,
    graph: formatDrawsGraph(options.format),
  });
  const pieces = formatChunks(options.format, report, checks, {
    color: options.color,
    compact: options.compact,
    sourceRoot: process.cwd(),
  });
  const failOn = options.failOn;
  const failing =
    failOn !== 'none' &&
    report.findings.some((finding) => severityRank(finding.severity) <= severityRank(failOn));
  return { pieces, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, report };
}
