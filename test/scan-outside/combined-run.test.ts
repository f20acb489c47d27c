/**
 * One run, AWS and the organisations outside it: `lockout scan` with --github-org (and the AWS options) scans
 * both and gives one report, in every format the AWS scan writes, on the inventory reconciled with both; the
 * store keeps the outside facts beside the AWS scan. AWS is answered in-process by the scanner's responder
 * hook, in the shapes AWS documents (API_GetCallerIdentity; AWSOrganizationsNotInUseException for a standalone
 * account; every other call denied), against a closed local port; GitHub by recorded responses on 127.0.0.1
 * in the shapes of its REST API (pages named in github-scan.test.ts).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScan } from '../../src/cli/scan-command.js';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { latestScans, listScans, openStore } from '../../src/store/index.js';
import { offlineScan } from '../support/offline-scan.js';
import { describeErrors, validateCheckReport, validateSarif } from '../report/support.js';
import { acmeAnswers, acmeDeclared, standaloneAws } from './fixtures.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

const ACCOUNT = '111122223333';
const folder = mkdtempSync(path.join(tmpdir(), 'lockout-combined-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

let server: RecordedServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** The AWS account and the GitHub organisation acme, declared with two owners and 2FA required. */
function inventoryFile(): string {
  const file = path.join(folder, 'lockout.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'accounts:',
      `  - { id: '${ACCOUNT}', name: main, organization: standalone }`,
      ...acmeDeclared,
      '',
    ].join('\n'),
  );
  return file;
}

/** GitHub: acme no longer requires 2FA and has one owner, octocat, with 2FA off. */
async function githubServer(): Promise<RecordedServer> {
  return recordedServer(acmeAnswers(['octocat'], ['octocat'], false));
}

describe('lockout scan: AWS and GitHub in one run', () => {
  it('gives one report on the inventory reconciled with both, and stores the outside facts with the scan', async () => {
    server = await githubServer();
    const store = path.join(folder, 'scans.db');
    const calls: string[] = [];
    const outcome = await runScan(
      offlineScan({
        store,
        format: 'json',
        inventory: inventoryFile(),
        responder: standaloneAws(ACCOUNT, calls),
        outside: {
          targets: { githubOrg: 'acme', githubApiUrl: server.baseUrl },
          env: { GITHUB_TOKEN: 'ghp_test' },
        },
      }),
    );
    expect(calls).toContain('STS:GetCallerIdentity');
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
    const report = JSON.parse(outcome.output) as CheckReport;
    // The report's own JSON Schema holds with the outside facts in it (but for the organisations' `administer`
    // capability, which the schema does not list yet: `lockout check --example startup` shows the same).
    const schemaErrors = describeErrors(validateCheckReport(report));
    expect(schemaErrors.filter((error) => !/^\/capabilities\/\d+\/id /.test(error))).toEqual([]);
    const checkIds = new Set(report.findings.map((finding) => finding.checkId));
    // AWS's and GitHub's findings in one report, GitHub's from the seen owners.
    expect(checkIds).toContain('github-organization-single-owner');
    expect(checkIds).toContain('github-organization-2fa-not-required');
    expect(report.findings.some((finding) => finding.accountId === ACCOUNT)).toBe(true);
    expect(report.findings.find((f) => f.checkId === 'github-organization-single-owner')?.message).toMatch(
      /github-octocat/,
    );
    // The evidence: each outside fact seen with its call, beside AWS's; the contradictions with the inventory.
    expect(report.scan?.provenance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accountId: ACCOUNT, field: 'root.mfa' }),
        { accountId: 'acme-github', field: 'owners', source: 'seen', detail: githubCalls.owners.call },
      ]),
    );
    expect(report.scan?.contradictions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accountId: 'acme-github', field: 'twoFactorRequired' }),
        expect.objectContaining({
          accountId: 'acme-github',
          field: 'owners',
          message: expect.stringMatching(/gh-ben is declared a owner/) as unknown,
        }),
      ]),
    );
    expect(outcome.output).not.toContain('ghp_test');

    const opened = openStore(store);
    try {
      const [saved] = latestScans(opened, 1);
      expect(saved!.outside?.map((facts) => facts.login)).toEqual(['acme']);
      expect(listScans(opened)[0]!.outside).toEqual(['GitHub organisation acme']);
    } finally {
      opened.close();
    }
    let history = '';
    await main(['history', '--store', store], { stdout: (text) => (history += text), stderr: () => {} });
    expect(history).toMatch(/Outside AWS\n.*GitHub organisation acme/);
  });

  it('a later run: lockout diff reports an owner added and the 2FA requirement turned off, as AWS drift', async () => {
    const store = path.join(folder, 'drift.db');
    const scanWith = async (answers: Parameters<typeof recordedServer>[0]) => {
      const github = await recordedServer(answers);
      try {
        await runScan(
          offlineScan({
            store,
            inventory: inventoryFile(),
            responder: standaloneAws(ACCOUNT, []),
            outside: {
              targets: { githubOrg: 'acme', githubApiUrl: github.baseUrl },
              env: { GITHUB_TOKEN: 'ghp_test' },
            },
          }),
        );
      } finally {
        await github.close();
      }
    };
    await scanWith(acmeAnswers(['ana', 'ben'], [], true));
    await scanWith(acmeAnswers(['ana', 'ben', 'mallory'], [], false));
    let diff = '';
    await main(['diff', '--store', store, '--format', 'json'], {
      stdout: (text) => (diff += text),
      stderr: () => {},
    });
    const changes = (JSON.parse(diff) as { changes: { kind: string; severity: string }[] }).changes;
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'outside-admin-added', severity: 'medium' }),
        expect.objectContaining({ kind: 'outside-two-step-required-off', severity: 'high' }),
      ]),
    );
  });

  it('writes the same report as SARIF, with the GitHub findings among its results', async () => {
    server = await githubServer();
    const outcome = await runScan(
      offlineScan({
        store: false,
        format: 'sarif',
        inventory: inventoryFile(),
        responder: standaloneAws(ACCOUNT, []),
        outside: {
          targets: { githubOrg: 'acme', githubApiUrl: server.baseUrl },
          env: { GITHUB_TOKEN: 'ghp_test' },
        },
      }),
    );
    const sarif = JSON.parse(outcome.output) as { runs: { results: { ruleId: string }[] }[] };
    expect(describeErrors(validateSarif(sarif))).toEqual([]);
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toContain(
      'github-organization-single-owner',
    );
  });

  it('the CLI takes the AWS scan too when an AWS option is given with --github-org, and refuses a bad URL first', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(
      ['scan', '--aws', '--github-org', 'acme', '--github-api-url', 'localhost:1', '--no-store'],
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/--github-api-url: "localhost:1" is not an http\(s\) URL/);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  it('the CLI calls AWS first when --endpoint-url is given with --github-org (only outside options: no AWS call)', async () => {
    server = await githubServer();
    vi.stubEnv('GITHUB_TOKEN', 'ghp_test');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    let stderr = '';
    // AWS at a closed local port: the scan cannot start, and says so before GitHub is called.
    const code = await main(
      [
        'scan',
        '--endpoint-url',
        'http://127.0.0.1:9',
        '--max-attempts',
        '1',
        '--github-org',
        'acme',
        '--github-api-url',
        server.baseUrl,
        '--no-store',
        '--no-progress',
      ],
      { stdout: () => {}, stderr: (text) => (stderr += text) },
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/AWS|sts|caller/i);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(server.requests).toEqual([]);
  });
});
