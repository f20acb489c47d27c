/**
 * What a watch round can alert on, as "conditions": each finding (by check, account and factors), each
 * capability that does not hold for certain, and each expiry date within the lead times. A condition has a
 * stable key, so two rounds can be compared key by key, and a rank (higher is worse), so a change of state
 * can be told from a repetition.
 */
import { severityRank, type Severity } from '../checks/check.js';
import { daysBetween, lastDayOfMonth } from '../checks/dates.js';
import { factorLabel, type Day, type Inventory } from '../model/inventory.js';
import type { CheckReport } from '../report/check-report.js';

export type ConditionKind = 'finding' | 'capability' | 'date';

export interface Condition {
  key: string;
  kind: ConditionKind;
  severity: Severity;
  /** Higher is worse: a rise between rounds is an alert, a fall is recorded without one. */
  rank: number;
  title: string;
  message: string;
  accountId?: string | undefined;
}

/** Days before an expiry at which a reminder goes out, unless configured otherwise. */
export const defaultLeadDays: readonly number[] = [60, 30, 7, 1];

/** Ranks of the three kinds never compete: a key always keeps its kind. */
function severityScore(severity: Severity): number {
  return 10 - severityRank(severity);
}

export function conditionsOf(
  report: CheckReport,
  inventory: Inventory,
  asOf: Day,
  leadDays: readonly number[] = defaultLeadDays,
): Condition[] {
  return [
    ...findingConditions(report),
    ...capabilityConditions(report),
    ...dateConditions(inventory, asOf, leadDays),
  ];
}

function findingConditions(report: CheckReport): Condition[] {
  const byKey = new Map<string, Condition>();
  for (const finding of report.findings) {
    const factors = [...finding.factors].sort().join(',');
    const key = `finding:${finding.checkId}:${finding.accountId ?? '-'}:${factors}`;
    const condition: Condition = {
      key,
      kind: 'finding',
      severity: finding.severity,
      rank: severityScore(finding.severity),
      title: finding.accountName ? `${finding.title} (${finding.accountName})` : finding.title,
      message: finding.message,
      accountId: finding.accountId,
    };
    // Two findings of one check on the same factors are one condition: the worse one stands for both.
    const known = byKey.get(key);
    if (!known || known.rank < condition.rank) byKey.set(key, condition);
  }
  return [...byKey.values()];
}

function capabilityConditions(report: CheckReport): Condition[] {
  return report.accounts.flatMap((account) =>
    account.capabilities
      .filter((capability) => capability.status !== 'cannot-be-lost')
      .map((capability): Condition => {
        const lost = capability.status === 'lost';
        const state = lost ? 'is lost' : 'is one loss or more away from being lost';
        const spofs = capability.singlePointsOfFailure.map((point) => point.label);
        return {
          key: `capability:${account.id}:${capability.id}`,
          kind: 'capability',
          severity: lost ? 'critical' : 'high',
          rank: lost ? 2 : 1,
          title: `${capability.label} ${lost ? 'lost' : 'at risk'} (${account.name})`,
          message:
            `${account.name} (${account.id}): ${capability.label} ${state}` +
            (spofs.length > 0 ? `; single points of failure: ${spofs.join(', ')}` : ''),
          accountId: account.id,
        };
      }),
  );
}

interface Expiry {
  id: string;
  what: string;
  day: Day;
}

function expiries(inventory: Inventory): Expiry[] {
  const factors = inventory.factors ?? {};
  return [
    ...(factors.cards ?? []).map((card) => ({
      id: card.id,
      what: factorLabel({ type: 'card' as const, ...card }),
      day: lastDayOfMonth(card.expires),
    })),
    ...(factors.domains ?? []).flatMap((domain) =>
      domain.expires && !domain.autoRenew
        ? [{ id: domain.id, what: factorLabel({ type: 'domain' as const, ...domain }), day: domain.expires }]
        : [],
    ),
    ...(factors.identityDocuments ?? []).flatMap((document) =>
      document.expires
        ? [
            {
              id: document.id,
              what: factorLabel({ type: 'identity-document' as const, ...document }),
              day: document.expires,
            },
          ]
        : [],
    ),
  ];
}

/**
 * A date within the longest lead time is one condition per expiry, keyed by the date (a renewal clears it);
 * its rank is the lead time reached, so crossing 60 → 30 → 7 → 1 days sends one reminder each, and a date
 * already past stays at the top rank until the inventory changes.
 */
function dateConditions(inventory: Inventory, asOf: Day, leadDays: readonly number[]): Condition[] {
  const leads = [...new Set(leadDays)].sort((a, b) => b - a);
  const longest = leads[0];
  if (longest === undefined) return [];
  return expiries(inventory).flatMap((expiry): Condition[] => {
    const left = daysBetween(asOf, expiry.day);
    if (left > longest) return [];
    // The shortest lead time not yet passed: with 60/30/7/1 and 12 days left, the 30-day reminder.
    const reached = left < 0 ? -1 : leads.filter((lead) => lead >= left).at(-1)!;
    const passed = left < 0;
    return [
      {
        key: `date:${expiry.id}:${expiry.day}`,
        kind: 'date',
        severity: passed || reached <= 7 ? 'high' : reached <= 30 ? 'medium' : 'low',
        rank: passed ? longest + 2 : longest + 1 - reached,
        title: passed
          ? `${expiry.what} expired on ${expiry.day}`
          : `${expiry.what} expires within ${reached} days`,
        message: passed
          ? `${expiry.what} expired on ${expiry.day}, ${-left} days before ${asOf}`
          : `${expiry.what} expires on ${expiry.day}, ${left} days after ${asOf} (the ${reached} days reminder)`,
      },
    ];
  });
}
