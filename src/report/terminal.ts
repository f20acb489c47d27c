/**
 * The terminal report of `lockout check`: what matters now, each capability with its ways, then the
 * findings. Readable without colour (words carry the meaning; colour only underlines it).
 */

import type { DurationRange } from '../analysis/graph.js';
import { severities, severityRank, type Finding, type Severity } from '../checks/check.js';
import { detailedAccounts } from './account-rank.js';
import { formatHours, type AccountReport, type CapabilityReport, type CheckReport } from './check-report.js';
import { stateStyles, type CapabilityState } from './capability-state.js';
import { withSafeText } from './safe-text.js';
import { counted, firstNamed } from '../model/words.js';
import {
  scanNotes,
  costText,
  doFirstReach,
  unknownFactText,
  instanceAccounts,
  instanceLocations,
  memberIds,
  repeatedInstances,
  summaryText,
  wayLostBecause,
} from './wording.js';

export interface TerminalOptions {
  color: boolean;
  /** List every finding's why, fix and docs (default), or only the finding line. */
  details?: boolean;
}

const ansi = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

/** Hosted zones named in the scan's summary: an Organization has one per member; the JSON lists every one. */
const HOSTED_ZONES_SHOWN = 20;

/** "a, b, c and 1,234 more (--format json lists every one)", or all of them when they are few. */
function listed(names: readonly string[], shown: number): string {
  if (names.length <= shown) return names.join(', ');
  return `${firstNamed(names, shown, counted)} (--format json lists every one)`;
}

/** Open questions shown before the accounts; the JSON and Markdown reports list every one. */
const UNKNOWN_FACTS_SHOWN = 10;

/** A capability's state in its words and its colour (capability-state.ts). */
function stateWord(capability: CapabilityReport, color: boolean): string {
  const code = stateStyles[capability.state].ansi;
  return color ? `\u001b[${code}m${capability.stateLabel}\u001b[0m` : capability.stateLabel;
}

export function renderTerminal(input: CheckReport, options: TerminalOptions): string {
  // Labels, names and messages come from the inventory and from AWS: none may drive the terminal.
  const report = withSafeText(input, 'line');
  const paint = (style: keyof typeof ansi, text: string): string =>
    options.color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text;
  const out: string[] = [];
  const deadline = report.deadline ? `, deadline ${report.deadline}` : '';
  out.push(
    paint(
      'bold',
      `Lockout ${report.scan ? 'scan' : 'check'} — ${report.inventory}, as of ${report.asOf}${deadline}`,
    ),
  );
  if (report.scan) out.push(...renderScan(report.scan));
  if (report.doFirst.length > 0) {
    out.push('', paint('bold', 'Do first'));
    report.doFirst.forEach((action, index) => {
      out.push(wrap(`${action.action} (${doFirstReach(action)})`, `  ${index + 1}. `, '     '));
    });
  }
  if (report.stillUnknown.length > 0) {
    out.push('', paint('bold', 'Still unknown (each counts as lost until declared; never as safe)'));
    for (const entry of report.stillUnknown.slice(0, UNKNOWN_FACTS_SHOWN))
      out.push(wrap(unknownFactText(entry), '  - ', '    '));
    const more = report.stillUnknown.length - UNKNOWN_FACTS_SHOWN;
    if (more > 0) out.push(`  … and ${counted(more)} more (--format json or markdown lists every one)`);
  }
  if (report.organizationLockoutSets && report.organizationLockoutSets.length > 0) {
    out.push('', paint('bold', 'Across the Organization: the losses that take the most accounts'));
    for (const set of report.organizationLockoutSets.slice(0, 10)) {
      const taken =
        set.accounts.length === 1
          ? `account ${set.accounts[0]!}`
          : `${counted(set.accounts.length)} accounts`;
      out.push(
        wrap(
          `losing ${set.factors.join(' + ')} takes "${set.capability.replace(/-/g, ' ')}" of ${taken}`,
          '  - ',
          '    ',
        ),
      );
    }
  }
  // An Organization of thousands gets the accounts most at risk in detail and the rest in numbers, as the
  // Markdown and HTML reports do; the JSON report has every account.
  const { ranked, detailed } = detailedAccounts(report.accounts);
  if (detailed.length < report.accounts.length) {
    out.push(
      '',
      wrap(
        `The ${detailed.length} accounts most at risk, of ${counted(report.accounts.length)}, ` +
          'follow in detail; the others are counted after them, and every account is in --format json, md or html.',
        '',
        '',
      ),
    );
  }
  // A finding that says the same thing about several accounts, detailed or not, is printed once after them:
  // the most severe first, then the one about the most accounts, which is what to do first.
  const repeated = repeatedInstances(report.accounts.flatMap((account) => account.findings))
    .filter((instance) => instance.findings.length > 1)
    .sort(
      (a, b) =>
        severityRank(a.findings[0]!.severity) - severityRank(b.findings[0]!.severity) ||
        b.findings.length - a.findings.length,
    );
  const printedOnce = new Set(repeated.flatMap((instance) => instance.findings));
  for (const account of detailed) {
    out.push('');
    out.push(...renderAccount(account, options, paint, printedOnce));
  }
  if (repeated.length > 0) {
    const members = memberIds(report);
    out.push('', paint('bold', 'Findings in several accounts'));
    for (const instance of repeated) {
      out.push(
        ...renderFinding(
          {
            ...instance.findings[0]!,
            message:
              `${instanceAccounts(instance, members)}: ${instance.message}` +
              (instance.findings.length > 5 ? ' (every account: --format json, findingGroups)' : ''),
          },
          options,
          paint,
          instanceLocations(instance),
        ),
      );
    }
  }
  if (detailed.length < report.accounts.length) {
    out.push('', ...renderOthers(ranked.slice(detailed.length), paint));
  }
  const unassigned = report.findings.filter((finding) => finding.accountId === undefined);
  if (unassigned.length > 0) {
    out.push('', paint('bold', 'Findings about shared factors'));
    for (const finding of unassigned) out.push(...renderFinding(finding, options, paint));
  }
  out.push('');
  out.push(`Summary: ${summaryText(report)}`);
  const observed = report.accounts.some((account) =>
    account.capabilities.some((capability) => capability.ways.some((way) => way.basis === 'observed')),
  );
  if (observed) {
    out.push(
      'Durations marked (observed) come from cases (the incident of 2022, support replies), not from AWS documentation; docs/rules.md gives every source.',
    );
  }
  return out.join('\n') + '\n';
}

