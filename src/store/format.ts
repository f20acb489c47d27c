/** Plain-text renderings of the history and of a drift, for `lockout history` and `lockout diff`. */
import { severities, severityRank, type Severity } from '../checks/check.js';
import type { Change } from './drift.js';
import { safeText } from '../report/safe-text.js';
import type { ScanSummary } from './scans.js';

/** "2024-06-09 08:00 UTC" from an ISO time; the text itself when it is not one. */
function shownTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return safeText(iso);
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function countsBySeverity(counts: Record<Severity, number>): string {
  const parts = severities
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The saved scans, newest first, one line each. */
export function formatHistory(summaries: readonly ScanSummary[]): string {
  if (summaries.length === 0) return 'No scans saved yet.\n';
  const rows = summaries.map((summary) => [
    String(summary.id),
    shownTime(summary.startedAt),
    // Ids come from AWS (and the store may have been edited): nothing may drive the terminal, nor skew the table.
    safeText(summary.organizationId ?? summary.callerAccountId ?? '(outside AWS only)'),
    String(summary.accounts),
    String(summary.accountsReached),
    String(summary.accountsFailed),
    countsBySeverity(summary.findings),
  ]);
  const header = ['Scan', 'Started', 'Organization / account', 'Accounts', 'Reached', 'Failed', 'Findings'];
  // The organisations outside AWS scanned with AWS, in a last column only when there are any.
  if (summaries.some((summary) => (summary.outside ?? []).length > 0)) {
    header.push('Outside AWS');
    rows.forEach((row, index) => row.push(safeText((summaries[index]!.outside ?? []).join(', '))));
  }
  return `${table(header, rows).join('\n')}\n`;
}

function accountHeading(change: Change): string {
  if (change.accountId === undefined) return 'Not tied to one account';
  return change.accountName === undefined ? change.accountId : `${change.accountId} (${change.accountName})`;
}

/**
 * The changes grouped by account — the account with the most severe change first — each line led by its
 * severity, with a one-line total.
 */
export function formatDiff(changes: readonly Change[]): string {
  if (changes.length === 0) return 'No changes between the two scans.\n';
  // The inventory's edits apart from AWS's changes, when the scans kept their inventories and it changed.
  const edits = changes.filter((change) => change.source === 'inventory');
  if (edits.length > 0) {
    const inAws = changes.filter((change) => change.source !== 'inventory');
    // Runs that did not both scan AWS compared only what lies outside it.
    const where = changes.some((change) => change.source === 'outside') ? 'Outside AWS' : 'In AWS';
    return (
      `${where}: ${inAws.length === 0 ? 'no change\n' : formatChanges(inAws)}` +
      `\nIn the inventory (your edits between the scans, the earlier scan judged again against the later inventory): ${formatChanges(edits)}`
    );
  }
  return formatChanges(changes);
}

function formatChanges(changes: readonly Change[]): string {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const heading = accountHeading(change);
    groups.set(heading, [...(groups.get(heading) ?? []), change]);
  }
  const worst = (group: readonly Change[]): number =>
    Math.min(...group.map((change) => severityRank(change.severity)));
  const ordered = [...groups].sort(
    ([a, groupA], [b, groupB]) => worst(groupA) - worst(groupB) || a.localeCompare(b),
  );
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const change of changes) counts[change.severity] += 1;
  const lines = [`${changes.length} change${changes.length === 1 ? '' : 's'}: ${countsBySeverity(counts)}`];
  const width = Math.max(...severities.map((severity) => severity.length));
  for (const [heading, group] of ordered) {
    lines.push('', heading);
    const sorted = [...group].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    for (const change of sorted)
      lines.push(`  ${change.severity.toUpperCase().padEnd(width)}  ${change.kind}: ${change.message}`);
  }
  // Account names and messages come from AWS: nothing may drive the terminal.
  return safeText(`${lines.join('\n')}\n`);
}
