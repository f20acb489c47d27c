/**
 * Two rounds compared: a condition that appears is new, one whose rank rises has worsened (for a date: the
 * next lead time is reached, a reminder), one that disappears is resolved; one that stays or improves says
 * nothing, so a round where nothing changed sends nothing, unless reminders are asked for: then a condition
 * that stands unchanged is sent again once the reminder period has passed since its last alert.
 */
import { severityRank, type Severity } from '../checks/check.js';
import type { Day } from '../model/inventory.js';
import type { Condition, ConditionKind } from './conditions.js';
import { periodPassed, type Period } from './period.js';

export interface Reminders {
  /** The day the round judges at. */
  asOf: Day;
  /** Send a standing condition again this long after its last alert; absent: never. */
  every?: Period | undefined;
}

export type Change = 'new' | 'worsened' | 'reminder' | 'resolved';

export interface Alert {
  change: Change;
  kind: ConditionKind;
  key: string;
  severity: Severity;
  title: string;
  message: string;
  accountId?: string | undefined;
}

export function compareConditions(
  previous: readonly Condition[],
  current: readonly Condition[],
  reminders?: Reminders,
): Alert[] {
  const before = new Map(previous.map((condition) => [condition.key, condition]));
  const now = new Set(current.map((condition) => condition.key));
  const alerts: Alert[] = [];
  for (const condition of current) {
    const known = before.get(condition.key);
    if (known && known.rank >= condition.rank) {
      if (reminderDue(known, reminders)) alerts.push(alertOf(condition, 'reminder'));
      continue;
    }
    const change: Change = !known ? 'new' : condition.kind === 'date' ? 'reminder' : 'worsened';
    alerts.push(alertOf(condition, change));
  }
  // Factors that became a single point, or one for more capabilities, in this round.
  const newSinglePoints = new Set(
    alerts.filter((alert) => alert.kind === 'single-point').map((alert) => alert.key.split(':').at(-1)),
  );
  for (const condition of previous) {
    if (now.has(condition.key)) continue;
    // A pair that is no longer a lockout set because one of its factors now takes the capability alone has
    // not cleared: it is part of something worse, which has its own alert this round.
    if (condition.kind === 'lockout-set' && pairOf(condition).some((factor) => newSinglePoints.has(factor)))
      continue;
    alerts.push(alertOf(condition, 'resolved'));
  }
  return sortWorstFirst(alerts);
}

/** The two factor ids of a lockout-set condition (`lockout-set:<factor>+<factor>`). */
function pairOf(condition: Condition): string[] {
  return condition.key.slice('lockout-set:'.length).split('+');
}

function reminderDue(known: Condition, reminders: Reminders | undefined): boolean {
  if (reminders?.every === undefined || known.alertedOn === undefined) return false;
  return periodPassed(known.alertedOn, reminders.asOf, reminders.every);
}

function alertOf(condition: Condition, change: Change): Alert {
  const { key, kind, severity, title, message, accountId } = condition;
  return { change, kind, key, severity, title, message, ...(accountId ? { accountId } : {}) };
}

/** Trouble before good news, then by severity, then by title, so a message reads worst first. */
export function sortWorstFirst(alerts: Alert[]): Alert[] {
  const resolved = (alert: Alert): number => (alert.change === 'resolved' ? 1 : 0);
  return alerts.sort(
    (a, b) =>
      resolved(a) - resolved(b) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.title.localeCompare(b.title) ||
      a.key.localeCompare(b.key),
  );
}
