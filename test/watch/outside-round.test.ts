/**
 * `lockout watch` rounds that scan the organisations outside AWS, alone or with AWS: an outside drift between
 * two rounds (an owner added, 2FA no longer required, a super admin losing 2-Step Verification, a fact
 * becoming unknown) is an alert sent to the webhook, as an AWS one is. GitHub and Google Workspace answer with
 * recorded responses on 127.0.0.1 in the shapes of their documented APIs (test/scan-outside/fixtures.ts); AWS,
 * in the round with it, by the scanner's responder hook against a closed local port.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_INPUT } from '../../src/cli/errors.js';
import { runWatch, type WatchCommandOptions } from '../../src/cli/watch-command.js';
import { googleWorkspaceCalls } from '../../src/providers/google-workspace/scan/scan.js';
import { globalAdministratorTemplateId, graphCalls } from '../../src/providers/microsoft/scan/scan.js';
import { listScans, openStore } from '../../src/store/index.js';
import type { WatchPayload } from '../../src/watch/index.js';
import { cli } from '../support/cli.js';
import {
  acmeAnswers,
  acmeDeclared,
  googleTestAuth,
  standaloneAws,
  superAdminsAnswer,
} from '../scan-outside/fixtures.js';
import { recordedServer, type RecordedServer } from '../scan-outside/recorded-server.js';
import { useWatchSandbox } from './sandbox.js';

const key = 'outside-round-test-key';
const sandbox = useWatchSandbox('lockout-watch-outside-', key, { opsWebhookEnv: true });

let servers: RecordedServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(routes: Parameters<typeof recordedServer>[0]): Promise<RecordedServer> {
  const server = await recordedServer(routes);
  servers.push(server);
  return server;
}

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

/** A round watching GitHub's acme through the command line, the token in the environment. */
async function githubRound(answers: Parameters<typeof recordedServer>[0], ...extra: string[]) {
  const github = await serve(answers);
  vi.stubEnv('GITHUB_TOKEN', 'ghp_watchtest');
  return cli([
    'watch',
    '--github-org',
    'acme',
    '--github-api-url',
    github.baseUrl,
    '--store',
    sandbox.storeFile,
    '--webhook',
    'ops',
    '--retry-delay',
    '0.01',
    ...extra,
  ]);
}

const watchOptions = (extra: Partial<WatchCommandOptions>): WatchCommandOptions => ({
  store: sandbox.storeFile,
  webhook: ['ops'],
  retries: 0,
  retryDelay: 10,
  ...extra,
});

