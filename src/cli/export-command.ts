/** `lockout export --format mef`: the recovery graph of an inventory as Open-PSA MEF, for SCRAM and others. */

import { writeMef } from '../analysis/mef.js';
import { buildRecoveryGraph } from '../providers/aws/recovery-graph.js';
import { UserError } from './errors.js';
import { readInventoryInput, type InventoryOptions } from './inventory-input.js';
import { writeOutputFile } from './options.js';

export interface ExportOptions extends InventoryOptions {
  format: 'mef';
  output?: string;
}

/** Returns the text to print (empty when written to a file). */
export async function runExport(file: string | undefined, options: ExportOptions): Promise<string> {
  const input = await readInventoryInput(file, options);
  const recovery = buildRecoveryGraph(input.inventory, input.asOf);
  // Every account's capabilities, outside AWS too: they are in the one graph, and a lockout set may cross.
  const tops = [...recovery.capabilities, ...(recovery.outsideCapabilities ?? [])].map(
    (capability) => capability.gate,
  );
  // An MEF without a gate is no model: SCRAM and lockout analyze refuse it, so it is not written.
  if (tops.length === 0) {
    throw new UserError(
      `${input.file}: no account is declared, so there is no recovery graph to export`,
      'declare your accounts under accounts: (lockout init reads them from AWS)',
    );
  }
  const xml = writeMef(recovery.graph, { name: 'lockout-recovery-graph', tops });
  if (options.output) {
    await writeOutputFile(options.output, xml, '--output', [input.read]);
    return '';
  }
  return xml;
}
