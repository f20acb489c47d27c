/**
 * What a set of losses would do to every capability of every account, in the owner's terms: which
 * capabilities fall, which single points of failure appear, and the fastest way back against a deadline.
 */

import type { TopStatus } from '../analysis/analyze.js';
import type { DurationRange } from '../analysis/graph.js';
import type { RecoveryEstimate } from '../analysis/recovery-time.js';
import type { Race } from '../analysis/timed-recovery.js';
import { nextDay } from '../plan/time.js';
import type { WhatIfOverTime } from '../providers/aws/what-if-over-time.js';
import type { Day } from '../model/inventory.js';
import type { RecoveryGraph } from '../providers/aws/recovery-graph.js';
import { formatHours } from './check-report.js';
import { withSafeText } from './safe-text.js';

export interface WayBack {
  possible: boolean;
  duration: DurationRange;
  cost: number;
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
  losses: { id: string; label: string }[];
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
    steps: estimate.steps.map((step) => step.label),
    slack: estimate.slack,
  });
  const byGate = new Map(result.capabilities.map((capability) => [capability.gate, capability]));
  return {
    inventory: input.inventoryFile,
    asOf: input.asOf,
    deadline: input.deadline,
    losses: result.losses.map((id) => ({ id, label: label(id) })),
    pending: result.pending.map((event) => ({
      label: recovery.events.get(event.name)?.expires ? `${label(event.name)} expires` : label(event.name),
      day: dayAt(event.onset),
    })),
    capabilities: recovery.capabilities.map((capability): CapabilityWhatIf => {
      const over = byGate.get(capability.gate)!;
      const after: TopStatus = over.standingLost ? 'lost' : over.now.after;
      const estimate = over.recovery;
      const laterDiffers =
        over.later.after !== over.now.after ||
        over.later.newSinglePoints.join() !== over.now.newSinglePoints.join();
      return {
        accountId: capability.account.id,
        accountName: capability.account.name,
        capability: capability.capability,
        label: capability.label,
        before: over.now.before,
        after,
        newSinglePointsOfFailure: after === 'lost' ? [] : over.now.newSinglePoints.map(label),
        waysLost: capability.ways.filter((way) => over.waysLost.includes(way.id)).map((way) => way.label),
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
    }),
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
      `${indent}fastest way back: about ${formatHours(way.duration.typical)} (${formatHours(way.duration.min)} to ${formatHours(way.duration.max)})`,
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
  let account = '';
  for (const capability of report.capabilities) {
    if (capability.accountId !== account) {
      account = capability.accountId;
      out.push('', `Account ${capability.accountName} (${capability.accountId})`);
    }
    const change =
      capability.before === capability.after
        ? capability.after
        : `${capability.before} -> ${capability.after}`;
    out.push(
      `  ${capability.label.padEnd(28)} ${change.replace(/lost$/, 'LOST')}${capability.after === 'lost' ? ' now' : ''}`,
    );
    if (capability.waysLost.length > 0) out.push(`    ways lost: ${capability.waysLost.join('; ')}`);
    const way = capability.recovery;
    if (capability.after === 'lost' && way) {
      out.push(...describe(way, '    '));
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
        out.push(`    ${when}: LOST`);
        if (way?.afterOnset) out.push(...describe(way.afterOnset, '      '));
        else if (way && way.race === 'lost') out.push(...describe(way, '      '));
      } else if (later.status !== 'lost' && later.newSinglePointsOfFailure.length > 0) {
        out.push(`    ${when}, new single points of failure: ${later.newSinglePointsOfFailure.join(', ')}`);
      }
    }
  }
  return out.join('\n') + '\n';
}
