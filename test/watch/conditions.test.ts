// The conditions a round alerts on beyond findings, capability states and expiries: a new single point of
// failure, a member suspended or closing, the payment deadline at its lead times, attested facts not verified
// for too long, and reminders of what stands unchanged. Rounds run against a real SQLite store and a signed
// webhook on 127.0.0.1; the member states come from a scan result shaped as the scanner builds it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInventory } from '../../src/check.js';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { buildRecoveryGraph, untilDeadline } from '../../src/providers/aws/recovery-graph.js';
import {
  compareConditions,
  conditionsOf,
  parsePeriod,
  periodBefore,
  watchRound,
  webhookChannel,
  type Alert,
  type Period,
  type WatchPayload,
} from '../../src/watch/index.js';
import { accountFacts, scanResult } from '../checks/scan-fixtures.js';
import { useWatchSandbox } from './sandbox.js';
import { smallTeam } from './fixture.js';

const key = 'conditions-test-key';
const billingContact = '    billingContact: { mailbox: sora-mailbox, verified: 2025-05-30 }\n';

const sandbox = useWatchSandbox('lockout-watch-conditions-', key, { openStore: true });

async function round(
  file: string,
  asOf: string,
  options: { deadline?: string; staleAfter?: Period; remindEvery?: Period } = {},
) {
  const input = await readInventoryInput(file, { asOf });
  return watchRound({
    store: sandbox.store,
    input,
    channels: [webhookChannel({ name: 'ops', url: sandbox.receiver.url, key })],
    retry: { attempts: 1, baseDelayMs: 5 },
    dryRun: false,
    ...options,
  });
}

const changes = (outcome: { alerts: { change: string; key: string }[] }) =>
  outcome.alerts.map((alert) => [alert.change, alert.key]);

