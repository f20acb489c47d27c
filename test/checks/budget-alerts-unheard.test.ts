import { budgetAlertsUnheard } from '../../src/checks/budget-alerts-unheard.js';
import type { AccountFacts, BillingAlarmFact, BudgetFact } from '../../src/providers/aws/scan/facts.js';
import { accountId, checkTable, inventoryYaml } from './check-tester.js';
import { actions, scanOf, seen, unknown } from './scan-fixtures.js';

const yaml = inventoryYaml();
const budgets = (...found: BudgetFact[]) => seen(found, actions.budgets);
const alarms = (...found: BillingAlarmFact[]) => seen(found, actions.billingAlarms);
/** No budget, and the billing alarms given. */
const alarmsOnly = (...found: BillingAlarmFact[]): Partial<AccountFacts> => ({
  budgets: budgets(),
  billingAlarms: alarms(...found),
});
const email = { type: 'EMAIL', address: 'alex@example.org', confirmed: true } as const;
const topicArn = 'arn:aws:sns:us-east-1:111122223333:billing';
const topic = (confirmed: boolean | 'unknown') => ({ type: 'SNS', address: topicArn, confirmed }) as const;
const alarm = (confirmed: boolean | 'unknown', fields: Partial<BillingAlarmFact> = {}): BillingAlarmFact => ({
  name: 'estimated-charges',
  actionsEnabled: true,
  state: 'OK',
  actions: [{ topicArn, confirmed }],
  ...fields,
});

checkTable(budgetAlertsUnheard, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'a budget with an email subscriber', yaml, scan: scanOf() },
    {
      name: 'a budget with a confirmed SNS subscription',
      yaml,
      scan: scanOf({ budgets: budgets({ name: 'monthly', subscribers: [topic(true)] }) }),
    },
    {
      name: 'an unconfirmed topic beside an email subscriber',
      yaml,
      scan: scanOf({ budgets: budgets({ name: 'monthly', subscribers: [topic(false), email] }) }),
    },
    {
      name: 'a budget nobody hears beside one someone hears',
      yaml,
      scan: scanOf({
        budgets: budgets({ name: 'monthly', subscribers: [] }, { name: 'yearly', subscribers: [email] }),
      }),
    },
    {
      name: 'no budget, but a billing alarm whose topic has a confirmed subscription',
      yaml,
      scan: scanOf(alarmsOnly(alarm(true))),
    },
    {
      name: 'a budget nobody hears, but a billing alarm someone hears',
      yaml,
      scan: scanOf({
        budgets: budgets({ name: 'monthly', subscribers: [] }),
        billingAlarms: alarms(alarm(true)),
      }),
    },
    {
      name: 'budgets unknown, but a billing alarm someone hears',
      yaml,
      scan: scanOf({
        budgets: unknown('access-denied', actions.budgets),
        billingAlarms: alarms(alarm(true)),
      }),
    },
    {
      name: 'billing alarms unknown, but a budget someone hears',
      yaml,
      scan: scanOf({ billingAlarms: unknown('access-denied', actions.billingAlarms) }),
    },
    {
      name: 'both unknown: left to unseen-facts',
      yaml,
      scan: scanOf({
        budgets: unknown('access-denied', actions.budgets),
        billingAlarms: unknown('access-denied', actions.billingAlarms),
      }),
    },
  ],
  invalid: [
    {
      name: 'no budget and no billing alarm',
      yaml,
      scan: scanOf(alarmsOnly()),
      findings: [
        {
          account: accountId,
          severity: 'low',
          messageIncludes:
            'Nothing warns before a bill grows past what the card allows: there is no budget (seen by budgets:ViewBudget) and there is no billing alarm (seen by cloudwatch:DescribeAlarms).',
        },
      ],
    },
    {
      name: 'no budget, and the billing alarms could not be read',
      yaml,
      scan: scanOf({ budgets: budgets(), billingAlarms: unknown('access-denied', actions.billingAlarms) }),
      findings: [
        {
          severity: 'low',
          messageIncludes: [
            'there is no budget (seen by budgets:ViewBudget)',
            'the billing alarms could not be read (cloudwatch:DescribeAlarms, access-denied)',
            'Unknown is never counted as safe.',
          ],
        },
      ],
    },
    {
      name: 'a budget without subscribers and no billing alarm',
      yaml,
      scan: scanOf({ budgets: budgets({ name: 'monthly', subscribers: [] }) }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: 'budget "monthly" has no subscribers (seen by budgets:ViewBudget)',
        },
      ],
    },
    {
      name: 'a budget to a topic nobody confirmed',
      yaml,
      scan: scanOf({ budgets: budgets({ name: 'monthly', subscribers: [topic(false)] }) }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: `budget "monthly" notifies only SNS topics without a confirmed subscription (${topicArn})`,
        },
      ],
    },
    {
      name: 'a budget to topics whose subscriptions could not be read',
      yaml,
      scan: scanOf({ budgets: budgets({ name: 'monthly', subscribers: [topic('unknown'), topic(false)] }) }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: [
            'could not be read (sns:ListSubscriptionsByTopic',
            'whether anyone hears it is unknown',
            'Unknown is never counted as safe.',
          ],
        },
      ],
    },
    {
      name: 'no budget, and a billing alarm to a topic nobody confirmed',
      yaml,
      scan: scanOf(alarmsOnly(alarm(false))),
      findings: [
        {
          severity: 'medium',
          messageIncludes: [
            'there is no budget (seen by budgets:ViewBudget)',
            `billing alarm "estimated-charges" notifies only SNS topics without a confirmed subscription (${topicArn}) (seen by cloudwatch:DescribeAlarms)`,
          ],
        },
      ],
    },
    {
      name: 'no budget, and a billing alarm whose topic could not be read',
      yaml,
      scan: scanOf(alarmsOnly(alarm('unknown'))),
      findings: [{ severity: 'medium', messageIncludes: 'Unknown is never counted as safe.' }],
    },
    {
      name: 'no budget, and a billing alarm with its actions disabled',
      yaml,
      scan: scanOf(alarmsOnly(alarm(true, { actionsEnabled: false }))),
      findings: [
        { severity: 'medium', messageIncludes: 'billing alarm "estimated-charges" has its actions disabled' },
      ],
    },
    {
      name: 'no budget, and a billing alarm that notifies no topic',
      yaml,
      scan: scanOf(alarmsOnly(alarm(true, { actions: [] }))),
      findings: [{ severity: 'medium', messageIncludes: 'notifies no SNS topic' }],
    },
    {
      name: 'no budget, and a billing alarm that never had data (billing alerts likely off)',
      yaml,
      scan: scanOf(alarmsOnly(alarm(true, { state: 'INSUFFICIENT_DATA' }))),
      findings: [
        {
          severity: 'medium',
          messageIncludes: ['has no data (INSUFFICIENT_DATA)', '"Receive Billing Alerts" is off'],
        },
      ],
    },
    {
      name: 'a scan stored before actionsEnabled was read: the alarm is not counted',
      yaml,
      scan: scanOf(alarmsOnly({ name: 'old', actions: [{ topicArn, confirmed: true }] })),
      findings: [
        {
          severity: 'medium',
          messageIncludes: [
            'billing alarm "old" is one whose ActionsEnabled could not be read',
            'Unknown is never',
          ],
        },
      ],
    },
  ],
});
