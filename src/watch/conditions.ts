/**
 * What a watch round can alert on, as "conditions": each finding (by check, account and factors), each
 * capability that does not hold for certain, each single point of failure and lockout set of two, each payment
 * signal AWS Billing reports and each member suspended or closing, each date within the lead times (expiries,
 * the payment deadline), and each attested fact not verified for too long. A condition has a stable key, so two
 * rounds can be compared key by key, and a rank (higher is worse), so a change of state can be told from a
 * repetition.
 */
import { severityRank, type Severity } from '../checks/check.js';
import { daysBetween, lastDayOfMonth } from '../checks/dates.js';
import { paymentActions } from '../checks/payment-trouble.js';
import { formatFieldPath, type FieldPath } from '../inventory/issues.js';
import { factorLabel, listFactors, type Day, type Inventory } from '../model/inventory.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import type { ScanResult } from '../providers/aws/scan/facts.js';
import type { OutsideScanFacts } from '../providers/outside/scan/facts.js';
import { outsideSeverity, unknownFacts } from '../providers/outside/scan/reconcile.js';
import { adminWord, anAdmin, outsideLabel, secondStepWord } from '../store/outside-drift.js';
import type { CheckReport } from '../report/check-report.js';
import { periodBefore, periodText, type Period } from './period.js';

export const conditionKinds = [
  'finding',
  'capability',
  'single-point',
  'lockout-set',
  'payment',
  'account-state',
  'date',
  'stale-fact',
] as const;
export type ConditionKind = (typeof conditionKinds)[number];

export interface Condition {
  key: string;
  kind: ConditionKind;
  severity: Severity;
  /** Higher is worse: a rise between rounds is an alert, a fall is recorded without one. */
  rank: number;
  title: string;
  message: string;
  accountId?: string | undefined;
  /** The day of the last alert on it (new, worsened or reminder): when the next reminder is due. */
  alertedOn?: Day | undefined;
}

/** Days before an expiry at which a reminder goes out, unless configured otherwise. */
export const defaultLeadDays: readonly number[] = [60, 30, 7, 1];

/** Ranks of the three kinds never compete: a key always keeps its kind. */
function severityScore(severity: Severity): number {
  return 10 - severityRank(severity);
}

/** An attested fact older than this is a reminder to check it again, unless configured otherwise. */
export const defaultStaleAfter: Period = { count: 6, unit: 'm' };

/** What a round judged: the check report, with the inventory and analysis behind it, and the scan if any. */
export interface Judged {
  report: CheckReport;
  /** The inventory judged: the declared one, or for a scan round the facts reconciled into it. */
  inventory: Inventory;
  analysis: RecoveryAnalysis;
  asOf: Day;
  scan?: ScanResult | undefined;
  /** What the scans outside AWS (GitHub, Google Workspace, Entra) saw this round, when any ran. */
  outside?: readonly OutsideScanFacts[] | undefined;
}

export interface ConditionOptions {
  leadDays?: readonly number[] | undefined;
  /** The payment deadline (the suspension date in AWS's notices): a date with lead times like an expiry. */
  deadline?: Day | undefined;
  /** How old a `verified` day may get before the fact is a reminder (default 6 months). */
  staleAfter?: Period | undefined;
}

/** The checks whose findings are conditions of their own, read from the scan's facts with clearer titles. */
const ownConditionChecks = new Set(['payment-trouble', 'account-suspended']);

export function conditionsOf(judged: Judged, options: ConditionOptions = {}): Condition[] {
  const { report, inventory, asOf } = judged;
  return [
    ...findingConditions(report),
    ...capabilityConditions(report),
    ...singlePointConditions(judged),
    ...lockoutSetConditions(judged),
    ...(judged.scan ? paymentConditions(judged.scan, accountNames(judged)) : []),
    ...(judged.scan ? accountStateConditions(judged.scan, accountNames(judged)) : []),
    ...outsideConditions(judged.outside ?? []),
    ...dateConditions(inventory, asOf, options.leadDays ?? defaultLeadDays, options.deadline),
    ...staleFactConditions(judged, options.staleAfter ?? defaultStaleAfter),
  ];
}

