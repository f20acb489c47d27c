/**
 * The startup example (examples/startup-2026.yaml): AWS reached through IAM Identity Center federated from
 * Google Workspace, root's address on the company domain, the domain at a Cloudflare account, the code on
 * GitHub, the root password in 1Password. Lockout sets cross providers: Hana's phone alone takes capabilities
 * at AWS, Google Workspace, Google and the registrar.
 */
import { describe, expect, it } from 'vitest';
import { examplePath } from '../../src/cli/inventory-input.js';
import { loadInventory } from '../../src/inventory/index.js';
import { cli } from '../support/cli.js';

interface WhatIfJson {
  capabilities: { accountId: string; capability: string; before: string; after: string }[];
}
interface CheckJson {
  accounts: { id: string; capabilities: number[] }[];
  capabilities: { id: string; singlePointsOfFailure: { id: string }[] }[];
  findings: { checkId: string; message: string }[];
}

async function providerOf(): Promise<(accountId: string) => string> {
  const loaded = await loadInventory(examplePath('startup'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const outside = new Map((loaded.inventory.outsideAccounts ?? []).map((account) => [account.id, account]));
  return (accountId) => outside.get(accountId)?.provider ?? 'aws';
}

async function whatIf(lose: string): Promise<WhatIfJson> {
  const run = await cli(['whatif', '--example', 'startup', '--lose', lose, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as WhatIfJson;
}

describe('the startup example', () => {
  it('loads as it is shipped', async () => {
    const loaded = await loadInventory(examplePath('startup'));
    expect(loaded.ok).toBe(true);
  });

  it("has a lockout set crossing at least three providers: Hana's phone alone", async () => {
    const provider = await providerOf();
    const answer = await whatIf('phone-hana');
    const newlyLost = answer.capabilities.filter((c) => c.before !== 'lost' && c.after === 'lost');
    const providers = new Set(newlyLost.map((c) => provider(c.accountId)));
    expect([...providers].sort()).toEqual(['aws', 'google', 'google-workspace', 'registrar']);
    // The AWS capability it takes is root's billing mail: through the Workspace account (the phone is its
    // 2-Step Verification) and the registrar account (its authenticator) that holds the mail domain.
    expect(newlyLost).toContainEqual(
      expect.objectContaining({ accountId: '210000000001', capability: 'receive-billing-notices' }),
    );
    const check = await cli(['check', '--example', 'startup', '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(check.stdout) as CheckJson;
    const notices = report.accounts
      .find((account) => account.id === '210000000001')!
      .capabilities.map((position) => report.capabilities[position]!)
      .find((capability) => capability.id === 'receive-billing-notices')!;
    expect(notices.singlePointsOfFailure.map((ref) => ref.id)).toContain('phone-hana');
  });

  it('losing Hana takes every provider her sign-ins hold: AWS, Workspace, Cloudflare and 1Password', async () => {
    const provider = await providerOf();
    const answer = await whatIf('hana');
    const lost = new Set(
      answer.capabilities.filter((c) => c.after === 'lost').map((c) => provider(c.accountId)),
    );
    for (const expected of ['aws', 'google-workspace', 'registrar', '1password'])
      expect(lost).toContain(expected);
    // GitHub's password is in the team vault, lost with Hana, but Taro signs in with a passkey synced through
    // his Apple Account's iCloud Keychain, which needs no password: GitHub stays (test/recovery/apple-account.test.ts).
    expect(lost).not.toContain('github');
    expect(lost).not.toContain('github-organization');
  });

  it('finds what no single-provider tool can: the checks that need the graph across providers', async () => {
    const check = await cli(['check', '--example', 'startup', '--format', 'json', '--fail-on', 'none']);
    const ids = new Set((JSON.parse(check.stdout) as CheckJson).findings.map((finding) => finding.checkId));
    for (const id of [
      'root-mailbox-needs-root-mfa-phone',
      'idp-admins-one-person',
      'root-mailbox-domain-renews-on-expiring-card',
      'workspace-super-admin-count',
      'github-organization-single-owner',
      'password-manager-single-recoverer',
    ])
      expect(ids).toContain(id);
  });
});

describe('findings about accounts outside AWS', () => {
  it('name the outside account they are about, in JSON and in SARIF', async () => {
    const check = await cli(['check', '--example', 'startup', '--format', 'json', '--fail-on', 'none']);
    const findings = (
      JSON.parse(check.stdout) as {
        findings: { checkId: string; outsideAccountId?: string; outsideAccountName?: string }[];
      }
    ).findings;
    expect(findings.find((f) => f.checkId === 'github-organization-single-owner')).toMatchObject({
      outsideAccountId: 'kumo-github',
      outsideAccountName: 'kumo-labs on GitHub',
    });
    expect(findings.find((f) => f.checkId === 'workspace-super-admin-count')?.outsideAccountId).toBe(
      'kumo-workspace',
    );
    const sarif = await cli(['check', '--example', 'startup', '--format', 'sarif', '--fail-on', 'none']);
    const results = (
      JSON.parse(sarif.stdout) as {
        runs: {
          results: {
            ruleId: string;
            locations?: { logicalLocations?: { fullyQualifiedName: string }[] }[];
          }[];
        }[];
      }
    ).runs[0]!.results;
    const owner = results.find((result) => result.ruleId === 'github-organization-single-owner')!;
    expect(
      owner.locations?.flatMap((l) => l.logicalLocations ?? []).map((l) => l.fullyQualifiedName),
    ).toContain('outside/account/kumo-github');
  });
});
