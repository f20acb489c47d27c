// `lockout watch` without --offline: each round scans AWS with `lockout scan`'s pipeline (moto_server on
// 127.0.0.1 stands in for AWS), compares with the last round in a real SQLite store, and posts to a signed
// webhook on 127.0.0.1. A scan that cannot start is one line, exit 2, and records no round.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccountClient,
  DeleteAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runWatch } from '../../src/cli/watch-command.js';
import type { Responder } from '../../src/providers/aws/scan/clients.js';
import type { WatchPayload } from '../../src/watch/index.js';
import { cli } from '../support/cli.js';
import { motoClientConfig, resetMoto, startMotoServer, type MotoServer } from '../aws/moto-server.js';
import { buildOrganization } from '../aws/organization-fixture.js';
import { useWatchSandbox } from './sandbox.js';

const key = 'scan-round-test-key';
let moto: MotoServer;

beforeAll(async () => {
  moto = await startMotoServer();
}, 60_000);

afterAll(async () => {
  await moto.stop();
});

const sandbox = useWatchSandbox('lockout-watch-scan-', key, { opsWebhookEnv: true });

beforeEach(async () => {
  await resetMoto(moto.url);
});

const watch = (...extra: string[]) =>
  cli([
    'watch',
    '--endpoint-url',
    moto.url,
    '--region',
    'us-east-1',
    '--max-attempts',
    '1',
    '--store',
    sandbox.storeFile,
    '--webhook',
    'ops',
    '--retry-delay',
    '0.01',
    ...extra,
  ]);

function payloads(): WatchPayload[] {
  return sandbox.receiver.received.map((message) => message.payload as WatchPayload);
}

function rounds(): { mode: string; scope: string }[] {
  const db = new Sqlite(sandbox.storeFile, { readonly: true });
  try {
    return db.prepare('SELECT mode, scope FROM watch_rounds ORDER BY id').all() as {
      mode: string;
      scope: string;
    }[];
  } finally {
    db.close();
  }
}

const billingContact = {
  AlternateContactType: 'BILLING' as const,
  EmailAddress: 'billing@example.org',
  Name: 'Billing desk',
  PhoneNumber: '+1-206-555-0100',
  Title: 'Accounts payable',
};

