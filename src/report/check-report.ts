/**
 * The result of `lockout check` as one data shape, in the owner's terms: per account, each capability with
 * its ways (held or lost, and why), single points of failure, lockout sets and the fastest way to exercise it
 * against a deadline; the findings; and the few sentences that tell the story. Every renderer (terminal,
 * JSON, SARIF, Markdown, HTML) reads this shape and nothing else.
 */

import type { TopStatus } from '../analysis/analyze.js';
import { explainLoss } from '../analysis/explain.js';
import type { DurationRange } from '../analysis/graph.js';
import type { RecoveryEstimate } from '../analysis/recovery-time.js';
import { severities, severityRank, type Finding, type Severity } from '../checks/check.js';
import { daysBetween } from '../model/factor-state.js';
import type { Day } from '../model/inventory.js';
import type { CapabilityId, CapabilityResult, RecoveryAnalysis } from '../providers/aws/analysis.js';
import type { OrganizationLockoutSet } from '../providers/aws/organization-lockout.js';
import type { Provenance } from '../providers/aws/scan/reconcile.js';
import { buildGraphView, type GraphView } from './graph-view.js';

export interface WayReport {
  id: string;
  label: string;
  short: string;
  status: TopStatus;
  /** For a lost way: the losses that take it (labels). */
  lostBecause: string[];
  /** Lost only because facts are unknown (not declared, not seen): counted as lost, not known to be. */
  unknownOnly: boolean;
  /** For a way that holds: how long it takes. */
  duration?: DurationRange | undefined;
  cost?: number | undefined;
  docs?: string | undefined;
  /** Whether its duration is documented by AWS or observed (an incident, support replies): docs/rules.md. */
  basis?: 'documented' | 'observed' | undefined;
}

export interface RecoveryReport {
  possible: boolean;
  duration: DurationRange;
  cost: number;
  steps: { label: string; kind: 'restore' | 'process'; duration: DurationRange }[];
  /** Hours to spare before the deadline (negative: late), for the best, typical and worst cases. */
  slack?: DurationRange | undefined;
}

export interface CapabilityReport {
  id: CapabilityId;
  label: string;
  status: TopStatus;
  /**
   * 'lost' when it holds now but would not once a bill left unpaid reaches its suspension date: its lockout
   * sets then bite only after that deadline.
   */
  eventually?: TopStatus | undefined;
  /** False when the capability counts as lost only through unknown facts. */
  confirmed: boolean;
  ways: WayReport[];
  singlePointsOfFailure: { id: string; label: string }[];
  /** Number of lockout sets by order (index = order), order 0 included. */
  lockoutSetCounts: number[];
  lockoutSets: string[][];
  /** Positions in lockoutSets of the sets that bite only once a suspension date has passed with the bill unpaid. */
  lockoutSetsAfterDeadline?: number[] | undefined;
  fastest: RecoveryReport;
}

export interface AccountReport {
  id: string;
  name: string;
  organization: string;
  /** What suspension would take down. */
  workloads: string[];
  capabilities: CapabilityReport[];
  /** The few sentences that matter most, in order. */
  story: string[];
  findings: Finding[];
}

/** What a live scan did, and where each fact of the report came from. */
export interface ScanSummary {
  callerAccountId: string;
  organizationId?: string | undefined;
  region: string;
  startedAt: string;
  finishedAt: string;
  accounts: number;
  reached: number;
  failed: number;
  apiCalls: number;
  retries: number;
  /** Facts that could not be read, over all accounts. */
  unknownFacts: number;
  provenance: Provenance[];
  contradictions: { accountId: string; field: string; message: string }[];
}

export interface OrganizationSetReport {
  factors: string[];
  capability: CapabilityId;
  accounts: string[];
}

export interface CheckReport {
  tool: { name: 'lockout'; version: string };
  /** The inventory file, or "(live scan)" when there was none. */
  inventory: string;
  scan?: ScanSummary | undefined;
  /** Across the Organization: the smallest sets of losses that take a capability of any account. */
  organizationLockoutSets?: OrganizationSetReport[] | undefined;
  asOf: Day;
  deadline?: Day | undefined;
  accounts: AccountReport[];
  findings: Finding[];
  summary: { findings: Record<Severity, number>; capabilitiesLost: number; capabilitiesAtRisk: number };
  /** Each account's recovery graph as nodes and edges, for the formats that draw it (HTML, the dashboard). */
  graph?: GraphView | undefined;
}

/** Ways that take less than this (typical, hours) count as fast: the owner is back within a day. */
const FAST_HOURS = 24;

