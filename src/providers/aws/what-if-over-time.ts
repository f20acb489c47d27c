/**
 * A what-if over time: what a set of losses does now, while the losses still to come (suspension dates) have not
 * happened, and what it does once they have; with the fastest way back raced against them.
 */

import { WhatIfBaseline, type TopWhatIf } from '../../analysis/what-if.js';
import { pendingEvents, TimedRecovery, type TimedEstimate } from '../../analysis/timed-recovery.js';
import { standingWay, type CapabilityGate } from '../../recovery/builder.js';
import type { RecoveryGraph } from './recovery-graph.js';

export interface CapabilityOverTime {
  gate: string;
  /** The provider of its account: `aws`, or the outside account's (`google`, `microsoft-entra`…). */
  provider: string;
  /** Now: the losses to come have not happened. */
  now: TopWhatIf;
  /** Lost now because its normal state (a valid card on file) is, whatever the ways back. */
  standingLost: boolean;
  /** Whether it already was, before the losses asked about. */
  standingLostBefore: boolean;
  /** The gate of its standing way, when it has one (a valid card on file). */
  standingGate?: string | undefined;
  /** The ids of its ways that the losses take now. */
  waysLost: string[];
  /** Once the losses to come have happened (the bill still unpaid at the suspension date). */
  later: TopWhatIf;
  /** For a capability lost now (or later): the fastest way back, raced against the losses to come. */
  recovery?: TimedEstimate | undefined;
}

export interface WhatIfOverTime {
  losses: string[];
  /** The losses to come: event names with their onset (hours from `asOf`). */
  pending: { name: string; onset: number }[];
  /** Every capability, the AWS accounts' first, then the outside accounts' (in the same graph), by provider. */
  capabilities: CapabilityOverTime[];
}

export function whatIfOverTime(
  recovery: RecoveryGraph,
  losses: readonly string[],
  options: { deadlineHours?: number | undefined } = {},
): WhatIfOverTime {
  const { graph } = recovery;
  const lossSet = new Set(losses.map((name) => graph.findEvent(name)!.index));
  const lostNow = (index: number): boolean => graph.events[index]!.lost || lossSet.has(index);
  const pending = pendingEvents(graph, lostNow).map((index) => graph.events[index]!);
  // Every way too, to say which the losses take (a standing way lost makes its capability lost now).
  const outside = recovery.outsideCapabilities ?? [];
  const all = [...recovery.capabilities, ...outside];
  const wayGates = all.flatMap((c) => c.ways.map((way) => way.gate));
  const tops = [...new Set([...all.map((capability) => capability.gate), ...wayGates])];
  // One baseline for both moments: the graph is compiled once.
  const baseline = new WhatIfBaseline(graph, { tops });
  const asked = { deadlineHours: options.deadlineHours, pathLimit: 0 };
  const now = baseline.whatIf(losses, asked);
  const later = pending.length > 0 ? baseline.whatIf([...losses, ...pending.map((e) => e.name)], asked) : now;
  const byName = (result: typeof now): Map<string, TopWhatIf> =>
    new Map(result.tops.map((top) => [top.name, top]));
  const nowTops = byName(now);
  const laterTops = byName(later);
  const times = new TimedRecovery(graph, lostNow);
  const overTime = <C extends string, A>(
    list: readonly CapabilityGate<C, A>[],
    capability: CapabilityGate<C, A>,
    provider: string,
  ): CapabilityOverTime => {
    const standing = standingWay(list, capability);
    const standingLost = standing !== undefined && nowTops.get(standing.gate)!.after === 'lost';
    const nowTop = nowTops.get(capability.gate)!;
    const laterTop = laterTops.get(capability.gate)!;
    const needsWayBack = standingLost || nowTop.after === 'lost' || laterTop.after === 'lost';
    return {
      gate: capability.gate,
      provider,
      now: nowTop,
      standingLost,
      standingLostBefore: standing !== undefined && nowTops.get(standing.gate)!.before === 'lost',
      standingGate: standing?.gate,
      waysLost: capability.ways
        .filter((way) => {
          const top = nowTops.get(way.gate)!;
          return top.before !== 'lost' && top.after === 'lost';
        })
        .map((way) => way.id),
      later: laterTop,
      // With its normal state lost, the capability's fastest way is one of its ways back.
      recovery: needsWayBack ? times.estimate(capability.gate, options.deadlineHours) : undefined,
    };
  };
  return {
    losses: [...losses],
    pending: pending.map((event) => ({ name: event.name, onset: event.onset! })),
    capabilities: [
      ...recovery.capabilities.map((capability) => overTime(recovery.capabilities, capability, 'aws')),
      ...outside.map((capability) => overTime(outside, capability, capability.account.provider)),
    ],
  };
}
