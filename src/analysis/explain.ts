/**
 * Why a gate is lost: a minimal subset of the losses that have happened which still takes it, found by
 * giving back one loss at a time (deletion filter). Reports use it to say "lost because the old phone is
 * lost", not "lost because of everything that is wrong".
 */

import { GraphAnalysis } from './analyze.js';
import type { FaultGraph } from './graph.js';

/** Names of a minimal set of the graph's recorded losses under which the gate is still lost; [] if it holds. */
export function explainLoss(graph: FaultGraph, gate: string): string[] {
  const recorded = graph.events.filter((event) => event.lost).map((event) => event.name);
  const lostUnder = (losses: readonly string[]): boolean =>
    new GraphAnalysis(graph, { tops: [gate], limitOrder: 0, ignoreRecordedLosses: true, losses }).status(
      gate,
    ) === 'lost';
  if (!lostUnder(recorded)) return [];
  let needed = recorded;
  for (const candidate of recorded) {
    const without = needed.filter((name) => name !== candidate);
    if (lostUnder(without)) needed = without;
  }
  return needed;
}
