/**
 * The Markdown report of `lockout check` (GitHub-flavoured), for tickets and chat: the summary, per account
 * what matters now, a table of capabilities, the single points of failure, then the findings by severity with
 * why, fix and documentation. Every text from the inventory is escaped, so a label is never markup. A pure
 * function of the report: the same input gives the same bytes.
 */

import { counted } from '../model/words.js';
import { detailedAccounts } from './account-rank.js';
import type { CapabilityState } from './capability-state.js';
import type { AccountReport, CheckReport } from './check-report.js';
import { safeHref } from './html-template.js';
import { safeText } from './safe-text.js';
import {
  scanNotes,
  capabilityStatusText,
  doFirstReach,
  unknownFactText,
  fastestText,
  groupFindings,
  instanceAccounts,
  instanceLocations,
  memberIds,
  repeatedInstances,
  singlePointsOf,
  slackText,
  summaryText,
  wayText,
} from './wording.js';

/** A check found in many accounts lists this many of them, then a count: a ticket is not a database. */
const INSTANCES_SHOWN = 10;

export function renderMarkdown(report: CheckReport): string {
  const out: string[] = [];
  out.push(`# Lockout ${report.scan ? 'scan' : 'check'}: ${text(report.inventory)}`, '');
  const facts = [`as of ${report.asOf}`];
  if (report.deadline) facts.push(`deadline **${report.deadline}**`);
  facts.push(`lockout ${text(report.tool.version)}`);
  out.push(facts.join(' · '), '');
  out.push(`**Summary:** ${summaryText(report)}`, '');

  if (report.scan) {
    const scan = report.scan;
    out.push(
      `Scanned ${scan.accounts} account${scan.accounts === 1 ? '' : 's'} from ${text(scan.callerAccountId)}: ` +
        `${scan.reached} reached, ${scan.failed} not reached; ${scan.unknownFacts} facts unknown (never counted as safe).`,
      '',
    );
    for (const note of scanNotes(scan)) out.push(`- **${text(note)}**`);
    if (scan.hostedZones !== undefined) {
      out.push(
        `- Hosted zones seen: ${scan.hostedZones.length === 0 ? 'none' : scan.hostedZones.map(code).join(', ')}`,
      );
    }
    for (const contradiction of scan.contradictions) {
      out.push(
        `- Inventory contradicted in ${text(contradiction.accountId)}: ${code(contradiction.field)}: ${text(contradiction.message)}`,
      );
    }
    if (scan.contradictions.length > 0) out.push('');
  }

  if (report.doFirst.length > 0) {
    out.push('## Do first', '');
    report.doFirst.forEach((action, index) => {
      out.push(`${index + 1}. ${text(action.action)} (${doFirstReach(action)})`);
    });
    out.push('');
  }

  if (report.stillUnknown.length > 0) {
    out.push('## Still unknown', '', 'Each counts as lost until declared; never as safe.', '');
    for (const entry of report.stillUnknown) out.push(`- ${text(unknownFactText(entry))}`);
    out.push('');
  }

  const sets = report.organizationLockoutSets ?? [];
  if (sets.length > 0) {
    out.push('## Across the Organization', '', 'The losses that take the most accounts:', '');
    out.push('| Losing | Takes | Of |', '| --- | --- | --- |');
    for (const set of sets.slice(0, 10)) {
      out.push(
        row([
          set.factors.map(text).join(' + '),
          text(set.capability.replace(/-/g, ' ')),
          set.accounts.length === 1 ? text(set.accounts[0]!) : `${set.accounts.length} accounts`,
        ]),
      );
    }
    out.push('');
  }

  const { ranked, detailed } = detailedAccounts(report.accounts);
  if (detailed.length < report.accounts.length) {
    out.push(...overview(ranked));
    out.push(
      `The ${detailed.length} accounts most at risk, of ${report.accounts.length}, follow in detail; ` +
        'every account is in the JSON report (`--format json`).',
      '',
    );
  }
  for (const account of detailed) out.push(...renderAccount(account));

  if (report.findings.length > 0) out.push(...renderFindings(report));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** One line per account, worst first, for reports too long to detail every account. */
function overview(ranked: readonly AccountReport[]): string[] {
  const out = [
    '## Accounts',
    '',
    '| Account | Lost now | No fast way | Unknown | One loss away | Findings |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const account of ranked) {
    const inState = (state: CapabilityState): string =>
      account.capabilities
        .filter((capability) => capability.state === state)
        .map((capability) => text(capability.label))
        .join(', ') || 'none';
    out.push(
      row([
        `${text(account.name)} (${text(account.id)})`,
        inState('lost-now'),
        inState('no-fast-way'),
        inState('unknown'),
        inState('one-loss-away'),
        String(account.findings.length),
      ]),
    );
  }
  out.push('');
  return out;
}

function renderAccount(account: AccountReport): string[] {
  const out: string[] = [];
  out.push(`## Account ${text(account.name)} (${text(account.id)}), ${text(account.organization)}`, '');
  if (account.workloads.length > 0) {
    out.push(`Suspension would take down: ${account.workloads.map(text).join('; ')}.`, '');
  }
  if (account.story.length > 0) {
    out.push('### What matters now', '');
    for (const sentence of account.story) out.push(item(text(sentence)));
    out.push('');
  }

  out.push('### Capabilities', '');
  out.push(
    '| Capability | Status | Ways held | Ways lost | Fastest way back | Against the deadline |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const capability of account.capabilities) {
    const held = capability.ways.filter((way) => way.status !== 'lost');
    const lost = capability.ways.filter((way) => way.status === 'lost');
    const status = capabilityStatusText(capability);
    out.push(
      row([
        text(capability.label),
        capability.state === 'lost-now' ? `**${text(status)}**` : text(status),
        held.map((way) => text(wayText(way))).join('; ') || '—',
        lost.map((way) => text(wayText(way))).join('; ') || '—',
        text(fastestText(capability)) || '—',
        text(slackText(capability)) || '—',
      ]),
    );
  }
  out.push('');
  const improvable = account.capabilities.filter((capability) => capability.improve);
  if (improvable.length > 0) {
    out.push('### Next steps', '');
    for (const capability of improvable) {
      out.push(
        item(`**${text(capability.label)}** (${text(capability.stateLabel)}): ${text(capability.improve!)}.`),
      );
    }
    out.push('');
  }

  const points = singlePointsOf(account.capabilities);
  if (points.length > 0) {
    out.push('### Single points of failure', '');
    for (const point of points) {
      out.push(item(`**${text(point.label)}**: losing it alone takes ${point.takes.map(text).join(', ')}.`));
    }
    out.push('');
  }
  return out;
}

function renderFindings(report: CheckReport): string[] {
  const out: string[] = ['## Findings', ''];
  const members = memberIds(report);
  for (const { severity, groups } of groupFindings(report.findings)) {
    const count = groups.reduce((sum, group) => sum + group.findings.length, 0);
    out.push(`### ${severity.charAt(0).toUpperCase()}${severity.slice(1)} (${count})`, '');
    for (const group of groups) {
      out.push(`#### ${code(group.checkId)}: ${text(group.title)}`, '');
      const instances = repeatedInstances(group.findings);
      for (const instance of instances.slice(0, INSTANCES_SHOWN)) {
        const places = instanceLocations(instance);
        const where = places ? ` (${code(places)})` : '';
        out.push(item(`${text(instanceAccounts(instance, members))}: ${text(instance.message)}${where}`));
      }
      const more = instances.length - INSTANCES_SHOWN;
      if (more > 0) out.push(`- … and ${counted(more)} more`);
      out.push('');
      out.push(`**Why:** ${text(group.why)}`, '');
      out.push(`**Fix:** ${text(group.fix)}`, '');
      const href = safeHref(group.docs);
      out.push(
        href ? `**Docs:** [${text(linkText(href))}](${linkTarget(href)})` : `**Docs:** ${text(group.docs)}`,
      );
      out.push('');
    }
  }
  return out;
}

/**
 * Text made inert inside a line: control characters removed (a Markdown file is read on terminals too), every
 * character Markdown (with GitHub's tables, strikethrough and math) could read as syntax backslash-escaped, and
 * line breaks turned into spaces.
 */
export function text(value: string): string {
  return safeText(value)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~&$]/g, (character) => `\\${character}`);
}

/** A list item of escaped text, which must not open a heading or a nested list ("- 1. …", "- # …"). */
function item(content: string): string {
  return `- ${content.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')}`;
}

/** An inline code span that holds any text: the fence is longer than any run of backticks inside. */
function code(value: string): string {
  const flat = safeText(value).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table row; text in cells is escaped already (pipes included). */
function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The link's own words: host and path, without the scheme. */
function linkText(href: string): string {
  return href.replace(/^https?:\/\//i, '');
}

/** A link destination Markdown reads to its end: spaces and parentheses percent-encoded. */
function linkTarget(href: string): string {
  return href.replace(/[ ()<>]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