describe('lockout watch, scan rounds against moto_server', () => {
  it('two rounds with nothing changed send nothing; removing the billing contact sends one message naming it', async () => {
    const account = new AccountClient(motoClientConfig(moto.url));
    await account.send(new PutAlternateContactCommand(billingContact));
    // The inventory declares the billing contact's mailbox, so the scan counts it as one that works.
    const inventory = join(sandbox.dir, 'lockout.yaml');
    writeFileSync(
      inventory,
      [
        'version: 1',
        'factors:',
        '  mailboxes:',
        '    - { id: billing-desk, address: billing@example.org, provider: gmail }',
        '    - { id: root-mail, address: root@example.org, provider: gmail }',
        'accounts:',
        "  - { id: '123456789012', name: main, organization: standalone, root: { email: root-mail } }",
        '',
      ].join('\n'),
    );
    const scanWatch = () => watch('--inventory', inventory);

    const first = await scanWatch();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Round 1: \d+ alerts? \(\d+ new\)/);
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(payloads()[0]!.round.mode).toBe('scan');
    // The baseline knows the billing contact is there.
    expect(payloads()[0]!.alerts.some((alert) => /billing contact/i.test(alert.title))).toBe(false);

    const second = await scanWatch();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Round 2: no change, nothing to send');
    expect(sandbox.receiver.received).toHaveLength(1);

    await account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'BILLING' }));
    const third = await scanWatch();
    expect(third.code).toBe(0);
    expect(sandbox.receiver.received).toHaveLength(2);
    const alerts = payloads()[1]!.alerts;
    const named = alerts.filter((alert) => /billing contact/i.test(alert.title));
    expect(named.map((alert) => [alert.change, alert.key])).toEqual([
      ['new', 'finding:alternate-billing-contact-missing:123456789012:'],
    ]);
    // Root's mailbox now takes billing notices alone: its single point worsens, and the pair it formed with
    // the billing desk is not reported as cleared (it is part of something worse).
    expect(alerts.map((alert) => [alert.change, alert.key])).toEqual([
      ['worsened', 'single-point:123456789012:root-mail'],
      ['new', 'finding:alternate-billing-contact-missing:123456789012:'],
    ]);
    expect(alerts[0]!.message).toContain('Receive billing notices');

    // Recorded as scan rounds of the account that scans, with the inventory reconciled.
    const scope = `scan:123456789012:${inventory}`;
    expect(rounds()).toEqual([
      { mode: 'scan', scope },
      { mode: 'scan', scope },
      { mode: 'scan', scope },
    ]);
    // The scan is remembered for history as lockout scan does.
    const history = await cli(['history', '--store', sandbox.storeFile]);
    expect(history.stdout.split('\n').filter((line) => /123456789012/.test(line))).toHaveLength(3);
  }, 120_000);

  it('a payment signal from AWS Billing between rounds is one alert of its own, titled as such', async () => {
    let actions: { type: string; severity: string }[] = [];
    // moto has no BCM Recommended Actions: the test answers that one API, as AWS shapes it.
    const responder: Responder = (operation) =>
      operation === 'BCMRecommendedActions:ListRecommendedActions'
        ? { recommendedActions: actions.map((action, index) => ({ id: `ra-${index}`, ...action })) }
        : undefined;
    const round = () =>
      runWatch(
        undefined,
        {
          endpointUrl: moto.url,
          region: 'us-east-1',
          maxAttempts: 1,
          store: sandbox.storeFile,
          webhook: ['ops'],
          retries: 0,
          retryDelay: 10,
          responder,
        },
        () => undefined,
      );
    await round();
    expect(payloads()[0]!.alerts.filter((alert) => alert.kind === 'payment')).toEqual([]);
    expect((await round()).output).toContain('no change');

    actions = [{ type: 'PAYMENTS_PAST_DUE', severity: 'CRITICAL' }];
    await round();
    expect(sandbox.receiver.received).toHaveLength(2);
    expect(payloads()[1]!.alerts).toEqual([
      expect.objectContaining({
        change: 'new',
        kind: 'payment',
        severity: 'critical',
        key: 'payment:123456789012:PAYMENTS_PAST_DUE',
        title: 'AWS Billing reports a payment signal: PAYMENTS_PAST_DUE (123456789012)',
      }),
    ]);
    // The check's finding is not a second alert for the same signal.
    expect(payloads()[1]!.alerts.some((alert) => alert.key.startsWith('finding:payment-trouble'))).toBe(
      false,
    );

    actions = [];
    await round();
    expect(payloads()[2]!.alerts.map((alert) => [alert.change, alert.key])).toEqual([
      ['resolved', 'payment:123456789012:PAYMENTS_PAST_DUE'],
    ]);
  }, 120_000);

  it('--org watches every member of the Organization with the same pipeline as lockout scan --org', async () => {
    const organization = await buildOrganization(moto.url, { members: 2 });
    const first = await watch('--org');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const accounts = new Set(payloads()[0]!.alerts.map((alert) => alert.accountId));
    for (const member of organization.members) expect(accounts).toContain(member.id);
    expect(accounts).toContain(organization.managementAccountId);

    const second = await watch('--org');
    expect(second.stdout).toContain('Round 2: no change, nothing to send');
    expect(sandbox.receiver.received).toHaveLength(1);
    expect(rounds().map((round) => round.scope)).toEqual([
      `scan:${organization.managementAccountId}:org:-`,
      `scan:${organization.managementAccountId}:org:-`,
    ]);
  }, 120_000);

  it('--offline with scan options is refused in one line naming them, and --help lists the scan options', async () => {
    const both = await cli(['watch', '--offline', '--example', 'small-team', '--org', '--external-id', 'x']);
    expect(both.code).toBe(2);
    // --profile and --endpoint-url are not refused: an SNS channel uses them too.
    expect(both.stderr).toMatch(
      /^lockout: --offline watches the inventory alone: --org, --external-id are for a scan round\n/,
    );
    const help = await cli(['watch', '--help']);
    for (const option of [
      '--inventory',
      '--org',
      '--profile',
      '--endpoint-url',
      '--every',
      '--deadline',
      '--stale-after',
      '--remind-every',
    ])
      expect(help.stdout).toContain(option);
  });

  it('a scan that cannot start is one line, exit 2, and records no round: the next compares with the last good one', async () => {
    expect((await watch()).code).toBe(0);
    expect(sandbox.receiver.received).toHaveLength(1);

    const down = await cli([
      'watch',
      '--endpoint-url',
      'http://127.0.0.1:9',
      '--max-attempts',
      '1',
      '--store',
      sandbox.storeFile,
      '--webhook',
      'ops',
    ]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(
      /^lockout: could not reach AWS at http:\/\/127\.0\.0\.1:9: connection refused/,
    );
    expect(down.stderr).not.toContain('    at ');
    expect(down.stdout).toBe('');
    expect(rounds()).toHaveLength(1);

    const again = await watch();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Round 2: no change, nothing to send');
    expect(sandbox.receiver.received).toHaveLength(1);
  }, 120_000);
});
