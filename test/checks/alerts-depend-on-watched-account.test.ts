// alerts-depend-on-watched-account: fires for an account when every declared alert channel goes through it, by
// any chain the recovery graph knows (an SNS topic in it, mail on a domain it hosts, a webhook it runs, a topic in
// the account that pays for it); once for an inventory that declares no channel at all. It reads the recovery
// analysis, so it runs here with one rather than through check-tester's inventory-only harness.
import { describe, expect, it } from 'vitest';
import { alertsDependOnWatchedAccount } from '../../src/checks/alerts-depend-on-watched-account.js';
import { parseInventory } from '../../src/inventory/index.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';

const asOf = '2024-06-01';
const personal = '111122223333';
const other = '444455556666';

/** The findings as "account severity: message", for an inventory with these accounts and channels. */
function findings(accounts: string[], channels: string[], factors: string[] = []): string[] {
  const text = [
    'version: 1',
    `asOf: ${asOf}`,
    'factors:',
    '  domains:',
    `    - { id: own-domain, name: example.org, registrar: gandi, dns: '${personal}' }`,
    '  mailboxes:',
    '    - { id: ops-mail, address: ops@example.org, domain: own-domain }',
    ...factors,
    'accounts:',
    ...accounts.map((line) => `  - ${line}`),
    ...(channels.length > 0 ? ['watch:', '  channels:', ...channels.map((line) => `    - ${line}`)] : []),
    '',
  ].join('\n');
  const result = parseInventory(text, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => `${error.path}: ${error.message}`).join('\n'));
  const inventory = result.inventory;
  const recovery = analyzeRecovery(inventory, { asOf });
  return alertsDependOnWatchedAccount
    .run({ inventory, asOf, recovery })
    .map(
      (draft) =>
        `${draft.account?.id ?? '-'} ${draft.severity ?? alertsDependOnWatchedAccount.meta.severity}: ${draft.message}`,
    );
}

const standalone = (id: string, name: string): string =>
  `{ id: '${id}', name: ${name}, organization: standalone }`;
const topicIn = (id: string, name = 'topic'): string =>
  `{ name: ${name}, kind: sns, topic: 'arn:aws:sns:eu-west-1:${id}:lockout-alerts' }`;
const slack = '{ name: chat, kind: slack, workspace: corp.slack.com }';

describe('alerts-depend-on-watched-account', () => {
  it('fires when the only channel is an SNS topic in the watched account', () => {
    expect(findings([standalone(personal, 'personal')], [topicIn(personal)])).toEqual([
      `${personal} medium: Every alert channel goes through this account: topic (SNS topic lockout-alerts, in this account). If personal is suspended, the alerts stop with it, when they are needed.`,
    ]);
  });

  it('follows mail through its mailbox and domain to the account hosting the zone', () => {
    expect(
      findings([standalone(personal, 'personal')], ['{ name: ops, kind: email, address: ops@example.org }']),
    ).toEqual([
      `${personal} medium: Every alert channel goes through this account: ops (mail to ops@example.org, through example.org, in this account). If personal is suspended, the alerts stop with it, when they are needed.`,
    ]);
  });

  it('follows a webhook to the account it is hosted in', () => {
    expect(
      findings(
        [standalone(personal, 'personal')],
        [`{ name: relay, kind: webhook, hostedIn: '${personal}' }`],
      ),
    ).toHaveLength(1);
  });

  it('is quiet when one channel goes elsewhere: a Slack workspace', () => {
    expect(findings([standalone(personal, 'personal')], [topicIn(personal), slack])).toEqual([]);
  });

  it('judges each account by itself: a topic in another account fires for that account only', () => {
    expect(
      findings([standalone(personal, 'personal'), standalone(other, 'shared-services')], [topicIn(other)]),
    ).toEqual([
      `${other} medium: Every alert channel goes through this account: topic (SNS topic lockout-alerts, in this account). If shared-services is suspended, the alerts stop with it, when they are needed.`,
    ]);
  });

  it("counts the account that pays: a member's topic in its management account goes with the same bill", () => {
    const found = findings(
      [
        `{ id: '${other}', name: acme-management, organization: management }`,
        `{ id: '${personal}', name: acme-member, organization: member, managementAccount: '${other}', payment: { paidBy: management } }`,
      ],
      [topicIn(other)],
    );
    expect(found).toEqual([
      `${other} medium: Every alert channel goes through this account: topic (SNS topic lockout-alerts, in this account). If acme-management is suspended, the alerts stop with it, when they are needed.`,
      `${personal} medium: Every alert channel goes through this account: topic (SNS topic lockout-alerts, in acme-management (suspended with it)). If acme-member is suspended, the alerts stop with it, when they are needed.`,
    ]);
  });

  it('says once, at low severity, when no channel is declared', () => {
    const found = findings([standalone(personal, 'personal'), standalone(other, 'shared-services')], []);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^- low: No alert channel is declared \(watch\.channels\)/);
    // The capability says what to do and that it counts as lost; the finding says what it costs.
    expect(found[0]).not.toMatch(/counts as lost/);
  });
});
