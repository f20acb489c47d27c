/**
 * A round's message in words, for the channels that people read (e-mail, Slack, SNS): a subject that names
 * the counts and the worst change, and a plain text, worst first. The store keeps the JSON WatchPayload; each
 * channel renders it when it sends, so a message written by an older round reads the same.
 */
import { counted, firstNamed } from '../../model/words.js';
import { safeLine, safeText } from '../../report/safe-text.js';
import type { Alert, Change } from '../compare.js';
import { titleSubject } from '../conditions.js';
import type { WatchPayload } from '../payload.js';
import { ChannelError } from './channel.js';

const changes: readonly Change[] = ['new', 'worsened', 'reminder', 'resolved'];

/** The stored message, read back; one this version cannot read fails its delivery, with that reason. */
export function parsePayload(stored: string): WatchPayload {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    throw new ChannelError('the stored message is not JSON');
  }
  const payload = value as Partial<WatchPayload> | null;
  if (payload?.version !== 1 || !Array.isArray(payload.alerts) || typeof payload.round !== 'object')
    throw new ChannelError('the stored message is not a version 1 watch payload');
  return payload as WatchPayload;
}

/** "2 new, 1 resolved": the changes that happened, in the order trouble comes first. */
export function changeCounts(payload: Pick<WatchPayload, 'alerts'>): string {
  const counts = changes
    .map((change) => [change, payload.alerts.filter((alert) => alert.change === change).length] as const)
    .filter(([, count]) => count > 0)
    .map(([change, count]) => `${counted(count)} ${change}`);
  return counts.length > 0 ? counts.join(', ') : 'no change';
}

/** One alert in a line: "new, critical: Root has a single MFA device (Management)". */
export function alertLine(alert: Alert): string {
  return `${alert.change}, ${alert.severity}: ${safeLine(alert.title)}`;
}

/** "Lockout: 2 new, 1 resolved — Root has a single MFA device (Management)": the worst change named. */
export function subjectOf(payload: WatchPayload): string {
  const [worst] = payload.alerts;
  const what = worst ? ` — ${worst.change === 'resolved' ? 'resolved: ' : ''}${safeLine(worst.title)}` : '';
  return `Lockout: ${changeCounts(payload)}${what}`;
}

/**
 * The subject in ASCII within `max` characters, for SNS (whose Subject takes ASCII only, under 100
 * characters): accents dropped, dashes and quotes made plain, anything else left out, and an ellipsis "..."
 * where it is cut.
 */
export function asciiSubject(subject: string, max: number): string {
  const plain = subject
    .normalize('NFKD')
    .replace(/[\u2012-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 3).trimEnd()}...`;
}

/** Alerts listed one to a line up to this many; past it, those that say the same of several accounts share one. */
export const listedAlerts = 40;

/** Alerts that say the same thing (one change, severity and kind) of several accounts or facts. */
export interface AlertGroup {
  /** The first of them, in the round's order (worst first). */
  alert: Alert;
  /** What they say, without the account or fact; the whole title for a group of one. */
  said: string;
  /** The accounts or facts they are said of, in order, each once. */
  subjects: string[];
  /** How many alerts: more than subjects when one account has several alike. */
  count: number;
}

/**
 * A round's alerts grouped, in the order each group's first alert came: alerts whose title names an account
 * or fact (titleSubject) and say the same otherwise share a group; any other is a group of its own.
 */
export function alertGroups(alerts: readonly Alert[]): AlertGroup[] {
  // The subjects as a set while grouping (one account's several alerts alike name it once), in order.
  const groups = new Map<
    Alert | string,
    { alert: Alert; said: string; subjects: Set<string>; count: number }
  >();
  for (const alert of alerts) {
    const about = titleSubject(alert);
    if (about === undefined) {
      groups.set(alert, { alert, said: alert.title, subjects: new Set(), count: 1 });
      continue;
    }
    const key = `${alert.change}\u0000${alert.severity}\u0000${alert.kind}\u0000${about.said}`;
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { alert, said: about.said, subjects: new Set([about.subject]), count: 1 });
    else {
      group.subjects.add(about.subject);
      group.count++;
    }
  }
  return [...groups.values()].map((group) => ({ ...group, subjects: [...group.subjects] }));
}

/** Each alert on its own up to `limit` alerts; past it, grouped (alertGroups). */
export function alertEntries(alerts: readonly Alert[], limit = listedAlerts): AlertGroup[] {
  if (alerts.length > limit) return alertGroups(alerts);
  return alerts.map((alert) => ({ alert, said: alert.title, subjects: [], count: 1 }));
}

/**
 * A group's title: the alert's own for a group of one; else what is said, how many it is said of, and the
 * first few named: "Sign in as root at risk — 1,200 of them: member-1, member-2, member-3 and 1,197 more".
 */
export function groupTitle(group: AlertGroup): string {
  const { alert, said, subjects, count } = group;
  if (count === 1) return alert.title;
  const alertsToo = count > subjects.length ? ` (${counted(count)} alerts)` : '';
  return `${said} — ${counted(subjects.length)} of them${alertsToo}: ${firstNamed(subjects, 3, counted)}`;
}

/**
 * A round's alerts for the terminal, worst first: one line each, or, for a round of more than `listedAlerts`
 * (an Organization's first round raises one per capability and finding of every account, 124,891 at 10,000
 * accounts), one line for each group (alertGroups). Every alert stays in the stored message and in what the
 * channels are sent.
 */
export function alertListing(alerts: readonly Alert[], limit = listedAlerts): string[] {
  return alertEntries(alerts, limit).map(
    (group) => `  ${group.alert.change.padEnd(8)} ${group.alert.severity.padEnd(8)} ${groupTitle(group)}`,
  );
}

/**
 * The message as plain text, worst first: each alert's change, severity, title and what the check said; for a
 * round of more than `limit` alerts, each group's (alertGroups), with what is said of its first account.
 */
export function textOf(payload: WatchPayload, limit = listedAlerts): string {
  const { round } = payload;
  const lines = [
    `Lockout watch, round ${round.id}: ${changeCounts(payload)}.`,
    `Watching ${safeLine(round.scope)} (${round.mode}, facts as of ${round.asOf}).`,
    '',
  ];
  if (payload.alerts.length > limit)
    lines.push(
      `${counted(payload.alerts.length)} alerts: what is said alike of several accounts or facts is said once, ` +
        "with how many and the first named. Every alert is in the round's JSON (what a webhook receives, " +
        'attached to an e-mail).',
      '',
    );
  for (const group of alertEntries(payload.alerts, limit)) {
    const { alert } = group;
    lines.push(`${alert.change.toUpperCase()} (${alert.severity}): ${safeLine(groupTitle(group))}`);
    if (group.count > 1) lines.push(`  For ${safeLine(group.subjects[0]!)}:`);
    lines.push(
      ...safeText(alert.message)
        .split('\n')
        .map((line) => `  ${line}`),
    );
    lines.push('');
  }
  lines.push(
    `Round ${round.id} started ${round.startedAt}, Lockout ${payload.tool.version}. Each change is sent once;` +
      ' a round where nothing changed sends nothing.',
  );
  return lines.join('\n') + '\n';
}
