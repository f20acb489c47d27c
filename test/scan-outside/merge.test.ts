/**
 * The outside scans' facts merged into the inventory before the analysis, as the AWS scan's are: a seen fact
 * replaces the declared one, an admin seen but not declared becomes an account the checks count, an unknown
 * fact leaves the declared value and is never safe. Recorded responses on 127.0.0.1, in the shapes of the
 * providers' documented APIs (GitHub's GET /orgs/{org} and /orgs/{org}/members, Google's Directory users.list;
 * the pages are named in github-scan.test.ts and google-workspace-scan.test.ts).
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auth } from '@googleapis/admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runOutsideScan } from '../../src/cli/scan-outside.js';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { googleWorkspaceCalls } from '../../src/providers/google-workspace/scan/scan.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const user = (login: string, id: number) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjE=',
  type: 'User',
  site_admin: false,
});

let server: RecordedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** An inventory with only a GitHub organisation declared with two owners, both with 2FA on, and 2FA required. */
function acmeInventory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockout-merge-'));
  const file = join(dir, 'lockout.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'asOf: 2026-12-01',
      'accounts: []',
      'outsideAccounts:',
      '  - { id: acme-github, provider: github-organization, login: acme, owners: [gh-ana, gh-ben], twoFactorRequired: on }',
      '  - { id: gh-ana, provider: github, login: ana, twoStepVerification: on }',
      '  - { id: gh-ben, provider: github, login: ben, twoStepVerification: on }',
      '',
    ].join('\n'),
  );
  return file;
}

const checkIds = (findings: { checkId: string }[]): string[] => [...new Set(findings.map((f) => f.checkId))];

