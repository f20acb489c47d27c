/** `lockout export --format mef`: the recovery graph of an inventory as Open-PSA MEF, for SCRAM and others. */

import { writeMef } from '../analysis/mef.js';
import { buildRecoveryGraph } from '../providers/aws/recovery-graph.js';
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
  const xml = writeMef(recovery.graph, {
    name: 'lockout-recovery-graph',
    tops: recovery.capabilities.map((capability) => capability.gate),
  });
  if (options.output) {
    await writeOutputFile(options.output, xml, '--output', [input.read]);
    return '';
  }
  return xml;
}
