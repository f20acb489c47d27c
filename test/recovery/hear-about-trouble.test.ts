// The capability "hear about trouble in time" (issue 14, channels in the model): its ways are the declared alert
// channels, each lost with what it goes through; a channel in the watched account is lost with that account's
// suspension (the incident's loop), and with no channel declared the capability counts as lost, worded as a
// fact to declare rather than an emergency.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { analyzeRecovery } from '../../src/providers/aws/analysis.js';
import { buildRecoveryGraph, capabilityLabels } from '../../src/providers/aws/recovery-graph.js';
import { whatIfOverTime } from '../../src/providers/aws/what-if-over-time.js';
import { buildCheckReport } from '../../src/report/check-report.js';
import { runChecks } from '../../src/checks/run.js';
import { checks } from '../../src/checks/index.js';
import { cli } from '../support/cli.js';

const account = '111122223333';
const asOf = '2024-06-01';

function parse(text: string): Inventory {
  const result = parseInventory(text, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => `${error.path}: ${error.message}`).join('\n'));
  return result.inventory;
}

/**
 * One standalone account whose root cannot be reached (nothing about it declared), so only the card on file
 * keeps its bill paid; `example.org` is hosted in the account, `elsewhere.example` at a provider.
 */
function inventory(channels: string[]): Inventory {
  return parse(
    [
      'version: 1',
      `asOf: ${asOf}`,
      'factors:',
      '  domains:',
      `    - { id: own-domain, name: example.org, registrar: '${account}', dns: '${account}' }`,
      '    - { id: outside-domain, name: elsewhere.example, registrar: gandi, dns: gandi }',
      '  mailboxes:',
      '    - { id: root-mail, address: root@example.org, domain: own-domain }',
      "  cards: [{ id: card, lastFour: '4242', expires: 2030-01, status: ok }]",
      'accounts:',
      `  - id: '${account}'`,
      '    name: personal',
      '    organization: standalone',
      '    root: { email: root-mail }',
      '    payment: { cards: [card] }',
      ...(channels.length > 0 ? ['watch:', '  channels:', ...channels.map((line) => `    - ${line}`)] : []),
      '',
    ].join('\n'),
  );
}

const snsHere = `{ name: topic, kind: sns, topic: 'arn:aws:sns:eu-west-1:${account}:lockout-alerts' }`;
const mailOutside = '{ name: ops, kind: email, address: alerts@elsewhere.example }';
const slack = '{ name: chat, kind: slack, workspace: corp.slack.com }';

const hear = (of: Inventory) => analyzeRecovery(of, { asOf }).capability(account, 'hear-about-trouble');

