/** `lockout whatif --lose ID...`: what those losses would do to every capability, now and after the suspension date. */

import { whatIfOverTime } from '../providers/aws/what-if-over-time.js';
import { buildRecoveryGraph, hoursToDeadline, untilDeadline } from '../providers/aws/recovery-graph.js';
import { buildWhatIfReport, renderWhatIf } from '../report/what-if-report.js';
import { UserError } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';
import { safeJson } from '../report/safe-text.js';

export interface WhatIfOptions extends InventoryOptions {
  lose: string[];
  deadline?: string;
  format: 'text' | 'json';
}

export async function runWhatIf(file: string | undefined, options: WhatIfOptions): Promise<string> {
  const input = await readInventoryInput(file, options);
  const deadlineHours = hoursToDeadline(input.asOf, options.deadline);
  const recovery = buildRecoveryGraph(
    input.inventory,
    input.asOf,
    untilDeadline(input.asOf, options.deadline),
  );
  const unknown = options.lose.filter((id) => recovery.events.get(id)?.factorId !== id);
  if (unknown.length > 0) {
    const factors = [...recovery.events.values()].filter((e) => e.factorId).map((e) => e.factorId!);
    throw new UserError(
      `--lose: no factor ${unknown.map((id) => `"${id}"`).join(', ')} in ${input.file}`,
      `factors: ${factors.join(', ')}`,
    );
  }
  const result = whatIfOverTime(recovery, options.lose, { deadlineHours });
  const report = buildWhatIfReport({
    inventoryFile: input.file,
    asOf: input.asOf,
    deadline: options.deadline,
    recovery,
    result,
  });
  return options.format === 'json' ? safeJson(JSON.stringify(report, null, 2)) + '\n' : renderWhatIf(report);
}
