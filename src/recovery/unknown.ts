/**
 * One definition of an unknown, for every place that tells "lost" from "counted as lost because Lockout cannot
 * see it" (not declared, not read by a scan, not confirmed by the owner): the check report, whatif, the plan,
 * the dashboard and the still-unknown list. The builder marks such events with a reason starting "unknown".
 */
import type { FaultGraph } from '../analysis/graph.js';
import type { EventMeaning } from './builder.js';

export function isUnknownLoss(meaning: EventMeaning | undefined): boolean {
  return meaning?.lostBecause?.startsWith('unknown') === true;
}

/** 1 for each event of the graph that counts as lost only because a fact is unknown, 0 for the others. */
export function unknownEvents(graph: FaultGraph, events: ReadonlyMap<string, EventMeaning>): Uint8Array {
  const flags = new Uint8Array(graph.events.length);
  graph.events.forEach((event, index) => {
    if (isUnknownLoss(events.get(event.name))) flags[index] = 1;
  });
  return flags;
}
