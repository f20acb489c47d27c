/**
 * What the dashboard serves, computed once at start: the check report of the inventory, its recovery graph
 * for pictures, and the model that evaluates what-if scenarios on that graph.
 */

import { runCheck } from '../cli/check-command.js';
import { readInventoryInput, type ExampleName } from '../cli/inventory-input.js';
import type { Day, Inventory } from '../model/inventory.js';
import { analyzeRecoveryGraph } from '../providers/aws/analysis.js';
import { buildRecoveryGraph } from '../providers/aws/recovery-graph.js';
import type { CheckReport } from '../report/check-report.js';
import { buildGraphView, type GraphView } from '../report/graph-view.js';
import { SituationModel } from './situation.js';

export interface DashboardData {
  /** The inventory as the user named it (an example: its path relative to the project). */
  inventoryFile: string;
  owner?: string | undefined;
  asOf: Day;
  deadline?: Day | undefined;
  /** The inventory as loaded, for incident plans. */
  inventory: Inventory;
  report: CheckReport;
  /** Each account's recovery graph as the engine sees it before any what-if. */
  graph: GraphView;
  situations: SituationModel;
}

export interface DashboardInput {
  inventory?: string | undefined;
  example?: ExampleName | undefined;
  asOf?: Day | undefined;
  deadline?: Day | undefined;
}

export async function loadDashboard(input: DashboardInput): Promise<DashboardData> {
  const options = {
    ...(input.example ? { example: input.example } : {}),
    ...(input.asOf ? { asOf: input.asOf } : {}),
  };
  const { report } = await runCheck(input.inventory, {
    ...options,
    deadline: input.deadline,
    format: 'json',
    failOn: 'none',
    color: false,
  });
  const loaded = await readInventoryInput(input.inventory, options);
  const recovery = buildRecoveryGraph(loaded.inventory, loaded.asOf);
  const analysis = analyzeRecoveryGraph(recovery, { asOf: loaded.asOf });
  return {
    inventoryFile: loaded.file,
    owner: loaded.inventory.owner,
    asOf: loaded.asOf,
    deadline: input.deadline,
    inventory: loaded.inventory,
    report,
    graph: buildGraphView(analysis),
    situations: new SituationModel(recovery, loaded.asOf),
  };
}
