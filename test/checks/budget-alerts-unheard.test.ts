import { budgetAlertsUnheard } from '../../src/checks/budget-alerts-unheard.js';
import type { BudgetFact } from '../../src/providers/aws/scan/facts.js';
import { accountId, checkTable, inventoryYaml } from './check-tester.js';
import { actions, scanOf, seen, unknown } from './scan-fixtures.js';

const yaml = inventoryYaml();
const budgets = (...found: BudgetFact[]) => scanOf({ budgets: seen(found, actions.budgets) });
const email = { type: 'EMAIL', address: 'alex@example.org', confirmed: true } as const;
const topic = (confirmed: boolean | 'unknown') =>
  ({ type: 'SNS', address: 'arn:aws:sns:us-east-1:111122223333:billing', confirmed }) as const;

checkTable(budgetAlertsUnheard, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'a budget with an email subscriber', yaml, scan: scanOf() },
    {
      name: 'a budget with a confirmed SNS subscription',
      yaml,
      scan: budgets({ name: 'monthly', subscribers: [topic(true)] }),
    },
    {
      name: 'an unconfirmed topic beside an email subscriber',
      yaml,
      scan: budgets({ name: 'monthly', subscribers: [topic(false), email] }),
    },
    {
      name: 'budgets unknown: left to unseen-facts',
      yaml,
      scan: scanOf({ budgets: unknown('access-denied', actions.budgets) }),
    },
  ],
  invalid: [
    {
      name: 'no budget at all',
      yaml,
      scan: budgets(),
      findings: [
        {
          account: accountId,
          severity: 'low',
          messageIncludes: 'This account has no budget (seen by budgets:ViewBudget)',
        },
      ],
    },
    {
      name: 'a budget without subscribers',
      yaml,
      scan: budgets({ name: 'monthly', subscribers: [] }, { name: 'yearly', subscribers: [email] }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: 'Budget "monthly" has no subscribers: its alerts reach nobody',
        },
      ],
    },
    {
      name: 'only SNS topics nobody confirmed',
      yaml,
      scan: budgets({ name: 'monthly', subscribers: [topic(false)] }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: [
            'notifies only SNS topics without a confirmed subscription (arn:aws:sns:us-east-1:111122223333:billing)',
            'seen by budgets:ViewBudget',
          ],
        },
      ],
    },
    {
      name: 'only SNS topics whose subscriptions could not be read',
      yaml,
      scan: budgets({ name: 'monthly', subscribers: [topic('unknown'), topic(false)] }),
      findings: [
        {
          severity: 'medium',
          messageIncludes: ['could not be read (sns:ListSubscriptionsByTopic)', 'never counted as safe'],
        },
      ],
    },
  ],
});
