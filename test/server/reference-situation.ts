/**
 * The dashboard's evaluation of a scenario as it was before it became incremental (src/server/situation.ts at
 * the time: a full analysis and one RecoveryTimes per event not lost), kept as the reference the equivalence
 * test compares the faster one with. The wording of verdicts is shared, not copied.
 */

import { GraphAnalysis, type TopStatus } from '../../src/analysis/analyze.js';
import type { FaultGraph } from '../../src/analysis/graph.js';
import { RecoveryTimes } from '../../src/analysis/recovery-time.js';
import { addDays } from '../../src/checks/dates.js';
import { daysBetween } from '../../src/model/factor-state.js';
import { capabilityState, FAST_HOURS, stateLabel } from '../../src/report/capability-state.js';
import type { Day } from '../../src/model/inventory.js';
import type { FactorRef } from '../../src/providers/aws/analysis.js';
import type { CapabilityGate, RecoveryGraph } from '../../src/providers/aws/recovery-graph.js';
import {
  recoveryView,
  ScenarioError,
  withVerdict,
  type CapabilityView,
  type Colour,
  type EventView,
  type Scenario,
  type SituationView,
  type WayView,
} from '../../src/server/situation.js';
import { standingWay } from '../../src/recovery/builder.js';
import { awsProvider } from '../../src/server/providers.js';

const LIMIT_ORDER = 6;
const SET_LIMIT = 10;

export class ReferenceSituationModel {
  readonly recovery: RecoveryGraph;
  readonly asOf: Day;
  private readonly graph: FaultGraph;
  /** Per capability (same order as recovery.capabilities): the events it depends on. */
  private readonly cones: Set<number>[];

  constructor(recovery: RecoveryGraph, asOf: Day) {
    this.recovery = recovery;
    this.asOf = asOf;
    this.graph = recovery.graph;
    this.cones = recovery.capabilities.map((capability) => eventsBelow(this.graph, capability.gate));
  }

