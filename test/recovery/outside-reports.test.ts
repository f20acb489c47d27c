// The outside accounts' capabilities where the AWS accounts' are (issue 16): check, whatif, plan and export
// on examples/incident-2022-outside.yaml, through the command line run in-process.
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { validateCheckReport } from '../report/support.js';
import { capabilitiesOf, type CheckReportJson } from '../../src/report/json-report.js';
import type { WhatIfReport } from '../../src/report/what-if-report.js';

const example = 'examples/incident-2022-outside.yaml';

describe('outside accounts in the reports', () => {
  it('check lists the Google account and its sign-in, in a report valid against its schema', async () => {
    const { code, stdout } = await cli(['check', example, '--format', 'json', '--fail-on', 'none']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CheckReportJson;
    const google = report.accounts.find((account) => account.id === 'google-alex');
    expect(google).toMatchObject({ name: "Alex's Google account", organization: 'outside (google)' });
    const capabilities = capabilitiesOf(report, google!);
    expect(capabilities.map((c) => [c.id, c.state])).toEqual([['sign-in', 'one-loss-away']]);
    expect(capabilities[0]?.singlePointsOfFailure.map((f) => f.id)).toContain('old-number');
    expect(validateCheckReport(report)).toEqual([]);
    // The AWS account comes first, as before.
    expect(report.accounts[0]?.id).toBe('111122223333');
  });

  it("whatif --lose old-phone shows both providers' capabilities lost", async () => {
    const { stdout } = await cli(['whatif', example, '--lose', 'old-phone', '--format', 'json']);
    const report = JSON.parse(stdout) as WhatIfReport;
    const of = (account: string, capability: string) =>
      report.capabilities.find((c) => c.accountId === account && c.capability === capability);
    expect(of('google-alex', 'sign-in')).toMatchObject({ before: 'at-risk', after: 'lost' });
    expect(of('111122223333', 'receive-billing-notices')).toMatchObject({ before: 'at-risk', after: 'lost' });
    const text = await cli(['whatif', example, '--lose', 'old-phone']);
    expect(text.stdout).toContain("Account Alex's Google account (google-alex)");
  });

  it('plan recovers the Google account first, then resets root’s password by mail', async () => {
    const { stdout } = await cli([
      'plan',
      example,
      '--now',
      '2019-03-01',
      '--lost',
      'laptop',
      '--card-failed',
      '2019-03-01',
      '--format',
      'json',
    ]);
    const plan = JSON.parse(stdout) as {
      verdict: string;
      steps: { id: string; title: string; start: string; end: string }[];
    };
    const [google, root] = plan.steps;
    expect(google?.title).toBe("Recover Alex's Google account with a code to its recovery phone");
    expect(root?.id).toBe('root-sign-in');
    expect(root?.title).toBe('Reset the root password by mail, then sign in as root');
    expect(Date.parse(root!.start)).toBeGreaterThanOrEqual(Date.parse(google!.end));
    // Google's 3-5 business days still fit before the earliest suspension date.
    expect(plan.verdict).toBe('fits');
  });

  it('export writes the Google gates into the fault tree', async () => {
    const { stdout } = await cli(['export', example, '--format', 'mef']);
    expect(stdout).toContain('google-alex/sign-in');
  });
});
