/** Budgets whose alerts reach nobody, and accounts with no budget: a bill that surprises is a bill that fails. */
import type { BudgetFact } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts } from './scanned-accounts.js';

export const budgetAlertsUnheard = defineCheck({
  meta: {
    id: 'budget-alerts-unheard',
    severity: 'medium',
    title: 'Budget alerts reach nobody',
    why:
      'A runaway bill (a leaked key mining coins, a forgotten cluster) can exceed what the card allows; the charge ' +
      'fails and the dunning clock starts. A budget alert is the early warning, but only if it reaches someone: a ' +
      'budget without subscribers, or one that only notifies an SNS topic nobody has confirmed a subscription to, ' +
      'warns no one.',
    fix:
      'Give every budget an email subscriber you read, or confirm a subscription to its SNS topic (the topic must ' +
      'be in the same account and allow budgets.amazonaws.com to publish); create a monthly cost budget with ' +
      'actual and forecasted alerts in accounts that have none.',
    docs: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { budgets } = scanned.facts;
      if (budgets.status !== 'seen') continue;
      if (budgets.value.length === 0) {
        findings.push(
          scanFinding(
            scanned,
            `This account has no budget (seen by ${budgets.action}): nothing warns before a bill grows past what the card allows.`,
            { severity: 'low' },
          ),
        );
        continue;
      }
      for (const budget of budgets.value) {
        const unheard = whyUnheard(budget);
        if (unheard !== undefined) {
          findings.push(
            scanFinding(scanned, `Budget "${budget.name}" ${unheard} (seen by ${budgets.action}).`),
          );
        }
      }
    }
    return findings;
  },
});

/** Why nobody hears a budget's alerts, or undefined when someone does. */
function whyUnheard({ subscribers }: BudgetFact): string | undefined {
  if (subscribers.length === 0) return 'has no subscribers: its alerts reach nobody';
  if (subscribers.some((subscriber) => subscriber.type === 'EMAIL' || subscriber.confirmed === true)) {
    return undefined;
  }
  const topics = subscribers.map((subscriber) => subscriber.address).join(', ');
  if (subscribers.some((subscriber) => subscriber.confirmed === 'unknown')) {
    return `notifies only SNS topics (${topics}) whose subscriptions could not be read (sns:ListSubscriptionsByTopic): whether anyone hears its alerts is unknown, and unknown is never counted as safe`;
  }
  return `notifies only SNS topics without a confirmed subscription (${topics}): its alerts reach nobody`;
}