function findingConditions(report: CheckReport): Condition[] {
  const byKey = new Map<string, Condition>();
  /** For each condition, its check's title, its factors and whom it is about: to tell alike titles apart. */
  const parts = new Map<
    Condition,
    { title: string; factors: readonly string[]; about?: string | undefined }
  >();
  for (const finding of report.findings) {
    if (ownConditionChecks.has(finding.checkId)) continue;
    const factors = [...finding.factors].sort().join(',');
    // An account outside AWS has no AWS id: its own id tells two organisations' findings apart. Only such
    // findings get the extra part, so the keys of every AWS finding, and the watches built on them, stay.
    const outside = finding.outsideAccountId === undefined ? '' : `:${finding.outsideAccountId}`;
    const key = `finding:${finding.checkId}:${finding.accountId ?? '-'}:${factors}${outside}`;
    const condition: Condition = {
      key,
      kind: 'finding',
      severity: finding.severity,
      rank: severityScore(finding.severity),
      title:
        (finding.accountName ?? finding.outsideAccountName)
          ? `${finding.title} (${finding.accountName ?? finding.outsideAccountName})`
          : finding.title,
      message: finding.message,
      accountId: finding.accountId,
    };
    parts.set(condition, {
      title: finding.title,
      factors: [...finding.factors].sort(),
      about: finding.accountName ?? finding.outsideAccountName,
    });
    // Two findings of one check on the same factors are one condition: the worse one stands for both.
    const known = byKey.get(key);
    if (!known || known.rank < condition.rank) byKey.set(key, condition);
  }
  const conditions = [...byKey.values()];
  // One check's findings on different factors of one subject share a title: each then names its factors, before
  // whom it is about (titleSubject reads that last).
  const times = new Map<string, number>();
  for (const condition of conditions) times.set(condition.title, (times.get(condition.title) ?? 0) + 1);
  for (const condition of conditions) {
    const part = parts.get(condition)!;
    if (times.get(condition.title)! < 2 || part.factors.length === 0) continue;
    const named = `${part.title}: ${part.factors.join(', ')}`;
    condition.title = part.about === undefined ? named : `${named} (${part.about})`;
  }
  return conditions;
}

/**
 * A capability condition's rank: a rise alerts as worsened. Lost was 2 until "no fast way" came between (store
 * migration 8 moved the lost ones kept from earlier rounds to 3, so that they do not alert again).
 */
export const capabilityRanks = { atRisk: 1, noFastWay: 2, lost: 3 } as const;

