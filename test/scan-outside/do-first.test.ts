/**
 * The text report of `lockout scan` outside AWS opens with what to do first: the fix of its most severe
 * finding. GitHub answers with recorded responses on 127.0.0.1 (test/scan-outside/fixtures.ts).
 */
import { afterEach, expect, it } from 'vitest';
import { severityRank } from '../../src/checks/check.js';
import { runOutsideScan } from '../../src/cli/scan-outside.js';
import { acmeAnswers } from './fixtures.js';
import { recordedServer, type RecordedServer } from './recorded-server.js';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scan = async (answers: Parameters<typeof recordedServer>[0]) => {
  server = await recordedServer(answers);
  return runOutsideScan(
    { githubOrg: 'acme', githubApiUrl: server.baseUrl, format: 'text', failOn: 'none' },
    { GITHUB_TOKEN: 'ghp_test' },
  );
};

it('opens with the fix of the most severe finding', async () => {
  const { output, report } = await scan(acmeAnswers(['octocat'], ['octocat'], false));
  const worst = [...report.checks].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))[0]!;
  expect(worst.severity).toMatch(/critical|high/);
  const [first, second] = output.split('\n');
  expect(first).toBe(`Do first (${worst.severity}, ${worst.checkId}): ${worst.fix}`);
  expect(second).toBe('');
});

it('without a token, what to do first is to make the unknown facts known, not a lesser finding', async () => {
  // No GITHUB_TOKEN: nothing is called, so no server is needed, and every fact is unknown.
  const { output, report } = await runOutsideScan({ githubOrg: 'acme', format: 'text', failOn: 'none' }, {});
  expect(report.findings.some((finding) => finding.kind === 'unknown')).toBe(true);
  const first = output.split('\n')[0]!;
  expect(first).toMatch(/^Do first \(medium, unknown fact\): /);
  expect(first).toContain('GITHUB_TOKEN is not set');
  expect(first).toContain('Members: read');
});
