/**
 * `lockout scan --github-org/--google-workspace/--entra`: the scanners through the command, against recorded
 * responses on 127.0.0.1 (shapes as in github-scan, google-workspace-scan and entra-scan.test.ts, from the
 * documentation pages named there); the comparison with the inventory; the scopes each call declares.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from '../../src/cli/errors.js';
import { main } from '../../src/cli/main.js';
import { runOutsideScan } from '../../src/cli/scan-outside.js';
import type { Context } from '@microsoft/microsoft-graph-client';
import { githubCalls, githubClient } from '../../src/providers/github/scan/scan.js';
import { googleWorkspaceCalls } from '../../src/providers/google-workspace/scan/scan.js';
import {
  bearerToken,
  globalAdministratorTemplateId,
  graphCalls,
} from '../../src/providers/microsoft/scan/scan.js';
import { reconcileOutside, type DeclaredOutsideAccount } from '../../src/providers/outside/scan/reconcile.js';
import { seen } from '../../src/providers/outside/scan/facts.js';
import { githubUser, googleTestAuth, superAdminsAnswer } from './fixtures.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const STACK_LINE = /\n\s+at /;
const user = githubUser;

let server: RecordedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** GitHub's answers, and AWS's endpoint pointed at the same server: any AWS call would be recorded too. */
async function githubServer(routes: Parameters<typeof recordedServer>[0]): Promise<RecordedServer> {
  const started = await recordedServer(routes);
  // A run outside AWS is saved in the store: a temporary one, never the user's.
  vi.stubEnv('LOCKOUT_HOME', mkdtempSync(join(tmpdir(), 'lockout-scan-outside-')));
  vi.stubEnv('AWS_ENDPOINT_URL', started.baseUrl);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  return started;
}

