/**
 * Accounts where no cost warning reaches anyone: no budget and no billing alarm, or only ones whose alerts
 * reach nobody. A bill that surprises is a bill that fails.
 */
import type { BillingAlarmFact, BudgetFact, Fact } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts } from './scanned-accounts.js';
import { joinWords } from '../model/words.js';

export const budgetAlertsUnheard = defineCheck({
  meta: {
    id: 'budget-alerts-unheard',
    severity: 'medium',
    title: 'No cost warning reaches anyone',
    why:
      'A runaway bill (a leaked key mining coins, a forgotten cluster) can exceed what the card allows; the charge ' +
      'fails and the dunning clock starts. A budget alert, or a CloudWatch billing alarm on EstimatedCharges, is ' +
      'the early warning, but only if it reaches someone: one without subscribers, with its actions disabled, or ' +
      'that only notifies an SNS topic nobody has confirmed a subscription to, warns no one. A billing alarm ' +
      'also needs "Receive Billing Alerts" on, or EstimatedCharges is never published and it never fires.',
    fix:
      'Create a monthly cost budget with actual and forecasted alerts to an email address you read, or give an ' +
      'existing one an email subscriber; or confirm a subscription to the SNS topic of a budget or billing alarm ' +
      '(the topic must allow budgets.amazonaws.com or CloudWatch to publish). For a billing alarm, turn on ' +
      '"Receive Billing Alerts" in Billing preferences and enable its actions.',
    docs: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { budgets, billingAlarms } = scanned.facts;
      // Neither seen: nothing to judge here, unseen-facts reports both.
      if (budgets.status !== 'seen' && billingAlarms.status !== 'seen') continue;
      const budgetNotes = heardOrWhy(budgets, whyBudgetUnheard, 'budget');
      const alarmNotes = heardOrWhy(billingAlarms, whyAlarmUnheard, 'billing alarm');
      if (budgetNotes === 'heard' || alarmNotes === 'heard') continue;
      const unknown = [...budgetNotes, ...alarmNotes].some((note) => note.includes(unreadable));
      // Something meant to warn that reaches nobody is worse news than nothing at all: it looks handled.
      const nothingSet =
        (budgets.status !== 'seen' || budgets.value.length === 0) &&
        (billingAlarms.status !== 'seen' || billingAlarms.value.length === 0);
      findings.push(
        scanFinding(
          scanned,
          `Nothing warns before a bill grows past what the card allows: ${joinWords([...budgetNotes, ...alarmNotes])}.` +
            (unknown ? ' Unknown is never counted as safe.' : ''),
          nothingSet ? { severity: 'low' } : {},
        ),
      );
    }
    return findings;
  },
});

/** How a note says a fact was not seen, so the finding can add that unknown is not safe. */
const unreadable = 'could not be read';

/**
 * 'heard' when one item of a fact reaches someone; otherwise what was seen, in words: each item and why
 * nobody hears it, or that there is none, or that the fact could not be read.
 */
function heardOrWhy<T extends { name: string }>(
  fact: Fact<T[]>,
  whyUnheard: (item: T) => string | undefined,
  kind: 'budget' | 'billing alarm',
): 'heard' | string[] {
  if (fact.status !== 'seen') return [`the ${kind}s ${unreadable} (${fact.action}, ${fact.reason})`];
  if (fact.value.length === 0) return [`there is no ${kind} (seen by ${fact.action})`];
  const notes: string[] = [];
  for (const item of fact.value) {
    const why = whyUnheard(item);
    if (why === undefined) return 'heard';
    notes.push(`${kind} "${item.name}" ${why} (seen by ${fact.action})`);
  }
  return notes;
}

/** Why nobody hears a budget's alerts, or undefined when someone does. */
function whyBudgetUnheard({ subscribers }: BudgetFact): string | undefined {
  if (subscribers.length === 0) return 'has no subscribers';
  if (subscribers.some((subscriber) => subscriber.type === 'EMAIL')) return undefined;
  return topicsUnheard(
    subscribers.map((subscriber) => ({ topicArn: subscriber.address, confirmed: subscriber.confirmed })),
  );
}

/** Why nobody hears a billing alarm, or undefined when someone does. */
function whyAlarmUnheard(alarm: BillingAlarmFact): string | undefined {
  // Absent from a scan stored before Lockout read ActionsEnabled.
  if (alarm.actionsEnabled === undefined) return `is one whose ActionsEnabled ${unreadable}`;
  if (!alarm.actionsEnabled) return 'has its actions disabled';
  if (alarm.actions.length === 0) return 'notifies no SNS topic';
  const topics = topicsUnheard(alarm.actions);
  if (topics !== undefined) return topics;
  // Reached, but without data it never fires: likely "Receive Billing Alerts" is off (no API shows it).
  if (alarm.state === 'INSUFFICIENT_DATA') {
    return 'has no data (INSUFFICIENT_DATA): if "Receive Billing Alerts" is off, EstimatedCharges is never published and it never fires';
  }
  return undefined;
}

/** Why SNS topics reach nobody (none confirmed, or not readable), or undefined when one is confirmed. */
function topicsUnheard(
  topics: readonly { topicArn: string; confirmed: boolean | 'unknown' }[],
): string | undefined {
  if (topics.some((topic) => topic.confirmed === true)) return undefined;
  const arns = topics.map((topic) => topic.topicArn).join(', ');
  if (topics.some((topic) => topic.confirmed === 'unknown')) {
    return `notifies only SNS topics whose subscriptions ${unreadable} (sns:ListSubscriptionsByTopic: ${arns}): whether anyone hears it is unknown`;
  }
  return `notifies only SNS topics without a confirmed subscription (${arns})`;
}
