/** `lockout whatif --lose ID...`: what those losses would do to every capability, and the way back. */

import { whatIf } from '../analysis/what-if.js';
import { daysBetween } from '../model/factor-state.js';
import { buildRecoveryGraph } from '../providers/aws/recovery-graph.js';
import { buildWhatIfReport, renderWhatIf } from '../report/what-if-report.js';
import { UserError } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';

export interface WhatIfOptions extends InventoryOptions {
  lose: string[];
  deadline?: string;
  format: 'text' | 'json';
}

export async function runWhatIf(file: string | undefined, options: WhatIfOptions): Promise<string> {
  const input = await readInventoryInput(file, options);
  const recovery = buildRecoveryGraph(input.inventory, input.asOf);
  const unknown = options.lose.filter((id) => !recovery.graph.findEvent(id));
  if (unknown.length > 0) {
    const factors = [...recovery.events.values()].filter((e) => e.factorId).map((e) => e.factorId!);
    throw new UserError(
      `--lose: no factor ${unknown.map((id) => `"${id}"`).join(', ')} in ${input.file}`,
      `factors: ${factors.join(', ')}`,
    );
  }
  const result = whatIf(recovery.graph, options.lose, {
    tops: recovery.capabilities.map((capability) => capability.gate),
    deadlineHours: options.deadline ? daysBetween(input.asOf, options.deadline) * 24 : undefined,
    pathLimit: 0,
  });
  const report = buildWhatIfReport({
    inventoryFile: input.file,
    asOf: input.asOf,
    deadline: options.deadline,
    recovery,
    result,
  });
  return options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderWhatIf(report);
}