  evaluate(scenario: Scenario): SituationView {
    const graph = this.graph;
    const unknown = [...scenario.lost, ...scenario.restored].filter((name) => !graph.findEvent(name));
    if (unknown.length > 0) {
      throw new ScenarioError(`no factor or fact named ${unknown.map((name) => `"${name}"`).join(', ')}`);
    }
    const restored = new Set(scenario.restored);
    const added = new Set(scenario.lost);
    const lost = new Uint8Array(graph.events.length);
    for (const event of graph.events) {
      lost[event.index] = added.has(event.name) || (event.lost && !restored.has(event.name)) ? 1 : 0;
    }
    const lostNames = graph.events.filter((event) => lost[event.index] === 1).map((event) => event.name);
    const tops = this.recovery.capabilities.map((capability) => capability.gate);
    const analysis = new GraphAnalysis(graph, {
      tops,
      limitOrder: LIMIT_ORDER,
      ignoreRecordedLosses: true,
      losses: lostNames,
    });
    const times = new RecoveryTimes(graph, (index) => lost[index] === 1);
    const deadlineHours =
      scenario.deadline === undefined ? undefined : daysBetween(this.asOf, scenario.deadline) * 24;
    const ref = (index: number): FactorRef => {
      const event = graph.events[index]!;
      return {
        id: event.name,
        label: this.recovery.events.get(event.name)?.label ?? event.label ?? event.name,
      };
    };

    // Which single losses would take a capability's last way back within a day; for one with none within a day
    // already, none if it holds, and if lost, those that take its last way back at all.
    const fastSingles = this.recovery.capabilities.map((): number[] => []);
    const timesNow = new RecoveryTimes(graph, (index) => lost[index] === 1);
    const budgets = this.recovery.capabilities.map((capability): number | undefined => {
      const fastest = fastestHours(capability, timesNow);
      if (fastest < FAST_HOURS) return FAST_HOURS;
      return fastest < Infinity && analysis.status(capability.gate) === 'lost' ? Infinity : undefined;
    });
    for (const event of graph.events) {
      if (lost[event.index] === 1) continue;
      const affected = this.recovery.capabilities
        .map((capability, position) => ({ capability, position }))
        .filter(({ position }) => this.cones[position]!.has(event.index) && budgets[position] !== undefined);
      if (affected.length === 0) continue;
      const withLoss = new RecoveryTimes(graph, (index) => index === event.index || lost[index] === 1);
      for (const { capability, position } of affected) {
        if (fastestHours(capability, withLoss) >= budgets[position]!)
          fastSingles[position]!.push(event.index);
      }
    }

    // The state of each capability (capability-state.ts), from whole-graph analyses rather than cones: one with
    // only the known losses (the scenario's own, and those not from facts Lockout cannot see), one with the
    // losses still to come (suspension dates) as happened.
    const isUnknown = (name: string): boolean =>
      this.recovery.events.get(name)?.lostBecause?.startsWith('unknown') ?? false;
    const knownAnalysis = new GraphAnalysis(graph, {
      tops,
      limitOrder: 0,
      ignoreRecordedLosses: true,
      // A loss the scenario adds is known, unless it was counted lost already for want of the fact.
      losses: lostNames.filter(
        (name) => !isUnknown(name) || (added.has(name) && !graph.findEvent(name)!.lost),
      ),
    });
    const coming = graph.events.filter((event) => lost[event.index] === 0 && event.onset !== undefined);
    const laterAnalysis = new GraphAnalysis(graph, {
      tops,
      limitOrder: 0,
      ignoreRecordedLosses: true,
      losses: [...lostNames, ...coming.map((event) => event.name)],
    });

    const capabilities = this.recovery.capabilities.map((capability, position): CapabilityView => {
      const status = analysis.status(capability.gate);
      // Its normal state: its own standing way, or its payer's for a member (which way that is, is a definition).
      const standingGate = standingWay(this.recovery.capabilities, capability)?.gate;
      const standing =
        standingGate !== undefined && analysis.status(standingGate) === 'lost'
          ? [{ gate: standingGate }]
          : [];
      const stateStatus: TopStatus = standing.length > 0 ? 'lost' : status;
      const confirmed =
        stateStatus !== 'lost' ||
        (standing.length > 0
          ? standing.some((way) => knownAnalysis.status(way.gate) === 'lost')
          : knownAnalysis.status(capability.gate) === 'lost');
      const eventually =
        status !== 'lost' && laterAnalysis.status(capability.gate) === 'lost' ? 'lost' : undefined;
      const onsets = coming
        .filter((event) => this.cones[position]!.has(event.index))
        .map((event) => event.onset!);
      const state = capabilityState({
        status: stateStatus,
        confirmed,
        eventually,
        singlePoints: analysis.singlePointsOfFailure(capability.gate).length,
        fast: fastestHours(capability, times) < FAST_HOURS,
      });
      const lostAfter = eventually ? addDays(this.asOf, Math.ceil(Math.min(...onsets) / 24)) : undefined;
      const singles = analysis.singlePointsOfFailure(capability.gate);
      const fastSingle = [...new Set([...singles, ...fastSingles[position]!])].sort((a, b) => a - b);
      const ways = capability.ways.map((way): WayView => {
        const wayStatus = analysis.status(way.gate);
        const estimate = times.estimate(way.gate);
        return {
          id: way.id,
          label: way.label,
          short: way.short,
          status: wayStatus,
          fast: wayStatus !== 'lost' && estimate.possible && estimate.duration.typical < FAST_HOURS,
          duration: estimate.possible ? estimate.duration : undefined,
          cost: estimate.possible ? estimate.cost : undefined,
          docs: way.docs,
        };
      });
      const fastest = recoveryView(times.estimate(capability.gate, deadlineHours));
      const backWithinADay = fastestHours(capability, times) < FAST_HOURS;
      const colour: Colour =
        status === 'lost' || !backWithinADay ? 'red' : fastSingle.length > 0 ? 'amber' : 'green';
      const view: CapabilityView = {
        id: capability.gate,
        accountId: capability.account.id,
        accountName: capability.account.name,
        // The reference knows the AWS accounts only (it predates accounts outside AWS).
        provider: awsProvider.id,
        capability: capability.capability,
        label: capability.label,
        status,
        colour,
        verdict: '',
        state,
        stateLabel: stateLabel(state, lostAfter),
        headline: '',
        ways,
        singlePointsOfFailure: singles.map(ref),
        fastSinglePoints: fastSingle.map(ref),
        lockoutSetCounts: analysis.countsByOrder(capability.gate),
        // Smallest first, then by their events' indices: every set listed, sorted, the first few kept.
        lockoutSets: analysis
          .cutSets(capability.gate, { limit: analysis.total(capability.gate) })
          .sets.sort((a, b) => a.length - b.length || firstDifference(a, b))
          .slice(0, SET_LIMIT)
          .map((set) => set.map(ref)),
        fastest,
      };
      return withVerdict(view);
    });

    const singlePointOf = new Map<string, string[]>();
    for (const capability of capabilities) {
      for (const factor of capability.fastSinglePoints) {
        singlePointOf.set(factor.id, [...(singlePointOf.get(factor.id) ?? []), capability.id]);
      }
    }
    const events = graph.events.map((event): EventView => {
      const meaning = this.recovery.events.get(event.name);
      const isLost = lost[event.index] === 1;
      return {
        id: event.name,
        label: meaning?.label ?? event.label ?? event.name,
        kind: meaning?.factorId ? 'factor' : 'fact',
        accountId: meaning?.accountId,
        lostNow: event.lost,
        lostBecause: meaning?.lostBecause,
        lost: isLost,
        change: isLost === event.lost ? undefined : isLost ? 'lost' : 'restored',
        restore: event.duration,
        singlePointOf: singlePointOf.get(event.name) ?? [],
      };
    });

    const gates: Record<string, TopStatus> = {};
    for (const gate of graph.gates) if (gate.defined) gates[gate.name] = analysis.status(gate.name);

    return {
      asOf: this.asOf,
      deadline: scenario.deadline,
      deadlineHours,
      lost: scenario.lost.filter((name) => !graph.findEvent(name)!.lost),
      restored: scenario.restored.filter((name) => graph.findEvent(name)!.lost),
      providers: [
        {
          ...awsProvider,
          accounts: new Set(this.recovery.capabilities.map((capability) => capability.account.id)).size,
        },
      ],
      capabilities,
      events,
      gates,
    };
  }
}

function fastestHours(capability: CapabilityGate, times: RecoveryTimes): number {
  if (capability.ways.length === 0) return 0;
  return Math.min(...capability.ways.map((way) => times.estimate(way.gate).duration.typical));
}
/** Indices of the events a gate depends on, through any number of gates (cycles included). */
function eventsBelow(graph: FaultGraph, gateName: string): Set<number> {
  const events = new Set<number>();
  const start = graph.findGate(gateName);
  if (!start) return events;
  const seen = new Set<number>([start.index]);
  const stack = [start.index];
  while (stack.length > 0) {
    const gate = graph.gates[stack.pop()!]!;
    for (const input of gate.inputs) {
      if (input.type === 'event') events.add(input.index);
      else if (input.type === 'gate' && !seen.has(input.index)) {
        seen.add(input.index);
        stack.push(input.index);
      }
    }
  }
  return events;
}

/** Sets of the same size by their first differing event. */
function firstDifference(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
