/**
 * What a set of losses would do to every capability of every account, in the owner's terms: which
 * capabilities fall, which single points of failure appear, and the fastest way back against a deadline.
 */

import type { TopStatus } from '../analysis/analyze.js';
import { gatesAboveOf, reachable } from '../analysis/adjacency.js';
import { explainLoss } from '../analysis/explain.js';
import { ConeEvaluator } from '../analysis/lost-under.js';
import type { DurationRange } from '../analysis/graph.js';
import { fastestHours, RecoveryTimes, type RecoveryEstimate } from '../analysis/recovery-time.js';
import type { Race } from '../analysis/timed-recovery.js';
import { nextDay } from '../plan/time.js';
import type { WhatIfOverTime } from '../providers/aws/what-if-over-time.js';
import { outsideAccountLabel, type Day } from '../model/inventory.js';
import type { RecoveryGraph } from '../providers/aws/recovery-graph.js';
import {
  capabilityState,
  capabilityStates,
  FAST_HOURS,
  stateLabel,
  type CapabilityState,
} from './capability-state.js';
import { DETAILED_ACCOUNTS } from './account-rank.js';
import { counted } from '../model/words.js';
import { costText } from './wording.js';
import { formatHours } from './check-report.js';
import { withSafeText } from './safe-text.js';
import { unknownEvents } from '../recovery/unknown.js';

export interface WayBack {
  possible: boolean;
  duration: DurationRange;
  cost: number;
  /** The currency of `cost`, when it is not zero. */
  currency?: string | undefined;
  steps: string[];
  slack?: DurationRange | undefined;
}

export interface CapabilityWhatIf {
  accountId: string;
  accountName: string;
  capability: string;
  label: string;
  before: TopStatus;
  /** Now: the losses still to come (a suspension date) have not happened. */
  after: TopStatus;
  newSinglePointsOfFailure: string[];
  /** The ways the losses take now (labels). */
  waysLost: string[];
  /**
   * Each way the losses take now: a minimal set of losses that takes it, split into those assumed (`by`), those
   * the inventory says are lost already, and the facts it does not declare (`unknown`: counted as lost until
   * declared, never as known losses).
   */
  waysTaken: { way: string; by: string[]; alreadyLost: string[]; unknown: string[] }[];
  /** Where it stands before and after, in the reports' words (capability-state.ts). */
  stateBefore: CapabilityState;
  stateAfter: CapabilityState;
  /** "lost after 2025-06-22", "one loss away"… */
  stateAfterLabel: string;
  /** Whether the losses change anything about it: its state, its ways or its single points. */
  changed: boolean;
  /** Whether a loss assumed (and not lost already) lies below it: it rests on what is assumed, changed or not. */
  restsOnLosses: boolean;
  /**
   * For a capability lost with no way back: what is said of it, in words. When only facts not declared take
   * it (its state is unknown), it says so and how to know, never that no way back remains.
   */
  noWayBack?: string | undefined;
  /** For a capability the losses take, now or later: the fastest way back. */
  recovery?:
    | (WayBack & {
        /** The loss to come this way must finish before, and its day. */
        before?: { label: string; day: Day } | undefined;
        /** Whether it does: in every case, typically, or not. */
        race?: Race | undefined;
        /** The way back once that loss has happened, when the race can be lost. */
        afterOnset?: WayBack | undefined;
      })
    | undefined;
  /** Once the losses to come have happened (a bill still unpaid at its suspension date), when that differs. */
  later?: { status: TopStatus; newSinglePointsOfFailure: string[] } | undefined;
}

export interface WhatIfReport {
  inventory: string;
  asOf: Day;
  deadline?: Day | undefined;
  /** What is assumed lost; `alreadyLost` when the inventory says it is lost already. */
  losses: { id: string; label: string; alreadyLost: boolean }[];
  /** The losses to come that the answer is split at: their label and day. */
  pending: { label: string; day: Day }[];
  capabilities: CapabilityWhatIf[];
}

