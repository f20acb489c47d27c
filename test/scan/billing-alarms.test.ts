/**
 * The billing-alarms fact against moto_server: CloudWatch DescribeAlarms (us-east-1) keeps the alarms on
 * AWS/Billing EstimatedCharges (a metric-math one included) and nothing else, with whether their actions are
 * enabled, their state, and whether each SNS topic has a confirmed subscription (sns:ListSubscriptionsByTopic,
 * asked once per topic even when a budget shares it, in the topic's own region whatever the scan's).
 *
 * moto 5.2.1 lacks Budgets DescribeSubscribersForNotification (test/aws/MOTO.md): the budget's subscribers are
 * answered by a recorded response shaped like AWS's. moto confirms every email subscription at once, so "nobody
 * confirmed" is a topic without subscriptions here.
 */

import { PutMetricAlarmCommand, SetAlarmStateCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateBudgetCommand, BudgetsClient } from '@aws-sdk/client-budgets';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetAlertsUnheard } from '../../src/checks/budget-alerts-unheard.js';
import { ClientPool } from '../../src/providers/aws/scan/clients.js';
import {
  collectBillingAlarms,
  collectBudgets,
  type AccountContext,
} from '../../src/providers/aws/scan/collect.js';
import type { BillingAlarmFact } from '../../src/providers/aws/scan/facts.js';
import {
  FAKE_CREDENTIALS,
  MOTO_DEFAULT_ACCOUNT,
  motoClientConfig,
  resetMoto,
  startMotoServer,
  type MotoServer,
} from '../aws/moto-server.js';
import { inventoryYaml, runCheck } from '../checks/check-tester.js';
import { actions, scanOf, seen } from '../checks/scan-fixtures.js';
import { putBillingAlarm } from '../aws/organization-fixture.js';

let moto: MotoServer;
const topicArn = (name: string): string => `arn:aws:sns:us-east-1:${MOTO_DEFAULT_ACCOUNT}:${name}`;
const heard = topicArn('billing-alerts');
const unheard = topicArn('nobody-listens');
const missing = topicArn('deleted-topic');

beforeAll(async () => {
  moto = await startMotoServer();
  await resetMoto(moto.url);
  const config = motoClientConfig(moto.url);
  const sns = new SNSClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const budgets = new BudgetsClient(config);
  await sns.send(new CreateTopicCommand({ Name: 'billing-alerts' }));
  await sns.send(new SubscribeCommand({ TopicArn: heard, Protocol: 'email', Endpoint: 'owner@example.org' }));
  await sns.send(new CreateTopicCommand({ Name: 'nobody-listens' }));

  const billingAlarm = (name: string, actions: string[], enabled = true) =>
    putBillingAlarm(cloudwatch, name, actions, enabled);
  await billingAlarm('charges-over-100', [heard]);
  await billingAlarm('charges-muted', [heard], false);
  await billingAlarm('charges-unheard', [unheard]);
  await cloudwatch.send(
    new SetAlarmStateCommand({
      AlarmName: 'charges-unheard',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'no EstimatedCharges data',
    }),
  );
  // A metric-math alarm on EstimatedCharges, to a topic that no longer exists.
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'charges-math',
      EvaluationPeriods: 1,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [missing],
      Metrics: [
        {
          Id: 'charges',
          ReturnData: true,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Billing',
              MetricName: 'EstimatedCharges',
              Dimensions: [{ Name: 'Currency', Value: 'USD' }],
            },
            Period: 21_600,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  // Not a billing alarm, though it notifies the same topic.
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'cpu-high',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 90,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [heard],
    }),
  );
  await budgets.send(
    new CreateBudgetCommand({
      AccountId: MOTO_DEFAULT_ACCOUNT,
      Budget: {
        BudgetName: 'monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: '100', Unit: 'USD' },
      },
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 80,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [{ SubscriptionType: 'SNS', Address: heard }],
        },
      ],
    }),
  );
  for (const client of [sns, cloudwatch, budgets]) client.destroy();
}, 60_000);

afterAll(async () => {
  await moto.stop();
});

/** A pool scanning in eu-west-1: billing alarms and their topics live in us-east-1 all the same. */
function account(): AccountContext {
  const pool = new ClientPool(
    { region: 'eu-west-1', endpoint: moto.url, credentials: { ...FAKE_CREDENTIALS }, maxAttempts: 1 },
    {
      // moto 5.2.1 lacks budgets:DescribeSubscribersForNotification: AWS's documented response shape.
      responder: (operation) =>
        operation === 'Budgets:DescribeSubscribersForNotification'
          ? { Subscribers: [{ SubscriptionType: 'SNS', Address: heard }] }
          : undefined,
    },
  );
  return { pool, accountId: MOTO_DEFAULT_ACCOUNT };
}

describe('billing alarms against moto_server', () => {
  it('reads the alarms on EstimatedCharges, their actions, state and who hears them', async () => {
    const context = account();
    const budgets = await collectBudgets(context);
    const alarms = await collectBillingAlarms(context);
    context.pool.destroy();

    expect(budgets).toMatchObject({ status: 'seen' });
    expect(alarms.status).toBe('seen');
    const byName = new Map(
      (alarms.status === 'seen' ? alarms.value : []).map((alarm) => [alarm.name, alarm]),
    );
    expect([...byName.keys()].sort()).toEqual([
      'charges-math',
      'charges-muted',
      'charges-over-100',
      'charges-unheard',
    ]);
    expect(byName.get('charges-over-100')).toEqual<BillingAlarmFact>({
      name: 'charges-over-100',
      actionsEnabled: true,
      state: 'OK',
      actions: [{ topicArn: heard, confirmed: true }],
    });
    expect(byName.get('charges-muted')).toMatchObject({ actionsEnabled: false });
    expect(byName.get('charges-unheard')).toMatchObject({
      state: 'INSUFFICIENT_DATA',
      actions: [{ topicArn: unheard, confirmed: false }],
    });
    // A topic SNS cannot find is unknown, never counted as heard.
    expect(byName.get('charges-math')?.actions).toEqual([{ topicArn: missing, confirmed: 'unknown' }]);

    // One DescribeAlarms; each topic asked once, though the budget and two alarms share billing-alerts.
    const calls = context.pool.stats.byOperation;
    expect(calls.get('CloudWatch:DescribeAlarms')).toBe(1);
    expect(calls.get('SNS:ListSubscriptionsByTopic')).toBe(3);
  });

  it('a heard billing alarm answers budget-alerts-unheard even without a budget', async () => {
    const context = account();
    const billingAlarms = await collectBillingAlarms(context);
    context.pool.destroy();
    const yaml = inventoryYaml();
    const noBudget = seen([], actions.budgets);
    expect(
      runCheck(budgetAlertsUnheard, yaml, { scan: scanOf({ budgets: noBudget, billingAlarms }) }),
    ).toEqual([]);

    // Without the heard one, the finding says what was seen of each alarm.
    const rest =
      billingAlarms.status === 'seen'
        ? {
            ...billingAlarms,
            value: billingAlarms.value.filter((alarm) => alarm.name !== 'charges-over-100'),
          }
        : billingAlarms;
    const findings = runCheck(budgetAlertsUnheard, yaml, {
      scan: scanOf({ budgets: noBudget, billingAlarms: rest }),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('billing alarm "charges-muted" has its actions disabled');
    expect(findings[0]?.message).toContain(
      'billing alarm "charges-unheard" notifies only SNS topics without',
    );
    expect(findings[0]?.message).toContain('Unknown is never counted as safe.');
  });
});