type Paint = (style: keyof typeof ansi, text: string) => string;

/** The accounts not shown in detail, in numbers: capabilities lost or one loss away, findings per check. */
function renderOthers(accounts: readonly AccountReport[], paint: Paint): string[] {
  const withState = (state: CapabilityState): number =>
    accounts.filter((account) => account.capabilities.some((capability) => capability.state === state))
      .length;
  const out = [
    paint('bold', `The other ${counted(accounts.length)} accounts`),
    `  ${counted(withState('lost-now'))} with a capability lost now, ${counted(withState('no-fast-way'))} with one held only by ways of more than a day, ` +
      `${counted(withState('unknown'))} with one unknown, ` +
      `${counted(withState('lost-after'))} with one lost after its suspension date, ${counted(withState('one-loss-away'))} with one a single loss away`,
  ];
  // Findings by check, the most severe first: how many, in how many accounts.
  const byCheck = new Map<string, { severity: Severity; findings: number; accounts: Set<string> }>();
  for (const account of accounts) {
    for (const finding of account.findings) {
      const key = `${finding.severity} ${finding.checkId}`;
      const entry = byCheck.get(key) ?? {
        severity: finding.severity,
        findings: 0,
        accounts: new Set<string>(),
      };
      entry.findings += 1;
      entry.accounts.add(account.id);
      byCheck.set(key, entry);
    }
  }
  const rows = [...byCheck.entries()].sort(
    ([a, x], [b, y]) => severities.indexOf(x.severity) - severities.indexOf(y.severity) || a.localeCompare(b),
  );
  for (const [key, entry] of rows) {
    const checkId = key.slice(entry.severity.length + 1);
    out.push(
      `  ${severityWord(entry.severity, paint)} ${checkId}: ${counted(entry.findings)} finding${entry.findings === 1 ? '' : 's'} in ${counted(entry.accounts.size)} account${entry.accounts.size === 1 ? '' : 's'}`,
    );
  }
  return out;
}

function renderScan(scan: NonNullable<CheckReport['scan']>): string[] {
  const seconds = (Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) / 1000;
  const out = [
    `  scanned ${scan.accounts} account${scan.accounts === 1 ? '' : 's'} from ${scan.callerAccountId}` +
      `${scan.organizationId ? ` (Organization ${scan.organizationId})` : ''} in ${seconds.toFixed(1)} s: ` +
      `${scan.reached} reached, ${scan.failed} not reached; ${scan.apiCalls} API calls, ${scan.retries} retries; ` +
      `${scan.unknownFacts} facts unknown (never counted as safe)`,
  ];
  out.push(...scanNotes(scan).map((note) => wrap(note, '  ! ', '    ')));
  if (scan.hostedZones !== undefined) {
    out.push(
      wrap(
        `hosted zones seen: ${scan.hostedZones.length === 0 ? 'none' : listed(scan.hostedZones, HOSTED_ZONES_SHOWN)}`,
        '  ',
        '    ',
      ),
    );
  }
  for (const contradiction of scan.contradictions) {
    out.push(
      wrap(
        `inventory contradicted in ${contradiction.accountId}: ${contradiction.field}: ${contradiction.message}`,
        '  ! ',
        '    ',
      ),
    );
  }
  return out;
}