describe('lockout watch, rounds outside AWS', () => {
  it('an owner added and 2FA no longer required at GitHub are new alerts of the next round; no AWS call', async () => {
    const first = await githubRound(acmeAnswers(['ana', 'ben'], [], true));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Round 1: \d+ alerts? \(\d+ new\)/);
    // The baseline names acme's owners; nothing about its 2FA requirement, which holds.
    const baseline = payloads()[0]!;
    expect(baseline.round.mode).toBe('scan');
    expect(baseline.alerts.map((alert) => alert.title)).toEqual(
      expect.arrayContaining([
        'ana is an owner of GitHub organisation acme',
        'ben is an owner of GitHub organisation acme',
      ]),
    );
    expect(baseline.alerts.some((alert) => /require/.test(alert.title))).toBe(false);

    const same = await githubRound(acmeAnswers(['ana', 'ben'], [], true));
    expect(same.stdout).toContain('Round 2: no change, nothing to send');

    const drifted = await githubRound(acmeAnswers(['ana', 'ben', 'mallory'], ['mallory'], false));
    expect(drifted.code).toBe(0);
    expect(sandbox.receiver.received).toHaveLength(2);
    const alerts = payloads()[1]!.alerts;
    const newOnes = alerts.filter((alert) => alert.change === 'new');
    expect(newOnes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'high',
          title: 'GitHub organisation acme does not require 2FA',
        }),
        expect.objectContaining({
          severity: 'info',
          title: 'mallory is an owner of GitHub organisation acme',
        }),
        expect.objectContaining({
          severity: 'high',
          title: 'owner mallory of GitHub organisation acme has no 2FA',
        }),
      ]),
    );
    expect(alerts.some((alert) => alert.change === 'resolved' && /ana|ben/.test(alert.title))).toBe(false);
    expect(drifted.stdout).toMatch(/new\s+high\s+GitHub organisation acme does not require 2FA/);
    // Watched under the organisation, as a scan round; the token never reaches the store or a message.
    expect(rounds().map((round) => round.mode)).toEqual(['scan', 'scan', 'scan']);
    expect(rounds()[0]!.scope).toBe('outside:github-organization=acme:-');
    expect(JSON.stringify(payloads())).not.toContain('ghp_watchtest');
    // The messages are the documented payload, outside conditions included.
    const schema: unknown = JSON.parse(
      readFileSync(new URL('../../schema/watch-payload.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(
      schema as object,
    );
    for (const payload of payloads()) expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);

    // Each round's run is in the history, with no AWS account.
    const store = openStore(sandbox.storeFile);
    try {
      const history = listScans(store);
      expect(history).toHaveLength(3);
      expect(history[0]).toMatchObject({ accounts: 0, outside: ['GitHub organisation acme'] });
      expect(history[0]!.callerAccountId).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('a super admin losing 2-Step Verification, then the admins becoming unknown, are alerts of their rounds', async () => {
    const round = async (routes: Parameters<typeof recordedServer>[0]) => {
      const google = await serve(routes);
      return runWatch(
        undefined,
        watchOptions({
          googleWorkspace: true,
          googleApiUrl: `${google.baseUrl}/`,
          outsideCredentials: { googleAuth: googleTestAuth() },
        }),
        () => {},
        process.env,
      );
    };
    const enrolled = superAdminsAnswer([
      { email: 'ana@example.com', enrolled: true, enforced: true },
      { email: 'ben@example.com', enrolled: true, enforced: true },
    ]);
    await round(enrolled);
    expect(payloads()[0]!.alerts.map((alert) => alert.title)).toContain(
      'ben@example.com is a super admin of Google Workspace my_customer',
    );

    await round(
      superAdminsAnswer([
        { email: 'ana@example.com', enrolled: true, enforced: true },
        { email: 'ben@example.com', enrolled: false, enforced: false },
      ]),
    );
    // Enforcement is read per super admin: one without it means the Workspace no longer requires it.
    expect(payloads()[1]!.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          change: 'new',
          severity: 'high',
          title: 'super admin ben@example.com of Google Workspace my_customer has no 2-Step Verification',
        }),
        expect.objectContaining({
          change: 'new',
          severity: 'high',
          title: 'Google Workspace my_customer does not require 2-Step Verification',
        }),
      ]),
    );
    expect(payloads()[1]!.alerts.every((alert) => alert.change === 'new')).toBe(true);

    // The token no longer reads the users: unknown, never safe, and not worded as an emergency.
    await round({ 'GET /admin/directory/v1/users?': [{ status: 403, body: { error: { code: 403 } } }] });
    const third = payloads()[2]!.alerts;
    expect(third).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          change: 'new',
          severity: 'medium',
          title: expect.stringMatching(/unknown/) as unknown,
        }),
        expect.objectContaining({
          change: 'resolved',
          title: expect.stringMatching(/ben@example.com/) as unknown,
        }),
      ]),
    );
    const unknown = third.find((alert) => alert.key.startsWith('finding:outside-unknown:'))!;
    expect(unknown).toMatchObject({ change: 'new', severity: 'medium' });
    expect(unknown.message).toContain(googleWorkspaceCalls.superAdmins.call);
  });

  it('an Entra Global Administrator losing MFA, then the registrations becoming unreadable, are alerts', async () => {
    // Microsoft Graph's documented shapes, as in test/scan-outside/entra-scan.test.ts (fields shortened).
    const entraAnswers = (registrations: readonly unknown[] | 'denied') => ({
      [`GET /v1.0/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`]: [
        {
          body: {
            value: ['AlexW@contoso.com', 'AdeleV@contoso.com'].map((upn, index) => ({
              '@odata.type': '#microsoft.graph.user',
              id: String(index + 1),
              userPrincipalName: upn,
            })),
          },
        },
      ],
      'GET /v1.0/reports/authenticationMethods/userRegistrationDetails': [
        registrations === 'denied'
          ? {
              status: 403,
              body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
            }
          : { body: { value: registrations } },
      ],
    });
    const registered = (upn: string, mfa: boolean) => ({
      userPrincipalName: upn,
      isMfaRegistered: mfa,
      methodsRegistered: mfa ? ['fido2SecurityKey'] : [],
    });
    const round = async (routes: Parameters<typeof recordedServer>[0]) => {
      const graph = await serve(routes);
      return runWatch(
        undefined,
        watchOptions({
          entra: true,
          graphApiUrl: graph.baseUrl,
          outsideCredentials: { graphToken: () => Promise.resolve('entra-watch-token') },
        }),
        () => {},
        process.env,
      );
    };
    await round(
      entraAnswers([registered('AlexW@contoso.com', true), registered('AdeleV@contoso.com', true)]),
    );
    const baseline = payloads()[0]!.alerts.map((alert) => alert.title);
    expect(baseline).toEqual(
      expect.arrayContaining([
        'AlexW@contoso.com is a Global Administrator of Microsoft Entra tenant (tenant of the credentials)',
        'AdeleV@contoso.com is a Global Administrator of Microsoft Entra tenant (tenant of the credentials)',
      ]),
    );
    expect(baseline.some((title) => /no (second step|MFA)/.test(title))).toBe(false);

    await round(
      entraAnswers([registered('AlexW@contoso.com', true), registered('AdeleV@contoso.com', false)]),
    );
    const lost = payloads()[1]!.alerts.filter((alert) => alert.change === 'new');
    // One alert, said once: without an inventory it is no contradiction of one.
    expect(lost).toEqual([
      expect.objectContaining({
        severity: 'high',
        title:
          'Global Administrator AdeleV@contoso.com of Microsoft Entra tenant (tenant of the credentials) has no MFA',
      }),
    ]);

    // The token no longer reads the registrations: unknown (medium), never safe, never an emergency.
    await round(entraAnswers('denied'));
    const third = payloads()[2]!.alerts;
    const unknown = third.filter(
      (alert) => alert.change === 'new' && alert.key.startsWith('finding:outside-unknown:'),
    );
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((alert) => alert.severity === 'medium')).toBe(true);
    expect(unknown.map((alert) => alert.message).join(' ')).toContain(graphCalls.registration.call);
    expect(third.some((alert) => alert.severity === 'critical')).toBe(false);
    expect(rounds()[0]!.scope).toMatch(/^outside:.*entra|^outside:.*microsoft/);
    expect(JSON.stringify(payloads())).not.toContain('entra-watch-token');
  });

  it('with --aws, one round scans AWS and GitHub; the outside drift alerts under the AWS watch', async () => {
    const aws = standaloneAws();
    const inventory = sandbox.writeInventory(
      [
        'version: 1',
        'accounts:',
        "  - { id: '111122223333', name: main, organization: standalone }",
        ...acmeDeclared,
        '',
      ].join('\n'),
    );
    const round = async (answers: Parameters<typeof recordedServer>[0]) => {
      const github = await serve(answers);
      return runWatch(
        inventory,
        watchOptions({
          aws: true,
          endpointUrl: 'http://127.0.0.1:9',
          region: 'us-east-1',
          maxAttempts: 1,
          responder: aws,
          githubOrg: 'acme',
          githubApiUrl: github.baseUrl,
        }),
        () => {},
        { ...process.env, GITHUB_TOKEN: 'ghp_watchtest' },
      );
    };
    await round(acmeAnswers(['ana', 'ben'], [], true));
    expect(payloads()[0]!.alerts.some((alert) => alert.accountId === '111122223333')).toBe(true);
    await round(acmeAnswers(['ana', 'ben'], [], false));
    const alerts = payloads()[1]!.alerts;
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'new', title: 'GitHub organisation acme does not require 2FA' }),
      ]),
    );
    // AWS did not change: none of its conditions is new or resolved.
    expect(alerts.filter((alert) => alert.accountId === '111122223333')).toEqual([]);
    expect(rounds().map((r) => r.scope)).toEqual([
      `scan:111122223333:${inventory}`,
      `scan:111122223333:${inventory}`,
    ]);
  });

  it('refuses a bad outside option in one line, exit 2, before any round; and outside options with --offline', async () => {
    const bad = await cli([
      'watch',
      '--github-org',
      'acme',
      '--github-api-url',
      'localhost:1',
      '--store',
      sandbox.storeFile,
      '--webhook',
      'ops',
    ]);
    expect(bad.code).toBe(EXIT_INPUT);
    expect(bad.stderr).toMatch(/--github-api-url: "localhost:1" is not an http\(s\) URL/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const offline = await cli(['watch', '--offline', '--github-org', 'acme', '--webhook', 'ops']);
    expect(offline.code).toBe(EXIT_INPUT);
    expect(offline.stderr).toMatch(/--offline watches the inventory alone: --github-org is for a scan round/);
    expect(sandbox.receiver.received).toEqual([]);
  });
});
