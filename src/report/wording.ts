/**
 * The phrases the reports for people (Markdown, HTML) share, so that both say the same thing the same way:
 * statuses, durations, slack against the deadline, and findings grouped by severity and check.
 */

import { counted, firstNamed } from '../model/words.js';
import type { DurationRange } from '../analysis/graph.js';
import { severities, type Finding, type Severity } from '../checks/check.js';
import { capabilityStates, stateStyles } from './capability-state.js';
import type { UnknownFactReport } from './unknown-facts.js';
import {
  formatHours,
  type DoFirstAction,
  type CapabilityReport,
  type CheckReport,
  type WayReport,
} from './check-report.js';

/** A capability's state in words, the same in every report (capability-state.ts). */
export function capabilityStatusText(capability: CapabilityReport): string {
  return capability.stateLabel;
}

/** "about 9 days (4 days to 20 days)", "now" for no time at all, "" for never. */
export function durationText(duration: DurationRange | undefined): string {
  if (!duration || !Number.isFinite(duration.typical)) return '';
  if (duration.max === 0) return 'now';
  return `about ${formatHours(duration.typical)} (${formatHours(duration.min)} to ${formatHours(duration.max)})`;
}

/** The fastest way to exercise the capability (or get it back). */
export function fastestText(capability: CapabilityReport): string {
  return capability.fastest.possible ? durationText(capability.fastest.duration) : 'no way back';
}

/** Time to spare before the deadline, typical and worst case; "" without a deadline. */
export function slackText(capability: CapabilityReport): string {
  const slack = capability.fastest.slack;
  if (!slack) return '';
  const one = (hours: number): string =>
    hours >= 0 ? `${formatHours(hours)} to spare` : `${formatHours(-hours)} late`;
  return `${one(slack.typical)} (typical); ${one(slack.min)} in the worst case`;
}

/** A way in a few words, with why it is lost. */
export function wayText(way: WayReport): string {
  return way.status !== 'lost' ? way.short : `${way.short} (${wayLostBecause(way)})`;
}

/**
 * Why a lost way is lost, as every format says it: "unknown: …" when only something Lockout cannot see takes it,
 * which is not known lost.
 */
export function wayLostBecause(way: WayReport): string {
  const because = way.lostBecause.length > 0 ? way.lostBecause.join(', ') : 'what it needs is lost';
  return `${way.unknownOnly ? 'unknown: ' : ''}${because}`;
}

/** One check's findings: the metadata once, every instance's evidence. */
export interface FindingGroup {
  checkId: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  docs: string;
  findings: Finding[];
}

/** Findings by severity (most severe first), then by check (in the report's order), each group once. */
export function groupFindings(
  findings: readonly Finding[],
): { severity: Severity; groups: FindingGroup[] }[] {
  return severities
    .map((severity) => {
      const groups = new Map<string, FindingGroup>();
      for (const finding of findings) {
        if (finding.severity !== severity) continue;
        let group = groups.get(finding.checkId);
        if (!group) {
          group = {
            checkId: finding.checkId,
            severity,
            title: finding.title,
            why: finding.why,
            fix: finding.fix,
            docs: finding.docs,
            findings: [],
          };
          groups.set(finding.checkId, group);
        }
        group.findings.push(finding);
      }
      return { severity, groups: [...groups.values()] };
    })
    .filter((entry) => entry.groups.length > 0);
}

/** "2 critical, 4 high findings; capabilities: 1 lost now, 3 one loss away, 4 hold." */
export function summaryText(report: CheckReport): string {
  const counts = severities
    .filter((severity) => report.summary.findings[severity] > 0)
    .map((severity) => `${counted(report.summary.findings[severity])} ${severity}`);
  const states = capabilityStates
    .filter((state) => report.summary.states[state] > 0)
    .map((state) => `${counted(report.summary.states[state])} ${stateStyles[state].label}`);
  return (
    `${counts.length > 0 ? counts.join(', ') : 'no'} finding${report.findings.length === 1 ? '' : 's'}; ` +
    `capabilities: ${states.length > 0 ? states.join(', ') : 'none'}.`
  );
}

/** The factors whose loss alone takes some capability of the account, each with the capabilities it takes. */
export function singlePointsOf(
  capabilities: readonly CapabilityReport[],
): { id: string; label: string; takes: string[] }[] {
  const points = new Map<string, { id: string; label: string; takes: string[] }>();
  for (const capability of capabilities) {
    for (const factor of capability.singlePointsOfFailure) {
      let point = points.get(factor.id);
      if (!point) {
        point = { id: factor.id, label: factor.label, takes: [] };
        points.set(factor.id, point);
      }
      point.takes.push(capability.label);
    }
  }
  return [...points.values()];
}

/** The account as findings name it: "personal (111122223333)", or the id alone. */
export function findingAccount(finding: Finding): string {
  if (finding.accountId === undefined) return 'shared factors';
  return finding.accountName ? `${finding.accountName} (${finding.accountId})` : finding.accountId;
}

/** "3 capabilities of 2 accounts", "1 capability". */
export function doFirstReach(action: DoFirstAction): string {
  const capabilities = `${counted(action.capabilities)} capabilit${action.capabilities === 1 ? 'y' : 'ies'}`;
  return action.accounts > 1 ? `${capabilities} of ${counted(action.accounts)} accounts` : capabilities;
}