function renderAccount(
  account: AccountReport,
  options: TerminalOptions,
  paint: Paint,
  printedOnce: ReadonlySet<Finding>,
): string[] {
  const out: string[] = [];
  out.push(paint('bold', `Account ${account.name} (${account.id}), ${account.organization}`));
  if (account.workloads.length > 0) {
    out.push(wrap(`Suspension would take down: ${account.workloads.join('; ')}`, '  ', '    '));
  }
  if (account.story.length > 0) {
    out.push('', '  What matters now');
    for (const sentence of account.story) out.push(wrap(sentence, '    - ', '      '));
  }
  out.push('', '  Capabilities');
  for (const capability of account.capabilities) {
    out.push(...renderCapability(capability, paint, options.color));
  }
  if (account.findings.length > 0) {
    const own = account.findings.filter((finding) => !printedOnce.has(finding));
    const shared = account.findings.length - own.length;
    out.push(
      '',
      `  Findings (${account.findings.length}${shared > 0 ? `, ${shared} of them under "Findings in several accounts"` : ''})`,
    );
    for (const finding of own) out.push(...renderFinding(finding, options, paint));
  }
  return out;
}

function range(duration: DurationRange | undefined): string {
  if (!duration || !Number.isFinite(duration.typical)) return '';
  if (duration.max === 0) return 'now';
  return `about ${formatHours(duration.typical)} (${formatHours(duration.min)} to ${formatHours(duration.max)})`;
}

function renderCapability(capability: CapabilityReport, paint: Paint, color: boolean): string[] {
  const out: string[] = [];
  // A way back is worth a figure only for what counts for certain: unknown is a guess.
  const fastest =
    capability.state === 'unknown'
      ? ''
      : capability.fastest.possible
        ? `   fastest: ${range(capability.fastest.duration)}`
        : '   no way back';
  out.push(`    ${capability.label.padEnd(28, ' ')} ${stateWord(capability, color)}${fastest}`);
  if (capability.improve) out.push(wrap(`next step: ${capability.improve}`, '      ', '        '));
  for (const way of capability.ways) {
    if (way.status === 'lost') {
      const because = way.lostBecause.length > 0 ? `: ${wayLostBecause(way)}` : '';
      out.push(`      ${paint('red', 'lost ')}  ${way.label}${because}`);
    } else {
      const cost = way.cost ? `, costs ${costText(way.cost, way.currency)}` : '';
      out.push(
        `      ${paint('green', 'holds')}  ${way.label}${way.duration ? ` — ${range(way.duration)}` : ''}${cost}${way.duration && way.basis === 'observed' ? ' (observed)' : ''}`,
      );
    }
  }
  if (capability.singlePointsOfFailure.length > 0) {
    out.push(
      `      single points of failure: ${capability.singlePointsOfFailure.map((factor) => factor.label).join(', ')}`,
    );
  }
  const sizes = capability.lockoutSetCounts
    .map((count, order) =>
      order > 0 && count > 0 ? `${count} of ${order} loss${order === 1 ? '' : 'es'}` : '',
    )
    .filter((text) => text.length > 0);
  if (sizes.length > 0) out.push(`      lockout sets: ${sizes.join(', ')}`);
  const later = capability.lockoutSetsAfterDeadline?.length ?? 0;
  if (later > 0) {
    out.push(
      `      ${later} of the smallest ${capability.lockoutSets.length} bite${later === 1 ? 's' : ''} only after the suspension date, if the bill is unpaid`,
    );
  }
  if (capability.fastest.slack && capability.status !== 'cannot-be-lost') {
    const slack = capability.fastest.slack;
    const word =
      slack.typical >= 0 ? `${formatHours(slack.typical)} to spare` : `${formatHours(-slack.typical)} late`;
    if (capability.fastest.duration.typical > 0) out.push(`      against the deadline: ${word} (typical)`);
  }
  return out;
}

/** CRITICAL, HIGH (red), MEDIUM (yellow), LOW, INFO (dim), padded to one width. */
function severityWord(severity: Severity, paint: Paint): string {
  const color =
    severity === 'critical' || severity === 'high' ? 'red' : severity === 'medium' ? 'yellow' : 'dim';
  return paint(color, severity.toUpperCase().padEnd(8));
}

function renderFinding(
  finding: Finding,
  options: TerminalOptions,
  paint: Paint,
  places = finding.location
    ? `${finding.location.file}:${finding.location.line}:${finding.location.column}`
    : '',
): string[] {
  const out = [
    wrap(
      `${severityWord(finding.severity, paint)} ${finding.checkId}: ${finding.message}`,
      '    ',
      '             ',
    ),
  ];
  if (options.details ?? true) {
    out.push(wrap(`why: ${finding.why}`, '             ', '                  '));
    out.push(wrap(`fix: ${finding.fix}`, '             ', '                  '));
    out.push(`             docs: ${finding.docs}`);
    if (places) out.push(wrap(`at ${places}`, '             ', '                '));
  }
  return out;
}

/** Wraps text at 110 columns with a first-line prefix and a continuation indent. */
function wrap(text: string, first: string, rest: string): string {
  const width = 110;
  const words = text.split(' ');
  const lines: string[] = [];
  let line = first;
  for (const word of words) {
    const prefix = lines.length === 0 ? first : rest;
    if (line.length + word.length + 1 > width && line.trim().length > 0 && line !== prefix) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (line === prefix ? '' : ' ') + word;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