describe('watch conditions', () => {
  // Found by a fault probe: one check's findings on different factors of one account had one title, so a
  // round's lines (an e-mail's subject, a Slack message) said the same thing twice without naming the factor.
  it('findings of one check on one account have titles of their own, naming their factors', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const { conditions } = await round(file, '2025-06-01');
    const findings = conditions.filter((c) => c.kind === 'finding');
    const titles = findings.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
    const single = findings.filter((c) => c.key.startsWith('finding:single-point-of-failure:777788889999:'));
    expect(single.length).toBeGreaterThan(1);
    for (const condition of single) {
      const factors = condition.key.split(':')[3]!;
      expect(condition.title).toBe(
        `A single factor whose loss alone takes a capability: ${factors.split(',').join(', ')} (acme-production)`,
      );
    }
  });

  it('a new single point of failure is one alert naming it and what it takes, and not again next round', async () => {
    const file = sandbox.writeInventory(smallTeam);
    const first = await round(file, '2025-06-01');
    expect(first.conditions.map((c) => c.key)).not.toContain('single-point:444455556666:aws-root-mailbox');

    // Without finance as the alternate billing contact, billing notices reach root's mailbox alone.
    expect(smallTeam).toContain(billingContact);
    sandbox.writeInventory(smallTeam.replace(billingContact, ''));
    const second = await round(file, '2025-06-01');
    const points = second.alerts.filter((alert) => alert.kind === 'single-point');
    // New for the management account; for the members, whose bills it pays, it now takes one more capability.
    expect(points.map((alert) => [alert.change, alert.key])).toEqual([
      ['new', 'single-point:444455556666:aws-root-mailbox'],
      ['worsened', 'single-point:777788889999:aws-root-mailbox'],
      ['worsened', 'single-point:123456789012:aws-root-mailbox'],
    ]);
    expect(points[0]).toMatchObject({
      severity: 'high',
      title:
        'Shared group address for every root user (plus-addressed per account) is a single point of failure (acme-management)',
    });
    expect(points[0]!.message).toContain('alone takes Receive billing notices');

    expect((await round(file, '2025-06-01')).alerts).toEqual([]);
  });

  it('the payment deadline is a date reminded at each lead time, once each', async () => {
    const file = sandbox.writeInventory(smallTeam);
    await round(file, '2025-06-01', { deadline: '2025-06-30' });
    const deadline = (await round(file, '2025-06-01', { deadline: '2025-06-30' })).conditions.find(
      (c) => c.key === 'date:payment-deadline:2025-06-30',
    );
    expect(deadline).toMatchObject({
      kind: 'date',
      title: 'The payment deadline (suspension date 2025-06-30) falls within 30 days',
    });
    expect(sandbox.receiver.received).toHaveLength(1);

    const week = await round(file, '2025-06-24', { deadline: '2025-06-30' });
    expect(changes(week)).toContainEqual(['reminder', 'date:payment-deadline:2025-06-30']);
    expect(week.alerts.find((a) => a.key === 'date:payment-deadline:2025-06-30')!.title).toBe(
      'The payment deadline (suspension date 2025-06-30) falls within 7 days',
    );
    const again = await round(file, '2025-06-24', { deadline: '2025-06-30' });
    expect(again.alerts).toEqual([]);

    const passed = await round(file, '2025-07-01', { deadline: '2025-06-30' });
    expect(passed.alerts.find((a) => a.key === 'date:payment-deadline:2025-06-30')).toMatchObject({
      change: 'reminder',
      title: 'The payment deadline (suspension date 2025-06-30) passed on 2025-06-30',
    });
  });

  it('an attested fact not verified for longer than --stale-after is one reminder, again only on --remind-every', async () => {
    const file = sandbox.writeInventory(smallTeam);
    // Six months before 2025-10-05 is 2025-04-05: only the office line (2025-04-01) and the passport
    // (2025-01-10) were verified before.
    const first = await round(file, '2025-10-05');
    const stale = first.alerts.filter((alert) => alert.kind === 'stale-fact');
    expect(changes({ alerts: stale })).toEqual([
      ['new', 'stale-fact:factor:office-number'],
      ['new', 'stale-fact:factor:mika-passport'],
    ]);
    expect(stale[0]!.title).toBe(
      'Re-check Office line (reception forwards calls to Mika or Ren): last verified on 2025-04-01',
    );
    expect(stale[0]!.message).toContain('187 days before 2025-10-05 (more than 6 months)');
    expect(stale[0]!.message).toContain('factor office-number');

    // Without reminders, a stale fact is said once.
    expect((await round(file, '2025-10-12')).alerts).toEqual([]);
    // With a weekly reminder: not before a week has passed since the last alert (2025-10-05), then once.
    const weekly = { remindEvery: parsePeriod('7d')! };
    expect((await round(file, '2025-10-11', weekly)).alerts).toEqual([]);
    const reminded = await round(file, '2025-10-12', weekly);
    expect(changes(reminded)).toEqual(
      expect.arrayContaining([
        ['reminder', 'stale-fact:factor:office-number'],
        ['reminder', 'stale-fact:factor:mika-passport'],
      ]),
    );
    expect(reminded.alerts.every((alert) => alert.change === 'reminder')).toBe(true);
    expect((await round(file, '2025-10-18', weekly)).alerts).toEqual([]);
    expect((await round(file, '2025-10-19', weekly)).alerts.length).toBe(reminded.alerts.length);
    const messages = sandbox.receiver.received.map((message) => message.payload as WatchPayload);
    expect(messages.map((message) => message.round.asOf)).toEqual(['2025-10-05', '2025-10-12', '2025-10-19']);

    // Re-checked: the reminder resolves.
    sandbox.writeInventory(smallTeam.replace('verified: 2025-04-01', 'verified: 2025-10-19'));
    const rechecked = await round(file, '2025-10-19', weekly);
    expect(changes(rechecked)).toEqual([['resolved', 'stale-fact:factor:office-number']]);
  });

  it('--stale-after takes days, weeks, months or years; months are calendar months', () => {
    expect(parsePeriod('6m')).toEqual({ count: 6, unit: 'm' });
    expect(parsePeriod('180')).toEqual({ count: 180, unit: 'd' });
    expect(parsePeriod('2w')).toEqual({ count: 2, unit: 'w' });
    expect(parsePeriod('soon')).toBeUndefined();
    expect(parsePeriod('0d')).toBeUndefined();
    expect(periodBefore('2026-08-31', { count: 6, unit: 'm' })).toBe('2026-02-28');
    expect(periodBefore('2026-03-01', { count: 1, unit: 'y' })).toBe('2025-03-01');
    expect(periodBefore('2026-03-01', { count: 2, unit: 'w' })).toBe('2026-02-15');
  });

  it('a member suspended, then pending closure, is one alert each, titled by its state', async () => {
    const input = await readInventoryInput(sandbox.writeInventory(smallTeam), { asOf: '2025-06-01' });
    const { report, analysis } = checkInventory(
      input,
      buildRecoveryGraph(input.inventory, input.asOf, untilDeadline(input.asOf, undefined)),
      { graph: false },
    );
    const member = (state: string) =>
      accountFacts({ accountId: '777788889999', organizationRole: 'member', state, name: 'production' });
    const conditions = (state: string) =>
      conditionsOf({
        report,
        analysis,
        inventory: input.inventory,
        asOf: input.asOf,
        scan: scanResult([member(state)]),
      });

    expect(conditions('ACTIVE').filter((c) => c.kind === 'account-state')).toEqual([]);
    const suspended = compareConditions(conditions('ACTIVE'), conditions('SUSPENDED'));
    expect(suspended).toEqual([
      expect.objectContaining({
        change: 'new',
        kind: 'account-state',
        severity: 'critical',
        key: 'account-state:777788889999:SUSPENDED',
        // The inventory's name for the account.
        title: 'acme-production is suspended',
      }),
    ]);
    expect(
      compareConditions(conditions('SUSPENDED'), conditions('PENDING_CLOSURE')).map((a) => [
        a.change,
        a.title,
      ]),
    ).toEqual([
      ['new', 'acme-production is pending closure'],
      ['resolved', 'acme-production is suspended'],
    ]);
  });
});

