/**
 * What the dashboard serves: the check report of the inventory, its recovery graph for pictures, and the model
 * that evaluates what-if scenarios on that graph — computed at start, and again whenever the inventory file
 * changes (LiveDashboard), keeping the last good version while the file has a mistake.
 */

import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { checkInventory } from '../check.js';
import { describeInputError } from '../cli/errors.js';
import { readInventoryInput, type ExampleName } from '../cli/inventory-input.js';
import type { Day, Inventory } from '../model/inventory.js';
import { buildRecoveryGraph, untilDeadline } from '../providers/aws/recovery-graph.js';
import type { CheckReport } from '../report/check-report.js';
import { AccountGraphs } from '../report/graph-view.js';
import { collectGarbage } from './collect-garbage.js';
import { ProviderIndex } from './providers.js';
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
  /** Each account's recovery graph as the engine sees it before any what-if, drawn when first asked for. */
  graphs: AccountGraphs;
  situations: SituationModel;
  /** Which provider each account is at, and which outside account holds a factor: the graph's groups. */
  providers: ProviderIndex;
}

export interface DashboardInput {
  inventory?: string | undefined;
  example?: ExampleName | undefined;
  asOf?: Day | undefined;
  deadline?: Day | undefined;
}

export async function loadDashboard(input: DashboardInput): Promise<DashboardData> {
  const loaded = await readInventoryInput(input.inventory, {
    ...(input.example ? { example: input.example } : {}),
    ...(input.asOf ? { asOf: input.asOf } : {}),
    deadline: input.deadline,
    positions: 'with-the-read',
  });
  // One load, one graph: the report and the pictures come from the analysis the what-if model starts from.
  const recovery = buildRecoveryGraph(
    loaded.inventory,
    loaded.asOf,
    untilDeadline(loaded.asOf, input.deadline),
  );
  const { report, analysis } = checkInventory(loaded, recovery, { deadline: input.deadline, graph: false });
  const situations = new SituationModel(recovery, loaded.asOf);
  // Every what-if starts from the situation as things stand (seconds at 10,000 accounts): found before the
  // page first asks, while the inventory loads, not on the first click.
  situations.evaluate({ lost: [], restored: [], deadline: input.deadline });
  // And the shape of every capability, which the first click on a factor many accounts share would find.
  situations.prepareShapes();
  return {
    inventoryFile: loaded.file,
    owner: loaded.inventory.owner,
    asOf: loaded.asOf,
    deadline: input.deadline,
    inventory: loaded.inventory,
    report,
    graphs: new AccountGraphs(analysis),
    situations,
    providers: new ProviderIndex(loaded.inventory),
  };
}

/** What the page polls to learn that the inventory was loaded again, or that the file now has a mistake. */
export interface DashboardStatus {
  /** Goes up by one each time the inventory loads again. */
  version: number;
  /** When the data shown was loaded (ISO 8601). */
  loadedAt: string;
  /** The mistake in the file since it last changed (file, line, field), while the last good version is shown. */
  problem?: string | undefined;
  /**
   * An internal error (a bug, not a mistake in the file) when the file was last loaded again, while the last
   * good version is shown; the terminal running lockout serve has the details. The next save tries again.
   */
  error?: string | undefined;
}

/** Where the app reads its data on each request: fixed data, or a LiveDashboard. */
export interface DashboardSource {
  readonly current: DashboardData;
  status(): DashboardStatus;
}

/** Data that never changes (an example, a test). */
export function fixedDashboard(data: DashboardData): DashboardSource {
  const loadedAt = new Date().toISOString();
  return { current: data, status: () => ({ version: 1, loadedAt }) };
}

/** A pause after the last change before loading: editors write a file in several steps. */
const SETTLE_MS = 150;

/**
 * The dashboard's data, loaded again when the inventory file changes on disk. A mistake in the new version
 * (YAML, schema, references) keeps the last good data and is reported through status() with the file, line and
 * field, as `lockout check` would print it; the next good save clears it. An internal error while loading
 * keeps the last good data too, is reported through status(), and the next save tries again.
 */
export class LiveDashboard implements DashboardSource {
  private data: DashboardData;
  private version = 1;
  private loadedAt = new Date().toISOString();
  private problem: string | undefined;
  private error: string | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly input: DashboardInput,
    first: DashboardData,
    private readonly loader: (input: DashboardInput) => Promise<DashboardData>,
  ) {
    this.data = first;
  }

  static async load(
    input: DashboardInput,
    loader: (input: DashboardInput) => Promise<DashboardData> = loadDashboard,
  ): Promise<LiveDashboard> {
    const live = new LiveDashboard(input, await loader(input), loader);
    // What the load left behind, collected before the first answer pays for it (collect-garbage.ts).
    collectGarbage();
    return live;
  }

  get current(): DashboardData {
    return this.data;
  }

  status(): DashboardStatus {
    return { version: this.version, loadedAt: this.loadedAt, problem: this.problem, error: this.error };
  }

  /**
   * Loads the inventory again; one load at a time, in the order asked. Rejects with an internal error (after
   * noting it in status()), but the loads asked after it still run: one bug must not end live reload.
   */
  reload(): Promise<void> {
    const next = this.loading.then(() => this.loadAgain());
    this.loading = next.catch(() => undefined);
    return next;
  }

  private async loadAgain(): Promise<void> {
    try {
      this.data = await this.loader(this.input);
      // What the load left, and the data it replaced, collected before the next answer pays for it.
      collectGarbage();
      this.version += 1;
      this.loadedAt = new Date().toISOString();
      this.problem = undefined;
      this.error = undefined;
    } catch (error) {
      const described = describeInputError(error);
      if (described) {
        this.problem = described.hint ? `${described.message} (${described.hint})` : described.message;
        this.error = undefined;
        return;
      }
      // Whatever mistake the file had before, this version of it could not be judged.
      this.problem = undefined;
      this.error = `internal error: ${error instanceof Error ? error.message : String(error)}`;
      throw error;
    }
  }

  /**
   * Watches the inventory file (not an example) and reloads a moment after it changes. The folder is watched,
   * not the file: editors that save by writing a new file and renaming it over the old one would end a watch
   * on the file itself.
   */
  watch(onReloaded?: (status: DashboardStatus) => void, onFailure?: (error: unknown) => void): void {
    if (this.input.example !== undefined || this.watcher) return;
    const file = path.resolve(this.data.inventoryFile);
    this.watcher = watch(path.dirname(file), (_event, name) => {
      if (name !== null && name !== path.basename(file)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.reload().then(
          () => onReloaded?.(this.status()),
          (error: unknown) => onFailure?.(error),
        );
      }, SETTLE_MS);
    });
    this.watcher.on('error', (error) => onFailure?.(error));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
