/**
 * What a set of losses would do to every capability of every account, in the owner's terms: which
 * capabilities fall, which single points of failure appear, and the fastest way back against a deadline.
 */

import type { TopStatus } from '../analysis/analyze.js';
import type { DurationRange } from '../analysis/graph.js';
import type { WhatIfResult } from '../analysis/what-if.js';
import type { Day } from '../model/inventory.js';
import type { RecoveryGraph } from '../providers/aws/recovery-graph.js';
import { formatHours } from './check-report.js';
import { withSafeText } from './safe-text.js';

export interface CapabilityWhatIf {
  accountId: string;
  accountName: string;
  capability: string;
  label: string;
  before: TopStatus;
  after: TopStatus;
  newSinglePointsOfFailure: string[];
  /** For a capability the losses take: the fastest way back. */
  recovery?:
    | {
        possible: boolean;
        duration: DurationRange;
        cost: number;
        steps: string[];
        slack?: DurationRange | undefined;
      }
    | undefined;
}

export interface WhatIfReport {
  inventory: string;
  asOf: Day;
  deadline?: Day | undefined;
  losses: { id: string; label: string }[];
  capabilities: CapabilityWhatIf[];
}

export function buildWhatIfReport(input: {
  inventoryFile: string;
  asOf: Day;
  deadline?: Day | undefined;
  recovery: RecoveryGraph;
  result: WhatIfResult;
}): WhatIfReport {
  const { recovery, result } = input;
  const label = (name: string): string => recovery.events.get(name)?.label ?? name;
  const byGate = new Map(result.tops.map((top) => [top.name, top]));
  return {
    inventory: input.inventoryFile,
    asOf: input.asOf,
    deadline: input.deadline,
    losses: result.losses.map((id) => ({ id, label: label(id) })),
    capabilities: recovery.capabilities.map((capability): CapabilityWhatIf => {
      const top = byGate.get(capability.gate)!;
      return {
        accountId: capability.account.id,
        accountName: capability.account.name,
        capability: capability.capability,
        label: capability.label,
        before: top.before,
        after: top.after,
        newSinglePointsOfFailure: top.newSinglePoints.map(label),
        recovery: top.recovery && {
          possible: top.recovery.possible,
          duration: top.recovery.duration,
          cost: top.recovery.cost,
          steps: top.recovery.steps.map((step) => step.label),
          slack: top.recovery.slack,
        },
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
    out.push(`  ${capability.label.padEnd(28)} ${change.toUpperCase() === 'LOST' ? 'LOST' : change}`);
    if (capability.after === 'lost' && capability.recovery) {
      const way = capability.recovery;
      if (!way.possible) {
        out.push('    no way back remains');
      } else {
        out.push(
          `    fastest way back: about ${formatHours(way.duration.typical)} (${formatHours(way.duration.min)} to ${formatHours(way.duration.max)})`,
        );
        out.push(`    steps: ${way.steps.join(', then ')}`);
        if (way.slack) {
          out.push(
            way.slack.typical >= 0
              ? `    against the deadline: ${formatHours(way.slack.typical)} to spare (typical)`
              : `    against the deadline: ${formatHours(-way.slack.typical)} late (typical) — ask AWS Support for a hold`,
          );
        }
      }
    }
    if (capability.after !== 'lost' && capability.newSinglePointsOfFailure.length > 0) {
      out.push(`    new single points of failure: ${capability.newSinglePointsOfFailure.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}