export function buildCheckReport(input: {
  inventoryFile: string;
  analysis: RecoveryAnalysis;
  findings: Finding[];
  deadline?: Day | undefined;
  version: string;
  scan?: ScanSummary | undefined;
  organizationSets?: OrganizationLockoutSet[] | undefined;
  /** Include each account's recovery graph (see graph-view.ts): only the formats that draw it ask. */
  graph?: boolean | undefined;
}): CheckReport {
  const { analysis } = input;
  const deadlineHours = input.deadline ? daysBetween(analysis.asOf, input.deadline) * 24 : undefined;
  const labelOf = (name: string): string => analysis.graph.findEvent(name)?.label ?? name;
  const findings = [...input.findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.checkId.localeCompare(b.checkId),
  );

  // Grouped once: filtering every finding for every account is quadratic in an Organization of thousands.
  const findingsOf = new Map<string | undefined, Finding[]>();
  for (const finding of findings) {
    const known = findingsOf.get(finding.accountId);
    if (known) known.push(finding);
    else findingsOf.set(finding.accountId, [finding]);
  }
  const accounts = new Map<string, AccountReport>();
  for (const capability of analysis.capabilities) {
    const account = capability.account;
    let report = accounts.get(account.id);
    if (!report) {
      report = {
        id: account.id,
        name: account.name,
        organization: account.organization,
        workloads: account.workloads ?? [],
        capabilities: [],
        story: [],
        findings: findingsOf.get(account.id) ?? [],
      };
      accounts.set(account.id, report);
    }
    report.capabilities.push(capabilityReport(capability, analysis, deadlineHours, labelOf));
  }
  for (const account of accounts.values()) account.story = tellStory(account, input.deadline);

  const counts = Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  const capabilities = [...accounts.values()].flatMap((account) => account.capabilities);
  const accountName = (id: string): string => accounts.get(id)?.name ?? id;
  return {
    tool: { name: 'lockout', version: input.version },
    inventory: input.inventoryFile,
    ...(input.scan ? { scan: input.scan } : {}),
    ...(input.organizationSets
      ? {
          organizationLockoutSets: input.organizationSets.map((set) => ({
            factors: set.factors.map((factor) => factor.label),
            capability: set.capability,
            accounts: set.accounts.map(accountName),
          })),
        }
      : {}),
    asOf: analysis.asOf,
    deadline: input.deadline,
    accounts: [...accounts.values()],
    findings,
    summary: {
      findings: counts,
      capabilitiesLost: capabilities.filter((c) => c.status === 'lost').length,
      capabilitiesAtRisk: capabilities.filter((c) => c.status === 'at-risk').length,
    },
    ...(input.graph ? { graph: buildGraphView(analysis) } : {}),
  };
}

function capabilityReport(
  capability: CapabilityResult,
  analysis: RecoveryAnalysis,
  deadlineHours: number | undefined,
  labelOf: (name: string) => string,
): CapabilityReport {
  const wayGate = (id: string): string => `${capability.gate}/${id}`;
  const isUnknown = (name: string): boolean =>
    analysis.events.get(name)?.lostBecause?.startsWith('unknown') ?? false;
  const ways = capability.ways.map((way): WayReport => {
    const because =
      way.status === 'lost' && analysis.graph.findGate(wayGate(way.id))
        ? explainLoss(analysis.graph, wayGate(way.id))
        : [];
    return {
      id: way.id,
      label: way.label,
      short: way.short,
      status: way.status,
      lostBecause: because.map(labelOf),
      unknownOnly: because.length > 0 && because.every(isUnknown),
      duration: way.duration?.possible ? way.duration.duration : undefined,
      cost: way.duration?.possible ? way.duration.cost : undefined,
      docs: way.docs,
      basis: way.basis,
    };
  });
  const lostWays = ways.filter((way) => way.status === 'lost');
  return {
    id: capability.capability,
    label: capability.label,
    status: capability.status,
    eventually: capability.eventually,
    confirmed: !(
      capability.status === 'lost' &&
      lostWays.length > 0 &&
      lostWays.some((way) => way.unknownOnly)
    ),
    ways,
    singlePointsOfFailure: capability.singlePointsOfFailure,
    lockoutSetCounts: capability.lockoutSetCounts,
    lockoutSets: capability.lockoutSets.map((set) => set.map((factor) => factor.label)),
    lockoutSetsAfterDeadline: capability.lockoutSetsAfterDeadline,
    fastest: recoveryReport(capability.fastest, deadlineHours),
  };
}

