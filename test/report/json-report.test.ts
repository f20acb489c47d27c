/**
 * `lockout check --format json`, version 3: each capability result, each way's and each check's fixed text
 * once, in tables the accounts and findings refer to; findings once. It carries what version 1 did: version 1's
 * shape rebuilt from it is the old output, field for field.
 */

import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { expandJsonReport, toJsonReport, type CheckReportJson } from '../../src/report/json-report.js';
import { checkReport, cli } from './support.js';

const wayStatusFields = ['lostBecause', 'status', 'unknownFacts', 'unknownOnly', 'way'];

/** What `lockout check --format json` printed, parsed. */
async function printed(args: string[]): Promise<CheckReportJson> {
  const { stdout, stderr } = await cli(['check', ...args, '--format', 'json', '--fail-on', 'none']);
  expect(stderr).toBe('');
  return JSON.parse(stdout) as CheckReportJson;
}

/** Version 1's output: the CheckReport as JSON (jsonChunks wrote exactly JSON.stringify of it). */
const version1 = (report: CheckReport): unknown => JSON.parse(JSON.stringify(report));

describe('the JSON report, version 3', () => {
  it('says its version', async () => {
    expect((await printed(['--example', 'incident'])).formatVersion).toBe(3);
  });

  it('refers only to capabilities, ways and checks its tables hold, and holds none it does not refer to', async () => {
    for (const example of ['incident', 'small-team', 'startup']) {
      const report = await printed(['--example', example]);
      const referredCapabilities = report.accounts.flatMap((account) => account.capabilities);
      expect([...new Set(referredCapabilities)].sort((a, b) => a - b)).toEqual(
        report.capabilities.map((_, index) => index),
      );
      const referredWays = new Set(
        report.capabilities.flatMap((capability) => capability.ways.map((way) => way.way)),
      );
      expect(referredWays.size, example).toBeGreaterThan(0);
      for (const key of referredWays) expect(report.ways, `${example}: way ${key}`).toHaveProperty([key]);
      expect(new Set(Object.keys(report.ways))).toEqual(referredWays);
      const referredChecks = new Set(report.findings.map((finding) => finding.checkId));
      expect(referredChecks.size, example).toBeGreaterThan(0);
      expect(new Set(Object.keys(report.checks))).toEqual(referredChecks);
      const referredLosses = new Set(
        report.capabilities.flatMap((capability) => capability.lockoutSets.flat()),
      );
      expect([...referredLosses].sort((a, b) => a - b)).toEqual(report.losses.map((_, index) => index));
    }
  });

  it('writes each way’s and each check’s fixed text once', async () => {
    const { stdout } = await cli([
      'check',
      '--example',
      'small-team',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const report = JSON.parse(stdout) as CheckReportJson;
    // Small-team has several accounts with the same ways: version 1 wrote each label once per account.
    expect(report.accounts.length).toBeGreaterThan(1);
    // Under the accounts, a way is its key and its status: no label, short, docs or duration.
    for (const capability of report.capabilities) {
      for (const way of capability.ways) expect(Object.keys(way).sort()).toEqual(wayStatusFields);
    }
    // A way's text may differ between accounts (its duration, when it holds): once for each text.
    const texts = Object.values(report.ways).map((way) => JSON.stringify(way));
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(report.losses).size).toBe(report.losses.length);
    for (const [id, check] of Object.entries(report.checks)) {
      expect(stdout.split(JSON.stringify(check.why)).length - 1, id).toBe(1);
    }
    // Findings once: at the top level, none under the accounts.
    for (const account of report.accounts) expect(account).not.toHaveProperty('findings');
  });

  it.each([
    ['incident', { deadline: '2022-06-30' }],
    ['incident', { asOf: '2030-01-01' }],
    ['small-team', {}],
    ['startup', {}],
    ['incident-outside', { format: 'html' as const }],
  ] as const)('carries what version 1 did: %s %o rebuilt is the old output', async (example, extra) => {
    const report = await checkReport(example, extra);
    const written = JSON.parse(JSON.stringify(toJsonReport(report))) as CheckReportJson;
    expect(expandJsonReport(written)).toEqual(version1(report));
  });

  it('rebuilds a version 1 capability of the incident from what the CLI printed', async () => {
    const report = expandJsonReport(await printed(['--example', 'incident', '--deadline', '2022-06-30']));
    const old = version1(await checkReport('incident', { deadline: '2022-06-30' })) as CheckReport;
    const root = (r: CheckReport): unknown =>
      r.accounts[0]!.capabilities.find((capability) => capability.id === 'root-sign-in');
    expect(root(report)).toEqual(root(old));
    const way = report.accounts[0]!.capabilities[0]!.ways[0]!;
    expect([typeof way.id, typeof way.label, typeof way.short]).toEqual(['string', 'string', 'string']);
  });

  it('refuses a reference its dictionary does not hold', async () => {
    const report = await printed(['--example', 'incident']);
    const broken = structuredClone(report);
    broken.capabilities[broken.accounts[0]!.capabilities[0]!]!.ways[0]!.way = 'no-such-way';
    expect(() => expandJsonReport(broken)).toThrow(/no-such-way/);
    const missing = structuredClone(report);
    missing.accounts[0]!.capabilities[0] = missing.capabilities.length;
    expect(() => expandJsonReport(missing)).toThrow(/not in "capabilities"/);
  });
});

describe('layout', () => {
  const run = async (isTerminal: boolean): Promise<string> => {
    let stdout = '';
    await main(['check', '--example', 'small-team', '--format', 'json', '--fail-on', 'none'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      isTerminal,
    });
    return stdout;
  };

  it('is compact for a file or a pipe and indented on a terminal, the same data', async () => {
    const piped = await run(false);
    const terminal = await run(true);
    expect(piped.trimEnd()).not.toContain('\n');
    expect(terminal).toContain('\n  "accounts": [\n');
    expect(JSON.parse(piped)).toEqual(JSON.parse(terminal));
    expect(piped.length).toBeLessThan(terminal.length * 0.8);
  });
});
