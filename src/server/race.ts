/**
 * The race against the suspension date, for the dashboard: with a deadline known (lockout serve --deadline, or
 * the one set on the what-if page), each capability's fastest way back against the days left, and what an
 * unpaid bill on that day would take, with the way back that would remain after it. The same answer as
 * `lockout whatif --deadline` (whatIfOverTime), on a recovery graph whose suspension date is that deadline.
 */

import type { TopStatus } from '../analysis/analyze.js';
import type { DurationRange } from '../analysis/graph.js';
import type { RecoveryEstimate } from '../analysis/recovery-time.js';
import { TimedRecovery, type Race } from '../analysis/timed-recovery.js';
import { outsideAccountLabel, type Day, type Inventory } from '../model/inventory.js';
import { dayProblem, nextDay } from '../plan/time.js';
import type { CapabilityId } from '../providers/aws/analysis.js';
import { buildRecoveryGraph, hoursToDeadline, untilDeadline } from '../providers/aws/recovery-graph.js';
import { whatIfOverTime } from '../providers/aws/what-if-over-time.js';
import type { OutsideCapabilityId } from '../recovery/provider.js';
import { providerOfAccount } from './providers.js';
import { ScenarioError, type Scenario } from './situation.js';

/** Answers kept: a deadline typed day by day asks for a new graph each time. */
const RECENT_RACES = 3;

export interface RaceWay {
  possible: boolean;
  /** Hours, from now (or from the suspension day, for the way back after it); none when impossible. */
  duration?: DurationRange | undefined;
  /** The steps, in order. */
  steps: string[];
}

export interface CapabilityRace {
  /** The capability's gate: the id the situation's capabilities have. */
  id: string;
  accountId: string;
  accountName: string;
  /** The provider of its account (`aws`, `google`…), as the situation's capabilities say it. */
  provider: string;
  capability: CapabilityId | OutsideCapabilityId;
  label: string;
  /** Now: the suspension date has not passed. */
  now: TopStatus;
  /** If the bill is still unpaid on the deadline: from the suspension day on. */
  later: TopStatus;
  /** For a capability lost now: the fastest way back, raced against the deadline. */
  wayBack?:
    | (RaceWay & {
        /** Hours to spare before the end of the deadline's day (negative: late). */
        slack?: DurationRange | undefined;
        /** Whether it ends before the suspension: in every case, typically, or not. */
        race?: Race | undefined;
      })
    | undefined;
  /** For a capability lost after the deadline: the way back that would remain then (from the suspension day). */
  afterDeadline?: RaceWay | undefined;
}

export interface RaceView {
  asOf: Day;
  deadline: Day;
  /** Hours from the start of `asOf` to the end of the deadline's day. */
  deadlineHours: number;
  /** Whole days left, the deadline's day included. */
  daysLeft: number;
  /** The day the account is suspended if the bill is still unpaid on the deadline. */
  suspensionDay: Day;
  /** Capabilities the date matters to: lost now, or lost once it passes unpaid (every account). */
  capabilities: CapabilityRace[];
  /** How many capabilities hold now and still hold after the suspension day. */
  holdingThrough: number;
}

/** Races scenarios on one inventory; the last few answers are kept. */
export class RaceModel {
  private readonly recent = new Map<string, RaceView>();

  constructor(
    private readonly inventory: Inventory,
    private readonly asOf: Day,
  ) {}

  race(scenario: Scenario & { deadline: Day }): RaceView {
    const problem = dayProblem(scenario.deadline);
    if (problem !== undefined) throw new ScenarioError(`deadline ${scenario.deadline}: ${problem}`);
    const key = JSON.stringify([scenario.lost, scenario.restored, scenario.deadline]);
    const known = this.recent.get(key);
    if (known) return known;
    const view = this.raceAfresh(scenario);
    this.recent.set(key, view);
    if (this.recent.size > RECENT_RACES) this.recent.delete(this.recent.keys().next().value!);
    return view;
  }

  private raceAfresh(scenario: Scenario & { deadline: Day }): RaceView {
    const { asOf } = this;
    const deadlineHours = hoursToDeadline(asOf, scenario.deadline)!;
    // A graph of its own: its suspension date is this deadline, and what the scenario gets back is not lost.
    const recovery = buildRecoveryGraph(this.inventory, asOf, untilDeadline(asOf, scenario.deadline));
    const { graph } = recovery;
    const unknown = [...scenario.lost, ...scenario.restored].filter((name) => !graph.findEvent(name));
    if (unknown.length > 0) {
      throw new ScenarioError(`no factor or fact named ${unknown.map((name) => `"${name}"`).join(', ')}`);
    }
    for (const name of scenario.restored) graph.findEvent(name)!.lost = false;
    const over = whatIfOverTime(recovery, scenario.lost, { deadlineHours });
    const lossSet = new Set(scenario.lost.map((name) => graph.findEvent(name)!.index));
    // The way back once the suspension has come, for capabilities it takes (the race answer gives it only
    // when the race can be lost).
    const afterSuspension = new TimedRecovery(
      graph,
      (index) => graph.events[index]!.lost || lossSet.has(index),
    ).later;
    const way = (estimate: RecoveryEstimate): RaceWay =>
      estimate.possible
        ? { possible: true, duration: estimate.duration, steps: estimate.steps.map((step) => step.label) }
        : { possible: false, steps: [] };
    const byGate = new Map(over.capabilities.map((capability) => [capability.gate, capability]));
    const capabilities: CapabilityRace[] = [];
    let holdingThrough = 0;
    // The AWS accounts' capabilities, then the outside accounts' (in the same graph, lost with the same losses).
    const every = [
      ...recovery.capabilities.map((capability) => ({ capability, outside: false })),
      ...(recovery.outsideCapabilities ?? []).map((capability) => ({ capability, outside: true })),
    ];
    for (const { capability, outside } of every) {
      const timed = byGate.get(capability.gate)!;
      const now: TopStatus = timed.standingLost ? 'lost' : timed.now.after;
      // A capability whose normal state is lost (no valid card on file) stays lost after the date too.
      const later: TopStatus = timed.standingLost ? 'lost' : timed.later.after;
      if (now !== 'lost' && later !== 'lost') {
        holdingThrough += 1;
        continue;
      }
      const estimate = timed.recovery;
      capabilities.push({
        id: capability.gate,
        accountId: capability.account.id,
        accountName:
          'provider' in capability.account
            ? outsideAccountLabel(capability.account)
            : capability.account.name,
        provider: providerOfAccount(capability.account, outside).id,
        capability: capability.capability,
        label: capability.label,
        now,
        later,
        wayBack:
          now === 'lost' && estimate
            ? {
                ...way(estimate),
                slack: estimate.possible ? estimate.slack : undefined,
                race: estimate.possible ? estimate.race : undefined,
              }
            : undefined,
        afterDeadline: later === 'lost' ? way(afterSuspension.estimate(capability.gate)) : undefined,
      });
    }
    return {
      asOf,
      deadline: scenario.deadline,
      deadlineHours,
      daysLeft: Math.round(deadlineHours / 24),
      suspensionDay: nextDay(scenario.deadline),
      capabilities,
      holdingThrough,
    };
  }
}