function recoveryReport(estimate: RecoveryEstimate, deadlineHours: number | undefined): RecoveryReport {
  const report: RecoveryReport = {
    possible: estimate.possible,
    duration: estimate.duration,
    cost: estimate.cost,
    steps: estimate.steps.map((step) => ({ label: step.label, kind: step.kind, duration: step.duration })),
  };
  if (deadlineHours !== undefined && estimate.possible) {
    report.slack = {
      min: deadlineHours - estimate.duration.max,
      typical: deadlineHours - estimate.duration.typical,
      max: deadlineHours - estimate.duration.min,
    };
  }
  return report;
}

/** The statements an owner needs first: what is gone, what is left and how slow it is, and the deadline. */
function tellStory(account: AccountReport, deadline: Day | undefined): string[] {
  const story: string[] = [];
  const capability = (id: CapabilityId): CapabilityReport | undefined =>
    account.capabilities.find((c) => c.id === id);

  const root = capability('root-sign-in');
  if (root) {
    const held = root.ways.filter((way) => way.status !== 'lost');
    const fast = held.filter((way) => (way.duration?.typical ?? Infinity) < FAST_HOURS);
    const lost = root.ways.filter((way) => way.status === 'lost');
    if (root.status === 'lost' && !root.confirmed) {
      story.push(
        `Whether root can sign in is not known: ${describeLostWays(lost)} — declare these facts (or let the scan see them); until then they count as lost.`,
      );
    } else if (root.status === 'lost') {
      story.push(`Root sign-in is lost: ${describeLostWays(lost)}.`);
    } else if (fast.length === 0) {
      story.push(`No fast way to sign in as root remains: ${describeLostWays(lost)}.`);
      const fastest = [...held].sort(
        (x, y) => (x.duration?.typical ?? Infinity) - (y.duration?.typical ?? Infinity),
      )[0];
      if (fastest) {
        story.push(
          `The fastest remaining way is ${lowerFirst(fastest.label)}:${durationClause(root.fastest.duration)}.`,
        );
      }
    }
  }

  const pay = capability('change-payment-method');
  const delegated = pay?.ways.find((way) => way.id === 'delegated');
  if (pay && delegated?.status === 'lost' && pay.status !== 'lost') {
    story.push(
      `Changing the payment method needs root: ${delegated.lostBecause.join(', ') || 'no one else may pay'}.`,
    );
  }

  const bill = capability('keep-bill-paid');
  const onFile = bill?.ways.find((way) => way.id === 'card-on-file');
  if (bill && onFile?.status === 'lost') {
    story.push(
      onFile.unknownOnly
        ? `No card on file is known (${onFile.lostBecause.join(', ')}): whether the next charge succeeds is unknown, which is never counted as safe.`
        : `No valid card on file (${onFile.lostBecause.join(', ')}): the next charge fails.`,
    );
    if (bill.fastest.possible) {
      const steps = bill.fastest.steps
        .filter((step) => step.kind === 'process')
        .map((step) => lowerFirst(step.label));
      story.push(
        `The bill can be paid again in${durationClause(bill.fastest.duration)}: ${steps.join(', then ')}.`,
      );
      const slack = bill.fastest.slack;
      if (deadline && slack) {
        story.push(
          slack.typical < 0
            ? `That ends after the deadline of ${deadline}: ${formatHours(-slack.typical)} late in the typical case — ask AWS Support for a hold on suspension now.`
            : `Against the deadline of ${deadline}: ${formatHours(slack.typical)} to spare in the typical case, ${slack.min >= 0 ? `${formatHours(slack.min)} in the worst` : `${formatHours(-slack.min)} late in the worst`}.`,
        );
      }
    } else {
      story.push('No way to pay again remains: ask AWS Support for a hold on suspension now.');
    }
  }
  return story;
}

function describeLostWays(ways: WayReport[]): string {
  if (ways.length === 0) return 'no way in was declared';
  return ways
    .map((way) => `${way.short} is lost (${way.lostBecause.join(', ') || 'what it needs is'})`)
    .join('; ');
}

function durationClause(duration: DurationRange): string {
  if (!Number.isFinite(duration.typical)) return '';
  return ` about ${formatHours(duration.typical)} (${formatHours(duration.min)} to ${formatHours(duration.max)})`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Hours as the largest sensible unit: "15 min", "6 h", "9 days". */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return 'never';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = hours / 24;
  return `${Number.isInteger(Math.round(days * 10) / 10) ? Math.round(days) : (Math.round(days * 10) / 10).toFixed(1)} days`;
}
