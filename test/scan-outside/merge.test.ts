/**
 * The outside scans' facts merged into the inventory before the analysis, as the AWS scan's are: a seen fact
 * replaces the declared one, an admin seen but not declared becomes an account the checks count, an unknown
 * fact leaves the declared value and is never safe. Recorded responses on 127.0.0.1, in the shapes of the
 * providers' documented APIs (fixtures.ts: GitHub's GET /orgs/{org} and /orgs/{org}/members, Google's
 * Directory users.list; the pages are named in github-scan.test.ts and google-workspace-scan.test.ts).
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auth } from '@googleapis/admin';
import { afterEach, describe, expect, it } from 'vitest';
import { runOutsideScan, type OutsideScanOptions } from '../../src/cli/scan-outside.js';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { googleWorkspaceCalls } from '../../src/providers/google-workspace/scan/scan.js';
import { acmeAnswers, acmeDeclared, googleTestAuth, superAdminsAnswer } from './fixtures.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An inventory with only the GitHub organisation acme, declared with two owners and 2FA required. */
function acmeInventory(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lockout-merge-')), 'lockout.yaml');
  writeFileSync(file, ['version: 1', 'asOf: 2026-12-01', 'accounts: []', ...acmeDeclared, ''].join('\n'));
  return file;
}

/** `lockout scan --github-org acme` against the recorded server, as JSON, with a token. */
function scanAcme(inventory: string | undefined) {
  const options: OutsideScanOptions = {
    githubOrg: 'acme',
    githubApiUrl: server!.baseUrl,
    inventory,
    format: 'json',
    failOn: 'none',
  };
  return runOutsideScan(options, { GITHUB_TOKEN: 'ghp_test' });
}

/** `lockout scan --google-workspace --inventory` of the startup example, with this auth client. */
function scanStartupWorkspace(googleApiUrl: string, googleAuth: InstanceType<typeof auth.OAuth2>) {
  const options: OutsideScanOptions = {
    googleWorkspace: true,
    googleApiUrl,
    inventory: 'examples/startup-2026.yaml',
    format: 'json',
    failOn: 'none',
  };
  return runOutsideScan(options, {}, { googleAuth });
}

const checkIds = (findings: { checkId: string }[]): string[] => [
  ...new Set(findings.map((finding) => finding.checkId)),
];

describe('the outside facts feed the analysis', () => {
  it('a GitHub organisation whose only seen owner has 2FA off: the checks judge the seen owners, not the declared ones', async () => {
    server = await recordedServer(acmeAnswers(['octocat'], ['octocat'], false));
    const result = await scanAcme(acmeInventory());
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
    // As text: the facts with the call that read each, then the checks' findings on them.
    const text = await runOutsideScan(
      {
        githubOrg: 'acme',
        githubApiUrl: server.baseUrl,
        inventory: acmeInventory(),
        format: 'text',
        failOn: 'none',
      },
      { GITHUB_TOKEN: 'ghp_test' },
    );
    expect(text.output).toContain(`octocat: second step off (seen, ${githubCalls.twoFactorDisabled.call})`);
    expect(text.output).toMatch(
      /Checks, on the inventory with the facts seen:\n(.*\n)*.*github-organization-single-owner: acme has one owner, github-octocat/,
    );
  });

  it('a fact the scan could not read never replaces the declared one and is not safe', async () => {
    const refused = { status: 403, body: { message: 'Must have admin rights to Repository.' } };
    server = await recordedServer({ 'GET /orgs/acme': [refused], 'GET /orgs/acme/members': [refused] });
    const result = await scanAcme(acmeInventory());
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
    const alone = await scanAcme(undefined);
    const unknownOwners = alone.report.checks.find(
      (finding) => finding.checkId === 'github-organization-single-owner',
    );
    expect(unknownOwners?.message).toMatch(/Unknown who owns acme/);
  });

  it('without an inventory, an owner with 2FA off is no contradiction of an inventory: nothing was declared', async () => {
    server = await recordedServer(acmeAnswers(['ana', 'mallory'], ['mallory'], true));
    const alone = await scanAcme(undefined);
    const checkFindings = alone.report.checks.map((finding) => finding.checkId);
    expect(checkFindings).not.toContain('inventory-contradicted');
    // The owner without 2FA is still said, by the comparison with what was seen.
    expect(alone.output).toMatch(/mallory/);
    expect(alone.report.findings).toEqual([
      expect.objectContaining({ kind: 'no-second-step', login: 'mallory', severity: 'high' }),
    ]);
    // With one, the same owner seen without 2FA is said against what the inventory declared.
    const declared = await scanAcme(acmeInventory());
    expect(checkIds(declared.report.checks)).toContain('inventory-contradicted');
  });

  it('the cross-provider checks see the super admins seen in the Workspace', async () => {
    // The startup declares one super admin (Hana): every AWS admin signs in through a Workspace one person holds.
    server = await recordedServer(
      superAdminsAnswer([
        { email: 'hana@kumo.example', enrolled: true, enforced: true },
        { email: 'taro@kumo.example', enrolled: true, enforced: true },
      ]),
    );
    // Unreadable: the declared single super admin stands, and so do the findings on it.
    const declaredOnly = await scanStartupWorkspace('http://127.0.0.1:9', failingAuth());
    expect(checkIds(declaredOnly.report.checks)).toEqual(
      expect.arrayContaining(['idp-admins-one-person', 'workspace-super-admin-count']),
    );
    const result = await scanStartupWorkspace(server.baseUrl, googleTestAuth());
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