describe('lockout scan outside AWS', () => {
  it('scans a GitHub organisation alone, as JSON, with GET calls only and no AWS call', async () => {
    server = await githubServer({
      'GET /orgs/github/members?filter=2fa_disabled': [{ body: [user('mona', 2)] }],
      'GET /orgs/github/members?role=admin': [{ body: [user('octocat', 1), user('mona', 2)] }],
      'GET /orgs/github': [
        { body: { login: 'github', id: 1, type: 'Organization', two_factor_requirement_enabled: true } },
      ],
    });
    vi.stubEnv('GITHUB_TOKEN', 'ghp_test');
    const result = await run([
      'scan',
      '--github-org',
      'github',
      '--github-api-url',
      server.baseUrl,
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_OK);
    const report = JSON.parse(result.stdout) as {
      scans: { admins: { status: string; value: { login: string }[] } }[];
    };
    expect(report.scans[0]!.admins.value.map((owner) => owner.login)).toEqual(['octocat', 'mona']);
    expect(server.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual([
      'GET /orgs/github',
      'GET /orgs/github/members',
      'GET /orgs/github/members',
    ]);
    // The token is never printed.
    expect(result.stdout).not.toContain('ghp_test');
  });

  it('without GITHUB_TOKEN calls nothing and says why in one line; the facts are unknown, not safe', async () => {
    server = await githubServer({});
    vi.stubEnv('GITHUB_TOKEN', '');
    const result = await run(['scan', '--github-org', 'github', '--github-api-url', server.baseUrl]);
    expect(result.stdout).toMatch(/owners unknown \(access-denied\): GITHUB_TOKEN is not set/);
    expect(result.stdout).not.toMatch(STACK_LINE);
    expect(server.requests).toEqual([]);
  });

  it('says a 401 in one line, without a stack trace', async () => {
    server = await githubServer({
      'GET /orgs/github': [
        {
          status: 401,
          body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
        },
      ],
    });
    vi.stubEnv('GITHUB_TOKEN', 'ghp_revoked');
    const result = await run(['scan', '--github-org', 'github', '--github-api-url', server.baseUrl]);
    expect(result.stdout).toMatch(/twoFactorRequired unknown \(access-denied\): HTTP 401: Bad credentials/);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).not.toContain('ghp_revoked');
  });

  it('refuses an API URL that is not one, with exit 2 and the option named', async () => {
    const result = await run(['scan', '--github-org', 'github', '--github-api-url', 'localhost:8080']);
    expect(result.code).toBe(EXIT_INPUT);
    expect(result.stderr).toMatch(/--github-api-url: "localhost:8080" is not an http\(s\) URL/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a format it cannot write yet, with exit 2', async () => {
    const result = await run(['scan', '--github-org', 'github', '--format', 'sarif']);
    expect(result.code).toBe(EXIT_INPUT);
    expect(result.stderr).toMatch(/--format sarif is not available for a scan outside AWS/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('scans Workspace and Entra with the given credentials and reports admins with no second step', async () => {
    server = await recordedServer({
      'GET /admin/directory/v1/users?': [
        {
          body: {
            kind: 'admin#directory#users',
            users: [
              {
                primaryEmail: 'liz@example.com',
                isAdmin: true,
                isEnrolledIn2Sv: false,
                isEnforcedIn2Sv: false,
              },
            ],
          },
        },
      ],
      [`GET /v1.0/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`]: [
        {
          body: {
            value: [
              { '@odata.type': '#microsoft.graph.user', id: '1', userPrincipalName: 'AdeleV@contoso.com' },
            ],
          },
        },
      ],
      'GET /v1.0/reports/authenticationMethods/userRegistrationDetails': [
        {
          body: {
            value: [
              {
                userPrincipalName: 'AdeleV@contoso.com',
                isMfaRegistered: true,
                methodsRegistered: ['fido2SecurityKey'],
              },
            ],
          },
        },
      ],
    });
    const googleAuth = googleTestAuth();
    const result = await runOutsideScan(
      {
        googleWorkspace: true,
        entra: true,
        googleApiUrl: server.baseUrl,
        graphApiUrl: server.baseUrl,
        format: 'text',
        failOn: 'high',
      },
      {},
      { googleAuth, graphToken: () => Promise.resolve('test-token') },
    );
    expect(result.output).toContain('liz@example.com: second step off');
    expect(result.output).toContain('AdeleV@contoso.com: second step on [security-key]');
    expect(result.output).toMatch(/\[high\] super admin liz@example.com has no second step/);
    expect(result.exitCode).toBe(EXIT_FINDINGS);
    // Without an inventory no admin is "not declared" (the checks may still ask for facts to be declared).
    expect(result.report.findings.map((finding) => finding.kind)).not.toContain('not-declared');
    expect(result.output).not.toMatch(/is not declared \(no inventory entry/);
    expect(new Set(server.requests.map((request) => request.method))).toEqual(new Set(['GET']));
  });

  it('reads the inventory: a Google account declared with 2-Step Verification on, seen off', async () => {
    server = await recordedServer(
      superAdminsAnswer([{ email: 'alex.example.aws@gmail.com', enrolled: false, enforced: false }]),
    );
    const googleAuth = googleTestAuth();
    const result = await runOutsideScan(
      {
        googleWorkspace: true,
        googleApiUrl: server.baseUrl,
        inventory: 'examples/incident-2022-outside.yaml',
        format: 'json',
        failOn: 'high',
      },
      {},
      { googleAuth },
    );
    expect(result.report.findings.map((finding) => [finding.kind, finding.accountId, finding.field])).toEqual(
      [
        ['not-declared', undefined, 'superAdmins'],
        ['contradiction', 'google-alex', 'twoStepVerification'],
      ],
    );
    expect(result.exitCode).toBe(EXIT_FINDINGS);
  });
});

describe('comparison with the inventory', () => {
  const declared: DeclaredOutsideAccount[] = [
    {
      id: 'acme-github',
      provider: 'github-organization',
      login: 'acme',
      owners: ['gh-ana', 'gh-ben'],
      twoFactorRequired: 'on',
    },
    { id: 'gh-ana', provider: 'github', login: 'ana', twoStepVerification: 'on' },
    { id: 'gh-ben', provider: 'github', login: 'ben' },
  ];

  it('names the owners not declared, the declared ones not seen, and a second step declared on but seen off', () => {
    const call = githubCalls.owners;
    const findings = reconcileOutside(
      [
        {
          provider: 'github-organization',
          memberProvider: 'github',
          login: 'acme',
          twoStepRequired: seen(githubCalls.organization, 'off'),
          admins: seen(call, [
            { login: 'ANA', twoStepVerification: seen(githubCalls.twoFactorDisabled, 'off') },
            { login: 'carol', twoStepVerification: seen(githubCalls.twoFactorDisabled, 'on') },
          ]),
          calls: [],
        },
      ],
      declared,
    );
    expect(findings.map((finding) => [finding.kind, finding.accountId, finding.field])).toEqual([
      ['contradiction', 'acme-github', 'twoFactorRequired'],
      ['contradiction', 'gh-ana', 'twoStepVerification'],
      ['not-declared', 'acme-github', 'owners'],
      ['not-seen', 'acme-github', 'owners'],
    ]);
    expect(findings[3]!.message).toMatch(/gh-ben is declared a owner but .* does not list ben/);
  });

  it('contradicts nothing with a fact it could not read', () => {
    const findings = reconcileOutside(
      [
        {
          provider: 'github-organization',
          memberProvider: 'github',
          login: 'acme',
          admins: {
            status: 'unknown',
            reason: 'access-denied',
            action: githubCalls.owners.call,
            message: 'HTTP 403',
            scope: githubCalls.owners.scope,
          },
          calls: [],
        },
      ],
      declared,
    );
    expect(findings.map((finding) => finding.kind)).toEqual(['unknown']);
    expect(findings[0]!.message).toContain('read:org');
  });
});

describe('the scopes each call needs', () => {
  it('declares only GETs, each with its least scope', () => {
    const calls = [
      ...Object.values(githubCalls),
      ...Object.values(googleWorkspaceCalls),
      ...Object.values(graphCalls),
    ];
    expect(calls.every((call) => call.call.startsWith('GET /'))).toBe(true);
    expect(Object.fromEntries(calls.map((call) => [call.call, call.scope.split(/[;(]/)[0]!.trim()]))).toEqual(
      {
        'GET /orgs/{org}': 'Members: read',
        'GET /orgs/{org}/members?role=admin': 'Members: read',
        'GET /orgs/{org}/members?filter=2fa_disabled': 'Members: read',
        'GET /admin/directory/v1/users?customer=my_customer&query=isAdmin=true':
          'https://www.googleapis.com/auth/admin.directory.user.readonly',
        [`GET /directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`]:
          'RoleManagement.Read.Directory',
        'GET /reports/authenticationMethods/userRegistrationDetails': 'AuditLog.Read.All',
      },
    );
  });
});

describe('the clients refuse anything but GET before sending', () => {
  it("GitHub: a write through the scanner's Octokit never reaches the server", async () => {
    server = await recordedServer({ 'PATCH /orgs/github': [{ body: {} }] });
    const octokit = githubClient({ token: 'test-token', baseUrl: server.baseUrl });
    await expect(octokit.rest.orgs.update({ org: 'github', name: 'renamed' })).rejects.toThrow(
      /refused PATCH .*the scan only reads/,
    );
    expect(server.requests).toEqual([]);
  });

  it('Graph: the middleware refuses a POST and passes a GET on with the token', async () => {
    const sent: Context[] = [];
    const guard = bearerToken(() => 'test-token');
    guard.setNext({
      execute: (context) => {
        sent.push(context);
        return Promise.resolve();
      },
    });
    await expect(
      guard.execute({ request: 'https://graph.microsoft.com/v1.0/users', options: { method: 'POST' } }),
    ).rejects.toThrow(/refused POST/);
    await guard.execute({ request: 'https://graph.microsoft.com/v1.0/users', options: { method: 'GET' } });
    expect(sent).toHaveLength(1);
    expect(new Headers(sent[0]!.options?.headers).get('authorization')).toBe('Bearer test-token');
  });
});
