/**
 * What-if: given a set of losses, which top events still hold, which gates remain satisfiable and through
 * which inputs and minimal path sets, the single points of failure that appear, and for each top event
 * that is lost the fastest way back.
 */

import { GraphAnalysis, type TopStatus } from './analyze.js';
import { GraphError, type FaultGraph } from './graph.js';
import { RecoveryTimes, type RecoveryEstimate } from './recovery-time.js';

export interface WhatIfOptions {
  /** Top events to report on; default: the graph's roots. */
  tops?: readonly string[];
  /** Hours from now to the provider's deadline, to compare recovery times with. */
  deadlineHours?: number;
  /** How many minimal path sets to list per top event that still holds. */
  pathLimit?: number;
}

export interface TopWhatIf {
  name: string;
  label: string;
  before: TopStatus;
  after: TopStatus;
  /** Event names whose loss alone would take the top, before and after the losses. */
  singlePointsBefore: string[];
  singlePointsAfter: string[];
  /** Single points of failure that the losses created. */
  newSinglePoints: string[];
  /** The smallest sets of factors that, kept, keep the top (only while it holds). */
  remainingPaths: string[][];
  /** For a top that is lost: the fastest way back. */
  recovery?: RecoveryEstimate;
}

export interface GateWhatIf {
  name: string;
  label: string;
  status: TopStatus;
  /** Inputs (names) that still hold: for a gate of alternatives, the alternatives left. */
  holdingInputs: string[];
}

export interface WhatIfResult {
  losses: string[];
  tops: TopWhatIf[];
  gates: GateWhatIf[];
}

export function whatIf(
  graph: FaultGraph,
  losses: readonly string[],
  options: WhatIfOptions = {},
): WhatIfResult {
  for (const name of losses) {
    if (!graph.findEvent(name)) throw new GraphError(`no basic event named "${name}" to mark as lost`);
  }
  const tops = options.tops ?? graph.roots().map((gate) => gate.name);
  const before = new GraphAnalysis(graph, { tops, limitOrder: 1 });
  const after = new GraphAnalysis(graph, { tops, limitOrder: 1, losses });
  const pathLimit = options.pathLimit ?? 10;
  // Path sets come from the dual graph: built only when some are asked for.
  const paths =
    pathLimit > 0 ? new GraphAnalysis(graph, { tops, limitOrder: 20, losses, dual: true }) : undefined;
  const lostNames = new Set(losses);
  const recovery = new RecoveryTimes(
    graph,
    (index) => graph.events[index]!.lost || lostNames.has(graph.events[index]!.name),
  );
  const eventName = (index: number): string => graph.events[index]!.name;

  const topResults = tops.map((name): TopWhatIf => {
    const singlePointsBefore = before.singlePointsOfFailure(name).map(eventName);
    const singlePointsAfter = after.singlePointsOfFailure(name).map(eventName);
    const status = after.status(name);
    const result: TopWhatIf = {
      name,
      label: graph.labelOf(graph.find(name)!),
      before: before.status(name),
      after: status,
      singlePointsBefore,
      singlePointsAfter,
      newSinglePoints: singlePointsAfter.filter((event) => !singlePointsBefore.includes(event)),
      remainingPaths:
        status === 'lost' || !paths
          ? []
          : paths.cutSets(name, { limit: pathLimit }).sets.map((set) => set.map(eventName)),
    };
    if (status === 'lost') result.recovery = recovery.estimate(name, options.deadlineHours);
    return result;
  });

  const gates = graph.gates.map((gate): GateWhatIf => {
    const holdingInputs: string[] = [];
    for (const input of gate.inputs) {
      if (input.type === 'constant') continue;
      const name = graph.nameOf(input);
      if (after.status(name) !== 'lost') holdingInputs.push(name);
    }
    return {
      name: gate.name,
      label: gate.label ?? gate.name,
      status: after.status(gate.name),
      holdingInputs,
    };
  });

  return { losses: [...losses], tops: topResults, gates };
}