/** Findings of one check that say the same thing about several accounts, said once (see repeatedInstances). */
export interface FindingInstance {
  message: string;
  findings: Finding[];
}

/**
 * One check's findings with the same message grouped (each keeps its location): the same missing
 * alternate contact in five members is one line, "5 members (a, b, c, d, e): …", not five.
 */
export function repeatedInstances(findings: readonly Finding[]): FindingInstance[] {
  // By message, then the few of one message told apart by check, severity and outside account: no key text
  // made for each of an Organization's tens of thousands of findings.
  const byMessage = new Map<string, FindingInstance[]>();
  const instances: FindingInstance[] = [];
  for (const finding of findings) {
    let same = byMessage.get(finding.message);
    if (same === undefined) byMessage.set(finding.message, (same = []));
    let known: FindingInstance | undefined;
    for (const instance of same) {
      if (sameInstance(instance.findings[0]!, finding)) {
        known = instance;
        break;
      }
    }
    if (known) {
      known.findings.push(finding);
      continue;
    }
    const instance = { message: finding.message, findings: [finding] };
    instances.push(instance);
    same.push(instance);
  }
  return instances;
}

/** "personal (111122223333)", or "5 members (a, b, c, d, e)" / "12 accounts (a, b, c, d, e, …)". */
export function instanceAccounts(instance: FindingInstance, members: ReadonlySet<string>): string {
  const { findings } = instance;
  if (findings.length === 1) return findingAccount(findings[0]!);
  const allMembers = findings.every(
    (finding) => finding.accountId !== undefined && members.has(finding.accountId),
  );
  const names = findings
    .slice(0, 5)
    .map((finding) => finding.accountName ?? finding.accountId ?? 'shared factors');
  return `${counted(findings.length)} ${allMembers ? 'members' : 'accounts'} (${names.join(', ')}${findings.length > 5 ? ', …' : ''})`;
}

/** The ids of the accounts that are members of an Organization. */
export function memberIds(report: CheckReport): Set<string> {
  return new Set(
    report.accounts.filter((account) => account.organization === 'member').map((account) => account.id),
  );
}

/** Where the findings of an instance point in the inventory: "lockout.yaml:12:5", "…, and 3 more". */
export function instanceLocations(instance: FindingInstance): string {
  const places = instance.findings.flatMap((finding) =>
    finding.location ? [`${finding.location.file}:${finding.location.line}:${finding.location.column}`] : [],
  );
  return firstNamed(places, 3, counted);
}

/** "11,500 JPY": an amount with its currency, when it has one. */
export function costText(amount: number, currency: string | undefined): string {
  return `${amount.toLocaleString('en-US')}${currency === undefined ? '' : ` ${currency}`}`;
}

/** What a scan said about the inventory's accounts: the ones it did not see, the ones nobody declared. */
export function scanNotes(scan: NonNullable<CheckReport['scan']>): string[] {
  const named = (account: { id: string; name?: string | undefined }): string =>
    account.name ? `${account.name} (${account.id})` : account.id;
  const notes: string[] = [];
  const match = scan.accountsMatch;
  if (match && match.notScanned.length > 0) {
    notes.push(
      `in the inventory but not scanned: ${match.notScanned.map(named).join(', ')} — check the id, or scan with --org from its management account`,
    );
  }
  if (match && match.notDeclared.length > 0) {
    notes.push(
      `scanned but not in the inventory: ${match.notDeclared.map(named).join(', ')} — declare ${match.notDeclared.length === 1 ? 'it' : 'them'} (lockout init writes what the scan saw)`,
    );
  }
  return notes;
}

/**
 * One unknown fact as every format says it: "Root MFA devices (not declared): 5 accounts (a, b, c, d, e, …),
 * at lockout.yaml:30:5 and 4 more"; a shared one with where its factor is declared.
 */
export function unknownFactText(entry: UnknownFactReport): string {
  const { accounts } = entry;
  const named = accounts.slice(0, 5).map((account) => account.name);
  const who =
    accounts.length === 0
      ? ''
      : accounts.length === 1
        ? `: ${named[0]!}`
        : `: ${counted(accounts.length)} accounts (${named.join(', ')}${accounts.length > 5 ? ', …' : ''})`;
  const places = (
    entry.location ? [entry.location] : accounts.flatMap((a) => (a.location ? [a.location] : []))
  ).map((location) => `${location.file}:${location.line}:${location.column}`);
  const at =
    places.length === 0
      ? ''
      : `, at ${places.slice(0, 1).join('')}${places.length > 1 ? ` and ${counted(places.length - 1)} more` : ''}`;
  const because = entry.fact.includes(entry.because) ? '' : ` (${entry.because})`;
  return `${entry.fact}${because}${who}${at}`;
}

/** Whether two findings of one message are one instance: the same check and severity, about the same outside account. */
function sameInstance(a: Finding, b: Finding): boolean {
  return (
    a.checkId === b.checkId &&
    a.severity === b.severity &&
    (a.outsideAccountId ?? '') === (b.outsideAccountId ?? '')
  );
}