export function buildWhatIfReport(input: {
  inventoryFile: string;
  asOf: Day;
  deadline?: Day | undefined;
  recovery: RecoveryGraph;
  result: WhatIfOverTime;
}): WhatIfReport {
  const { recovery, result } = input;
  const label = (name: string): string => recovery.events.get(name)?.label ?? name;
  const dayAt = (hours: number): Day => nextDay(input.asOf, Math.ceil(hours / 24) - 1);
  const wayBack = (estimate: RecoveryEstimate): WayBack => ({
    possible: estimate.possible,
    duration: estimate.duration,
    cost: estimate.cost,
    ...(estimate.cost > 0 && recovery.costCurrency !== undefined ? { currency: recovery.costCurrency } : {}),
    steps: estimate.steps.map((step) => step.label),
    slack: estimate.slack,
  });
  const byGate = new Map(result.capabilities.map((capability) => [capability.gate, capability]));
  const { graph } = recovery;
  const assumed = new Set(result.losses.map((name) => graph.findEvent(name)!.index));
  const lostNow = (index: number): boolean => graph.events[index]!.lost || assumed.has(index);
  // The gates above the losses assumed that are not lost already: what rests on them, changed or not.
  const restsOnLosses = new Uint8Array(graph.gates.length);
  const newlyLost = [...assumed].filter((index) => !graph.events[index]!.lost);
  for (const gate of reachable(
    gatesAboveOf(graph),
    newlyLost.map((index) => graph.gates.length + index),
  ))
    restsOnLosses[gate] = 1;
  // Lost through known losses alone, as the check report and the dashboard decide it: a loss assumed here is
  // known; one the inventory could not declare or a scan could not see is not.
  const cones = new ConeEvaluator(graph);
  const unknownFlags = unknownEvents(graph, recovery.events);
  const unknown = (index: number): boolean => unknownFlags[index] === 1;
  const knownOf =
    (isLost: (index: number) => boolean) =>
    (index: number): boolean =>
      isLost(index) && (assumed.has(index) || !unknown(index));
  const confirmed = (gate: string, isLost: (index: number) => boolean): boolean =>
    cones.isLost(gate, knownOf(isLost));
  // What takes a gate, in the fewest words that are true: through known losses alone where they take it, so
  // that a fact not declared is named only where it is what decides.
  const knownLostNow = knownOf(lostNow);
  const explain = (gate: string): string[] =>
    explainLoss(graph, gate, cones.isLost(gate, knownLostNow) ? knownLostNow : lostNow);
  const lastPending = result.pending.reduce((last, event) => Math.max(last, event.onset), 0);
  // Whether a way is back within a day, before and after the losses: the state says when none is, as the check
  // report and the dashboard do. Made when first asked: only a capability that holds asks.
  let before: RecoveryTimes | undefined;
  let afterLosses: RecoveryTimes | undefined;
  const timesBefore = (): RecoveryTimes =>
    (before ??= new RecoveryTimes(graph, (index) => graph.events[index]!.lost));
  const timesAfter = (): RecoveryTimes => (afterLosses ??= new RecoveryTimes(graph, lostNow));
  return {
    inventory: input.inventoryFile,
    asOf: input.asOf,
    deadline: input.deadline,
    losses: result.losses.map((id) => ({ id, label: label(id), alreadyLost: graph.findEvent(id)!.lost })),
    pending: result.pending.map((event) => ({
      label: recovery.events.get(event.name)?.expires ? `${label(event.name)} expires` : label(event.name),
      day: dayAt(event.onset),
    })),
    // The AWS accounts' capabilities, then those of the accounts outside AWS (in the same graph).
    capabilities: [...recovery.capabilities, ...(recovery.outsideCapabilities ?? [])].map(
      (capability): CapabilityWhatIf => {
        const over = byGate.get(capability.gate)!;
        const after: TopStatus = over.standingLost ? 'lost' : over.now.after;
        const estimate = over.recovery;
        const laterDiffers =
          over.later.after !== over.now.after ||
          over.later.newSinglePoints.join() !== over.now.newSinglePoints.join();
        const statusBefore: TopStatus = over.standingLostBefore ? 'lost' : over.now.before;
        // Its ways' gates, for whether one is back within a day before and after the losses.
        const wayRefs = capability.ways.map((way) => graph.find(way.gate)!);
        // A capability whose normal state is lost is lost through that way, whatever its ways back.
        const lostGate = (standingLost: boolean): string =>
          standingLost && over.standingGate !== undefined ? over.standingGate : capability.gate;
        const stateBefore = capabilityState({
          status: statusBefore,
          confirmed:
            statusBefore === 'lost' &&
            confirmed(lostGate(over.standingLostBefore), (i) => graph.events[i]!.lost),
          singlePoints: over.now.singlePointsBefore.length,
          fast: statusBefore === 'lost' || fastestHours(wayRefs, timesBefore()) < FAST_HOURS,
        });
        const stateAfter = capabilityState({
          status: after,
          confirmed: after === 'lost' && confirmed(lostGate(over.standingLost), lostNow),
          eventually: over.later.after,
          singlePoints: over.now.singlePointsAfter.length,
          fast: after === 'lost' || fastestHours(wayRefs, timesAfter()) < FAST_HOURS,
        });
        const isAssumed = (name: string): boolean => assumed.has(graph.findEvent(name)!.index);
        const isUnknown = (name: string): boolean =>
          !isAssumed(name) && unknown(graph.findEvent(name)!.index);
        const waysTaken = capability.ways
          .filter((way) => over.waysLost.includes(way.id))
          .map((way) => {
            const needed = explain(way.gate);
            return {
              way: way.label,
              by: needed.filter(isAssumed).map(label),
              alreadyLost: needed.filter((name) => !isAssumed(name) && !isUnknown(name)).map(label),
              unknown: needed.filter(isUnknown).map(label),
            };
          });
        // Why no way back remains (or none is known): each way and what takes it; without ways, the capability.
        const noWayBack = (): string => {
          const words = (needed: readonly string[]): string => needed.map(label).join(', ');
          if (capability.ways.length === 0) {
            const needed = explain(capability.gate);
            const notDeclared = needed.filter(isUnknown);
            return stateAfter === 'unknown' && notDeclared.length > 0
              ? `no way back is known: it needs something not declared (${words(notDeclared)}); declare it (lockout init) to know`
              : `no way back remains: taken by ${words(needed) || 'what is lost'}`;
          }
          const ways = capability.ways.map((way) => ({ label: way.label, needed: explain(way.gate) }));
          if (stateAfter !== 'unknown') {
            return `no way back remains: every way is lost: ${ways.map((way) => `${way.label} (${words(way.needed) || 'lost'})`).join('; ')}`;
          }
          const parts = ways.map((way) => {
            const notDeclared = way.needed.filter(isUnknown);
            return notDeclared.length > 0
              ? `${way.label} needs something not declared (${words(notDeclared)})`
              : `${way.label} is lost (${words(way.needed) || 'lost'})`;
          });
          return `no way back is known: ${parts.join('; ')}; declare these facts (lockout init) to know`;
        };
        return {
          accountId: capability.account.id,
          accountName:
            'organization' in capability.account
              ? capability.account.name
              : outsideAccountLabel(capability.account),
          capability: capability.capability,
          label: capability.label,
          before: statusBefore,
          after,
          newSinglePointsOfFailure: after === 'lost' ? [] : over.now.newSinglePoints.map(label),
          waysLost: capability.ways.filter((way) => over.waysLost.includes(way.id)).map((way) => way.label),
          waysTaken,
          stateBefore,
          stateAfter,
          stateAfterLabel: stateLabel(stateAfter, lastPending > 0 ? dayAt(lastPending) : undefined),
          // What the losses asked about change (what the date to come does anyway is not theirs).
          changed: stateBefore !== stateAfter || waysTaken.length > 0 || over.now.newSinglePoints.length > 0,
          restsOnLosses: restsOnLosses[graph.findGate(capability.gate)!.index] === 1,
          noWayBack:
            after === 'lost' && estimate !== undefined && !estimate.possible ? noWayBack() : undefined,
          recovery: estimate && {
            ...wayBack(estimate),
            before:
              estimate.onsetEvent !== undefined && estimate.onset !== undefined
                ? { label: label(estimate.onsetEvent), day: dayAt(estimate.onset) }
                : undefined,
            race: estimate.race,
            afterOnset: estimate.afterOnset && wayBack(estimate.afterOnset),
          },
          later: laterDiffers
            ? { status: over.later.after, newSinglePointsOfFailure: over.later.newSinglePoints.map(label) }
            : undefined,
        };
      },
    ),
  };
}

