import { paymentTrouble } from '../../src/checks/payment-trouble.js';
import { accountId, checkTable, inventoryYaml } from './check-tester.js';
import { accountFacts, actions, scanOf, scanResult, seen, unknown } from './scan-fixtures.js';

const yaml = inventoryYaml();
const reporting = (...types: string[]) =>
  scanOf({
    recommendedActions: seen(
      types.map((type) => ({ type, severity: 'CRITICAL', lastUpdated: '2022-06-09T00:00:00Z' })),
      actions.recommendedActions,
    ),
  });

checkTable(paymentTrouble, {
  valid: [
    { name: 'no scan: nothing to judge', yaml },
    { name: 'a healthy scan: no recommended action', yaml, scan: scanOf() },
    {
      name: 'recommended actions that are not about payments',
      yaml,
      scan: reporting('CREATE_BUDGET', 'REVIEW_SAVINGS_OPPORTUNITY_RECOMMENDATIONS'),
    },
    {
      name: 'recommended actions unknown: left to unseen-facts',
      yaml,
      scan: scanOf({ recommendedActions: unknown('access-denied', actions.recommendedActions) }),
    },
  ],
  invalid: [
    {
      name: 'an expired payment method',
      yaml,
      scan: reporting('UPDATE_EXPIRED_PAYMENT_METHOD'),
      findings: [
        {
          account: accountId,
          severity: 'critical',
          messageIncludes: [
            'the payment method on file has expired',
            'UPDATE_EXPIRED_PAYMENT_METHOD',
            'seen by bcm-recommended-actions:ListRecommendedActions',
            'updated 2022-06-09T00:00:00Z',
          ],
        },
      ],
    },
    {
      name: 'an invalid payment method: the card was revoked',
      yaml,
      scan: reporting('UPDATE_INVALID_PAYMENT_METHOD'),
      findings: [{ severity: 'critical', messageIncludes: 'the payment method on file is invalid' }],
    },
    {
      name: 'payments past due: the incident',
      yaml,
      scan: reporting('PAYMENTS_PAST_DUE'),
      findings: [
        { severity: 'critical', messageIncludes: ['payments are past due', 'suspends the account'] },
      ],
    },
    {
      name: 'payments due',
      yaml,
      scan: reporting('PAYMENTS_DUE'),
      findings: [{ severity: 'high', messageIncludes: 'payments are due' }],
    },
    {
      name: 'no alternate billing contact',
      yaml,
      scan: reporting('ADD_ALTERNATE_BILLING_CONTACT'),
      findings: [{ severity: 'low', messageIncludes: "billing notices reach only root's mailbox" }],
    },
    {
      name: 'several signals, each once, in the order AWS lists them',
      yaml,
      scan: reporting('PAYMENTS_PAST_DUE', 'UPDATE_INVALID_PAYMENT_METHOD', 'PAYMENTS_PAST_DUE'),
      findings: [
        { severity: 'critical', messageIncludes: 'PAYMENTS_PAST_DUE' },
        { severity: 'critical', messageIncludes: 'UPDATE_INVALID_PAYMENT_METHOD' },
      ],
    },
    {
      name: 'an account the inventory does not hold is named in the message',
      yaml,
      scan: scanResult([
        accountFacts({
          accountId: '999988887777',
          name: 'other',
          recommendedActions: seen([{ type: 'PAYMENTS_DUE' }], actions.recommendedActions),
        }),
      ]),
      findings: [
        {
          account: '(no account)',
          severity: 'high',
          messageIncludes: ['Account 999988887777 (other): AWS reports that payments are due', 'seen by'],
        },
      ],
    },
  ],
});