describe('hear about trouble in time', () => {
  it('is a capability of every account, labelled by the provider', () => {
    const labels = analyzeRecovery(inventory([snsHere]), { asOf })
      .capabilities.filter((capability) => capability.account.id === account)
      .map((capability) => capability.label);
    expect(labels).toContain(capabilityLabels['hear-about-trouble']);
    expect(capabilityLabels['hear-about-trouble']).toBe('Hear about trouble in time');
  });

  it('has one way per declared channel', () => {
    const result = hear(inventory([snsHere, mailOutside, slack]));
    expect(result.ways.map((way) => way.id)).toEqual(['channel/topic', 'channel/ops', 'channel/chat']);
    expect(result.ways[0]!.label).toBe(
      'SNS topic lockout-alerts in personal (111122223333), eu-west-1 (topic)',
    );
  });

  it('with its only channel an SNS topic in the watched account: holds now, lost once the account is suspended', () => {
    const result = hear(inventory([snsHere]));
    expect(result.status).toBe('at-risk');
    expect(result.eventually).toBeUndefined();
    // Losing the card leaves no way to pay (root is unknown): the bill goes unpaid, the account is suspended at
    // its date, and the topic in it with it.
    const recovery = buildRecoveryGraph(inventory([snsHere]), asOf);
    const gate = `${account}/hear-about-trouble`;
    const lost = whatIfOverTime(recovery, ['card']).capabilities.find((c) => c.gate === gate)!;
    expect(lost.now.after).toBe('at-risk');
    expect(lost.later.after).toBe('lost');
  });

  it('with a channel elsewhere: the same suspension leaves it working', () => {
    const recovery = buildRecoveryGraph(inventory([mailOutside]), asOf);
    const gate = `${account}/hear-about-trouble`;
    const after = whatIfOverTime(recovery, ['card']).capabilities.find((c) => c.gate === gate)!;
    expect(after.now.after).toBe('at-risk');
    expect(after.later.after).toBe('at-risk');
  });

  it('mail on a domain the account hosts is lost with it too, through the domain', () => {
    const recovery = buildRecoveryGraph(
      inventory(['{ name: ops, kind: email, address: alerts@mail.example.org }']),
      asOf,
    );
    const gate = `${account}/hear-about-trouble`;
    const after = whatIfOverTime(recovery, ['card']).capabilities.find((c) => c.gate === gate)!;
    expect(after.later.after).toBe('lost');
    // Losing the domain alone takes it: the address's domain is linked as a mailbox's is.
    expect(
      hear(
        inventory(['{ name: ops, kind: email, address: alerts@mail.example.org }']),
      ).singlePointsOfFailure.map((f) => f.id),
    ).toContain('own-domain');
  });

  it('one channel is one loss away; two that share nothing hold', () => {
    const one = hear(inventory([mailOutside]));
    // The channel itself, and the domain its address is on.
    expect(one.singlePointsOfFailure.map((factor) => factor.id).sort()).toEqual([
      'outside-domain',
      'watch/ops',
    ]);
    const two = hear(inventory([mailOutside, slack]));
    expect(two.status).toBe('at-risk');
    expect(two.singlePointsOfFailure).toEqual([]);
  });

  it('a Slack channel is lost with its admin, a channel with what it depends on', () => {
    const result = hear(
      parse(
        [
          'version: 1',
          `asOf: ${asOf}`,
          'factors:',
          '  people: [{ id: ana, name: Ana }]',
          '  devices: [{ id: ana-phone, kind: phone, holder: ana }]',
          'accounts:',
          `  - { id: '${account}', name: personal, organization: standalone }`,
          'watch:',
          '  channels:',
          '    - { name: chat, kind: slack, workspace: corp.slack.com, admin: ana, dependsOn: [ana-phone] }',
          '',
        ].join('\n'),
      ),
    );
    expect(result.singlePointsOfFailure.map((factor) => factor.id).sort()).toEqual([
      'ana',
      'ana-phone',
      'watch/chat',
    ]);
  });

  it('with no channel declared: lost, as an unknown to declare, not an emergency', () => {
    const result = hear(inventory([]));
    expect(result.status).toBe('lost');
    expect(result.ways).toEqual([]);
    const analysis = analyzeRecovery(inventory([]), { asOf });
    const report = buildCheckReport({
      inventoryFile: 'inline.yaml',
      analysis,
      findings: [],
      version: 'test',
    });
    const capability = report.accounts[0]!.capabilities.find((c) => c.id === 'hear-about-trouble')!;
    expect(capability.state).toBe('unknown');
    expect(capability.improve).toBe(
      'declare an alert channel (watch.channels) and run lockout watch: until then it counts as lost',
    );
  });
});

describe('the incident example (no channel)', () => {
  it('reads hear about trouble as unknown, and says to declare a channel and run lockout watch', async () => {
    const { stdout } = await cli(['check', '--example', 'incident', '--no-color', '--fail-on', 'none']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /Hear about trouble in time unknown next step: declare an alert channel \(watch\.channels\) and run lockout watch: until then it counts as lost/,
    );
    expect(text).toContain(
      'Declare an alert channel (watch.channels) and run lockout watch: until then hear about trouble in time counts as lost',
    );
    expect(text).not.toMatch(/alert channel \(lockout init\)/);
  });

  it('with its only channel an SNS topic in the account: the finding fires, and whatif shows it lost with the account', async () => {
    const text = readFileSync(new URL('../../examples/incident-2022.yaml', import.meta.url), 'utf8');
    const withTopic = `${text}\nwatch:\n  channels:\n    - name: alerts\n      kind: sns\n      topic: arn:aws:sns:ap-northeast-1:${account}:lockout-alerts\n`;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lockout-hear-')), 'incident-sns.yaml');
    writeFileSync(file, withTopic);
    const analysis = analyzeRecovery(parse(withTopic), { asOf: '2022-06-09' });
    const findings = runChecks(checks, {
      inventory: parse(withTopic),
      asOf: '2022-06-09',
      recovery: analysis,
    });
    expect(
      findings.filter((f) => f.checkId === 'alerts-depend-on-watched-account').map((f) => f.message),
    ).toEqual([
      'Every alert channel goes through this account: alerts (SNS topic lockout-alerts, in this account). If personal is suspended, the alerts stop with it, when they are needed.',
    ]);
    // Losing the password store leaves the revoked card unreplaceable in time: the account is suspended at the
    // deadline, and the topic in it with it.
    const { stdout } = await cli(['whatif', file, '--lose', 'keepass', '--deadline', '2022-06-30']);
    expect(stdout).toMatch(/Hear about trouble in time +one loss away → lost after 2022-06-30\n/);
  });
});