export function renderWhatIf(input: WhatIfReport): string {
  // Labels and names come from the inventory: none may drive the terminal.
  const report = withSafeText(input, 'line');
  const out: string[] = [];
  out.push(
    `Lockout what-if — ${report.inventory}, as of ${report.asOf}${report.deadline ? `, deadline ${report.deadline}` : ''}`,
  );
  out.push(`Assuming lost: ${report.losses.map((loss) => loss.label).join(', ')}`);
  // The losses to come matter only where the answer changes with them.
  const timed = report.capabilities.some((c) => c.later !== undefined || c.recovery?.before !== undefined);
  for (const event of timed ? report.pending : []) {
    out.push(
      `Still to come: ${event.label}, ${event.day}${report.deadline ? '' : ' at the earliest (no deadline given)'}`,
    );
  }
  const describe = (way: WayBack, indent: string): string[] => {
    if (!way.possible) return [`${indent}no way back remains`];
    const lines = [
      `${indent}fastest way back: about ${formatHours(way.duration.typical)} (${formatHours(way.duration.min)} to ${formatHours(way.duration.max)})${way.cost > 0 ? `, costs ${costText(way.cost, way.currency)}` : ''}`,
      `${indent}steps: ${way.steps.join(', then ')}`,
    ];
    if (way.slack) {
      lines.push(
        way.slack.typical >= 0
          ? `${indent}against the deadline: ${formatHours(way.slack.typical)} to spare (typical)`
          : `${indent}against the deadline: ${formatHours(-way.slack.typical)} late (typical) — ask AWS Support for a hold`,
      );
    }
    return lines;
  };
  // Per account: what changes, in detail; what does not, in one line.
  const accounts = new Map<string, CapabilityWhatIf[]>();
  for (const capability of report.capabilities) {
    const own = accounts.get(capability.accountId);
    if (own) own.push(capability);
    else accounts.set(capability.accountId, [capability]);
  }
  if (!report.capabilities.some((capability) => capability.changed)) out.push('', nothingChanges(report));
  // An Organization: what changes counted by capability, then the accounts left worst; every account is in JSON.
  const shown =
    accounts.size > DETAILED_ACCOUNTS ? organizationSummary(report, accounts, out) : [...accounts.values()];
  for (const capabilities of shown) {
    const first = capabilities[0]!;
    const changed = capabilities.filter((capability) => capability.changed);
    const unchanged = capabilities.filter((capability) => !capability.changed);
    out.push(
      '',
      `Account ${first.accountName} (${first.accountId})${changed.length === 0 ? ': nothing changes' : ''}`,
    );
    for (const capability of changed) out.push(...describeChange(capability, report, describe));
    if (changed.length > 0 && unchanged.length > 0) {
      out.push(`  unchanged: ${unchanged.map((c) => `${c.label} (${stateLabel(c.stateAfter)})`).join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * For an Organization, into `out`: how many capabilities change, by capability and change; then the accounts
 * to detail: those that change, left in the worst state first, DETAILED_ACCOUNTS of them. 10,000 accounts
 * listed one after the other, most saying the same or nothing, hid what a loss does.
 */
function organizationSummary(
  report: WhatIfReport,
  accounts: ReadonlyMap<string, CapabilityWhatIf[]>,
  out: string[],
): CapabilityWhatIf[][] {
  const changed = report.capabilities.filter((capability) => capability.changed);
  if (changed.length === 0) return [];
  const changes = new Map<string, number>();
  for (const capability of changed) {
    const line = changeLine(capability);
    changes.set(line, (changes.get(line) ?? 0) + 1);
  }
  const changing = [...accounts.values()].filter((capabilities) => capabilities.some((c) => c.changed));
  out.push(
    '',
    `What changes: ${counted(changed.length)} ${changed.length === 1 ? 'capability' : 'capabilities'} of ` +
      `${counted(changing.length)} ${changing.length === 1 ? 'account' : 'accounts'}`,
  );
  const width = counted(Math.max(...changes.values())).length;
  for (const [line, count] of [...changes].sort((a, b) => b[1] - a[1])) {
    out.push(`  ${counted(count).padStart(width)}  ${line}`);
  }
  const unchanged = accounts.size - changing.length;
  if (unchanged > 0)
    out.push(`Nothing changes for ${counted(unchanged)} ${unchanged === 1 ? 'account' : 'accounts'}.`);
  // Worst first by the worst state a change leaves; accounts alike keep the report's order.
  const worst = (capabilities: readonly CapabilityWhatIf[]): number =>
    Math.min(...capabilities.filter((c) => c.changed).map((c) => capabilityStates.indexOf(c.stateAfter)));
  const ranked = changing
    .map((capabilities, at) => ({ capabilities, at, worst: worst(capabilities) }))
    .sort((a, b) => a.worst - b.worst || a.at - b.at)
    .map((entry) => entry.capabilities);
  if (ranked.length > DETAILED_ACCOUNTS) {
    out.push(
      '',
      `The ${DETAILED_ACCOUNTS} accounts the losses leave worst follow in detail, of ${counted(ranked.length)} that ` +
        'change; every account is in --format json.',
    );
  }
  return ranked.slice(0, DETAILED_ACCOUNTS);
}

/** What a loss does to a capability, in the words of its line below its account: "Sign in as root: holds → …". */
function changeLine(capability: CapabilityWhatIf): string {
  const before = stateLabel(capability.stateBefore);
  const after = capability.stateAfterLabel;
  return before === after
    ? `${capability.label}: ${after}, its ways or single points of failure change`
    : `${capability.label}: ${before} → ${after}`;
}

/**
 * Why nothing changes: what is assumed is lost already, or nothing rests on it, or what rests on it keeps its
 * state, ways and single points without it (a second card, another device).
 */
function nothingChanges(report: WhatIfReport): string {
  if (report.losses.every((loss) => loss.alreadyLost))
    return 'Nothing changes: what is assumed lost is lost already in the inventory.';
  const resting = report.capabilities.filter((capability) => capability.restsOnLosses);
  if (resting.length === 0)
    return 'Nothing changes: no capability of any account rests on what is assumed lost.';
  const accounts = new Set(resting.map((capability) => capability.accountId)).size;
  const one = resting.length === 1;
  return (
    `Nothing changes: ${one ? '1 capability' : `${counted(resting.length)} capabilities`} of ` +
    `${accounts === 1 ? '1 account' : `${counted(accounts)} accounts`} ${one ? 'rests' : 'rest'} on what is assumed lost, ` +
    `and ${one ? 'it' : 'each'} keeps its state, its ways and its single points of failure without it.`
  );
}

/** One capability whose answer the losses change: before → after, why, and the way back. */
function describeChange(
  capability: CapabilityWhatIf,
  report: WhatIfReport,
  describe: (way: WayBack, indent: string) => string[],
): string[] {
  const out: string[] = [];
  const before = stateLabel(capability.stateBefore);
  const after = capability.stateAfterLabel;
  out.push(`  ${capability.label.padEnd(28)} ${before === after ? after : `${before} → ${after}`}`);
  for (const taken of capability.waysTaken) {
    const said = [
      taken.alreadyLost.length > 0 ? `${taken.alreadyLost.join(', ')} lost already` : '',
      taken.unknown.length > 0
        ? `${taken.unknown.join(', ')} not known (counted as lost until declared)`
        : '',
    ].filter((words) => words !== '');
    const already = said.length > 0 ? `, with ${said.join(' and ')}` : '';
    out.push(
      `    way lost: ${taken.way}${taken.by.length > 0 ? ` — taken by ${taken.by.join(', ')}${already}` : ''}`,
    );
  }
  const way = capability.recovery;
  if (capability.after === 'lost' && way) {
    if (way.possible) out.push(...describe(way, '    '));
    else out.push(`    ${capability.noWayBack ?? 'no way back remains'}`);
    if (way.before && way.possible) {
      out.push(
        way.race === 'typical'
          ? `    it must be done before ${way.before.day} (${way.before.label}): typically it is, in the worst case not`
          : `    it must be done before ${way.before.day} (${way.before.label})`,
      );
    }
  }
  if (capability.after !== 'lost' && capability.newSinglePointsOfFailure.length > 0) {
    out.push(`    new single points of failure: ${capability.newSinglePointsOfFailure.join(', ')}`);
  }
  const later = capability.later;
  // "Later" is once every loss to come has happened: by the last of their days.
  const last = report.pending.reduce<{ day: Day } | undefined>(
    (latest, event) => (latest === undefined || event.day > latest.day ? event : latest),
    undefined,
  );
  if (later && last) {
    const when = `if the bill is still unpaid on ${last.day}`;
    if (later.status === 'lost' && capability.after !== 'lost') {
      out.push(`    ${when}: lost`);
      if (way?.afterOnset) out.push(...describe(way.afterOnset, '      '));
      else if (way && way.race === 'lost') out.push(...describe(way, '      '));
    } else if (later.status !== 'lost' && later.newSinglePointsOfFailure.length > 0) {
      out.push(`    ${when}, new single points of failure: ${later.newSinglePointsOfFailure.join(', ')}`);
    }
  }
  return out;
}