function capabilityConditions(report: CheckReport): Condition[] {
  return report.accounts.flatMap((account) =>
    account.capabilities
      .filter((capability) => capability.status !== 'cannot-be-lost')
      .map((capability): Condition => {
        const key = `capability:${account.id}:${capability.id}`;
        // Counted as lost only through facts Lockout cannot see: never safe, never an emergency either.
        if (capability.state === 'unknown') {
          const severity = outsideSeverity('unknown');
          return {
            key,
            kind: 'capability',
            severity,
            rank: 1,
            title: `${capability.label} unknown (${account.name})`,
            message:
              `${account.name} (${account.id}): ${capability.label} cannot be judged, so it counts as lost` +
              (capability.improve ? `; to know: ${capability.improve}` : ''),
            accountId: account.id,
          };
        }
        const lost = capability.status === 'lost';
        // Held, but only through days of recovery (the incident's identity verification): locked out for now,
        // worse than at risk, and losing it after that is worse again (capabilityRanks).
        if (!lost && capability.state === 'no-fast-way') {
          return {
            key,
            kind: 'capability',
            severity: 'critical',
            rank: capabilityRanks.noFastWay,
            title: `${capability.label} has no fast way (${account.name})`,
            message:
              `${account.name} (${account.id}): ${capability.label} has no way back within a day` +
              (capability.improve ? `: ${capability.improve}` : ''),
            accountId: account.id,
          };
        }
        const state = lost ? 'is lost' : 'is one loss or more away from being lost';
        const spofs = capability.singlePointsOfFailure.map((point) => point.label);
        return {
          key,
          kind: 'capability',
          severity: lost ? 'critical' : 'high',
          rank: lost ? capabilityRanks.lost : capabilityRanks.atRisk,
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
  /** How the date is said: "expires" / "expired" for a factor, "falls" / "passed" for a deadline. */
  soon?: string | undefined;
  past?: string | undefined;
}

function expiries(inventory: Inventory, deadline: Day | undefined): Expiry[] {
  const factors = inventory.factors ?? {};
  return [
    ...(deadline === undefined
      ? []
      : [
          {
            id: 'payment-deadline',
            what: `The payment deadline (suspension date ${deadline})`,
            day: deadline,
            soon: 'falls',
            past: 'passed',
          },
        ]),
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
function dateConditions(
  inventory: Inventory,
  asOf: Day,
  leadDays: readonly number[],
  deadline: Day | undefined,
): Condition[] {
  const leads = [...new Set(leadDays)].sort((a, b) => b - a);
  const longest = leads[0];
  if (longest === undefined) return [];
  return expiries(inventory, deadline).flatMap((expiry): Condition[] => {
    const soon = expiry.soon ?? 'expires';
    const past = expiry.past ?? 'expired';
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
          ? `${expiry.what} ${past} on ${expiry.day}`
          : `${expiry.what} ${soon} within ${reached} days`,
        message: passed
          ? `${expiry.what} ${past} on ${expiry.day}, ${-left} days before ${asOf}`
          : `${expiry.what} ${soon} on ${expiry.day}, ${left} days after ${asOf} (the ${reached} days reminder)`,
      },
    ];
  });
}

/** An account's name as the report gives it, else the id. */
function accountNames(judged: Judged): Map<string, string> {
  const names = new Map<string, string>();
  for (const account of judged.scan?.accounts ?? [])
    if (account.name) names.set(account.accountId, account.name);
  for (const account of judged.inventory.accounts) names.set(account.id, account.name);
  return names;
}

/**
 * Each factor whose loss alone takes a capability: one condition per account and factor, naming every
 * capability it takes, so a new single point is one alert however many capabilities rest on it, and one that
 * comes to take one more capability has worsened.
 */
function singlePointConditions({ analysis }: Judged): Condition[] {
  const byKey = new Map<string, { factor: string; account: string; accountId: string; takes: string[] }>();
  for (const capability of analysis.capabilities) {
    for (const point of capability.singlePointsOfFailure) {
      const key = `single-point:${capability.account.id}:${point.id}`;
      const known = byKey.get(key);
      if (known) known.takes.push(capability.label);
      else
        byKey.set(key, {
          factor: point.label,
          account: capability.account.name,
          accountId: capability.account.id,
          takes: [capability.label],
        });
    }
  }
  return [...byKey].map(([key, point]) => ({
    key,
    kind: 'single-point',
    severity: 'high',
    // One more capability taken by the same factor is a worsening, said again.
    rank: point.takes.length,
    title: `${point.factor} is a single point of failure (${point.account})`,
    message: `${point.account} (${point.accountId}): losing ${point.factor} alone takes ${point.takes.join(', ')}`,
    accountId: point.accountId,
  }));
}

/**
 * Each lockout set of two (two losses together take a capability; sets of one are the single points above):
 * one condition per pair, naming the capabilities it takes and their accounts, so a pair that an Organization's
 * accounts share is one alert, not one per account.
 */
function lockoutSetConditions({ analysis }: Judged): Condition[] {
  const byKey = new Map<string, { pair: string[]; accounts: Map<string, string>; takes: string[] }>();
  for (const capability of analysis.capabilities) {
    if ((capability.lockoutSetCounts[2] ?? 0) === 0) continue;
    for (const set of analysis.lockoutSetsUpTo(capability, 2)) {
      if (set.length !== 2) continue;
      const factors = [...set].sort((a, b) => a.id.localeCompare(b.id));
      const key = `lockout-set:${factors.map((factor) => factor.id).join('+')}`;
      const entry = byKey.get(key) ?? {
        pair: factors.map((f) => f.label),
        accounts: new Map<string, string>(),
        takes: [] as string[],
      };
      byKey.set(key, entry);
      entry.accounts.set(capability.account.id, capability.account.name);
      entry.takes.push(`${capability.label} (${capability.account.name})`);
    }
  }
  return [...byKey].map(([key, set]) => {
    const accounts = [...set.accounts];
    const only = accounts.length === 1 ? accounts[0] : undefined;
    const where = only ? only[1] : `${accounts.length} accounts`;
    return {
      key,
      kind: 'lockout-set',
      severity: 'medium',
      rank: set.takes.length,
      title: `Losing ${set.pair.join(' and ')} together locks you out (${where})`,
      message: `Losing both ${set.pair.join(' and ')} takes ${set.takes.join(', ')}`,
      ...(only ? { accountId: only[0] } : {}),
    };
  });
}

/**
 * What AWS Billing and Cost Management reports about payments (its recommended actions, as payment-trouble
 * reads them): one condition per account and signal, so a second signal in an account is its own alert.
 */
function paymentConditions(scan: ScanResult, names: ReadonlyMap<string, string>): Condition[] {
  return scan.accounts.flatMap((account) => {
    const actions = account.recommendedActions;
    if (actions.status !== 'seen') return [];
    const name = names.get(account.accountId) ?? account.accountId;
    return [...new Set(actions.value.map((action) => action.type))].flatMap((type): Condition[] => {
      const meaning = paymentActions[type];
      if (meaning === undefined) return [];
      return [
        {
          key: `payment:${account.accountId}:${type}`,
          kind: 'payment',
          severity: meaning.severity,
          rank: 10 - severityRank(meaning.severity),
          title: `AWS Billing reports a payment signal: ${type} (${name})`,
          message: `${name} (${account.accountId}): AWS Billing and Cost Management reports that ${meaning.says} (${type}, seen by ${actions.action})`,
          accountId: account.accountId,
        },
      ];
    });
  });
}

/** Member states that stop an account, or will: as the Organization lists them. */
const stoppingStates: Readonly<Record<string, string>> = {
  SUSPENDED: 'is suspended: AWS has restricted access and what runs in it stops',
  PENDING_CLOSURE: 'is pending closure: once closed, its resources are deleted after the post-closure period',
  CLOSED: 'is closed',
};

/** A member suspended or closing, one condition per account and state (a move from one to another alerts). */
function accountStateConditions(scan: ScanResult, names: ReadonlyMap<string, string>): Condition[] {
  return scan.accounts.flatMap((account): Condition[] => {
    const state = account.state;
    const says = state === undefined ? undefined : stoppingStates[state];
    if (state === undefined || says === undefined) return [];
    const name = names.get(account.accountId) ?? account.accountId;
    return [
      {
        key: `account-state:${account.accountId}:${state}`,
        kind: 'account-state',
        severity: 'critical',
        rank: 1,
        title: `${name} is ${state.toLowerCase().replace('_', ' ')}`,
        message: `${name} (${account.accountId}) ${says} (the Organization lists it ${state}, seen by organizations:ListAccounts)`,
        accountId: account.accountId,
      },
    ];
  });
}

/**
 * What the scans outside AWS saw, as findings of those scans keyed by organisation and admin, so that a drift
 * between rounds is an alert: each admin (info: one added is new, one removed resolved), each admin without a
 * second step and an organisation that does not require one (high), each fact that could not be read (medium:
 * unknown is never counted as safe, nor is it an emergency).
 */
function outsideConditions(outside: readonly OutsideScanFacts[]): Condition[] {
  // The severities are the outside comparison's (reconcile.ts), so a watch alert and a scan finding agree.
  const noSecondStep = outsideSeverity('no-second-step');
  const unknown = outsideSeverity('unknown');
  return outside.flatMap((scan): Condition[] => {
    const where = outsideLabel(scan);
    const at = `${scan.provider}:${scan.login.toLowerCase()}`;
    const admin = adminWord[scan.provider];
    const step = secondStepWord[scan.provider];
    const conditions: Condition[] = [];
    const required = scan.twoStepRequired;
    if (required?.status === 'seen' && required.value === 'off')
      conditions.push({
        key: `finding:outside-two-step-not-required:${at}`,
        kind: 'finding',
        severity: noSecondStep,
        rank: severityScore(noSecondStep),
        title: `${where} does not require ${step}`,
        message: `${where} does not require ${step} of its members (seen, ${required.action})`,
      });
    if (scan.admins.status === 'seen') {
      for (const member of scan.admins.value) {
        const who = `${admin} ${member.login} of ${where}`;
        conditions.push({
          key: `finding:outside-admin:${at}:${member.login.toLowerCase()}`,
          kind: 'finding',
          severity: 'info',
          rank: severityScore('info'),
          title: `${member.login} is ${anAdmin(scan.provider)} of ${where}`,
          message: `${where} lists ${member.login} as ${anAdmin(scan.provider)}: a sign-in that can take the organisation (seen, ${scan.admins.action})`,
        });
        const twoStep = member.twoStepVerification;
        if (twoStep.status === 'seen' && twoStep.value === 'off')
          conditions.push({
            key: `finding:outside-admin-no-second-step:${at}:${member.login.toLowerCase()}`,
            kind: 'finding',
            severity: noSecondStep,
            rank: severityScore(noSecondStep),
            title: `${who} has no ${step}`,
            message: `${who} has ${step} off: one stolen password from the organisation (seen, ${twoStep.action})`,
          });
      }
    }
    for (const fact of unknownFacts(scan))
      conditions.push({
        key: `finding:outside-unknown:${at}:${fact.field}:${fact.action}`,
        kind: 'finding',
        severity: unknown,
        rank: severityScore(unknown),
        title: `${where}: ${fact.field} unknown`,
        message: `${where}: ${fact.field} could not be read (${fact.reason}: ${fact.message}); ${fact.action} needs ${fact.scope}`,
      });
    return conditions;
  });
}

interface Attested {
  key: string;
  what: string;
  where: string;
  day: Day;
  accountId?: string | undefined;
}

/**
 * Every `verified` day the owner wrote, with a key that survives reordering: a factor by its id, an account's
 * field by the account id and the field, list items by what names them (an MFA device by its holder, a
 * principal by its name). In a scan round, the fields the scan saw are checked by the scan, not attested.
 */
function attestedFacts(judged: Judged): Attested[] {
  const facts: Attested[] = [];
  for (const factor of listFactors(judged.inventory))
    if (factor.verified)
      facts.push({
        key: `factor:${factor.id}`,
        what: factorLabel(factor),
        where: `factor ${factor.id}`,
        day: factor.verified,
      });
  const seen = new Set(
    (judged.report.scan?.provenance ?? [])
      .filter((fact) => fact.source === 'seen')
      .map((fact) => `${fact.accountId}:${fact.field}`),
  );
  judged.inventory.accounts.forEach((account, index) => {
    const walk = (value: unknown, path: FieldPath, named: string[]): void => {
      if (Array.isArray(value)) {
        value.forEach((item: unknown, at) => {
          const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
          const id = [record.heldBy, record.name].find((name): name is string => typeof name === 'string');
          walk(item, [...path, at], [...named.slice(0, -1), `${named.at(-1) ?? ''}[${id ?? at}]`]);
        });
        return;
      }
      if (value === null || typeof value !== 'object') return;
      for (const [field, item] of Object.entries(value as Record<string, unknown>)) {
        if (field === 'verified' && typeof item === 'string') {
          const fieldName = named.join('.');
          const bare = fieldName.replace(/\[[^\]]*\]/g, '');
          const key = `${account.id}:${bare}`;
          if ([...seen].some((fact) => key === fact || key.startsWith(`${fact}.`))) continue;
          facts.push({
            key: `account:${account.id}:${fieldName}`,
            what: `${account.name}'s ${fieldName}`,
            where: formatFieldPath([...path, field]),
            day: item,
            accountId: account.id,
          });
        } else walk(item, [...path, field], [...named, field]);
      }
    };
    walk(account, ['accounts', index], []);
  });
  return facts;
}

/**
 * What a condition's title says apart from whom or what it is about, and that subject: "Sign in as root at risk"
 * of "member-0042", "Re-check facts last verified on 2025-05-20" of "key-0042". Alerts that say the same of many
 * subjects (an Organization's first round) are then listed once with their subjects. Undefined for a title
 * that names no single subject.
 */
export function titleSubject(condition: Pick<Condition, 'kind' | 'title' | 'accountId'>):
  | {
      said: string;
      subject: string;
    }
  | undefined {
  if (condition.kind === 'stale-fact') {
    const stale = /^Re-check (.*): last verified on (\S+)$/.exec(condition.title);
    if (stale) return { said: `Re-check facts last verified on ${stale[2]!}`, subject: stale[1]! };
  }
  // A title about one account ends with its name in brackets: "Root has one MFA device (member-0042)".
  const named = condition.accountId === undefined ? null : /^(.*) \(([^()]*)\)$/.exec(condition.title);
  return named ? { said: named[1]!, subject: named[2]! } : undefined;
}

/** Each attested fact last verified `staleAfter` or more ago: a reminder to check it again. */
function staleFactConditions(judged: Judged, staleAfter: Period): Condition[] {
  const limit = periodBefore(judged.asOf, staleAfter);
  return attestedFacts(judged)
    .filter((fact) => fact.day <= limit)
    .map((fact) => ({
      key: `stale-fact:${fact.key}`,
      kind: 'stale-fact',
      severity: 'low',
      rank: 1,
      title: `Re-check ${fact.what}: last verified on ${fact.day}`,
      message:
        `${fact.what} was last verified on ${fact.day}, ${daysBetween(fact.day, judged.asOf)} days before ` +
        `${judged.asOf} (more than ${periodText(staleAfter)}): check that it still holds, then write the day in ` +
        `its verified (${fact.where})`,
      ...(fact.accountId ? { accountId: fact.accountId } : {}),
    }));
}