describe('the outside facts feed the analysis', () => {
  it('a GitHub organisation whose only seen owner has 2FA off: the checks judge the seen owners, not the declared ones', async () => {
    server = await recordedServer({
      'GET /orgs/acme/members?filter=2fa_disabled': [{ body: [user('octocat', 1)] }],
      'GET /orgs/acme/members?role=admin': [{ body: [user('octocat', 1)] }],
      'GET /orgs/acme': [
        { body: { login: 'acme', id: 1, type: 'Organization', two_factor_requirement_enabled: false } },
      ],
    });
    const result = await runOutsideScan(
      {
        githubOrg: 'acme',
        githubApiUrl: server.baseUrl,
        inventory: acmeInventory(),
        format: 'json',
        failOn: 'none',
      },
      { GITHUB_TOKEN: 'ghp_test' },
    );
    const single = result.report.checks.find(
      (finding) => finding.checkId === 'github-organization-single-owner',
    );
    expect(single?.message).toMatch(/has one owner, github-octocat/);
    expect(checkIds(result.report.checks)).toEqual(
      expect.arrayContaining(['github-organization-2fa-not-required', 'inventory-contradicted']),
    );
    // The owner seen but not declared is an account of the inventory, with the second step seen.
    expect(result.report.inventory.outsideAccounts).toEqual(
      expect.arrayContaining([
        { provider: 'github', id: 'github-octocat', login: 'octocat', twoStepVerification: 'off' },
      ]),
    );
    // The report says each fact was seen, and by which call.
    expect(result.report.provenance).toEqual(
      expect.arrayContaining([
        { accountId: 'acme-github', field: 'owners', source: 'seen', detail: githubCalls.owners.call },
        {
          accountId: 'acme-github',
          field: 'twoFactorRequired',
          source: 'seen',
          detail: githubCalls.organization.call,
        },
        {
          accountId: 'github-octocat',
          field: 'twoStepVerification',
          source: 'seen',
          detail: githubCalls.twoFactorDisabled.call,
        },
      ]),
    );
    expect(result.output).not.toContain('ghp_test');
  });

  it('a fact the scan could not read never replaces the declared one and is not safe', async () => {
    server = await recordedServer({
      'GET /orgs/acme': [{ status: 403, body: { message: 'Must have admin rights to Repository.' } }],
      'GET /orgs/acme/members': [{ status: 403, body: { message: 'Must have admin rights to Repository.' } }],
    });
    const result = await runOutsideScan(
      {
        githubOrg: 'acme',
        githubApiUrl: server.baseUrl,
        inventory: acmeInventory(),
        format: 'json',
        failOn: 'none',
      },
      { GITHUB_TOKEN: 'ghp_test' },
    );
    const organisation = result.report.inventory.outsideAccounts?.find(
      (account) => account.id === 'acme-github',
    );
    expect(organisation).toMatchObject({ owners: ['gh-ana', 'gh-ben'], twoFactorRequired: 'on' });
    expect(checkIds(result.report.checks)).not.toContain('github-organization-single-owner');
    expect(result.report.provenance).toEqual(
      expect.arrayContaining([
        { accountId: 'acme-github', field: 'owners', source: 'attested', detail: 'inventory' },
      ]),
    );
    // Without an inventory, the same unknown owners are unknown: a finding, never "fine".
    const alone = await runOutsideScan(
      { githubOrg: 'acme', githubApiUrl: server.baseUrl, format: 'json', failOn: 'none' },
      { GITHUB_TOKEN: 'ghp_test' },
    );
    const unknownOwners = alone.report.checks.find(
      (finding) => finding.checkId === 'github-organization-single-owner',
    );
    expect(unknownOwners?.message).toMatch(/Unknown who owns acme/);
  });

  it('the cross-provider checks see the super admins seen in the Workspace', async () => {
    // The startup declares one super admin (Hana): every AWS admin signs in through a Workspace one person holds.
    server = await recordedServer({
      'GET /admin/directory/v1/users?': [
        {
          body: {
            kind: 'admin#directory#users',
            users: [
              {
                primaryEmail: 'hana@kumo.example',
                isAdmin: true,
                isEnrolledIn2Sv: true,
                isEnforcedIn2Sv: true,
              },
              {
                primaryEmail: 'taro@kumo.example',
                isAdmin: true,
                isEnrolledIn2Sv: true,
                isEnforcedIn2Sv: true,
              },
            ],
          },
        },
      ],
    });
    const googleAuth = new auth.OAuth2();
    googleAuth.setCredentials({ access_token: 'test-token' });
    const declaredOnly = await runOutsideScan(
      {
        googleWorkspace: true,
        googleApiUrl: 'http://127.0.0.1:9',
        inventory: 'examples/startup-2026.yaml',
        format: 'json',
        failOn: 'none',
      },
      {},
      { googleAuth: failingAuth() },
    );
    // Unreadable: the declared single super admin stands, and so do the findings on it.
    expect(checkIds(declaredOnly.report.checks)).toEqual(
      expect.arrayContaining(['idp-admins-one-person', 'workspace-super-admin-count']),
    );
    const result = await runOutsideScan(
      {
        googleWorkspace: true,
        googleApiUrl: server.baseUrl,
        inventory: 'examples/startup-2026.yaml',
        format: 'json',
        failOn: 'none',
      },
      {},
      { googleAuth },
    );
    // Seen: Taro (declared as google-taro, held by Taro) is a super admin too, so neither finding remains.
    const workspace = result.report.inventory.outsideAccounts?.find(
      (account) => account.id === 'kumo-workspace',
    );
    expect(workspace).toMatchObject({ superAdmins: ['google-hana', 'google-taro'] });
    expect(checkIds(result.report.checks)).not.toContain('idp-admins-one-person');
    expect(checkIds(result.report.checks)).not.toContain('workspace-super-admin-count');
    expect(result.report.provenance).toEqual(
      expect.arrayContaining([
        {
          accountId: 'kumo-workspace',
          field: 'superAdmins',
          source: 'seen',
          detail: googleWorkspaceCalls.superAdmins.call,
        },
      ]),
    );
    expect(readFileSync('examples/startup-2026.yaml', 'utf8')).toContain('superAdmins: [google-hana]');
  });
});

/** A Google auth client whose token request fails at once, with no network: the facts are unknown. */
function failingAuth(): InstanceType<typeof auth.OAuth2> {
  const client = new auth.OAuth2();
  client.getAccessToken = () => Promise.reject(new Error('no credentials in this test'));
  client.getRequestHeaders = () => Promise.reject(new Error('no credentials in this test'));
  return client;
}