describe('capability conditions', () => {
  it('a capability counted as lost only through facts Lockout cannot see is unknown (medium), not lost (critical)', async () => {
    // No alert channel is declared: "hear about trouble" is lost only because its channel is unknown.
    const file = sandbox.writeInventory(smallTeam.replace(/\nwatch:[\s\S]*$/, '\n'));
    const outcome = await round(file, '2025-06-01');
    const input = await readInventoryInput(file, { asOf: '2025-06-01' });
    const recovery = buildRecoveryGraph(input.inventory, input.asOf, untilDeadline(input.asOf, undefined));
    const { report } = checkInventory(input, recovery, { graph: false });
    const unknown = report.accounts.flatMap((account) =>
      account.capabilities
        .filter((c) => c.state === 'unknown')
        .map((c) => `capability:${account.id}:${c.id}`),
    );
    const knownLost = report.accounts.flatMap((account) =>
      account.capabilities
        .filter((c) => c.state === 'lost-now')
        .map((c) => `capability:${account.id}:${c.id}`),
    );
    expect(unknown.length).toBeGreaterThan(0);
    for (const key of unknown) {
      const condition = outcome.conditions.find((c) => c.key === key);
      expect(condition, key).toMatchObject({
        severity: 'medium',
        title: expect.stringMatching(/ unknown \(/) as unknown,
      });
      expect(condition!.message).toMatch(/cannot be judged|unknown/);
      expect(condition!.title).not.toMatch(/ lost /);
    }
    for (const key of knownLost)
      expect(outcome.conditions.find((c) => c.key === key)?.severity).toBe('critical');
  });
});

describe('a capability held only by ways of days', () => {
  // The incident's root sign-in: its only way left, identity verification by AWS Support, takes about 9 days.
  const incident = readFileSync('examples/incident-2022.yaml', 'utf8');
  const conditionsAt = async (text: string) => {
    const input = await readInventoryInput(sandbox.writeInventory(text), {});
    const { report, analysis } = checkInventory(
      input,
      buildRecoveryGraph(input.inventory, input.asOf, untilDeadline(input.asOf, undefined)),
      { graph: false },
    );
    return conditionsOf({ report, analysis, inventory: input.inventory, asOf: input.asOf });
  };
  const rootKey = 'capability:111122223333:root-sign-in';
  const root = (alerts: Alert[]) => alerts.filter((alert) => alert.key === rootKey);

  it('alerts as worse than at risk, and losing it after that alerts again', async () => {
    // The old phone still in hand: its authenticator signs in within minutes.
    const phoneHeld = incident.replace(/(- id: old-phone\n(?: {6}.*\n)*?) {6}state: lost\n/, '$1');
    expect(phoneHeld).not.toBe(incident);
    const documentsLost = incident.replace(
      /( {6}expires: 20(?:29-08-31|25-09-30)\n)/g,
      '$1      state: lost\n',
    );
    // One after the other: each writes the sandbox's inventory file.
    const fast = await conditionsAt(phoneHeld);
    const slow = await conditionsAt(incident);
    const lost = await conditionsAt(documentsLost);
    expect(root(compareConditions(fast, slow))).toEqual([
      expect.objectContaining({
        change: 'worsened',
        severity: 'critical',
        title: 'Sign in as root has no fast way (personal)',
        message: expect.stringMatching(
          /^personal \(111122223333\): Sign in as root has no way back within a day: get back a way that takes less than a day/,
        ) as unknown,
      }),
    ]);
    expect(root(compareConditions(slow, lost))).toEqual([
      expect.objectContaining({ change: 'worsened', title: 'Sign in as root lost (personal)' }),
    ]);
    // Getting better says nothing.
    expect(root(compareConditions(lost, slow))).toEqual([]);
    expect(root(compareConditions(slow, fast))).toEqual([]);
  });
});
